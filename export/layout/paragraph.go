package layout

import (
	"math"
	"slices"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
)

// vrow is one unbreakable slice of the vertical flow: a line of text, a table
// row, an image, or a space. Items are placed with absolute x and y relative
// to the row's top; pagination shifts them into place.
type vrow struct {
	h        float64
	baseline float64 // first baseline below the top, 0 when the row has no text
	items    []Item
	frames   []*frame // boxes drawn behind the row, outermost first
	node     doc.Node // the tree node it sets, given to its texts and images without one
	// extra is what few rows have, nil for the others: a book's rows are
	// a sixth of its layout's memory before pagination.
	extra     *rowExtra
	line      int32 // index of the line in its paragraph, with lines > 0
	lines     int32 // the number of lines of its paragraph; 0: not a paragraph line
	glue      bool  // discardable space: dropped at a page break
	kwn       bool  // keep with next: no page break after this row
	newPage   bool  // start a new page before this row
	recto     bool  // with newPage: start on an odd (right-hand) page
	repeats   bool  // a table's header row: placed again on each page the table continues on
	landscape bool  // set on a landscape page (a table too wide for the paper upright)
	heading   bool  // a line of a heading
	figure    bool  // a figure's image (or its placeholder), with a caption below
	caption   bool  // a line of a figure's or a table's caption
}

// rowExtra is what few rows have besides their items.
type rowExtra struct {
	links   []LinkArea
	anchors []string
	marks   []mark   // bookmarks that start at this row
	notes   []int    // footnotes referenced on this row
	header  *vrow    // a table's header row, repeated when the table continues on a new page
	cut     *cellCut // a table's row that can be cut where a page breaks
}

// ext returns r's extra fields to be written, made when r has none.
func (r *vrow) ext() *rowExtra {
	if r.extra == nil {
		r.extra = &rowExtra{}
	}
	return r.extra
}

// linkAreas returns the row's links.
func (r *vrow) linkAreas() []LinkArea {
	if r.extra == nil {
		return nil
	}
	return r.extra.links
}

// anchorIDs returns the ids of the link targets at the row.
func (r *vrow) anchorIDs() []string {
	if r.extra == nil {
		return nil
	}
	return r.extra.anchors
}

// bookmarks returns the bookmarks that start at the row.
func (r *vrow) bookmarks() []mark {
	if r.extra == nil {
		return nil
	}
	return r.extra.marks
}

// noteRefs returns the footnotes referenced on the row.
func (r *vrow) noteRefs() []int {
	if r.extra == nil {
		return nil
	}
	return r.extra.notes
}

// headerRow returns the header row of the table the row is a row of,
// nil for a row of no table or a table with no header.
func (r *vrow) headerRow() *vrow {
	if r.extra == nil {
		return nil
	}
	return r.extra.header
}

// mark is a heading for the bookmarks.
type mark struct {
	title string
	level int
	id    string
}

// frame is a box drawn behind consecutive rows: a callout, a code block's
// background, a block quote's rule.
type frame struct {
	x, w float64
	fill *RGB
	bar  *RGB // a bar along the left edge
	barW float64
	// barRight puts the bar along the right edge (a right-to-left
	// document's callouts).
	barRight bool
}

// paraSpec is how to set one paragraph.
type paraSpec struct {
	x       float64   // left edge of the column
	widths  []float64 // line widths; the last repeats
	indents []float64 // per-line offset from x; the last repeats (nil: none)
	justify bool
	align   doc.Alignment // for ragged lines: left (default), center, right
	rtl     bool          // a right-to-left paragraph (set by setParagraph)
	docDir  bool          // set in the document's direction, whatever the text's (the contents' lines)
	// colDir is the direction of the column the paragraph is set in (1
	// right to left, -1 left to right), which it takes when its text has
	// no strongly directional character; 0: the document's.
	colDir  int8
	colOnly bool // set in the column's direction, whatever the text's (flow.fixedDir)
	leading float64
	base    runStyle // the paragraph's body style, for the baseline
}

