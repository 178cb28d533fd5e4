package epub

import (
	"bytes"
	"fmt"
	"github.com/galley-pub/galley/export/diag"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// page is one XHTML content document being written.
type page struct {
	xmlBuffer
	b     *book
	diags *diag.List // where its warnings go: the book's, or its chapter's (files)
	file  string     // its name, to tell local links from links to other files
	open  []string   // inline tags opened by raw HTML and not yet closed
	rtl   bool       // the direction of the element being written (enterDir)
	// dirSet is set inside a div whose dir attribute gives the direction:
	// what it holds inherits it, as the PDF sets it (no dir of its own).
	dirSet bool
}

// newPage starts an XHTML document with its head and the opening <body>.
func (b *book) newPage(file, title string) *page {
	p := &page{b: b, diags: b.diags, file: file, rtl: doc.LangIsRTL(b.lang)}
	p.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	p.raw(`<html xmlns="http://www.w3.org/1999/xhtml"` + epubNS)
	p.attr("xml:lang", b.lang)
	p.attr("lang", b.lang)
	if doc.LangIsRTL(b.lang) {
		p.attr("dir", "rtl")
	}
	p.raw(">\n<head>\n<meta charset=\"UTF-8\"/>\n")
	p.element("title", title)
	p.raw("\n<link rel=\"stylesheet\" type=\"text/css\" href=\"" + styleName + "\"/>\n</head>\n<body>\n")
	return p
}

// epubNS declares the namespace of epub:type, on pages that use it.
const epubNS = ` xmlns:epub="http://www.idpf.org/2007/ops"`

// finish closes the document and returns its bytes. A page that has no
// epub:type loses the declaration of its namespace.
func (p *page) finish() []byte {
	p.raw("</body>\n</html>\n")
	out := p.Bytes()
	if !bytes.Contains(out, []byte(" epub:")) {
		out = bytes.Replace(out, []byte(epubNS), nil, 1)
	}
	return out
}

// coverPage is the cover image alone on a page.
func (b *book) coverPage() []byte {
	p := b.newPage(coverName, b.words.Cover)
	p.raw("<section epub:type=\"cover\" class=\"cover\">\n<img")
	shown := b.cover
	if b.coverArt != nil {
		shown = b.coverArt
	}
	p.attr("src", shown.href)
	p.attr("alt", "Cover: "+b.title)
	p.raw("/>\n</section>\n")
	return p.finish()
}

// titlePage shows the title, subtitle, authors, publisher and date.
func (b *book) titlePage() []byte {
	m := b.d.Meta
	p := b.newPage(titleName, b.title)
	p.raw("<section epub:type=\"titlepage\" class=\"titlepage\">\n")
	for _, m := range b.titleMarks {
		p.marker(m)
	}
	p.raw("<h1 class=\"title\">")
	p.text(b.title)
	p.raw("</h1>\n")
	line := func(class, s string) {
		if s = strings.TrimSpace(s); s != "" {
			p.raw(`<p class="` + class + `">`)
			p.text(s)
			p.raw("</p>\n")
		}
	}
	line("subtitle", m.Subtitle)
	line("authors", joinNames(m.Authors))
	line("publisher", m.Publisher)
	line("date", m.Date)
	p.raw("</section>\n")
	return p.finish()
}

// joinNames joins names as in "A, B and C".
func joinNames(names []string) string {
	var clean []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			clean = append(clean, n)
		}
	}
	switch len(clean) {
	case 0:
		return ""
	case 1:
		return clean[0]
	}
	return strings.Join(clean[:len(clean)-1], ", ") + " and " + clean[len(clean)-1]
}

