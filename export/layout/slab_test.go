package layout

import "testing"

// TestLineSlab: what the slab hands out is zero when new, and each copy
// is as long as its capacity, so that appending to one (a footnote's
// number added to its first line's items) never writes over the next;
// a copy longer than a chunk still gets its own.
func TestLineSlab(t *testing.T) {
	var s lineSlab
	a := s.words([]word{{text: "a"}, {text: "b"}})
	b := s.words([]word{{text: "c"}})
	if len(a) != 2 || cap(a) != 2 || cap(b) != 1 || &a[0] == &b[0] {
		t.Fatalf("copies: len %d cap %d, cap %d", len(a), cap(a), cap(b))
	}
	a = append(a, word{text: "x"})
	if b[0].text != "c" {
		t.Errorf("appending to one copy wrote over the next: %q", b[0].text)
	}
	its := s.items([]Item{&Line{}})
	_ = append(its, &Line{X1: 9})
	if next := s.items([]Item{&Text{Text: "t"}}); next[0].(*Text).Text != "t" {
		t.Error("appending to items wrote over the next")
	}
	long := make([]word, slabChunk+3)
	if got := s.words(long); len(got) != len(long) {
		t.Errorf("a copy of %d words has %d", len(long), len(got))
	}
	for i := range slabChunk + 1 {
		r, w := s.row(), s.run()
		if r.h != 0 || r.items != nil || w.words != nil || w.Size != 0 {
			t.Fatalf("row or run %d is not new", i)
		}
		r.h, w.Size = 1, 1
	}
}
