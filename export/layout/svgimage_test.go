package layout

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// pngURL is a data: URL of a w×h PNG, its base64 broken into lines of
// 76 characters with an indent, as Inkscape writes it.
func pngURL(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		img.Set(i%w, i/w, color.NRGBA{R: 200, G: uint8(i), A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	s := base64.StdEncoding.EncodeToString(b.Bytes())
	var lines []string
	for len(s) > 76 {
		lines, s = append(lines, s[:76]), s[76:]
	}
	return "data:image/png;base64," + strings.Join(append(lines, s), "\n   ")
}

// TestSVGPictures: the <image> elements of an SVG image that the PDF
// draws, and where, in the drawing's user units; and those it leaves out.
func TestSVGPictures(t *testing.T) {
	wide := pngURL(t, 20, 10) // 2:1
	cases := []struct {
		name    string
		body    string
		want    [][4]float64 // x, y, w, h of each picture drawn
		leftOut int
	}{
		{"1 stretched to its box", `<image x="10" y="20" width="30" height="40" preserveAspectRatio="none" xlink:href="` + wide + `"/>`,
			[][4]float64{{10, 20, 30, 40}}, 0},
		{"2 fitted and centred (xMidYMid meet, the default)", `<image x="10" y="20" width="40" height="40" href="` + wide + `"/>`,
			[][4]float64{{10, 30, 40, 20}}, 0},
		{"3 fitted to the box's end", `<image x="0" y="0" width="40" height="40" preserveAspectRatio="xMaxYMax meet" href="` + wide + `"/>`,
			[][4]float64{{0, 20, 40, 20}}, 0},
		{"4 moved and scaled by its own and its group's transforms", `<g transform="translate(5,6)"><image transform="scale(2)" width="10" height="5" href="` + wide + `"/></g>`,
			[][4]float64{{5, 6, 20, 10}}, 0},
		{"5 its own size when it gives none; the height from its width", `<image x="1" y="2" href="` + wide + `"/><image width="40" href="` + wide + `"/>`,
			[][4]float64{{1, 2, 20, 10}, {0, 0, 40, 20}}, 0},
		{"6 drawn where a use names it, not in its definitions", `<defs><image id="p" width="20" height="10" href="` + wide + `"/></defs><use xlink:href="#p" x="7" y="8"/>`,
			[][4]float64{{7, 8, 20, 10}}, 0},
		{"7 turned: left out", `<image transform="rotate(30)" width="20" height="10" href="` + wide + `"/>`, nil, 1},
		{"8 cropped (slice): left out", `<image width="40" height="40" preserveAspectRatio="xMidYMid slice" href="` + wide + `"/>`, nil, 1},
		{"9 another file, or not an image: left out", `<image width="9" height="9" href="photo.png"/><image width="9" height="9" href="data:text/plain;base64,aGVsbG8="/>`, nil, 2},
		{"10 hidden or sized zero: not drawn, not left out", `<image style="display:none" width="9" height="9" href="` + wide + `"/><image visibility="hidden" width="9" height="9" href="` + wide + `"/><image width="0" height="9" href="` + wide + `"/>`, nil, 0},
		{"11 a JPEG, percent-free base64 without padding", `<image width="8" height="8" href="data:image/jpeg;base64,` + strings.TrimRight(base64.StdEncoding.EncodeToString(jpegBytes(t)), "=") + `"/>`,
			[][4]float64{{0, 0, 8, 8}}, 0},
		{"12 an element named in capitals, or with a prefix", `<IMAGE width="20" height="10" href="` + wide + `"/><svg:Image x="3" width="20" height="10" href="` + wide + `"/>`,
			[][4]float64{{0, 0, 20, 10}, {3, 0, 20, 10}}, 0},
		{"13 no picture: the image as it is", `<rect width="9" height="9"/><text>images</text>`, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svg := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">` + c.body + `</svg>`
			in := inlineUses([]byte(svg))
			pics, marked, leftOut := svgPicturesOf(in)
			if len(pics) == 0 && !bytes.Equal(marked, in) {
				t.Errorf("no picture, and the image changed:\n%s", marked)
			}
			var got [][4]float64
			for _, p := range pics {
				got = append(got, [4]float64{p.x, p.y, p.w, p.h})
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) || leftOut != c.leftOut {
				t.Errorf("pictures %v, left out %d; want %v, %d", got, leftOut, c.want, c.leftOut)
			}
			if n := bytes.Count(marked, []byte(`stroke-miterlimit="7500`)); n != len(pics) {
				t.Errorf("%d marked paths for %d pictures:\n%s", n, len(pics), marked)
			}
		})
	}
}

// jpegBytes is an 8×8 JPEG.
func jpegBytes(t *testing.T) []byte {
	t.Helper()
	return mustDecodeBase64(t, "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAAIAAgBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=")
}

func mustDecodeBase64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil {
		t.Fatalf("not an image: %v", err)
	}
	return b
}

