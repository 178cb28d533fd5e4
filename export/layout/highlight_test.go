package layout

import (
	"reflect"
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

func TestHighlightGo(t *testing.T) {
	lines := (&codeTable{m: map[[2]string]*codeEntry{}}).get("go", "func main() {\n\tx := \"hi\" // note\n\treturn 42\n}")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4: %+v", len(lines), lines)
	}
	find := func(line int, text string) codeSpan {
		for _, s := range lines[line] {
			if s.text == text {
				return s
			}
		}
		t.Fatalf("no span %q in line %d: %+v", text, line, lines[line])
		return codeSpan{}
	}
	if s := find(0, "func"); !s.bold || s.ink != codeKeyword.rgb() {
		t.Errorf("func = %+v, want a bold keyword", s)
	}
	if s := find(1, `"hi"`); s.ink != codeString.rgb() {
		t.Errorf("string = %+v", s)
	}
	if s := find(1, "// note"); s.ink != codeComment.rgb() {
		t.Errorf("comment = %+v", s)
	}
	if s := find(2, "42"); s.ink != codeNumber.rgb() {
		t.Errorf("number = %+v", s)
	}
}

// TestLexerLookedUpOnce: a language chroma does not know (its lookup
// globs every lexer's file patterns) is looked up once per layout.
func TestLexerLookedUpOnce(t *testing.T) {
	var ct codeTable
	if ct.lexer("no-such-language") != nil || len(ct.lexers) != 1 || ct.lexer("Go") == nil || len(ct.lexers) != 2 {
		t.Errorf("lexers %v", ct.lexers)
	}
	if ct.lexer("no-such-language"); len(ct.lexers) != 2 {
		t.Error("looked up again")
	}
}

func TestHighlightPlain(t *testing.T) {
	for _, lang := range []string{"", "no-such-language"} {
		lines := (&codeTable{m: map[[2]string]*codeEntry{}}).get(lang, "a := 1\nb\n")
		if len(lines) != 3 || len(lines[0]) != 1 || lines[0][0].text != "a := 1" || lines[0][0].ink != codeInk.rgb() || lines[2][0].text != "" {
			t.Errorf("%q: %+v", lang, lines)
		}
	}
}

// TestCodeInksInGreyscale checks that the inks print dark enough on the code
// ground and that comments stay apart from the body of the code in grey.
func TestCodeInksInGreyscale(t *testing.T) {
	lum := func(h hexColor) float64 {
		c := h.rgb()
		return (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
	}
	ground := lum(codeBg)
	for _, ink := range []hexColor{codeInk, codeKeyword, codeString, codeNumber, codeComment, codeBuiltin} {
		if ground-lum(ink) < 0.45 {
			t.Errorf("ink %06x is too light on the ground %06x in greyscale (%.2f vs %.2f)", uint32(ink), uint32(codeBg), lum(ink), ground)
		}
	}
	if lum(codeComment)-lum(codeInk) < 0.25 {
		t.Errorf("comments (%.2f) do not stand apart from code (%.2f) in greyscale", lum(codeComment), lum(codeInk))
	}
}

func TestCodeFit(t *testing.T) {
	chars := func(s string) []codeChar {
		var out []codeChar
		for _, r := range s {
			out = append(out, codeChar{r: r, w: 1})
		}
		return out
	}
	for _, c := range []struct {
		line  string
		avail float64
		want  int
	}{
		{"short", 10, 5},
		{"alpha beta gamma", 12, 11},  // "alpha beta " then "gamma"
		{"abcdefghijklmnop", 10, 10},  // no space: cut at the edge
		{"a bcdefghijklmnop", 10, 10}, // the only space is too early
		{"x", 0.5, 1},                 // at least one character
		{"", 10, 0},
	} {
		if got := codeFit(chars(c.line), c.avail); got != c.want {
			t.Errorf("codeFit(%q, %g) = %d, want %d", c.line, c.avail, got, c.want)
		}
	}
}

// TestHighlightedCodeLetGo: the highlighted lines of a code block are
// held until the last block of that language and text is laid out, then
// let go of (a code-heavy book held them all to the end of its layout);
// a block asked for again after that, or one prehighlight did not count,
// still gets its lines.
func TestHighlightedCodeLetGo(t *testing.T) {
	src := "fn main() {\n\tprintln!(\"hi\");\n}"
	twice := []doc.Block{
		&doc.CodeBlock{Language: "rust", Text: src},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "between"}}},
		&doc.BlockQuote{Blocks: []doc.Block{&doc.CodeBlock{Language: "rust", Text: src}}},
	}
	table := &codeTable{m: map[[2]string]*codeEntry{}}
	stop := make(chan struct{})
	defer close(stop)
	table.prehighlight(twice, stop)
	k := [2]string{"rust", expandTabs(src)}
	held := func() bool {
		table.mu.Lock()
		defer table.mu.Unlock()
		e := table.m[k]
		return e != nil && e.lines != nil
	}
	first := table.get(k[0], k[1])
	if len(first) != 3 || !held() {
		t.Fatalf("first block: %d lines, held %v; want 3 lines, held for the second", len(first), held())
	}
	second := table.get(k[0], k[1])
	if !reflect.DeepEqual(first, second) || held() {
		t.Errorf("second block: the same lines %v, held %v; want the same, let go of", reflect.DeepEqual(first, second), held())
	}
	if again := table.get(k[0], k[1]); !reflect.DeepEqual(first, again) {
		t.Error("a block asked for after the lines were let go of gets other lines")
	}
	other := table.get("go", "x := 1")
	if len(other) != 1 || table.m[[2]string{"go", "x := 1"}].lines == nil {
		t.Error("a block prehighlight did not count should keep its lines")
	}
}
