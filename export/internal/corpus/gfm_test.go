package corpus

import (
	"strings"
	"testing"
)

func TestGFM(t *testing.T) {
	ex, err := GFM()
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 35 {
		t.Fatalf("got %d GFM examples, want 35", len(ex))
	}
	sections := map[string]int{}
	for _, e := range ex {
		sections[e.Section]++
		if strings.TrimSpace(e.Markdown) == "" {
			t.Errorf("example %d (%s) is empty", e.Number, e.Section)
		}
	}
	for _, s := range []string{"Tables", "Strikethrough", "Autolinks (extended)", "Task list items", "Disallowed raw HTML"} {
		if sections[s] == 0 {
			t.Errorf("no examples under %q (have %v)", s, sections)
		}
	}
	if first := ex[0]; first.Markdown != "| foo | bar |\n| --- | --- |\n| baz | bim |\n" {
		t.Errorf("first example = %q", first.Markdown)
	}
}
