package pdf

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/internal/validate"
)

// square is a closed square subpath from x, y, side s, clockwise.
func square(x, y, s float32) []layout.Point {
	return []layout.Point{{X: x, Y: y}, {X: x + s, Y: y}, {X: x + s, Y: y + s}, {X: x, Y: y + s}}
}

// TestVectorImage draws an image the layout drew as outlines, twice on a
// page, and reads the page's pixels back (pdftoppm at 72 dpi, a pixel a
// point): an opaque fill, an even-odd fill with its hole, a translucent
// fill over white, and a form written once for both places.
func TestVectorImage(t *testing.T) {
	validate.RequireTool(t, "pdftoppm")
	v := &layout.Vector{Width: 100, Height: 100, Shapes: []layout.Outline{
		{Color: layout.RGB{R: 255}, Alpha: 255, Subpaths: [][]layout.Point{square(10, 10, 40)}},
		{Color: layout.RGB{B: 255}, Alpha: 255, EvenOdd: true, Subpaths: [][]layout.Point{square(55, 10, 40), square(65, 20, 20)}},
		{Alpha: 128, Subpaths: [][]layout.Point{square(10, 55, 40)}},
	}}
	ld := &layout.Document{
		Images: []*layout.ImageData{{Key: "fig", Type: "vector", Vector: v, Width: 100, Height: 100}},
		Pages: []*layout.Page{{Number: 1, Label: "1", Width: 400, Height: 400, Items: []layout.Item{
			&layout.ImageItem{X: 100, Y: 100, W: 200, H: 200, Key: "fig"},
			&layout.ImageItem{X: 10, Y: 320, W: 50, H: 50, Key: "fig"},
		}}},
	}
	out, err := Draw(ld, &doc.Document{}, modified)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(validate.Objects(t, out), []byte("/Subtype/Form")); n != 1 {
		t.Errorf("%d forms, want 1 (the drawing, written once)", n)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "vector.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	validate.PDF(t, path)
	if msg, err := exec.Command("pdftoppm", "-png", "-r", "72", "-singlefile", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, msg)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pic, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what    string
		x, y    int // page pixels: the image's units × 2, from 100, 100
		r, g, b int
	}{
		{"red square", 160, 160, 255, 0, 0},
		{"blue ring", 120 + 2*55 - 10, 160, 0, 0, 255},
		{"the ring's hole", 250, 160, 255, 255, 255},
		{"translucent black over white", 160, 250, 127, 127, 127},
		{"outside the outlines", 250, 250, 255, 255, 255},
		{"the small copy's red square", 10 + 7, 320 + 7, 255, 0, 0},
	} {
		if !near(pic, c.x, c.y, c.r, c.g, c.b) {
			r, g, b, _ := pic.At(c.x, c.y).RGBA()
			t.Errorf("%s at %d,%d: %d %d %d, want %d %d %d", c.what, c.x, c.y, r>>8, g>>8, b>>8, c.r, c.g, c.b)
		}
	}
}

// near reports whether the pixel at x, y is within 12 of r, g, b.
func near(pic image.Image, x, y, r, g, b int) bool {
	pr, pg, pb, _ := pic.At(x, y).RGBA()
	for _, d := range []int{int(pr>>8) - r, int(pg>>8) - g, int(pb>>8) - b} {
		if d > 12 || d < -12 {
			return false
		}
	}
	return true
}
