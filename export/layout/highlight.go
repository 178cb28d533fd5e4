package layout

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
)

// codeSpan is a run of code in one ink and weight.
type codeSpan struct {
	text string
	ink  RGB
	bold bool
}

// codeLines returns a code block's lines as spans of one ink and weight:
// its tokens (passes.Highlight) or, with none, its text in the code ink;
// tabs are expanded to the next multiple of four columns.
func codeLines(b *doc.CodeBlock) [][]codeSpan {
	toks := b.Tokens
	if toks == nil {
		toks = []doc.CodeToken{{Text: b.Text}}
	}
	out := [][]codeSpan{nil}
	col := 0 // the line's characters so far, tabs expanded
	for _, tok := range toks {
		ink, bold := classInk(tok.Class)
		for v, more := tok.Text, true; more; {
			var part string
			part, v, more = strings.Cut(v, "\n")
			if part != "" {
				part, col = expandTabsAt(part, col)
				out[len(out)-1] = append(out[len(out)-1], codeSpan{text: part, ink: ink, bold: bold})
			}
			if more {
				out = append(out, nil)
				col = 0
			}
		}
	}
	return out
}

// classInk returns the ink and weight of a class of code syntax
// (theme.CodeInk).
func classInk(c doc.CodeClass) (RGB, bool) {
	ink, bold := theme.CodeInk(c)
	r, g, b := ink.RGB()
	return RGB{r, g, b}, bold
}