// chapterPage writes a chapter and, at its end, the footnotes first
// referenced in it, its warnings to diags. Chapters may be written at
// once: what a page writes to the book is its marks' (its own), and its
// file's MathML flag (mathMu).
func (b *book) chapterPage(c *chapter, diags *diag.List) []byte {
	p := b.newPage(c.name, c.title)
	p.diags = diags
	// Its markup about doubles its text: room for that at once, not a
	// buffer outgrown and copied ten times over (a long book's chapters).
	p.Grow(2*c.text + 4<<10)
	p.blocks(c.blocks)
	if len(c.notes) > 0 {
		p.raw("<section class=\"footnotes\">\n")
		for _, n := range c.notes {
			p.footnote(n)
		}
		p.raw("</section>\n")
	}
	return p.finish()
}

// hasEndnotes reports whether the book has a Notes file.
func (b *book) hasEndnotes() bool { return b.endnotes != nil && len(b.endnotes.notes) > 0 }

// endnotesPage writes every note, in order of first citation, in one file
// after the last chapter.
func (b *book) endnotesPage() []byte {
	p := b.newPage(notesName, b.words.Notes)
	p.raw("<section epub:type=\"endnotes\" role=\"doc-endnotes\">\n<h1>")
	p.text(b.words.Notes)
	p.raw("</h1>\n")
	for _, n := range b.endnotes.notes {
		p.footnote(n)
	}
	p.raw("</section>\n")
	return p.finish()
}

// footnote writes a note as an EPUB 3 footnote whose number links back to
// its first reference.
func (p *page) footnote(n *note) {
	num := strconv.Itoa(n.def.Number)
	p.raw(`<aside epub:type="footnote" role="doc-footnote" class="footnote"`)
	p.attr("id", p.b.ids[n.def])
	p.raw(">\n")
	p.raw("<p>")
	p.raw(`<a class="footnote-back" role="doc-backlink"`)
	p.attr("href", p.b.href(p.file, n.first))
	p.raw(">" + num + ".</a> ")
	blocks := n.def.Blocks
	if len(blocks) > 0 {
		if para, ok := blocks[0].(*doc.Paragraph); ok {
			p.inlines(para.Content)
			blocks = blocks[1:]
		}
	}
	p.raw("</p>\n")
	p.blocks(blocks)
	p.raw("</aside>\n")
}

// blocks writes a run of blocks.
func (p *page) blocks(bs []doc.Block) {
	for _, bl := range bs {
		p.block(bl)
	}
}

func (p *page) block(bl doc.Block) {
	switch n := bl.(type) {
	case *doc.Heading:
		level, ok := p.b.levels[n]
		if !ok { // empty: only its id is kept, as a link target
			if _, hasID := p.b.ids[n]; hasID {
				p.raw("<div")
				p.idAttr(n)
				p.raw(">")
				p.anchorMarks(n.Attr.ID)
				p.raw("</div>\n")
			}
			return
		}
		tag := "h" + strconv.Itoa(level)
		p.raw("<" + tag)
		p.idAttr(n)
		if a := n.Attr.Align(); a != doc.AlignDefault {
			p.attr("class", alignClass(a))
		}
		p.langDirAttrs(n.Content)
		p.raw(">")
		p.anchorMarks(n.Attr.ID)
		p.inlines(n.Content)
		p.raw("</" + tag + ">\n")
	case *doc.Paragraph:
		p.raw("<p")
		p.langDirAttrs(n.Content)
		p.raw(">")
		p.inlines(n.Content)
		p.raw("</p>\n")
	case *doc.List:
		p.list(n)
	case *doc.BlockQuote:
		p.raw("<blockquote")
		outer := p.enterDir(n)
		p.raw(">\n")
		p.blocks(n.Blocks)
		p.raw("</blockquote>\n")
		p.rtl = outer
	case *doc.Callout:
		p.callout(n)
	case *doc.Div:
		p.raw("<div")
		p.idAttr(n)
		var classes []string
		for _, c := range n.Attr.Classes {
			classes = append(classes, classToken(c))
		}
		if a := n.Attr.Align(); a != doc.AlignDefault {
			classes = append(classes, alignClass(a)) // as GitHub centres a README's header
		}
		if len(classes) > 0 {
			p.attr("class", strings.Join(classes, " "))
		}
		outerRTL, outerSet := p.rtl, p.dirSet
		if rtl, found := n.Attr.Direction(); found {
			p.attr("dir", dirName(rtl))
			p.rtl, p.dirSet = rtl, true
		}
		p.raw(">\n")
		if len(n.Title) > 0 {
			p.raw(`<p class="summary"`)
			p.langDirAttrs(n.Title)
			p.raw(`><strong>`)
			p.inlines(n.Title)
			p.raw("</strong></p>\n")
		}
		p.blocks(n.Blocks)
		p.raw("</div>\n")
		p.rtl, p.dirSet = outerRTL, outerSet
	case *doc.CodeBlock:
		p.raw("<pre")
		p.idAttr(n)
		p.raw("><code")
		if n.Language != "" {
			p.attr("class", "language-"+classToken(n.Language))
		}
		p.raw(">")
		p.codeWithMarks(n)
		p.raw("</code></pre>\n")
	case *doc.ThematicBreak:
		p.raw("<hr/>\n")
	case *doc.Table:
		p.table(n)
	case *doc.Figure:
		p.figure(n)
	case *doc.DefinitionList:
		p.definitions(n)
	case *doc.RawHTML:
		p.rawBlock(n)
	case *doc.FootnoteDef:
		// written at the end of the chapter that first references it
	default:
		panic(fmt.Sprintf("epub: unexpected block node %T", bl))
	}
}

