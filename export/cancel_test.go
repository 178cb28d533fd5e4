package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/epub"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/pdf"
)

// TestCancel: each stage that takes long on a large book stops when asked
// (a closed Cancel channel, as Ctrl-C closes the build's context's) and
// says so with context.Canceled: the layout, the PDF's drawing and the
// EPUB. A cancelled build writes nothing. (How fast: a 13 MB book
// interrupted at any moment exits in under 0.5 s; see the closing note of
// the issue. No timing is asserted here.)
func TestCancel(t *testing.T) {
	t.Parallel()
	bld := newBuilder(t)
	var diags diag.List
	d, err := bld.Read(seed, &diags)
	if err != nil {
		t.Fatal(err)
	}
	closed := make(chan struct{})
	close(closed)
	paper, err := layout.PaperFor(options.PDF{}, "en")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := layout.Layout(d, layout.Options{Paper: paper, Fonts: bld.fonts, Cancel: closed}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("layout: %v, want context.Canceled", err)
	}
	if _, err := pdf.Render(d, pdf.Options{Fonts: bld.fonts, Cancel: closed}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("pdf.Render: %v, want context.Canceled", err)
	}
	if _, err := epub.Render(d, epub.Options{Resources: os.DirFS(filepath.Dir(seed)), Cancel: closed}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("epub.Render: %v, want context.Canceled", err)
	}
	// Not cancelled, each stage finishes.
	if _, err := pdf.Render(d, pdf.Options{Fonts: bld.fonts, Cancel: make(chan struct{})}, nil); err != nil {
		t.Errorf("pdf.Render: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	res, err := bld.BuildContext(ctx, seed, testOptions(dir))
	if !errors.Is(err, context.Canceled) || len(res.Artifacts) != 0 {
		t.Errorf("a cancelled build: %v, %d artifacts", err, len(res.Artifacts))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled build wrote %d files", len(entries))
	}
}
