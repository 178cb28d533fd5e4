package layoutview_test

import (
	"bytes"
	"os"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/fonts/internal/layoutview"
	"github.com/galley-pub/galley/internal/testfont"
	"github.com/galley-pub/galley/internal/validate"
)

// open returns a font file's face opened whole by go-text and through
// the view.
func open(t *testing.T, data []byte) (whole, view *gofont.Face) {
	t.Helper()
	w, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	v, err := layoutview.NewFont(bytes.NewReader(data), int64(len(data)), 0)
	if err != nil {
		t.Fatal(err)
	}
	return w, gofont.NewFace(v)
}

// outlined reports whether go-text has the outline of glyph g.
func outlined(f *gofont.Face, g gofont.GID) bool {
	o, ok := f.GlyphData(g).(gofont.GlyphOutline)
	return ok && len(o.Segments) > 0
}

// TestViewShapesAsWhole: through the view, a face has no outlines, and
// shapes and measures as the whole face: the same glyphs, advances,
// kerning, ligatures and marks, in every embedded face.
func TestViewShapesAsWhole(t *testing.T) {
	text := []rune("office AVAWAY To. Ǻ é ffl — “quoted” Ỗ 12½")
	for _, fam := range fonts.Families() {
		for _, st := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic} {
			data, err := fonts.Data(fam, st)
			if err != nil {
				t.Fatal(err)
			}
			whole, view := open(t, data)
			g, _ := whole.NominalGlyph('A')
			if !outlined(whole, g) {
				t.Fatalf("%s: go-text has no outline of A in the whole face", fonts.FileName(fam, st))
			}
			if outlined(view, g) {
				t.Errorf("%s: the view parsed the outlines", fonts.FileName(fam, st))
			}
			if whole.Upem() != view.Upem() || len(whole.GSUB.Lookups) != len(view.GSUB.Lookups) || len(whole.GPOS.Lookups) != len(view.GPOS.Lookups) {
				t.Errorf("%s: upem %d/%d, GSUB %d/%d and GPOS %d/%d lookups whole/view", fonts.FileName(fam, st),
					whole.Upem(), view.Upem(), len(whole.GSUB.Lookups), len(view.GSUB.Lookups), len(whole.GPOS.Lookups), len(view.GPOS.Lookups))
			}
			shapesAlike(t, fonts.FileName(fam, st), whole, view, text, language.Latin)
		}
	}
}

// TestViewKeepsColourFaces: a face with colour layers is opened whole, its
// layers' outlines with it.
func TestViewKeepsColourFaces(t *testing.T) {
	whole, view := open(t, testfont.COLR(t))
	g, ok := view.NominalGlyph(testfont.ColorChar)
	if !ok {
		t.Fatal("the colour face has no glyph for its character")
	}
	if view.COLR == nil {
		t.Fatal("the view hid a colour face's layers")
	}
	// The layers are drawn from their glyphs' outlines.
	for _, o := range []*gofont.Face{whole, view} {
		if _, ok := o.GlyphDataOutline(g); !ok {
			t.Error("the view hid a colour face's outlines")
		}
	}
}

// TestViewHidesColourBitmaps: a face of colour bitmaps (Noto Color
// Emoji's CBDT) is opened without them, galley reading them a glyph at a
// time, and shapes as the whole face: the same glyphs and advances for
// emoji, a skin-tone sequence and a family joined by ZWJ among them.
func TestViewHidesColourBitmaps(t *testing.T) {
	const file = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
	data, err := os.ReadFile(file)
	if err != nil {
		validate.Missing(t, "Noto Color Emoji", "apt-get install fonts-noto-color-emoji")
	}
	whole, view := open(t, data)
	g, ok := whole.NominalGlyph('😀')
	if !ok {
		t.Fatal("the face has no glyph for 😀")
	}
	if _, ok := whole.GlyphDataBitmap(g); !ok {
		t.Fatal("go-text has no bitmap of 😀 in the whole face")
	}
	if _, ok := view.GlyphDataBitmap(g); ok {
		t.Error("the view read the face's bitmaps")
	}
	if n := shapesAlike(t, "Noto Color Emoji", whole, view, []rune("😀👍🏽👨‍👩‍👧"), language.Common); n != 3 {
		t.Errorf("%d glyphs, want 3: the skin tone and the family each one glyph", n)
	}
}

// shapesAlike shapes text in the whole face and through the view and
// reports where they differ: the glyphs, their advances, offsets and
// clusters. It returns the number of glyphs.
func shapesAlike(t *testing.T, name string, whole, view *gofont.Face, text []rune, script language.Script) int {
	t.Helper()
	var hb shaping.HarfbuzzShaper
	in := shaping.Input{Text: text, RunEnd: len(text), Size: fixed.I(1000), Script: script, Language: language.NewLanguage("en")}
	in.Face = whole
	a := hb.Shape(in)
	in.Face = view
	b := hb.ShapeNoExtents(in)
	if len(a.Glyphs) != len(b.Glyphs) {
		t.Fatalf("%s: %d glyphs whole, %d through the view", name, len(a.Glyphs), len(b.Glyphs))
	}
	for i := range a.Glyphs {
		x, y := a.Glyphs[i], b.Glyphs[i]
		if x.GlyphID != y.GlyphID || x.Advance != y.Advance || x.XOffset != y.XOffset || x.YOffset != y.YOffset || x.ClusterIndex != y.ClusterIndex {
			t.Errorf("%s: glyph %d: %+v whole, %+v through the view", name, i, x, y)
		}
	}
	return len(a.Glyphs)
}
