package export

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

const everyKind = "testdata/kinds/every-kind.md"

// nodeKinds reads the registration block of doc/walk.go: every node kind
// of the closed tree.
func nodeKinds(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("doc/walk.go")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, m := range regexp.MustCompile(`(?m)^func \(\*(\w+)\) node\(\)`).FindAllSubmatch(src, -1) {
		kinds = append(kinds, "*doc."+string(m[1]))
	}
	if len(kinds) < 30 {
		t.Fatalf("found %d kinds in doc/walk.go", len(kinds))
	}
	return kinds
}

// TestEveryKindFixture: the fixture holds every node kind the tree has, so
// that the renderers' switches (each with a default that panics with the
// kind, as go/ast's Walk does) are all exercised by the test below.
func TestEveryKindFixture(t *testing.T) {
	var diags diag.List
	d, err := newBuilder(t).Read(everyKind, &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	seen := map[string]bool{}
	doc.Inspect(d, func(n doc.Node) bool {
		seen[fmt.Sprintf("%T", n)] = true
		return true
	})
	for _, e := range d.Outline { // the outline is beside the blocks, not in them
		seen[fmt.Sprintf("%T", e)] = true
	}
	for _, k := range nodeKinds(t) {
		if !seen[k] {
			t.Errorf("the fixture has no %s", k)
		}
	}
}

// TestEveryKindRendered builds the fixture to PDF and EPUB: both are valid,
// and the word each kind carries is in each.
func TestEveryKindRendered(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	dir := t.TempDir()
	res, err := newBuilder(t).Build(everyKind, testOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	pdfText := normalizeSpace(validate.PDF(t, filepath.Join(dir, "every-kind.pdf")).Text)
	validate.EPUBCheck(t, filepath.Join(dir, "every-kind.epub"))
	epubText := normalizeSpace(epubBodyText(t, filepath.Join(dir, "every-kind.epub")))
	words := []string{"Headingone", "Paragraphword", "emphasisword", "strongword", "strikeword", "codeword", "linkword",
		"Footnoteword", "breakword", "rawinlineword", "Bulletitem", "Taskitem", "Ordereditem", "Quoteword", "Calloutword",
		"codeblockword", "Headcell", "Bodycell", "Figurecaption", "Termword", "Definitionword", "Rawblockword",
		"Referencebook Title", "Referencenote text."}
	for _, w := range words {
		if !strings.Contains(pdfText, w) {
			t.Errorf("the PDF lacks %q", w)
		}
		if !strings.Contains(epubText, w) {
			t.Errorf("the EPUB lacks %q", w)
		}
	}
}

// epubBodyText is the text of every XHTML file of an EPUB, tags removed.
func epubBodyText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	names := []string{}
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		f, _ := zr.Open(name)
		raw, _ := io.ReadAll(f)
		f.Close()
		b.WriteString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(raw), " "))
	}
	return b.String()
}

// TestResultRead: a build lists the files it read or looked for: the
// source, a book's configuration and chapters, images found and missing.
func TestResultRead(t *testing.T) {
	res, err := newBuilder(t).Build(everyKind, testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats = []Format{EPUB} }))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{everyKind, filepath.Join("testdata", "kinds", "pixel.png")}
	if !slices.Equal(res.Read, want) {
		t.Errorf("handout read %q, want %q", res.Read, want)
	}
	res, err = newBuilder(t).Build(sampleBook, testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats = []Format{EPUB} }))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"book.yaml", "preface.md", "planning.md", "sessions.md", "assessment.md", "glossary.md"} {
		if !slices.Contains(res.Read, filepath.Join(sampleBook, f)) {
			t.Errorf("book read %q, lacking %s", res.Read, f)
		}
	}
	dir := t.TempDir()
	res, _ = buildSource(t, dir, "# Doc\n\n![later](later.png)\n")
	if !slices.Contains(res.Read, filepath.Join(dir, "later.png")) {
		t.Errorf("a missing image is not listed: %q", res.Read)
	}
}
