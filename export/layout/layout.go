package layout

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/l10n"
	"github.com/galley-pub/galley/export/layout/hyphen"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/fonts"
)

// Layout lays the document out into pages. Problems with the content (a
// missing image…) are warnings in diags; err is only for internal failures
// (a panic among them, on whichever goroutine of the layout it happened).
func Layout(d *doc.Document, opts Options, diags *diag.List) (out *Document, err error) {
	defer guard.Error(&err)
	return layoutInto(d, opts, diags, nil)
}

// cancelled reports whether the layout has been asked to stop.
func (e *engine) cancelled() bool {
	select {
	case <-e.opts.Cancel:
		return true
	default:
		return false
	}
}

// layoutWithStats is Layout, also returning the justified lines' ratios
// and the final pass's sheets (for the tests' checks: Layout keeps none,
// so that each sheet's rows are let go of once assembled into a page).
func layoutWithStats(d *doc.Document, opts Options, diags *diag.List) (*Document, *lineStats, error) {
	stats := &lineStats{}
	out, err := layoutInto(d, opts, diags, stats)
	if err != nil {
		return nil, nil, err
	}
	return out, stats, nil
}

// layoutInto is Layout, gathering statistics into stats when it is not nil.
func layoutInto(d *doc.Document, opts Options, diags *diag.List, stats *lineStats) (*Document, error) {
	if d == nil {
		return nil, errors.New("layout: no document")
	}
	if opts.Fonts == nil {
		return nil, errors.New("layout: no fonts")
	}
	if opts.Paper.Width < 144 || opts.Paper.Height < 144 {
		return nil, fmt.Errorf("layout: paper %q is too small (%.0f×%.0f pt)", opts.Paper.Name, opts.Paper.Width, opts.Paper.Height)
	}
	if opts.TOCDepth <= 0 {
		opts.TOCDepth = 3
	}
	lang := d.Meta.Lang
	if lang == "" {
		lang = doc.DefaultLang
	}
	hyphenation := opts.Hyphenation
	if hyphenation == nil {
		hyphenation = &hyphen.Cache{}
	}
	hyph, err := hyphenation.ForLang(lang)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	if hyph == nil && !opts.RaggedRight && !hyphen.Unhyphenated(lang) && diags != nil {
		diags.Warnf(d.Meta.Pos, "no hyphenation patterns for lang %q: the PDF's justified lines are not hyphenated (patterns: %s; --ragged-right sets the text unjustified)",
			lang, strings.Join(hyphen.Languages(), ", "))
	}
	// The document is looked through for Thai (a walk of the whole tree:
	// 70 ms of the 13 MB bench book's) while the layout starts; the first
	// Thai text set waits for it.
	var thaiDiags diag.List
	thaiFound := guard.Go(func() (*thai.Words, error) { return findThaiWords(d, opts.ThaiWords, &thaiDiags), nil })
	thaiWords := func() *thai.Words { w, _ := thaiFound(); return w }
	busy := newBusyCount(opts.Busy)
	busy.add(1)
	idle := sync.OnceFunc(func() { busy.add(-1) }) // once the layout's own work is done
	defer idle()
	mem := newMemo(opts.Fonts, lang)
	mem.shaper.kept = opts.ShapedRuns
	stop := make(chan struct{})
	defer close(stop)
	images := newImageStore(opts.Resources, opts.ImageRead, opts.CheckImage)
	images.readAhead(d, stop)
	e := &engine{
		m:      measurer{set: opts.Fonts, hyph: hyph, thai: thaiWords, memo: mem, images: images},
		g:      newGeometry(opts.Paper),
		land:   turnedGeometry(opts.Paper),
		opts:   opts,
		diags:  &diag.List{},
		images: images,
		stats:  stats,
		rtl:    doc.LangIsRTL(lang),
		lang:   lang,
		words:  l10n.For(lang),
		busy:   busy,
	}
	mem.diags = e.diags
	out, labels, streamed, err := e.run(d)
	images.aheadFound() // a panic finding the figures is the layout's, whether or not it loaded one
	if _, terr := thaiFound(); terr != nil && err == nil {
		err = terr // a panic looking for Thai
	}
	if diags != nil {
		diags.Merge(&thaiDiags) // before the layout's own, as when it was looked for first
	}
	if e.cancelled() {
		return nil, context.Canceled
	}
	if err != nil {
		mem.shaper.giveBack()
		return nil, err
	}
	out.Paper = opts.Paper
	resolvePageRefs(e.pageRefs, labels, mem.shaper)
	if streamed {
		for _, r := range e.pageRefs {
			shapeText(r.text, mem.shaper) // the number the page was given pending
		}
	} else {
		shapeTexts(out, mem.shaper)
		idle() // the pages are drawn on every core
		if err := giveAll(out, opts.Pages); err != nil {
			mem.shaper.giveBack()
			return nil, err
		}
	}
	mem.shaper.giveBack() // every part and the back matter joined: no shaper of the layout is used after
	if diags != nil {
		diags.Merge(e.diags)
	}
	return out, nil
}

