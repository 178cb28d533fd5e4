package epub

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/corpus"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/passes"
)

// corpusBook reads every CommonMark spec example on its own (so that no
// example's link definitions or open blocks leak into the next) and puts
// them into one document, a chapter per example, so that one EPUBCheck run
// covers them all. Footnote numbers are shifted to stay unique.
func corpusBook(t testing.TB) *doc.Document {
	t.Helper()
	examples, err := corpus.CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	book := &doc.Document{Meta: doc.Meta{Title: "CommonMark spec examples", Lang: "en"}}
	notes := 0
	for _, ex := range examples {
		name := "example-" + strconv.Itoa(ex.Number) + ".md"
		var diags diag.List
		d := markdown.Parse(name, []byte(ex.Markdown), &diags)
		passes.Run(d, passes.Options{}, &diags)
		shift := notes
		doc.Inspect(d, func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.FootnoteRef:
				if n.Number > 0 {
					n.Number += shift
				}
			case *doc.FootnoteDef:
				if n.Number > 0 {
					n.Number += shift
					notes = max(notes, n.Number)
				}
			}
			return true
		})
		title := fmt.Sprintf("Example %d (%s)", ex.Number, ex.Section)
		book.Blocks = append(book.Blocks, &doc.Heading{Pos: doc.Pos{File: name, Line: 1, Col: 1}, Level: 1,
			Attr: doc.Attr{ID: "example-" + strconv.Itoa(ex.Number)}, Content: []doc.Inline{&doc.Text{Value: title}}})
		book.Blocks = append(book.Blocks, d.Blocks...)
		book.Footnotes = append(book.Footnotes, d.Footnotes...)
	}
	return book
}

// TestCorpusEPUBCheck renders all 652 CommonMark spec examples (raw HTML,
// entities, links, images, code, nested lists…) into one EPUB and wants
// EPUBCheck to find nothing: no fatal error, error, warning or usage note.
func TestCorpusEPUBCheck(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	d := corpusBook(t)
	out, _ := render(t, d, Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	p := filepath.Join(t.TempDir(), "corpus.epub")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if len(unzip(t, out)) < 100 {
		t.Errorf("the corpus EPUB has %d files; want a chapter per example", len(unzip(t, out)))
	}
	epubcheck(t, p)
}
