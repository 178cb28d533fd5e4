package pdf

import (
	"bytes"
	"strings"
	"testing"

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
	if !bytes.Equal(res.Data, again.Data) {
		t.Error("two renders of the same document differ")
	}
	r := validate.PDF(t, writeTemp(t, res.Data))
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
