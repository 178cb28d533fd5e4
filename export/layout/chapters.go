package layout

import (
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
)

// minPartText is the least text, in bytes, worth a part of its own: a
// shorter document is set on one goroutine, as the engine's copy and
// its cold caches would cost more than they save.
const minPartText = 64 << 10

// chapterParts are the parts of a document's top-level blocks being
// laid out (startChapters), which finish joins into the first part's flow.
// A document with chapters (level-1 headings) long enough is cut before
// some of them into as many parts as there are cores, each part after the
// first set by an engine of its own on its own goroutine (with its own
// measuring caches), and the parts' rows joined as one flow would have
// set them: the same rows, byte for byte, in less time
// (TestChaptersAsOneFlow).
type chapterParts struct {
	e      *engine
	bs     []doc.Block
	bounds []int // the first block of each part, then len(bs); nil: one part
	parts  []*engine
	rows   []*builder
	panics []*guard.Panic
	wg     sync.WaitGroup
}

// startChapters starts laying out the parts of bs after the first, cut
// at cuts, each on its own goroutine: they need nothing of what comes
// before them (the title page and the contents are set meanwhile).
func (e *engine) startChapters(bs []doc.Block, cuts []int) *chapterParts {
	c := &chapterParts{e: e, bs: bs}
	if len(cuts) == 0 {
		return c
	}
	c.bounds = append(append([]int{0}, cuts...), len(bs))
	c.parts = make([]*engine, len(cuts))
	c.rows = make([]*builder, len(cuts))
	c.panics = make([]*guard.Panic, len(cuts))
	for i := range cuts {
		pe := e.fork()
		pb := &builder{e: pe}
		c.parts[i], c.rows[i] = pe, pb
		from, to := c.bounds[i+1], c.bounds[i+2]
		c.wg.Go(func() {
			defer guard.Catch(&c.panics[i])
			pf := pe.newFlow(pb)
			pf.space(pf.skip) // the space blocks loop puts between blocks
			pf.blocks(bs[from:to])
			pe.shapeRows(pb.rows)
		})
	}
	return c
}

// finish lays the first part out into f, after what f holds, waits for
// the others and joins them to it.
func (c *chapterParts) finish(f *flow) {
	e, bs := c.e, c.bs
	if c.bounds == nil {
		f.blocks(bs)
		return
	}
	from := len(f.rows)
	f.blocks(bs[:c.bounds[1]])
	e.shapeRows(f.rows[from:]) // while the other parts are set (not the contents: their page numbers are not known yet)
	c.wg.Wait()
	for _, p := range c.panics {
		guard.Raise(p)
	}
	if f.atStart { // nothing set before the first cut: the parts' first spaces would not be
		f.blocks(bs[c.bounds[1]:])
		return
	}
	for i, pe := range c.parts {
		e.join(f, pe, c.rows[i], bs[c.bounds[i+1]-1], bs[c.bounds[i+1]])
	}
}

// cuts returns where chapters cuts the document's blocks bs into parts
// (chapterCuts), as many as there are cores.
func (e *engine) cuts(bs []doc.Block) []int {
	n, least := runtime.GOMAXPROCS(0), minPartText
	if e.opts.parts > 0 {
		n, least = e.opts.parts, max(e.opts.partText, 1)
	}
	return chapterCuts(bs, n, least)
}

// chapterCuts returns where to cut bs into at most n parts of about
// equal text: the indexes of level-1 headings, none first; none for a
// document shorter than least bytes a part, or with no heading to cut
// at.
func chapterCuts(bs []doc.Block, n, least int) []int {
	if n < 2 || len(bs) < 2 {
		return nil
	}
	sizes := make([]int, len(bs))
	total := 0
	for i, b := range bs {
		sizes[i] = doc.TextSize(b)
		total += sizes[i]
	}
	n = min(n, total/least)
	if n < 2 {
		return nil
	}
	var cuts []int
	done := 0
	for i, b := range bs {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 && i > 0 && done >= total*(len(cuts)+1)/n {
			cuts = append(cuts, i)
			if len(cuts) == n-1 {
				break
			}
		}
		done += sizes[i]
	}
	return cuts
}

// fork returns an engine for a part of the document: the same options,
// paper and fonts, with caches, image store, warnings and statistics of
// its own (but the shaped runs, shared behind a lock).
func (e *engine) fork() *engine {
	mem := newMemo(e.m.set, e.lang)
	mem.shaper = e.m.memo.shaper.fork()
	images := e.images.fork()
	mem.diags = &diag.List{}
	var stats *lineStats
	if e.stats != nil {
		stats = &lineStats{}
	}
	return &engine{
		m:      measurer{set: e.m.set, hyph: e.m.hyph, thai: e.m.thai, memo: mem, images: images},
		g:      e.g,
		land:   e.land,
		opts:   e.opts,
		diags:  mem.diags,
		images: images,
		stats:  stats,
		rtl:    e.rtl,
		lang:   e.lang,
		words:  e.words,
	}
}

