package export

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

const sampleBook = "../content/field-notebooks"

// The sample book's chapter titles, in book.yaml's order, as numbered.
var sampleChapters = []string{"Preface", "1. Planning the term", "2. Running a session", "3. Reading the notebooks", "Glossary"}

func buildSampleBook(t *testing.T, dir string) *Result {
	t.Helper()
	res, err := newBuilder(t).Build(sampleBook, testOptions(dir))
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSampleBookArtifacts(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	dir := t.TempDir()
	res := buildSampleBook(t, dir)
	if !res.Book || res.Title != "Field Notebooks in the Classroom" || len(res.Artifacts) != 2 {
		t.Fatalf("result: %+v", res)
	}
	for _, a := range res.Artifacts {
		if want := filepath.Join(dir, "field-notebooks."+string(a.Format)); a.Path != want {
			t.Errorf("path %s, want %s", a.Path, want)
		}
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if a.Bytes != len(data) || a.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: bytes %d sha %s do not match the file", a.Path, a.Bytes, a.SHA256)
		}
	}
	epubPath := res.Artifacts[1].Path
	zr, err := zip.OpenReader(epubPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		files[f.Name] = buf.String()
	}
	if res.Artifacts[1].Chapters != len(sampleChapters) {
		t.Errorf("EPUB chapters %d, want %d", res.Artifacts[1].Chapters, len(sampleChapters))
	}
	// Each chapter file of the book is one EPUB chapter, in order.
	for i, title := range sampleChapters {
		name := "EPUB/chapter-" + string(rune('1'+i)) + ".xhtml"
		if !strings.Contains(files[name], ">"+title+"</h1>") {
			t.Errorf("%s does not start chapter %q", name, title)
		}
	}
	// Cross-file links point into the other chapter files.
	for name, href := range map[string]string{
		"EPUB/chapter-1.xhtml": `href="chapter-4.xhtml#a-simple-rubric"`,
		"EPUB/chapter-3.xhtml": `href="chapter-2.xhtml#room-plan"`,
		"EPUB/chapter-5.xhtml": `href="chapter-2.xhtml#the-calendar"`,
	} {
		if !strings.Contains(files[name], href) {
			t.Errorf("%s lacks %s", name, href)
		}
	}
	if !regexp.MustCompile(`<img src="images/img-1.png" alt="Classroom plan: `).MatchString(files["EPUB/chapter-2.xhtml"]) {
		t.Errorf("chapter 2 lacks the room plan image")
	}

	validate.EPUBCheck(t, epubPath)
}

func TestSampleBookPDF(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "qpdf")
	validate.RequireTool(t, "pdftotext")
	dir := t.TempDir()
	res := buildSampleBook(t, dir)
	pdfPath := res.Artifacts[0].Path
	rep := validate.PDF(t, pdfPath)
	if rep.Pages != res.Artifacts[0].Pages {
		t.Errorf("pdfinfo says %d pages, the result %d", rep.Pages, res.Artifacts[0].Pages)
	}
	// chapter_start: right puts every chapter on an odd page with its
	// title at the top.
	startPage := map[string]int{}
	for p := 1; p <= rep.Pages; p++ {
		lines := strings.Split(strings.TrimSpace(rep.PageText(p)), "\n")
		for _, title := range sampleChapters {
			if len(lines) > 2 && strings.TrimSpace(lines[2]) == title {
				startPage[title] = p
			}
		}
	}
	for _, title := range sampleChapters {
		if p := startPage[title]; p == 0 || p%2 == 0 {
			t.Errorf("chapter %q starts on page %d, want an odd page", title, p)
		}
	}
	// The preface's links to other chapter files are clickable: link
	// annotations whose destinations are the chapters' pages.
	dests := linkDestinations(t, pdfPath)
	from := dests[startPage["Preface"]]
	for _, title := range []string{"1. Planning the term", "2. Running a session", "3. Reading the notebooks", "Glossary"} {
		found := false
		for _, p := range from {
			found = found || p == startPage[title]
		}
		if !found {
			t.Errorf("no link on the preface page (%d) to %q on page %d; destinations %v", startPage["Preface"], title, startPage[title], from)
		}
	}
}

