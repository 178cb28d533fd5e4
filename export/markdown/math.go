package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/tex"
)

// TeX math between dollars is pandoc's tex_math_dollars, which GitHub
// reads too: $x^2$ inline, $$ … $$ displayed. The opening dollar has a
// character other than a space after it, the closing one a character
// other than a space before it and no digit after it (so "$5 and $10"
// is no formula); a displayed formula may run over several lines of its
// paragraph. galley does not typeset TeX: as pandoc's HTML writer does
// without MathJax, it sets a formula as text (tex.Inlines: letters in
// italics, TeX's symbols as their characters, ^ and _ as super- and
// subscripts), in a span of class "math" and "inline" or "display".
// GitHub's math block (```math) is a displayed formula too.

// mathSyntax adds the math inline parser: dollar math, and with mathJax
// MathJax's delimiters as an mdBook with mathjax-support writes them.
type mathSyntax struct{ mathJax, loose bool }

// Extend implements goldmark.Extender. The inline parser comes before
// the emphasis and escape parsers, which would read a formula's * and
// \,; the block parser (mathBlockParser) before the list and heading
// parsers, which would read a formula's lines.
func (s mathSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(mathParser{mathJax: s.mathJax, loose: s.loose}, 50)),
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 150), util.Prioritized(envMathParser{}, 150))) // before lists and headings
}

// mathNode is a formula: its TeX, and whether it is displayed.
type mathNode struct {
	ast.BaseInline // its Pos is its opening dollar's offset
	tex            string
	texStart       int // the offset of the TeX's first byte
	display        bool
}

// kindMath is the goldmark node kind of a formula.
var kindMath = ast.NewNodeKind("Math")

// Kind implements ast.Node.
func (n *mathNode) Kind() ast.NodeKind { return kindMath }

// Dump implements ast.Node.
func (n *mathNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// mathParser reads $ … $ and $$ … $$, and with mathJax \\( … \\) and
// \\[ … \\].
type mathParser struct{ mathJax, loose bool }

// Trigger implements parser.InlineParser.
func (p mathParser) Trigger() []byte {
	if p.mathJax {
		return []byte{'$', '\\'}
	}
	return []byte{'$'}
}

// Parse implements parser.InlineParser.
func (p mathParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	switch {
	case len(line) > 0 && line[0] == '\\':
		if bytes.HasPrefix(line, []byte(`\\(`)) {
			return delimitedMath(block, `\\(`, `\\)`, false)
		}
		if bytes.HasPrefix(line, []byte(`\\[`)) {
			return delimitedMath(block, `\\[`, `\\]`, true)
		}
		return nil // an escape
	case len(line) >= 2 && line[1] == '$':
		return delimitedMath(block, "$$", "$$", true)
	}
	// $ … $ on one line; with loose, mdbook-katex's: spaces inside
	// either dollar, and a digit after the closing one, allowed.
	if len(line) < 3 || !p.loose && (line[1] == ' ' || line[1] == '\t' || line[1] == '\n') {
		return nil
	}
	for i := 2; i < len(line); i++ {
		switch {
		case line[i] == '\\':
			i++ // an escaped character, \$ among them
		case line[i] == '`':
			return nil // a code span's dollar closes no formula: $5 and `$HOME`
		case line[i] == '$' && (p.loose || line[i-1] != ' ' && line[i-1] != '\t' && (i+1 == len(line) || line[i+1] < '0' || line[i+1] > '9')):
			if strings.TrimSpace(string(line[1:i])) == "" {
				return nil
			}
			n := &mathNode{tex: strings.TrimSpace(string(line[1:i])), texStart: seg.Start + 1}
			n.SetPos(seg.Start)
			block.Advance(i + 1)
			return n
		}
	}
	return nil
}

// delimitedMath reads a formula between open and close (displayed: $$
// … $$ or \\[ … \\]; inline: \\( … \\)) from the reader at open: closed on
// this line or a later one of the paragraph; nil, the reader as it was,
// when it is never closed or holds nothing.
func delimitedMath(block text.Reader, open, close string, display bool) ast.Node {
	startLine, startPos := block.Position()
	line, seg := block.PeekLine()
	n := &mathNode{display: display, texStart: seg.Start + len(open)}
	n.SetPos(seg.Start)
	var tex strings.Builder
	rest := line[len(open):]
	advanced := len(open)
	for {
		if end := bytes.Index(rest, []byte(close)); end >= 0 {
			tex.Write(rest[:end])
			block.Advance(advanced + end + len(close))
			n.tex = strings.TrimSpace(tex.String())
			if n.tex == "" {
				break
			}
			return n
		}
		tex.Write(rest)
		block.AdvanceLine()
		rest, _ = block.PeekLine()
		advanced = 0
		if rest == nil {
			break
		}
	}
	block.SetPosition(startLine, startPos)
	return nil
}

// math converts a formula at pos to a span of its text (tex.Inlines);
// what it cannot set is a warning at its position.
func (c *converter) math(n *mathNode, pos doc.Pos) doc.Inline {
	kind := "inline"
	if n.display {
		kind = "display"
	}
	content, unknown := tex.Inlines(n.tex, pos)
	if len(unknown) > 0 {
		c.diags.Warnf(c.lines.pos(n.texStart), "TeX math: galley does not know %s; a command is printed as written, a colour not applied", strings.Join(unknown, ", "))
	}
	return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{doc.MathClass, kind}, KV: []doc.KV{{Key: doc.TeXKey, Value: n.tex}}}, Content: content}
}

