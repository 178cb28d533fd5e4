package export

import (
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/markdown"
)

// TestFontNeedsThai: a document with Thai anywhere it is printed (here
// in inline code, which the embedded faces may or may not draw) has its
// Thai word list read ahead; one without Thai does not.
func TestFontNeedsThai(t *testing.T) {
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
