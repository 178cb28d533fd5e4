package export

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildHighlightsCode: a build's code blocks reach the renderers
// highlighted (the highlighting, left running while the resources are
// checked, is waited for): the e-book's keyword is in its class's span,
// for a file and for a book.
func TestBuildHighlightsCode(t *testing.T) {
	t.Parallel()
	src := "# Loops\n\n```go\nfunc main() {\n\tfor i := range 3 {\n\t\tprintln(i)\n\t}\n}\n```\n"
	dir := t.TempDir()
	file := writeFile(t, dir, "loops.md", src)
	bookDir := filepath.Join(t.TempDir(), "book")
	writeFile(t, bookDir, "SUMMARY.md", "# Summary\n\n- [Loops](loops.md)\n")
	writeFile(t, bookDir, "loops.md", src)
	for _, input := range []string{file, bookDir} {
		out := t.TempDir()
		res, err := newBuilder(t).Build(input, testOptions(out))
		if err != nil {
			t.Fatal(err)
		}
		var epubPath string
		for _, a := range res.Artifacts {
			if a.Format == EPUB {
				epubPath = a.Path
			}
		}
		var xhtml strings.Builder
		for name, data := range readZip(t, epubPath) {
			if strings.HasSuffix(name, ".xhtml") {
				xhtml.Write(data)
			}
		}
		if !strings.Contains(xhtml.String(), `<span class="hl-kw">func</span>`) {
			t.Errorf("%s: the e-book's code is not highlighted:\n%s", input, xhtml.String())
		}
	}
}
