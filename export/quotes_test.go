package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// TestLanguageQuotes: a handout's straight quotes become its language's
// quotation marks in both outputs, the front matter's language or the
// command line's -M lang=… over it; a French span inside takes French's.
func TestLanguageQuotes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "zitat.md")
	text := "---\ntitle: Zitat\nlang: de\n---\n\nSie sagte \"Guten Tag\" und 'bis bald'. [Il dit \"merci\"]{lang=fr}.\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, lang string
		want       []string
	}{
		{"front matter", "", []string{"„Guten Tag“", "‚bis bald‘", "«\u202fmerci\u202f»"}},
		{"-M lang=en", "en", []string{"“Guten Tag”", "‘bis bald’", "«\u202fmerci\u202f»"}},
	} {
		out := filepath.Join(dir, c.name)
		res, err := newBuilder(t).Build(src, testOptions(out, func(o *options.Options) {
			if c.lang != "" {
				o.Output.Metadata = []options.Metadata{{Key: "lang", Value: c.lang}}
			}
		}))
		if err != nil {
			t.Fatal(err)
		}
		var pdf, epub string
		for _, a := range res.Artifacts {
			switch filepath.Ext(a.Path) {
			case ".pdf":
				pdf = validate.PDF(t, a.Path).Text
			case ".epub":
				epub = epubRaw(t, a.Path)
				validate.EPUBCheck(t, a.Path)
			}
		}
		for _, w := range c.want {
			// pdftotext gives the narrow no-break space as a space.
			if !strings.Contains(pdf, strings.ReplaceAll(w, "\u202f", " ")) {
				t.Errorf("%s: the PDF's text lacks %q:\n%s", c.name, w, pdf)
			}
			if !strings.Contains(epub, w) {
				t.Errorf("%s: the EPUB lacks %q", c.name, w)
			}
		}
	}
}
