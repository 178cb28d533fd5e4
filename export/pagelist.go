package export

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/epub"
	"github.com/galley-pub/galley/export/layout"
)

// The EPUB's print page list comes from the PDF's layout: every text the
// layout sets carries its origin, the place in the tree where it begins
// (a text node and a byte offset), and a page starts at the earliest
// origin among its texts. That place is where the e-book puts the page's
// marker. The layout knows nothing of the EPUB and the EPUB nothing of the
// layout: only plain positions in the tree cross over.

// pageLister lists where each numbered page of the laid-out PDF starts
// in the tree (breaks), a page at a time, as the pages are laid out (and
// before they are drawn, which lets go of their texts). The first page
// starts at the title page when the document has a title (the PDF sets
// it there); a page that starts in the printed contents starts in the
// e-book's; a page whose texts have no origin (a full-page figure) falls
// back to its first heading or appendix anchor, or has no entry.
type pageLister struct {
	title  bool                    // the document has a title: the first page starts at it
	order  func() map[doc.Node]int // the reading order, waited for at the first page that needs it
	first  bool                    // no numbered page listed yet
	breaks []epub.PageBreak
}

// newPageLister returns a lister of d's pages; order gives d's
// readingOrder, which the build makes while the pages are laid out.
func newPageLister(d *doc.Document, order func() map[doc.Node]int) *pageLister {
	if d == nil {
		return &pageLister{}
	}
	return &pageLister{title: strings.TrimSpace(d.Meta.Title) != "", order: order, first: true}
}

// add lists where the next page starts, if it is numbered and starts
// anywhere.
func (l *pageLister) add(pg *layout.Page) {
	if pg.Label == "" || l.order == nil {
		return // the cover, or no document
	}
	if l.first && l.title {
		l.first = false
		l.breaks = append(l.breaks, epub.PageBreak{Label: pg.Label})
		return
	}
	l.first = false
	if top, ok := pageTop(pg); ok && top.Contents {
		// The page starts in the printed contents: the e-book's
		// contents (nav.xhtml) at the same entry, or at its top.
		l.breaks = append(l.breaks, epub.PageBreak{Label: pg.Label, Contents: true, Anchor: contentsEntry(pg, top)})
		return
	}
	if o, ok := pageStart(pg, l.order()); ok {
		l.breaks = append(l.breaks, epub.PageBreak{Label: pg.Label, Node: o.Node, Offset: o.Offset})
		return
	}
	for _, a := range pg.Anchors {
		if a.ID != "" && !strings.HasPrefix(a.ID, "fn-") {
			l.breaks = append(l.breaks, epub.PageBreak{Label: pg.Label, Anchor: a.ID})
			return
		}
	}
}

// readingOrder numbers the nodes a text's origin can name in the order the
// e-book reads them: the text nodes of the body (not its footnotes, which
// print sets at the foot of a page and the e-book at the end of a
// chapter), then the further-reading appendix, its groups and entries.
func readingOrder(d *doc.Document) map[doc.Node]int {
	order := map[doc.Node]int{}
	add := func(n doc.Node) { order[n] = len(order) }
	for _, bl := range d.Blocks {
		doc.Inspect(bl, func(n doc.Node) bool {
			switch n.(type) {
			case *doc.FootnoteDef:
				return false
			case *doc.Text, *doc.Code, *doc.CodeBlock:
				add(n)
			}
			return true
		})
	}
	if a := d.Appendix; a != nil {
		add(a)
		for _, g := range a.Groups {
			add(g)
			for _, r := range g.Entries {
				add(r)
			}
		}
	}
	return order
}

// pageStart returns the earliest origin of a page's texts in reading
// order: where the page starts. Texts of no node in order (furniture,
// labels, footnotes) do not count.
func pageStart(pg *layout.Page, order map[doc.Node]int) (layout.Origin, bool) {
	var best layout.Origin
	bestAt := -1
	var last doc.Node // the node looked up last, whose words come one after another
	lastAt, lastOK := 0, false
	consider := func(o layout.Origin) {
		if o.Node == nil {
			return
		}
		at, ok := lastAt, lastOK
		if o.Node != last {
			at, ok = order[o.Node]
			last, lastAt, lastOK = o.Node, at, ok
		}
		if ok && (bestAt < 0 || at < bestAt || at == bestAt && o.Offset < best.Offset) {
			best, bestAt = o, at
		}
	}
	for it := range layout.Flat(pg.Items) {
		switch t := it.(type) {
		case *layout.Text:
			if !t.Contents {
				consider(t.Origin)
			}
		case *layout.Words:
			if !t.Contents {
				for i := range t.Len() {
					consider(t.Origin(i))
				}
			}
		}
	}
	return best, bestAt >= 0
}

// pageTop returns the first text a page sets of the document or of its
// printed contents (not its running head or footer, which are of no node),
// if it has any.
func pageTop(pg *layout.Page) (*layout.Text, bool) {
	for it := range layout.Flat(pg.Items) {
		switch t := it.(type) {
		case *layout.Text:
			if t.Src != nil || t.Contents {
				return t, true
			}
		case *layout.Words:
			if (t.Src != nil || t.Contents) && t.Len() > 0 {
				first := t.Text(0)
				return &first, true
			}
		}
	}
	return nil, false
}

// contentsEntry returns the id of the heading whose contents entry holds
// the text top (its link covers it), or "" for the contents' own heading.
func contentsEntry(pg *layout.Page, top *layout.Text) string {
	for _, l := range pg.Links {
		if l.Dest != "" && top.X >= l.X && top.X < l.X+l.W && top.Y >= l.Y && top.Y <= l.Y+l.H {
			return l.Dest
		}
	}
	return ""
}
