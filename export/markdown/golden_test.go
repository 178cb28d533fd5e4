package markdown

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/golden"
)

func TestArticleGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/article.md")
	if err != nil {
		t.Fatal(err)
	}
	tree, diagnostics := parseForTest("article.md", src)
	if diagnostics != "" {
		t.Errorf("article.md: unexpected diagnostics:\n%s", diagnostics)
	}
	golden.Check(t, "testdata/article.golden", []byte(tree))
}

func TestBadFrontMatterGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/bad-frontmatter.md")
	if err != nil {
		t.Fatal(err)
	}
	tree, diagnostics := parseForTest("bad-frontmatter.md", src)
	if !strings.Contains(tree, `Text 17:3 value="Body still parsed"`) {
		t.Errorf("the body after bad front matter was not parsed:\n%s", tree)
	}
	golden.Check(t, "testdata/bad-frontmatter.golden", []byte(diagnostics))
}

// TestArticleStructure checks the parts of the article tree that the
// renderers rely on, independently of the golden file.
func TestArticleStructure(t *testing.T) {
	src, err := os.ReadFile("testdata/article.md")
	if err != nil {
		t.Fatal(err)
	}
	d := Parse("article.md", src, nil)
	if d.Meta.Title != "The 2019 Hanoi Summit" || d.Meta.Lang != "en" || len(d.Meta.Authors) != 2 {
		t.Errorf("meta = %+v", d.Meta)
	}
	if n := len(d.Meta.FurtherReading); n != 2 || d.Meta.FurtherReading[1].URL != "https://example.com/tudor" {
		t.Errorf("further reading: %d entries", n)
	}
	if len(d.Footnotes) != 2 || d.Footnotes[0].Label != "first" || d.Footnotes[1].Label != "second" {
		t.Errorf("footnotes = %v", d.Footnotes)
	}
	kinds := map[string]int{}
	doc.Inspect(d, func(n doc.Node) bool {
		if n == nil {
			return false
		}
		if !n.Position().IsValid() {
			t.Errorf("%T has no position", n)
		}
		if tx, ok := n.(*doc.Text); ok {
			if strings.Contains(tx.Value, "&") && !strings.Contains(tx.Value, "& ") || strings.ContainsAny(tx.Value, "\n\r") {
				t.Errorf("text %q at %v is not clean", tx.Value, tx.Pos)
			}
			if !utf8.ValidString(tx.Value) {
				t.Errorf("invalid UTF-8 at %v", tx.Pos)
			}
		}
		kinds[strings.TrimPrefix(fmt.Sprintf("%T", n), "*doc.")]++
		return true
	})
	for _, k := range []string{"Heading", "Paragraph", "List", "Table", "Figure", "Callout", "BlockQuote",
		"DefinitionList", "CodeBlock", "RawHTML", "ThematicBreak", "Emphasis", "Strong", "Strikethrough",
		"Link", "FootnoteRef", "LineBreak", "FootnoteDef"} {
		if kinds[k] == 0 {
			t.Errorf("article has no %s", k)
		}
	}
}
