package export

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/epub"
	"github.com/galley-pub/galley/export/layout"
)

// The EPUB's print page list comes from the PDF's layout: for each page,
// the words it starts with are found in the tree's text, and the place
// where they begin (a text node and a byte offset) is where the e-book
// puts that page's marker. The layout knows nothing of the EPUB and the
// EPUB nothing of the layout: only plain positions in the tree cross over.

// treeWord is a word of the tree's running text.
type treeWord struct {
	node   doc.Node // *doc.Text, *doc.Code or *doc.CodeBlock; nil for a note number
	offset int      // byte offset of the word in the node's text
	word   string   // lower-cased letters and digits
}

// confirmWords is how many words in a row must agree before a page is
// taken to start at a place in the tree: more than a heading usually has,
// so that a table-of-contents entry is not taken for the heading itself.
const confirmWords = 12

// nearWords is how far ahead of the previous page's start a short match
// (a page with fewer than confirmWords words) may be taken.
const nearWords = 400

// farWords is how far ahead of the previous page's start any match may be
// taken: a page holds far fewer words, and pages found nowhere (a full-page
// figure) leave only a few pages' worth of lag. It keeps the search linear
// in the book: without it a page whose first word is common ("the") was
// tried at every later occurrence.
const farWords = 50000

// printPages returns where each numbered page of the laid-out PDF starts
// in the tree. The first page starts at the title page when the document
// has a title (the PDF sets it there); a page whose words cannot be found
// falls back to its first heading or appendix anchor, or has no entry.
func printPages(d *doc.Document, ld *layout.Document) []epub.PageBreak {
	if d == nil || ld == nil {
		return nil
	}
	words := treeWords(d)
	index := make(map[string][]int, len(words)/16)
	for i, w := range words {
		index[w.word] = append(index[w.word], i)
	}
	var out []epub.PageBreak
	next := 0 // tree words before next belong to earlier pages
	first := true
	for _, pg := range ld.Pages {
		if pg.Label == "" {
			continue // the cover
		}
		if first && strings.TrimSpace(d.Meta.Title) != "" {
			first = false
			out = append(out, epub.PageBreak{Label: pg.Label})
			continue
		}
		first = false
		if top, ok := pageTop(pg); ok && top.Contents {
			// The page starts in the printed contents: the e-book's
			// contents (nav.xhtml) at the same entry, or at its top.
			out = append(out, epub.PageBreak{Label: pg.Label, Contents: true, Anchor: contentsEntry(pg, top)})
			continue
		}
		if k, ok := findPage(pageWords(pg), words, index, next); ok {
			for k < len(words)-1 && words[k].node == nil {
				k++ // a note number: the page's marker goes before the next word
			}
			out = append(out, epub.PageBreak{Label: pg.Label, Node: words[k].node, Offset: words[k].offset})
			next = k + 1
			continue
		}
		// Words not found: the node the page's first text sets (the
		// layout says which), at its start.
		if top, ok := pageTop(pg); ok && top.Src != nil {
			if n := firstTextNode(top.Src); n != nil {
				out = append(out, epub.PageBreak{Label: pg.Label, Node: n})
				continue
			}
		}
		for _, a := range pg.Anchors {
			if a.ID != "" && !strings.HasPrefix(a.ID, "fn-") {
				out = append(out, epub.PageBreak{Label: pg.Label, Anchor: a.ID})
				break
			}
		}
	}
	return out
}

// firstTextNode is the first text, code or code block under n, where a
// page-break marker can go.
func firstTextNode(n doc.Node) doc.Node {
	var found doc.Node
	doc.Inspect(n, func(c doc.Node) bool {
		if found != nil {
			return false
		}
		switch c.(type) {
		case *doc.Text, *doc.Code, *doc.CodeBlock:
			found = c
			return false
		}
		return true
	})
	return found
}

// findPage returns the tree word at which a page with the given words
// starts: the first place at or after next where the page's words, from
// one of its first words on, match the tree's word for word.
func findPage(page []string, words []treeWord, index map[string][]int, next int) (int, bool) {
	for i := range page {
		short := len(page)-i < confirmWords
		positions := index[page[i]]
		from := sort.SearchInts(positions, next)
		for _, k := range positions[from:] {
			if short && k-next > nearWords || k-next > farWords {
				break
			}
			if matches(page[i:], words, k) {
				return k, true
			}
		}
	}
	return 0, false
}

