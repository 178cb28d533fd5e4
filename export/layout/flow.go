package layout

import (
	"fmt"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// engine holds what one layout pass shares.
type engine struct {
	m      measurer
	g      geometry
	land   geometry // the same paper turned: the pages of a table too wide for g
	opts   Options
	diags  *diag.List
	images *imageStore
	stats  *lineStats
	rtl    bool       // the document's language is written right to left
	lang   string     // the document's language ("en" when it gives none)
	words  l10n.Words // galley's own words in the document's language
	busy   *busyCount // the goroutines at work (Options.Busy)
	// pageRefs are the contents' page numbers, filled in once the pages
	// are known (resolvePageRefs).
	pageRefs []pageRef
	// texts is the block the lines' texts are taken from (newText).
	texts []Text
}

// newText returns a text for a line: one of a block of them, allocated
// together (a book's lines make millions, and allocating each on its own
// was a tenth of the layout's time).
func (e *engine) newText() *Text {
	if len(e.texts) == 0 {
		e.texts = make([]Text, 256)
	}
	t := &e.texts[0]
	e.texts = e.texts[1:]
	return t
}

// pageRef is a text that shows the printed page number of an anchor,
// right-aligned at its X+Width.
type pageRef struct {
	text   *Text
	slot   *Slot // the text's, pending until the number is known
	anchor string
	left   bool // the number keeps its left edge (a right-to-left contents' column), not its right
}

// builder collects the rows of the vertical flow.
type builder struct {
	e         *engine
	rows      []*vrow
	keepNext  bool // the next content row must stay with the one after it
	landscape bool // the rows being added go on landscape pages
	// A layout that gives its pages away as they are made lets go of the
	// rows paginated (rows[:released] are nil), their heights as set
	// counted first (rows[:counted], countedH).
	released, counted int
	countedH          float64
}

// flow is a column of the vertical flow: where blocks go and how body text
// is set. Nested containers (list items, quotes, callouts) use copies.
type flow struct {
	*builder
	x, w    float64
	frames  []*frame
	atStart bool // nothing placed in this column yet: no space above
	body    runStyle
	leading float64
	skip    float64  // space between blocks
	node    doc.Node // the tree node being set: the rows added take it
	// rtl is the column's direction: the document's, or that of the
	// container it is in (a list, a quote, a callout) when the
	// container's text decides it (doc.Direction). It sides the column's
	// indents, list markers and rules, and sets the direction of its
	// paragraphs whose text has no strongly directional character.
	rtl bool
	// fixedDir sets the column's paragraphs in its direction whatever
	// their text's: a tight list item's, which HTML writes without <p>
	// (each other paragraph takes its own text's direction, as a <p
	// dir="auto"> does).
	fixedDir bool
	// dirSet is set inside a div whose dir attribute gives the direction
	// (doc.Attr.Direction): everything in it is set in that direction,
	// its paragraphs, lists and quotes whatever their text's, as HTML
	// inherits dir.
	dirSet bool
	// align sets the column's paragraphs and headings ragged and aligned
	// so (a div's align="center"), not justified; AlignDefault: as the
	// options say.
	align doc.Alignment
}

// newFlow returns the main text column.
func (e *engine) newFlow(b *builder) flow {
	return flow{
		builder: b,
		x:       e.g.left,
		w:       e.g.width(),
		body:    runStyle{font: roleFont(theme.Body), size: bodySize, color: black.rgb()},
		leading: bodySize * leadingRatio,
		skip:    bodySize * 0.6,
		rtl:     e.rtl,
	}
}

// within returns the column turned to the direction of a container in
// it, n (a list, a quote, a callout): that of n's text, else the
// column's own.
func (f flow) within(n doc.Node) flow {
	if f.dirSet {
		return f // a div's dir attribute decides
	}
	if rtl, found := doc.Direction(n); found {
		f.rtl = rtl
	}
	f.fixedDir = false
	return f
}

// dir is the column's direction as a paragraph set in it falls back to
// (paraSpec.colDir).
func (f *flow) dir() int8 {
	if f.rtl {
		return 1
	}
	return -1
}

// sub returns a nested column indented by left and right: its start and
// end, which in a right-to-left column are its right and left.
func (f flow) sub(left, right float64) flow {
	if f.rtl {
		left, right = right, left
	}
	f.x += left
	f.w -= left + right
	f.atStart = true
	return f
}

// add appends a content row to the flow.
func (f *flow) add(r *vrow) {
	r.frames = append(r.frames, f.frames...)
	if r.node == nil {
		r.node = f.node
	}
	if f.keepNext && !r.glue {
		r.kwn = true
		f.keepNext = false
	}
	f.atStart = false
	r.landscape = f.landscape
	f.rows = append(f.rows, r)
}

// addRows appends rows, keeping the first two and the last two together so
// that no single line is left at the foot or the head of a page.
func (f *flow) addRows(rows []*vrow) {
	n := len(rows)
	if n >= 2 {
		rows[0].kwn = true
		rows[n-2].kwn = true
	}
	for i, r := range rows {
		r.line, r.lines = int32(i), int32(n)
		f.add(r)
	}
}

// space adds discardable vertical space; adjacent spaces take the larger.
func (f *flow) space(h float64) {
	if f.atStart || h <= 0 {
		return
	}
	if n := len(f.rows); n > 0 && f.rows[n-1].glue {
		f.rows[n-1].h = max(f.rows[n-1].h, h)
		return
	}
	f.rows = append(f.rows, &vrow{h: h, glue: true, frames: append([]*frame(nil), f.frames...), landscape: f.landscape})
}

// pageBreak starts a new page before what follows (a page break: \newpage,
// a CSS page break): the space before it, or a new one of no height,
// breaks the page. A space is not content, so the page break and a
// heading that starts a page of its own after it make one new page, not
// two, and at the head of a page it breaks nothing.
func (f *flow) pageBreak() {
	if n := len(f.rows); n > 0 && f.rows[n-1].glue {
		f.rows[n-1].newPage = true
		return
	}
	f.rows = append(f.rows, &vrow{glue: true, newPage: true, frames: append([]*frame(nil), f.frames...), landscape: f.landscape})
}

// writingSpace leaves h points of room (a space: \vspace), no more than a
// page: room to write an answer in, kept with the line before it (the
// question) and moved whole to the next page with it when it does not
// fit.
func (f *flow) writingSpace(h float64) {
	for i := len(f.rows) - 1; i >= 0; i-- {
		if !f.rows[i].glue {
			f.rows[i].kwn = true
			break
		}
	}
	f.add(&vrow{h: min(h, f.e.g.height())})
}

// blocks lays out a sequence of blocks. A paragraph that is only anchors
// (an <a id> line kept for old links, a rule marker) takes no room: its
// ids are anchors at the next block's first line.
func (f *flow) blocks(bs []doc.Block) {
	var pending []string // anchors for the next block
	laid := 0
	for i, b := range bs {
		if p, ok := b.(*doc.Paragraph); ok && onlyAnchors(p.Content) {
			pending = append(pending, spanIDs(p.Content)...)
			continue
		}
		if laid > 0 {
			f.space(f.skip)
		}
		laid++
		from := len(f.rows)
		f.block(b)
		if len(pending) > 0 {
			f.anchorAt(from, pending)
			pending = nil
		}
		if i+1 < len(bs) && keptWithNext(b, bs[i+1], f.rows[from:]) {
			f.keepWithNext()
		}
	}
	if len(pending) > 0 {
		f.anchorAt(len(f.rows), pending)
	}
}

// anchorAt puts ids as anchors on the first row from index from that is
// not space, or on a row of no height of their own when there is none.
func (f *flow) anchorAt(from int, ids []string) {
	for _, r := range f.rows[from:] {
		if !r.glue {
			r.ext().anchors = append(r.ext().anchors, ids...)
			return
		}
	}
	f.add(&vrow{extra: &rowExtra{anchors: ids}})
}

// onlyAnchors reports content that shows nothing but has anchors: spans
// with an id and no content, and white space.
func onlyAnchors(content []doc.Inline) bool {
	anchors := 0
	for _, in := range content {
		switch in := in.(type) {
		case *doc.Span:
			if in.Attr.ID == "" || len(in.Content) > 0 {
				return false
			}
			anchors++
		case *doc.Text:
			if strings.TrimSpace(in.Value) != "" {
				return false
			}
		default:
			return false
		}
	}
	return anchors > 0
}

// keptWithNext reports a block that must not end a page when next
// follows it: a paragraph that ends with a colon (it introduces what
// follows), a one-line paragraph before a code block, table or figure
// (as "Filename: src/main.rs" labels a listing), and any block that next
// captions (a paragraph that is only a span of class "caption", as mdBook
// books write "Figure 4-1: …"). rows are the block's rows.
func keptWithNext(b, next doc.Block, rows []*vrow) bool {
	if p, ok := next.(*doc.Paragraph); ok && len(p.Content) == 1 {
		if s, ok := p.Content[0].(*doc.Span); ok && s.Attr.HasClass("caption") {
			return true
		}
	}
	p, ok := b.(*doc.Paragraph)
	if !ok {
		return false
	}
	if doc.LastRune(p.Content) == ':' {
		return true
	}
	switch next.(type) {
	case *doc.CodeBlock, *doc.Table, *doc.Figure:
		lines := 0
		for _, r := range rows {
			lines = max(lines, int(r.lines))
		}
		return lines == 1
	}
	return false
}

// keepWithNext keeps the last content row so far with the next one, and
// that one with the one after it (a code block's first line with its
// second).
func (f *flow) keepWithNext() {
	for i := len(f.rows) - 1; i >= 0; i-- {
		if !f.rows[i].glue {
			f.rows[i].kwn = true
			break
		}
	}
	f.keepNext = true
}

// block lays out one block; none once the layout is cancelled.
func (f *flow) block(b doc.Block) {
	if f.e.cancelled() {
		return
	}
	defer func(n doc.Node) { f.node = n }(f.node)
	f.node = b
	switch b := b.(type) {
	case *doc.Heading:
		outer := f.align
		if a := b.Attr.Align(); a != doc.AlignDefault { // <h1 align="center">
			f.align = a
		}
		f.heading(b.Level, b.Content, b.Attr.ID, doc.PlainText(b.Content))
		f.align = outer
	case *doc.Paragraph:
		f.paragraph(b.Content)
	case *doc.List:
		f.list(b, 0)
	case *doc.BlockQuote:
		f.quote(b)
	case *doc.Callout:
		f.callout(b)
	case *doc.Div:
		if b.IsPageBreak() {
			f.pageBreak()
			return
		}
		if h, ok := b.Space(); ok {
			f.writingSpace(h)
			return
		}
		outer, outerRTL, outerFixed, outerSet := f.align, f.rtl, f.fixedDir, f.dirSet
		if rtl, found := b.Attr.Direction(); found {
			f.rtl, f.fixedDir, f.dirSet = rtl, true, true
		}
		if len(b.Title) > 0 { // a details' summary, in bold, kept with what follows
			sty := f.body.with(f.body.font.Style | fonts.Bold)
			rows := f.e.setParagraph(f.e.m.tokenize(b.Title, sty), f.spec(false))
			for _, r := range rows {
				r.kwn = true
			}
			f.addRows(rows)
			f.space(f.skip * 0.5)
		}
		if a := b.Attr.Align(); a != doc.AlignDefault {
			f.align = a
		}
		f.blocks(b.Blocks)
		f.align, f.rtl, f.fixedDir, f.dirSet = outer, outerRTL, outerFixed, outerSet
	case *doc.CodeBlock:
		f.code(b)
	case *doc.ThematicBreak:
		f.rule()
	case *doc.Table:
		f.table(b)
	case *doc.Figure:
		f.figure(b)
	case *doc.DefinitionList:
		f.definitions(b)
	case *doc.RawHTML:
		if text := htmlText(b.HTML); text != "" {
			f.addRows(f.e.setParagraph(f.e.m.plainTokens(text, f.body), f.spec(!f.e.opts.RaggedRight)))
		}
	case *doc.FootnoteDef:
		// Footnotes are set at the foot of the page that refers to them.
	default:
		panic(fmt.Sprintf("layout: unexpected block node %T", b))
	}
}

// spec returns the paragraph spec of the column's body text.
func (f *flow) spec(justify bool) paraSpec {
	if f.align != doc.AlignDefault {
		justify = false
	}
	return paraSpec{x: f.x, widths: []float64{f.w}, justify: justify, align: f.align, leading: f.leading, base: f.body, colDir: f.dir(), colOnly: f.fixedDir}
}

// paragraph sets body text: justified, or ragged right when the options say
// so or when it is only code (a command, as READMEs and tldr pages give
// one a paragraph: its spaces keep their width, as a monospaced face's do
// in TeX, and GitHub shows it unjustified). The ids of the spans in it
// (anchors written as <a id>) are anchors at its first line.
func (f *flow) paragraph(content []doc.Inline) {
	if n := doc.DisplayFormula(content); n != nil && f.formula(n) {
		return
	}
	if parts := splitAtFormulas(content); len(parts) > 1 {
		for _, part := range parts {
			f.paragraph(part)
		}
		return
	}
	var rows []*vrow
	if spec := f.spec(!f.e.opts.RaggedRight && !onlyCode(content)); inlineTextSize(content) > maxOptimalItems {
		rows = f.e.setStreamedParagraph(content, f.body, spec, longParagraphWindow, maxOptimalItems)
	} else {
		rows = f.e.setParagraph(f.e.m.tokenize(content, f.body), spec)
	}
	if ids := spanIDs(content); len(ids) > 0 {
		if len(rows) == 0 {
			rows = []*vrow{{h: f.leading}}
		}
		rows[0].ext().anchors = append(rows[0].ext().anchors, ids...)
	}
	f.addRows(rows)
}

// onlyCode reports whether content is inline code alone: code spans
// (links to them included), with nothing but spaces and line breaks
// between them.
func onlyCode(content []doc.Inline) bool {
	code := false
	for _, in := range content {
		switch n := in.(type) {
		case *doc.Code:
			code = true
		case *doc.Link:
			if !onlyCode(n.Content) {
				return false
			}
			code = true
		case *doc.Text:
			if strings.TrimSpace(n.Value) != "" {
				return false
			}
		case *doc.LineBreak:
		default:
			return false
		}
	}
	return code
}

// inlineTextSize is the bytes of text in content (doc.TextSize): about the
// most tokens it can have, a word and a space taking two bytes or more.
func inlineTextSize(content []doc.Inline) int {
	n := 0
	for _, in := range content {
		n += doc.TextSize(in)
	}
	return n
}

// spanIDs returns the ids of the spans in content.
func spanIDs(content []doc.Inline) []string {
	var ids []string
	visit := func(n doc.Node) bool {
		if s, ok := n.(*doc.Span); ok && s.Attr.ID != "" {
			ids = append(ids, s.Attr.ID)
		}
		return true
	}
	for _, in := range content {
		if _, leaf := in.(*doc.Text); !leaf { // most inlines: no walk
			doc.Inspect(in, visit)
		}
	}
	return ids
}

// heading sets a heading in sans bold, kept with what follows. An empty id
// gives neither anchor nor bookmark. A chapter's heading starts a page
// when the options say so, unless it follows another heading: a part's
// title, or an empty chapter's, is not left alone on its page.
func (f *flow) heading(level int, content []doc.Inline, id, title string) {
	size := headingSize(level)
	above, below := headingSpace(level)
	sty := runStyle{font: roleFont(theme.Heading), size: size, color: black.rgb()}
	if level >= 5 {
		sty.font.Style = fonts.BoldItalic
	}
	spec := paraSpec{x: f.x, widths: []float64{f.w}, align: f.align, leading: size * 1.25, base: sty, colDir: f.dir(), colOnly: f.dirSet}
	rows := f.e.setParagraph(f.e.m.tokenize(content, sty), spec)
	if len(rows) == 0 {
		rows = []*vrow{{h: spec.leading}}
	}
	f.space(above)
	if cs := f.e.opts.ChapterStart; level == 1 && (cs == options.StartPage || cs == options.StartRight) && len(f.frames) == 0 && f.x == f.e.g.left &&
		!f.afterHeading() {
		rows[0].newPage = true
		rows[0].recto = cs == "right"
	}
	if id != "" {
		ex := rows[0].ext()
		ex.anchors = append(ex.anchors, id)
		ex.marks = append(ex.marks, mark{title: title, level: level, id: id})
	}
	for _, r := range rows {
		r.kwn = true
		r.heading = true
		f.add(r)
	}
	f.space(below)
	f.keepNext = true
}

// rule is a thematic break: a short centred line.
func (f *flow) rule() {
	f.space(f.leading * 0.5)
	w := f.w / 4
	x := f.x + (f.w-w)/2
	f.add(&vrow{h: f.leading, items: []Item{&Line{X1: x, Y1: f.leading / 2, X2: x + w, Y2: f.leading / 2, Width: 0.6, Color: grey.rgb()}}})
	f.space(f.leading * 0.5)
}

// pad adds a fixed, non-discardable space inside a frame.
func (f *flow) pad(h float64, kwn bool) {
	f.add(&vrow{h: h, kwn: kwn})
}

// afterHeading reports whether the last row set with content is a
// heading's.
func (f *flow) afterHeading() bool {
	for i := len(f.rows) - 1; i >= 0; i-- {
		if r := f.rows[i]; !r.glue && len(r.items) > 0 {
			return r.heading
		}
	}
	return false
}