// mathBlock returns GitHub's math block (```math) as a displayed
// formula, a paragraph of it alone centred as $$ … $$ is; nil for a
// block in another language, or with no TeX.
func (c *converter) mathBlock(lang, text string, n *ast.FencedCodeBlock, pos doc.Pos) doc.Block {
	tex := strings.TrimSpace(text)
	if !strings.EqualFold(lang, "math") || tex == "" || n.Lines().Len() == 0 {
		return nil
	}
	formula := &mathNode{tex: tex, texStart: n.Lines().At(0).Start, display: true}
	return displayMathParagraph(&doc.Paragraph{Pos: pos, Content: []doc.Inline{c.math(formula, pos)}})
}

// displayMathParagraph is a paragraph that is one displayed formula,
// centred on a line of its own as TeX sets it: a div aligned at the
// centre; other paragraphs as they are.
func displayMathParagraph(p *doc.Paragraph) doc.Block {
	formula := doc.DisplayFormula(p.Content)
	if formula == nil {
		return p
	}
	return &doc.Div{Pos: p.Pos, Attr: doc.Attr{KV: []doc.KV{{Key: "align", Value: "center"}}}, Blocks: []doc.Block{p}}
}

// texSkips are the heights of LaTeX's \bigskip, \medskip and \smallskip.
var texSkips = map[string]string{`\bigskip`: "12pt", `\medskip`: "6pt", `\smallskip`: "3pt"}

// latexParagraph reads a paragraph that is a LaTeX command alone, as
// pandoc passes one to LaTeX: \newpage, \pagebreak, \clearpage and
// \cleardoublepage are a page break; \vspace{length} (or \vspace*),
// \bigskip, \medskip and \smallskip a space (doc.SpaceClass). It returns
// that block, or nil and the warning a paragraph of any other command
// alone (\hfill, \includegraphics[…]{…}) or of a length it cannot read
// is; nil and "" for a paragraph that does not start with a backslash in
// its text (most of them, told at once; a code span's \newpage is no
// command).
func latexParagraph(p *doc.Paragraph, pos doc.Pos) (doc.Block, string) {
	if len(p.Content) == 0 {
		return nil, ""
	}
	if first, ok := p.Content[0].(*doc.Text); !ok || !strings.HasPrefix(strings.TrimSpace(first.Value), `\`) {
		return nil, ""
	}
	text := strings.TrimSpace(doc.PlainText(p.Content))
	switch text {
	case `\newpage`, `\pagebreak`, `\clearpage`, `\cleardoublepage`:
		return pageBreak(pos), ""
	}
	height := texSkips[text]
	for _, cmd := range []string{`\vspace*{`, `\vspace{`} {
		if rest, ok := strings.CutPrefix(text, cmd); ok && strings.HasSuffix(rest, "}") {
			height = strings.TrimSuffix(rest, "}")
		}
	}
	if height != "" {
		d := &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{doc.SpaceClass}, KV: []doc.KV{{Key: "height", Value: height}}}}
		if _, ok := d.Space(); ok {
			return d, ""
		}
	}
	m := texCommandLine.FindStringSubmatch(text)
	switch {
	case m == nil:
		return nil, ""
	case m[1] == `\vspace` || m[1] == `\vspace*`:
		return nil, text + ": not a length galley reads (a number and pt, mm, cm, in, em or ex); it is printed as written"
	}
	return nil, m[1] + " alone in a paragraph is a LaTeX command, which galley does not run (it knows \\newpage, \\vspace{length} and \\bigskip); it is printed as written"
}

// bookMatter returns LaTeX's \frontmatter, \mainmatter or \backmatter
// when it is all of paragraph p, as bookdown books write them between
// their parts: commands that only switch LaTeX's page numbering, left
// out with a note (chunkStats.matter).
func bookMatter(p *doc.Paragraph) (string, bool) {
	if len(p.Content) != 1 {
		return "", false
	}
	t, ok := p.Content[0].(*doc.Text)
	if !ok {
		return "", false
	}
	switch cmd := strings.TrimSpace(t.Value); cmd {
	case `\frontmatter`, `\mainmatter`, `\backmatter`:
		return cmd, true
	}
	return "", false
}

// texCommandLine is a LaTeX command with its optional and required
// arguments, and nothing else.
var texCommandLine = regexp.MustCompile(`^(\\[A-Za-z]+\*?)(?:\[[^\]\n]*\]|\{[^{}\n]*\})*$`)