// linkDestinations reads the PDF with qpdf --json and returns, for every
// 1-based page, the pages its link annotations go to.
func linkDestinations(t *testing.T, path string) map[int][]int {
	t.Helper()
	out, err := exec.Command("qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"` // a header, then the objects
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.QPDF) < 2 {
		t.Fatal("qpdf --json: no objects")
	}
	var objects map[string]struct {
		Value map[string]json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(v.QPDF[1], &objects); err != nil {
		t.Fatal(err)
	}
	pageOf := map[string]int{}
	for i, p := range v.Pages {
		pageOf[p.Object] = i + 1
	}
	// The named destinations: the catalog's /Names /Dests tree, one level.
	named := map[string][]json.RawMessage{}
	var trailerRoot string
	json.Unmarshal(objects["trailer"].Value["/Root"], &trailerRoot)
	var names struct {
		Dests string `json:"/Dests"`
	}
	json.Unmarshal(objects["obj:"+trailerRoot].Value["/Names"], &names)
	var pairs []json.RawMessage
	json.Unmarshal(objects["obj:"+names.Dests].Value["/Names"], &pairs)
	for k := 0; k+1 < len(pairs); k += 2 {
		var key string
		var dest []json.RawMessage
		json.Unmarshal(pairs[k], &key)
		json.Unmarshal(pairs[k+1], &dest)
		named[key] = dest
	}
	res := map[int][]int{}
	for i, p := range v.Pages {
		var annots []json.RawMessage // inline dictionaries or references
		json.Unmarshal(objects["obj:"+p.Object].Value["/Annots"], &annots)
		for _, raw := range annots {
			var annot map[string]json.RawMessage
			var ref string
			if json.Unmarshal(raw, &ref) == nil {
				annot = objects["obj:"+ref].Value
			} else {
				json.Unmarshal(raw, &annot)
			}
			var dest []json.RawMessage
			var name string
			if json.Unmarshal(annot["/Dest"], &name) == nil {
				dest = named[name]
			} else {
				json.Unmarshal(annot["/Dest"], &dest)
			}
			if len(dest) == 0 {
				continue
			}
			var target string
			json.Unmarshal(dest[0], &target)
			if n := pageOf[target]; n > 0 {
				res[i+1] = append(res[i+1], n)
			}
		}
	}
	return res
}

func TestSummaryBookEPUBCheck(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	dir := t.TempDir()
	res, err := newBuilder(t).Build("book/testdata/summary/SUMMARY.md", testOptions(dir, func(o *options.Options) { o.Output.Formats = []Format{EPUB} }))
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !res.Book || res.Title != "My Summary Book" || res.Artifacts[0].Path != filepath.Join(dir, "summary.epub") {
		t.Fatalf("result %+v", res)
	}
	validate.EPUBCheck(t, res.Artifacts[0].Path)
}

// TestMdBookIncludes: a SUMMARY.md book whose chapter includes code and
// Markdown: the included text is in both outputs, no "{{#" is left, and a
// problem inside an included file is reported at its own file and line.
func TestMdBookIncludes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	writeFile(t, src, "SUMMARY.md", "# Summary\n\n- [Intro](intro.md)\n")
	writeFile(t, src, "intro.md", "# Intro\n\n```rust\n{{#rustdoc_include listings/main.rs:body}}\n```\n\n{{#include notes.md}}\n")
	writeFile(t, filepath.Join(src, "listings"), "main.rs", "# fn main() {\n// ANCHOR: body\nlet answer = 42;\n// ANCHOR_END: body\n# }\n")
	writeFile(t, src, "notes.md", "Included prose with a [broken link](#nowhere).\n")
	out := t.TempDir()
	res, err := newBuilder(t).Build(filepath.Join(src, "SUMMARY.md"), testOptions(out))
	if err != nil {
		t.Fatal(err)
	}
	var ds []string
	for _, d := range res.Diagnostics {
		ds = append(ds, d.String())
	}
	if len(ds) != 1 || !strings.HasPrefix(ds[0], filepath.Join(src, "notes.md")+`:1:23: warning: broken internal link "#nowhere"`) {
		t.Errorf("diagnostics %q", ds)
	}
	pdf := normalizeSpace(validate.PDF(t, filepath.Join(out, "src.pdf")).Text)
	epub := normalizeSpace(epubBodyText(t, filepath.Join(out, "src.epub")))
	for name, text := range map[string]string{"PDF": pdf, "EPUB": epub} {
		if !strings.Contains(text, "let answer = 42;") || !strings.Contains(text, "Included prose") || strings.Contains(text, "{{#") ||
			strings.Contains(text, "fn main") || strings.Contains(text, "ANCHOR") {
			t.Errorf("%s text:\n%s", name, text)
		}
	}
	if !slices.Contains(res.Read, filepath.Join(src, "intro.md")) {
		t.Errorf("read %q", res.Read)
	}
}

// TestBookTOML: an mdBook as its authors keep it: book.toml's [book]
// metadata, chapters in src/ listed by src/SUMMARY.md, a listing included
// from outside src/ but inside the book.
func TestBookTOML(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "rivers")
	writeFile(t, dir, "book.toml", "[book]\ntitle = \"Rivers\"\nauthors = [\"A. Teacher\", \"B. Teacher\"]\nlanguage = \"en\"\ndescription = \"Why rivers bend.\"\nsrc = \"src\"\n\n[output.html]\ngit-repository-url = \"https://example.org/rivers\"\n")
	writeFile(t, filepath.Join(dir, "src"), "SUMMARY.md", "# Summary\n\n- [Bends](bends.md)\n")
	writeFile(t, filepath.Join(dir, "src"), "bends.md", "# Bends\n\n```python\n{{#include ../listings/bend.py}}\n```\n")
	writeFile(t, filepath.Join(dir, "listings"), "bend.py", "meander = True\n")
	out := t.TempDir()
	res, err := newBuilder(t).Build(dir, testOptions(out, func(o *options.Options) { o.Output.Formats = []Format{EPUB} }))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) > 0 || !res.Book || res.Title != "Rivers" {
		t.Errorf("book %v, title %q, diagnostics %v", res.Book, res.Title, res.Diagnostics)
	}
	epub := filepath.Join(out, "rivers.epub")
	validate.EPUBCheck(t, epub)
	if text := epubBodyText(t, epub); !strings.Contains(text, "meander = True") || strings.Contains(text, "{{#") {
		t.Errorf("text:\n%s", text)
	}
	opf := string(readZip(t, epub)["EPUB/package.opf"])
	for _, want := range []string{">Rivers</dc:title>", ">A. Teacher</dc:creator>", ">B. Teacher</dc:creator>", "<dc:language>en</dc:language>", "Why rivers bend."} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %q", want)
		}
	}
}

