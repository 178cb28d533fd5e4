package export

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/l10n"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/passes"
)

// TestFontNeedsThai: a document with Thai anywhere it is printed (here
// in inline code, which the embedded faces may or may not draw) has its
// Thai word list read ahead; one without Thai does not.
func TestFontNeedsThai(t *testing.T) {
	t.Parallel()
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		src  string
		thai bool
	}{
		{"# Languages\n\nRead `ไทย` aloud.\n", true},
		{"# Languages\n\nภาษาไทย\n", true},
		{"# Languages\n\nNo Thai here: 日本語, العربية.\n", false},
	} {
		var diags diag.List
		d := markdown.Parse("in.md", []byte(c.src), &diags)
		if got := b.fontNeeds(d).thai; got != c.thai {
			t.Errorf("%q: thai = %v, want %v", c.src, got, c.thai)
		}
	}
}

// TestFontNeedsInHalves: walked in two halves at once, a tree needs the
// characters a walk of the whole finds, in the order it first meets
// them, for its text and its code: with characters in both halves, in
// the second alone, in a footnote and in the further reading only, and
// in a tree too short to cut.
func TestFontNeedsInHalves(t *testing.T) {
	t.Parallel()
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	long := func(first, second string) string {
		var s strings.Builder
		s.WriteString("# Book\n\n")
		for i := range 2 * minHalfBlocks {
			part := "plain" // about the cut
			switch {
			case i < minHalfBlocks/2:
				part = first
			case i >= minHalfBlocks+minHalfBlocks/2:
				part = second
			}
			fmt.Fprintf(&s, "Paragraph %d %s.\n\n", i, part)
		}
		return s.String()
	}
	for i, src := range []string{
		long("α 漢 `ж` `語`", "β 字 漢 α `ж` `ш` `文` `語`"),
		long("plain", "ت α `ה`"),
		long("plain", "plain[^n]") + "[^n]: A note in 中文.\n",
		long("plain", "plain") + "\n## Further reading\n\n- [链接](https://example.org) in 中文\n",
		"# Short\n\nΑ `ж` and 漢字.\n",
	} {
		var diags diag.List
		d := markdown.Parse("in.md", []byte(src), &diags)
		passes.Transform(d, passes.Options{Appendix: passes.ReferencesAndLinks}, &diags)
		got := b.fontNeeds(d)
		whole := b.printedNeeds(d)
		want := whole.text
		for _, r := range l10n.For(d.Meta.Lang).Text() {
			if !b.fonts.Covers(r) {
				want = append(want, r)
			}
		}
		if string(got.text) != string(want) || got.thai != whole.thai {
			t.Errorf("%d: text %q (thai %v), want the whole walk's %q (%v)", i+1, string(got.text), got.thai, string(want), whole.thai)
		}
		if wantCode := b.codeNeeds(d); len(want) > 0 && string(got.code) != string(wantCode) {
			t.Errorf("%d: code %q, want the whole walk's %q", i+1, string(got.code), string(wantCode))
		}
		if len(got.text) == 0 {
			t.Errorf("%d: no character needed", i+1)
		}
	}
}
