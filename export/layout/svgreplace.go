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

// replaceNear returns re.ReplaceAllFunc(data, repl), where at is re with
// a ^ before it (anchored) and each match of re holds one of words. For
// the first word found at or after pos (where the search stands), from
// word to end, begin says where a match holding it must begin (no
// earlier than pos), or -1
// when none can; at is tried there alone. re must read nothing before
// the place begin gives (an assertion such as \b there is checked by
// begin), and begin must refuse a place where at would fail only after
// reading far (an unclosed quote), so that each byte is read a bounded
// number of times. The matches come in order, each the leftmost, as
// ReplaceAllFunc finds them; the expression runs only near the words,
// not from every byte.
func replaceNear(at *regexp.Regexp, data []byte, words []string, begin func(s *nearScan, word, end, pos int) int, repl func([]byte) []byte) []byte {
	found := wordFinder{data: data, words: words, at: make([]int, len(words))}
	scan := &nearScan{data: data, lastQuote: [2]int{bytes.LastIndexByte(data, '"'), bytes.LastIndexByte(data, '\'')}}
	var out []byte
	last, pos := 0, 0
	for {
		word, wordEnd := found.first(pos)
		if word < 0 {
			break
		}
		from := begin(scan, word, wordEnd, pos)
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

// nearScan is what replaceNear's begin functions read: the data, and
// where its last double and single quotes are (-1: none).
type nearScan struct {
	data      []byte
	lastQuote [2]int
}

// quotedValueAt reports whether an attribute's value follows the word
// that ends at i: white space, '=', white space, then a quote closed
// somewhere after it. Where none closes it, `"[^"]*"` would read to the
// end of the data before failing, once for each word after it.
func (s *nearScan) quotedValueAt(i int) bool {
	d := s.data
	for i < len(d) && isRegexpSpace(d[i]) {
		i++
	}
	if i >= len(d) || d[i] != '=' {
		return false
	}
	for i++; i < len(d) && isRegexpSpace(d[i]); i++ {
	}
	switch {
	case i >= len(d):
		return false
	case d[i] == '"':
		return s.lastQuote[0] > i
	case d[i] == '\'':
		return s.lastQuote[1] > i
	}
	return false
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

// first returns where the first of the words at or after pos begins and
// ends, or -1. Places asked for must not go back.
func (f *wordFinder) first(pos int) (start, end int) {
	best, bestEnd := -1, -1
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
			best, bestEnd = f.at[i], f.at[i]+len(w)
		}
	}
	f.ready = true
	return best, bestEnd
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

// paintAttrFrom is where a match of paintAttr holding the word from word
// to end begins: the white-space byte before it, when a quoted value
// follows.
func paintAttrFrom(s *nearScan, word, end, pos int) int {
	if word-1 >= pos && isRegexpSpace(s.data[word-1]) && s.quotedValueAt(end) {
		return word - 1
	}
	return -1
}

// paintDeclFrom is where a match of paintDecl holding the word at word
// begins: at the ';', quote or '{' before the white space before the
// word (the leftmost place the expression's first branch can start),
// else at the one white-space byte before it (its second branch). Its
// value, [^;"'}<>]*, never fails: what follows needs no look.
func paintDeclFrom(s *nearScan, word, _, pos int) int {
	data := s.data
	b := word
	for b > pos && isRegexpSpace(data[b-1]) {
		b--
	}
	switch {
	case b > pos && bytes.IndexByte([]byte(`;"'{`), data[b-1]) >= 0:
		return b - 1
	case b < word:
		return word - 1
	}
	return -1
}

// transformFrom is where a match of transformAttr holding the word from
// word to end begins: at it, when a word boundary (\b) comes before it
// and a quoted value after it.
func transformFrom(s *nearScan, word, end, _ int) int {
	if (word == 0 || !isWordByte(s.data[word-1])) && s.quotedValueAt(end) {
		return word
	}
	return -1
}
