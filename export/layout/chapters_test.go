package layout

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// TestChaptersAsOneFlow lays a long document out in one part and cut
// into parts at nearly every chapter, set on goroutines of their own,
// with its appendix and footnotes (the back matter) on one more: the
// pages, warnings and line statistics must be the same. The document has
// what the joins must get right: a part's title followed at once by a
// chapter's (on pages of their own: the chapter must not start another
// page), lead-ins ending with a colon before a chapter, images met first
// in a later part or again in several, an image in a footnote and QR
// codes in the appendix (numbered after the chapters' images), and a
// document that ends with a heading before its appendix.
func TestChaptersAsOneFlow(t *testing.T) {
	d, fsys := joinsDoc()
	if cuts := chapterCuts(d.Blocks, 64, 1, 0); len(cuts) < 40 {
		t.Fatalf("%d cuts; the test wants one at nearly every chapter", len(cuts))
	}
	var plain string
	for _, start := range []options.ChapterStart{options.StartPage, options.StartRight, options.StartNone} {
		t.Run("chapter-start="+string(start), func(t *testing.T) {
			if pages := compareParts(t, d, fsys, start, false); start == options.StartPage {
				plain = pages
			}
		})
	}
	t.Run("qr", func(t *testing.T) {
		pages := compareParts(t, d, fsys, options.StartPage, true)
		if strings.Count(pages, "  rect ") < strings.Count(plain, "  rect ")+100 {
			t.Error("the appendix's QR codes should be in the pages")
		}
	})
}

// joinsDoc is a long document with what the joins of its parts must get
// right (TestChaptersAsOneFlow).
func joinsDoc() (*doc.Document, fstest.MapFS) {
	d, fsys := longDoc()
	fsys["img/second.png"] = fsys["img/chart.png"]
	fsys["img/note.png"] = &fstest.MapFile{Data: testPNG(32, 32)}
	n := len(d.Footnotes) + 1
	d.Footnotes = append(d.Footnotes, &doc.FootnoteDef{Label: "img", Number: n, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{txt("A note with an icon "), &doc.Image{URL: "img/note.png", Alt: "icon", Attr: doc.Attr{KV: []doc.KV{{Key: "width", Value: "12"}, {Key: "height", Value: "12"}}}}}}}})
	d.Blocks = append(d.Blocks, &doc.Paragraph{Content: []doc.Inline{txt("The last words, with a note."), &doc.FootnoteRef{Label: "img", Number: n}}},
		&doc.Heading{Level: 1, Content: []doc.Inline{txt("A heading the appendix follows")}, Attr: doc.Attr{ID: "last-heading"}})
	var bs []doc.Block
	for i, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 && i > 0 {
			n := len(bs)
			switch n % 3 {
			case 0:
				bs = append(bs, &doc.Heading{Level: 1, Content: []doc.Inline{txt(fmt.Sprintf("Part %d", n))}, Attr: doc.Attr{ID: fmt.Sprintf("part-%d", n)}})
			case 1:
				bs = append(bs, ptext("The chapter that follows shows this:"))
			case 2:
				bs = append(bs, &doc.Figure{Image: &doc.Image{URL: "img/second.png", Alt: "Again"}})
			}
		}
		bs = append(bs, b)
	}
	d.Blocks = bs
	// A further reading long enough to be set ahead in chunks
	// (appendixEntries): entries with a URL (a QR code each), one too
	// long to encode (a warning), one cited (no code), and without.
	var refs []*doc.Reference
	for i := range 30 {
		ref := &doc.Reference{Title: fmt.Sprintf("Work %d, %s", i, words(i, 1+i%7)), Author: words(i+3, 2)}
		switch i % 3 {
		case 0:
			ref.URL = fmt.Sprintf("https://example.org/reading/%d/%s", i, strings.Repeat("x", i))
		case 1:
			ref.URL, ref.Cited = fmt.Sprintf("https://example.org/cited/%d", i), []doc.Pos{{Line: i + 1}}
		}
		if i == 20 {
			ref.URL = "https://example.org/" + strings.Repeat("long/", 600)
		}
		refs = append(refs, ref)
	}
	d.Appendix.Groups = append(d.Appendix.Groups, &doc.ReferenceGroup{Attr: doc.Attr{ID: "more-reading"}, Title: "More reading", Entries: refs})
	return d, fsys
}

