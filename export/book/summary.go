package book

import (
	"net/url"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/markdown"
)

// readSummary reads an mdBook-style SUMMARY.md: an optional YAML front
// matter (the book's metadata), a title heading, links before the first
// list (prefix chapters: the front matter of the book), a list of links,
// nested for sub-chapters (the numbered body), and links after the list
// (suffix chapters: the appendix). Part titles (later headings) and
// separators (---) are accepted and ignored; a link without a target (a
// draft chapter, `[Later]()`) is skipped. A list item of text with no
// link (GitBook's group of the chapters listed under it) is a title's
// page, a part's.
func readSummary(file string, src []byte, diags *diag.List) (doc.Meta, []Chapter) {
	d := markdown.Parse(file, src, diags)
	meta := d.Meta
	if !meta.Pos.IsValid() {
		meta.Pos = d.Pos
	}
	var chapters []Chapter
	seenList := false
	for _, blk := range d.Blocks {
		switch blk := blk.(type) {
		case *doc.Heading:
			if title := doc.PlainText(blk.Content); meta.Title == "" && blk.Level == 1 && !listHeading(title) {
				meta.Title = title
			}
		case *doc.Paragraph:
			part := Front
			if seenList {
				part = Appendix
			}
			for _, l := range links(blk.Content) {
				chapters = appendLink(chapters, l, part, 0)
			}
		case *doc.List:
			seenList = true
			chapters = summaryList(chapters, blk, 0, diags)
		case *doc.ThematicBreak:
		case *doc.RawHTML:
			if !onlyComments(blk.HTML) {
				diags.Warnf(blk.Position(), "SUMMARY.md: only headings, links and lists of links are read; this block is ignored")
			}
		default:
			diags.Warnf(blk.Position(), "SUMMARY.md: only headings, links and lists of links are read; this block is ignored")
		}
	}
	return meta, chapters
}

// listHeading reports the headings that name the list and not the book:
// mdBook's "Summary" and GitBook's "Table of contents".
func listHeading(title string) bool {
	title = strings.TrimSpace(title)
	return strings.EqualFold(title, "summary") || strings.EqualFold(title, "table of contents") || strings.EqualFold(title, "contents")
}

// summaryList adds the chapters of a (nested) list of links.
func summaryList(chapters []Chapter, l *doc.List, depth int, diags *diag.List) []Chapter {
	for _, it := range l.Items {
		for _, blk := range it.Blocks {
			switch blk := blk.(type) {
			case *doc.Paragraph:
				ls := links(blk.Content)
				if title := strings.TrimSpace(doc.PlainText(blk.Content)); len(ls) == 0 && title != "" {
					// GitBook's group of chapters, titled: a part's page.
					chapters = append(chapters, Chapter{Part: Body, Title: title, Depth: depth, Pos: blk.Pos})
				}
				for _, lk := range ls {
					chapters = appendLink(chapters, lk, Body, depth)
				}
			case *doc.List:
				chapters = summaryList(chapters, blk, depth+1, diags)
			}
		}
	}
	return chapters
}

func appendLink(chapters []Chapter, l *doc.Link, part Part, depth int) []Chapter {
	if strings.TrimSpace(l.URL) == "" {
		return chapters // a draft chapter
	}
	file := l.URL
	if u, err := url.PathUnescape(file); err == nil {
		file = u // a link's "Other%20note.md" is the file "Other note.md"
	}
	return append(chapters, Chapter{Part: part, File: file, Title: doc.PlainText(l.Content), Depth: depth, Pos: l.Pos})
}

// links returns the links of a run of inlines, outermost only.
func links(in []doc.Inline) []*doc.Link {
	var out []*doc.Link
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Link:
			out = append(out, n)
		case *doc.Emphasis:
			out = append(out, links(n.Content)...)
		case *doc.Strong:
			out = append(out, links(n.Content)...)
		}
	}
	return out
}

// onlyComments reports raw HTML that holds nothing but comments, which
// mdBook skips as a browser does: a translated book's SUMMARY.md keeps the
// original's chapter list in them (rust-lang-ja/book-ja has 27).
func onlyComments(html string) bool {
	rest := strings.TrimSpace(html)
	for rest != "" {
		body, ok := strings.CutPrefix(rest, "<!--")
		if !ok {
			return false
		}
		_, after, ok := strings.Cut(body, "-->")
		if !ok {
			return false
		}
		rest = strings.TrimSpace(after)
	}
	return true
}
