package subset

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/cff"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/galley-pub/galley/internal/validate"
)

// seedCFF is a CID-keyed CFF of 24 glyphs of Noto Sans CJK SC (SIL Open
// Font License 1.1, as fonts/OFL.txt), written by CFF itself: Han, kana,
// Hangul, CJK punctuation and Latin.
const seedCFF = "testdata/notosanscjk-sc-subset.cff"

// sameOutlines checks that every glyph old of src draws in sub, as glyph
// newID[old], exactly as it did.
func sameOutlines(t *testing.T, src, sub []byte, newID map[uint16]uint16) {
	t.Helper()
	a, err := cff.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cff.Parse(sub)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	if len(b.Charstrings) != len(newID)+1 && len(b.Charstrings) != len(newID) {
		t.Errorf("the subset has %d glyphs for %d asked", len(b.Charstrings), len(newID))
	}
	for old, id := range newID {
		want, _, err := a.LoadGlyph(tables.GlyphID(old))
		if err != nil {
			t.Fatalf("glyph %d of the source: %v", old, err)
		}
		got, _, err := b.LoadGlyph(tables.GlyphID(id))
		if err != nil {
			t.Fatalf("glyph %d (was %d) of the subset: %v", id, old, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("glyph %d (was %d) draws differently: %d segments, want %d", id, old, len(got), len(want))
		}
	}
}

// TestCFFSeed subsets the seed to a few of its glyphs.
func TestCFFSeed(t *testing.T) {
	src, err := os.ReadFile(seedCFF)
	if err != nil {
		t.Fatal(err)
	}
	out, newID, err := CFF(src, []uint16{3, 17, 5, 17})
	if err != nil {
		t.Fatal(err)
	}
	if newID[0] != 0 || newID[3] != 1 || newID[17] != 2 || newID[5] != 3 || len(newID) != 4 {
		t.Errorf("new ids %v, want 0→0 and, in the order asked, 3→1, 17→2, 5→3", newID)
	}
	sameOutlines(t, src, out, newID)
	if again, _, _ := CFF(src, []uint16{3, 17, 5}); !bytes.Equal(again, out) {
		t.Error("the same glyphs in the same order, without the repeat, give other bytes")
	}
	if other, otherID, _ := CFF(src, []uint16{17, 3, 5}); bytes.Equal(other, out) || otherID[17] != 1 {
		t.Errorf("the glyphs in another order: new ids %v, want 17→1 and other bytes", otherID)
	}
	if _, _, err := CFF(src, []uint16{999}); err == nil {
		t.Error("a glyph beyond the font should be an error")
	}
}

// TestCFFNotoCJK subsets a face of Debian's Noto Sans CJK, whose glyphs
// call local and global subroutines and use hint masks, to 300 glyphs and
// checks that each draws as before.
func TestCFFNotoCJK(t *testing.T) {
	const path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	data, err := os.ReadFile(path)
	if err != nil {
		validate.Missing(t, path, "apt-get install fonts-noto-cjk")
	}
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := lds[2].RawTable(ot.MustNewTag("CFF "))
	if err != nil {
		t.Fatal(err)
	}
	ft, err := gofont.NewFont(lds[2])
	if err != nil {
		t.Fatal(err)
	}
	var gids []uint16
	for r := rune(0x4E00); len(gids) < 300; r += 67 {
		if g, ok := ft.Cmap.Lookup(r); ok {
			gids = append(gids, uint16(g))
		}
	}
	out, newID, err := CFF(raw, gids)
	if err != nil {
		t.Fatal(err)
	}
	sameOutlines(t, raw, out, newID)
	if len(out) > 120<<10 {
		t.Errorf("300 glyphs take %d bytes", len(out))
	}
	t.Logf("300 glyphs of a %d-byte CFF: %d bytes", len(raw), len(out))
}

// FuzzCFF subsets any bytes as a CFF: an error or a subset, never a panic.
func FuzzCFF(f *testing.F) {
	if src, err := os.ReadFile(seedCFF); err == nil {
		f.Add(src, uint16(3), uint16(17))
	}
	f.Add([]byte{1, 0, 4, 4, 0, 0}, uint16(0), uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16) {
		out, _, err := CFF(data, []uint16{a, b})
		if err == nil && len(out) == 0 {
			t.Error("no error and no subset")
		}
	})
}