// TestHTMLOptionList: the Cargo book's command pages, a raw HTML <dl>
// whose <dt id> terms and <dd> bodies are blocks split by blank lines,
// linked to from another chapter as cargo.html#option-…. Both outputs set
// it as a definition list (EPUBCheck found 1598 errors in the Cargo book
// when each block was sanitised alone: <dt> out of its <dl>), the links
// reach the terms, and no text is lost.
func TestHTMLOptionList(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	src := filepath.Join(t.TempDir(), "src")
	writeFile(t, src, "SUMMARY.md", "# Summary\n\n- [Guide](guide.md)\n- [cargo](commands/cargo.md)\n")
	writeFile(t, src, "guide.md", "# Guide\n\nWork without a network with [`--offline`](commands/cargo.html#option-cargo---offline).\n")
	writeFile(t, filepath.Join(src, "commands"), "cargo.md", `# cargo

## Manifest Options

<dl>
<dt class="option-term" id="option-cargo---locked"><a class="option-anchor" href="#option-cargo---locked"><code>--locked</code></a></dt>
<dd class="option-desc"><p>Asserts that the exact same dependencies are used:</p>
<ul>
<li>The lock file is missing.</li>
<li>Cargo attempted to change the lock file.</li>
</ul>
</dd>


<dt class="option-term" id="option-cargo---offline"><a class="option-anchor" href="#option-cargo---offline"><code>--offline</code></a></dt>
<dd class="option-desc"><p>Prevents Cargo from accessing the network. See the <a href="../guide.html">guide</a>.</p>
</dd>

</dl>
`)
	out := t.TempDir()
	res, err := newBuilder(t).Build(filepath.Join(src, "SUMMARY.md"), testOptions(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	epub := filepath.Join(out, "src.epub")
	validate.EPUBCheck(t, epub)
	var body strings.Builder
	for name, data := range readZip(t, epub) {
		if strings.HasPrefix(name, "EPUB/chapter-") {
			body.Write(data)
		}
	}
	xhtml := body.String()
	for _, want := range []string{`<dl>`, `<dt><span id="option-cargo---offline"></span>`, `href="chapter-1.xhtml#guide"`, `<li>The lock file is missing.</li>`,
		`<code>--offline</code>`, `href="chapter-2.xhtml#option-cargo---offline"`} {
		if !strings.Contains(xhtml, want) {
			t.Errorf("EPUB lacks %s", want)
		}
	}
	if strings.Count(xhtml, "<dl") != 1 || strings.Count(xhtml, "<dt") != 2 || strings.Count(xhtml, "<dd") != 2 {
		t.Errorf("EPUB definition list:\n%s", xhtml)
	}
	pdf := validate.PDF(t, filepath.Join(out, "src.pdf"))
	text := normalizeSpace(pdf.Text)
	for _, want := range []string{"--locked Asserts that the exact same dependencies are used:", "The lock file is missing.", "--offline Prevents Cargo from accessing the network."} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
}
