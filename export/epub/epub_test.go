package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/golden"
	"github.com/galley-pub/galley/export/options"
)

// cases are the documents rendered by the golden and EPUBCheck tests.
var cases = []struct {
	name  string
	build func(testing.TB) (*doc.Document, Options)
}{
	{"article", func(testing.TB) (*doc.Document, Options) { return article() }},
	{"book", testBook},
	{"notes-fonts", func(t testing.TB) (*doc.Document, Options) {
		d, opts := testBook(t)
		opts.Settings.Footnotes = options.NotesPerBook
		opts.Settings.EmbedFonts = true
		return d, opts
	}},
}

func render(t *testing.T, d *doc.Document, opts Options) ([]byte, []diag.Diagnostic) {
	t.Helper()
	var diags diag.List
	out, err := Render(d, opts, &diags)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return out, diags.Items()
}

// unzip returns the archive's entries in order.
func unzip(t *testing.T, data []byte) []*zip.File {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("reading the EPUB as a zip: %v", err)
	}
	return zr.File
}

func readEntry(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return b
}

func isText(name string) bool {
	switch path.Ext(name) {
	case ".opf", ".xhtml", ".ncx", ".css", ".xml":
		return true
	}
	return name == mimetypeName
}

// TestGolden compares every text file of each EPUB with
// testdata/<case>/<file name>.golden, and checks that no golden file is
// left over from a file the EPUB no longer has.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, opts := c.build(t)
			out, _ := render(t, d, opts)
			dir := filepath.Join("testdata", c.name)
			want := map[string]bool{}
			for _, f := range unzip(t, out) {
				if !isText(f.Name) {
					continue
				}
				goldenPath := filepath.Join(dir, path.Base(f.Name)+".golden")
				want[filepath.Base(goldenPath)] = true
				golden.Check(t, goldenPath, readEntry(t, f))
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if !want[e.Name()] {
					t.Errorf("stale golden file %s: the EPUB has no such file", filepath.Join(dir, e.Name()))
				}
			}
		})
	}
}

// TestEPUBCheck validates both EPUBs with the official checker and wants
// no fatal error, error, warning or usage note.
func TestEPUBCheck(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, opts := c.build(t)
			out, _ := render(t, d, opts)
			p := filepath.Join(t.TempDir(), c.name+".epub")
			if err := os.WriteFile(p, out, 0o644); err != nil {
				t.Fatal(err)
			}
			epubcheck(t, p)
		})
	}
}

// TestReproducible renders each document twice, from fresh trees, and
// wants the same bytes.
func TestReproducible(t *testing.T) {
	t.Parallel()
	for _, c := range cases {
		d1, o1 := c.build(t)
		d2, o2 := c.build(t)
		a, _ := render(t, d1, o1)
		b, _ := render(t, d2, o2)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", c.name)
		}
	}
}

// TestContainerLayout checks the zip: mimetype first, stored, with no extra
// field and exact content, then the container, then the package document;
// every entry has the modification time of the options.
func TestContainerLayout(t *testing.T) {
	t.Parallel()
	d, opts := testBook(t)
	out, _ := render(t, d, opts)
	if len(out) < 58 || string(out[:4]) != "PK\x03\x04" {
		t.Fatalf("not a zip local header: % x", out[:min(len(out), 8)])
	}
	method := binary.LittleEndian.Uint16(out[8:])
	nameLen := binary.LittleEndian.Uint16(out[26:])
	extraLen := binary.LittleEndian.Uint16(out[28:])
	flags := binary.LittleEndian.Uint16(out[6:])
	if method != 0 || nameLen != 8 || extraLen != 0 || flags&0x8 != 0 {
		t.Errorf("mimetype header: method %d, name length %d, extra length %d, flags %#x; want 0, 8, 0, no data descriptor",
			method, nameLen, extraLen, flags)
	}
	if got := string(out[30:58]); got != "mimetypeapplication/epub+zip" {
		t.Errorf("bytes 30–58 = %q, want the mimetype entry", got)
	}
	files := unzip(t, out)
	var names []string
	for i, f := range files {
		names = append(names, f.Name)
		if !f.Modified.Equal(opts.Modified) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, opts.Modified)
		}
		switch {
		case i == 0 && f.Method != zip.Store:
			t.Errorf("%s: method %d, want stored", f.Name, f.Method)
		case i > 0 && f.Method == zip.Store && deflatedSize(t, readEntry(t, f)) < int(f.UncompressedSize64):
			t.Errorf("%s: stored, but deflate makes it smaller", f.Name)
		case i > 0 && f.Method != zip.Store && f.Method != zip.Deflate:
			t.Errorf("%s: method %d", f.Name, f.Method)
		}
	}
	if got := string(readEntry(t, files[0])); got != "application/epub+zip" {
		t.Errorf("mimetype content %q", got)
	}
	want := []string{"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/cover.xhtml", "EPUB/title.xhtml",
		"EPUB/nav.xhtml", "EPUB/chapter-1.xhtml", "EPUB/chapter-2.xhtml", "EPUB/chapter-3.xhtml", "EPUB/chapter-4.xhtml", "EPUB/appendix.xhtml",
		"EPUB/toc.ncx", "EPUB/style.css", "EPUB/images/cover.png", "EPUB/images/img-1.png"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("entries:\n got %v\nwant %v", names, want)
	}
}

