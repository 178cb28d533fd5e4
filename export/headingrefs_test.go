package export

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestHeadingRefsBuilt: pandoc's implicit heading references ("[Creating a
// PDF]" for "# Creating a PDF", as pandoc's manual writes 69 of them) are
// links in both outputs to the id the heading gets, with no warning: in
// the PDF a destination the link goes to, in the e-book an href into the
// heading's chapter.
func TestHeadingRefsBuilt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "---\ntitle: Manual\n---\n\n# Options\n\nSee [creating a PDF] and [Creating a PDF][].\n\n# Creating a PDF\n\nBack to [Options].\n"
	res, err := buildSource(t, dir, src)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagnosticStrings(res))
	}
	if d := diagnosticStrings(res); d != "" {
		t.Errorf("diagnostics:\n%s", d)
	}
	pdf, epub := filepath.Join(dir, "out", "doc.pdf"), filepath.Join(dir, "out", "doc.epub")
	if text := strings.Join(strings.Fields(command(t, "pdftotext", pdf, "-")), " "); !strings.Contains(text, "See creating a PDF and Creating a PDF.") {
		t.Errorf("the PDF's text lacks the links' text:\n%s", text)
	}
	if qdf := uncompressedPDF(t, pdf); strings.Count(qdf, "/Dest (creating-a-pdf)") < 2 || !strings.Contains(qdf, "/Dest (options)") {
		t.Errorf("the PDF's links do not go to the headings")
	}
	files := readZip(t, epub)
	one, two := string(files["EPUB/chapter-1.xhtml"]), string(files["EPUB/chapter-2.xhtml"])
	if !strings.Contains(one, `<a href="chapter-2.xhtml#creating-a-pdf">creating a PDF</a>`) || !strings.Contains(two, `<a href="chapter-1.xhtml#options">Options</a>`) {
		t.Errorf("the e-book's links are missing:\n%s\n%s", one, two)
	}
}
