package passes

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
)

// TestCrossReferences: Quarto's cross-references, one form a case.
func TestCrossReferences(t *testing.T) {
	cases := []struct {
		name, text, want, warning string
	}{
		{"1 a section: a link printing its title", "See @sec-intro.", "See {Getting started→#sec-intro}.", ""},
		{"2 in brackets, and without its prefix", "[@sec-intro] and -@sec-intro", "{Getting started→#sec-intro} and {Getting started→#sec-intro}", ""},
		{"3 a figure: a warning, as written", "as @fig-map shows", "as @fig-map shows",
			"t.md:2:1: warning: Quarto's cross-reference @fig-map is printed as written: galley numbers no figures, tables or listings"},
		{"4 a section no heading has: a warning", "See [@sec-none].", "See [@sec-none].",
			"t.md:2:1: warning: Quarto's cross-reference [@sec-none] is printed as written: no heading has the id sec-none"},
		{"5 an address, and a handle, are none", "me@sec-ops.org and @secretary", "me@sec-ops.org and @secretary", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			para := p(2, txt(2, c.text))
			d := body(hid(1, 2, "Getting started", "sec-intro"), para)
			var diags diag.List
			CrossReferences(d, &diags)
			if got := citedText(para.Content); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			var warnings []string
			for _, w := range diags.Items() {
				warnings = append(warnings, w.String())
			}
			if got := strings.Join(warnings, "|"); got != c.warning {
				t.Errorf("warnings %q, want %q", got, c.warning)
			}
		})
	}
}
