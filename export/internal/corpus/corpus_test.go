package corpus

import (
	"strings"
	"testing"
)

func TestCommonMark(t *testing.T) {
	ex, err := CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	// The 0.31.2 specification numbers 652 examples.
	if len(ex) != 652 {
		t.Fatalf("got %d examples, want 652", len(ex))
	}
	first := ex[0]
	if first.Section != "Tabs" || first.Markdown != "\tfoo\tbaz\t\tbim\n" || first.HTML != "<pre><code>foo\tbaz\t\tbim\n</code></pre>\n" {
		t.Errorf("example 1 = %+v", first)
	}
	for i, e := range ex {
		if e.Number != i+1 || e.Line == 0 || strings.Contains(e.Markdown, "→") {
			t.Errorf("example %d: %+v", i+1, e)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		fence + " example\nfoo\n" + fence + "\n",
		fence + " example\nfoo\n.\n<p>foo</p>\n",
	} {
		if _, err := parse(in); err == nil {
			t.Errorf("parse(%q): no error", in)
		}
	}
}
