package export

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestBookEPUBCheck validates the EPUB of the multi-chapter test book
// (image, table, footnotes, code, raw HTML, callout, lists) with EPUBCheck:
// no fatal error, error or warning.
func TestBookEPUBCheck(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	dir := t.TempDir()
	if _, err := newBuilder(t).Build(testBook, testOptions(dir)); err != nil {
		t.Fatal(err)
	}
	validate.EPUBCheck(t, filepath.Join(dir, "book.epub"))
}

// TestAce runs DAISY Ace over the EPUBs of the seed and of the test book
// and wants no violation.
func TestAce(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	for _, src := range []string{seed, testBook} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if _, err := newBuilder(t).Build(src, testOptions(dir)); err != nil {
				t.Fatal(err)
			}
			epub := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), ".md")+".epub")
			for _, v := range validate.Ace(t, epub) {
				t.Errorf("Ace: %s", v)
			}
		})
	}
}
