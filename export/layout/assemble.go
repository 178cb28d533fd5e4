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
	a := e.newAssembler(d)
	cols := max(e.g.columns, 1)
	pages := (len(sheets) + cols - 1) / cols
	total := strconv.Itoa(pages)
	for k := range pages {
		group := sheets[k*cols : min(k*cols+cols, len(sheets))]
		a.page(group, total)
		if e.stats == nil {
			clear(group) // its rows' items are the page's now: the rows can go
		}
	}
	out := a.done()
	dropBrokenLinks(out, a.labels)
	return out, a.labels
}

// assembler makes pages of filled sheets, a page at a time, keeping what
// the pages have made so far: the pages, their bookmarks and the anchors'
// page labels.
type assembler struct {
	e         *engine
	title     string
	out       *Document
	labels    map[string]string
	prevLevel int // the level of the last bookmark
	printed   int // the pages made, but the cover
	// footers are the pages' footers made before the page count was
	// known, to be filled (fillFooters).
	footers []pendingFooter
}

// pendingFooter is a page's footer slot, to fill once the page count is
// known.
type pendingFooter struct {
	slot  *Slot
	g     *geometry
	label string
}

// newAssembler returns an assembler of d's pages; the cover, if any, is
// its first page.
func (e *engine) newAssembler(d *doc.Document) *assembler {
	a := &assembler{e: e, title: d.Meta.Title, out: &Document{Fonts: e.opts.Fonts}, labels: map[string]string{}, prevLevel: -1}
	if c := e.opts.Cover; c != nil {
		a.out.Pages = append(a.out.Pages, e.coverPage(c))
	}
	return a
}

// page makes the next page of its columns' sheets, group (a landscape
// sheet is a page alone), with the page count total in its footer; ""
// leaves the footer pending (fillFooters).
func (a *assembler) page(group []*sheet, total string) {
	e := a.e
	g := e.geometry(group[0])
	k := a.printed
	a.printed++
	pg := &Page{Number: len(a.out.Pages) + 1, Label: strconv.Itoa(k + 1), Width: g.pageW, Height: g.pageH}
	for c, s := range group {
		a.prevLevel = e.assembleColumn(a.out, pg, s, float64(c)*e.g.colStep, a.labels, a.prevLevel)
	}
	pg.Items = append(pg.Items, e.runningHead(g, a.title, k)...)
	foot := &Slot{Pending: true}
	if total != "" {
		foot.Items, foot.Pending = e.footer(g, pg.Label, total), false
	} else {
		a.footers = append(a.footers, pendingFooter{slot: foot, g: g, label: pg.Label})
	}
	pg.Items = append(pg.Items, foot)
	a.out.Pages = append(a.out.Pages, pg)
}

// fillFooters fills the footers left pending, the page count known.
func (a *assembler) fillFooters() {
	total := strconv.Itoa(a.printed)
	for _, f := range a.footers {
		f.slot.Items, f.slot.Pending = a.e.footer(f.g, f.label, total), false
	}
	a.footers = nil
}

// done returns the laid-out document: the pages and bookmarks made, and
// the images, every part's merged.
func (a *assembler) done() *Document {
	out := a.out
	if c := a.e.opts.Cover; c != nil {
		out.Images = append(out.Images, c)
	}
	out.Images = append(out.Images, a.e.images.order...)
	return out
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

// furnitureStyle is the running head's and the footer's style.
func furnitureStyle() runStyle {
	return runStyle{font: FontRef{Family: fonts.Sans}, size: smallSize, color: grey.rgb()}
}

// runningHead is the running head of the page k (0-based, but the cover)
// of geometry g: the title, over a rule, on pages after the first.
func (e *engine) runningHead(g *geometry, title string, k int) []Item {
	sty := furnitureStyle()
	left, right := g.fullL, g.fullR
	if k == 0 || title == "" {
		return nil
	}
	return append(e.line(e.fit(title, sty.font, smallSize, right-left), sty, doc.AlignDefault, left, right, g.headerY),
		&Line{X1: left, Y1: g.headerY + 5, X2: right, Y2: g.headerY + 5, Width: 0.3, Color: lightGrey.rgb()})
}

// footer is the footer of a page of geometry g: its number of the page
// count, in the document's language (package l10n).
func (e *engine) footer(g *geometry, label, total string) []Item {
	return e.line(e.words.Page(label, total), furnitureStyle(), doc.AlignCenter, g.fullL, g.fullR, g.footerY)
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
