package layout

import (
	"strings"

	"github.com/galley-pub/galley/fonts"
)

// code lays out a code block: mono type on a light grey ground, highlighted
// by its language, long lines wrapped at the right edge with a continuation
// mark.
func (f *flow) code(lang, text string) {
	bg := codeBg.rgb()
	in := f.sub(8, 8)
	in.frames = append(append([]*frame(nil), f.frames...), &frame{x: f.x, w: f.w, fill: &bg})
	mono := FontRef{Family: fonts.Mono}
	face := f.e.m.face(mono)
	contMark := "\\"
	if face.Has('↪') {
		contMark = "↪"
	}
	markW := f.e.m.width(mono, contMark, codeSize)
	avail := in.w - markW - 2
	base := lineMetrics(face, codeSize, codeLeading)
	var rows []*vrow
	row := &vrow{h: codeLeading, baseline: base}
	x := in.x
	var last *Text
	endRow := func(wrapped bool) {
		if wrapped {
			row.items = append(row.items, &Text{X: in.x + in.w - markW, Y: base, Font: mono, Size: codeSize, Color: grey.rgb(), Text: contMark, Width: markW})
		}
		rows = append(rows, row)
		row = &vrow{h: codeLeading, baseline: base}
		x, last = in.x, nil
	}
	for _, line := range highlight(lang, expandTabs(text)) {
		for _, span := range line {
			sty := mono
			if span.bold {
				sty.Style = fonts.Bold
			}
			for _, r := range span.text {
				font, rr := f.e.m.fallback(sty, r)
				rw := f.e.m.face(font).Advance(rr) * codeSize / 1000
				if x+rw > in.x+avail && x > in.x {
					endRow(true)
				}
				switch {
				case r == ' ':
					if last != nil { // spaces join the run before them
						last.Text += " "
						last.Width += rw
					}
				case last != nil && last.Font == font && last.Color == span.ink:
					last.Text += string(rr)
					last.Width += rw
				default:
					last = &Text{X: x, Y: base, Font: font, Size: codeSize, Color: span.ink, Text: string(rr), Width: rw}
					row.items = append(row.items, last)
				}
				x += rw
			}
		}
		endRow(false)
	}
	in.pad(5, true)
	in.addRows(rows)
	in.rows[len(in.rows)-1].kwn = true
	in.pad(5, false)
}

// expandTabs replaces tabs with spaces to the next multiple of four columns.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}
