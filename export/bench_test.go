package export

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/epub"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/export/pdf"
	"github.com/galley-pub/galley/internal/bookgen"
)

// The per-stage benchmarks run on a generated book (package bookgen) of
// -bookscale × 1.3 MB; `make bench` runs them with -benchmem.
var bookScale = flag.Float64("bookscale", 1, "benchmarks: size of the generated book (1 = 1.3 MB)")

// benchBook writes the generated book and its images to a temporary
// directory and returns the Markdown's path and bytes.
func benchBook(b *testing.B) (string, []byte) {
	b.Helper()
	dir := b.TempDir()
	if _, err := bookgen.Write(dir, "book.md", *bookScale); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "book.md")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, src
}

// benchTree is the book's tree after the passes.
func benchTree(b *testing.B, bld *Builder, path string) *doc.Document {
	b.Helper()
	var diags diag.List
	d, err := bld.Read(path, &diags)
	if err != nil || diags.HasErrors() {
		b.Fatalf("reading the book: %v %v", err, diags.Items())
	}
	return d
}

func benchBuilder(b *testing.B) *Builder {
	b.Helper()
	bld, err := NewBuilder()
	if err != nil {
		b.Fatal(err)
	}
	return bld
}

func benchLayoutOptions(b *testing.B, bld *Builder, path string) layout.Options {
	paper, err := layout.PaperFor(options.PDF{}, "en")
	if err != nil {
		b.Fatal(err)
	}
	return layout.Options{Paper: paper, Fonts: bld.fonts, TOCDepth: 3, Resources: os.DirFS(filepath.Dir(path))}
}

func BenchmarkNewBuilder(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewBuilder(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	path, src := benchBook(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		d := markdown.Parse(path, src, &diags)
		if len(d.Blocks) == 0 || diags.HasErrors() {
			b.Fatalf("parse: %d blocks, %v", len(d.Blocks), diags.Items())
		}
	}
}

func BenchmarkPasses(b *testing.B) {
	bld := benchBuilder(b)
	path, src := benchBook(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		var diags diag.List
		d := markdown.Parse(path, src, &diags)
		b.StartTimer()
		passes.Run(d, passes.Options{Covers: bld.fonts.Covers}, &diags)
		if len(d.Outline) == 0 {
			b.Fatal("passes: no outline")
		}
	}
}

func BenchmarkPDFLayout(b *testing.B) {
	bld := benchBuilder(b)
	path, src := benchBook(b)
	d := benchTree(b, bld, path)
	opts := benchLayoutOptions(b, bld, path)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		ld, err := layout.Layout(d, opts, &diags)
		if err != nil || len(ld.Pages) < max(1, int(100**bookScale)) { // 522 pages at scale 1
			b.Fatalf("layout: %d pages, %v", len(ld.Pages), err)
		}
	}
}

func BenchmarkPDFWrite(b *testing.B) {
	bld := benchBuilder(b)
	path, src := benchBook(b)
	d := benchTree(b, bld, path)
	var diags diag.List
	ld, err := layout.Layout(d, benchLayoutOptions(b, bld, path), &diags)
	if err != nil {
		b.Fatal(err)
	}
	// Untagged: what the structure tree costs (galley always tags).
	for _, v := range []struct {
		name string
		draw func(*layout.Document, *doc.Document, time.Time) ([]byte, error)
	}{{"tagged", pdf.Draw}, {"untagged", pdf.DrawUntagged}} {
		b.Run(v.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				out, err := v.draw(ld, d, epoch)
				if err != nil || len(out) == 0 {
					b.Fatalf("draw: %v", err)
				}
			}
		})
	}
}

func BenchmarkEPUBWrite(b *testing.B) {
	bld := benchBuilder(b)
	path, src := benchBook(b)
	d := benchTree(b, bld, path)
	cover := benchCover(b)
	opts := epub.Options{Modified: epoch, TOCDepth: 3, Settings: options.EPUB{SplitLevel: 1}, Resources: os.DirFS(filepath.Dir(path)),
		Cover: &epub.Image{Name: cover.Name, MediaType: cover.MediaType, Data: cover.Data}}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		out, err := epub.Render(d, opts, &diags)
		if err != nil || len(out) == 0 {
			b.Fatalf("epub: %v", err)
		}
	}
}

func benchCover(b *testing.B) *covers.Image {
	b.Helper()
	img, err := new(covers.Designer).Generate(covers.Info{Title: "Practical Systems Programming", Authors: []string{"galley bookgen"}})
	if err != nil {
		b.Fatal(err)
	}
	return img
}

func BenchmarkCover(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchCover(b)
	}
}

// BenchmarkBuild is the whole command: read, passes, cover, PDF and EPUB
// rendered concurrently, both files written.
func BenchmarkBuild(b *testing.B) {
	bld := benchBuilder(b)
	path, src := benchBook(b)
	out := b.TempDir()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := bld.Build(path, testOptions(out))
		if err != nil || len(res.Artifacts) != 2 {
			b.Fatalf("build: %v", err)
		}
	}
}
