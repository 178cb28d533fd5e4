package export

import (
	"regexp"
	"strings"
	"testing"
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
	out := buildTable(t, text)
	for _, want := range []string{"<td><ul>\n<li>built-in wrapper</li>\n<li>bright color</li>\n</ul>\n</td>",
		"<td><p>Crisp:</p>\n<pre><code>peel(apple)</code></pre>\n</td>", "<td><blockquote>\n<p>ripe in autumn</p>\n</blockquote>\n</td>"} {
		if !strings.Contains(out.xhtml, want) {
			t.Errorf("the EPUB lacks %q:\n%s", want, out.xhtml)
		}
	}
	pdfText := out.pdf.Text
	for _, want := range []string{"• built-in wrapper\n", "• bright color\n", "• tasty\n", "peel(apple)", "ripe in autumn"} {
		if !strings.Contains(pdfText, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, pdfText)
		}
	}
	if strings.Contains(pdfText, "- built-in wrapper") {
		t.Errorf("the PDF sets the list as a line of text:\n%s", pdfText)
	}
	if n := len(regexp.MustCompile(`(?m)^ +TD\n +L \(block\)\n( +.*\n)*? +LI \(block\)`).FindAllString(out.structure, -1)); n < 2 {
		t.Errorf("%d lists tagged in a TD, want the 2 the table has:\n%s", n, out.structure)
	}
}
