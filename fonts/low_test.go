package fonts

import (
	"bytes"
	"math"
	"slices"
	"testing"

	gofont "github.com/go-text/typesetting/font"
)

// TestFaceMatchesCharacterMap checks every embedded face's characters and
// advances, from U+0000 to U+1FFFF (the flat table below lowRunes, the
// sorted list above it), against go-text's reading of the same font: its
// character map, and its advances in per-mille, rounded.
func TestFaceMatchesCharacterMap(t *testing.T) {
	set, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range Families() {
		for _, st := range Styles() {
			f := set.Face(fam, st)
			data, err := set.Data(fam, st)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := gofont.ParseTTF(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			scale := 1000 / float64(ref.Upem())
			low, high := 0, 0
			for r := rune(-1); r < 0x20000; r++ {
				g, ok := ref.NominalGlyph(r)
				if ok && g == 0 {
					ok = false
				}
				if f.Has(r) != ok {
					t.Fatalf("%s: %U: Has says %v, the character map %v", f.Name, r, f.Has(r), ok)
				}
				if !ok {
					continue
				}
				if want := math.Round(float64(ref.HorizontalAdvance(g)) * scale); f.Advance(r) != want {
					t.Fatalf("%s: %U: advance %v, want %v", f.Name, r, f.Advance(r), want)
				}
				if r < lowRunes {
					low++
				} else {
					high++
				}
			}
			if low < 500 || high < 50 {
				t.Errorf("%s: %d characters mapped below U+%04X and %d from it on", f.Name, low, lowRunes, high)
			}
		}
	}
}

// TestSortAdvances: a character map out of order, with a character given
// twice, is read in order, its last word on the character kept.
func TestSortAdvances(t *testing.T) {
	got := sortAdvances([]runeAdvance{{0x3000, 1}, {0x2100, 2}, {0x3000, 3}, {0x2200, 4}, {0x2100, 5}})
	want := []runeAdvance{{0x2100, 5}, {0x2200, 4}, {0x3000, 3}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	f := &Face{high: got, missing: 7}
	if f.Advance(0x2100) != 5 || f.Advance(0x2150) != 7 || !f.Has(0x3000) || f.Has(0x3001) {
		t.Errorf("lookups in %v: %v %v %v %v", got, f.Advance(0x2100), f.Advance(0x2150), f.Has(0x3000), f.Has(0x3001))
	}
}

func BenchmarkWidth(b *testing.B) {
	set, err := LoadSet()
	if err != nil {
		b.Fatal(err)
	}
	f := set.Face(Serif, Regular)
	const s = "The quick brown fox — “jumps” over the lazy dog’s café; naïve résumé."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if f.Width(s, 10) <= 0 {
			b.Fatal("no width")
		}
	}
}

func TestHasAll(t *testing.T) {
	set, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	serif, mono := set.Face(Serif, Regular), set.Face(Mono, Regular)
	for _, c := range []struct {
		face *Face
		s    string
		want bool
	}{
		{serif, "", true},
		{serif, "café — “naïve” Ωμέγα", true},
		{serif, "emoji 😀", false},       // outside the BMP
		{serif, "bad \xff byte", false}, // invalid UTF-8
		{serif, "\uFFFD", false},
		{serif, "中文", false},
		{mono, "func main() {}", true},
	} {
		if got := c.face.HasAll(c.s); got != c.want {
			t.Errorf("%s.HasAll(%q) = %v, want %v", c.face.Name, c.s, got, c.want)
		}
	}
}