// matches reports whether the page's words, from the first on, agree with
// the tree's from word k: confirmWords of them, or all that are left. A
// number the tree does not have at that point (an ordered list's item
// number) is passed over, and two page words that make one tree word are
// a word hyphenated at the end of a line ("re-" and "lease").
func matches(page []string, words []treeWord, k int) bool {
	got := 0
	for i := 0; i < len(page); i++ {
		w := page[i]
		switch {
		case got == confirmWords:
			return true
		case k < len(words) && words[k].word == w:
			k++
			got++
		case k < len(words) && hyphenated(page, i, words[k].word):
			// The next page word that is not a number (a list item's
			// number, drawn after its first line) ends the word.
			k++
			got++
			i++
			for i < len(page) && isNumber(page[i]) {
				i++
			}
		case got > 0 && isNumber(w):
		default:
			return false
		}
	}
	return got > 0
}

// hyphenated reports whether page[i] and the next page word that is not a
// number make the tree word w: a word hyphenated at the end of a line.
func hyphenated(page []string, i int, w string) bool {
	j := i + 1
	for j < len(page) && isNumber(page[j]) {
		j++
	}
	return j < len(page) && w == page[i]+page[j]
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// pageTexts returns the texts of a page in drawing order, without the
// running head and footer: the texts of no node (the layout marks
// them so), or for pages laid out without nodes, those drawn last, above
// and below the text.
func pageTexts(pg *layout.Page) []*layout.Text {
	var texts, set []*layout.Text
	for _, it := range pg.Items {
		if t, ok := it.(*layout.Text); ok {
			texts = append(texts, t)
			if t.Src != nil || t.Contents {
				set = append(set, t)
			}
		}
	}
	if len(set) > 0 {
		return set
	}
	if n := len(texts); n > 0 {
		top, foot := texts[0].Y, texts[n-1].Y
		for n > 0 && (texts[n-1].Y == foot || texts[n-1].Y < top) {
			n--
		}
		texts = texts[:n]
	}
	return texts
}

// pageTop returns the first text of a page, if it has any.
func pageTop(pg *layout.Page) (*layout.Text, bool) {
	texts := pageTexts(pg)
	if len(texts) == 0 {
		return nil, false
	}
	return texts[0], true
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

// pageWords returns the words of a page's body text in drawing order:
// not the running head and footer, nor the printed contents.
func pageWords(pg *layout.Page) []string {
	var out []string
	for _, t := range pageTexts(pg) {
		if !t.Contents {
			splitWords(t.Text, func(_ int, w string) { out = append(out, w) })
		}
	}
	return out
}

// treeWords returns the words of the document's body in reading order:
// its blocks, without footnotes (set at the foot of the page in print, at
// the end of the chapter in the e-book), then the further-reading
// appendix, whose titles and entries are words of their node at offset 0:
// a page that starts there starts at that title or entry.
func treeWords(d *doc.Document) []treeWord {
	var out []treeWord
	add := func(n doc.Node, s string) {
		splitWords(s, func(off int, w string) { out = append(out, treeWord{node: n, offset: off, word: w}) })
	}
	for _, bl := range d.Blocks {
		doc.Inspect(bl, func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.FootnoteDef:
				return false
			case *doc.FootnoteRef:
				// its number is printed, but no marker can go inside it
				out = append(out, treeWord{word: strconv.Itoa(n.Number)})
			case *doc.Text:
				add(n, n.Value)
			case *doc.Code:
				add(n, n.Value)
			case *doc.CodeBlock:
				add(n, n.Text)
			}
			return true
		})
	}
	whole := func(n doc.Node, s string) {
		splitWords(s, func(_ int, w string) { out = append(out, treeWord{node: n, word: w}) })
	}
	if a := d.Appendix; a != nil {
		whole(a, a.Title)
		for _, g := range a.Groups {
			whole(g, g.Title)
			for _, r := range g.Entries {
				whole(r, layout.ReferenceText(r))
			}
		}
	}
	return out
}

// splitWords calls f with the byte offset and lower-cased text of each run
// of letters and digits in s.
func splitWords(s string, f func(offset int, word string)) {
	start := -1
	for i := 0; i <= len(s); {
		size := 1
		var inWord bool
		switch {
		case i == len(s):
		case s[i] < utf8.RuneSelf: // ASCII, nearly all of most books: no tables
			c := s[i]
			inWord = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			inWord = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			f(start, strings.ToLower(s[start:i]))
			start = -1
		}
		i += size
	}
}
