package export

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// citingDoc cites a work of its front matter's references and one of its
// bibliography file.
const citingDoc = `---
title: Citing
bibliography: refs/works.json
references:
- id: cha2012
  author: [{family: Cha, given: Victor}]
  title: The Impossible State
  publisher: Ecco
  issued: 2012
---

# Summit

The summit was expected [@cha2012, p. 33], as @lee2015 shows.
`

// TestCitedBibliography: a document cites works of its references and of
// its bibliography file; both outputs set the citations in author-date
// form, linked to the works' entries under "References" in the
// appendix, and pass their validators.
func TestCitedBibliography(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "refs/works.json", `[{"id": "lee2015", "author": [{"family": "Lee"}], "title": "Pyongyang", "issued": {"date-parts": [[2015]]}}]`)
	res, err := buildSource(t, dir, citingDoc)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagnosticStrings(res))
	}
	if d := diagnosticStrings(res); d != "" {
		t.Errorf("diagnostics:\n%s", d)
	}
	if !strings.Contains(strings.Join(res.Read, "\n"), filepath.Join("refs", "works.json")) {
		t.Errorf("the files read %v lack the bibliography", res.Read)
	}
	pdf, epub := filepath.Join(dir, "out", "doc.pdf"), filepath.Join(dir, "out", "doc.epub")
	text := strings.Join(strings.Fields(command(t, "pdftotext", pdf, "-")), " ")
	for _, want := range []string{"expected (Cha 2012, 33), as Lee (2015) shows.", "References Cha, Victor. 2012. The Impossible State. Ecco. Lee. 2015. Pyongyang."} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	dests := command(t, "pdfinfo", "-dests", pdf)
	for _, id := range []string{`"ref-cha2012"`, `"ref-lee2015"`, `"refs"`} {
		if !strings.Contains(dests, id) {
			t.Errorf("the PDF has no destination %s:\n%s", id, dests)
		}
	}
	if qdf := uncompressedPDF(t, pdf); strings.Count(qdf, "/Dest (ref-") < 2 {
		t.Errorf("the PDF's citations do not link to the entries")
	}
	files := readZip(t, epub)
	chapter, appendix := string(files["EPUB/chapter-1.xhtml"]), string(files["EPUB/appendix.xhtml"])
	if !strings.Contains(chapter, `<span class="citation">(<a href="appendix.xhtml#ref-cha2012">Cha 2012</a>, 33)</span>`) ||
		!strings.Contains(appendix, `<li id="ref-lee2015">`) {
		t.Errorf("the e-book's citation or entry is missing:\n%s\n%s", chapter, appendix)
	}
	validate.EPUBCheck(t, epub)
	command(t, "qpdf", "--check", pdf)
}

// TestBibliographyOutsideRoot: a bibliography file out of the document's
// directory is refused, as an image there is, and nothing is written.
func TestBibliographyOutsideRoot(t *testing.T) {
	t.Parallel()
	dir, _ := project(t)
	res, err := buildSource(t, dir, "---\nbibliography: ../secret/passwd.json\n---\n\nText [@x].\n")
	requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":1:1", `bibliography "../secret/passwd.json"`)
}

// TestMissingBibliography: a bibliography file that does not exist (one
// a book's R code writes, as bookdown's packages.bib) is a warning, its
// works' citations each another, and the document is built with the
// works of the files that do.
func TestMissingBibliography(t *testing.T) {
	t.Parallel()
	dir, _ := project(t)
	writeFile(t, dir, "book.bib", "@book{xie2015, author = {Yihui Xie}, title = {Dynamic Documents with R and knitr}, year = {2015}}\n")
	res, err := buildSource(t, dir, "---\nbibliography: [book.bib, packages.bib]\n---\n\nSee [@xie2015] and [@R-base].\n")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(res.Diagnostics)
	for _, want := range []string{
		`doc.md:1:1: warning: bibliography "packages.bib" does not exist: the works only it lists are not cited`,
		`warning: citation [@R-base]: no reference has the id "R-base"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics %s, want %q", got, want)
		}
	}
	if len(res.Diagnostics) != 2 || len(res.Artifacts) != 2 {
		t.Errorf("%d diagnostics, %d artifacts: %s", len(res.Diagnostics), len(res.Artifacts), got)
	}
}

// TestCitedBook: a book cites works of its book.yaml's bibliography and
// of a chapter's own references and bibliography file (BibTeX), named
// from the chapter's directory; every work cited is listed once.
func TestCitedBook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "book.yaml", "title: Cited book\nlang: en\nbibliography: refs.yaml\nchapters: [one.md, part/two.md]\n")
	writeFile(t, dir, "refs.yaml", "references:\n- id: ada\n  author: [{family: Lovelace, given: Ada}]\n  title: Notes\n  issued: 1843\n")
	writeFile(t, dir, "one.md", "# One\n\nAs [@ada] wrote, and [@bab].\n")
	writeFile(t, dir, "part/two.md", "---\nbibliography: more.bib\nreferences:\n- {id: turing, author: [{family: Turing}], title: Computing, issued: 1950}\n---\n\n# Two\n\nSee @turing and [@bab, 12].\n")
	writeFile(t, dir, "part/more.bib", "@book{bab, author = {Babbage}, title = {Engine}, year = 1864}\n")
	res, err := newBuilder(t).Build(dir, testOptions(filepath.Join(dir, "out")))
	if err != nil || diagnosticStrings(res) != "" {
		t.Fatalf("%v\n%s", err, diagnosticStrings(res))
	}
	name := filepath.Base(dir)
	text := strings.Join(strings.Fields(command(t, "pdftotext", filepath.Join(dir, "out", name+".pdf"), "-")), " ")
	for _, want := range []string{"As (Lovelace 1843) wrote, and (Babbage 1864).", "See Turing (1950) and (Babbage 1864, 12).",
		"References Babbage. 1864. Engine. Lovelace, Ada. 1843. Notes. Turing. 1950. Computing."} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	validate.EPUBCheck(t, filepath.Join(dir, "out", name+".epub"))
}
