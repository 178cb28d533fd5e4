package export

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// TestFormulaTagged: a displayed formula, set in two dimensions, is a
// Formula structure element whose /Alt is its TeX; an inline one stays
// text of its paragraph.
func TestFormulaTagged(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	validate.RequireTool(t, "qpdf")
	dir := t.TempDir()
	res, err := buildSource(t, dir, "# Doc\n\nThe roots of $ax^2 + bx + c = 0$ are\n\n$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$$\n\nEnd.\n",
		func(o *options.Options) { o.Output.Formats = []Format{PDF} })
	if err != nil {
		t.Fatal(err)
	}
	if got := diagnosticStrings(res); got != "" {
		t.Errorf("diagnostics:\n%s\nwant none", got)
	}
	path := filepath.Join(dir, "out", "doc.pdf")
	validate.PDF(t, path)
	structure := command(t, "pdfinfo", "-struct", path)
	if n := len(regexp.MustCompile(`(?m)^\s*Formula\b`).FindAllString(structure, -1)); n != 1 {
		t.Errorf("%d Formula elements, want the displayed formula's:\n%s", n, structure)
	}
	data := uncompressedPDF(t, path)
	// The ActualText is the formula set as text, in UTF-16: "x = (−b ± √(b2 − 4ac))/(2a)".
	actual := "<feff"
	for _, r := range "x = (−b ± √(b2 − 4ac))/(2a)" {
		actual += fmt.Sprintf("%04x", r)
	}
	for _, want := range []string{`/Alt (x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a})`, "/ActualText " + actual + ">"} {
		if !strings.Contains(data, want) {
			t.Errorf("no %s in the PDF", want)
		}
	}
}
