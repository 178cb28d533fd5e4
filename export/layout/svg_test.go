package layout

import (
	"bytes"
	"image/png"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
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
	s := newImageStore(fsys)
	for _, ref := range []string{"fig/chart.svg", "fig/noext"} {
		img, err := s.load(ref)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if img.Type != "png" || img.Width != 200 || img.Height != 100 {
			t.Fatalf("%s: %s %dx%d, want a 200x100 png", ref, img.Type, img.Width, img.Height)
		}
		pic, err := png.Decode(bytes.NewReader(img.Data))
		if err != nil {
			t.Fatal(err)
		}
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
	for _, it := range out.Pages[0].Items {
		if im, ok := it.(*ImageItem); ok && (im.W != 150 || im.H != 75) {
			t.Errorf("the SVG is drawn %gx%g pt, want its natural 150x75", im.W, im.H)
		}
	}
}