// idAttr writes the id planned for n, if any.
func (p *page) idAttr(n doc.Node) {
	if id, ok := p.b.ids[n]; ok {
		p.attr("id", id)
	}
}

func (p *page) list(l *doc.List) {
	tag := "ul"
	if l.Kind == doc.OrderedList {
		tag = "ol"
	}
	p.raw("<" + tag)
	p.idAttr(l)
	if l.Kind == doc.TaskList {
		p.attr("class", "task-list")
	}
	if l.Kind == doc.OrderedList && l.Start != 1 {
		p.attr("start", strconv.Itoa(l.Start))
	}
	if t := l.Numbering.HTMLType(); l.Kind == doc.OrderedList && t != "" {
		p.attr("type", t)
	}
	outer := p.enterDir(l)
	p.raw(">\n")
	for _, it := range l.Items {
		p.item(it, l.Tight)
	}
	p.raw("</" + tag + ">\n")
	p.rtl = outer
}

// item writes a list item. In a tight list its paragraphs are written
// without <p>. A task item starts with a ballot-box character (no form
// controls: they are not allowed in EPUB content).
func (p *page) item(it *doc.ListItem, tight bool) {
	box := ""
	switch it.Task {
	case doc.TaskOpen:
		p.raw(`<li class="task">`)
		box = `<span class="task-box">☐</span> `
	case doc.TaskDone:
		p.raw(`<li class="task task-done">`)
		box = `<span class="task-box">☑</span> `
	default:
		p.raw("<li>")
	}
	for i, bl := range it.Blocks {
		para, isPara := bl.(*doc.Paragraph)
		switch {
		case isPara && tight:
			if i > 0 {
				p.raw("\n")
			}
			p.raw(box)
			p.inlines(para.Content)
		case isPara:
			p.raw("<p")
			p.langDirAttrs(para.Content)
			p.raw(">" + box)
			p.inlines(para.Content)
			p.raw("</p>\n")
		default:
			if i == 0 && !tight || i > 0 && tight {
				p.raw("\n")
			}
			p.raw(box)
			p.block(bl)
		}
		box = ""
	}
	p.raw(box + "</li>\n")
}

func (p *page) callout(c *doc.Callout) {
	kind := classToken(strings.TrimSpace(c.Kind))
	if kind == "" {
		kind = "note"
	}
	p.raw(`<aside role="note"`)
	p.attr("class", "callout callout-"+kind)
	outer := p.enterDir(c)
	defer func() { p.rtl = outer }()
	p.raw(">\n<p class=\"callout-title\">")
	if len(c.Title) > 0 {
		p.inlines(c.Title)
	} else {
		p.text(p.b.words.Callout(kind))
	}
	p.raw("</p>\n")
	p.blocks(c.Blocks)
	p.raw("</aside>\n")
}

