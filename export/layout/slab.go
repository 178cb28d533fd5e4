package layout

// lineSlab hands out what set lines are made of (their rows, the rows'
// items, the runs of words and the words) from chunks of many, not one
// allocation each: a book's lines are most of its layout's allocations.
// The lines of a chunk are on neighbouring pages, let go of together
// once drawn.
type lineSlab struct {
	rows []vrow
	runs []Words
	its  []Item
	wds  []word
}

// slabChunk is how many rows, runs, items or words a chunk holds.
const slabChunk = 512

// row returns a new, zero row.
func (s *lineSlab) row() *vrow {
	if len(s.rows) == cap(s.rows) {
		s.rows = make([]vrow, 0, slabChunk)
	}
	s.rows = s.rows[:len(s.rows)+1]
	return &s.rows[len(s.rows)-1]
}

// run returns a new, zero run of words.
func (s *lineSlab) run() *Words {
	if len(s.runs) == cap(s.runs) {
		s.runs = make([]Words, 0, slabChunk)
	}
	s.runs = s.runs[:len(s.runs)+1]
	return &s.runs[len(s.runs)-1]
}

// items returns a copy of its, as long as it and no longer.
func (s *lineSlab) items(its []Item) []Item {
	s.its = slabGrow(s.its, len(its))
	n := len(s.its)
	s.its = append(s.its, its...)
	return s.its[n:len(s.its):len(s.its)]
}

// words returns n zero words, and no room for more.
func (s *lineSlab) words(n int) []word {
	s.wds = slabGrow(s.wds, n)
	k := len(s.wds)
	s.wds = s.wds[:k+n]
	return s.wds[k : k+n : k+n]
}

// slabGrow returns chunk, or a new one when it has no room for n more.
func slabGrow[T any](chunk []T, n int) []T {
	if cap(chunk)-len(chunk) < n {
		return make([]T, 0, max(slabChunk, n))
	}
	return chunk
}