// TestZeroModified uses 1980-01-01 when no time is given.
func TestZeroModified(t *testing.T) {
	t.Parallel()
	d, opts := article()
	opts.Modified = opts.Modified.AddDate(-100, 0, 0)
	out, _ := render(t, d, opts)
	files := unzip(t, out)
	opf := string(readEntry(t, files[2]))
	if !strings.Contains(opf, `<meta property="dcterms:modified">1980-01-01T00:00:00Z</meta>`) {
		t.Errorf("package document without the 1980 modification time:\n%s", opf)
	}
	if got := files[0].Modified.Format("2006-01-02T15:04:05"); got != "1980-01-01T00:00:00" {
		t.Errorf("mimetype modified %s", got)
	}
}

// TestDiagnostics checks the warnings of the test book, with positions.
func TestDiagnostics(t *testing.T) {
	t.Parallel()
	d, opts := testBook(t)
	_, diags := render(t, d, opts)
	var got []string
	for _, dg := range diags {
		got = append(got, dg.String())
	}
	want := []string{
		`test.md:28:1: warning: heading level 3 follows level 1; the e-book makes it level 2`,
		`test.md:44:1: warning: link "javascript:alert(1)" in raw HTML cannot be followed in the e-book; it is left out, its text kept`,
		`test.md:44:1: warning: raw HTML <script> is not allowed in the e-book; it is left out`,
		`test.md:46:40: warning: raw HTML <script> is not allowed in the e-book; it is left out`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// deflatedSize is the size of data deflated at the package's level.
func deflatedSize(t *testing.T, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, zipLevel)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	fw.Close()
	return buf.Len()
}

// TestCompressorsReused: e-books zipped with compressors an earlier
// e-book used (a batch's Compressors) are byte for byte those zipped with
// new ones: a book, an article, the book again.
func TestCompressorsReused(t *testing.T) {
	t.Parallel()
	bookDoc, bookOpts := testBook(t)
	articleDoc, articleOpts := article()
	shared := &Compressors{}
	for i, c := range []struct {
		d    *doc.Document
		opts Options
	}{{bookDoc, bookOpts}, {articleDoc, articleOpts}, {bookDoc, bookOpts}, {articleDoc, articleOpts}} {
		fresh, _ := render(t, c.d, c.opts)
		c.opts.Compressors = shared
		reused, _ := render(t, c.d, c.opts)
		if !bytes.Equal(fresh, reused) {
			t.Errorf("%d: the e-book zipped with a batch's compressors differs from one zipped with new ones", i)
		}
	}
	if fw, err := shared.get(); err != nil || fw == nil {
		t.Fatalf("no compressor: %v", err)
	}
}

// TestChapterWarningsInOrder: the chapters are written on every core, and
// their warnings all come, once each and in the chapters' order. Each
// chapter's is at the same position, where only that order sorts them.
func TestChapterWarningsInOrder(t *testing.T) {
	t.Parallel()
	d := &doc.Document{Meta: doc.Meta{Title: "Chapters", Lang: "en"}}
	at := doc.Pos{File: "c.md", Line: 3, Col: 1}
	var want []string
	for i, tag := range []string{"script", "style", "iframe", "object", "embed", "form", "canvas", "video", "audio"} {
		d.Blocks = append(d.Blocks,
			&doc.Heading{Pos: at, Level: 1, Attr: doc.Attr{ID: fmt.Sprint("c", i)}, Content: []doc.Inline{&doc.Text{Value: fmt.Sprint("Chapter ", i)}}},
			&doc.RawHTML{Pos: at, HTML: "<" + tag + "></" + tag + ">"})
		want = append(want, "c.md:3:1: warning: raw HTML <"+tag+"> is not allowed in the e-book; it is left out")
	}
	opts := Options{Modified: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}
	opts.Settings.SplitLevel = 1
	_, diags := render(t, d, opts)
	var got []string
	for _, dg := range diags {
		got = append(got, dg.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
