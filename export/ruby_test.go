package export

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// TestRubyTagged: each base of a ruby and its annotation are a Ruby
// element of the paragraph (PDF 1.7, 14.8.4.3.4), its base an RB and its
// annotation an RT, between the paragraph's text before and after it, in
// a paragraph, in emphasis and in a list item; a base with no annotation
// (or an empty one) stays its paragraph's text.
func TestRubyTagged(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdfinfo")
	validate.RequireTool(t, "qpdf")
	dir := t.TempDir()
	src := "---\ntitle: ルビ\nlang: ja\n---\n\n" +
		"これは<ruby>東<rp>(</rp><rt>とう</rt><rp>)</rp>京<rt>きょう</rt></ruby>です。\n\n" +
		"*Emphasis <ruby>字<rt>じ</rt></ruby> here*\n\n" +
		"- 項目<ruby>漢字<rt>かんじ</rt></ruby>と<ruby>仮<rt></rt>名</ruby>\n"
	res, err := buildSource(t, dir, src, func(o *options.Options) { o.Output.Formats = []Format{PDF} })
	if err != nil {
		t.Fatal(err)
	}
	if got := diagnosticStrings(res); got != "" {
		t.Errorf("diagnostics:\n%s\nwant none", got)
	}
	path := filepath.Join(dir, "out", "doc.pdf")
	validate.PDF(t, path)
	structure := command(t, "pdfinfo", "-struct-text", path)
	// pdfinfo's dump, a line an element or a text, without its indent
	// and the spaces poppler takes from the gaps before and after a text.
	var lines []string
	for _, l := range strings.Split(structure, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, `"`) {
			l = `"` + strings.TrimSpace(strings.Trim(l, `"`)) + `"`
		}
		lines = append(lines, l)
	}
	dump := strings.Join(lines, "\n")
	for _, want := range []string{
		"P (block)\n\"これは\"\nRuby (inline)\nRB\n\"東\"\nRT\n\"とう\"\nRuby (inline)\nRB\n\"京\"\nRT\n\"きょう\"\n\"です。\"\n",
		"P (block)\n\"Emphasis\"\nRuby (inline)\nRB\n\"字\"\nRT\n\"じ\"\n\"here\"\n",
		"LBody (block)\nP (block)\n\"項目\"\nRuby (inline)\nRB\n\"漢字\"\nRT\n\"かんじ\"\n\"と仮名\"\n",
	} {
		if !strings.Contains(dump, want) {
			t.Errorf("the structure lacks\n%s\nin\n%s", want, dump)
		}
	}
	if n := strings.Count(dump, "Ruby (inline)"); n != 4 {
		t.Errorf("%d Ruby elements, want 4:\n%s", n, dump)
	}
}
