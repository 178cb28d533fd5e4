package fonts

import "testing"

// TestLowTableMatchesMap checks the flat width table against the map it
// repeats, for every face and every character below and around its bound.
func TestLowTableMatchesMap(t *testing.T) {
	set, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range Families() {
		for _, st := range Styles() {
			f := set.Face(fam, st)
			if len(f.low) != lowRunes {
				t.Fatalf("%s: low table has %d entries, want %d", f.Name, len(f.low), lowRunes)
			}
			slow := *f
			slow.low = nil
			mapped := 0
			for r := rune(-1); r < lowRunes+0x100; r++ {
				if f.Has(r) != slow.Has(r) || f.Advance(r) != slow.Advance(r) {
					t.Fatalf("%s: %U: table says %v %v, map says %v %v", f.Name, r, f.Has(r), f.Advance(r), slow.Has(r), slow.Advance(r))
				}
				if f.Has(r) {
					mapped++
				}
			}
			if mapped < 500 || !f.Has('A') {
				t.Errorf("%s: only %d characters mapped in the table's range", f.Name, mapped)
			}
		}
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
