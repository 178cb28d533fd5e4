package passes

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/parallel"
)

// Highlight cuts the text of every code block whose language chroma has a
// lexer for into tokens of syntax classes (doc.CodeBlock.Tokens), which
// the PDF and the EPUB colour alike. Blocks are highlighted on all cores,
// each distinct block once. Each language is looked up once: for a name
// chroma does not know, its lookup matches the name against every
// lexer's file patterns, which cost a real book 78% of its build when
// done for each block. A block with no lexer, whose tokens would not join
// to its text, or that is all of one plain token, stays plain (nil
// Tokens).
func Highlight(d *doc.Document) {
	StartHighlight(d, nil)()
}

// StartHighlight is Highlight in the background: it finds d's code blocks
// at once, and cuts them into tokens on all cores but one while the
// caller goes on (the other passes, which neither read nor replace the
// tokens). finish cuts the blocks not begun yet on its caller's core,
// waits for the rest and sets the blocks' tokens; it returns at once
// after the first call. A panic while cutting is raised by finish. The
// lexers are looked up and prepared in lx, which a batch's builds share
// (nil: a set of this document's own).
func StartHighlight(d *doc.Document, lx *Lexers) (finish func()) {
	if lx == nil {
		lx = &Lexers{}
	}
	type key struct{ lang, text string }
	var (
		blocks []*doc.CodeBlock
		of     []int              // the index in keys of each of blocks
		keys   []key              // distinct blocks, in document order
		size   = map[string]int{} // the bytes of each language's distinct blocks
		index  = map[key]int{}    // into keys
	)
	doc.Inspect(d, func(n doc.Node) bool {
		b, ok := n.(*doc.CodeBlock)
		if !ok {
			return true
		}
		lang := strings.ToLower(strings.TrimSpace(b.Language))
		if lang == "" {
			return true
		}
		k := key{lang, b.Text}
		i, seen := index[k]
		if !seen {
			i = len(keys)
			index[k] = i
			keys = append(keys, k)
			size[lang] += len(b.Text)
		}
		blocks, of = append(blocks, b), append(of, i)
		return true
	})
	tokens := make([][]doc.CodeToken, len(keys))
	// The languages are looked up as the blocks are cut, not as they are
	// found: a name chroma does not know took the Rust book's build 9 ms
	// ("cmd"), which the passes waited for. The cutting leaves a core to
	// the passes, and finish cuts what is left beside it: on all cores,
	// it ended first, and the passes after it on one, the other idle
	// (the 13 MB bench book's, 0.3 s).
	cut := parallel.Start(len(keys), func(i int) error {
		lang := keys[i].lang
		if e := lx.lookup(lang); e.lexer != nil {
			tokens[i] = codeTokens(e.tokeniser(size[lang] >= ruleLexerMin), keys[i].text)
		}
		return nil
	})
	return sync.OnceFunc(func() {
		_ = cut() // a panic while cutting is raised here
		for j, b := range blocks {
			b.Tokens = tokens[of[j]]
		}
	})
}

// colouring is lexer, or nil for chroma's plain-text lexer ("text",
// "plain", "no-highlight"): its one token colours nothing, and cutting a
// book's text blocks into it cost the Rust book 69 ms of its CPU.
func colouring(lexer chroma.Lexer) chroma.Lexer {
	if lexer == nil || lexer.Config().Name == "plaintext" {
		return nil
	}
	return lexer
}

// codeTokens cuts text into the tokens tokenise gives, a class each, runs
// of one class merged; nil when the lexer fails or its tokens do not join
// to text.
func codeTokens(tokenise func(string) (chroma.Iterator, error), text string) []doc.CodeToken {
	it, err := tokenise(text)
	if err != nil {
		return nil
	}
	var out []doc.CodeToken
	n := 0 // bytes of text covered
	for tok := it(); tok != chroma.EOF; tok = it() {
		v := tok.Value
		if n+len(v) > len(text) {
			// chroma ends the text with a newline of its own.
			v = strings.TrimSuffix(v, "\n")
		}
		if v == "" {
			continue
		}
		if n+len(v) > len(text) || text[n:n+len(v)] != v {
			return nil
		}
		class := tokenClass(tok.Type)
		if k := len(out) - 1; k >= 0 && out[k].Class == class {
			out[k].Text = text[n-len(out[k].Text) : n+len(v)]
		} else {
			out = append(out, doc.CodeToken{Text: text[n : n+len(v)], Class: class})
		}
		n += len(v)
	}
	if n != len(text) || len(out) == 1 && out[0].Class == doc.CodePlain {
		return nil // no tokens, or nothing to colour
	}
	return out
}

// tokenClass is the class of syntax a chroma token type draws as.
func tokenClass(t chroma.TokenType) doc.CodeClass {
	switch {
	case t.InCategory(chroma.Comment):
		return doc.CodeComment
	case t.InCategory(chroma.Keyword):
		return doc.CodeKeyword
	case t.InSubCategory(chroma.LiteralString):
		return doc.CodeString
	case t.InSubCategory(chroma.LiteralNumber):
		return doc.CodeNumber
	case t == chroma.NameBuiltin || t == chroma.NameBuiltinPseudo:
		return doc.CodeBuiltin
	}
	return doc.CodePlain
}
