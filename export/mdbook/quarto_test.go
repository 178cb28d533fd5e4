package mdbook

import (
	"testing"

	"github.com/galley-pub/galley/export/diag"
)

// TestQuartoShortcodes, in numbered cases: each shortcode a Quarto book's
// chapter (chapters/ch.qmd) may hold, and what it gives.
func TestQuartoShortcodes(t *testing.T) {
	root := book(t, map[string]string{
		"_common.qmd":         "Shared {{< var course.name >}}.\n",
		"chapters/_setup.qmd": "Set up.\n{{< include /_common.qmd >}}\n",
		"chapters/ch.qmd":     "(the chapter)",
	})
	vars := map[string]string{"course.name": "Statistics 101", "term": "Autumn"}
	for i, tc := range []struct {
		src, want, diag string
	}{
		{"{{< include _setup.qmd >}}\n", "Set up.\nShared Statistics 101.\n", ""},
		{"A\n\n{{< include /_common.qmd >}}\n\nB\n", "A\n\nShared Statistics 101.\n\nB\n", ""},
		{"{{< pagebreak >}}\n", "\\newpage\n", ""},
		{"Press {{< kbd Ctrl-C >}} or {{< kbd mac=Command-C win=Ctrl-C >}}.\n", "Press <kbd>Ctrl-C</kbd> or <kbd>Command-C</kbd>.\n", ""},
		{"The {{< var term >}} term.\n", "The Autumn term.\n", ""},
		{"The {{< var nope >}} term.\n", "The  term.\n", "chapters/ch.qmd:1:5: warning: Quarto's {{< var nope >}}: _variables.yml gives no nope; it is left out"},
		{"Write {{</* include x.qmd */>}} to include.\n", "Write {{< include x.qmd >}} to include.\n", ""},
		{"{{< video https://example.com/v.mp4 >}}\n", "\n", "chapters/ch.qmd:1:1: warning: Quarto's {{< video >}} shortcode is not read by galley; it is left out"},
		{"{{< include missing.qmd >}}\n", "\n", "chapters/ch.qmd:1:1: error: {{#include missing.qmd}}: no such file or directory"},
		{"{{< include >}}\n", "\n", "chapters/ch.qmd:1:1: error: Quarto's {{< include >}} names no file"},
	} {
		var diags diag.List
		got := ExpandQuarto(root, nil, "chapters/ch.qmd", "chapters/ch.qmd", []byte(tc.src), vars, &diags)
		checkExpanded(t, i+1, tc.src, got, &diags, tc.want, tc.diag)
	}
	// Outside a Quarto book, a shortcode is text.
	if got := Expand(root, nil, "chapters/ch.qmd", "ch.qmd", []byte("{{< pagebreak >}}\n"), &diag.List{}); string(got.Text) != "{{< pagebreak >}}\n" {
		t.Errorf("Expand read a shortcode: %q", got.Text)
	}
}
