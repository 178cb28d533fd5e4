package main

import (
	"math"
	"testing"
)

func TestRatio(t *testing.T) {
	sp := 2.73
	for _, c := range []struct{ gap, want float64 }{{sp, 0}, {sp * 1.5, 1}, {sp * 2 / 3, -1}, {sp * 1.25, 0.5}} {
		if got := ratio(c.gap, sp); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("ratio(%.3f) = %.3f, want %.3f", c.gap, got, c.want)
		}
	}
}

// TestBodyLines groups words into lines by the body height, keeps a shorter
// inline word in its line and ignores dotted leaders for the modal height.
func TestBodyLines(t *testing.T) {
	w := func(text string, x, y, h float64) word {
		return word{XMin: x, XMax: x + 20, YMin: y - h, YMax: y, Text: text}
	}
	pg := page{Words: []word{
		w("second", 100, 200, 14.3), w("first", 70, 200, 14.3), w("code()", 130, 199, 12.1),
		w("next", 70, 215, 14.3),
		w(".", 70, 300, 13.6), w(".", 80, 300, 13.6), w(".", 90, 300, 13.6), w(".", 100, 300, 13.6),
	}}
	h := modalHeight(bboxDoc{Pages: []page{pg}})
	if h != 14.3 {
		t.Fatalf("modal height = %v, want 14.3", h)
	}
	lines := bodyLines(pg, h)
	if len(lines) != 2 || len(lines[0]) != 3 || lines[0][0].Text != "first" || lines[0][2].Text != "code()" || lines[1][0].Text != "next" {
		t.Errorf("lines = %+v", lines)
	}
}
