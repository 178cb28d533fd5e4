package layout

import (
	"strings"
	"unicode/utf8"

	gobidi "github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"

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

// orderLine puts a line's items in visual order, left to right, by the
// Unicode bidirectional algorithm (UAX #9). go-text's bidi resolves the
// line's text, in the paragraph's direction (rtl), into runs of each
// direction; a box whose text the runs cut (a Hebrew word and its comma in
// an English line, a number and its full stop after Arabic) is split
// there, each piece measured anew; then the runs are reversed, from the
// highest level down (L2). The shaper orders the glyphs inside each box.
// The line is returned as is when it is all left to right.
func (e *engine) orderLine(line []kpItem, rtl bool) []kpItem {
	if !rtl && !hasRightToLeft(line) {
		return line
	}
	// The line's text: a box's, a space for glue, an object replacement
	// character for an image, nothing for a penalty (no break taken).
	var text strings.Builder
	starts := make([]int, len(line)+1) // each item's first rune
	n := 0
	for i, it := range line {
		starts[i] = n
		switch {
		case it.kind == kBox && it.img != nil:
			text.WriteRune('\uFFFC')
			n++
		case it.kind == kBox:
			text.WriteString(it.text)
			n += utf8.RuneCountInString(it.text)
		case it.kind == kGlue:
			text.WriteByte(' ')
			n++
		}
	}
	starts[len(line)] = n
	dir := gobidi.LeftToRight
	base := int8(0)
	if rtl {
		dir, base = gobidi.RightToLeft, 1
	}
	levels := runeLevels(&e.m.memo.bidi, text.String(), dir)
	out := make([]kpItem, 0, len(line)+2)
	lv := make([]int8, 0, len(line)+2)
	for i, it := range line {
		from, to := starts[i], starts[i+1]
		switch {
		case from == to: // a penalty: where the item before it is
			l := base
			if len(lv) > 0 {
				l = lv[len(lv)-1]
			}
			out, lv = append(out, it), append(lv, l)
		case it.kind == kBox && it.img == nil:
			out, lv = e.splitAtLevels(out, lv, it, levels[from:to])
		default:
			out, lv = append(out, it), append(lv, levels[from])
		}
	}
	// L1: the spaces that end the line are at the paragraph's level.
	for k := len(out) - 1; k >= 0 && out[k].kind != kBox; k-- {
		lv[k] = base
	}
	for k := range out {
		if out[k].kind == kBox && lv[k]%2 == 1 && out[k].img == nil && doc.FirstStrong(out[k].text) == 0 {
			out[k].rtl = true
		}
	}
	reverseLevels(out, lv)
	return out
}

// hasRightToLeft reports whether a box of line has a character that the
// bidirectional algorithm moves in a left-to-right paragraph: a
// right-to-left letter, an Arabic digit or a right-to-left control.
func hasRightToLeft(line []kpItem) bool {
	for _, it := range line {
		if it.kind != kBox {
			continue
		}
		for i := 0; i < len(it.text); i++ {
			if it.text[i] < 0xD6 { // below U+0590: no such character starts here
				continue
			}
			r, _ := utf8.DecodeRuneInString(it.text[i:])
			switch bidiClass(r) {
			case xbidi.R, xbidi.AL, xbidi.AN, xbidi.RLE, xbidi.RLO, xbidi.RLI:
				return true
			}
		}
	}
	return false
}

// bidiClass is r's bidirectional class.
func bidiClass(r rune) xbidi.Class {
	p, _ := xbidi.LookupRune(r)
	return p.Class()
}

// runeLevels returns the embedding level of each rune of text, resolved
// by go-text's bidi in direction dir. Its runs give each rune's
// direction; a left-to-right paragraph's left-to-right runs also hold
// the numbers that follow right-to-left text, at level 2 (rules W2, W4,
// W5, W7 and I1: their digits, the separator between two digits, the
// signs next to them), which runeLevels finds from the characters'
// classes. A right-to-left paragraph's runs are its two levels, 1 and 2.
func runeLevels(p *gobidi.Paragraph, text string, dir gobidi.Direction) []int8 {
	runes := []rune(text)
	levels := make([]int8, len(runes))
	runs := p.SegmentString(text, dir)
	for i := range runs.NumRuns() {
		r := runs.Run(i)
		for k := r.Start; k < r.End; k++ {
			levels[k] = int8(r.Level)
		}
	}
	if dir == gobidi.RightToLeft {
		return levels
	}
	classes := make([]xbidi.Class, len(runes))
	afterRTL := false // the last strong character is right to left
	for k, r := range runes {
		c := bidiClass(r)
		classes[k] = c
		switch c {
		case xbidi.L:
			afterRTL = false
		case xbidi.R, xbidi.AL:
			afterRTL = true
		}
		if levels[k]%2 == 1 {
			continue
		}
		levels[k] = 0
		if c == xbidi.AN || c == xbidi.EN && afterRTL {
			levels[k] = 2
		}
	}
	number := func(k int) bool {
		return k >= 0 && k < len(runes) && levels[k] == 2 && (classes[k] == xbidi.EN || classes[k] == xbidi.AN)
	}
	for k := range runes {
		if levels[k] != 0 {
			continue
		}
		switch classes[k] {
		case xbidi.ES, xbidi.CS: // W4: one separator between two digits
			if number(k-1) && number(k+1) {
				levels[k] = 2
			}
		case xbidi.ET: // W5: signs next to a number ("12%", "$5")
			j := k
			for j < len(runes) && classes[j] == xbidi.ET {
				j++
			}
			if number(k-1) || number(j) {
				for ; k < j; k++ {
					levels[k] = 2
				}
			}
		case xbidi.NSM: // a mark takes its base's level
			if k > 0 {
				levels[k] = levels[k-1]
			}
		}
	}
	return levels
}

// splitAtLevels appends box to out, and its level to lv: whole when its
// runes (levels, one a rune) are all at one level, else in pieces, one a
// level, each measured. A bracket of a right-to-left run that encloses
// (or closes) a run of a higher even level in the box joins that run:
// the shaper sets a piece of neutrals left to right, unmirrored, and a
// bracket pair mirrored and reversed is the same pair in place, so
// "(rust-analyzer)." in an Arabic line is two pieces, "(rust-analyzer)"
// and the full stop that goes to its left.
func (e *engine) splitAtLevels(out []kpItem, lv []int8, box kpItem, levels []int8) ([]kpItem, []int8) {
	k := 0
	for _, r := range box.text {
		if levels[k]%2 == 1 && mirrored(r) {
			if k > 0 && levels[k-1]%2 == 0 && levels[k-1] > levels[k] {
				levels[k] = levels[k-1]
			} else if k+1 < len(levels) && levels[k+1]%2 == 0 && levels[k+1] > levels[k] {
				levels[k] = levels[k+1]
			}
		}
		k++
	}
	cut := 0 // the byte where the current piece starts
	k = 0
	for i := range box.text {
		if k > 0 && levels[k] != levels[k-1] {
			out, lv = append(out, e.piece(box, box.text[cut:i])), append(lv, levels[k-1])
			cut = i
		}
		k++
	}
	if cut == 0 {
		return append(out, box), append(lv, levels[0])
	}
	return append(out, e.piece(box, box.text[cut:])), append(lv, levels[len(levels)-1])
}

// mirrored reports whether r is drawn mirrored in right-to-left text
// (Bidi_Mirrored): brackets, and the angle quotation marks and signs.
func mirrored(r rune) bool {
	if p, _ := xbidi.LookupRune(r); p.IsBracket() {
		return true
	}
	return strings.ContainsRune("<>«»‹›", r)
}

// piece is a part of box, holding text, measured.
func (e *engine) piece(box kpItem, text string) kpItem {
	st := e.m.style(box.sty)
	box.text = text
	box.w = e.m.width(st.font, text, st.size)
	return box
}

// reverseLevels reorders line, whose items are at levels, from logical to
// visual order: every run of items at each level from the highest down
// to 1 reversed (L2).
func reverseLevels(line []kpItem, levels []int8) {
	top := int8(0)
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
}

// rightToLeftLabel is an ordered list's marker as a right-to-left list
// shows it (as Chromium draws <ol dir="rtl">): the number left to right,
// the delimiter that follows it in reading order on its left, a
// parenthesis mirrored. "1." is ".1", "1)" is "(1"; "(1)" stays.
func rightToLeftLabel(label string) string {
	switch {
	case strings.HasPrefix(label, "("):
		return label
	case strings.HasSuffix(label, "."):
		return "." + strings.TrimSuffix(label, ".")
	case strings.HasSuffix(label, ")"):
		return "(" + strings.TrimSuffix(label, ")")
	}
	return label
}
