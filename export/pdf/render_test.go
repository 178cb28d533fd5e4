package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/validate"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
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
	opts := Options{Layout: layout.Options{Paper: layout.A5(), Fonts: set, TOCDepth: 3}, Modified: modified}
	var diags diag.List
	out, err := Render(d, opts, &diags)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Render(d, opts, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Error("two renders of the same document differ")
	}
	r := validate.PDF(t, writeTemp(t, out))
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
}
