package book

import (
	"bytes"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/mdbook"
)

// FuzzChapterText: whatever a chapter's text, the rewriting a book does
// before parsing (otherDirectives, then ruleLinks and ruleAnchors, as an
// mdbook-spec book with an unrun preprocessor has them) neither panics
// nor loses a line's origin: the text keeps at least its lines, every
// added line has an origin, and each blanked directive line is a warning.
func FuzzChapterText(f *testing.F) {
	for _, s := range []string{
		"# T\n\nr[a.b]\nSee [a.b] and [x][a.b].\n\n[x]: a.b\n",
		"{{%segment outline}}\n```\n{{%kept}}\n```\n  {{%session outline}}\r\n",
		"r[]\n[]: \n[a.b]",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte("\n")) + 1
		origins := make([]doc.Pos, lines)
		for i := range origins {
			origins[i] = doc.Pos{File: "c.md", Line: i + 1}
		}
		ex := mdbook.Expanded{Text: append([]byte(nil), src...), Origins: origins}
		var diags diag.List
		otherDirectives(ex, []string{"course"}, &diags)
		if len(ex.Text) != len(src) || bytes.Count(ex.Text, []byte("\n")) != lines-1 {
			t.Fatalf("directive lines changed the text's length or lines")
		}
		blanked := 0
		for _, l := range strings.SplitAfter(string(src), "\n") {
			if otherDirective.MatchString(l) {
				blanked++
			}
		}
		if diags.Len() > blanked {
			t.Fatalf("%d warnings for %d directive lines", diags.Len(), blanked)
		}
		rules := ruleFiles([]string{"c.md", "d/e.md"}, [][]byte{ex.Text, []byte("r[other.rule]\n")})
		out := ruleLinks(ex, "c.md", rules)
		if got := bytes.Count(out.Text, []byte("\n")) + 1; got > len(out.Origins)+1 {
			t.Fatalf("%d lines, %d origins", got, len(out.Origins))
		}
		_ = ruleAnchors(out.Text)
	})
}
