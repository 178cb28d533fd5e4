package export

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestHugoPages: pages of a Hugo site that no one here wrote (the Hugo
// Book theme's example pages, testdata/hugo/SOURCE.md) build with their
// shortcodes read: the hints are callouts of their kinds, the tabs each
// tab's code under its name, the shortcodes shown as code stay code; no
// shortcode is printed, there is no warning, and both outputs pass the
// validators.
func TestHugoPages(t *testing.T) {
	t.Parallel()
	for _, page := range []string{"hints", "tabs"} {
		dir := t.TempDir()
		res, err := newBuilder(t).Build(filepath.Join("testdata", "hugo", "content", "docs", page+".md"), testOptions(dir))
		if err != nil {
			t.Fatalf("%s: %v\n%s", page, err, diagnosticStrings(res))
		}
		if d := diagnosticStrings(res); d != "" {
			t.Errorf("%s: diagnostics:\n%s", page, d)
		}
		pdf, epub := filepath.Join(dir, page+".pdf"), filepath.Join(dir, page+".epub")
		text := command(t, "pdftotext", pdf, "-")
		// The syntax shown as code writes each shortcode {{</* … */>}}.
		if n, code := strings.Count(text, "{{"), strings.Count(text, "{{</*")+strings.Count(text, "{{%/*"); n != code || code == 0 {
			t.Errorf("%s: the PDF prints %d shortcodes, %d of them the code's:\n%s", page, n, code, text)
		}
		files := readZip(t, epub)
		chapter := string(files["EPUB/chapter-1.xhtml"])
		want := map[string][]string{
			"hints": {`class="callout callout-note"`, `class="callout callout-tip"`, `class="callout callout-warning"`, `class="callout callout-caution"`},
			"tabs":  {`<p class="summary"><strong>macOS</strong></p>`, `<p class="summary"><strong>Windows</strong></p>`, "choco install hugo"},
		}[page]
		for _, w := range want {
			if !strings.Contains(chapter, w) {
				t.Errorf("%s: the e-book lacks %s:\n%s", page, w, chapter)
			}
		}
		validate.EPUBCheck(t, epub)
		validate.PDF(t, pdf)
	}
}
