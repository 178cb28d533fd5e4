package passes

import (
	"cmp"
	"slices"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
)

// BuildAppendix sets d.Appendix to the further-reading appendix: the front
// matter's further_reading entries ("Recommended reading"), then one entry
// per distinct external URL cited in the text ("Links cited"), titled in
// the document's language (package l10n), in order of
// first citation. A cited URL that a further-reading entry already names is
// not listed twice: the citation is added to that entry. A cited entry's
// title is the link's plain text, or its URL when the text is only the URL
// (an autolink). Every entry's Cited lists where the URL is cited. Empty
// groups are left out; the appendix is nil when both are empty.
func BuildAppendix(d *doc.Document) { buildAppendix(d, true) }

// buildAppendix is BuildAppendix, the links cited listed when cited is
// set (a reference cited in the text still has its citations).
func buildAppendix(d *doc.Document, cited bool) {
	d.Appendix = nil
	words := l10n.For(d.Meta.Lang) // the titles, in the document's language
	byURL := map[string]*doc.Reference{}
	for _, r := range d.Meta.FurtherReading {
		if r == nil {
			continue
		}
		r.Cited = nil
		if r.URL != "" {
			byURL[r.URL] = r
		}
	}
	var links []*doc.Reference
	urls := urlChecks{}
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Link:
			if !urls.followable(n.URL) {
				return true
			}
			if r := byURL[n.URL]; r != nil {
				r.Cited = append(r.Cited, n.Pos)
				return true
			}
			title := strings.TrimSpace(doc.PlainText(n.Content))
			if isURLText(title, n.URL) {
				title = n.URL
			}
			r := &doc.Reference{Pos: n.Pos, Title: title, URL: n.URL, Cited: []doc.Pos{n.Pos}}
			byURL[n.URL] = r
			links = append(links, r)
		case *doc.Appendix:
			return false
		}
		return true
	})

	var groups []*doc.ReferenceGroup
	if works := citedWorks(d.Meta.References); len(works) > 0 {
		groups = append(groups, &doc.ReferenceGroup{
			Pos:        works[0].Pos,
			Attr:       doc.Attr{ID: "refs"}, // pandoc's bibliography's
			Title:      words.References,
			Entries:    works,
			AuthorDate: true,
		})
	}
	if len(d.Meta.FurtherReading) > 0 {
		groups = append(groups, &doc.ReferenceGroup{
			Pos:     firstPos(d.Meta.Pos, d.Meta.FurtherReading),
			Attr:    doc.Attr{ID: "recommended-reading"},
			Title:   words.RecommendedReading,
			Entries: d.Meta.FurtherReading,
		})
	}
	if cited && len(links) > 0 {
		groups = append(groups, &doc.ReferenceGroup{
			Pos:     links[0].Pos,
			Attr:    doc.Attr{ID: "links-cited"},
			Title:   words.LinksCited,
			Entries: links,
		})
	}
	if len(groups) == 0 {
		return
	}
	d.Appendix = &doc.Appendix{
		Pos:    groups[0].Pos,
		Attr:   doc.Attr{ID: "further-reading"},
		Title:  words.FurtherReading,
		Groups: groups,
	}
}

// isURLText reports whether a link's text is only its URL, as in an
// autolink: the URL itself, or the URL without its scheme
// (www.example.org for http://www.example.org, an address for mailto:).
func isURLText(text, url string) bool {
	if text == "" || text == url {
		return true
	}
	i := strings.Index(url, ":")
	rest := strings.TrimPrefix(url[i+1:], "//")
	return strings.EqualFold(text, rest)
}

// firstPos is p when it is known, else the position of the first entry.
func firstPos(p doc.Pos, refs []*doc.Reference) doc.Pos {
	if p.IsValid() || len(refs) == 0 {
		return p
	}
	return refs[0].Pos
}

// citedWorks are the references the text cites (Citations), in the order
// of an author-date list: by the names citations give them, then year,
// then title.
func citedWorks(refs []*doc.Reference) []*doc.Reference {
	var out []*doc.Reference
	for _, r := range refs {
		if r != nil && len(r.Citations) > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b *doc.Reference) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Author), strings.ToLower(b.Author)), cmp.Compare(a.Year, b.Year), cmp.Compare(a.Title, b.Title))
	})
	return out
}
