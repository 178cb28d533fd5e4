package passes

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// footnoteID matches the ids the renderers give to footnotes and to the
// references pointing at them: fn-3, fnref-3, fnref-3-2 (the second
// reference to note 3).
var footnoteID = regexp.MustCompile(`^fn-[0-9]+$|^fnref-[0-9]+(-[0-9]+)?$`)

// IsReservedID reports whether id belongs to the renderers and passes (the
// appendix and its groups, the works cited among them ("refs"), footnotes and their references, the contents,
// the cover and the title page) and so is never given to a heading.
func IsReservedID(id string) bool {
	switch id {
	case "further-reading", "recommended-reading", "links-cited", "refs", "toc", "cover", "title-page":
		return true
	}
	return footnoteID.MatchString(id)
}

// AssignHeadingIDs gives every heading of d a unique fragment id, headings
// inside callouts, quotes, list items and notes included. Explicit ids
// (`{#id}`, on headings or any other node) are taken first, in document
// order; one that is reserved or already taken is reported and made unique
// with a suffix. Every other heading gets an id made from its text by Slug,
// with "-1", "-2", … added when that is taken: the second "Intro" becomes
// "intro-1". The document's links to an id it gave that galley reserves
// (a README's "## <a name='toc'>Table of Contents</a>" and its "#toc"
// links) follow it to the id it gets.
func AssignHeadingIDs(d *doc.Document, diags *diag.List) {
	used := map[string]bool{}
	moved := map[string]string{} // a reserved id the document gave → the id it gets
	var generate []*doc.Heading
	var byText []*doc.Link // links a reader made to a heading it found by its text
	doc.Inspect(d, func(n doc.Node) bool {
		if l, ok := n.(*doc.Link); ok && strings.HasPrefix(l.URL, doc.HeadingRefPrefix) {
			byText = append(byText, l)
		}
		a := doc.AttrOf(n)
		if a == nil {
			return true
		}
		if a.ID == "" {
			if h, ok := n.(*doc.Heading); ok {
				generate = append(generate, h)
			}
			return true
		}
		if used[a.ID] || IsReservedID(a.ID) {
			id := unique(a.ID, used)
			why, links := "is already in use", ""
			if IsReservedID(a.ID) {
				why = "is reserved"
				if follow(a.ID, moved) {
					moved[a.ID] = id
					links = ", and the links to it follow"
				}
			}
			diags.Warnf(n.Position(), "id %q %s; using %q%s", a.ID, why, id, links)
			a.ID = id
		}
		used[a.ID] = true
		return true
	})
	for _, h := range generate {
		slug := Slug(idText(h.Content))
		h.Attr.ID = unique(slug, used)
		used[h.Attr.ID] = true
		if IsReservedID(slug) && follow(slug, moved) {
			moved[slug] = h.Attr.ID
		}
	}
	headingLinks(d, byText)
	if len(moved) == 0 {
		return
	}
	doc.Inspect(d, func(n doc.Node) bool {
		if l, ok := n.(*doc.Link); ok {
			if frag, internal := strings.CutPrefix(l.URL, "#"); internal && moved[frag] != "" {
				l.URL = "#" + moved[frag]
			}
		}
		return true
	})
}

// headingLinks makes each of links, which a reader gave the position of
// a heading it found by the heading's text (doc.HeadingRefPrefix), a link
// to that heading's id: the first heading at that position. A heading
// gone from the tree since (it has no id to go to) leaves its link to
// the heading the link's text makes an id of, which CheckLinks reports
// when there is none.
func headingLinks(d *doc.Document, links []*doc.Link) {
	if len(links) == 0 {
		return
	}
	at := map[string]string{} // a heading's position → its id
	doc.Inspect(d, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok {
			if p := h.Pos.String(); at[p] == "" {
				at[p] = h.Attr.ID
			}
		}
		return true
	})
	for _, l := range links {
		id, ok := at[strings.TrimPrefix(l.URL, doc.HeadingRefPrefix)]
		if !ok {
			id = Slug(idText(l.Content))
		}
		l.URL = "#" + id
	}
}

