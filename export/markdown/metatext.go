package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
)

// typographicTitle returns a title or subtitle of the front matter with
// the typographer's marks, as the body's text has them and as pandoc
// sets its metadata: straight quotes as the language's ("Gibbs'
// inequality" is "Gibbs’ inequality"), -- and --- as dashes, ... as an
// ellipsis. The title is read as a paragraph of Markdown and its plain
// text taken, unless that would lose a letter or a digit of it (a title
// of HTML or one read as a list stays as written).
func typographicTitle(s string, syntax Syntax, mds markdowns) string {
	if !strings.ContainsAny(s, `'"`) && !strings.Contains(s, "--") && !strings.Contains(s, "...") {
		return s
	}
	root, _, err := parseMarkdown([]byte(s), syntax, mds)
	if err != nil {
		return s
	}
	para, ok := root.FirstChild().(*ast.Paragraph)
	if !ok || para.NextSibling() != nil {
		return s
	}
	lines := newLineTable("", []byte(s))
	c := &converter{src: []byte(s), lines: lines, syntax: syntax, quotes: l10n.Quotes(syntax.Lang), markdowns: mds}
	set := doc.PlainText(c.inlines(para, doc.Pos{}))
	if wordCharacters(set) != wordCharacters(s) || len(c.diags.Items()) > 0 {
		return s
	}
	return set
}

// wordCharacters is s's letters and digits.
func wordCharacters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}
