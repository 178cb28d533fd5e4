package markdown

import "testing"

// TestInlineExpression: `r x` is knitr's inline expression in an R
// Markdown or Quarto file only; `{engine} x` is Quarto's anywhere.
func TestInlineExpression(t *testing.T) {
	for _, c := range []struct {
		code, file, want string
		ok               bool
	}{
		{"r nrow(x)", "a.qmd", "nrow(x)", true},
		{"r nrow(x)", "a.Rmd", "nrow(x)", true},
		{"r nrow(x)", "a.md", "", false},
		{"r ", "a.qmd", "", false},
		{"{python} len(x)", "a.md", "len(x)", true},
		{"{.python} x", "a.md", "", false},
		{"rm -rf", "a.qmd", "", false},
	} {
		got, ok := inlineExpression(c.code, c.file)
		if got != c.want || ok != c.ok {
			t.Errorf("inlineExpression(%q, %q) = %q, %v; want %q, %v", c.code, c.file, got, ok, c.want, c.ok)
		}
	}
}
