package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/corpus"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/passes"
)

// maxFuzzInput bounds the inputs the renderer fuzz targets try: rendering
// is much slower than parsing, and the limits have their own tests.
const maxFuzzInput = 32 << 10

// fuzzSeeds returns every test document of the repository: the content,
// the reader's test files and cases, this package's robustness documents,
// the GFM examples and the CommonMark specification's examples.
func fuzzSeeds(t testing.TB) [][]byte {
	t.Helper()
	var seeds [][]byte
	for _, pattern := range []string{"../content/*.md", "markdown/testdata/*.md", "testdata/robust/*.md"} {
		names, _ := filepath.Glob(pattern)
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			seeds = append(seeds, src)
		}
	}
	if data, err := os.ReadFile("markdown/testdata/cases.txt"); err == nil {
		seeds = append(seeds, readerCaseInputs(string(data))...)
	}
	gfm, err := corpus.GFM()
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range gfm {
		seeds = append(seeds, []byte(ex.Markdown))
	}
	cm, err := corpus.CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range cm {
		seeds = append(seeds, []byte(ex.Markdown))
	}
	return seeds
}

// readerCaseInputs pulls the inputs out of the reader's case file: the
// lines between a case's title and its first "//- - -" separator, with the
// file's stand-ins for CR, NUL and the byte 0xFF replaced.
func readerCaseInputs(data string) [][]byte {
	var out [][]byte
	var cur []string
	in := false
	for _, line := range strings.Split(data, "\n") {
		switch {
		case strings.HasPrefix(line, "//- - -"):
			if in {
				s := strings.Join(cur, "\n") + "\n"
				s = strings.NewReplacer("␍", "\r", "␀", "\x00", "␦", "\xff").Replace(s)
				out = append(out, []byte(s))
			}
			in, cur = false, nil
		case in:
			cur = append(cur, line)
		case len(line) > 2 && line[0] >= '0' && line[0] <= '9' && strings.Contains(line, ": "):
			in = true
		}
	}
	return out
}

// renderBytes reads src as the file fuzz.md and renders it to format: the
// whole pipeline but the file system. It returns nil when the source has
// errors (which is allowed), and fails the test when a renderer fails on a
// source without errors.
func renderBytes(t *testing.T, b *Builder, format Format, src []byte) []byte {
	t.Helper()
	const name = "testdata/robust/fuzz.md"
	var diags diag.List
	d := markdown.Parse(name, src, &diags)
	passes.Run(d, passes.Options{Covers: b.fonts.Covers}, &diags)
	if diags.HasErrors() {
		return nil
	}
	doc.Inspect(d, func(n doc.Node) bool {
		if tx, ok := n.(*doc.Text); ok && !utf8.ValidString(tx.Value) {
			t.Errorf("invalid UTF-8 in the tree: %q", tx.Value)
		}
		return true
	})
	opts := testOptions("", func(o *options.Options) { o.Output.Formats = []Format{format} })
	resources, err := b.prepare(context.Background(), d, filepath.Dir(name), "", opts, &diags)
	if err != nil {
		return nil // over a limit, or a refused path
	}
	defer resources.Close()
	noCover := &pendingCover{done: make(chan struct{})}
	close(noCover.done)
	out, err := b.render(context.Background(), d, b.fonts, name, resources, noCover, nil, opts, &diags)
	if err != nil {
		var de *diag.Errors
		if errors.As(err, &de) {
			return nil
		}
		t.Fatalf("%s renderer failed on a source without errors: %v", format, err)
	}
	return bytes.Join(out[format].parts, nil)
}

func fuzzBuilder(f *testing.F) *Builder {
	b, err := NewBuilder()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range corpus.FuzzSeeds(fuzzSeeds(f)) {
		f.Add(s)
	}
	return b
}

// FuzzRenderPDF runs Markdown bytes through the reader, the passes and the
// PDF renderer: no panic, and a complete PDF file for every source without
// errors.
func FuzzRenderPDF(f *testing.F) {
	b := fuzzBuilder(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzInput {
			return
		}
		out := renderBytes(t, b, PDF, src)
		if out == nil {
			return
		}
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.Contains(out[max(0, len(out)-32):], []byte("%%EOF")) {
			t.Fatalf("not a complete PDF file (%d bytes)", len(out))
		}
	})
}

// FuzzRenderEPUB runs Markdown bytes through the reader, the passes and the
// EPUB packager: no panic, a readable ZIP whose first entry is the
// mimetype, and well-formed XML in every XML file of the package.
func FuzzRenderEPUB(f *testing.F) {
	b := fuzzBuilder(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzInput {
			return
		}
		out := renderBytes(t, b, EPUB, src)
		if out == nil {
			return
		}
		if err := checkEPUBWellFormed(out); err != nil {
			t.Fatal(err)
		}
	})
}

// checkEPUBWellFormed opens an EPUB and parses each of its XML files.
func checkEPUBWellFormed(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	if len(zr.File) == 0 || zr.File[0].Name != "mimetype" {
		return errors.New("the first entry is not the mimetype")
	}
	for _, zf := range zr.File {
		switch filepath.Ext(zf.Name) {
		case ".xhtml", ".opf", ".ncx", ".xml", ".svg":
		default:
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if err := wellFormed(body); err != nil {
			return errors.New(zf.Name + ": " + err.Error() + "\n" + string(body))
		}
	}
	return nil
}

// wellFormed parses an XML document to its end. XHTML's named entities
// are not declared in an EPUB's files, so the decoder knows none of them.
func wellFormed(body []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
