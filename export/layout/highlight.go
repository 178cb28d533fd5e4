package layout

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// codeSpan is a run of code in one ink and weight.
type codeSpan struct {
	text string
	ink  RGB
	bold bool
}

// The inks of highlighted code. Each is dark enough to read on the code
// block's grey ground and they stay apart in greyscale: keywords are bold,
// comments a lighter grey, strings and numbers mid-dark.
const (
	codeKeyword hexColor = 0x1f3f77 // dark blue, bold
	codeString  hexColor = 0x2b6a2b // dark green
	codeNumber  hexColor = 0x8a3a00 // brown
	codeComment hexColor = 0x747474 // grey
	codeBuiltin hexColor = 0x5a2d82 // dark purple
)

// highlight splits code into lines of spans coloured by lexer (chroma's);
// no lexer (an unknown language) and lexer errors give plain code.
func highlight(lexer chroma.Lexer, text string) [][]codeSpan {
	plain := func() [][]codeSpan {
		var out [][]codeSpan
		for _, l := range strings.Split(text, "\n") {
			out = append(out, []codeSpan{{text: l, ink: codeInk.rgb()}})
		}
		return out
	}
	if lexer == nil {
		return plain()
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, text)
	if err != nil {
		return plain()
	}
	out := [][]codeSpan{nil}
	for tok := it(); tok != chroma.EOF; tok = it() {
		ink, bold := tokenInk(tok.Type)
		for v, more := tok.Value, true; more; {
			var part string
			part, v, more = strings.Cut(v, "\n")
			if part != "" {
				out[len(out)-1] = append(out[len(out)-1], codeSpan{text: part, ink: ink, bold: bold})
			}
			if more {
				out = append(out, nil)
			}
		}
	}
	// chroma ends the text with a newline; drop the empty line it adds.
	if n := len(out); n > 1 && len(out[n-1]) == 0 && !strings.HasSuffix(text, "\n") {
		out = out[:n-1]
	}
	return out
}

// tokenInk returns the ink and weight of a token type.
func tokenInk(t chroma.TokenType) (RGB, bool) {
	switch {
	case t.InCategory(chroma.Comment):
		return codeComment.rgb(), false
	case t.InCategory(chroma.Keyword):
		return codeKeyword.rgb(), true
	case t.InSubCategory(chroma.LiteralString):
		return codeString.rgb(), false
	case t.InSubCategory(chroma.LiteralNumber):
		return codeNumber.rgb(), false
	case t == chroma.NameBuiltin || t == chroma.NameBuiltinPseudo:
		return codeBuiltin.rgb(), false
	}
	return codeInk.rgb(), false
}
