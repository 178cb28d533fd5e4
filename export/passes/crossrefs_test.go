package passes

import (
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TestCrossReferences: Quarto's cross-references, one form a case, in a
// document with a section, a figure and a table Quarto numbers, and a
// figure it does not.
func TestCrossReferences(t *testing.T) {
	cases := []struct {
		name, text, want, warning string
	}{
		{"1 a section: a link printing its title", "See @sec-intro.", "See {Getting started→#sec-intro}.", ""},
		{"2 in brackets, and without its prefix", "[@sec-intro] and -@sec-intro", "{Getting started→#sec-intro} and {Getting started→#sec-intro}", ""},
		{"3 a figure and a table: their numbers", "as @fig-map and [@tbl-data] show", "as {Figure\u00a01→#fig-map} and {Table\u00a01→#tbl-data} show", ""},
		{"4 an id nothing has: a warning", "See [@sec-none].", "See [@sec-none].",
			"t.md:2:1: warning: Quarto's cross-reference [@sec-none] is printed as written: nothing has the id sec-none"},
		{"5 an address, and a handle, are none", "me@sec-ops.org and @secretary", "me@sec-ops.org and @secretary", ""},
		{"6 a listing: a warning", "see @lst-code", "see @lst-code",
			"t.md:2:1: warning: Quarto's cross-reference @lst-code is printed as written: galley numbers no listings"},
		{"7 without its prefix, a figure's number alone", "Figures -@fig-map and 2", "Figures {1→#fig-map} and 2", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			para := p(2, txt(2, c.text))
			fig := &doc.Figure{Pos: at(3), Image: &doc.Image{Pos: at(3), Attr: doc.Attr{ID: "fig-map"}, URL: "map.png"}, Caption: []doc.Inline{txt(3, "A map")}}
			other := &doc.Figure{Pos: at(4), Image: &doc.Image{Pos: at(4), URL: "b.png"}, Caption: []doc.Inline{txt(4, "Unlabelled")}}
			table := &doc.Table{Pos: at(5), Attr: doc.Attr{ID: "tbl-data"}, Caption: []doc.Inline{txt(5, "Data")}}
			d := body(hid(1, 2, "Getting started", "sec-intro"), para, fig, other, table)
			var diags diag.List
			CrossReferences(d, &diags)
			for i := range 2 { // and again: numbered once
				if fig.Attr.ID != "fig-map" || doc.PlainText(fig.Caption) != "Figure\u00a01: A map" || doc.PlainText(other.Caption) != "Unlabelled" || doc.PlainText(table.Caption) != "Table\u00a01: Data" {
					t.Errorf("run %d: figure #%s %q, %q, table %q", i+1, fig.Attr.ID, doc.PlainText(fig.Caption), doc.PlainText(other.Caption), doc.PlainText(table.Caption))
				}
				CrossReferences(d, &diag.List{})
			}
			if got := citedText(para.Content); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if got := warningText(&diags); got != c.warning {
				t.Errorf("warnings %q, want %q", got, c.warning)
			}
		})
	}
}
