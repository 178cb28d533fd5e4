package passes

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/galley-pub/galley/export/doc"
)

// highlighted runs Highlight on a document of code blocks.
func highlighted(blocks ...*doc.CodeBlock) {
	d := &doc.Document{}
	for _, b := range blocks {
		d.Blocks = append(d.Blocks, b)
	}
	Highlight(d)
}

// classOf returns the class of the token that is text, failing when none
// is.
func classOf(t *testing.T, b *doc.CodeBlock, text string) doc.CodeClass {
	t.Helper()
	for _, tok := range b.Tokens {
		if tok.Text == text {
			return tok.Class
		}
	}
	t.Fatalf("no token %q in %q", text, b.Tokens)
	return 0
}

// TestHighlight: Go is cut into classes, keywords, strings, comments,
// numbers and built-ins apart, and the tokens join to the text.
func TestHighlight(t *testing.T) {
	b := &doc.CodeBlock{Language: "Go", Text: "func main() {\n\tx := \"hi\" // note\n\treturn len(x) + 42\n}"}
	highlighted(b)
	var joined strings.Builder
	for _, tok := range b.Tokens {
		joined.WriteString(tok.Text)
	}
	if joined.String() != b.Text {
		t.Fatalf("tokens join to %q, want the text", joined.String())
	}
	for i, c := range []struct {
		text string
		want doc.CodeClass
	}{
		{"func", doc.CodeKeyword},
		{`"hi"`, doc.CodeString},
		{"// note", doc.CodeComment},
		{"42", doc.CodeNumber},
		{"len", doc.CodeBuiltin},
	} {
		if got := classOf(t, b, c.text); got != c.want {
			t.Errorf("%d: %q is %v, want %v", i+1, c.text, got, c.want)
		}
	}
}

// TestHighlightPlain: a block with no language, one chroma has no lexer
// for, an empty one, and one its lexer finds nothing to colour in stay
// plain (nil tokens).
func TestHighlightPlain(t *testing.T) {
	for i, b := range []*doc.CodeBlock{
		{Text: "a := 1"},
		{Language: "no-such-language", Text: "a := 1"},
		{Language: "go", Text: ""},
		{Language: "text", Text: "plain\n\ntext"},
		{Language: "console", Text: "$ cargo run\n   Compiling hello v0.1.0"},
	} {
		highlighted(b)
		if b.Tokens != nil {
			t.Errorf("%d: %q: tokens %q, want none", i+1, b.Language, b.Tokens)
		}
	}
}

// TestHighlightJoins: whatever the lexer, a block's tokens join to its
// text exactly, or it has none: chroma's own final newline, tabs, blank
// lines and characters past ASCII included.
func TestHighlightJoins(t *testing.T) {
	for i, b := range []*doc.CodeBlock{
		{Language: "rust", Text: "fn main() {\n    println!(\"héllo, wörld\");\n}\n\n// end"},
		{Language: "python", Text: "def f(x):\n\treturn x  # ✓"},
		{Language: "json", Text: "{\"a\": [1, 2.5, true, null]}"},
		{Language: "html", Text: "<p class=\"x\">a &amp; b</p>"},
	} {
		highlighted(b)
		var joined strings.Builder
		for _, tok := range b.Tokens {
			joined.WriteString(tok.Text)
		}
		if b.Tokens == nil || joined.String() != b.Text {
			t.Errorf("%d: %s: tokens %q", i+1, b.Language, b.Tokens)
		}
	}
}

// TestHighlightSharesRepeatedBlocks: blocks of one language and text are
// highlighted once and share their tokens.
func TestHighlightSharesRepeatedBlocks(t *testing.T) {
	a := &doc.CodeBlock{Language: "go", Text: "x := 1"}
	b := &doc.CodeBlock{Language: "Go ", Text: "x := 1"}
	highlighted(a, b)
	if len(a.Tokens) == 0 || &a.Tokens[0] != &b.Tokens[0] {
		t.Error("the second block's tokens are not the first's")
	}
}

// TestColouring: chroma's plain-text lexer (text, plain, no-highlight)
// is not run, its one token colouring nothing; others are.
func TestColouring(t *testing.T) {
	for _, lang := range []string{"text", "plain", "no-highlight", "TEXT"} {
		if l := colouring(lexers.Get(lang)); l != nil {
			t.Errorf("%s: lexer %s is run", lang, l.Config().Name)
		}
	}
	for _, lang := range []string{"rust", "python", "console"} {
		if colouring(lexers.Get(lang)) == nil {
			t.Errorf("%s: no lexer", lang)
		}
	}
	if colouring(nil) != nil {
		t.Error("no lexer is one")
	}
}

// TestLexersPrepareRules: a document with 16 KB or more of a language's
// code has the language's rules prepared for ruleLexer, in the Lexers a
// batch shares, and a later document's few lines of it are cut by them
// too; one with less has them cut by chroma (the rules not prepared). The
// tokens are the same either way.
func TestLexersPrepareRules(t *testing.T) {
	small := func() *doc.CodeBlock { return &doc.CodeBlock{Language: "rust", Text: "fn main() { let x = 1; }"} }
	var lx Lexers
	few := &doc.Document{Blocks: []doc.Block{small()}}
	StartHighlight(few, &lx)()
	if e := lx.lookup("rust"); e.ready.Load() || e.rules != nil {
		t.Fatal("the rules of 25 bytes of Rust were prepared")
	}
	chromaTokens := few.Blocks[0].(*doc.CodeBlock).Tokens
	var many doc.Document
	for i, size := 0, 0; size < ruleLexerMin; i++ {
		b := &doc.CodeBlock{Language: "rust", Text: "fn f" + strconv.Itoa(i) + "() -> u32 { 42 }\n"}
		many.Blocks = append(many.Blocks, b)
		size += len(b.Text)
	}
	StartHighlight(&many, &lx)()
	e := lx.lookup("rust")
	if !e.ready.Load() || e.rules == nil {
		t.Fatalf("the rules of %d blocks of Rust were not prepared", len(many.Blocks))
	}
	again := &doc.Document{Blocks: []doc.Block{small()}}
	StartHighlight(again, &lx)()
	if got := again.Blocks[0].(*doc.CodeBlock).Tokens; len(got) == 0 || !slices.Equal(got, chromaTokens) {
		t.Errorf("the rule lexer's tokens %v, chroma's %v", got, chromaTokens)
	}
}