// shapeRows gives the texts of rows their glyphs (shapeText), on the
// part's goroutine.
func (e *engine) shapeRows(rows []*vrow) {
	for _, r := range rows {
		for _, row := range []*vrow{r, r.headerRow()} {
			if row == nil {
				continue
			}
			for _, it := range row.items {
				shapeItem(it, e.m.memo.shaper)
			}
		}
	}
}

// join appends a part's rows (pb) to f as f's own blocks loop would have
// set them, last being the block before the part's first, next:
//   - the space before the part's first block merges with a space f
//     ends with;
//   - a chapter's heading that follows a heading does not start a page
//     (flow.heading's afterHeading, which the part could not see);
//   - a block kept with the heading (a lead-in ending with a colon)
//     keeps its last row with it;
//   - the part's images take the numbers they would have had, its
//     warnings and line statistics follow f's.
func (e *engine) join(f *flow, pe *engine, pb *builder, last, next doc.Block) {
	if keptWithNext(last, next, nil) {
		f.keepWithNext()
	}
	e.joinRows(f, pe, pb)
}

// joinRows appends the rows of a part (pb, set by pe) to f as f would
// have set them: join but for the rule of the blocks either side.
func (e *engine) joinRows(f *flow, pe *engine, pb *builder) {
	rs := pb.rows
	if f.afterHeading() {
		for _, r := range rs {
			if !r.glue {
				r.newPage, r.recto = false, false
				break
			}
		}
	}
	if n := len(f.rows); n > 0 && len(rs) > 0 && f.rows[n-1].glue && rs[0].glue {
		f.rows[n-1].h = max(f.rows[n-1].h, rs[0].h)
		f.rows[n-1].newPage = f.rows[n-1].newPage || rs[0].newPage // a page break's
		rs = rs[1:]
	}
	e.mergePart(pe, rs)
	f.rows = append(f.rows, rs...)
	f.keepNext = pb.keepNext
}

// mergePart takes what a part's engine pe made besides its rows rs: its
// images, numbered as they would have been and their keys in rs changed
// to match, then its warnings and line statistics, after e's.
func (e *engine) mergePart(pe *engine, rs []*vrow) {
	keys := e.images.merge(pe.images)
	for _, r := range rs {
		for _, row := range []*vrow{r, r.headerRow()} {
			if row == nil {
				continue
			}
			for _, it := range row.items {
				if im, ok := it.(*ImageItem); ok {
					if k, ok := keys[im.Key]; ok {
						im.Key = k
					}
				}
			}
		}
	}
	e.diags.Merge(pe.diags)
	if e.stats != nil {
		e.stats.ratios = append(e.stats.ratios, pe.stats.ratios...)
		e.stats.ragged += pe.stats.ragged
	}
}

// backMatter is a long document's appendix and footnotes, laid out on
// engines of their own while its chapters are, and joined after them as
// one flow would have set them (TestChaptersAsOneFlow): the further
// reading of a long book was a second of one core after its chapters.
type backMatter struct {
	done     chan struct{}
	panic    *guard.Panic // the back matter's layout's, raised by join
	appendix *engine
	rows     *builder // the appendix's
	notes    *engine
	noteRows map[int][]*vrow
	allNotes []*vrow // noteRows' rows, by note number
}

// startBackMatter starts laying out d's appendix and footnotes.
func (e *engine) startBackMatter(d *doc.Document) *backMatter {
	bm := &backMatter{done: make(chan struct{}), appendix: e.fork(), notes: e.fork()}
	bm.rows = &builder{e: bm.appendix}
	go func() {
		defer close(bm.done)
		defer guard.Catch(&bm.panic)
		pf := bm.appendix.newFlow(bm.rows)
		pf.appendixRows(d.Appendix)
		bm.appendix.shapeRows(bm.rows.rows)
		bm.noteRows = bm.notes.footnotes(d.Footnotes)
		for _, n := range slices.Sorted(maps.Keys(bm.noteRows)) {
			bm.allNotes = append(bm.allNotes, bm.noteRows[n]...)
		}
		bm.notes.shapeRows(bm.allNotes)
	}()
	return bm
}

// join waits for the back matter and adds it to f after the chapters:
// the appendix's rows, and the footnotes' rows it returns.
func (bm *backMatter) join(e *engine, f *flow) map[int][]*vrow {
	<-bm.done
	guard.Raise(bm.panic)
	first := len(f.rows)
	e.joinRows(f, bm.appendix, bm.rows)
	f.appendixPage(first)
	e.mergePart(bm.notes, bm.allNotes)
	return bm.noteRows
}