func (p *page) table(t *doc.Table) {
	p.raw("<table")
	p.idAttr(t)
	p.raw(">\n")
	if len(t.Caption) > 0 {
		p.raw("<caption>")
		p.inlines(t.Caption)
		p.raw("</caption>\n")
	}
	grid := t.Grid()
	first := 0 // the grid's first body row
	if t.Header != nil {
		p.raw("<thead>\n")
		p.row(t, grid, 0, "th")
		p.raw("</thead>\n")
		first = 1
	}
	if len(t.Rows) > 0 {
		p.raw("<tbody>\n")
		for r := first; r < len(grid); r++ {
			p.row(t, grid, r, "td")
		}
		p.raw("</tbody>\n")
	}
	p.raw("</table>\n")
}

// row writes row r of a table's grid, its cells of the element header
// names ("th" in the header row, else "td"), each with its spans. An
// empty header cell (a table's corner) is a td: a header names its
// column, and an empty one fails Ace's empty-table-header.
func (p *page) row(t *doc.Table, grid [][]*doc.TableCell, r int, header string) {
	p.raw("<tr>")
	for i, c := range grid[r] {
		if c == nil {
			continue // covered by a spanning cell, or past the row's last
		}
		cell := header
		if cell == "th" && blankInlines(c.Content) && len(c.Blocks) == 0 {
			cell = "td"
		}
		p.raw("<" + cell)
		if cell == "th" {
			p.attr("scope", "col")
		}
		if i < len(t.Align) && t.Align[i] != doc.AlignDefault {
			p.attr("class", alignClass(t.Align[i]))
		}
		if cols, rows := t.ClippedSpans(c, r); cols > 1 || rows > 1 {
			if cols > 1 {
				p.attr("colspan", strconv.Itoa(cols))
			}
			if rows > 1 {
				p.attr("rowspan", strconv.Itoa(rows))
			}
		}
		p.raw(">")
		p.inlines(c.Content)
		p.blocks(c.Blocks)
		p.raw("</" + cell + ">")
	}
	p.raw("</tr>\n")
}

// blankInlines reports content that shows nothing: no inlines, or only
// white space.
func blankInlines(content []doc.Inline) bool {
	for _, in := range content {
		t, ok := in.(*doc.Text)
		if !ok || strings.TrimSpace(t.Value) != "" {
			return false
		}
	}
	return true
}

func (p *page) figure(f *doc.Figure) {
	p.raw("<figure")
	p.idAttr(f)
	p.raw(">\n")
	if f.Image != nil {
		if p.b.imageAt[f.Image] != nil {
			p.image(f.Image)
			p.raw("\n")
		} else {
			p.raw(`<p class="image-missing">`)
			p.text(f.Image.Alt)
			p.raw("</p>\n")
		}
	}
	if len(f.Caption) > 0 {
		p.raw("<figcaption>")
		p.inlines(f.Caption)
		p.raw("</figcaption>\n")
	}
	p.raw("</figure>\n")
}

func (p *page) definitions(dl *doc.DefinitionList) {
	p.raw("<dl>\n")
	for _, d := range dl.Items {
		p.raw("<dt>")
		p.inlines(d.Term)
		p.raw("</dt>\n")
		for _, body := range d.Definitions {
			if len(body.Blocks) == 1 {
				if para, ok := body.Blocks[0].(*doc.Paragraph); ok {
					p.raw("<dd>")
					p.inlines(para.Content)
					p.raw("</dd>\n")
					continue
				}
			}
			p.raw("<dd>\n")
			p.blocks(body.Blocks)
			p.raw("</dd>\n")
		}
	}
	p.raw("</dl>\n")
}

// alignClass is the stylesheet's class of an alignment (not the default).
func alignClass(a doc.Alignment) string {
	switch a {
	case doc.AlignLeft:
		return "align-left"
	case doc.AlignCenter:
		return "align-center"
	}
	return "align-right"
}
