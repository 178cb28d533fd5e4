package export

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/options"
)

// TestBatchNameClash: two inputs whose artifacts would share a name in
// one output directory (a/notes.md and b/notes.md; a book whose book.yaml
// names it like a handout) do not overwrite each other: the batch's
// artifacts mirror the inputs' directories under it, those of an input
// that shares no name too, and the manifest lists them there. An input
// given twice still lands on itself: the second fails with an error naming
// the first, and is not built.
func TestBatchNameClash(t *testing.T) {
	t.Parallel()
	src, out := t.TempDir(), t.TempDir()
	a := writeFile(t, filepath.Join(src, "a"), "notes.md", "# A\n\nText.\n")
	b := writeFile(t, filepath.Join(src, "b"), "notes.md", "# B\n\nText.\n")
	bk := filepath.Join(src, "bk")
	writeFile(t, bk, "book.yaml", "title: Bk\nchapters: [c.md]\noutput:\n  name: notes\n")
	writeFile(t, bk, "c.md", "# C\n\nText.\n")
	other := writeFile(t, filepath.Join(src, "c", "d"), "other.md", "# O\n\nText.\n")
	outs := newBuilder(t).BuildAll(context.Background(), []string{a, b, bk, other, a}, testOptions(out), nil)
	for i, want := range []string{"a/notes.pdf", "b/notes.pdf", "bk/notes.pdf", "c/d/other.pdf"} {
		if outs[i].Err != nil {
			t.Fatalf("%s: %v", outs[i].Input, outs[i].Err)
		}
		if got := outs[i].Result.Artifacts[0].Path; got != filepath.Join(out, filepath.FromSlash(want)) {
			t.Errorf("%s: PDF at %s, want %s under the output directory", outs[i].Input, got, want)
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(want))); err != nil {
			t.Error(err)
		}
	}
	if err := outs[4].Err; err == nil || !strings.Contains(err.Error(), "would replace those of "+a) {
		t.Errorf("the input given twice: %v", err)
	}
	m := NewManifest(outs, "test")
	if m.Totals.Artifacts != 8 || m.Totals.Failed != 1 {
		t.Errorf("manifest totals %+v", m.Totals)
	}
	if data, err := json.Marshal(m); err != nil || !strings.Contains(string(data), filepath.Join(out, "b", "notes.epub")) {
		t.Errorf("the manifest does not list b/notes.epub: %v", err)
	}
}

// TestBatchNoClashFlat: a batch whose artifacts share no name writes them
// all into the output directory itself, wherever the inputs are.
func TestBatchNoClashFlat(t *testing.T) {
	t.Parallel()
	src, out := t.TempDir(), t.TempDir()
	a := writeFile(t, filepath.Join(src, "a"), "one.md", "# One\n\nText.\n")
	b := writeFile(t, filepath.Join(src, "b", "c"), "two.md", "# Two\n\nText.\n")
	outs := newBuilder(t).BuildAll(context.Background(), []string{a, b}, testOptions(out), nil)
	for i, want := range []string{"one.pdf", "two.pdf"} {
		if outs[i].Err != nil || outs[i].Result.Artifacts[0].Path != filepath.Join(out, want) {
			t.Errorf("%s: %v, %+v", outs[i].Input, outs[i].Err, outs[i].Result)
		}
	}
}

// TestBatchDatedByInput: with no date given (no SOURCE_DATE_EPOCH), a
// batch dates each input's PDF and EPUB by the input's modification time,
// found while the input is read.
func TestBatchDatedByInput(t *testing.T) {
	t.Parallel()
	src, out := t.TempDir(), t.TempDir()
	a := writeFile(t, src, "dated.md", "# Dated\n\nText.\n")
	when := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(a, when, when); err != nil {
		t.Fatal(err)
	}
	outs := newBuilder(t).BuildAll(context.Background(), []string{a}, testOptions(out, func(o *options.Options) { o.Run.Modified = time.Time{} }), nil)
	if outs[0].Err != nil {
		t.Fatal(outs[0].Err)
	}
	pdfData, err := os.ReadFile(filepath.Join(out, "dated.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pdfData), "<xmp:ModifyDate>2001-02-03T04:05:06Z</xmp:ModifyDate>") {
		t.Error("the PDF's metadata is not dated by the input")
	}
	zr, err := zip.OpenReader(filepath.Join(out, "dated.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	opf, err := fs.ReadFile(zr, "EPUB/package.opf")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(opf), `<meta property="dcterms:modified">2001-02-03T04:05:06Z</meta>`) {
		t.Errorf("the EPUB's package is not dated by the input:\n%s", opf)
	}
}

// TestModTimeOfABook: with no date given, a book is dated by the newest
// of the files it is made of (its configuration, chapters, an included
// listing outside src/, an image), not by a newer file it does not read,
// in its folder or in a repository's .git or a build's target.
func TestModTimeOfABook(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "rivers")
	at := func(name, content string, tm time.Time) {
		p := writeFile(t, dir, name, content)
		if err := os.Chtimes(p, tm, tm); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	at("book.toml", "[book]\ntitle = \"Rivers\"\nsrc = \"src\"\n", day)
	at("src/SUMMARY.md", "# Summary\n\n- [Bends](bends.md)\n", day)
	at("src/bends.md", "# Bends\n\n![A bend.](bend.png)\n\n```python\n{{#include ../listings/bend.py}}\n```\n", day.Add(time.Hour))
	at("src/bend.png", string(pngBytes(t, 4, 4)), day.Add(2*time.Hour))
	at("listings/bend.py", "meander = True\n", day.Add(3*time.Hour)) // the newest source
	at("README.md", "Not in the book.\n", day.Add(24*time.Hour))
	at(".git/objects/ab/cdef", "x", day.Add(48*time.Hour))
	at("listings/target/debug/bend", "x", day.Add(96*time.Hour))
	for _, d := range []string{dir, filepath.Join(dir, "src"), filepath.Join(dir, "listings")} {
		if err := os.Chtimes(d, day, day); err != nil {
			t.Fatal(err)
		}
	}
	dated := func(newest string, want time.Time) {
		t.Helper()
		out := t.TempDir()
		outs := newBuilder(t).BuildAll(context.Background(), []string{dir}, testOptions(out, func(o *options.Options) {
			o.Run.Modified, o.Output.Formats = time.Time{}, []Format{EPUB}
		}), nil)
		if outs[0].Err != nil {
			t.Fatal(outs[0].Err)
		}
		opf := string(readZip(t, filepath.Join(out, "rivers.epub"))["EPUB/package.opf"])
		if w := `<meta property="dcterms:modified">` + want.Format(time.RFC3339) + `</meta>`; !strings.Contains(opf, w) {
			t.Errorf("the e-book is not dated by %s, the newest source (%s):\n%s", newest, w, opf)
		}
	}
	dated("the included listing", day.Add(3*time.Hour))
	at("src/bend.png", string(pngBytes(t, 4, 4)), day.Add(4*time.Hour))
	dated("the image", day.Add(4*time.Hour))
}