// giveAll gives every page of out to sink, if any, and waits for it to
// be done with them: a document too short to give its pages away as
// they are made.
func giveAll(out *Document, sink PageSink) error {
	if sink == nil {
		return nil
	}
	for _, pg := range out.Pages {
		if err := sink.Add(pg); err != nil {
			sink.Drain()
			return err
		}
	}
	return sink.Drain()
}

// findThaiWords returns the word list Thai lines break with, when the
// document has Thai text: cache's (a fresh one when nil), or nil, with a
// warning at the first Thai text in diags, when it has none or cannot
// read it.
func findThaiWords(d *doc.Document, cache *thai.Cache, diags *diag.List) *thai.Words {
	var at *doc.Text
	doc.Inspect(d, func(n doc.Node) bool {
		if t, ok := n.(*doc.Text); ok && at == nil && hasThai(t.Value) {
			at = t
		}
		return at == nil
	})
	if at == nil {
		return nil
	}
	if cache == nil {
		cache = &thai.Cache{}
	}
	words, _, err := cache.Words()
	switch {
	case err != nil && diags != nil:
		diags.Warnf(at.Pos, "%v: the PDF breaks Thai lines between syllables, not words", err)
	case words == nil && diags != nil:
		diags.Warnf(at.Pos, "no Thai word list (Hunspell's th_TH.dic): the PDF breaks Thai lines between syllables, not words (install hunspell-th)")
	}
	return words
}

