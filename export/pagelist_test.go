package export

import (
	"html"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/internal/bookgen"
	"github.com/galley-pub/galley/internal/validate"
)

const testBook = "testdata/book/book.md"

var (
	pageListNav = regexp.MustCompile(`(?s)<nav epub:type="page-list"[^>]*>.*?</nav>`)
	pageEntry   = regexp.MustCompile(`<li><a href="([^"#]+)#([^"]+)">([^<]+)</a></li>`)
	markupTag   = regexp.MustCompile(`<[^>]*>`)
)

// wordsOf returns the lower-cased words of XHTML (tags dropped, character
// references resolved) or of pdftotext output, as the page list sees them.
func wordsOf(s string) []string {
	s = html.UnescapeString(markupTag.ReplaceAllString(s, " "))
	var out []string
	splitWords(s, func(_ int, w string) { out = append(out, w) })
	return out
}

// containsRun reports whether words holds run as consecutive words,
// numbers aside: the print edition has the numbers of ordered lists as
// text, the e-book as the list's markup.
func containsRun(words, run []string) bool {
	isNumber := func(w string) bool { return strings.Trim(w, "0123456789") == "" }
	words = slices.DeleteFunc(slices.Clone(words), isNumber)
	run = slices.DeleteFunc(slices.Clone(run), isNumber)
	if len(run) == 0 {
		return true
	}
	// pdftotext joins a word broken after its own hyphen at the end of a
	// line ("zero-" "copy" → "zerocopy"): hyphens are compared away.
	join := func(ws []string) string { return strings.ReplaceAll(strings.Join(ws, " "), "-", "") }
	for i := 0; i+len(run) <= len(words); i++ {
		// The run may end inside a word the PDF joined.
		if strings.HasPrefix(join(words[i:i+len(run)]), join(run)) {
			return true
		}
	}
	return false
}

// checkPageList builds src, then checks the EPUB's page list against the
// PDF: one entry per page, in order, and at each page-break marker the
// next words of the e-book are on that page of the PDF (pdftotext -f N -l
// N), while the words just before it, in the same file, are on the page
// before.
// It returns the EPUB's path.
func checkPageList(t *testing.T, src string) string {
	validate.RequireTool(t, "pdftotext")
	dir := t.TempDir()
	res, err := newBuilder(t).Build(src, testOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(filepath.Base(src), ".md")
	pdfPath := filepath.Join(dir, base+".pdf")
	files := readZip(t, filepath.Join(dir, base+".epub"))
	nav := pageListNav.Find(files["EPUB/nav.xhtml"])
	if nav == nil {
		t.Fatalf("%s: the EPUB's nav has no page list", res.Input)
	}
	entries := pageEntry.FindAllSubmatch(nav, -1)
	contents := 0 // pages that start in the printed contents
	defer func() { t.Logf("%d pages, %d of them starting in the contents", len(entries), contents) }()
	pages := pdfPages(t, pdfPath)
	if len(entries) != len(pages) {
		listed := map[string]bool{}
		for _, e := range entries {
			listed[string(e[3])] = true
		}
		var missing []int
		for n := 1; n <= len(pages); n++ {
			if !listed[strconv.Itoa(n)] {
				missing = append(missing, n)
			}
		}
		t.Errorf("page list has %d entries, the PDF %d pages; missing: %v", len(entries), len(pages), missing)
	}
	for i, e := range entries {
		file, id, label := string(e[1]), string(e[2]), string(e[3])
		if want := strconv.Itoa(i + 1); label != want {
			t.Errorf("page-list entry %d is %q, want %q", i+1, label, want)
			continue
		}
		n := i + 1
		xhtml := string(files["EPUB/"+file])
		at := strings.Index(xhtml, `id="`+id+`"`)
		if at < 0 {
			t.Errorf("page %s: %s has no element with id %q", label, file, id)
			continue
		}
		if file == "nav.xhtml" {
			// A page of the printed contents: its marker is in the
			// contents' heading, or first in the link of the entry the
			// page starts with, whose title is on that page (a navigation
			// list's items hold nothing but a link and a list).
			start := strings.LastIndex(xhtml[:at], "<")
			marker := strings.HasPrefix(xhtml[start:], `<span epub:type="pagebreak" role="doc-pagebreak"`)
			before := xhtml[strings.LastIndex(xhtml[:start], "<"):start]
			contents++
			if marker && strings.HasPrefix(before, "<h1>") {
				continue
			}
			title := wordsOf(xhtml[at+strings.Index(xhtml[at:], ">")+1 : at+strings.Index(xhtml[at:], "</a>")])
			if !marker || !strings.HasPrefix(before, "<a ") || len(title) == 0 || !containsRun(pages[n-1], title) {
				t.Errorf("page %s: nav.xhtml#%s is not a page-break marker in the heading, or in a contents entry whose title is on page %d of the PDF: %.120s", label, id, n, xhtml[strings.LastIndex(xhtml[:start], "<"):])
			}
			continue
		}
		start := strings.LastIndex(xhtml[:at], "<")
		if !strings.HasPrefix(xhtml[start:], `<span epub:type="pagebreak" role="doc-pagebreak"`) {
			t.Errorf("page %s: %s#%s is not a page-break marker: %.80s", label, file, id, xhtml[start:])
		}
		after := wordsOf(xhtml[at+strings.Index(xhtml[at:], ">")+1:])
		after = after[:min(len(after), 6)]
		if len(after) == 0 || !containsRun(pages[n-1], after) {
			t.Errorf("page %s starts in the EPUB with %q, which is not on page %d of the PDF", label, after, n)
		}
		body := xhtml[strings.Index(xhtml, "<body>"):start]
		if before := wordsOf(body); n > 1 && len(before) > 0 {
			before = before[max(0, len(before)-6):]
			prev := pages[n-2]
			lastAt := len(before) - 1
			for lastAt > 0 && strings.Trim(before[lastAt], "0123456789") == "" {
				lastAt-- // a footnote number after the word
			}
			last := before[lastAt]
			for _, w := range pages[n-1][:min(len(pages[n-1]), 6)] { // the running head, then the page's first word
				w = strings.TrimRight(w, "0123456789")
				if lastAt > 0 && w != last && len(w) > 1 && strings.HasSuffix(last, w) {
					// A word hyphenated across the pages: the marker goes
					// after it (and its footnote number), and pdftotext
					// runs its first part into the footer or a footnote.
					before = before[:lastAt]
					break
				}
			}
			if !containsRun(prev, before) {
				t.Errorf("page %s: the EPUB's words before the marker, %q, are not on page %d of the PDF", label, before, n-1)
			}
		}
	}
	return filepath.Join(dir, base+".epub")
}

// pdfPages returns the words of each page of the PDF.
func pdfPages(t *testing.T, path string) [][]string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	var words [][]string
	for _, p := range pages {
		w := wordsOf(html.EscapeString(p))
		if n := len(w); n >= 4 && w[n-4] == "page" && w[n-2] == "of" {
			w = w[:n-4] // the running footer, "Page N of M"
		}
		words = append(words, w)
	}
	return words
}

