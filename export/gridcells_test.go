package export

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestGridCellBlocks: the pandoc manual's grid table, whose cells hold
// bullet lists, and cells holding a code block and a quotation, are set
// as those blocks in both outputs, not as a line of their words: the
// e-book's cells hold <ul>, <pre> and <blockquote>, the PDF sets each item
// on a line of its own after its bullet, draws the code's ground inside
// its cell, and tags the list as an L in its TD. Both pass their
// validators, with no warning.
func TestGridCellBlocks(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	dir := t.TempDir()
	text := "# Fruit\n\n" +
		"+---------------+---------------+--------------------+\n" +
		"| Fruit         | Price         | Advantages         |\n" +
		"+===============+===============+====================+\n" +
		"| Bananas       | $1.34         | - built-in wrapper |\n" +
		"|               |               | - bright color     |\n" +
		"+---------------+---------------+--------------------+\n" +
		"| Oranges       | $2.10         | - cures scurvy     |\n" +
		"|               |               | - tasty            |\n" +
		"+---------------+---------------+--------------------+\n" +
		"| Apples        | $0.90         | Crisp:             |\n" +
		"|               |               |                    |\n" +
		"|               |               |     peel(apple)    |\n" +
		"+---------------+---------------+--------------------+\n" +
		"| Pears         | $1.10         | > ripe in autumn   |\n" +
		"+---------------+---------------+--------------------+\n"
	res, err := buildSource(t, dir, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("warnings %v, want none", res.Diagnostics)
	}
	for _, a := range res.Artifacts {
		switch filepath.Ext(a.Path) {
		case ".epub":
			validate.EPUBCheck(t, a.Path)
			xhtml := epubRaw(t, a.Path)
			for _, want := range []string{"<td><ul>\n<li>built-in wrapper</li>\n<li>bright color</li>\n</ul>\n</td>",
				"<td><p>Crisp:</p>\n<pre><code>peel(apple)</code></pre>\n</td>", "<td><blockquote>\n<p>ripe in autumn</p>\n</blockquote>\n</td>"} {
				if !strings.Contains(xhtml, want) {
					t.Errorf("the EPUB lacks %q:\n%s", want, xhtml)
				}
			}
		case ".pdf":
			r := validate.PDF(t, a.Path)
			for _, want := range []string{"• built-in wrapper\n", "• bright color\n", "• tasty\n", "peel(apple)", "ripe in autumn"} {
				if !strings.Contains(r.Text, want) {
					t.Errorf("the PDF's text lacks %q:\n%s", want, r.Text)
				}
			}
			if strings.Contains(r.Text, "- built-in wrapper") {
				t.Errorf("the PDF sets the list as a line of text:\n%s", r.Text)
			}
			out := command(t, "pdfinfo", "-struct", a.Path)
			if n := len(regexp.MustCompile(`(?m)^ +TD\n +L \(block\)\n( +.*\n)*? +LI \(block\)`).FindAllString(out, -1)); n < 2 {
				t.Errorf("%d lists tagged in a TD, want the 2 the table has:\n%s", n, out)
			}
		}
	}
}
