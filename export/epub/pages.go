package epub

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
)

// PageBreak is where a page of the print edition starts, in terms of the
// tree: at byte Offset of the text of Node (a *doc.Text, *doc.Code or
// *doc.CodeBlock), or, when Node is nil, at the element whose source id is
// Anchor (a heading, the appendix or one of its groups), or, when both are
// empty, at the title page. A page that starts in the printed contents
// (Contents) starts in the navigation document: at the entry of the
// heading Anchor, or at the contents' top when Anchor is empty. The
// pipeline computes them from the PDF layout;
// the EPUB writes an epub:type="pagebreak" marker at each and lists them
// in the page-list navigation, so that a printed page number can be found
// in the e-book.
type PageBreak struct {
	Label    string // the printed page number
	Node     doc.Node
	Offset   int
	Anchor   string
	Contents bool
}

// pageMark is a page break placed in the book.
type pageMark struct {
	label   string
	offset  int
	file    string
	id      string
	written bool
}

// planPages indexes opts.PageBreaks by where they are written. Breaks with
// an empty label, or a second break with a label already seen, are left
// out.
func (b *book) planPages() {
	seen := map[string]bool{}
	for _, pb := range b.opts.PageBreaks {
		if pb.Label == "" || seen[pb.Label] {
			continue
		}
		seen[pb.Label] = true
		m := &pageMark{label: pb.Label, offset: pb.Offset}
		switch {
		case pb.Contents && pb.Anchor == "":
			b.marksAtContents = append(b.marksAtContents, m) // in the contents' heading
		case pb.Contents:
			b.marksInContents[pb.Anchor] = append(b.marksInContents[pb.Anchor], m)
		case pb.Node != nil:
			b.marksIn[pb.Node] = append(b.marksIn[pb.Node], m)
		case pb.Anchor != "":
			b.marksAt[pb.Anchor] = append(b.marksAt[pb.Anchor], m)
		default:
			b.titleMarks = append(b.titleMarks, m)
		}
		b.pageMarks = append(b.pageMarks, m)
	}
	for _, ms := range b.marksIn {
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].offset < ms[j].offset })
	}
	titleIDs := newIDSet()
	for _, m := range b.titleMarks {
		m.file, m.id = titleName, titleIDs.add("page-"+m.label)
	}
}

// placeMarks gives the page breaks in node (or at the element with source
// id anchor) their file and id.
func (b *book) placeMarks(ms []*pageMark, file string, ids *idSet) {
	for _, m := range ms {
		if m.file == "" {
			m.file, m.id = file, ids.add("page-"+m.label)
		}
	}
}

// marker writes the page-break marker of m, once.
func (p *page) marker(m *pageMark) {
	if m.written || m.file != p.file {
		return
	}
	m.written = true
	p.raw(`<span epub:type="pagebreak" role="doc-pagebreak"`)
	p.attr("id", m.id)
	p.attr("aria-label", m.label)
	p.raw("/>")
}

// anchorMarks writes the markers of the pages that start at the element
// with the given source id.
func (p *page) anchorMarks(id string) {
	if id == "" {
		return
	}
	for _, m := range p.b.marksAt[id] {
		p.marker(m)
	}
}

// nodeMarks writes the markers of the pages that start at node n, a part
// of the appendix written whole (its title, a group, an entry).
func (p *page) nodeMarks(n doc.Node) {
	for _, m := range p.b.marksIn[n] {
		p.marker(m)
	}
}

// textWithMarks writes the text of node n, with the markers of the pages
// that start inside it.
func (p *page) textWithMarks(n doc.Node, s string) {
	for _, m := range p.writeWithMarks(s, 0, len(s), p.b.marksIn[n]) { // past the text
		p.marker(m)
	}
}

// codeWithMarks writes a code block's text, each token of a class other
// than plain in a span of its class (hl-kw, hl-str…, coloured by
// theme.CSS), with the markers of the pages that start inside it.
func (p *page) codeWithMarks(n *doc.CodeBlock) {
	if n.Tokens == nil {
		p.textWithMarks(n, n.Text)
		return
	}
	ms := p.b.marksIn[n]
	start := 0
	for _, tok := range n.Tokens {
		end := min(start+len(tok.Text), len(n.Text))
		if tok.Class != doc.CodePlain {
			p.raw(`<span class="hl-` + tok.Class.String() + `">`)
		}
		ms = p.writeWithMarks(n.Text, start, end, ms)
		if tok.Class != doc.CodePlain {
			p.raw("</span>")
		}
		start = end
	}
	for _, m := range ms { // past the text
		p.marker(m)
	}
}

// writeWithMarks writes s[from:to] with the markers of ms (in order of
// their offsets in s) that start before to, each at its offset but never
// inside a character, and returns the markers left.
func (p *page) writeWithMarks(s string, from, to int, ms []*pageMark) []*pageMark {
	at := from
	for len(ms) > 0 && ms[0].offset < to {
		off := max(ms[0].offset, at)
		for off > at && !utf8.RuneStart(s[off]) {
			off-- // never inside a character
		}
		p.text(s[at:off])
		p.marker(ms[0])
		ms, at = ms[1:], off
	}
	p.text(s[at:to])
	return ms
}

// writtenPageMarks returns the page markers the chapters actually hold.
func (b *book) writtenPageMarks() []*pageMark {
	var written []*pageMark
	for _, m := range b.pageMarks {
		if m.written {
			written = append(written, m)
		}
	}
	return written
}

// pageList writes the page-list navigation: every page marker written.
func (b *book) pageList(p *page) {
	written := b.writtenPageMarks()
	if len(written) == 0 {
		return
	}
	p.raw("<nav epub:type=\"page-list\" id=\"page-list\" role=\"doc-pagelist\" hidden=\"hidden\">\n<h2>Pages</h2>\n<ol>\n")
	for _, m := range written {
		p.raw("<li><a")
		p.attr("href", m.file+"#"+m.id)
		p.raw(">")
		p.text(m.label)
		p.raw("</a></li>\n")
	}
	p.raw("</ol>\n</nav>\n")
}

// ncxPageList writes the NCX's pageList, numbering on from order.
func (b *book) ncxPageList(x *xmlBuffer, order int) {
	written := b.writtenPageMarks()
	if len(written) == 0 {
		return
	}
	x.raw("<pageList>\n  <navLabel><text>Pages</text></navLabel>\n")
	for i, m := range written {
		order++
		x.raw(`  <pageTarget id="page-target-` + strconv.Itoa(i+1) + `"`)
		if _, err := strconv.Atoi(m.label); err == nil {
			x.raw(` type="normal"`)
			x.attr("value", m.label)
		} else {
			x.raw(` type="special"`)
		}
		x.raw(` playOrder="` + strconv.Itoa(order) + `">` + "\n    <navLabel><text>")
		x.text(m.label)
		x.raw("</text></navLabel>\n    <content")
		x.attr("src", m.file+"#"+m.id)
		x.raw("/>\n  </pageTarget>\n")
	}
	x.raw("</pageList>\n")
}

// pageCounts returns the number of page markers written and the largest
// numeric page label, for the NCX's head.
func (b *book) pageCounts() (total, maxPage int) {
	for _, m := range b.pageMarks {
		if m.written {
			total++
			if n, err := strconv.Atoi(m.label); err == nil {
				maxPage = max(maxPage, n)
			}
		}
	}
	return total, maxPage
}

// hasPageList reports whether any page marker was written.
func (b *book) hasPageList() bool {
	total, _ := b.pageCounts()
	return total > 0
}