// direction is the paragraph's direction (UAX #9, P2–P3, HTML's
// dir="auto"): the document's (docRTL) for the contents' lines; the
// column's for a tight list item's; else that of its text's first
// strongly directional character (textRTL, when found), else the
// column's. The column's is colDir's, or the document's.
func (p paraSpec) direction(docRTL, textRTL, found bool) bool {
	col := docRTL
	if p.colDir != 0 {
		col = p.colDir > 0
	}
	switch {
	case p.docDir:
		return docRTL
	case p.colOnly || !found:
		return col
	}
	return textRTL
}

func (p paraSpec) indent(i int) float64 {
	if len(p.indents) == 0 {
		return 0
	}
	return lineWidth(p.indents, i)
}

// lineStats gathers the inter-word adjustment ratios of justified lines.
// It also keeps the pages of the final pass, for the pagination checks.
type lineStats struct {
	ratios   []float64
	ragged   int // justified lines too loose to stretch (ratio > 6), set ragged
	sheets   []*sheet
	noteRows map[int][]*vrow // each footnote's lines
}

// maxOptimalItems is the longest paragraph, in line-breaker items (about
// two a word), whose lines are chosen together (Knuth and Plass); a longer
// one, some dozens of pages of one paragraph, is broken line by line
// (first fit), as its optimal breaks took memory in proportion to its
// length: a paragraph of 800,000 words, 300 MB.
const maxOptimalItems = 100_000

// setParagraph breaks tokens into lines and returns one row per line. The
// tokens are setParagraph's: their buffer serves the next tokenize.
func (e *engine) setParagraph(toks []token, p paraSpec) []*vrow {
	// The items live until the lines are set: one buffer serves every
	// paragraph of the layout.
	rtl, found := firstStrongDirection(toks)
	p.rtl = p.direction(e.rtl, rtl, found)
	if len(toks) > maxOptimalItems {
		return trimEmpty(e.setLongParagraph(toks, p, longParagraphWindow))
	}
	items := e.m.appendItems(e.m.memo.items[:0], toks, p.widths, p.justify)
	e.m.memo.items = nil
	defer func() { e.m.memo.items = items[:0] }()
	if cap(toks) > cap(e.m.memo.toks) {
		e.m.memo.toks = toks[:0] // the tokens are in the items now
	}
	var breaks []int
	if p.justify && len(items) <= maxOptimalItems {
		kp := &e.m.memo.kp
		breaks = kp.breaks(items, p.widths, 2)
		if breaks == nil {
			// Some line must be loose (a long unbreakable word, code):
			// still the best breaks for all the others, as TeX's last pass.
			breaks = kp.breaks(items, p.widths, math.Inf(1))
		}
	}
	if breaks == nil {
		breaks = firstFit(items, p.widths)
	}
	return trimEmpty(e.setLines(nil, items, breaks, 0, p))
}

// setLines appends to rows the lines of items that end at breaks, the
// first being line first of the paragraph.
func (e *engine) setLines(rows []*vrow, items []kpItem, breaks []int, first int, p paraSpec) []*vrow {
	start := lineStart(items, -1)
	for k, b := range breaks {
		line := items[start:max(start, b)]
		if it := items[b]; it.kind == kPenalty && it.text != "" {
			// A hyphenated line ends with the hyphen.
			hyphen := box(it.text, it.w, it.sty)
			hyphen.piece, hyphen.hyphen = true, true
			e.m.memo.line = append(append(e.m.memo.line[:0], line...), hyphen)
			line = e.m.memo.line
		}
		rows = append(rows, e.setLine(line, first+k, p))
		start = lineStart(items, b)
	}
	return rows
}

// longParagraphWindow is how many tokens of a long paragraph are made
// into items at a time.
const longParagraphWindow = 16 << 10

