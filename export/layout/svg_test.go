package layout

import (
	"fmt"
	"image"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

const testSVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="0" y="0" width="100" height="100" fill="#ff0000"/>
  <circle cx="150" cy="50" r="40" fill="#0000ff"/>
</svg>`

func TestSVGImages(t *testing.T) {
	fsys := fstest.MapFS{
		"fig/chart.svg":  {Data: []byte(testSVG)},
		"fig/broken.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L`)},
		"fig/noext":      {Data: []byte(testSVG)},
	}
	s := newImageStore(fsys, nil, nil)
	for _, ref := range []string{"fig/chart.svg", "fig/noext"} {
		img, err := s.load(ref)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if img.Type != "vector" || img.Vector == nil || img.Width != 200 || img.Height != 100 {
			t.Fatalf("%s: %s %dx%d, want a 200x100 vector", ref, img.Type, img.Width, img.Height)
		}
		pic := drawnImage(t, img)
		if b := pic.Bounds(); b.Dx() != 200*svgScale || b.Dy() != 100*svgScale {
			t.Errorf("drawn at %v, want %dx%d", b, 200*svgScale, 100*svgScale)
		}
		for _, c := range []struct {
			x, y    int
			r, g, b uint32
		}{{200, 200, 0xffff, 0, 0}, {600, 200, 0, 0, 0xffff}} {
			r, g, b, a := pic.At(c.x, c.y).RGBA()
			if r != c.r || g != c.g || b != c.b || a != 0xffff {
				t.Errorf("%s: pixel %d,%d = %x %x %x %x", ref, c.x, c.y, r, g, b, a)
			}
		}
		if _, _, _, a := pic.At(600, 20).RGBA(); a != 0 {
			t.Errorf("%s: outside the circle should be transparent, alpha %x", ref, a)
		}
	}
	if _, err := s.load("fig/broken.svg"); err == nil {
		t.Error("a broken SVG should be an error")
	}

	tr := newTree("SVG", "")
	tr.add(ptext("Before."), &doc.Figure{Image: &doc.Image{URL: "fig/chart.svg", Alt: "chart"}, Caption: []doc.Inline{txt("A chart")}},
		&doc.Figure{Image: &doc.Image{URL: "fig/broken.svg", Alt: "broken"}, Caption: []doc.Inline{txt("Broken")}})
	var diags diag.List
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, loadFonts(t), A4())
	if len(out.Images) != 1 || diags.Len() != 1 {
		t.Errorf("%d images, diagnostics %v; want the chart and one warning for the broken SVG", len(out.Images), diags.Items())
	}
	for _, it := range textItems(out.Pages[0].Items) {
		if im, ok := it.(*ImageItem); ok && (im.W != 150 || im.H != 75) {
			t.Errorf("the SVG is drawn %gx%g pt, want its natural 150x75", im.W, im.H)
		}
	}
}

// TestSVGRootSizes: a root width and height in a unit oksvg cannot read
// (Visio's inches) are read in CSS pixels, and a percent leaves the size
// to the view box; oksvg read either as an error and dropped the view
// box, and the image was a placeholder. The image's size is its width
// and height, as a browser draws it, not its view box's (Inkscape's
// drawing 55 mm wide in a view box 55 units wide was drawn 15 mm wide);
// a side left out follows the view box's proportion.
func TestSVGRootSizes(t *testing.T) {
	for _, c := range []struct {
		root string
		w, h int
	}{
		{`width="10.64in" height="5.15in" viewBox="0 0 766 370"`, 1021, 493},
		{`width="2in" height="1in"`, 192, 96},
		{`width="72pt" height="2.54cm"`, 96, 96},
		{`width="100%" height="100%" viewBox="0 0 300 100"`, 300, 100},
		{`width="40" height="20"`, 40, 20},
		{`width="54.999542mm" height="29.271mm" viewBox="0 0 54.99902 29.270101"`, 208, 111},
		{`width="332pt" height="404pt" viewBox="0.00 0.00 332.00 404.00"`, 443, 539},
		{`width="120px" viewBox="0 0 60 30"`, 120, 60},
		{`height="90" viewBox="0 0 60 30"`, 180, 90},
		{`viewBox="0 0 60 30"`, 60, 30},
	} {
		img, err := drawSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg" ` + c.root + `><rect width="10" height="10"/></svg>`))
		if err != nil {
			t.Errorf("%s: %v", c.root, err)
			continue
		}
		if img.Width != c.w || img.Height != c.h {
			t.Errorf("%s: %dx%d, want %dx%d", c.root, img.Width, img.Height, c.w, c.h)
		}
	}
}

