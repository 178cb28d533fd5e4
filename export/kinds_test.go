package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/golden"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/bookgen"
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
	t.Parallel()
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
		"Footnoteword", "breakword", "kbdword", "rawinlineword", "anchor.", "Bulletitem", "Taskitem", "Ordereditem", "Quoteword", "Calloutword",
		"codeblockword", "Headcell", "Bodycell", "Tablecaption", "Figurecaption", "Termword", "Definitionword", "Rawblockword", "Summaryword", "Detailsword.",
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

// epubBodyText is the text of every XHTML file of an EPUB, tags removed:
// a span (a token of highlighted code, a page marker) with nothing in its
// place, any other tag with a space.
func epubBodyText(t *testing.T, path string) string {
	t.Helper()
	inline := regexp.MustCompile(`</?span\b[^>]*>`).ReplaceAllString(epubRaw(t, path), "") // highlighted code's tokens, page markers
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(inline, " ")
}

// TestEveryKindTagged builds the fixture's PDF and checks its structure
// tree: pdfinfo -struct's dump (poppler) against a golden file, every
// kind's tag in reading order, and the page furniture left out of the
// structure's text.
func TestEveryKindTagged(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	dir := t.TempDir()
	res, err := newBuilder(t).Build(everyKind, testOptions(dir, func(o *options.Options) { o.Output.Formats = []Format{PDF} }))
	if err != nil {
		t.Fatal(err)
	}
	path := res.Artifacts[0].Path
	r := validate.PDF(t, path) // qpdf --check and poppler
	if r.Info["Tagged"] != "yes" {
		t.Errorf("pdfinfo: Tagged %q", r.Info["Tagged"])
	}
	out, err := exec.Command("pdfinfo", "-struct", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct: %v", err)
	}
	golden.Check(t, "testdata/kinds/every-kind.struct.golden", out)
	for _, tag := range []string{"Document", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "BlockQuote", "Div", "Code", "Table",
		"THead", "TBody", "TR", "TH", "TD", "Figure", "Caption", "Reference", "Note", "Sect", "BibEntry", "Link", "TOC", "TOCI"} {
		if !regexp.MustCompile(`(?m)^\s*` + tag + `\b`).Match(out) {
			t.Errorf("no %s element:\n%s", tag, out)
		}
	}
	text, err := exec.Command("pdfinfo", "-struct-text", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	for _, furniture := range []string{"Page 1 of", "Page 2 of"} {
		if bytes.Contains(text, []byte(furniture)) {
			t.Errorf("the structure's text holds the page furniture %q", furniture)
		}
	}
	for _, w := range []string{"Headingone", "Paragraphword", "Bodycell", "Footnoteword", "Referencebook Title"} {
		if !bytes.Contains(text, []byte(w)) {
			t.Errorf("the structure's text lacks %q", w)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw = validate.Objects(t, raw)
	// The Greek paragraph's /Lang, the task's check box read as ☑ (UTF-16BE
	// with a byte order mark), the footnote's /ID in the IDTree.
	for _, want := range []string{"/MarkInfo<</Marked true>>", "/DisplayDocTitle true", "/Lang(en)", "/Lang(el)", "/Alt(Figurecaption)",
		"<pdfuaid:part>1</pdfuaid:part>", "/StructParents 0/Tabs/S", "/ActualText<FEFF2611>", "/ID(fn-1)", "/IDTree"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("the PDF lacks %s", want)
		}
	}
}

// TestBooksTagged builds the seed, the sample book and a generated book of
// over 500 pages, and checks that each PDF is tagged throughout: pdfinfo
// says so and the structure has its headings and paragraphs. For the
// seed and the sample book the structure's text (pdfinfo -struct-text,
// which takes poppler 12 s on a book of 183 pages) must hold the words
// of the page text (pdftotext), all but the page furniture's, and no two
// words run together at a line's end.
func TestBooksTagged(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	validate.RequireTool(t, "pdftotext")
	gen := t.TempDir()
	if _, err := bookgen.Write(gen, "long.md", 1); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{seed, "../content/field-notebooks", filepath.Join(gen, "long.md")} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			t.Parallel()
			res, err := newBuilder(t).Build(src, testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats = []Format{PDF} }))
			if err != nil {
				t.Fatal(err)
			}
			path := res.Artifacts[0].Path
			r := validate.PDF(t, path)
			if r.Info["Tagged"] != "yes" {
				t.Errorf("pdfinfo: Tagged %q", r.Info["Tagged"])
			}
			structure := command(t, "pdfinfo", "-struct", path)
			for _, kind := range []string{"H1", "H2", "P", "Sect", "Link"} {
				if n := len(regexp.MustCompile(`(?m)^\s+`+kind+`\b`).FindAllString(structure, -1)); n < 2 {
					t.Errorf("the structure has %d %s elements", n, kind)
				}
			}
			if filepath.Base(src) == "long.md" {
				if r.Pages < 500 {
					t.Errorf("the generated book has %d pages, want 500 or more", r.Pages)
				}
				return
			}
			structText := command(t, "pdfinfo", "-struct-text", path)
			// The seed's subtitle is set on two lines, "…of the" and
			// "second…": a space between them.
			if src == seed && !strings.Contains(structText, "aftermath of the second Trump–Kim meeting") {
				t.Error("the structure's text runs the subtitle's lines together")
			}
			tagged := map[string]bool{}
			for _, w := range wordsOf(structText) {
				tagged[w] = true
			}
			var missing []string
			words := 0
			// pdftotext reads a hyphenated word's soft hyphen (ActualText)
			// and joins the word; pdfinfo -struct-text does not, and has
			// the word's two parts.
			split := func(w string) bool {
				for i := 1; i < len(w); i++ {
					if tagged[w[:i]] && tagged[w[i:]] {
						return true
					}
				}
				return false
			}
			for _, page := range pdfPages(t, path) {
				for _, w := range page {
					words++
					if !tagged[w] && !split(w) {
						missing = append(missing, w)
					}
				}
			}
			if len(missing) > 0 {
				t.Errorf("%d of %d page words are in no structure element: %q", len(missing), words, missing)
			}
			t.Logf("%d pages, %d words, %d not in the structure", r.Pages, words, len(missing))
		})
	}
}
