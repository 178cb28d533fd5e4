package export

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestTableSpans: an HTML table whose cells span columns and rows is a
// table in both outputs, no longer a paragraph of its words in the PDF,
// and so is a pandoc grid table with spans, no longer a code block.
// The e-book keeps the spans (colspan, rowspan); the PDF sets a cell
// across the columns it spans, and its structure tree gives the spans
// (/ColSpan, /RowSpan) on a TH or TD of the right row (TestTableRowSpan
// has the rules of a row span). Both pass their validators, with no
// warning.
func TestTableSpans(t *testing.T) {
	t.Parallel()
	text := "# Spans\n\n<table>\n<thead><tr><th colspan=\"2\">Both</th><th>Third</th></tr></thead>\n" +
		"<tbody><tr><td rowspan=\"2\">tall</td><td>b1</td><td>c1</td></tr>\n<tr><td>b2</td><td>c2</td></tr></tbody>\n</table>\n" +
		"\n+-------+------+\n| Fruit | Cost |\n+=======+======+\n| Apple | 1    |\n+       +------+\n|       | 2    |\n+-------+------+\n| Both together|\n+--------------+\n"
	out := buildTable(t, text)
	for _, want := range []string{`<th scope="col" colspan="2">Both</th><th scope="col">Third</th>`, `<td rowspan="2">tall</td><td>b1</td>`, `<tr><td>b2</td><td>c2</td></tr>`,
		`<tr><td rowspan="2">Apple</td><td>1</td></tr>`, `<tr><td>2</td></tr>`, `<tr><td colspan="2">Both together</td></tr>`} {
		if !strings.Contains(out.xhtml, want) {
			t.Errorf("the EPUB lacks %s", want)
		}
	}
	if strings.Contains(out.pdf.Text, "Both Third tall b1") {
		t.Errorf("the PDF sets the table as a paragraph:\n%s", out.pdf.Text)
	}
	s := out.structure
	for _, want := range []string{"/ColSpan 2", "/RowSpan 2"} {
		if !strings.Contains(s, want) {
			t.Errorf("pdfinfo -struct lacks %s:\n%s", want, s)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^\s*(TH|TD)\b`).FindAllString(s, -1)); n != 7+6 {
		t.Errorf("%d cells in the structure, want the 7 and 6 the tables have:\n%s", n, s)
	}
}

// builtTable is what a table test reads of a document built into both
// outputs: the e-book's XHTML, the PDF's report, and its structure tree
// (pdfinfo -struct).
type builtTable struct {
	xhtml     string
	pdf       validate.Report
	structure string
}

// buildTable builds text into both outputs, each checked by its
// validator, and reports any warning.
func buildTable(t *testing.T, text string) builtTable {
	t.Helper()
	validate.RequireTool(t, "pdfinfo")
	dir := t.TempDir()
	res, err := buildSource(t, dir, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("warnings %v, want none", res.Diagnostics)
	}
	epub, pdf := filepath.Join(dir, "out", "doc.epub"), filepath.Join(dir, "out", "doc.pdf")
	validate.EPUBCheck(t, epub)
	return builtTable{xhtml: epubRaw(t, epub), pdf: validate.PDF(t, pdf), structure: command(t, "pdfinfo", "-struct", pdf)}
}
