package layout

import (
	"maps"
	"runtime"
	"slices"

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
// some of them into parts, each part after the first set by an engine of
// its own on a goroutine of its own (with its own measuring caches), and
// the parts' rows joined as one flow would have set them: the same rows,
// byte for byte, in less time (TestChaptersAsOneFlow). A layout that
// gives its pages away as they are made (Options.Pages) cuts a long
// document into more parts than cores, set a few ahead of the one joined
// (window), so that only those parts' rows are held at a time.
type chapterParts struct {
	e      *engine
	bs     []doc.Block
	bounds []int // the first block of each part, then len(bs); nil: one part
	parts  *ahead[*builder]
}

// startChapters starts laying out the parts of bs after the first, cut
// at cuts, on as many goroutines as window (0: each part on its own), no
// part more than window ahead of the one joined: they need nothing of
// what comes before them (the title page and the contents are set
// meanwhile). Each goroutine's engine keeps its measuring caches from
// one part to the next.
func (e *engine) startChapters(bs []doc.Block, cuts []int, window int) *chapterParts {
	c := &chapterParts{e: e, bs: bs}
	if len(cuts) == 0 {
		return c
	}
	c.bounds = append(append([]int{0}, cuts...), len(bs))
	c.parts = startAhead(e, len(cuts), window, func(pe *engine, i int) *builder {
		pb := &builder{e: pe}
		pf := pe.newFlow(pb)
		pf.space(pf.skip) // the space blocks loop puts between blocks
		pf.blocks(bs[c.bounds[i+1]:c.bounds[i+2]])
		pe.shapeRows(pb.rows)
		return pb
	})
	return c
}

// close stops the parts not yet begun and waits for those running: once
// joined, or when the layout ends early (a panic, a cancellation).
func (c *chapterParts) close() {
	if c.parts != nil {
		c.parts.close()
	}
}

// finish lays the first part out into f, after what f holds, waits for
// the others and joins them to it, in order, telling joined (when not
// nil) where in f's rows each part joined begins: the rows before it are
// final.
func (c *chapterParts) finish(f *flow, joined func(from int)) {
	defer c.close()
	e, bs := c.e, c.bs
	if c.bounds == nil {
		f.blocks(bs)
		return
	}
	from := len(f.rows)
	f.blocks(bs[:c.bounds[1]])
	e.shapeRows(f.rows[from:]) // while the other parts are set (not the contents: their page numbers are not known yet)
	if f.atStart {
		// Nothing set before the first cut: the parts' first spaces would
		// not be, so they are set again in this flow.
		c.parts.closeRaising()
		f.blocks(bs[c.bounds[1]:])
		return
	}
	for i := range len(c.bounds) - 2 {
		pb, pe := c.parts.take(i)
		first := len(f.rows)
		e.join(f, pe, pb, bs[c.bounds[i+1]-1], bs[c.bounds[i+1]])
		if joined != nil {
			joined(first)
		}
	}
}

// cuts returns where chapters cuts the document's blocks bs into parts
// (chapterCuts), as many as there are cores, and how many of them are set
// at a time (0: all). A layout that gives its pages away as they are
// made (streamed) cuts a document of streamText or more into parts of
// about partText (or of Options.StreamText, in parts an eighth of it:
// e.streamed), a few set at a time (window); its pages are given as they
// are made. A shorter document is laid out whole (0: its pages are given
// at the end).
func (e *engine) cuts(bs []doc.Block, streamed bool) ([]int, int) {
	cores := runtime.GOMAXPROCS(0)
	n, least := cores, minPartText
	if e.opts.parts > 0 {
		n, least = e.opts.parts, max(e.opts.partText, 1)
	}
	if !streamed {
		return chapterCuts(bs, n, least, 0), 0
	}
	if e.opts.parts > 0 {
		return chapterCuts(bs, n, least, 0), 2
	}
	sizes, total := blockSizes(bs) // a walk of the whole tree: once
	if threshold, size := e.streamed(); total >= threshold {
		return cutsOfSizes(bs, sizes, total, n, least, size), window(cores)
	}
	return cutsOfSizes(bs, sizes, total, n, least, 0), 0
}

// streamed returns the least text of a document whose pages are given
// away as made, and the text of each of its parts: streamText and
// partText, or Options.StreamText and an eighth of it.
func (e *engine) streamed() (threshold, size int) {
	if e.opts.StreamText <= 0 {
		return streamText, partText
	}
	return e.opts.StreamText, max(e.opts.StreamText/(streamText/partText), 1)
}

// chapterCuts returns where to cut bs into at most n parts of about
// equal text (more, of about size bytes each, when size > 0 and the text
// is longer than n such parts): the indexes of level-1 headings, none
// first; none for a document shorter than least bytes a part, or with no
// heading to cut at.
func chapterCuts(bs []doc.Block, n, least, size int) []int {
	sizes, total := blockSizes(bs)
	return cutsOfSizes(bs, sizes, total, n, least, size)
}

// blockSizes returns the text size of each of bs, and their sum.
func blockSizes(bs []doc.Block) ([]int, int) {
	sizes := make([]int, len(bs))
	total := 0
	for i, b := range bs {
		sizes[i] = doc.TextSize(b)
		total += sizes[i]
	}
	return sizes, total
}

// cutsOfSizes is chapterCuts, the blocks' text sizes given.
func cutsOfSizes(bs []doc.Block, sizes []int, total, n, least, size int) []int {
	if len(bs) < 2 {
		return nil
	}
	if size > 0 {
		n = max(n, total/size)
	}
	if n < 2 {
		return nil
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

// forPart returns an engine for one more part set on the goroutine of
// w, a fork: w's measuring caches, warm from its parts before, with
// images, warnings and statistics of the part's own.
func (w *engine) forPart() *engine {
	pe := *w
	pe.images = w.images.fork()
	pe.m.images = pe.images
	pe.diags = &diag.List{}
	pe.m.memo.diags = pe.diags
	if w.stats != nil {
		pe.stats = &lineStats{}
	}
	pe.pageRefs, pe.texts = nil, nil
	return &pe
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
		busy:   e.busy,
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
	e.mergeImages(pe, rs)
	e.mergeRest(pe)
}

// mergeImages takes the images of a part's engine pe, numbered after e's,
// their keys in pe's rows rs changed to match.
func (e *engine) mergeImages(pe *engine, rs []*vrow) {
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
}

// mergeRest takes the warnings and line statistics of a part's engine
// pe, after e's.
func (e *engine) mergeRest(pe *engine) {
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
	notesDone  chan struct{} // closed once the footnotes are set
	done       chan struct{} // closed once the appendix is too
	notesPanic *guard.Panic  // the footnotes' layout's, raised by notes and join
	panic      *guard.Panic  // the appendix's layout's, raised by join
	appendix   *engine
	rows       *builder // the appendix's
	notes      *engine
	noteRows   map[int][]*vrow
	allNotes   []*vrow // noteRows' rows, by note number
	imagesIn   bool    // the notes' images are numbered already (notesRows)
	// withAppendix: the appendix is set here; else (a layout that gives
	// its pages away as they are made) in the main flow, after the
	// chapters (flow.appendixGiven), and given away as it is set.
	withAppendix bool
}

// startBackMatter starts laying out d's footnotes, then its appendix
// unless withAppendix is false.
func (e *engine) startBackMatter(d *doc.Document, withAppendix bool) *backMatter {
	bm := &backMatter{notesDone: make(chan struct{}), done: make(chan struct{}), appendix: e.fork(), notes: e.fork(), withAppendix: withAppendix}
	bm.rows = &builder{e: bm.appendix}
	e.busy.add(1)
	go func() {
		defer close(bm.done)
		defer e.busy.add(-1)
		defer guard.Catch(&bm.panic)
		func() {
			defer close(bm.notesDone)
			defer guard.Catch(&bm.notesPanic)
			bm.noteRows = bm.notes.footnotes(d.Footnotes)
			for _, n := range slices.Sorted(maps.Keys(bm.noteRows)) {
				bm.allNotes = append(bm.allNotes, bm.noteRows[n]...)
			}
			bm.notes.shapeRows(bm.allNotes)
		}()
		pf := bm.appendix.newFlow(bm.rows)
		if bm.withAppendix {
			pf.appendixRows(d.Appendix, nil)
		}
		bm.appendix.shapeRows(bm.rows.rows)
	}()
	return bm
}

// notesRows waits for the footnotes and returns their rows, their images
// numbered after e's (a layout that gives its pages away as they are
// made places the footnotes before the later parts are joined).
func (bm *backMatter) notesRows(e *engine) map[int][]*vrow {
	<-bm.notesDone
	guard.Raise(bm.notesPanic)
	e.mergeImages(bm.notes, bm.allNotes)
	bm.imagesIn = true
	return bm.noteRows
}

// join waits for the back matter and adds it to f after the chapters:
// the appendix's rows, and the footnotes' rows it returns.
func (bm *backMatter) join(e *engine, f *flow) map[int][]*vrow {
	<-bm.done
	guard.Raise(bm.notesPanic)
	guard.Raise(bm.panic)
	first := len(f.rows)
	e.joinRows(f, bm.appendix, bm.rows)
	f.appendixPage(first)
	if !bm.imagesIn {
		e.mergeImages(bm.notes, bm.allNotes)
	}
	e.mergeRest(bm.notes)
	return bm.noteRows
}
