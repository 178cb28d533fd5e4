package layout

import (
	"reflect"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
)

// TestCodeLines: a code block's tokens become lines of spans in their
// classes' inks (keywords bold); tabs expand to the next multiple of four
// columns across tokens; a block with no tokens is its text in the code
// ink.
func TestCodeLines(t *testing.T) {
	ink := func(c doc.CodeClass) RGB { i, _ := classInk(c); return i }
	plainInk, kw, str, com := ink(doc.CodePlain), ink(doc.CodeKeyword), ink(doc.CodeString), ink(doc.CodeComment)
	b := &doc.CodeBlock{Text: "func main() {\n\tx := \"a\tb\" // c\n}", Tokens: []doc.CodeToken{
		{Text: "func", Class: doc.CodeKeyword},
		{Text: " main() {\n\tx := ", Class: doc.CodePlain},
		{Text: "\"a\tb\"", Class: doc.CodeString},
		{Text: " ", Class: doc.CodePlain},
		{Text: "// c", Class: doc.CodeComment},
		{Text: "\n}", Class: doc.CodePlain},
	}}
	want := [][]codeSpan{
		{{text: "func", ink: kw, bold: true}, {text: " main() {", ink: plainInk}},
		// "\tx := " is 4+5 columns; the string's tab at column 11 goes to 12.
		{{text: "    x := ", ink: plainInk}, {text: "\"a b\"", ink: str}, {text: " ", ink: plainInk}, {text: "// c", ink: com}},
		{{text: "}", ink: plainInk}},
	}
	if got := codeLines(b); !reflect.DeepEqual(got, want) {
		t.Errorf("highlighted:\n%+v\nwant\n%+v", got, want)
	}
	plain := codeLines(&doc.CodeBlock{Text: "a\tb\n\nc"})
	wantPlain := [][]codeSpan{{{text: "a   b", ink: plainInk}}, nil, {{text: "c", ink: plainInk}}}
	if !reflect.DeepEqual(plain, wantPlain) {
		t.Errorf("plain: %+v, want %+v", plain, wantPlain)
	}
}

// TestCodeInksInGreyscale checks that the inks print dark enough on the code
// ground and that comments stay apart from the body of the code in grey.
func TestCodeInksInGreyscale(t *testing.T) {
	lum := func(c RGB) float64 {
		return (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
	}
	ground := lum(codeBg.rgb())
	for _, c := range theme.CodeClasses() {
		if ink, _ := classInk(c); ground-lum(ink) < 0.45 {
			t.Errorf("%v's ink %v is too light on the ground %06x in greyscale (%.2f vs %.2f)", c, ink, uint32(codeBg), lum(ink), ground)
		}
	}
	comment, _ := classInk(doc.CodeComment)
	plain, _ := classInk(doc.CodePlain)
	if lum(comment)-lum(plain) < 0.25 {
		t.Errorf("comments (%.2f) do not stand apart from code (%.2f) in greyscale", lum(comment), lum(plain))
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
		// Chinese and Japanese wrap between characters, but not before a
		// closing mark or after an opening one.
		{"//予想値は1以上でなければなりませんが、{}でした。", 26, 25}, // "…でし" then "た。"
		{"漢字漢字漢字", 4, 4},
		{"abc「漢字」def", 4, 3}, // "abc" then "「漢字」def"
		{"abcd。efgh", 4, 3},  // no place to break: "abc" then "d。efgh"
	} {
		if got := codeFit(chars(c.line), c.avail); got != c.want {
			t.Errorf("codeFit(%q, %g) = %d, want %d", c.line, c.avail, got, c.want)
		}
	}
}
