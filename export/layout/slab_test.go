package layout

import "testing"

// TestLineSlab: what the slab hands out is zero when new, and each slice
// is as long as its capacity, so that appending to one (a footnote's
// number added to its first line's items) never writes over the next;
// one longer than a chunk still gets its own.
func TestLineSlab(t *testing.T) {
	var s lineSlab
	a := s.words(2)
	b := s.words(1)
	if len(a) != 2 || cap(a) != 2 || cap(b) != 1 || &a[0] == &b[0] || a[0] != (word{}) || b[0] != (word{}) {
		t.Fatalf("words: len %d cap %d, cap %d, or not zero", len(a), cap(a), cap(b))
	}
	b[0].offset = 7
	a = append(a, word{offset: 9})
	if b[0].offset != 7 {
		t.Errorf("appending to one slice of words wrote over the next: %d", b[0].offset)
	}
	its := s.items([]Item{&Line{}})
	_ = append(its, &Line{X1: 9})
	if next := s.items([]Item{&Text{Text: "t"}}); next[0].(*Text).Text != "t" {
		t.Error("appending to items wrote over the next")
	}
	if got := s.words(slabChunk + 3); len(got) != slabChunk+3 {
		t.Errorf("%d words asked for, %d given", slabChunk+3, len(got))
	}
	for i := range slabChunk + 1 {
		r, w := s.row(), s.run()
		if r.h != 0 || r.items != nil || w.words != nil || w.Size != 0 {
			t.Fatalf("row or run %d is not new", i)
		}
		r.h, w.Size = 1, 1
	}
}