// TestSVGPictureLayers: the shapes painted before a picture are the
// image's own drawing, those after it a layer drawn over the picture,
// and the figure's items draw them in that order, the picture where the
// drawing places it; a picture the limits refuse is left out with a
// warning, the layer after it still drawn.
func TestSVGPictureLayers(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<rect width="200" height="100" fill="#ff0000"/>
<image x="50" y="25" width="100" height="50" preserveAspectRatio="none" href="` + pngURL(t, 4, 2) + `"/>
<rect x="90" y="40" width="20" height="20" fill="#0000ff"/>
<rect x="0" y="0" width="5" height="5" fill="#00ff00"/>
</svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	colors := func(v *Vector) (out []RGB) {
		for _, o := range v.Shapes {
			out = append(out, o.Color)
		}
		return out
	}
	if img.Type != "vector" || len(img.svg.layers) != 1 {
		t.Fatalf("type %s, %d layers; want vector, 1", img.Type, len(img.svg.layers))
	}
	if got := colors(img.Vector); fmt.Sprint(got) != fmt.Sprint([]RGB{{R: 255}}) {
		t.Errorf("the drawing under the picture paints %v; want the red ground alone", got)
	}
	layer := img.svg.layers[0]
	if got := colors(layer.drawing.Vector); fmt.Sprint(got) != fmt.Sprint([]RGB{{B: 255}, {G: 255}}) {
		t.Errorf("the layer over the picture paints %v; want blue, then green", got)
	}
	if layer.drawing.Width != img.Width || layer.drawing.Vector.Width != img.Vector.Width {
		t.Errorf("the layer is %d wide (%g units); want the image's %d (%g)", layer.drawing.Width, layer.drawing.Vector.Width, img.Width, img.Vector.Width)
	}

	for _, refuse := range []bool{false, true} {
		fsys := fstest.MapFS{"d.svg": {Data: []byte(svg)}}
		var check func([]byte) error
		if refuse {
			check = func([]byte) error { return errors.New("too large") }
		}
		e := &engine{m: newMeasurer(loadFonts(t), nil, "en"), g: newGeometry(A4()), diags: &diag.List{}, stats: &lineStats{}}
		e.images = newImageStore(fsys, nil, check)
		f := e.newFlow(&builder{e: e})
		row := f.figureImage(&doc.Image{URL: "d.svg"})
		var keys []string
		var boxes [][4]float64
		for _, it := range row.items {
			if im, ok := it.(*ImageItem); ok {
				keys = append(keys, im.Key)
				boxes = append(boxes, [4]float64{im.X, im.Y, im.W, im.H})
			}
		}
		main := boxes[0]
		want := []string{"img1", "img2", "img3"} // the drawing, the picture, the layer over it
		wantBoxes := [][4]float64{main, {main[0] + main[2]/4, main[3] / 4, main[2] / 2, main[3] / 2}, main}
		warnings := e.diags.Items()
		if refuse {
			want, wantBoxes = []string{"img1", "img2"}, [][4]float64{main, main}
			if len(warnings) != 1 || !strings.Contains(warnings[0].Message, "leaves out 1 of the raster images") {
				t.Errorf("refused: warnings %v; want one, of 1 raster image left out", warnings)
			}
		} else if len(warnings) != 0 {
			t.Errorf("warnings %v; want none", warnings)
		}
		if fmt.Sprint(keys) != fmt.Sprint(want) || !closeBoxes(boxes, wantBoxes) {
			t.Errorf("refused %v: items %v at %v; want %v at %v", refuse, keys, boxes, want, wantBoxes)
		}
	}
}

// closeBoxes compares boxes to a thousandth of a point.
func closeBoxes(a, b [][4]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		for j := range a[i] {
			if math.Abs(a[i][j]-b[i][j]) > 1e-3 {
				return false
			}
		}
	}
	return true
}
