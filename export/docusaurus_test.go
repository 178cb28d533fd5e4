package export

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestDocusaurusPages: pages of Docusaurus that no one here wrote (its
// documentation's page on tabs and its site template's page on Markdown,
// testdata/docusaurus/SOURCE.md) build as MDX: the imports and exports
// print nothing, the tabs are divisions under their labels, indented or
// on one line, an mdx-code-block fence's MDX is read, the examples shown
// as code stay code; there is no warning, and both outputs pass the
// validators.
func TestDocusaurusPages(t *testing.T) {
	t.Parallel()
	for _, page := range []string{"markdown-features-tabs", "markdown-features"} {
		dir := t.TempDir()
		res, err := newBuilder(t).Build(filepath.Join("testdata", "docusaurus", "docs", page+".mdx"), testOptions(dir))
		if err != nil {
			t.Fatalf("%s: %v\n%s", page, err, diagnosticStrings(res))
		}
		if d := diagnosticStrings(res); d != "" {
			t.Errorf("%s: diagnostics:\n%s", page, d)
		}
		pdf, epub := filepath.Join(dir, page+".pdf"), filepath.Join(dir, page+".epub")
		files := readZip(t, epub)
		chapter := string(files["EPUB/chapter-1.xhtml"])
		// What the page shows as code stays; nothing else is MDX's syntax.
		prose := regexp.MustCompile(`(?s)<pre.*?</pre>|<code>.*?</code>`).ReplaceAllString(chapter, "")
		for _, syntax := range []string{"import ", "export const", "TabItem", "mdx-code-block", "{children}"} {
			if strings.Contains(prose, syntax) {
				t.Errorf("%s: the e-book prints %q outside code", page, syntax)
			}
		}
		want := map[string][]string{
			"markdown-features-tabs": {`<p class="summary"><strong>Apple</strong></p>`, `<p class="summary"><strong>Banana</strong></p>`,
				`<p class="summary"><strong>MacOS</strong></p>`, "This is a banana 🍌", "Use Command + V to paste.", `class="callout callout-note"`},
			"markdown-features": {`class="callout callout-tip"`, `class="callout callout-caution"`, "Docusaurus green", ":::tip My tip"},
		}[page]
		for _, w := range want {
			if !strings.Contains(chapter, w) {
				t.Errorf("%s: the e-book lacks %s:\n%s", page, w, chapter)
			}
		}
		if text := command(t, "pdftotext", pdf, "-"); strings.Contains(text, "import TabItem from") != (page == "markdown-features-tabs") {
			t.Errorf("%s: the PDF's imports (only the tabs page shows one, as code):\n%s", page, text)
		}
		validate.EPUBCheck(t, epub)
		validate.PDF(t, pdf)
	}
}
