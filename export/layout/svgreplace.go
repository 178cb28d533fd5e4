package layout

import (
	"bytes"
	"regexp"
)

// The regular expressions that rewrite an SVG image for oksvg (its
// paints, its transforms) ran over every byte of it: a third of the time
// the Rust book's twenty Graphviz diagrams took to draw, though each
// match holds one of a few words (fill, stroke, transform). replaceNear
// runs such an expression only where a match can begin.

// replaceNear returns all.ReplaceAllFunc(data, repl), for a regular
// expression all each of whose matches holds one of words: next(data,
// at, pos) returns where a match holding the word found at at (no
// earlier than pos) begins, or -1 when no match can; at is anchored
// there: all, which reads nothing before where it starts (an assertion
// such as \b at a match's start is true where next says a match may
// begin), with a ^ before it. The matches are found in order, each the
// first anchored match at the next word's place, as ReplaceAllFunc finds
// its leftmost ones; the expression runs only there, not from every byte.
func replaceNear(at *regexp.Regexp, data []byte, words []string, next func(data []byte, at, pos int) int, repl func([]byte) []byte) []byte {
	found := wordFinder{data: data, words: words, at: make([]int, len(words))}
	var out []byte
	last, pos := 0, 0
	for {
		word := found.first(pos)
		if word < 0 {
			break
		}
		from := next(data, word, pos)
		var loc []int
		if from >= 0 {
			loc = at.FindIndex(data[from:])
		}
		if loc == nil {
			pos = word + 1 // no match holds this word here: the next one
			continue
		}
		end := from + loc[1]
		out = append(out, data[last:from]...)
		out = append(out, repl(data[from:end])...)
		last, pos = end, max(end, word+1)
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// anchored is re with a ^ before it: re matched only where it starts.
func anchored(re *regexp.Regexp) *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + re.String() + `)`)
}

// wordFinder finds the first of some words in data from a place on,
// keeping where each was found next.
type wordFinder struct {
	data  []byte
	words []string
	at    []int // where each word was found at or after the last place asked for; -1: nowhere after
	ready bool
}

// first returns where the first of the words at or after pos begins, or
// -1. Places asked for must not go back.
func (f *wordFinder) first(pos int) int {
	best := -1
	for i, w := range f.words {
		if !f.ready || f.at[i] >= 0 && f.at[i] < pos {
			f.at[i] = -1
			if pos <= len(f.data) {
				if k := bytes.Index(f.data[pos:], []byte(w)); k >= 0 {
					f.at[i] = pos + k
				}
			}
		}
		if f.at[i] >= 0 && (best < 0 || f.at[i] < best) {
			best = f.at[i]
		}
	}
	f.ready = true
	return best
}

// isRegexpSpace reports a byte of the regular expressions' \s: tab,
// newline, form feed, carriage return or space.
func isRegexpSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// isWordByte reports a byte of \w, the letters, digits and underscore
// of ASCII, on either side of a \b.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// paintWords are the properties paintAttr and paintDecl match.
var paintWords = []string{"fill", "stroke", "stop-color"}

// paintAttrAt, paintDeclAt and transformAttrAt are paintAttr, paintDecl
// and transformAttr anchored, for replaceNear.
var (
	paintAttrAt     = anchored(paintAttr)
	paintDeclAt     = anchored(paintDecl)
	transformAttrAt = anchored(transformAttr)
)

// paintAttrFrom is where a match of paintAttr holding the word at at
// begins: the white-space byte before it.
func paintAttrFrom(data []byte, at, pos int) int {
	if at-1 >= pos && isRegexpSpace(data[at-1]) {
		return at - 1
	}
	return -1
}

// paintDeclFrom is where a match of paintDecl holding the word at at
// begins: at the ';', quote or '{' before the white space before the
// word (the leftmost place the expression's first branch can start),
// else at the one white-space byte before it (its second branch).
func paintDeclFrom(data []byte, at, pos int) int {
	b := at
	for b > pos && isRegexpSpace(data[b-1]) {
		b--
	}
	switch {
	case b > pos && bytes.IndexByte([]byte(`;"'{`), data[b-1]) >= 0:
		return b - 1
	case b < at:
		return at - 1
	}
	return -1
}

// transformFrom is where a match of transformAttr holding the word at at
// begins: at it, when a word boundary (\b) comes before it.
func transformFrom(data []byte, at, pos int) int {
	if at == 0 || !isWordByte(data[at-1]) {
		return at
	}
	return -1
}