// TestSVGDrawnAhead: the SVG figures drawn ahead of the layout are the
// images the layout would draw itself, keyed in the order it meets them
// (a PNG between two SVGs keeps its place; an SVG used twice is one
// image), and a broken one is still a warning at its figure.
func TestSVGDrawnAhead(t *testing.T) {
	other := strings.Replace(testSVG, "#0000ff", "#00aa00", 1)
	fsys := fstest.MapFS{
		"a.svg":      {Data: []byte(testSVG)},
		"b.png":      {Data: testPNG(4, 3)},
		"c.svg":      {Data: []byte(other)},
		"broken.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L`)},
	}
	tr := newTree("Ahead", "")
	for _, u := range []string{"a.svg", "b.png", "c.svg", "a.svg", "broken.svg"} {
		tr.add(&doc.Figure{Image: &doc.Image{URL: u, Alt: u}})
	}
	var diags diag.List
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.Len() != 1 || !strings.Contains(diags.Items()[0].String(), `image "broken.svg"`) {
		t.Errorf("diagnostics %v, want one for broken.svg", diags.Items())
	}
	inline := newImageStore(fsys, nil, nil) // no drawing ahead: each drawn as met
	var got, want []string
	for _, img := range out.Images {
		got = append(got, fmt.Sprintf("%s %s %dx%d", img.Key, img.Type, img.Width, img.Height))
	}
	for _, u := range []string{"a.svg", "b.png", "c.svg"} {
		img, err := inline.load(u)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprintf("%s %s %dx%d", img.Key, img.Type, img.Width, img.Height))
		if img.Vector != nil {
			ahead := out.Images[len(want)-1].Vector
			if ahead == nil || !reflect.DeepEqual(ahead, img.Vector) {
				t.Errorf("%s: the drawing made ahead differs from the one made in line", u)
			}
		}
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("images %q, want %q", got, want)
	}
}

// TestBoxScannerMatchesScannerGV draws an SVG of overlapping, stroked and
// gradient shapes with boxScanner and with rasterx's ScannerGV, which
// composites every path over the whole image: the pixels agree.
func TestBoxScannerMatchesScannerGV(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient></defs>
  <rect x="5" y="5" width="60" height="40" fill="url(#g)"/>
  <circle cx="70" cy="40" r="25" fill="#0a0" fill-opacity="0.5" stroke="#000" stroke-width="3"/>
  <path d="M10 70 L110 10" stroke="#333" stroke-width="2"/>
</svg>`
	draw := func(scanner func(*image.RGBA) rasterx.Scanner) *image.RGBA {
		icon, err := oksvg.ReadIconStream(strings.NewReader(svg))
		if err != nil {
			t.Fatal(err)
		}
		icon.SetTarget(0, 0, 240, 160)
		img := image.NewRGBA(image.Rect(0, 0, 240, 160))
		icon.Draw(rasterx.NewDasher(240, 160, scanner(img)), 1)
		return img
	}
	box := draw(func(img *image.RGBA) rasterx.Scanner { return newBoxScanner(img) })
	gv := draw(func(img *image.RGBA) rasterx.Scanner { return rasterx.NewScannerGV(240, 160, img, img.Bounds()) })
	diff, painted := 0, 0
	for i := range box.Pix {
		d := int(box.Pix[i]) - int(gv.Pix[i])
		if d > 2 || d < -2 {
			diff++
		}
		if gv.Pix[i] != 0 {
			painted++
		}
	}
	if painted < 1000 || diff > 0 {
		t.Errorf("%d of %d bytes differ (%d painted)", diff, len(box.Pix), painted)
	}
}

// TestInlineImage sets an image written in a line of text in the line:
// standing on the baseline between the words around it, no taller than
// the line (its width attribute scales it first), its alt text as what it
// reads as; one that cannot be read is its alt text, in italic.
func TestInlineImage(t *testing.T) {
	fsys := fstest.MapFS{"icon.svg": {Data: []byte(testSVG)}} // 200×100
	icon := &doc.Image{URL: "icon.svg", Alt: "an icon", Attr: doc.Attr{KV: []doc.KV{{Key: "width", Value: "20"}}}}
	missing := &doc.Image{URL: "missing.png", Alt: "gone"}
	tr := newTree("Inline", "")
	tr.add(&doc.Paragraph{Content: []doc.Inline{txt("Before "), icon, txt(" after, and "), missing, txt(" end.")}})
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys}, nil)
	if err != nil {
		t.Fatal(err)
	}
	img, all := imageAndTexts(out.Pages[0].Items)
	texts := byText(all)
	before, after, gone := texts["Before"], texts["after,"], texts["gone"]
	if img == nil || before == nil || after == nil || gone == nil {
		t.Fatalf("image %v, texts %v", img, texts)
	}
	// width 20 CSS px: 15 pt wide, 7.5 pt high (the image is 2:1).
	if math.Abs(img.W-15) > 0.01 || math.Abs(img.H-7.5) > 0.01 {
		t.Errorf("image %gx%g, want 15x7.5", img.W, img.H)
	}
	if img.X <= before.X+before.Width || img.X+img.W >= after.X || math.Abs(img.Y+img.H-before.Y) > 0.01 {
		t.Errorf("image at %g,%g–%g, between %q (ends %g) and %q (%g) on the baseline %g", img.X, img.Y, img.Y+img.H, before.Text, before.X+before.Width, after.Text, after.X, before.Y)
	}
	if img.Src != icon || img.Text != "an icon" {
		t.Errorf("image source %v, text %q", img.Src, img.Text)
	}
	if gone.Font.Style&fonts.Italic == 0 {
		t.Errorf("the missing image's alt text is %v, want italic", gone.Font)
	}
	// With no width, a tall image is no taller than the line.
	icon.Attr = doc.Attr{}
	out, err = Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range textItems(out.Pages[0].Items) {
		if im, ok := it.(*ImageItem); ok && (im.H > 1.2*10.5+0.01 || math.Abs(im.W-2*im.H) > 0.01) {
			t.Errorf("an image of 200×100 px in 10.5 pt text: %gx%g", im.W, im.H)
		}
	}
}
