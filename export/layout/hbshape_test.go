package layout

import (
	"os"
	"slices"
	"testing"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// goTextShaped is what the layout made of go-text's own shaper's Output
// before hbShaper: the reference hbShaper is held to.
func goTextShaped(hb *shaping.HarfbuzzShaper, in shaping.Input, offsets []int32) shapedRun {
	var out shapedRun
	for _, g := range hb.ShapeNoExtents(in).Glyphs {
		c := g.ClusterIndex
		if c < 0 || c >= len(offsets) {
			c = 0
		}
		out.glyphs = append(out.glyphs, Glyph{ID: uint16(g.GlyphID), Cluster: offsets[c], Advance: units(g.Advance),
			DX: units(g.XOffset), DY: units(g.YOffset)})
		out.advance += float64(units(g.Advance))
	}
	return out
}

// shapeBoth shapes text[start:end] in face, as go-text's shaper and as
// hbShaper, and reports where the two differ.
func shapeBoth(t *testing.T, hb *shaping.HarfbuzzShaper, mine *hbShaper, face *gofont.Face, text string, rtl bool, start, end int, features []shaping.FontFeature) {
	t.Helper()
	runes := []rune(text)
	var offsets []int32
	for i := range text {
		offsets = append(offsets, int32(i))
	}
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	in := shaping.Input{Text: runes, RunStart: start, RunEnd: end, Direction: dir, Face: face, Size: fixed.I(shapeUnits),
		Script: scriptOf(runes), Language: language.NewLanguage("en"), FontFeatures: features}
	want := goTextShaped(hb, in, offsets)
	var got shapedRun
	mine.appendShaped(&got, in, offsets)
	if !slices.Equal(got.glyphs, want.glyphs) || got.advance != want.advance {
		t.Errorf("%q [%d:%d] rtl=%v in %s: hbShaper gave %v (advance %g), go-text %v (advance %g)",
			text, start, end, rtl, face.Describe().Family, got.glyphs, got.advance, want.glyphs, want.advance)
	}
}

// hbCases are texts at the edges of shaping: ligatures, kerning, a URL,
// spaces the faces lack (go-text gives them the empty glyph), characters
// they lack, marks, and scripts that reorder.
var hbCases = []string{
	"office affine", "AVATAR To Wa", "https://example.org/rarely/65", "32.3 1424",
	"thin\u2009space", "ideographic\u3000space", "no\u00a0break", "a\u200bzero width",
	"שלום עולם", "مرحبا بالعالم", "e\u0301 n\u0303", "नमस्ते क्षत्रिय", "日本語の文", "x", "",
}

// TestHBShaperSameAsGoText: hbShaper's glyphs are those the layout made
// of go-text's shaper's Output, in the embedded faces and, for the
// scripts they lack, the system's Noto faces, one of which has no space.
func TestHBShaperSameAsGoText(t *testing.T) {
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	var faces []*gofont.Face
	for _, f := range []FontRef{{Family: fonts.Serif}, {Family: fonts.Serif, Style: fonts.Italic}, {Family: fonts.Sans, Style: fonts.Bold}, {Family: fonts.Mono}, {Family: fonts.Math}} {
		faces = append(faces, gofont.NewFace(set.Font(f.Family, f.Style)))
	}
	for _, path := range []string{"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
		"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
		// No space in it: go-text gives a space it lacks the empty glyph.
		"/usr/share/fonts/truetype/noto/NotoSansTamilSupplement-Regular.ttf"} {
		file, err := os.Open(path)
		if err != nil {
			validate.Missing(t, path, "apt-get install fonts-noto-core")
		}
		font, err := gofont.ParseTTF(file)
		file.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		faces = append(faces, font)
	}
	var hb shaping.HarfbuzzShaper
	var mine hbShaper
	smcp := []shaping.FontFeature{{Tag: ot.MustNewTag("smcp"), Value: 1}}
	for _, face := range faces {
		for _, text := range hbCases {
			n := len([]rune(text))
			for _, rtl := range []bool{false, true} {
				shapeBoth(t, &hb, &mine, face, text, rtl, 0, n, nil)
				shapeBoth(t, &hb, &mine, face, text, rtl, n/3, n-n/3, nil) // a run inside its text, as the half-width marks are shaped
			}
			shapeBoth(t, &hb, &mine, face, text, false, 0, n, smcp)
		}
	}
	var space shapedRun // the face without a space: its space is the empty glyph, uint16(font.EmptyGlyph)
	mine.appendShaped(&space, shaping.Input{Text: []rune("a b"), RunEnd: 3, Face: faces[len(faces)-1], Size: fixed.I(shapeUnits)}, []int32{0, 1, 2})
	if len(space.glyphs) != 3 || space.glyphs[1].ID != 0xffff {
		t.Errorf("a space in a face without one is %v, not the empty glyph", space.glyphs)
	}
	if len(mine.fonts) != len(faces) {
		t.Errorf("hbShaper keeps %d fonts for %d faces", len(mine.fonts), len(faces))
	}
}

// FuzzHBShaper: hbShaper gives what the layout made of go-text's shaper's
// Output, for any text, direction and run, in the embedded faces.
func FuzzHBShaper(f *testing.F) {
	for _, text := range hbCases {
		f.Add(text, false, uint8(0), uint8(len([]rune(text))))
		f.Add(text, true, uint8(1), uint8(len([]rune(text))))
	}
	set, err := fonts.LoadSet()
	if err != nil {
		f.Fatal(err)
	}
	faces := []*gofont.Face{gofont.NewFace(set.Font(fonts.Serif, fonts.Regular)), gofont.NewFace(set.Font(fonts.Sans, fonts.BoldItalic)), gofont.NewFace(set.Font(fonts.Mono, fonts.Regular))}
	var hb shaping.HarfbuzzShaper
	var mine hbShaper
	f.Fuzz(func(t *testing.T, text string, rtl bool, start, end uint8) {
		n := len([]rune(text))
		for _, face := range faces {
			shapeBoth(t, &hb, &mine, face, text, rtl, min(int(start), n), min(int(end), n), nil)
		}
	})
}