// hasThai reports Thai in s: the block U+0E00–U+0E7F is E0 B8 80 to
// E0 B9 BF in UTF-8, so its lead bytes are found without decoding s.
func hasThai(s string) bool {
	for i := strings.IndexByte(s, 0xE0); i >= 0 && i+1 < len(s); {
		if s[i+1] == 0xB8 || s[i+1] == 0xB9 {
			return true
		}
		j := strings.IndexByte(s[i+1:], 0xE0)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// resolvePageRefs writes the printed page numbers into the texts that show
// them (the table of contents'), keeping each right-aligned (left-aligned
// in a right-to-left document's contents, where they are on the left). An anchor on
// no page shows "0".
func resolvePageRefs(refs []pageRef, labels map[string]string, sh *shaper) {
	for _, r := range refs {
		label := labels[r.anchor]
		if label == "" {
			label = "0"
		}
		t := r.text
		w := sh.width(normal(t.Font), label, t.Size)
		if !r.left {
			t.X += t.Width - w
		}
		t.Text, t.Width = label, w
		r.slot.Pending = false
	}
}

// shapeTexts gives every text its glyphs, in the face it is drawn with,
// and its width as drawn. A text in a colour-bitmap face (emoji with no
// face of outlines to draw them) becomes its glyphs' images.
func shapeTexts(out *Document, sh *shaper) {
	made := map[string]*ImageData{}
	for _, pg := range out.Pages {
		shapePage(pg, sh, made, func(img *ImageData) { out.Images = append(out.Images, img) })
	}
}

// shapePage is shapeTexts for one page, but the texts of its pending
// slots, not final yet: made are the glyphs' images made so far, by key,
// and add is given each new one.
func shapePage(pg *Page, sh *shaper, made map[string]*ImageData, add func(*ImageData)) {
	bitmaps := false
	for it := range Settled(pg.Items) {
		shapeItem(it, sh) // the texts not shaped by a part's engine (chapters)
		switch t := it.(type) {
		case *Text:
			bitmaps = bitmaps || sh.set.IsColor(t.Font.Family)
		case *Words:
			bitmaps = bitmaps || sh.set.IsColor(t.Font.Family)
		}
	}
	if bitmaps {
		pg.Items = glyphsAsImages(pg.Items, sh.set, made, add)
	}
}

// shapeItem gives a text that has none its glyphs (shapeText). Words are
// shaped as their line is set (setWords).
func shapeItem(it Item, sh *shaper) {
	if t, ok := it.(*Text); ok && t.Glyphs == nil {
		shapeText(t, sh)
	}
}

// shapeText gives a text its glyphs, in the face it is drawn with, and
// its width as drawn: a word's pieces, measured apart while the lines
// were broken, can differ from the word shaped whole by a kerning pair.
func shapeText(t *Text, sh *shaper) {
	t.Font = normal(t.Font)
	run := sh.shape(t.Font, t.Text)
	t.Glyphs = run.glyphs
	t.Width = run.width(t.Size)
}

// glyphsAsImages replaces the texts of items in a colour-bitmap face by
// an image a glyph, each as wide as the glyph's advance and standing on
// the baseline as the face's bitmaps do (about an eighth of their height
// below it). Each glyph's image is one of the document's images, made
// once.
func glyphsAsImages(items []Item, set *fonts.Set, made map[string]*ImageData, add func(*ImageData)) []Item {
	var kept []Item
	for _, it := range items {
		switch t := it.(type) {
		case *Slot:
			if !t.Pending {
				t.Items = glyphsAsImages(t.Items, set, made, add)
			}
		case *Text:
			if set.IsColor(t.Font.Family) {
				kept = glyphImagesOf(kept, t, set, made, add)
				continue
			}
		case *Words:
			if set.IsColor(t.Font.Family) {
				for i := range t.words {
					w := t.Text(i)
					kept = glyphImagesOf(kept, &w, set, made, add)
				}
				continue
			}
		}
		kept = append(kept, it)
	}
	return kept
}

// glyphImagesOf appends to kept the images of the glyphs of t, a text in
// a colour-bitmap face.
func glyphImagesOf(kept []Item, t *Text, set *fonts.Set, made map[string]*ImageData, add func(*ImageData)) []Item {
	k := t.Size / shapeUnits
	pen := t.X
	for i, g := range t.Glyphs {
		end := len(t.Text) // the glyph's cluster's text: up to the next cluster
		for _, n := range t.Glyphs[i+1:] {
			if n.Cluster > g.Cluster {
				end = int(n.Cluster)
				break
			}
		}
		text := ""
		if int(g.Cluster) < end && end <= len(t.Text) {
			text = t.Text[g.Cluster:end]
		}
		adv := float64(g.Advance) * k
		key := "glyph" + strconv.Itoa(int(t.Font.Family)) + "-" + strconv.Itoa(int(g.ID))
		img := made[key]
		if img == nil {
			data, w, h, ok := set.GlyphImage(t.Font.Family, g.ID)
			if ok {
				img = &ImageData{Key: key, Type: "png", Data: data, Width: w, Height: h}
				made[key] = img
				add(img)
			}
		}
		if img != nil && adv > 0 {
			h := adv * float64(img.Height) / float64(img.Width)
			kept = append(kept, &ImageItem{X: pen + float64(g.DX)*k, Y: t.Y + h/8 - h, W: adv, H: h, Key: key, Src: t.Src, Text: text})
		}
		pen += adv
	}
	return kept
}

// run lays the document out in one pass. It returns the document, the
// printed page number of every anchor, and whether its pages were given
// to the options' PageSink as they were made (and the sink's error).
func (e *engine) run(d *doc.Document) (*Document, map[string]string, bool, error) {
	b := &builder{e: e}
	f := e.newFlow(b)
	f.atStart = true
	// The parts of a long document after its first, and its back matter,
	// are set on goroutines of their own while the title page, the
	// contents and the first part are set here. A layout that gives its
	// pages away as they are made paginates each part once the next is
	// joined (its rows are final then), and lets go of its rows.
	sink := e.opts.Pages
	if e.stats != nil {
		sink = nil // the statistics keep every sheet
	}
	cuts, window := e.cuts(d.Blocks, sink != nil)
	if len(cuts) == 0 || window == 0 {
		sink = nil // a short document: its pages are given at the end
	}
	var back *backMatter
	if len(cuts) > 0 {
		back = e.startBackMatter(d, sink == nil)
	}
	chapters := e.startChapters(d.Blocks, cuts, window)
	defer chapters.close()
	f.node = d // the title block: the document's own
	f.titleBlock(d.Meta)
	f.node = nil
	if entries := tocEntries(d, e.opts.TOCDepth); countHeadings(entries, d.Appendix) >= 4 {
		f.toc(entries)
	}
	var stream *pageStream
	var joined func(int)
	if sink != nil {
		stream = e.newPageStream(d, sink, func() map[int][]*vrow { return back.notesRows(e) })
		joined = func(from int) { stream.advance(b, from) }
	}
	chapters.finish(&f, joined)
	if stream != nil {
		f.appendixGiven(d.Appendix, joined)
	}
	var noteRows map[int][]*vrow
	if back != nil {
		noteRows = back.join(e, &f)
	}
	if e.cancelled() {
		if stream != nil {
			stream.sink.Drain()
		}
		return &Document{}, nil, false, nil // Layout reports it
	}
	if stream != nil {
		out, labels, err := stream.finish(b)
		return out, labels, true, err
	}
	if back == nil {
		f.appendix(d.Appendix)
		noteRows = e.footnotes(d.Footnotes)
	}
	sheets := e.paginate(b.rows, noteRows)
	if e.stats != nil {
		e.stats.sheets, e.stats.noteRows = sheets, noteRows
	}
	out, labels := e.assemble(d, sheets, noteRows)
	return out, labels, false, nil
}

// countHeadings counts the TOC entries that are document headings.
func countHeadings(entries []tocEntry, a *doc.Appendix) int {
	n := len(entries)
	if a != nil && a.Attr.ID != "" && n > 0 {
		n--
	}
	return n
}

// footnotes lays out every referenced footnote in small type with its number
// hanging on the left.
func (e *engine) footnotes(defs []*doc.FootnoteDef) map[int][]*vrow {
	out := map[int][]*vrow{}
	hang := 14.0
	for _, def := range defs {
		hang = max(hang, e.m.width(FontRef{Family: fonts.Serif}, strconv.Itoa(def.Number)+".", smallSize)+5)
	}
	for _, def := range defs {
		if def.Number <= 0 || out[def.Number] != nil {
			continue
		}
		b := &builder{e: e}
		f := e.newFlow(b)
		f.x += hang
		f.w -= hang
		f.atStart = true
		f.node = def
		f.body.size = smallSize
		f.leading = noteLeading
		f.skip = 3
		f.blocks(def.Blocks)
		first := firstContent(b.rows)
		if first == nil {
			first = &vrow{h: noteLeading}
			b.rows = append(b.rows, first)
		}
		label := strconv.Itoa(def.Number) + "."
		sty := FontRef{Family: fonts.Serif}
		base := first.baseline
		if base == 0 {
			base = lineMetrics(e.m.face(sty), smallSize, noteLeading)
		}
		w := e.m.width(sty, label, smallSize)
		first.items = append(first.items, &Text{X: e.g.left + hang - 4 - w, Y: base, Font: sty, Size: smallSize, Color: black.rgb(), Text: label, Width: w, Src: def})
		first.ext().anchors = append(first.ext().anchors, "fn-"+strconv.Itoa(def.Number))
		var rows []*vrow
		for _, r := range b.rows {
			if !r.glue || len(rows) > 0 {
				rows = append(rows, r)
			}
		}
		out[def.Number] = rows
	}
	return out
}
