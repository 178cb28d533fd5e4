package book

import (
	"html"
	"regexp"
)

// ruleLine is a line that is only a rule's name, r[lex.token.intro], as
// the Rust Reference marks each of its rules for its mdbook-spec
// preprocessor (1,472 of them, which printed as written).
var ruleLine = regexp.MustCompile(`(?m)^r\[([^\]\n]+)\](\r?)$`)

// ruleAnchors makes each rule line of a chapter's text an anchor of id
// "r-" and the rule's name, as mdbook-spec does, so that links to
// #r-lex.token.intro reach it; the anchor takes no room of its own. Each
// line stays one line, so that positions keep their lines.
func ruleAnchors(text []byte) []byte {
	return ruleLine.ReplaceAllFunc(text, func(m []byte) []byte {
		sub := ruleLine.FindSubmatch(m)
		return []byte(`<a id="r-` + html.EscapeString(string(sub[1])) + `"></a>` + string(sub[2]))
	})
}
