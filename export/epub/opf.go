package epub

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

//go:embed style.css
var styleFS embed.FS

var (
	langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)
	// yamlTimestamp is a date with a time as YAML and Jekyll's front
	// matter write it ("2020-01-16 10:58:00", "2001-12-14 21:59:43.10 -5"),
	// which W3CDTF is not: the date is its first group.
	yamlTimestamp = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Tt]| +)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)? *(?:Z|[+-][0-9]{1,2}(?::?[0-9]{2})?)?$`)
	w3cdtf        = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?$`)
)

// identifier is the book's unique identifier: Meta.Identifier, else a
// name-based UUID (version 5 layout, SHA-256 instead of SHA-1) of the
// title, authors, date and text, so that it is the same in every build of
// the same document.
func (b *book) identifier() string {
	if id := strings.TrimSpace(b.d.Meta.Identifier); id != "" {
		return id
	}
	// The fields are hashed a buffer at a time: with two writes a field
	// (a copy of each text, then its NUL) the identifier of the 13 MB
	// bench book took 93–105 ms, warm; now 46–63, 26 of them the walk.
	h := sha256.New()
	buf := make([]byte, 0, 64<<10)
	field := func(s string) {
		buf = append(append(buf, s...), 0)
		if len(buf) >= 32<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	field("galley-epub")
	field(b.d.Meta.Title)
	field(b.d.Meta.Subtitle)
	for _, a := range b.d.Meta.Authors {
		field(a)
	}
	field(b.d.Meta.Date)
	doc.Inspect(b.d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Text:
			field(n.Value)
		case *doc.Code:
			field(n.Value)
		case *doc.CodeBlock:
			field(n.Text)
		}
		return true
	})
	h.Write(buf)
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	x := hex.EncodeToString(u)
	return "urn:uuid:" + x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// packageDocument writes the OPF: metadata, manifest and spine.