// setLongParagraph sets a paragraph of more than maxOptimalItems tokens
// line by line (first fit), as setParagraph sets one of that many items,
// but window tokens at a time: the items of a window, after those
// of the line the window before left unfinished. The lines are the same
// as first fit over the whole paragraph's items, and the items, a
// hundred bytes each, never more than a window's (a 5 MB paragraph's
// took 260 MB).
func (e *engine) setLongParagraph(toks []token, p paraSpec, window int) []*vrow {
	ls := e.newLongSetter(p)
	defer ls.done()
	for from := 0; from < len(toks); {
		to := min(from+max(window, 1), len(toks))
		for to < len(toks) && toks[to-1].kind != tokSpace {
			to++ // a window ends after a space: no word is cut in two
		}
		ls.feed(toks[from:to], to < len(toks))
		from = to
	}
	return ls.rows
}

// setStreamedParagraph sets a paragraph of body text too long to have all
// its tokens at once (more than maxOptimalItems bytes of text): it is
// tokenized twice, a window at a time, once for its direction and length
// and once to set it, so that its tokens are never all held. It sets the
// same lines as setParagraph over all its tokens would: its optimal
// breaks when it has no more than most tokens, else setLongParagraph's.
func (e *engine) setStreamedParagraph(content []doc.Inline, sty runStyle, p paraSpec, window, most int) []*vrow {
	n, rtl, found := 0, false, false
	measure := func(toks []token) {
		n += len(toks)
		if !found {
			rtl, found = firstStrongDirection(toks)
		}
	}
	measure(e.m.streamTokens(content, sty, window, measure))
	if n <= most {
		return e.setParagraph(e.m.tokenize(content, sty), p)
	}
	p.rtl = p.direction(e.rtl, rtl, found)
	ls := e.newLongSetter(p)
	defer ls.done()
	var held []token // the last window, set once it is known whether more follow
	rest := e.m.streamTokens(content, sty, window, func(toks []token) {
		if len(held) > 0 {
			ls.feed(held, true)
		}
		held = append(held[:0], toks...)
	})
	if len(held) > 0 {
		ls.feed(held, len(rest) > 0)
	}
	if len(rest) > 0 {
		ls.feed(rest, false)
	}
	return trimEmpty(ls.rows)
}

// longSetter sets a long paragraph's lines a window of tokens at a time.
type longSetter struct {
	e     *engine
	p     paraSpec
	rows  []*vrow
	carry []kpItem // the items of the line the last window did not end
	buf   []kpItem // the engine's items buffer, borrowed until done
}

func (e *engine) newLongSetter(p paraSpec) *longSetter {
	ls := &longSetter{e: e, p: p, buf: e.m.memo.items[:0]}
	e.m.memo.items = nil
	return ls
}

// feed sets the lines of a window of tokens, up to a space, after the
// line the window before left unfinished; more says whether more tokens
// follow (else the paragraph ends with them).
func (ls *longSetter) feed(toks []token, more bool) {
	p := ls.p
	items := ls.e.m.appendItemsPart(append(ls.buf[:0], ls.carry...), toks, p.widths, p.justify, more)
	ls.buf = items
	widths := p.widths[min(len(ls.rows), len(p.widths)-1):]
	breaks := firstFit(items, widths)
	ls.rows = ls.e.setLines(ls.rows, items, breaks, len(ls.rows), p)
	rest := lineStart(items, -1)
	if len(breaks) > 0 {
		rest = lineStart(items, breaks[len(breaks)-1])
	}
	ls.carry = append(ls.carry[:0], items[rest:]...)
}

// done gives the engine its items buffer back.
func (ls *longSetter) done() { ls.e.m.memo.items = ls.buf[:0] }

// lineWord is a word of a line being set (setLine), until the line is
// done and its words are shaped (setWords).
type lineWord struct {
	x      float64
	text   string
	offset int32
	hyphen bool
	rtl    bool // neutrals shaped right to left (kpItem.rtl)
}

// lineWords is setLine's buffers: the line's words, and where each run
// of them (a Words item) starts, in the order the runs were made, which
// is their order in the row's items.
type lineWords struct {
	words  []lineWord
	starts []int
}

// newRun notes that a run starts at the line's next word.
func (lw *lineWords) newRun() { lw.starts = append(lw.starts, len(lw.words)) }

