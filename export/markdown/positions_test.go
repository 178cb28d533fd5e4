package markdown

import (
	"testing"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
)

// TestPosCacheMatchesCounting checks the cached column lookups against
// counting from the line's start, for offsets visited forwards, backwards
// and at random, on text with multi-byte characters, a byte-order mark and
// offsets inside a character.
func TestPosCacheMatchesCounting(t *testing.T) {
	src := []byte(byteOrderMark + "héllo wörld — «ça» va\r\nsecond line ñ\n\nlast “line” without newline")
	naive := func(off int) doc.Pos {
		off = max(0, min(off, len(src)))
		line, start := 0, 0
		for i := 0; i < off; i++ {
			if src[i] == '\n' {
				line, start = line+1, i+1
			}
		}
		if line == 0 {
			start = min(len(byteOrderMark), off)
		}
		return doc.Pos{File: "f.md", Line: line + 1, Col: utf8.RuneCount(src[start:off]) + 1}
	}
	var orders [][]int
	var fwd, back, jump []int
	for off := -2; off <= len(src)+2; off++ {
		fwd = append(fwd, off)
		back = append([]int{off}, back...)
		jump = append(jump, (off*37)%(len(src)+3))
	}
	orders = append(orders, fwd, back, jump)
	for oi, order := range orders {
		table := newLineTable("f.md", src)
		for _, off := range order {
			if got, want := table.pos(off), naive(off); got != want {
				t.Fatalf("order %d, offset %d: got %v, want %v", oi, off, got, want)
			}
		}
	}
}
