package markdown

import (
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

// TestMayBeFancyMarker: the test before a line is read for a fancy list
// marker passes pandoc's markers, lettered, roman, numbered with
// parentheses, "#." and example markers, and no line of plain text.
func TestMayBeFancyMarker(t *testing.T) {
	for i, tc := range []struct {
		line string
		want bool
	}{
		{"a. Apples\n", true},
		{"  iv) the fourth\n", true},
		{"(3) three\n", true},
		{"#. next\n", true},
		{"(@good) an example\n", true},
		{"@ex text\n", true},
		{"B.  Russell\n", true}, // the pre-test lets it by; readFancyMarker refuses it
		{"The cat sat.\n", false},
		{"abcdefghi) too long a word\n", false},
		{"a.\n", true}, // and readFancyMarker: no text after it
		{"- item\n", false},
		{"\n", false},
		{"", false},
	} {
		if got := mayBeFancyMarker([]byte(tc.line)); got != tc.want {
			t.Errorf("%d: mayBeFancyMarker(%q) = %v, want %v", i, tc.line, got, tc.want)
		}
	}
}

// FuzzMayBeFancyMarker: whenever parseFancyMarker reads a marker, in a
// list or out of one, mayBeFancyMarker let the line by, so that no
// marker is passed over unread.
func FuzzMayBeFancyMarker(f *testing.F) {
	for _, s := range []string{"a. x\n", "(ii) y\n", "#. z", "(@) e", "  B.  Russell", "10) ten", "text"} {
		f.Add(s)
	}
	lists := []*fancyList{nil, {numbering: doc.Decimal, next: 3}, {numbering: doc.LowerRoman}, {numbering: doc.UpperAlpha}}
	f.Fuzz(func(t *testing.T, line string) {
		for _, in := range lists {
			if _, ok := parseFancyMarker([]byte(line), in); ok && !mayBeFancyMarker([]byte(line)) {
				t.Errorf("parseFancyMarker reads a marker in %q, mayBeFancyMarker lets it not by", line)
			}
		}
	})
}

// TestMystRolesWithoutRoles: a run of inlines with no text ending in "}"
// is no role's, and mystRoles gives it back as MergeTexts does, in place;
// one with a role still has it read.
func TestMystRolesWithoutRoles(t *testing.T) {
	in := []doc.Inline{&doc.Text{Value: "a "}, &doc.Text{Value: "b"}, &doc.Code{Value: "c"}, &doc.Text{Value: ""}}
	out := mystRoles(in)
	if len(out) != 2 || out[0].(*doc.Text).Value != "a b" || &out[0] != &in[0] {
		t.Errorf("mystRoles without a role: %s", doc.DumpString(&doc.Paragraph{Content: out}))
	}
	role := mystRoles([]doc.Inline{&doc.Text{Value: "see {ref}"}, &doc.Code{Value: "target"}})
	if len(role) != 2 || doc.PlainText(role[:1]) != "see " {
		t.Errorf("mystRoles with a role: %s", doc.DumpString(&doc.Paragraph{Content: role}))
	}
}
