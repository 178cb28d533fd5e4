package export

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestMkDocsSite: a MkDocs site that no one here wrote (pages of
// Material for MkDocs' documentation, testdata/mkdocs/SOURCE.md) builds
// as a book from its mkdocs.yml: the nav's pages in its order under its
// sections, the admonitions callouts under their titles, the tabs each
// tab's content under its name, a <figure markdown> table captioned by
// its <figcaption>, raw HTML images written from the page's URL found;
// the only warnings are the input's own (icons, a link to an id a site
// hook makes, images with no alt text), and both outputs pass the
// validators.
func TestMkDocsSite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	site := filepath.Join("testdata", "mkdocs")
	res, err := newBuilder(t).Build(site, testOptions(dir))
	if err != nil {
		t.Fatalf("%v\n%s", err, diagnosticStrings(res))
	}
	icons := "warning: this icon of Material for MkDocs (:material-…:, :fontawesome-…:, :octicons-…:, :simple-…:) is left out: galley has none of their icon sets"
	want := []string{
		"docs/reference/admonitions.md:173:6: " + icons + " (and 1 more line of this file)",
		`docs/reference/admonitions.md:203:18: warning: broken internal link "#+type:abstract"`,
		"docs/setup/setting-up-social-cards.md:10:1: " + icons + " (and 3 more lines of this file)",
		`docs/setup/setting-up-social-cards.md:21:7: warning: image "assets/screenshots/social-cards-layer-0.png" has no alt text`,
		`docs/setup/setting-up-social-cards.md:27:7: warning: image "assets/screenshots/social-cards-layer-1.png" has no alt text`,
	}
	got := strings.Split(strings.TrimSpace(diagnosticStrings(res)), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(got[i], filepath.FromSlash(w)) {
			t.Errorf("diagnostic %d:\n%s\nwant it to hold\n%s", i+1, got[i], w)
		}
	}
	pdf, epub := filepath.Join(dir, "mkdocs.pdf"), filepath.Join(dir, "mkdocs.epub")
	text := command(t, "pdftotext", pdf, "-")
	for _, syntax := range []string{":material-", ":octicons-", "{ style", "<figcaption", "<img"} {
		if strings.Contains(text, syntax) {
			t.Errorf("the PDF prints %q", syntax)
		}
	}
	files := readZip(t, epub)
	nav := string(files["EPUB/nav.xhtml"])
	order := []string{">Home<", ">Reference<", ">Admonitions<", ">Content tabs<", ">Setup<", ">Setting up social cards<"}
	at := 0
	for _, o := range order {
		i := strings.Index(nav[at:], o)
		if i < 0 {
			t.Fatalf("the contents lack %s after %d:\n%s", o, at, nav)
		}
		at += i
	}
	reference, setup := string(files["EPUB/chapter-2.xhtml"]), string(files["EPUB/chapter-3.xhtml"])
	// The boxes' syntax is printed only where the pages show it as code.
	prose := regexp.MustCompile(`(?s)<pre.*?</pre>|<code>.*?</code>`).ReplaceAllString(reference+setup, "")
	for _, syntax := range []string{"!!!", "???", "==="} {
		if strings.Contains(prose, syntax) {
			t.Errorf("the e-book prints %q outside code", syntax)
		}
	}
	for _, w := range []string{`class="callout callout-note"`, "Phasellus posuere in sem ut cursus", "Outer Note", "Inner Note",
		`<p class="summary"><strong>C++</strong></p>`, `<p class="summary"><strong>inline end</strong></p>`, `<p class="callout-title">Lorem ipsum</p>`} {
		if !strings.Contains(reference, w) {
			t.Errorf("the reference chapter lacks %s", w)
		}
	}
	for _, w := range []string{"<caption>Supported values for origin</caption>", `<img src="images/img-1.png"`, `<img src="images/img-2.png"`} {
		if !strings.Contains(setup, w) {
			t.Errorf("the setup chapter lacks %s:\n%s", w, setup)
		}
	}
	validate.EPUBCheck(t, epub)
	validate.PDF(t, pdf)
}