func (b *book) packageDocument() []byte {
	var x xmlBuffer
	x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	x.raw(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"`)
	x.attr("xml:lang", b.lang)
	x.raw(">\n")
	b.metadata(&x)
	b.manifest(&x)
	b.spine(&x)
	x.raw("</package>\n")
	return x.Bytes()
}

func (b *book) metadata(x *xmlBuffer) {
	m := b.d.Meta
	x.raw("  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	dc := func(name, id, value string) {
		x.raw("    <dc:" + name)
		if id != "" {
			x.attr("id", id)
		}
		x.raw(">")
		x.text(value)
		x.raw("</dc:" + name + ">\n")
	}
	refine := func(id, property, value, scheme string) {
		x.raw("    <meta")
		x.attr("refines", "#"+id)
		x.attr("property", property)
		if scheme != "" {
			x.attr("scheme", scheme)
		}
		x.raw(">")
		x.text(value)
		x.raw("</meta>\n")
	}
	meta := func(property, value string) {
		x.raw("    <meta")
		x.attr("property", property)
		x.raw(">")
		x.text(value)
		x.raw("</meta>\n")
	}

	dc("identifier", "pub-id", b.uid)
	dc("title", "title", b.title)
	refine("title", "title-type", "main", "")
	if s := strings.TrimSpace(m.Subtitle); s != "" {
		dc("title", "subtitle", s)
		refine("subtitle", "title-type", "subtitle", "")
	}
	n := 0
	for _, a := range m.Authors {
		if a = strings.TrimSpace(a); a != "" {
			n++
			id := "creator-" + strconv.Itoa(n)
			dc("creator", id, a)
			refine(id, "role", "aut", "marc:relators")
		}
	}
	if s := strings.TrimSpace(m.Publisher); s != "" {
		dc("publisher", "", s)
	}
	if s := strings.TrimSpace(m.Date); s != "" {
		if m := yamlTimestamp.FindStringSubmatch(s); m != nil && !w3cdtf.MatchString(s) {
			s = m[1] // the day: W3CDTF has no such time
		}
		if w3cdtf.MatchString(s) {
			dc("date", "", s)
		} else {
			b.diags.Warnf(m.Pos, "date %q is not YYYY[-MM[-DD]]; it is left out of the e-book's metadata", s)
		}
	}
	dc("language", "", b.lang)
	if s := strings.TrimSpace(m.Description); s != "" {
		dc("description", "", s)
	}
	for _, k := range m.Keywords {
		if k = strings.TrimSpace(k); k != "" {
			dc("subject", "", k)
		}
	}
	if s := strings.TrimSpace(m.Rights); s != "" {
		dc("rights", "", s)
	}
	if s := strings.TrimSpace(b.opts.PrintSource); s != "" && b.hasPageList() {
		dc("source", "print-source", s)
		refine("print-source", "source-of", "pagination", "")
	}
	meta("dcterms:modified", b.opts.Modified.Format("2006-01-02T15:04:05Z"))
	b.accessibility(meta)
	if b.allAlt {
		// The claim needs every image described: withdrawn otherwise.
		b.conformance(x)
	}
	if b.cover != nil {
		x.raw("    <meta name=\"cover\"")
		x.attr("content", b.cover.id)
		x.raw("/>\n")
	}
	x.raw("  </metadata>\n")
}

// accessibility writes the schema.org accessibility metadata.
func (b *book) accessibility(meta func(property, value string)) {
	visual := len(b.images) > 0 || b.cover != nil
	meta("schema:accessMode", "textual")
	if visual {
		meta("schema:accessMode", "visual")
	}
	meta("schema:accessModeSufficient", "textual")
	for _, f := range []string{"tableOfContents", "readingOrder", "structuralNavigation"} {
		meta("schema:accessibilityFeature", f)
	}
	if b.hasPageList() {
		for _, f := range []string{"pageBreakMarkers", "pageNavigation", "printPageNumbers"} {
			meta("schema:accessibilityFeature", f)
		}
	}
	if len(b.images) > 0 && b.allAlt {
		meta("schema:accessibilityFeature", "alternativeText")
	}
	meta("schema:accessibilityHazard", "none")
	summary := "This publication has a navigable table of contents, structured headings and a logical reading order."
	switch {
	case len(b.images) > 0 && b.allAlt:
		summary += " Every image has a text alternative."
	case len(b.images) > 0:
		summary += " Some images have no text alternative."
	}
	meta("schema:accessibilitySummary", summary)
}

// conformance writes the accessibility conformance claim (EPUB
// Accessibility 1.1, WCAG 2.1 AA) and who makes it: the publisher, else the
// first author. The claim rests on what galley writes (language, structure,
// navigation, alternative text reported when missing) and on the checks its
// tests run (EPUBCheck, DAISY Ace).
func (b *book) conformance(x *xmlBuffer) {
	x.raw(`    <meta property="dcterms:conformsTo" id="conformance">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>` + "\n")
	by := strings.TrimSpace(b.d.Meta.Publisher)
	if by == "" {
		for _, a := range b.d.Meta.Authors {
			if a = strings.TrimSpace(a); a != "" {
				by = a
				break
			}
		}
	}
	if by != "" {
		x.raw(`    <meta refines="#conformance" property="a11y:certifiedBy">`)
		x.text(by)
		x.raw("</meta>\n")
	}
}

// item is one manifest entry.
type item struct {
	id, href, mediaType, properties string
}

// items lists the manifest in container order.
func (b *book) items() []item {
	const xhtml = "application/xhtml+xml"
	var out []item
	if b.cover != nil {
		out = append(out, item{"cover", coverName, xhtml, ""})
	}
	out = append(out, item{"title-page", titleName, xhtml, b.mathProperty(titleName)}, item{"nav", navName, xhtml, "nav"})
	for _, c := range b.chapters {
		out = append(out, item{c.id, c.name, xhtml, b.mathProperty(c.name)})
	}
	if b.hasEndnotes() {
		out = append(out, item{"notes", notesName, xhtml, b.mathProperty(notesName)})
	}
	for _, f := range b.appendixFiles {
		out = append(out, item{f.id, f.name, xhtml, b.mathProperty(f.name)})
	}
	out = append(out, item{"ncx", ncxName, "application/x-dtbncx+xml", ""}, item{"css", styleName, "text/css", ""})
	for _, f := range b.faces {
		out = append(out, item{f.id, f.href, "font/ttf", ""})
	}
	if b.cover != nil {
		out = append(out, item{b.cover.id, b.cover.href, b.cover.mediaType, "cover-image"})
	}
	if b.coverArt != nil {
		out = append(out, item{b.coverArt.id, b.coverArt.href, b.coverArt.mediaType, ""})
	}
	for _, r := range b.images {
		out = append(out, item{r.id, r.href, r.mediaType, ""})
	}
	return out
}

// mathProperty is the manifest property of the XHTML file name: mathml
// when it holds a formula, else none.
func (b *book) mathProperty(name string) string {
	if b.mathFiles[name] {
		return "mathml"
	}
	return ""
}

func (b *book) manifest(x *xmlBuffer) {
	x.raw("  <manifest>\n")
	for _, it := range b.items() {
		x.raw("    <item")
		x.attr("id", it.id)
		x.attr("href", it.href)
		x.attr("media-type", it.mediaType)
		if it.properties != "" {
			x.attr("properties", it.properties)
		}
		x.raw("/>\n")
	}
	x.raw("  </manifest>\n")
}

// spine lists the reading order: cover, title page, contents, chapters,
// appendix.
func (b *book) spine(x *xmlBuffer) {
	x.raw("  <spine toc=\"ncx\">\n")
	ref := func(id string) {
		x.raw("    <itemref")
		x.attr("idref", id)
		x.raw("/>\n")
	}
	if b.cover != nil {
		ref("cover")
	}
	ref("title-page")
	ref("nav")
	for _, c := range b.chapters {
		ref(c.id)
	}
	if b.hasEndnotes() {
		ref("notes")
	}
	for _, f := range b.appendixFiles {
		ref(f.id)
	}
	x.raw("  </spine>\n")
}