// linkLastWord gives the last word of run the link lk, when a piece of it
// after its first is a link's text (the word is the link's, as a Text was
// given the first link of its pieces): run's own link when the word is
// run's only one, else a run of its own after run. It returns the run the
// word is in. run is the line's last run.
func linkLastWord(row *vrow, run *Words, lw *lineWords, lk int32) *Words {
	if len(lw.words)-lw.starts[len(lw.starts)-1] == 1 {
		run.Link = lk
		return run
	}
	own := &Words{Y: run.Y, Font: run.Font, Size: run.Size, Color: run.Color, Link: lk, origin: run.origin}
	lw.starts = append(lw.starts, len(lw.words)-1)
	at := slices.Index(row.items, Item(run))
	row.items = slices.Insert(row.items, at+1, Item(own))
	return own
}

// setWords gives the Words items of row their words, shaped (sh), out of
// the buffer that they were gathered in: one slice for all of the row's,
// as long as they are. The items hold their words in order, each run's
// after the one before.
func setWords(row *vrow, lw *lineWords, slab *lineSlab, sh *shaper) {
	if len(lw.words) == 0 {
		return
	}
	own := slab.words(len(lw.words))
	run := 0
	for _, it := range row.items {
		w, ok := it.(*Words)
		if !ok {
			continue
		}
		from, to := lw.starts[run], len(lw.words)
		if run+1 < len(lw.starts) {
			to = lw.starts[run+1]
		}
		run++
		w.Font = normal(w.Font)
		w.words = own[from:to:to]
		for i, d := range lw.words[from:to] {
			w.words[i] = word{x: d.x, shaped: sh.shapeDir(w.Font, d.text, d.rtl), offset: d.offset, hyphen: d.hyphen}
		}
	}
}

// trimEmpty drops rows with nothing on them at the end of a paragraph.
func trimEmpty(rows []*vrow) []*vrow {
	for len(rows) > 0 && len(rows[len(rows)-1].items) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows
}

