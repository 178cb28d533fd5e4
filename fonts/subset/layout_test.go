package subset

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/galley-pub/galley/fonts"
)

// shapeWith shapes text in a font file and returns the glyphs.
func shapeWith(t *testing.T, data []byte, text string) []shaping.Glyph {
	t.Helper()
	face, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var hb shaping.HarfbuzzShaper
	runes := []rune(text)
	out := hb.Shape(shaping.Input{Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face,
		Size: fixed.I(1000), Script: language.Latin, Language: language.NewLanguage("en")})
	return out.Glyphs
}

// TestWithLayout cuts Noto Serif down to the characters of a few words and
// shapes them with the subset: the ligatures and kerning of the whole face
// are there, the glyphs keep their ids and outlines, and characters the
// words lack are gone.
func TestWithLayout(t *testing.T) {
	whole, err := fonts.Data(fonts.Serif, fonts.Regular)
	if err != nil {
		t.Fatal(err)
	}
	const text = "office AVOID To flawless"
	sub, err := WithLayout(whole, []rune(text))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes of the whole face's %d", len(sub), len(whole))
	if len(sub) > len(whole)/3 {
		t.Errorf("%d bytes, more than a third of the whole face's %d", len(sub), len(whole))
	}
	want, got := shapeWith(t, whole, text), shapeWith(t, sub, text)
	if len(got) != len(want) {
		t.Fatalf("%d glyphs, the whole face makes %d", len(got), len(want))
	}
	if len(got) >= len([]rune(text)) {
		t.Errorf("%d glyphs for %d characters: no ligature", len(got), len([]rune(text)))
	}
	for i := range got {
		if got[i].GlyphID != want[i].GlyphID || got[i].Advance != want[i].Advance {
			t.Errorf("glyph %d: id %d advance %d, the whole face's %d, %d", i, got[i].GlyphID, got[i].Advance, want[i].GlyphID, want[i].Advance)
		}
	}
	p, err := parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"GSUB", "GPOS", "GDEF"} {
		if len(p.tables[tag]) == 0 {
			t.Errorf("the subset has no %s", tag)
		}
	}
	for _, g := range got {
		if data, err := p.glyph(int(g.GlyphID)); err != nil || len(data) == 0 && g.Width != 0 {
			t.Errorf("glyph %d has no outline (%v)", g.GlyphID, err)
		}
	}
	cm, err := readCmap(p.tables["cmap"])
	if err != nil {
		t.Fatal(err)
	}
	if g, _ := cm.lookup('Ж'); g != 0 {
		t.Error("the subset maps Ж, which the text lacks")
	}
}
