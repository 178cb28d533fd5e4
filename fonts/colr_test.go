package fonts_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	gofont "github.com/go-text/typesetting/font"

	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/testfont"
)

// TestColorLayers: a face with colour layers (COLR version 0) found in a
// font directory is a colour family, and its glyph is painted in its
// palette's colours, layer over layer.
func TestColorLayers(t *testing.T) {
	dir := t.TempDir()
	file := testfont.COLR(t)
	if err := os.WriteFile(filepath.Join(dir, "layers.ttf"), file, 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	set, taken, err := base.WithFallbacks(fonts.FallbackOptions{Dirs: []string{dir}}, []rune{testfont.ColorChar})
	if err != nil || len(taken) != 1 || len(set.Fallbacks()) != 1 {
		t.Fatalf("fallbacks %v, %v; want the colour face", taken, err)
	}
	fam := set.Fallbacks()[0]
	if !set.IsColor(fam) || base.IsColor(fonts.Sans) {
		t.Fatal("the layered face should be a colour family, Noto Sans not")
	}
	ft, err := gofont.ParseTTF(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	gid, ok := ft.NominalGlyph(testfont.ColorChar)
	if !ok {
		t.Fatal("the face should have the character")
	}
	data, w, h, ok := set.GlyphImage(fam, uint16(gid))
	if !ok || h < 100 || w < h/2 || w > h {
		t.Fatalf("glyph image %dx%d, %v", w, h, ok)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[3]uint8]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a>>8 == 0xff {
				seen[[3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}]++
			}
		}
	}
	if seen[testfont.Red] < 200 || seen[testfont.Blue] < 20 {
		t.Errorf("opaque pixels by colour %v: want the red O and the blue dot", seen)
	}
}
