package export

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/internal/validate"
)

// TestBookEPUBCheck validates the EPUB of the multi-chapter test book
// (image, table, footnotes, code, raw HTML, callout, lists) with EPUBCheck:
// no fatal error, error or warning.
func TestBookEPUBCheck(t *testing.T) {
	requireTool(t, "/usr/share/java/epubcheck.jar")
	requireTool(t, "java")
	dir := t.TempDir()
	if _, err := newBuilder(t).Build(testBook, Options{OutDir: dir, Modified: epoch}); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("java", "-jar", "/usr/share/java/epubcheck.jar", filepath.Join(dir, "book.epub")).CombinedOutput()
	if !regexp.MustCompile(`(?m)^No errors or warnings detected\.`).Match(out) {
		t.Errorf("EPUBCheck:\n%s", out)
	}
}

// TestAce runs DAISY Ace over the EPUBs of the seed and of the test book
// and wants no violation.
func TestAce(t *testing.T) {
	for _, src := range []string{seed, testBook} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			dir := t.TempDir()
			if _, err := newBuilder(t).Build(src, Options{OutDir: dir, Modified: epoch}); err != nil {
				t.Fatal(err)
			}
			epub := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), ".md")+".epub")
			for _, v := range validate.Ace(t, epub) {
				t.Errorf("Ace: %s", v)
			}
		})
	}
}
