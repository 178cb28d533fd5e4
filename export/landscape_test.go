package export

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestLandscapeTable builds a handout whose table of ten columns does not
// fit the page upright even in the smallest type: its heading and rows go
// on landscape pages (MediaBox turned), the text after it on an upright
// page, every cell is in the PDF's text and structure, and the PDF is
// valid and tagged.
func TestLandscapeTable(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	validate.RequireTool(t, "pdftotext")
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("---\ntitle: Survey\n---\n\nBefore the table.\n\n## The survey results\n\n|")
	for c := range 10 {
		fmt.Fprintf(&b, " Measurement %d |", c)
	}
	b.WriteString("\n|" + strings.Repeat("---|", 10) + "\n")
	for r := range 30 {
		b.WriteString("|")
		for c := range 10 {
			fmt.Fprintf(&b, " value%dx%d characteristically |", r, c)
		}
		b.WriteString("\n")
	}
	b.WriteString("\nAfter the table.\n")
	path := filepath.Join(dir, "survey.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	pdfPath := buildPDF(t, path)
	validate.PDF(t, pdfPath)
	sizes := regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(command(t, "pdfinfo", "-f", "1", "-l", "99", pdfPath), -1)
	if len(sizes) < 3 {
		t.Fatalf("%d pages, want the upright first, landscape ones, an upright last", len(sizes))
	}
	for i, s := range sizes {
		w, _ := strconv.ParseFloat(s[2], 64)
		h, _ := strconv.ParseFloat(s[3], 64)
		landscape := w > h
		want := i > 0 && i < len(sizes)-1
		if landscape != want {
			t.Errorf("page %s is %s x %s, want landscape %v", s[1], s[2], s[3], want)
		}
		text := command(t, "pdftotext", "-f", s[1], "-l", s[1], pdfPath, "-")
		if strings.Contains(text, "survey results") != (i == 1) || strings.Contains(text, "After the table") != (i == len(sizes)-1) {
			t.Errorf("page %s: the heading on the first landscape page and the text after the table upright, got:\n%s", s[1], text)
		}
	}
	text := command(t, "pdftotext", pdfPath, "-")
	for r := range 30 {
		for c := range 10 {
			if w := fmt.Sprintf("value%dx%d", r, c); !strings.Contains(text, w) {
				t.Errorf("cell %q is not in the PDF's text", w)
			}
		}
	}
	structure := command(t, "pdfinfo", "-struct", pdfPath)
	for _, tag := range []string{"Table", "THead", "TBody", "TH", "TD", "H2"} {
		if !regexp.MustCompile(`(?m)^\s*` + tag + `\b`).MatchString(structure) {
			t.Errorf("no %s element in the structure", tag)
		}
	}
}
