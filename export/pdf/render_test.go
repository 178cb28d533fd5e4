package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// TestRender runs layout and drawing end to end on a small document.
func TestRender(t *testing.T) {
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	heading := &doc.Heading{Attr: doc.Attr{ID: "greetings"}, Level: 1,
		Content: []doc.Inline{&doc.Text{Value: "Greetings"}}}
	d := &doc.Document{
		Meta: doc.Meta{Title: "Render test", Authors: []string{"Galley"}, Lang: "en"},
		Blocks: []doc.Block{
			heading,
			&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Xin chào, Καλημέρα, Привет."}}},
		},
		Outline: []*doc.OutlineEntry{{Level: 1, ID: "greetings", Title: "Greetings",
			Content: heading.Content, Heading: heading}},
	}
	var laid *layout.Document
	opts := Options{Settings: options.PDF{Paper: options.PaperA5, NUp: 2}, Fonts: set, TOCDepth: 3, Modified: modified,
		Laid: func(ld *layout.Document) { laid = ld }}
	var diags diag.List
	res, err := Render(d, opts, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if laid == nil || laid.Paper.Name != "a5" || res.Pages != len(laid.Pages) {
		t.Fatalf("Laid was not called with the A5 pages: %+v, %d pages", laid, res.Pages)
	}
	opts.Laid = nil
	again, err := Render(d, opts, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Bytes(), again.Bytes()) {
		t.Error("two renders of the same document differ")
	}
	r := validate.PDF(t, writeTemp(t, res.Bytes()))
	if r.Info["Page size"] == "" || !strings.HasPrefix(r.Info["Page size"], "841.89 x 595.28") {
		t.Errorf("two A5 pages a side want a landscape A4 sheet; pdfinfo page size %q", r.Info["Page size"])
	}
	if r.Info["Title"] != "Render test" || r.Info["Author"] != "Galley" {
		t.Errorf("pdfinfo Title %q, Author %q", r.Info["Title"], r.Info["Author"])
	}
	for _, want := range []string{"Greetings", "Xin chào, Καλημέρα, Привет."} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, r.Text)
		}
	}
	if r.Pages < 1 {
		t.Errorf("%d pages", r.Pages)
	}
	// Two-up gives up the tags, and says so in a note, not a warning.
	items := diags.Items()
	if len(items) != 1 || items[0].Severity != diag.Note || !strings.Contains(items[0].Message, "not tagged") {
		t.Errorf("diagnostics %v, want one note that the PDF is not tagged", items)
	}
	if r.Info["Tagged"] != "no" {
		t.Errorf("an imposed PDF is tagged %q", r.Info["Tagged"])
	}
}

// TestRenderLetsGoOfDrawnPages: Render owns the pages it lays out once
// Laid has returned, and lets go of each page's items when it is drawn
// (a book's texts are the most of its memory); LaidPage sees each whole, and
// Draw, whose pages are its caller's, leaves them as they were.
func TestRenderLetsGoOfDrawnPages(t *testing.T) {
	set, d := pagesDoc(t)
	var laid *layout.Document
	itemsWhenLaid, pagesLaid := 0, 0
	opts := Options{Fonts: set, Laid: func(ld *layout.Document) { laid = ld }, LaidPage: func(p *layout.Page) {
		pagesLaid++
		itemsWhenLaid += len(p.Items)
	}}
	res, err := Render(d, opts, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	if laid == nil || len(laid.Pages) < 3 || itemsWhenLaid == 0 || pagesLaid != len(laid.Pages) {
		t.Fatalf("LaidPage saw %d items on %d pages; want every page of a document of several pages", itemsWhenLaid, pagesLaid)
	}
	for i, p := range laid.Pages {
		if p.Items != nil {
			t.Errorf("page %d keeps its %d items after it was drawn", i+1, len(p.Items))
		}
	}
	// The pages, laid out again, drawn by Draw: the same PDF, and the
	// pages as they were.
	ld, err := Layout(d, Options{Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Draw(ld, d, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, res.Bytes()) {
		t.Error("Draw and Render made different PDFs of the same pages")
	}
	for i, p := range ld.Pages {
		if len(p.Items) == 0 {
			t.Errorf("Draw let go of page %d's items, which are its caller's", i+1)
		}
	}
}

// pagesDoc is a document of several pages of plain paragraphs, and the
// embedded faces.
func pagesDoc(t *testing.T) (*fonts.Set, *doc.Document) {
	t.Helper()
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	var blocks []doc.Block
	for range 60 {
		blocks = append(blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: strings.Repeat("A paragraph of a few words. ", 12)}}})
	}
	return set, &doc.Document{Meta: doc.Meta{Title: "Pages", Lang: "en"}, Blocks: blocks}
}

// TestLayoutListsAndLetsGo: Layout with LaidPage (an EPUB-only build's
// print page list) gives it every page, whole, in order, and lets go of
// each page's items after; without, the pages are the caller's, whole.
func TestLayoutListsAndLetsGo(t *testing.T) {
	set, d := pagesDoc(t)
	whole, err := Layout(d, Options{Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var items []int
	listed, err := Layout(d, Options{Fonts: set, LaidPage: func(p *layout.Page) {
		if p.Number != len(items)+1 {
			t.Errorf("page %d given as page %d", p.Number, len(items)+1)
		}
		items = append(items, len(p.Items))
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Pages) < 3 || len(items) != len(whole.Pages) || len(listed.Pages) != len(whole.Pages) {
		t.Fatalf("%d pages listed, %d returned; the layout has %d", len(items), len(listed.Pages), len(whole.Pages))
	}
	for i, p := range whole.Pages {
		if items[i] != len(p.Items) || items[i] == 0 {
			t.Errorf("page %d was given with %d items; it has %d", i+1, items[i], len(p.Items))
		}
		if listed.Pages[i].Items != nil {
			t.Errorf("page %d keeps its items once listed", i+1)
		}
	}
}
