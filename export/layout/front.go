package layout

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// titleBlock sets the document's title, subtitle, byline and a thin rule.
func (f *flow) titleBlock(m doc.Meta) {
	if strings.TrimSpace(m.Title) == "" {
		return
	}
	set := func(text string, sty runStyle, leading float64) {
		rows := f.e.setParagraph(f.e.m.plainTokens(text, sty), paraSpec{x: f.x, widths: []float64{f.w}, leading: leading, base: sty})
		for _, r := range rows {
			r.kwn = true
			f.add(r)
		}
	}
	sans := FontRef{Family: fonts.Sans}
	set(m.Title, runStyle{font: roleFont(theme.Heading), size: titleSize, color: black.rgb()}, titleSize*1.18)
	if m.Subtitle != "" {
		f.space(4)
		set(m.Subtitle, runStyle{font: sans, size: subtitleSize, color: grey.rgb()}, subtitleSize*1.3)
	}
	var by []string
	if len(m.Authors) > 0 {
		by = append(by, strings.Join(m.Authors, ", "))
	}
	if m.Date != "" {
		by = append(by, m.Date)
	}
	if len(by) > 0 {
		f.space(8)
		set(strings.Join(by, " · "), runStyle{font: sans, size: 9.5, color: grey.rgb()}, 12.5)
	}
	f.space(8)
	f.add(&vrow{h: 1, items: []Item{&Line{X1: f.x, Y1: 0.5, X2: f.x + f.w, Y2: 0.5, Width: 0.6, Color: grey.rgb()}}})
	f.space(20)
}

// tocEntry is one line of the printed table of contents.
type tocEntry struct {
	level int
	id    string
	title string
}

// tocEntries returns what the printed contents list: the headings down to
// depth, then the appendix.
func tocEntries(d *doc.Document, depth int) []tocEntry {
	var out []tocEntry
	for _, o := range d.Outline {
		if o.Level <= depth && o.ID != "" {
			out = append(out, tocEntry{level: o.Level, id: o.ID, title: o.Title})
		}
	}
	if a := d.Appendix; a != nil && a.Attr.ID != "" {
		out = append(out, tocEntry{level: 1, id: a.Attr.ID, title: a.Title})
	}
	return out
}

// toc sets the table of contents: entries indented by level, dotted leaders,
// page numbers on the right, each entry a link to its heading.
func (f *flow) toc(entries []tocEntry) {
	first := len(f.rows)
	titled := first
	leaders := map[*Text]bool{} // page furniture: drawn, not read
	defer func() {
		for i, r := range f.rows[first:] {
			for _, it := range r.items {
				switch t := it.(type) {
				case *Text:
					t.Contents = !leaders[t]
					t.ContentsTitle = first+i < titled
					t.Origin = Origin{} // the contents are in no node's text
				case *Words:
					t.Contents, t.ContentsTitle = true, first+i < titled
					t.origin = nil
					for i := range t.words {
						t.words[i].offset = 0
					}
				}
			}
		}
	}()
	f.heading(2, []doc.Inline{&doc.Text{Value: f.e.words.Contents}}, "", "")
	titled = len(f.rows)
	top := 6
	for _, e := range entries {
		top = min(top, e.level)
	}
	numW := 26.0
	leading := tocSize * 1.45
	ink := black.rgb()
	dots := runStyle{font: FontRef{Family: fonts.Serif}, size: tocSize, color: tocInk.rgb()}
	dotW := f.e.m.width(dots.font, ".", tocSize)
	step := f.e.m.width(dots.font, ". ", tocSize)
	for _, e := range entries {
		indent := float64(e.level-top) * 14
		sty := runStyle{font: FontRef{Family: fonts.Serif}, size: tocSize, color: ink}
		if e.level == top {
			sty.font.Style = fonts.Bold
			f.space(3)
		}
		// The title's column, then the leaders and the number on its
		// right; mirrored in a right-to-left document.
		rtl := f.e.rtl
		colX := f.x + indent
		if rtl {
			colX = f.x + numW + 12
		}
		spec := paraSpec{x: colX, widths: []float64{f.w - indent - numW - 12}, leading: leading, base: sty, docDir: true}
		rows := f.e.setParagraph(f.e.m.plainTokens(e.title, sty), spec)
		if len(rows) == 0 {
			continue
		}
		linkX := f.x + indent
		if rtl {
			linkX = f.x
		}
		for _, r := range rows {
			r.ext().links = append(r.ext().links, LinkArea{X: linkX, Y: 0, W: f.w - indent, H: leading, Dest: e.id})
		}
		last := rows[len(rows)-1]
		start, end := f.x+f.w-indent, f.x+indent // the last line's text's left and right
		for _, it := range last.items {
			switch t := it.(type) {
			case *Text:
				start, end = min(start, t.X), max(end, t.X+t.Width)
			case *Words:
				for _, w := range t.words {
					start, end = min(start, w.x), max(end, w.x+w.shaped.width(t.Size))
				}
			}
		}
		// The number is filled in after pagination (resolvePageRefs): it
		// sits in a column of its own, so no line or page depends on it.
		const label = "0"
		nw := f.e.m.width(sty.font, label, tocSize)
		from, to := end+6, f.x+f.w-numW // where the leaders may go
		numX := f.x + f.w - nw
		if rtl {
			from, to = f.x+numW, start-6
			numX = f.x
		}
		if n := int((to - from) / step); n > 0 {
			w := float64(n-1)*step + dotW
			x := to - w // by the number
			if rtl {
				x = from
			}
			leader := &Text{X: x, Y: last.baseline, Font: dots.font, Size: tocSize, Color: dots.color, Text: strings.Repeat(". ", n-1) + ".", Width: w}
			leaders[leader] = true
			last.items = append(last.items, leader)
		}
		num := &Text{X: numX, Y: last.baseline, Font: sty.font, Size: tocSize, Color: ink, Text: label, Width: nw, Contents: true}
		last.items = append(last.items, &Slot{Items: []Item{num}, Pending: true, Contents: true, Y: last.baseline})
		f.e.pageRefs = append(f.e.pageRefs, pageRef{text: num, slot: last.items[len(last.items)-1].(*Slot), anchor: e.id, left: rtl})
		for _, r := range rows[:len(rows)-1] {
			r.kwn = true
		}
		for _, r := range rows {
			f.add(r)
		}
	}
	f.space(24)
}
