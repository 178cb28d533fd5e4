package layout

import (
	"strings"

	"github.com/galley-pub/galley/fonts"
)

// code lays out a code block: mono type on a light grey ground, long lines
// wrapped at the right edge with a continuation mark.
func (f *flow) code(text string) {
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
	ink := codeInk.rgb()
	var rows []*vrow
	newRow := func(s string, wrapped bool) {
		row := &vrow{h: codeLeading, baseline: base}
		x := in.x
		for _, p := range f.e.m.shape(s, mono, codeSize) {
			if strings.TrimSpace(p.text) != "" {
				row.items = append(row.items, &Text{X: x, Y: base, Font: p.font, Size: codeSize, Color: ink, Text: p.text, Width: p.width})
			}
			x += p.width
		}
		if wrapped {
			row.items = append(row.items, &Text{X: in.x + in.w - markW, Y: base, Font: mono, Size: codeSize, Color: grey.rgb(), Text: contMark, Width: markW})
		}
		rows = append(rows, row)
	}
	for _, line := range strings.Split(expandTabs(text), "\n") {
		var b strings.Builder
		w := 0.0
		for _, r := range line {
			font, rr := f.e.m.fallback(mono, r)
			rw := f.e.m.face(font).Advance(rr) * codeSize / 1000
			if w+rw > avail && b.Len() > 0 {
				newRow(b.String(), true)
				b.Reset()
				w = 0
			}
			b.WriteRune(r)
			w += rw
		}
		newRow(b.String(), false)
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
