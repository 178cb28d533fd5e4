package layout

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// codeInset is the space between a code block's ground and its text, on
// either side.
const codeInset = 8

// contMark returns the mark a wrapped line of code ends with: an arrow
// where the code's face has one.
func (m measurer) contMark() string {
	if m.face(roleFont(theme.Code)).Has('↪') {
		return "↪"
	}
	return "\\"
}

// codeWidth returns the width a code block takes to set text unwrapped:
// its widest line, its insets and the room kept for the continuation
// mark.
func (m measurer) codeWidth(text string) float64 {
	mono := roleFont(theme.Code)
	widest := 0.0
	for line := range strings.SplitSeq(text, "\n") {
		widest = max(widest, m.width(mono, line, codeSize))
	}
	return widest + 2*codeInset + m.width(mono, m.contMark(), codeSize) + 2
}

// code lays out a code block: mono type on a light grey ground, highlighted
// by its language, long lines wrapped at the right edge with a continuation
// mark.
func (f *flow) code(b *doc.CodeBlock) {
	text := b.Text
	bg := codeBg.rgb()
	in := f.sub(codeInset, codeInset)
	in.frames = append(append([]*frame(nil), f.frames...), &frame{x: f.x, w: f.w, fill: &bg})
	mono := roleFont(theme.Code)
	face := f.e.m.face(mono)
	contMark := f.e.m.contMark()
	markW := f.e.m.width(mono, contMark, codeSize)
	avail := in.w - markW - 2
	base := lineMetrics(face, codeSize, codeLeading)
	var rows []*vrow
	source := strings.Split(text, "\n") // the lines as written, for the texts' origins
	lineStart := 0
	var buf []codeChar // the characters of each line
	var origins []int
	for li, line := range codeLines(b) {
		// Each character with its face, ink, advance and origin: its
		// place in the block's text (a tab's spaces all at the tab).
		var written string
		if li < len(source) {
			written = source[li]
		}
		origins = expandedOrigins(origins, written, lineStart)
		chars := buf[:0]
		k := 0
		for _, span := range line {
			sty := mono
			if span.bold {
				sty.Style = fonts.Bold
			}
			for _, r := range span.text {
				font, rr := f.e.m.fallback(sty, r)
				c := codeChar{r: rr, font: font, ink: span.ink, w: f.e.m.face(font).Advance(rr) * codeSize / 1000, at: lineStart + len(written)}
				if k < len(origins) {
					c.at = origins[k]
				}
				chars = append(chars, c)
				k++
			}
		}
		buf = chars
		lineStart += len(written) + 1
		for first := true; first || len(chars) > 0; first = false {
			n := codeFit(chars, avail)
			row := &vrow{h: codeLeading, baseline: base}
			row.items = f.e.codeTexts(chars[:n], in.x, base, b)
			chars = chars[n:]
			if len(chars) > 0 {
				row.items = append(row.items, &Text{X: in.x + in.w - markW, Y: base, Font: mono, Size: codeSize, Color: grey.rgb(), Text: contMark, Width: markW})
			}
			rows = append(rows, row)
		}
	}
	in.pad(5, true)
	in.addRows(rows)
	// A blank line before the last is no line to a reader: the last line
	// keeps the one before it with it too.
	for k := len(rows) - 2; k > 0 && len(rows[k].items) == 0; k-- {
		rows[k-1].kwn = true
	}
	in.rows[len(in.rows)-1].kwn = true
	in.pad(5, false)
}

// codeChar is one character of a code line as it is drawn.
type codeChar struct {
	r    rune
	font FontRef
	ink  RGB
	w    float64
	at   int // the byte offset in the block's text: the origin of a text it starts
}

// codeFit returns how many of chars go on one row of width avail: all that
// fit, or, when the line must wrap, up to the last place in the second
// half of the row where a line of text could break (codeBreak), so that
// words are kept whole where they can be; else as many as fit, less the
// one before a mark that may not start a line. At least one character
// goes on every row.
func codeFit(chars []codeChar, avail float64) int {
	x, n := 0.0, 0
	for n < len(chars) && (n == 0 || x+chars[n].w <= avail) {
		x += chars[n].w
		n++
	}
	if n == len(chars) {
		return n
	}
	for k := n; k > n/2; k-- {
		if codeBreak(chars[k-1].r, chars[k].r) {
			return k
		}
	}
	if n > 1 && noLineStart(chars[n].r) {
		return n - 1 // "でし" then "た。", not "でした" then "。"
	}
	return n
}

// codeBreak reports whether a line of code may wrap between prev and
// next: after a space, or between Chinese or Japanese characters where
// their text could break: not before a closing mark or a small kana, not
// after an opening one.
func codeBreak(prev, next rune) bool {
	if prev == ' ' {
		return true
	}
	return (WrittenWithoutSpaces(prev) || WrittenWithoutSpaces(next)) && !noLineStart(next) && !openingMark(prev) && next != ' '
}

// codeTexts turns characters into text items from x: one per run of one face
// and ink, spaces joining the run before them.
func (e *engine) codeTexts(chars []codeChar, x, base float64, block *doc.CodeBlock) []Item {
	var items []Item
	var last *Text
	text := e.m.memo.text[:0] // the last text's characters
	end := func() {
		if last != nil {
			last.Text = string(text)
		}
		text = text[:0]
	}
	for _, c := range chars {
		switch {
		case c.r == ' ':
			if last != nil {
				text = append(text, ' ')
				last.Width += c.w
			}
		case last != nil && last.Font == c.font && last.Color == c.ink:
			text = utf8.AppendRune(text, c.r)
			last.Width += c.w
		default:
			end()
			last = e.newText()
			*last = Text{X: x, Y: base, Font: c.font, Size: codeSize, Color: c.ink, Width: c.w,
				Origin: Origin{Node: block, Offset: c.at}}
			text = utf8.AppendRune(text, c.r)
			items = append(items, last)
		}
		x += c.w
	}
	end()
	e.m.memo.text = text
	return items
}

// expandedOrigins returns in out, for each character of line with its tabs
// expanded as expandTabsAt does, the byte offset in the block's text of the
// character it comes from; the line starts at byte start.
func expandedOrigins(out []int, line string, start int) []int {
	out = slices.Grow(out[:0], len(line))
	col := 0
	for i, r := range line {
		n := 1
		if r == '\t' {
			n = tabSpaces(col)
		}
		for range n {
			out = append(out, start+i)
		}
		col += n
	}
	return out
}

// tabSpaces is how many columns a tab at column col fills: to the next
// multiple of four.
func tabSpaces(col int) int { return 4 - col%4 }

// expandTabsAt expands the tabs of s, a piece of a line that starts col
// characters in, as tabSpaces says; it returns the piece and the column
// it ends at.
func expandTabsAt(s string, col int) (string, int) {
	if !strings.Contains(s, "\t") {
		return s, col + utf8.RuneCountInString(s)
	}
	var b strings.Builder
	for _, r := range s {
		n := 1
		if r == '\t' {
			n = tabSpaces(col)
			b.WriteString(strings.Repeat(" ", n))
		} else {
			b.WriteRune(r)
		}
		col += n
	}
	return b.String(), col
}
