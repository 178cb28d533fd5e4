package export

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// TestJekyllPage: a page of a Jekyll site that no one here wrote (a
// trimmed page of the OpenSearch documentation, testdata/jekyll/SOURCE.md)
// builds with its site's root given: its kramdown callout is a callout,
// its lines of Liquid tags ({% include copy.html %} under each request)
// are left out with one warning that counts them, its links to the site's
// pages go to the site's URL from _config.yml, and both outputs pass the
// validators.
func TestJekyllPage(t *testing.T) {
	t.Parallel()
	site, err := filepath.Abs("testdata/jekyll")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	res, err := newBuilder(t).Build(filepath.Join(site, "_getting-started", "communicate.md"), testOptions(dir, func(o *options.Options) {
		o.Resources.SiteRoot = site
	}))
	if err != nil {
		t.Fatalf("%v\n%s", err, diagnosticStrings(res))
	}
	if d := diagnosticStrings(res); !strings.HasSuffix(strings.TrimSpace(d), "communicate.md:32:1: warning: Jekyll's Liquid tags alone on a line ({% include … %}) are left out: galley does not run Jekyll's templates (and 1 more paragraph of this file)") ||
		strings.Count(d, "\n") > 1 {
		t.Errorf("diagnostics:\n%s", d)
	}
	pdf, epub := filepath.Join(dir, "communicate.pdf"), filepath.Join(dir, "communicate.epub")
	text := command(t, "pdftotext", pdf, "-")
	if strings.Contains(text, "{%") || strings.Contains(text, "{{") || strings.Contains(text, "{:") {
		t.Errorf("the PDF prints Liquid or kramdown's attributes:\n%s", text)
	}
	files := readZip(t, epub)
	page := string(files["EPUB/chapter-1.xhtml"])
	for _, want := range []string{`<a href="https://docs.opensearch.org/latest/clients/">Clients</a>`, `<aside role="note" class="callout callout-note">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the e-book lacks %s:\n%s", want, page)
		}
	}
	validate.EPUBCheck(t, epub)
	validate.PDF(t, pdf)
}
