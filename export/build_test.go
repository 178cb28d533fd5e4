package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/golden"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

const seed = "../content/hanoi-summit.md"

var epoch = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func newBuilder(t *testing.T) *Builder {
	t.Helper()
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testOptions returns the default options, writing to dir and dated
// epoch, changed by edits in order (a nil edit is skipped).
func testOptions(dir string, edits ...func(*options.Options)) options.Options {
	o := options.Defaults()
	o.Output.Dir, o.Run.Modified = dir, epoch
	for _, edit := range edits {
		if edit != nil {
			edit(&o)
		}
	}
	return o
}

func command(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// uncompressedPDF returns the PDF at path as qpdf's QDF form writes it,
// its streams uncompressed and no object in an object stream, for a test
// that reads what the file says.
func uncompressedPDF(t *testing.T, path string) string {
	t.Helper()
	return command(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
}

func buildSeed(t *testing.T, dir string) *Result {
	t.Helper()
	res, err := newBuilder(t).Build(seed, testOptions(dir))
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSeedTree(t *testing.T) {
	t.Parallel()
	var diags diag.List
	d, err := newBuilder(t).Read(seed, &diags)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	doc.Dump(&b, d)
	for _, di := range diags.Items() {
		b.WriteString(di.String() + "\n")
	}
	golden.Check(t, "testdata/"+"hanoi-summit.tree.golden", []byte(b.String()))
}

func TestSeedLayout(t *testing.T) {
	t.Parallel()
	b := newBuilder(t)
	var diags diag.List
	d, err := b.Read(seed, &diags)
	if err != nil {
		t.Fatal(err)
	}
	paper, _ := layout.PaperFor(options.PDF{}, d.Meta.Lang)
	ld, err := layout.Layout(d, layout.Options{Paper: paper, Fonts: b.fonts, TOCDepth: 3, Resources: os.DirFS("../content")}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := ld.Dump(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/"+"hanoi-summit.layout.golden", out.Bytes())
}

// seedParagraphs returns the article's text as the reader should type-set
// it: straight quotes become curly ones, nothing else changes.
func seedParagraphs(t *testing.T) []string {
	t.Helper()
	// A copy of the author's plain text (shared/seed/000_27b0aac5395da9f4.txt).
	raw, err := os.ReadFile("testdata/hanoi-summit.seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		line = strings.ReplaceAll(line, "'", "’")
		line = regexp.MustCompile(`"([^"]*)"`).ReplaceAllString(line, "“$1”")
		out = append(out, line)
	}
	return out
}

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSeedPDF(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "qpdf")
	validate.RequireTool(t, "pdftotext")
	validate.RequireTool(t, "pdffonts")
	dir := t.TempDir()
	buildSeed(t, dir)
	pdf := filepath.Join(dir, "hanoi-summit.pdf")

	if out := command(t, "qpdf", "--check", pdf); !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	fontsOut := command(t, "pdffonts", pdf)
	rows := strings.Split(strings.TrimSpace(fontsOut), "\n")[2:]
	if len(rows) < 3 {
		t.Errorf("pdffonts lists %d fonts, want serif, sans and mono at least:\n%s", len(rows), fontsOut)
	}
	for _, r := range rows {
		if f := strings.Fields(r); len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", r)
		}
	}

	text := normalizeSpace(command(t, "pdftotext", "-enc", "UTF-8", pdf, "-"))
	for _, p := range seedParagraphs(t) {
		if !strings.Contains(text, normalizeSpace(p)) {
			t.Errorf("pdftotext lacks %q", p)
		}
	}
	// The appendix comes last and lists both books with their authors.
	i := strings.LastIndex(text, "Further reading")
	if i < 0 {
		t.Fatalf("no further-reading appendix in the PDF text")
	}
	tail := text[i:]
	for _, s := range []string{"Victor Cha", "The Impossible State: North Korea, Past and Future", "Daniel Tudor", "Korea: The Impossible Country"} {
		if !strings.Contains(tail, s) {
			t.Errorf("appendix lacks %q: %s", s, tail)
		}
	}

	// Every heading is in the PDF outline (bookmarks).
	var outline struct {
		Outlines []outlineItem `json:"outlines"`
	}
	js := command(t, "qpdf", "--json=2", "--json-key=outlines", pdf)
	if err := json.Unmarshal([]byte(js), &outline); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	titles := map[string]bool{}
	var walk func([]outlineItem)
	walk = func(items []outlineItem) {
		for _, it := range items {
			titles[it.Title] = true
			walk(it.Kids)
		}
	}
	walk(outline.Outlines)
	for _, h := range seedHeadings(t) {
		if !titles[h] {
			t.Errorf("PDF outline lacks %q (has %v)", h, keys(titles))
		}
	}
}

type outlineItem struct {
	Title string        `json:"title"`
	Kids  []outlineItem `json:"kids"`
}

func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func seedHeadings(t *testing.T) []string {
	t.Helper()
	var diags diag.List
	d, err := newBuilder(t).Read(seed, &diags)
	if err != nil {
		t.Fatal(err)
	}
	var hs []string
	for _, e := range d.Outline {
		hs = append(hs, e.Title)
	}
	if len(hs) != 9 {
		t.Errorf("seed outline has %d headings, want 9: %q", len(hs), hs)
	}
	return hs
}

func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	return files
}

func TestSeedEPUB(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	dir := t.TempDir()
	buildSeed(t, dir)
	path := filepath.Join(dir, "hanoi-summit.epub")
	files := readZip(t, path)
	var names []string
	for name, data := range files {
		names = append(names, name)
		switch filepath.Ext(name) {
		case ".xhtml", ".opf", ".ncx", ".css", ".xml":
			golden.Check(t, "testdata/"+"hanoi-summit.epub/"+strings.ReplaceAll(name, "/", "_")+".golden", data)
		}
	}
	sort.Strings(names)
	golden.Check(t, "testdata/"+"hanoi-summit.epub/files.golden", []byte(strings.Join(names, "\n")+"\n"))

	var nav []byte
	for name, data := range files {
		if strings.HasSuffix(name, "nav.xhtml") {
			nav = data
		}
	}
	for _, h := range seedHeadings(t) {
		if !bytes.Contains(nav, []byte(">"+h+"<")) {
			t.Errorf("nav lacks %q", h)
		}
	}

	validate.EPUBCheck(t, path)
}

func TestSeedReproducible(t *testing.T) {
	t.Parallel()
	a, b := t.TempDir(), t.TempDir()
	buildSeed(t, a)
	buildSeed(t, b)
	for _, name := range []string{"hanoi-summit.pdf", "hanoi-summit.epub"} {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s: two builds differ", name)
		}
	}
}
