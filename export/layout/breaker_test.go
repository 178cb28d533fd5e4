package layout

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBreaksPrunedSame: the line breaker that stops at a break's first
// active node whose line is too loose (every line as wide) finds the
// breaks of the one that tries them all, on random paragraphs of words,
// spaces, hyphenation points and forced breaks, some with a CJK closing
// mark's glue narrower than nothing (which turns the pruning off).
func TestBreaksPrunedSame(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var pruned, exhaustive kpScratch
	exhaustive.exhaustive = true
	found := 0
	for n := range 3000 {
		var items []kpItem
		for range 10 + rng.IntN(120) {
			switch k := rng.IntN(20); {
			case k < 11:
				items = append(items, box("w", float64(rng.IntN(60)), 0))
			case k < 16:
				if len(items) > 0 && items[len(items)-1].kind == kBox {
					w := 3 + rng.Float64()*3
					items = append(items, glue(w, w/2*rng.Float64(), w/3))
				}
			case k < 19:
				items = append(items, penalty(3, 50, true))
			case n%4 == 0:
				items = append(items, glue(-2, 1, 0)) // a tight closing mark's
			default:
				items = append(items, glue(0, infStretch, 0), penalty(0, -infPenalty, false))
			}
		}
		items = append(items, glue(0, infStretch, 0), penalty(0, -infPenalty, false))
		widths := []float64{150 + float64(rng.IntN(300))}
		for _, tol := range []float64{1, 2, math.Inf(1)} {
			want := slices.Clone(exhaustive.breaks(items, widths, tol))
			got := pruned.breaks(items, widths, tol)
			if !slices.Equal(got, want) {
				t.Fatalf("paragraph %d, tolerance %g: breaks %v, want %v", n, tol, got, want)
			}
			if want != nil {
				found++
			}
		}
	}
	if found < 3000 {
		t.Errorf("only %d of the 9000 paragraphs had breaks: the test sets too few", found)
	}
}