// TestSeedPageList checks the seed's page list against its PDF.
func TestSeedPageList(t *testing.T) { checkPageList(t, seed) }

// TestBookPageList checks the page list of the six-page test book, whose
// pages start mid-paragraph, at a heading, after a table and at the
// appendix.
func TestBookPageList(t *testing.T) { checkPageList(t, testBook) }

// TestLongBookPageList checks the page list of a generated book whose
// printed contents fill several pages: those pages point into the e-book's
// contents, in order (EPUBCheck's NAV-011 once caught them matched to
// headings of chapter 1, out of order), and the book passes EPUBCheck.
func TestLongBookPageList(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	dir := t.TempDir()
	if _, err := bookgen.Write(dir, "long.md", 0.3); err != nil {
		t.Fatal(err)
	}
	epubPath := checkPageList(t, filepath.Join(dir, "long.md"))
	validate.EPUBCheck(t, epubPath)
}

// TestPrintPagesUnit lays out nothing: it gives the page lister a
// hand-made layout. Its second page starts mid-sentence: a running head, a footnote
// and a list number come first but are in no text node, and the page's
// texts are drawn right to left, so the last-drawn text is the earliest.
// Its third page has only an appendix anchor.
func TestPrintPagesUnit(t *testing.T) {
	t.Parallel()
	first := &doc.Text{Value: "Alpha beta gamma delta."}
	second := &doc.Text{Value: "Epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma."}
	note := &doc.Text{Value: "A note."}
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{first}},
		&doc.List{Kind: doc.OrderedList, Start: 1, Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{second}}}}}},
		&doc.FootnoteDef{Label: "1", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{note}}}},
	}}
	text := func(y float64, s string, n doc.Node, off int) layout.Item {
		return &layout.Text{Y: y, Text: s, Origin: layout.Origin{Node: n, Offset: off}}
	}
	at := func(s string) int { return strings.Index(second.Value, s) }
	pages := []layout.Page{
		{Label: "1", Items: []layout.Item{text(100, "T", nil, 0), text(120, "Alpha beta gamma delta.", first, 0), text(140, "1.", nil, 0), text(140, "Epsilon zeta", second, 0)}},
		{Label: "2", Items: []layout.Item{text(40, "T", nil, 0), text(700, "A note.", note, 0), text(100, "1.", nil, 0),
			text(100, "kappa lambda", second, at("kappa")), text(100, "eta theta iota", second, at("eta")), text(112, "mu nu xi omicron pi rho sigma.", second, at("mu"))}},
		{Label: "3", Items: []layout.Item{text(100, "Further reading", nil, 0), text(800, "Page 3 of 3", nil, 0)}, Anchors: []layout.Anchor{{ID: "fn-1"}, {ID: "further-reading"}}},
	}
	l := newPageLister(d, func() map[doc.Node]int { return readingOrder(d) })
	for i := range pages {
		l.add(&pages[i])
	}
	got := l.breaks
	if len(got) != 3 {
		t.Fatalf("got %d page breaks, want 3: %+v", len(got), got)
	}
	if got[0].Label != "1" || got[0].Node != nil || got[0].Anchor != "" {
		t.Errorf("page 1 = %+v, want the title page", got[0])
	}
	if got[1].Label != "2" || got[1].Node != second || got[1].Offset != at("eta") {
		t.Errorf("page 2 = %+v, want %q at \"eta\"", got[1], second.Value)
	}
	if got[2].Label != "3" || got[2].Anchor != "further-reading" {
		t.Errorf("page 3 = %+v, want the further-reading anchor", got[2])
	}
}

// TestSplitWords: runs of letters, digits and combining marks, lower-cased,
// with their byte offsets, in ASCII and beyond.
func TestSplitWords(t *testing.T) {
	t.Parallel()
	var got []string
	splitWords("Hello, wörld! naïve_x2 Cafe\u0301 ΑΘΗΝΑ 1.5", func(off int, w string) {
		got = append(got, strconv.Itoa(off)+":"+w)
	})
	want := "0:hello 7:wörld 15:naïve 22:x2 25:cafe\u0301 32:αθηνα 43:1 45:5"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, " "), want)
	}
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
