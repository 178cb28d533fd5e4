package bookgen

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/markdown"
)

// TestBookIsDeterministicAndSized checks that a scale gives the same bytes
// every time, at least scale × UnitSize of them and not much more.
func TestBookIsDeterministicAndSized(t *testing.T) {
	a, b := Book(0.2), Book(0.2)
	if !bytes.Equal(a, b) {
		t.Fatal("two books of the same scale differ")
	}
	if want := int(0.2 * UnitSize); len(a) < want || len(a) > want+want/5 {
		t.Errorf("book of scale 0.2 has %d bytes, want about %d", len(a), want)
	}
	big := Book(0.5)
	if !bytes.HasPrefix(big, a[:len(a)/2]) {
		t.Error("a larger book does not start like a smaller one")
	}
}

// TestBookHasEveryFeature parses a small book with galley's reader and
// counts the kinds of blocks and inlines the benchmarks are meant to cover.
func TestBookHasEveryFeature(t *testing.T) {
	src := Book(0.1)
	var diags diag.List
	d := markdown.Parse("book.md", src, &diags)
	if diags.HasErrors() {
		t.Fatalf("errors: %v", diags.Items())
	}
	if d.Meta.Title != "Practical Systems Programming" || len(d.Meta.FurtherReading) != 2 {
		t.Errorf("front matter: title %q, %d further-reading entries", d.Meta.Title, len(d.Meta.FurtherReading))
	}
	seen := counter{}
	doc.Walk(seen, d)
	for _, kind := range []string{"Heading", "Paragraph", "List", "CodeBlock", "Table", "Figure", "Callout", "DefinitionList", "BlockQuote", "FootnoteRef", "Link", "Emphasis", "Strong", "Code"} {
		if seen[kind] == 0 {
			t.Errorf("no %s in the generated book (saw %v)", kind, seen)
		}
	}
	if len(d.Footnotes) == 0 {
		t.Error("no footnote definitions")
	}
}

func TestWriteImages(t *testing.T) {
	dir := t.TempDir()
	if err := WriteImages(dir); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= Images; i++ {
		data, err := os.ReadFile(filepath.Join(dir, "images", imageName(i)))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("figure %d: %v", i, err)
		}
		if b := img.Bounds(); b.Dx() != 480 || b.Dy() != 300 {
			t.Errorf("figure %d is %v", i, b)
		}
	}
}

// counter counts nodes by type name.
type counter map[string]int

func (c counter) Visit(n doc.Node) doc.Visitor {
	if n != nil {
		c[strings.TrimPrefix(fmt.Sprintf("%T", n), "*doc.")]++
	}
	return c
}
