package layout

import (
	"slices"
	"strconv"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

// assemble turns filled sheets into pages: backgrounds, rows, footnotes,
// running head and footer, anchors, links and bookmarks. It also returns the
// printed page number of every anchor.
func (e *engine) assemble(d *doc.Document, sheets []*sheet, noteRows map[int][]*vrow) (*Document, map[string]string) {
	out := &Document{Fonts: e.opts.Fonts}
	labels := map[string]string{}
	if c := e.opts.Cover; c != nil {
		out.Images = append(out.Images, c)
		out.Pages = append(out.Pages, e.coverPage(c))
	}
	out.Images = append(out.Images, e.images.order...)
	cols := max(e.g.columns, 1)
	pages := (len(sheets) + cols - 1) / cols
	total := strconv.Itoa(pages)
	prevLevel := -1
	for k := range pages {
		g := e.geometry(sheets[k*cols]) // a landscape sheet is a page alone (one column)
		pg := &Page{Number: len(out.Pages) + 1, Label: strconv.Itoa(k + 1), Width: g.pageW, Height: g.pageH}
		for c := range cols {
			if k*cols+c < len(sheets) {
				prevLevel = e.assembleColumn(out, pg, sheets[k*cols+c], float64(c)*e.g.colStep, labels, prevLevel)
				if e.stats == nil {
					sheets[k*cols+c] = nil // its rows' items are the page's now: the rows can go
				}
			}
		}
		head, foot := e.furniture(g, d.Meta.Title, k, pg.Label, total)
		pg.Items = append(append(pg.Items, head...), &Slot{Items: foot})
		out.Pages = append(out.Pages, pg)
	}
	dropBrokenLinks(out, labels)
	return out, labels
}

// assembleColumn puts one filled sheet on a page as its column at dx (0
// for the first): backgrounds, rows, footnotes, anchors, links and
// bookmarks. It returns the level of the last bookmark.
func (e *engine) assembleColumn(out *Document, pg *Page, s *sheet, dx float64, labels map[string]string, prevLevel int) int {
	all := append([]placed(nil), s.rows...)
	if len(s.notes) > 0 {
		g := e.geometry(s)
		y := g.bottom - notesHeight(s.notes)
		rule := e.g.left + e.g.width()/4 // the notes are set in the upright text block
		pg.Items = append(pg.Items, &Line{X1: e.g.left + dx, Y1: y + noteSeparator/2, X2: rule + dx, Y2: y + noteSeparator/2, Width: 0.5, Color: grey.rgb()})
		y += noteSeparator
		for _, r := range s.notes {
			all = append(all, placed{row: r, y: y})
			y += r.h
		}
	}
	frames := drawFrames(all)
	n := len(frames)
	for _, p := range all {
		n += len(p.row.items)
	}
	pg.Items = slices.Grow(pg.Items, n+16) // and the running head and footer's words
	for _, it := range frames {
		pg.Items = append(pg.Items, movedInPlace(it, dx, 0))
	}
	for _, p := range all {
		links := len(pg.Links) // the row's links come after the page's so far
		// A row is placed once and its items are moved where it stands;
		// a header a table repeats is copied each time.
		move := movedInPlace
		if p.row.repeats {
			move = moved
		}
		for _, it := range p.row.items {
			it = withLink(withSrc(move(it, dx, p.y), p.row.node), links)
			if p.idx < 0 {
				it = repeated(it)
			}
			pg.Items = append(pg.Items, it)
		}
		for _, l := range p.row.linkAreas() {
			l.X += dx
			l.Y += p.y
			if l.Src == nil {
				l.Src = p.row.node
			}
			pg.Links = append(pg.Links, l)
		}
		for _, id := range p.row.anchorIDs() {
			pg.Anchors = append(pg.Anchors, Anchor{ID: id, Y: p.y})
			labels[id] = pg.Label
		}
		for _, m := range p.row.bookmarks() {
			level := min(m.level-1, prevLevel+1)
			level = max(level, 0)
			prevLevel = level
			out.Bookmarks = append(out.Bookmarks, Bookmark{Title: m.title, Level: level, Page: pg.Number, Y: p.y})
		}
	}
	return prevLevel
}

// drawFrames returns the backgrounds and bars of the frames of rows on a
// page, outer frames first, each spanning its rows on this page.
func drawFrames(rows []placed) []Item {
	type span struct{ top, bottom float64 }
	spans := map[*frame]*span{}
	var order []*frame
	for _, p := range rows {
		for _, fr := range p.row.frames {
			s, ok := spans[fr]
			if !ok {
				s = &span{top: p.y, bottom: p.y + p.row.h}
				spans[fr] = s
				order = append(order, fr)
			}
			s.top = min(s.top, p.y)
			s.bottom = max(s.bottom, p.y+p.row.h)
		}
	}
	var items []Item
	for _, fr := range order {
		s := spans[fr]
		if fr.fill != nil && fr.w > 0 {
			items = append(items, &Rect{X: fr.x, Y: s.top, W: fr.w, H: s.bottom - s.top, Fill: fr.fill})
		}
		if fr.bar != nil {
			x := fr.x
			if fr.barRight {
				x = fr.x + fr.w - fr.barW
			}
			items = append(items, &Rect{X: x, Y: s.top, W: fr.barW, H: s.bottom - s.top, Fill: fr.bar})
		}
	}
	return items
}

// furniture is the running head (on pages after the first) and the footer
// of a page of geometry g, in the document's language (package l10n).
func (e *engine) furniture(g *geometry, title string, k int, label, total string) (head, foot []Item) {
	sty := runStyle{font: FontRef{Family: fonts.Sans}, size: smallSize, color: grey.rgb()}
	left, right := g.fullL, g.fullR
	if k > 0 && title != "" {
		head = append(head, e.line(e.fit(title, sty.font, smallSize, right-left), sty, doc.AlignDefault, left, right, g.headerY)...)
		head = append(head, &Line{X1: left, Y1: g.headerY + 5, X2: right, Y2: g.headerY + 5, Width: 0.3, Color: lightGrey.rgb()})
	}
	return head, e.line(e.words.Page(label, total), sty, doc.AlignCenter, left, right, g.footerY)
}

// line sets text as one line from left to right, its baseline at y, as a
// paragraph is set (faces that have its characters, shaping, the order
// of right-to-left text): page furniture, in whatever language.
func (e *engine) line(text string, sty runStyle, align doc.Alignment, left, right, y float64) []Item {
	rows := e.setParagraph(e.m.plainTokens(text, sty), paraSpec{x: left, widths: []float64{right - left}, align: align, leading: sty.size * 1.2, base: sty})
	if len(rows) == 0 {
		return nil
	}
	items := make([]Item, 0, len(rows[0].items))
	for _, it := range rows[0].items {
		items = append(items, moved(it, 0, y-rows[0].baseline))
	}
	return items
}

// fit shortens s with an ellipsis until it fits in width.
func (e *engine) fit(s string, f FontRef, size, width float64) string {
	if e.m.shapedWidth(s, f, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && e.m.shapedWidth(string(r)+"…", f, size) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// coverPage is a page holding only the cover image, as large as the page
// allows, centred.
func (e *engine) coverPage(c *ImageData) *Page {
	pg := &Page{Number: 1, Width: e.g.pageW, Height: e.g.pageH}
	w, h := e.g.pageW, e.g.pageH
	if c.Width > 0 && c.Height > 0 {
		scale := min(w/float64(c.Width), h/float64(c.Height))
		w, h = float64(c.Width)*scale, float64(c.Height)*scale
	}
	pg.Items = []Item{&ImageItem{X: (e.g.pageW - w) / 2, Y: (e.g.pageH - h) / 2, W: w, H: h, Key: c.Key}}
	return pg
}

// withSrc gives a text or image without a source node the row's.
func withSrc(it Item, n doc.Node) Item {
	switch it := it.(type) {
	case *Slot:
		for _, in := range it.Items {
			withSrc(in, n)
		}
	case *Text:
		if it.Src == nil && !it.Repeat {
			it.Src = n
		}
	case *Words:
		if it.Src == nil && !it.Repeat {
			it.Src = n
		}
	case *ImageItem:
		if it.Src == nil {
			it.Src = n
		}
	}
	return it
}

// repeated makes a text set again where a table continues (its header at
// the top of a page, its first column in a part of its columns) page
// furniture: it was read where first set.
func repeated(it Item) Item {
	switch t := it.(type) {
	case *Slot:
		for _, in := range t.Items {
			repeated(in)
		}
	case *Text:
		t.Src, t.Origin, t.Link, t.Repeat = nil, Origin{}, 0, true
	case *Words:
		t.Src, t.origin, t.Link, t.Repeat = nil, nil, 0, true
		for i := range t.words {
			t.words[i].offset = 0
		}
	}
	return it
}

// withLink shifts a text's link index by the links before its row's.
func withLink(it Item, before int) Item {
	switch t := it.(type) {
	case *Slot:
		for _, in := range t.Items {
			withLink(in, before)
		}
	case *Text:
		if t.Link > 0 {
			t.Link += int32(before)
		}
	case *Words:
		if t.Link > 0 {
			t.Link += int32(before)
		}
	}
	return it
}