// compareParts lays d out in one part and in many, compares, and returns
// the pages' dump.
func compareParts(t *testing.T, d *doc.Document, fsys fstest.MapFS, start options.ChapterStart, qr bool) string {
	lay := func(parts int) (string, []string, *lineStats) {
		var diags diag.List
		out, stats, err := layoutWithStats(d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys, ChapterStart: start, QR: qr, parts: parts, partText: 1}, &diags)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, it := range diags.Items() {
			msgs = append(msgs, it.String())
		}
		return string(dump(t, out)), msgs, stats
	}
	one, oneDiags, oneStats := lay(1)
	many, manyDiags, manyStats := lay(64)
	if one != many {
		a, b := []byte(one), []byte(many)
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		t.Fatalf("the parts' pages differ from one flow's at byte %d:\none:   %q\nparts: %q", i, a[max(i-200, 0):min(i+200, len(a))], b[max(i-200, 0):min(i+200, len(b))])
	}
	if !slices.Equal(oneDiags, manyDiags) || len(oneDiags) == 0 {
		t.Errorf("warnings differ:\none:   %q\nparts: %q", oneDiags, manyDiags)
	}
	if !slices.Equal(oneStats.ratios, manyStats.ratios) || oneStats.ragged != manyStats.ragged {
		t.Errorf("line statistics differ: %d/%d ratios, %d/%d ragged", len(oneStats.ratios), len(manyStats.ratios), oneStats.ragged, manyStats.ragged)
	}
	for _, want := range []string{"img2", "img3"} { // the second figure, the note's icon
		if !bytes.Contains([]byte(one), []byte(want)) {
			t.Errorf("%s, an image, should be in the pages", want)
		}
	}
	return one
}

// TestPanicInAPartIsAnError: a panic while a part of the document is set
// on a goroutine of its own (here, in the function that measures an SVG
// label, which a caller gives) fails the layout with an error; it does
// not end the program. Likewise in the first part, on the layout's own
// goroutine, and in the back matter's.
func TestPanicInAPartIsAnError(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><text x="5" y="20" font-family="Times" font-size="12">label</text></svg>`)
	fsys := fstest.MapFS{"label.svg": &fstest.MapFile{Data: svg}}
	figure := &doc.Figure{Image: &doc.Image{URL: "label.svg", Alt: "A label"}}
	chapter := func(title string, blocks ...doc.Block) []doc.Block {
		out := []doc.Block{&doc.Heading{Level: 1, Content: []doc.Inline{txt(title)}}}
		for range 20 {
			out = append(out, ptext(strings.Repeat("Words of the chapter. ", 20)))
		}
		return append(out, blocks...)
	}
	boom := func(string, bool, string) (float64, bool) { panic("measuring went wrong") }
	for _, tc := range []struct {
		name string
		d    *doc.Document
	}{
		{"second part", &doc.Document{Blocks: slices.Concat(chapter("One"), chapter("Two", figure))}},
		{"first part", &doc.Document{Blocks: slices.Concat(chapter("One", figure), chapter("Two"))}},
		{"footnote", &doc.Document{Blocks: slices.Concat(chapter("One", &doc.Paragraph{Content: []doc.Inline{txt("Noted."), &doc.FootnoteRef{Label: "n", Number: 1}}}), chapter("Two")),
			Footnotes: []*doc.FootnoteDef{{Label: "n", Number: 1, Blocks: []doc.Block{figure}}}}},
	} {
		if cuts := chapterCuts(tc.d.Blocks, 2, 1, 0); len(cuts) != 1 {
			t.Fatalf("%s: cuts %v, want one", tc.name, cuts)
		}
		out, err := Layout(tc.d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys, NamedWidth: boom, parts: 2, partText: 1}, nil)
		if err == nil || !strings.Contains(err.Error(), "internal error: measuring went wrong") || out != nil {
			t.Errorf("%s: pages %v, error %v; want the panic as an error", tc.name, out != nil, err)
		}
	}
}

// TestAppendixStopsWhenCancelled: the appendix, which the back matter
// sets on a goroutine of its own, sets no more entries once the layout is
// cancelled, as blocks stop (a cancelled 13 MB build waited seconds for
// its 33,000 links): laid out cancelled, a long appendix gives a row or
// two (its heading), not its entries'.
func TestAppendixStopsWhenCancelled(t *testing.T) {
	g := &doc.ReferenceGroup{Title: "Links"}
	for i := range 200 {
		g.Entries = append(g.Entries, &doc.Reference{Title: "Entry " + strconv.Itoa(i), URL: "https://example.org/" + strconv.Itoa(i)})
	}
	a := &doc.Appendix{Title: "Further reading", Groups: []*doc.ReferenceGroup{g}}
	rows := func(cancel chan struct{}, entered func(int)) int {
		e := &engine{m: newMeasurer(loadFonts(t), nil, "en"), g: newGeometry(A4()), diags: &diag.List{}, opts: Options{Cancel: cancel, entryChunk: 8}}
		e.images = newImageStore(nil, nil, nil)
		f := e.newFlow(&builder{e: e})
		f.appendixRows(a, entered)
		return len(f.rows)
	}
	for _, entered := range []func(int){nil, func(int) {}} { // set as taken, and ahead
		open := rows(make(chan struct{}), entered)
		closed := make(chan struct{})
		close(closed)
		if cancelled := rows(closed, entered); open < 200 || cancelled > open/20 {
			t.Errorf("%d rows laid out, %d when cancelled: want 200 or more, and few", open, cancelled)
		}
	}
}