// follow reports whether the document's links to a reserved id it gave
// follow the id to the one it gets: the first time it gives it, and not a
// footnote's (fn-1), which galley's own notes may hold.
func follow(id string, moved map[string]string) bool {
	return moved[id] == "" && !footnoteID.MatchString(id)
}

// idText is the text a heading's id is made of: its plain text, but an
// emoji written as a shortcode (doc.EmojiClass) gives its name, as GitHub
// and mdBook make ids ("## :tada: News" is #tada-news).
func idText(content []doc.Inline) string {
	var b strings.Builder
	for _, in := range content {
		switch n := in.(type) {
		case *doc.Span:
			if name, ok := n.EmojiName(); ok {
				b.WriteString(name)
			} else {
				b.WriteString(idText(n.Content))
			}
		case *doc.Emphasis:
			b.WriteString(idText(n.Content))
		case *doc.Strong:
			b.WriteString(idText(n.Content))
		case *doc.Strikethrough:
			b.WriteString(idText(n.Content))
		case *doc.Link:
			b.WriteString(idText(n.Content))
		default:
			b.WriteString(doc.PlainText([]doc.Inline{in}))
		}
	}
	return b.String()
}

// unique returns base, or else base-1, base-2, …: the first that is
// neither used nor reserved. A base shaped like a footnote id, which no
// suffix can free, gets the "s-" prefix first.
func unique(base string, used map[string]bool) string {
	if footnoteID.MatchString(base) {
		base = NamePrefix + base
	}
	id := base
	for i := 1; used[id] || IsReservedID(id); i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	return id
}

// Slug turns heading text into an id the way GitHub and mdBook do, so
// that links written for them work: it lower-cases the text, keeps
// letters, digits and combining marks of every script (so "Hà Nội" gives
// "hà-nội"), the underscore, the hyphen and the zero-width joiners, turns
// each space into a hyphen, and drops other punctuation, symbols and
// spaces ("Where's the `->` operator?" gives "wheres-the---operator"; a
// no-break space goes, as on GitHub). The text's ends are trimmed of
// spaces first. The result is a valid XML NCName, as EPUB requires: one
// that would start with a digit or a hyphen (or any other character a name
// cannot start with) gets the prefix "s-" (NamePrefix), and an empty one
// is "section".
func Slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case keepInSlug(r) || r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-') // other spaces (a no-break space, &nbsp;) are dropped, as GitHub drops them
		}
	}
	s := b.String()
	if s == "" {
		return "section"
	}
	if first := []rune(s)[0]; unicode.IsDigit(first) || !isNameStartChar(first) {
		s = NamePrefix + s
	}
	return s
}

// NamePrefix starts an id that would otherwise not be an XML name (one
// starting with a digit or a hyphen): "1-intro" is "s-1-intro".
const NamePrefix = "s-"

// keepInSlug reports whether r is kept in a generated id: a letter, digit,
// combining mark, underscore or joiner that XML allows in a name. The
// zero-width non-joiner and joiner (U+200C, U+200D) are kept as GitHub
// keeps them (its ids keep Ruby's \p{Word}, which has them): Persian
// writes "نرم‌افزار" with one, and links to its headings carry it.
func keepInSlug(r rune) bool {
	if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '\u200c' || r == '\u200d') {
		return false
	}
	return isNameStartChar(r) || isNameChar(r)
}

// isNameStartChar reports whether r may start an XML name (XML 1.0, fifth
// edition, production [4]; the colon is left out, as NCName requires).
func isNameStartChar(r rune) bool {
	switch {
	case r == '_', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		return true
	case 0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x2FF,
		0x370 <= r && r <= 0x37D, 0x37F <= r && r <= 0x1FFF, 0x200C <= r && r <= 0x200D,
		0x2070 <= r && r <= 0x218F, 0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD, 0x10000 <= r && r <= 0xEFFFF:
		return true
	}
	return false
}

// isNameChar reports whether r may follow the first character of an XML
// name (production [4a]).
func isNameChar(r rune) bool {
	switch {
	case isNameStartChar(r), r == '-', r == '.', '0' <= r && r <= '9', r == 0xB7:
		return true
	case 0x300 <= r && r <= 0x36F, 0x203F <= r && r <= 0x2040:
		return true
	}
	return false
}
