package export

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
)

// TestOmitClasses: --omit solution,instructor (the options table's
// setting, as a flag, variable or book.yaml key gives it) makes a
// student edition of a Carpentries-style lesson: both outputs lose the
// solutions and the instructor's notes, and keep the challenge.
func TestOmitClasses(t *testing.T) {
	t.Parallel()
	const lesson = "# Lesson\n\n::: challenge\n## Tilde\nWhat is ~?\n\n:::: solution\nThe home directory.\n::::\n:::\n\n::: instructor\nAsk who has used it.\n:::\n"
	dir := t.TempDir()
	res, err := buildSource(t, dir, lesson, func(o *options.Options) {
		if err := o.Set("omit", "solution, Instructor"); err != nil {
			t.Fatal(err)
		}
	})
	if err != nil || diagnosticStrings(res) != "" {
		t.Fatalf("%v\n%s", err, diagnosticStrings(res))
	}
	text := command(t, "pdftotext", filepath.Join(dir, "out", "doc.pdf"), "-")
	chapter := string(readZip(t, filepath.Join(dir, "out", "doc.epub"))["EPUB/chapter-1.xhtml"])
	for _, out := range []string{text, chapter} {
		if !strings.Contains(out, "What is ~?") || strings.Contains(out, "home directory") || strings.Contains(out, "Ask who") {
			t.Errorf("the challenge should stay, the solution and the note go:\n%s", out)
		}
	}
}
