package epub

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/internal/validate"
)

// TestAce runs DAISY Ace over the article, the test book, the book of all
// CommonMark spec examples (in one file) and the formulas of TestMathML
// (MathML) and wants no violation at all.
func TestAce(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	books := map[string]func(testing.TB) ([]byte, error){
		"corpus": func(tb testing.TB) ([]byte, error) {
			// One content document: Ace opens each in a browser, and 652 take too long.
			return Render(corpusBook(tb), Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Settings: options.EPUB{SplitLevel: -1}}, nil)
		},
		"math": func(tb testing.TB) ([]byte, error) {
			var diags diag.List
			d := markdown.Parse("math.md", []byte(mathSource), &diags)
			passes.Run(d, passes.Options{}, &diags)
			return Render(d, Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, nil)
		},
	}
	for _, c := range cases {
		books[c.name] = func(tb testing.TB) ([]byte, error) {
			d, opts := c.build(tb)
			return Render(d, opts, nil)
		}
	}
	for _, name := range []string{"article", "book", "corpus", "math"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out, err := books[name](t)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), name+".epub")
			if err := os.WriteFile(p, out, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, v := range validate.Ace(t, p) {
				t.Errorf("Ace: %s", v)
			}
		})
	}
}
