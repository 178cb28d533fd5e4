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

// colorFamily returns the embedded faces with file, a colour face of
// testfont's, found in a font directory as the fallback for
// testfont.ColorChar: the set, the face's family and the character's
// glyph.
func colorFamily(t *testing.T, file []byte) (*fonts.Set, fonts.Family, uint16) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "color.ttf"), file, 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	set, taken, err := base.WithFallbacks(fonts.FallbackOptions{Dirs: []string{dir}}, []rune{testfont.ColorChar})
	if err != nil || len(taken) != 1 || len(set.Fallbacks()) != 1 || !set.IsColor(set.Fallbacks()[0]) {
		t.Fatalf("fallbacks %v, %v; want the colour face, a colour family", taken, err)
	}
	fam := set.Fallbacks()[0]
	gid, ok := set.Font(fam, fonts.Regular).NominalGlyph(testfont.ColorChar)
	if !ok {
		t.Fatal("the face should have the character")
	}
	return set, fam, uint16(gid)
}

// TestColorLayers: a face with colour layers (COLR version 0) found in a
// font directory is a colour family, and its glyph is painted in its
// palette's colours, layer over layer.
func TestColorLayers(t *testing.T) {
	set, fam, gid := colorFamily(t, testfont.COLR(t))
	if base, err := fonts.LoadSet(); err != nil || base.IsColor(fonts.Sans) {
		t.Fatalf("Noto Sans should not be a colour family (%v)", err)
	}
	data, w, h, ok := set.GlyphImage(fam, gid)
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

// TestPaintGraph: a face of paint graphs (COLR version 1, testfont's) is a
// colour family, and its glyph is painted as its graph says: the "O"
// shaded from red at its left to blue at its right (a linear gradient
// clipped to the glyph), and a green "." moved right by half the O's
// advance (a translated, solid layer over it).
func TestPaintGraph(t *testing.T) {
	set, fam, gid := colorFamily(t, testfont.COLRv1(t))
	data, w, h, ok := set.GlyphImage(fam, gid)
	if !ok {
		t.Fatal("nothing painted")
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var leftRed, rightBlue, green, opaque int
	seen := map[[3]uint8]bool{}
	for y := range h {
		for x := range w {
			r, g, b, a := img.At(x, y).RGBA()
			if a>>8 < 0xf0 {
				continue
			}
			opaque++
			r, g, b = r>>8, g>>8, b>>8
			seen[[3]uint8{uint8(r), uint8(g), uint8(b)}] = true
			switch {
			case g > 2*r && g > 2*b:
				green++
				if x < w/2 {
					t.Fatalf("green at x %d of %d: the dot was not moved right", x, w)
				}
			case x < w/4 && r > b:
				leftRed++
			case x > 3*w/4 && b > r:
				rightBlue++
			}
		}
	}
	if opaque == 0 || leftRed < opaque/20 || rightBlue < opaque/20 || green < 20 || len(seen) < 40 {
		t.Errorf("%d opaque pixels: %d red at the left, %d blue at the right, %d green, %d colours; want an O shaded red to blue and a green dot",
			opaque, leftRed, rightBlue, green, len(seen))
	}
}

// FuzzPaintGraph paints the glyph of a face whose COLR table is arbitrary
// bytes (testfont's version 0 and 1 tables to start from): an image or
// none, never a panic, whatever the paint graph's cycles, depth or
// offsets.
func FuzzPaintGraph(f *testing.F) {
	f.Add(testfont.COLRTable(f, testfont.COLRv1(f)))
	f.Add(testfont.COLRTable(f, testfont.COLR(f)))
	f.Fuzz(func(t *testing.T, colr []byte) {
		ft, err := gofont.ParseTTF(bytes.NewReader(testfont.WithCOLR(t, colr)))
		if err != nil {
			return
		}
		gid, ok := ft.NominalGlyph(testfont.ColorChar)
		if !ok {
			t.Fatal("the face lost its character")
		}
		if data, _, _, ok := fonts.ColorGlyphImage(ft.Font, uint16(gid)); ok {
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Fatalf("the glyph's image: %v", err)
			}
		}
	})
}