// setLine places the items of one line.
func (e *engine) setLine(line []kpItem, li int, p paraSpec) *vrow {
	e.remeasure(line)
	line = e.orderLine(line, p.rtl)
	lw := lineWidth(p.widths, li)
	natural, stretch, shrink := 0.0, 0.0, 0.0
	last := false
	for _, it := range line {
		switch it.kind {
		case kBox:
			natural += it.w
		case kGlue:
			natural += it.w
			if it.stretch >= infStretch {
				last = true
				continue
			}
			stretch += it.stretch
			shrink += it.shrink
		}
	}
	ratio := 0.0
	switch {
	case natural > lw && shrink > 0:
		// The breaker allows ratio −1; the line's exact widths
		// (remeasure) may need a little more.
		ratio = max(-2, (lw-natural)/shrink)
		if p.justify && e.stats != nil {
			e.stats.ratios = append(e.stats.ratios, ratio)
		}
	case p.justify && !last && natural < lw && stretch > 0:
		ratio = (lw - natural) / stretch
		if ratio > 6 {
			ratio = 0 // a line broken by force: leave it ragged
			if e.stats != nil {
				e.stats.ragged++
			}
		} else if e.stats != nil {
			e.stats.ratios = append(e.stats.ratios, ratio)
		}
	}
	width := natural
	if ratio > 0 {
		width += ratio * stretch
	} else {
		width += ratio * shrink
	}
	x := p.x + p.indent(li)
	if !p.justify || last || ratio == 0 {
		switch p.align {
		case doc.AlignCenter:
			x += (lw - width) / 2
		case doc.AlignRight:
			x += lw - width
		case doc.AlignLeft:
		default:
			if p.rtl { // a right-to-left paragraph's ragged lines end on the right
				x += lw - width
			}
		}
	}
	// The row's items are gathered in the engine's buffer and copied out
	// as many as they are (a line's words are one item or a few).
	slab := &e.m.memo.slab
	row := slab.row()
	row.h, row.baseline, row.items = p.leading, lineMetrics(e.m.face(p.base.font), p.base.size, p.leading), e.m.memo.lineItems[:0]
	formulaRoom(row, line, p.base.size)
	rubyRoom(row, line, e.m)
	// The line's words, each run of them in one style a Words item,
	// gathered in the engine's buffer and copied out, as many as they
	// are, once the line is set (setWords).
	ws := &e.m.memo.words
	ws.words, ws.starts = ws.words[:0], ws.starts[:0]
	var run *Words     // the last run of words
	var prev *lineWord // the word the next box continues, when no space is between
	var link *LinkArea
	var strike, under *Line
	var marked *Rect // the ground of highlighted text, drawn before the line's text
	for _, it := range line {
		if it.kind == kGlue {
			if ratio > 0 {
				x += it.w + ratio*it.stretch
			} else {
				x += it.w + ratio*it.shrink
			}
			prev = nil
			continue
		}
		if it.kind != kBox {
			continue
		}
		s := e.m.style(it.sty)
		y := row.baseline - s.rise
		src := rubySrc(it) // a ruby's base or annotation is a run of its own
		lk := int32(0)     // the link the box is text of, within the row
		if s.url != "" || s.dest != "" {
			if link != nil && link.URL == s.url && link.Dest == s.dest {
				link.W = x + it.w - link.X
			} else {
				ex := row.ext()
				ex.links = append(ex.links, LinkArea{X: x, Y: 0, W: it.w, H: p.leading, URL: s.url, Dest: s.dest})
				link = &ex.links[len(ex.links)-1]
			}
			lk = int32(len(row.linkAreas())) // assembly makes it the page's
		} else {
			link = nil
		}
		if it.formula != nil {
			row.items = placeFormula(row.items, it.formula, it.src.(*doc.Span), x, y, s.color, e)
			prev = nil
		} else if it.img != nil {
			// An image set in the line stands on the baseline. Text
			// extractors read its alt text in the line, as they read an
			// emoji drawn as an image (pdftotext took the gap either
			// side of a bare image for a gutter between columns).
			im := &ImageItem{X: x, Y: y - it.imgH, W: it.w, H: it.imgH, Key: it.img.Key, Src: it.src}
			if n, ok := it.src.(*doc.Image); ok && !n.Decorative() {
				im.Text = strings.TrimSpace(n.Alt)
			}
			row.items = append(row.items, im)
			prev = nil
		} else if prev != nil && run.Font == s.font && run.Size == s.size && run.Color == s.color && run.Y == y && run.Src == src &&
			!p.rtl && !IsRTL(it.text) && !IsRTL(prev.text) && !it.hyphen && !it.rtl && !prev.rtl {
			// The next piece of the word (a change of link, say, with no
			// space before it): the word's text, and its link the first
			// of its pieces'. Pieces the line's order put apart (a Hebrew
			// word and its comma in an English line) stay apart: shaped
			// whole, right to left, the comma would be on the left.
			prev.text += it.text
			if lk != 0 && run.Link == 0 {
				run = linkLastWord(row, run, ws, lk)
			}
		} else {
			last := len(row.items) - 1
			if run == nil || last < 0 || row.items[last] != Item(run) || run.Font != s.font || run.Size != s.size ||
				run.Color != s.color || run.Y != y || run.Link != lk || run.Src != src || run.origin != it.src {
				run = slab.run()
				run.Y, run.Font, run.Size, run.Color, run.Link, run.Src, run.origin = y, s.font, s.size, s.color, lk, src, it.src
				row.items = append(row.items, run)
				ws.newRun()
			}
			ws.words = append(ws.words, lineWord{x: x, text: it.text, offset: it.off, hyphen: it.hyphen, rtl: it.rtl})
			prev = &ws.words[len(ws.words)-1]
		}
		row.items = textRule(&strike, row.items, s.strike, x, x+it.w, row.baseline-s.size*0.27, s.size*0.055, s.color)
		row.items = textRule(&under, row.items, s.underline, x, x+it.w, row.baseline-s.rise+s.size*0.12, s.size*0.05, s.color)
		if s.highlight {
			top := row.baseline - s.rise - s.size*0.8
			if marked != nil && marked.Y == top {
				marked.W = x + it.w - marked.X
			} else {
				ground := themeColor(theme.MarkGround)
				marked = &Rect{X: x, Y: top, W: it.w, H: s.size * 1.05, Fill: &ground}
				row.items = slices.Insert(row.items, 0, Item(marked))
			}
		} else {
			marked = nil
		}
		if s.note > 0 {
			row.ext().notes = append(row.ext().notes, s.note)
		}
		x += it.w
	}
	e.m.memo.lineItems = row.items[:0]
	row.items = slab.items(row.items)
	setWords(row, ws, slab, e.m.memo.shaper)
	return row
}

