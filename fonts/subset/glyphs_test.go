package subset

import (
	"reflect"
	"testing"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/galley-pub/galley/fonts"
)

// TestGlyphsInOrder: Glyphs numbers the glyphs asked for in the order
// given, each once after glyph 0, then the components of the composites
// among them; each new glyph draws and advances as its old one did. A PDF
// drawn page by page numbers a glyph as it first meets it.
func TestGlyphsInOrder(t *testing.T) {
	whole := noto(t, fonts.Serif, fonts.Regular)
	f := mustParse(t, whole)
	var asked []uint16
	for _, r := range "zéaÅz" { // é and Å are composites in Noto
		x, _, _ := glyphOf(t, f, r)
		asked = append(asked, uint16(x))
	}
	out, newID, err := Glyphs(whole, asked)
	if err != nil {
		t.Fatal(err)
	}
	z, e, a, ring := asked[0], asked[1], asked[2], asked[3]
	if newID[0] != 0 || newID[z] != 1 || newID[e] != 2 || newID[a] != 3 || newID[ring] != 4 {
		t.Fatalf("new ids %v, want 0→0, then in the order asked z %d→1, é %d→2, a %d→3, Å %d→4", newID, z, e, a, ring)
	}
	sub := mustParse(t, out)
	if n := sub.NumGlyphs(); n <= 5 {
		t.Errorf("the subset has %d glyphs: the composites' components are missing", n)
	}
	var buf sfnt.Buffer
	ppem := fixed.I(1000)
	for _, old := range asked {
		want, err := f.LoadGlyph(&buf, sfnt.GlyphIndex(old), ppem, nil)
		if err != nil {
			t.Fatal(err)
		}
		want = append(sfnt.Segments(nil), want...)
		got, err := sub.LoadGlyph(&buf, sfnt.GlyphIndex(newID[old]), ppem, nil)
		if err != nil {
			t.Fatalf("glyph %d (was %d): %v", newID[old], old, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("glyph %d (was %d) draws differently", newID[old], old)
		}
		wa, _ := f.GlyphAdvance(&buf, sfnt.GlyphIndex(old), ppem, xfont.HintingNone)
		ga, _ := sub.GlyphAdvance(&buf, sfnt.GlyphIndex(newID[old]), ppem, xfont.HintingNone)
		if ga != wa {
			t.Errorf("glyph %d (was %d) advances %v, want %v", newID[old], old, ga, wa)
		}
	}
}
