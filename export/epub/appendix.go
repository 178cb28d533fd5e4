package epub

import (
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// maxAppendixFile is about the most XHTML an appendix file holds: a
// long book's links cited (the Cargo book's 3,849) made one file of
// 600 KB, past the 260 KB at which Calibre cuts files and the 300 KB
// that older reading systems (Adobe's RMSDK) open. Its entries go on in
// further files, the list continued.
const maxAppendixFile = 200 << 10

// appendixFile is one file of the further-reading appendix: the first
// has its title, and each holds a run of its groups' entries.
type appendixFile struct {
	name, id string
	parts    []appendixPart
}

// appendixPart is entries of one group in one file; starts marks the
// file the group starts in, which has its heading.
type appendixPart struct {
	group   *doc.ReferenceGroup
	entries []*doc.Reference
	starts  bool
}

// cutAppendix cuts the appendix's entries into files of about most bytes
// of XHTML each (never an empty one, nor a group's heading without an
// entry after it): one file unless the appendix is long.
func cutAppendix(a *doc.Appendix, most int) []*appendixFile {
	f := &appendixFile{name: appendixName, id: "appendix"}
	files := []*appendixFile{f}
	size := 0
	next := func(g *doc.ReferenceGroup, starts bool) {
		n := len(files) + 1
		f = &appendixFile{name: "appendix-" + strconv.Itoa(n) + ".xhtml", id: "appendix-" + strconv.Itoa(n)}
		files = append(files, f)
		f.parts, size = []appendixPart{{group: g, starts: starts}}, 0
	}
	for _, g := range a.Groups {
		if len(g.Entries) > 0 && size > 0 && size+entrySize(g.Entries[0]) > most {
			next(g, true)
		} else {
			f.parts = append(f.parts, appendixPart{group: g, starts: true})
		}
		for _, r := range g.Entries {
			n := entrySize(r)
			if size > 0 && size+n > most && len(f.parts[len(f.parts)-1].entries) > 0 {
				next(g, false)
			}
			part := &f.parts[len(f.parts)-1]
			part.entries = append(part.entries, r)
			size += n
		}
	}
	return files
}

// entrySize is about the XHTML an entry takes: its fields, its URL twice
// (the link and its text), and the markup around them.
func entrySize(r *doc.Reference) int {
	return 80 + len(r.Author) + len(r.Title) + len(r.Publisher) + len(r.Year) + len(r.ISBN) + len(r.Note) + 2*len(r.URL)
}

// appendixTitle is the appendix's heading.
func appendixTitle(a *doc.Appendix) string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return t
	}
	return "Further reading"
}

// appendixPage writes one file of the further-reading appendix: in the
// first, the appendix's heading; per group, its heading where it starts
// and a list of its entries. A file that continues the appendix, or a
// group, is labelled with their titles instead.
func (b *book) appendixPage(f *appendixFile) []byte {
	a := b.appendix
	title := appendixTitle(a)
	p := b.newPage(f.name, title)
	p.raw(`<section epub:type="appendix" role="doc-appendix"`)
	first := f.name == appendixName
	if first {
		p.idAttr(a)
	} else {
		p.attr("aria-label", title)
	}
	p.raw(">\n")
	if first {
		p.anchorMarks(a.Attr.ID)
		p.nodeMarks(a)
		p.raw("<h1>")
		p.text(title)
		p.raw("</h1>\n")
	}
	for _, part := range f.parts {
		g := part.group
		p.raw("<section")
		if part.starts {
			p.idAttr(g)
			p.raw(">\n")
			p.anchorMarks(g.Attr.ID)
			p.nodeMarks(g)
			p.raw("<h2>")
			p.text(g.Title)
			p.raw("</h2>\n")
		} else {
			p.attr("aria-label", g.Title)
			p.raw(">\n")
		}
		p.raw("<ul class=\"references\">\n")
		for _, r := range part.entries {
			p.raw("<li")
			p.idAttr(r)
			p.raw(">")
			p.nodeMarks(r)
			p.reference(r, g.AuthorDate)
			p.raw("</li>\n")
		}
		p.raw("</ul>\n</section>\n")
	}
	p.raw("</section>\n")
	return p.finish()
}

// reference writes one entry: "Author, <cite>Title</cite>. Publisher, Year.
// ISBN …. Note. URL"; with authorDate, "Author. Year. <cite>Title</cite>.
// Publisher. …".
func (p *page) reference(r *doc.Reference, authorDate bool) {
	author, title := strings.TrimSpace(r.Author), strings.TrimSpace(r.Title)
	year, sep := r.Year, ", "
	if authorDate && author != "" {
		author = strings.TrimSuffix(author, ".") + ". " + strings.TrimSuffix(strings.TrimSpace(year)+r.Suffix, ".")
		year, sep = "", ". "
	}
	wrote := author != "" || title != ""
	space := func() {
		if wrote {
			p.text(" ")
		}
		wrote = true
	}
	sentence := func(parts ...string) {
		var kept []string
		for _, s := range parts {
			if s = strings.TrimSpace(s); s != "" {
				kept = append(kept, s)
			}
		}
		if len(kept) > 0 {
			space()
			p.text(strings.TrimSuffix(strings.Join(kept, ", "), ".") + ".")
		}
	}
	switch {
	case author != "" && title != "":
		p.text(author + sep)
		p.cite(title)
		p.text(".")
	case title != "":
		p.cite(title)
		p.text(".")
	case author != "":
		p.text(author + ".")
	}
	sentence(r.Publisher, year)
	if isbn := strings.TrimSpace(r.ISBN); isbn != "" {
		sentence("ISBN " + isbn)
	}
	sentence(r.Note)
	if u := strings.TrimSpace(r.URL); u != "" {
		if href, ok := p.b.resolveLink(p.file, u); ok {
			space()
			p.raw(`<a class="url"`)
			p.attr("href", href)
			p.raw(">")
			p.text(u)
			p.raw("</a>")
		}
	}
}

func (p *page) cite(title string) {
	p.raw("<cite>")
	p.text(title)
	p.raw("</cite>")
}
