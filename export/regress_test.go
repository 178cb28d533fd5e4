package export

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
)

// Regressions found by the fuzz targets and the corpus run: each source
// once failed to render; now each builds to both formats with the
// warnings named.
func TestRegressions(t *testing.T) {
	b := newBuilder(t)
	for _, tc := range []struct {
		name, src, warning string
	}{
		// CommonMark example 607 (FuzzRenderPDF seed): a link to a
		// fragment no heading has made the PDF drawer fail.
		{"broken internal link", "[link](#fragment)\n", `broken internal link "#fragment"`},
		// CommonMark example 96 (corpus run): a thematic break and a
		// setext heading at the top of the file were refused as front
		// matter that is not a mapping.
		// CommonMark example 20 (corpus run, EPUBCheck RSC-020): a
		// backslash in an autolink's query went into the href as is.
		{"backslash in a URL", "<https://example.com?find=\\*>\n", ""},
		// CommonMark example 600 (corpus run, EPUBCheck RSC-023): a web
		// link whose host is "..".
		{"link without a host name", "<https://../>\n", `link "https://../" is not a valid URL: it has no valid host name; the link is left out of both outputs, its text kept`},
		{"prose between --- lines", "---\nFoo\n---\nBar\n---\nBaz\n", `in.md:1:1: warning: the text between the first two "---" lines is not front matter`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, dir, "in.md", tc.src)
			res, err := b.Build(in, testOptions(dir))
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			if len(res.Artifacts) != 2 {
				t.Errorf("artifacts %+v, want a PDF and an EPUB", res.Artifacts)
			}
			if tc.warning != "" && !hasDiagnostic(res.Diagnostics, diag.Warning, tc.warning) {
				t.Errorf("no warning %q in %v", tc.warning, res.Diagnostics)
			}
			for name, data := range readZip(t, filepath.Join(dir, "in.epub")) {
				if strings.HasSuffix(name, ".xhtml") && (bytes.Contains(data, []byte(`\*"`)) || bytes.Contains(data, []byte(`href="https://../"`))) {
					t.Errorf("%s holds an invalid href:\n%s", name, data)
				}
			}
		})
	}
}

func hasDiagnostic(ds []diag.Diagnostic, sev diag.Severity, text string) bool {
	for _, d := range ds {
		if d.Severity == sev && strings.Contains(d.String(), text) {
			return true
		}
	}
	return false
}