// textRule draws the line struck through or under text from x0 to x1 at
// y: *rule, the line of the text before, extended when it is at the same
// height, else a new one added to items; when on is false it ends *rule.
// It returns items.
func textRule(rule **Line, items []Item, on bool, x0, x1, y, width float64, color RGB) []Item {
	switch {
	case !on:
		*rule = nil
	case *rule != nil && (*rule).Y1 == y:
		(*rule).X2 = x1
	default:
		*rule = &Line{X1: x0, Y1: y, X2: x1, Y2: y, Width: width, Color: color}
		items = append(items, *rule)
	}
	return items
}

// wholeBox reports whether the boxes among items (the hyphenation points
// between them left aside) are the pieces of one box's text, all of them
// in order (appendWord): their widths, its glyphs' advances shared out,
// add up to the text shaped whole.
func wholeBox(items []kpItem) bool {
	first, last := -1, -1
	for k, b := range items {
		if b.kind != kBox {
			continue
		}
		if first < 0 {
			first = k
		}
		if !b.piece || k > first && b.boxStart || last >= 0 && items[last].boxEnd {
			return false
		}
		last = k
	}
	return first >= 0 && items[first].boxStart && items[last].boxEnd
}

// remeasure gives the boxes of a line the widths they are drawn with. The
// boxes of one word in one style become one text, shaped whole: kerning
// and ligatures across its hyphenation points, and a piece that starts or
// ends the line (before its hyphen) shaped as it stands, not as the line
// breaker measured it inside the word. Each box gets its share: the width
// of the text up to its end less that up to its start.
func (e *engine) remeasure(line []kpItem) {
	for i := 0; i < len(line); {
		if !textBox(line[i]) {
			i++
			continue
		}
		// The word's boxes in i's style, and the hyphenation points
		// between them (penalties inside a line are points not taken:
		// the word goes on past them).
		s := e.m.style(line[i].sty)
		j, boxes, pieces := i+1, 1, line[i].piece
		for k := i + 1; k < len(line); k++ {
			if line[k].kind == kPenalty {
				continue
			}
			if !textBox(line[k]) {
				break
			}
			if t := e.m.style(line[k].sty); t.font != s.font || t.size != s.size || t.color != s.color || t.rise != s.rise {
				break
			}
			j, boxes, pieces = k+1, boxes+1, pieces || line[k].piece
		}
		switch {
		case !pieces || wholeBox(line[i:j]):
			// Whole words, or all the pieces of one box: the breaker
			// measured them shaped already.
		case boxes == 1:
			line[i].w = e.m.width(s.font, line[i].text, s.size)
		default:
			// The text shaped whole, once: each box's share is the
			// advance of the glyphs whose clusters start in it (shaping
			// each prefix of the text made a new run a box).
			var b strings.Builder
			for k := i; k < j; k++ {
				if line[k].kind == kBox {
					b.WriteString(line[k].text)
				}
			}
			run, at := e.m.memo.shaper.shape(normal(s.font), b.String()), 0
			for k := i; k < j; k++ {
				if line[k].kind == kBox {
					end := at + len(line[k].text)
					line[k].w, at = run.span(at, end)*s.size/shapeUnits, end
				}
			}
		}
		i = j
	}
}

// textBox reports a box of text: not an image or a formula.
func textBox(it kpItem) bool { return it.kind == kBox && it.img == nil && it.formula == nil }
