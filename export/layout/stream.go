package layout

import "github.com/galley-pub/galley/export/doc"

// PageSink takes a layout's pages as soon as each is final
// (Options.Pages), so that a long document's pages are drawn and let go
// of while its later parts are still being set, never all held at once.
type PageSink interface {
	// Add takes the next page, in page order. The page's pending slots
	// (its footer, a contents entry's page number) are filled once Drain
	// has returned: until then Add's taker reads them as pending.
	Add(*Page) error
	// Drain returns once every page added is done with, and the first
	// error Add's taker met.
	Drain() error
}

// streamText is the least text, in bytes, of a document whose pages are
// given away as they are made (Options.Pages): below it, holding every
// page costs less than giving them away (a second content stream a page,
// a few more parts). Given away, the Rust book's 1.3 MB took 2% more
// time and as much memory, in a file 3% larger; the 13 MB book's peak of
// memory fell from about 790 to 620 MiB (with its PDF written to its
// file as it is made, and its e-book's pages deflated as made), for
// about 4% more time and a file 5% larger.
const streamText = 4 << 20

// partText is the text, in bytes, of a part of a document laid out for a
// PageSink: a 13 MB book is about 26 parts, of which a few are held at a
// time (window).
const partText = 512 << 10

// window is how many parts beyond the one joined are set at a time, for
// a PageSink: one a core, and one more, so that no core waits for the
// joins.
func window(cores int) int { return cores + 1 }

// pageStream paginates a layout's rows as its parts are joined, makes
// pages of the filled sheets and gives them to the sink, then lets go of
// the rows. The pages' footers (the page count) and the contents' page
// numbers are pending until the last page is given (finish).
type pageStream struct {
	e     *engine
	sink  PageSink
	notes func() map[int][]*vrow // the footnotes' rows, waited for at the first pagination
	p     *paginator             // nil until then
	a     *assembler
	taken int // the sheets made into pages
	given int // the pages given to the sink (the cover, if any, first)
	// made are the images of colour-bitmap glyphs (emoji) made so far,
	// by key; glyphs those same images in the order made.
	made   map[string]*ImageData
	glyphs []*ImageData
	err    error // the sink's first
}

// newPageStream returns a stream of d's pages to sink; notes gives the
// footnotes' rows, once set.
func (e *engine) newPageStream(d *doc.Document, sink PageSink, notes func() map[int][]*vrow) *pageStream {
	return &pageStream{e: e, sink: sink, notes: notes, a: e.newAssembler(d), made: map[string]*ImageData{}}
}

// advance paginates b's rows up to upto (those before it are final),
// gives away the pages filled and lets go of their rows.
func (s *pageStream) advance(b *builder, upto int) {
	if s.p == nil {
		s.p = s.e.newPaginator(s.notes())
	}
	b.countHeights(upto)
	s.p.advance(b.rows, upto)
	s.give(s.p.sheets, false)
	// The row before the page being filled stays: a table's header
	// repeated at the page's head looks back at it (paginator.place).
	b.release(s.p.firstOnPage() - 1)
}

// give makes pages of the sheets not yet made, all of them when last, else
// only those of pages whose columns are all filled, and gives away the
// pages not given yet (the cover first).
func (s *pageStream) give(sheets []*sheet, last bool) {
	cols := max(s.e.g.columns, 1)
	for s.taken < len(sheets) && (last || len(sheets)-s.taken >= cols) {
		group := sheets[s.taken:min(s.taken+cols, len(sheets))]
		s.taken += len(group)
		s.a.page(group, "")
		clear(group) // the rows' items are the page's now
	}
	for ; s.given < len(s.a.out.Pages) && s.err == nil; s.given++ {
		pg := s.a.out.Pages[s.given]
		shapePage(pg, s.e.m.memo.shaper, s.made, func(img *ImageData) { s.glyphs = append(s.glyphs, img) })
		s.err = s.sink.Add(pg)
	}
}

// finish paginates the rest of b's rows, gives away the last pages and
// waits for the sink to be done with them; it then fills the pages'
// pending footers, and returns the laid-out document (its pages' items
// let go of by the sink, as it pleases), the page label of each anchor,
// and the sink's first error.
func (s *pageStream) finish(b *builder) (*Document, map[string]string, error) {
	s.advance(b, len(b.rows))
	s.give(s.p.end(), true)
	if err := s.sink.Drain(); s.err == nil {
		s.err = err
	}
	footers := s.a.footers
	s.a.fillFooters()
	for _, f := range footers {
		for _, it := range f.slot.Items {
			shapeItem(it, s.e.m.memo.shaper)
		}
	}
	out := s.a.done()
	out.Images = append(out.Images, s.glyphs...)
	dropBrokenLinks(out, s.a.labels)
	return out, s.a.labels, s.err
}

// countHeights adds the heights of b's rows up to upto, as they are
// before they are paginated (a row cut at a page's foot becomes its
// rest), to those counted (appendixPage).
func (b *builder) countHeights(upto int) {
	for ; b.counted < upto; b.counted++ {
		b.countedH += b.rows[b.counted].h
	}
}

// release lets go of b's rows up to upto, paginated and on pages given
// away.
func (b *builder) release(upto int) {
	for ; b.released < upto; b.released++ {
		b.rows[b.released] = nil
	}
}

// heightTo is the height of b's rows up to upto (at least those
// counted), as set.
func (b *builder) heightTo(upto int) float64 {
	h := b.countedH
	for _, r := range b.rows[b.counted:upto] {
		h += r.h
	}
	return h
}
