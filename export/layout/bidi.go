package layout

import (
	"slices"
	"strings"
	"unicode"

	"github.com/galley-pub/galley/export/doc"
)

// firstStrongDirection reports whether the first strong character of the
// tokens' text is right-to-left, and whether they have one.
func firstStrongDirection(toks []token) (rtl, found bool) {
	for _, t := range toks {
		if d := doc.FirstStrong(t.text); d != 0 {
			return d == 1, true
		}
	}
	return false, false
}

// boxLevel is the embedding level of a box's text in a paragraph of the
// given direction, or −1 for a neutral one (punctuation, symbols): a
// right-to-left word is level 1; a left-to-right word is level 0 in a
// left-to-right paragraph and 2 in a right-to-left one, as are numbers
// there (European and Arabic digits run left to right).
func boxLevel(text string, rtl bool) int {
	digits := false
	for _, r := range text {
		switch doc.StrongDirection(r) {
		case 1:
			return 1
		case -1:
			if rtl {
				return 2
			}
			return 0
		}
		if unicode.IsDigit(r) {
			digits = true
		}
	}
	if digits {
		if rtl {
			return 2
		}
		return 0
	}
	return -1
}

// visualOrder reorders a line's items from logical to visual order, by
// the bidirectional algorithm's rules at the granularity of the layout's
// boxes (each box is one direction: the shaper orders the glyphs inside
// it): levels by boxLevel, neutrals and spaces between two runs of one
// level taking that level and the paragraph's otherwise (N1–N2), then
// every run at each level from the highest down to 1 reversed (L2).
// It reorders in place and reports whether anything moved.
func visualOrder(line []kpItem, rtl bool) bool {
	base := 0
	if rtl {
		base = 1
	}
	if !rtl && !slices.ContainsFunc(line, func(it kpItem) bool { return it.kind == kBox && boxLevel(it.text, false) == 1 }) {
		return false // all left to right: nothing moves (and nothing is allocated)
	}
	levels := make([]int, len(line))
	for i, it := range line {
		levels[i] = -1
		if it.kind == kBox {
			levels[i] = boxLevel(it.text, rtl)
		}
	}
	for i := 0; i < len(line); {
		if levels[i] >= 0 {
			i++
			continue
		}
		j := i
		for j < len(line) && levels[j] < 0 {
			j++
		}
		before, after := base, base
		if i > 0 {
			before = levels[i-1]
		}
		if j < len(line) {
			after = levels[j]
		}
		lvl := base
		// Level 2 runs (numbers, Latin) inside right-to-left text are
		// left-to-right, as level 0 is: between two of them a neutral
		// joins them.
		if i > 0 && j < len(line) && before == after {
			lvl = before
		}
		for k := i; k < j; k++ {
			levels[k] = lvl
		}
		i = j
	}
	top := 0
	for _, l := range levels {
		top = max(top, l)
	}
	for lvl := top; lvl >= 1; lvl-- {
		for i := 0; i < len(line); {
			if levels[i] < lvl {
				i++
				continue
			}
			j := i
			for j < len(line) && levels[j] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				line[a], line[b] = line[b], line[a]
				levels[a], levels[b] = levels[b], levels[a]
			}
			i = j
		}
	}
	return true
}

// trailingPunct is the sentence punctuation that follows a word without a
// space and takes the paragraph's direction (UAX #9's neutrals), not the
// word's.
const trailingPunct = ".,:;!?،؛؟۔" // and the Arabic comma, semicolon, question mark, full stop

// splitTrailing splits the sentence punctuation off the end of each box
// whose direction is not the paragraph's, so that it goes where the
// paragraph puts it: "(rust-analyzer)." in an Arabic line ends on the
// left, after the Latin word, and "עברית." in an English one on the right.
// The line is copied only when a box is split.
func (e *engine) splitTrailing(line []kpItem, rtl bool) []kpItem {
	var out []kpItem
	for i, it := range line {
		cut := len(it.text)
		if it.kind == kBox {
			lvl := boxLevel(it.text, rtl)
			if lvl >= 0 && (lvl%2 == 1) != rtl {
				cut = len(strings.TrimRight(it.text, trailingPunct))
			}
		}
		if cut == len(it.text) || cut == 0 {
			if out != nil {
				out = append(out, it)
			}
			continue
		}
		if out == nil {
			out = append(make([]kpItem, 0, len(line)+4), line[:i]...)
		}
		st := e.m.style(it.sty)
		core, punct := it, it
		core.text, punct.text = it.text[:cut], it.text[cut:]
		core.w = e.m.width(st.font, core.text, st.size)
		punct.w = e.m.width(st.font, punct.text, st.size)
		out = append(out, core, punct)
	}
	if out == nil {
		return line
	}
	return out
}
