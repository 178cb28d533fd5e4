package layout

import (
	"bytes"
	"image"
	"image/color"
	"os"
	"testing"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// paintVector paints a drawing's outlines with the scanner the layout
// paints pixels with, each subpath closed, as a PDF fill closes it.
func paintVector(v *Vector) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, int(v.Width), int(v.Height)))
	s := newBoxScanner(dst)
	fx := func(p Point) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6(p.X * 64), Y: fixed.Int26_6(p.Y * 64)}
	}
	for _, o := range v.Shapes {
		s.Clear()
		for _, sub := range o.Subpaths {
			s.Start(fx(sub[0]))
			for _, p := range sub[1:] {
				s.Line(fx(p))
			}
			s.Line(fx(sub[0]))
		}
		s.SetColor(color.NRGBA{o.Color.R, o.Color.G, o.Color.B, o.Alpha})
		s.Draw()
	}
	return dst
}

// paintPixels draws an SVG image straight into pixels, as the layout
// draws one that paints with a gradient.
func paintPixels(t *testing.T, data []byte) *image.RGBA {
	t.Helper()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(forOksvg(data)), oksvg.IgnoreErrorMode)
	if err != nil {
		t.Fatal(err)
	}
	img, err := drawSVG(data)
	if err != nil {
		t.Fatal(err)
	}
	b := drawnImage(t, img).Bounds()
	fitIcon(icon, b.Dx(), b.Dy())
	dst := image.NewRGBA(b)
	icon.Draw(rasterx.NewDasher(b.Dx(), b.Dy(), newBoxScanner(dst)), 1)
	return dst
}

// strokes is a drawing of strokes: every join and cap, dashes, curves and
// arcs, closed and open, thin and thick, and a translucent fill.
const strokes = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="90" viewBox="0 0 120 90">
<rect width="120" height="90" fill="#fff"/>
<polyline points="5,40 20,10 35,40 50,10" fill="none" stroke="#000" stroke-width="4" stroke-linejoin="miter"/>
<polyline points="60,40 75,10 90,40 105,10" fill="none" stroke="#c00" stroke-width="5" stroke-linejoin="round" stroke-linecap="round"/>
<path d="M5 60 C 25 40, 45 80, 65 60 S 105 40, 115 60" fill="none" stroke="#00c" stroke-width="2" stroke-dasharray="6 3"/>
<circle cx="30" cy="75" r="10" fill="none" stroke="#080" stroke-width="1.5"/>
<ellipse cx="80" cy="75" rx="20" ry="8" fill="#fc0" fill-opacity="0.5" stroke="#630" stroke-width="3" stroke-linejoin="bevel"/>
<path d="M100 70 L115 85 M100 85 L115 70" stroke="#000" stroke-width="2" stroke-linecap="square"/>
</svg>`

// TestSVGOutlines draws SVG images as outlines and paints them, against
// the same images painted straight into pixels: a stroke's loose pieces
// must chain into outlines that cover what the pixels cover.
func TestSVGOutlines(t *testing.T) {
	water, err := os.ReadFile("testdata/water-cycle.svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{{"strokes", []byte(strokes)}, {"chart", []byte(testSVG)}, {"water cycle", water}} {
		img, err := drawSVG(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if img.Type != "vector" || img.Vector == nil || img.Raster != nil {
			t.Fatalf("%s: drawn as %q, want outlines", c.name, img.Type)
		}
		got, want := paintVector(img.Vector), paintPixels(t, c.data)
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%s: %v, want %v", c.name, got.Bounds(), want.Bounds())
		}
		differ, total := 0, 0
		for i := 0; i < len(got.Pix); i += 4 {
			total++
			for k := range 4 {
				if d := int(got.Pix[i+k]) - int(want.Pix[i+k]); d > 48 || d < -48 {
					differ++
					break
				}
			}
		}
		if differ*1000 > total { // 0.1%
			t.Errorf("%s: %d of %d pixels differ", c.name, differ, total)
		}
	}
}

// TestSVGOutlinesOpen keeps what a chain cannot close: a piece nothing
// follows is closed by a straight line, not dropped.
func TestSVGOutlinesOpen(t *testing.T) {
	p := func(x, y int) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	}
	got := chainPieces([][]fixed.Point26_6{
		{p(0, 0), p(10, 0)}, // the sides of a square, out of order
		{p(10, 10), p(0, 10)},
		{p(10, 0), p(10, 10)},
		{p(0, 10), p(0, 0)},
		{p(20, 0), p(30, 0), p(30, 10)}, // open: nothing follows
		{p(40, 40)},                     // a lone point
		{p(50, 0), p(60, 0), p(50, 0)},  // closed by itself
	})
	want := [][]Point{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{20, 0}, {30, 0}, {30, 10}},
		{{50, 0}, {60, 0}, {50, 0}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d subpaths %v, want %v", len(got), got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("subpath %d: %v, want %v", i, got[i], want[i])
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("subpath %d: %v, want %v", i, got[i], want[i])
				break
			}
		}
	}
}

// TestSVGGradientAsPixels draws an image with a gradient as pixels: an
// outline has one colour.
func TestSVGGradientAsPixels(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">
<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient></defs>
<rect width="40" height="20" fill="url(#g)"/></svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	if img.Type != "raster" || img.Raster == nil || img.Vector != nil {
		t.Fatalf("drawn as %q, want pixels", img.Type)
	}
	pic := drawnImage(t, img)
	left, right := pic.At(4, 40), pic.At(156, 40)
	if r, _, b, _ := left.RGBA(); r < b {
		t.Errorf("left end %v, want red", left)
	}
	if r, _, b, _ := right.RGBA(); b < r {
		t.Errorf("right end %v, want blue", right)
	}
}
