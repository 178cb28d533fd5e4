package epub

import (
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// tocEntry is one entry of the table of contents.
type tocEntry struct {
	title    string
	href     string
	id       string // the source id of the heading or appendix part, if any
	level    int
	children []*tocEntry
}

// toc builds the nested table of contents: the outline's headings down to
// TOCDepth, then the appendix. A heading's parent is the nearest earlier
// heading of a lower level, so a jump (h1 → h3) nests one step, as the
// navigation document requires.
func (b *book) toc() []*tocEntry {
	var flat []*tocEntry
	if len(b.d.Outline) > 0 {
		for _, e := range b.d.Outline {
			if e.Level <= b.opts.TOCDepth {
				if href := b.outlineHref(e); href != "" {
					flat = append(flat, &tocEntry{title: e.Title, href: href, level: e.Level, id: e.ID})
				}
			}
		}
	} else {
		for _, h := range b.headings {
			if h.Level <= b.opts.TOCDepth {
				flat = append(flat, &tocEntry{title: doc.PlainText(h.Content), href: b.href("", h), level: h.Level, id: h.Attr.ID})
			}
		}
	}
	if b.hasEndnotes() {
		flat = append(flat, &tocEntry{title: b.words.Notes, href: notesName, level: 1})
	}
	if a := b.appendix; a != nil {
		flat = append(flat, &tocEntry{title: appendixTitle(a), href: b.href("", a), level: 1, id: a.Attr.ID})
		for _, g := range a.Groups {
			if b.opts.TOCDepth >= 2 {
				flat = append(flat, &tocEntry{title: g.Title, href: b.href("", g), level: 2, id: g.Attr.ID})
			}
		}
	}
	for _, e := range flat {
		if e.title = strings.Join(strings.Fields(e.title), " "); e.title == "" {
			e.title = "Untitled section"
		}
	}
	if len(flat) == 0 {
		flat = append(flat, &tocEntry{title: b.title, href: b.chapters[0].name, level: 1})
	}
	return nest(flat)
}

// outlineHref is the link to an outline entry's heading, or "".
func (b *book) outlineHref(e *doc.OutlineEntry) string {
	if e.Heading != nil {
		if h := b.href("", e.Heading); h != "" {
			return h
		}
	}
	if t, ok := b.targets[e.ID]; ok {
		return linkTo("", t)
	}
	return ""
}

func nest(flat []*tocEntry) []*tocEntry {
	var roots, stack []*tocEntry
	for _, e := range flat {
		for len(stack) > 0 && stack[len(stack)-1].level >= e.level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, e)
		} else {
			parent := stack[len(stack)-1]
			parent.children = append(parent.children, e)
		}
		stack = append(stack, e)
	}
	return roots
}

func depth(entries []*tocEntry) int {
	d := 0
	for _, e := range entries {
		d = max(d, 1+depth(e.children))
	}
	return d
}

// navDocument writes nav.xhtml: the table of contents and the landmarks.
func (b *book) navDocument() []byte {
	p := b.newPage(navName, b.words.Contents)
	ids := newIDSet()
	for _, id := range []string{"toc", "landmarks", "page-list"} {
		ids.add(id)
	}
	// A page-break marker can stand only in phrasing content here: in
	// the heading, or in an entry's link (a navigation list's items hold
	// a link and a list, nothing else).
	p.raw("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>")
	for _, m := range b.marksAtContents {
		m.file, m.id = navName, ids.add("page-"+m.label)
		p.marker(m)
	}
	p.text(b.words.Contents)
	p.raw("</h1>\n")
	navList(p, b.toc(), ids)
	p.raw("</nav>\n")
	b.pageList(p)
	p.raw("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n")
	landmark := func(typ, href, title string) {
		p.raw(`<li><a epub:type="` + typ + `"`)
		p.attr("href", href)
		p.raw(">")
		p.text(title)
		p.raw("</a></li>\n")
	}
	if b.cover != nil {
		landmark("cover", coverName, b.words.Cover)
	}
	landmark("toc", navName+"#toc", b.words.Contents)
	landmark("bodymatter", b.chapters[0].name, "Start of content")
	if b.appendix != nil {
		landmark("appendix", appendixName, appendixTitle(b.appendix))
	}
	p.raw("</ol>\n</nav>\n")
	return p.finish()
}

// navList writes entries as the nested list of the contents. The link of
// an entry at which a printed page starts holds that page's marker.
func navList(p *page, entries []*tocEntry, ids *idSet) {
	p.raw("<ol>\n")
	for _, e := range entries {
		p.raw("<li><a")
		p.attr("href", e.href)
		p.raw(">")
		if ms := p.b.marksInContents[e.id]; e.id != "" && len(ms) > 0 && !ms[0].written {
			m := ms[0] // two pages cannot start at one entry
			m.file, m.id = navName, ids.add("page-"+m.label)
			p.marker(m)
		}
		p.text(e.title)
		p.raw("</a>")
		if len(e.children) > 0 {
			p.raw("\n")
			navList(p, e.children, ids)
		}
		p.raw("</li>\n")
	}
	p.raw("</ol>\n")
}

// ncxDocument writes toc.ncx, the table of contents for EPUB 2 readers.
func (b *book) ncxDocument() []byte {
	entries := b.toc()
	var x xmlBuffer
	x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	x.raw(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"`)
	x.attr("xml:lang", b.lang)
	x.raw(">\n<head>\n")
	meta := func(name, content string) {
		x.raw("<meta")
		x.attr("name", name)
		x.attr("content", content)
		x.raw("/>\n")
	}
	meta("dtb:uid", b.uid)
	meta("dtb:depth", strconv.Itoa(depth(entries)))
	total, maxPage := b.pageCounts()
	meta("dtb:totalPageCount", strconv.Itoa(total))
	meta("dtb:maxPageNumber", strconv.Itoa(maxPage))
	x.raw("</head>\n<docTitle><text>")
	x.text(b.title)
	x.raw("</text></docTitle>\n")
	for _, a := range b.d.Meta.Authors {
		if a = strings.TrimSpace(a); a != "" {
			x.raw("<docAuthor><text>")
			x.text(a)
			x.raw("</text></docAuthor>\n")
		}
	}
	x.raw("<navMap>\n")
	order := 0
	navPoints(&x, entries, &order, 1)
	x.raw("</navMap>\n")
	b.ncxPageList(&x, order)
	x.raw("</ncx>\n")
	return x.Bytes()
}

func navPoints(x *xmlBuffer, entries []*tocEntry, order *int, level int) {
	indent := strings.Repeat("  ", level)
	for _, e := range entries {
		*order++
		n := strconv.Itoa(*order)
		x.raw(indent + `<navPoint id="navpoint-` + n + `" playOrder="` + n + `">` + "\n")
		x.raw(indent + "  <navLabel><text>")
		x.text(e.title)
		x.raw("</text></navLabel>\n" + indent + "  <content")
		x.attr("src", e.href)
		x.raw("/>\n")
		navPoints(x, e.children, order, level+1)
		x.raw(indent + "</navPoint>\n")
	}
}
