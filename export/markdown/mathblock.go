package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/tex"
)

// A displayed formula over several lines that starts a block ($$ alone,
// or with TeX after it, at the start of a line, and $$ at the end of a
// later line, with no blank line between; after the closing $$, pandoc's
// attributes may give its id: $$ {#eq-one}) is read as one block, as
// kramdown, MathJax's sites and pandoc read it: its lines are TeX, not
// Markdown, so a line of it that starts with "- ", "+ ", "1. " or "#"
// starts no list or heading. ($$ … $$ on one line, and a formula inside
// a paragraph's text, are the inline parser's: mathParser.)

// kindMathBlock is the goldmark node kind of a displayed formula read as
// a block.
var kindMathBlock = ast.NewNodeKind("MathBlock")

// mathBlock is a displayed formula read as a block: its lines are its
// TeX, the first from after its opening $$, the last to before its
// closing one.
type mathBlock struct {
	ast.BaseBlock
	attrs []byte // the attributes after its closing $$: {#eq-one}
	// end closes it: "$$", or a LaTeX environment's \end{align}, which
	// is kept in its TeX (its \begin is too).
	end    string
	closed bool // end was read: its next line is not its
}

// Kind implements ast.Node.
func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

// Dump implements ast.Node.
func (n *mathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// IsRaw implements ast.Node: its lines are not parsed as inlines.
func (n *mathBlock) IsRaw() bool { return true }

// mathBlockParser reads a displayed formula over several lines.
type mathBlockParser struct{}

// Trigger implements parser.BlockParser.
func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

// Open implements parser.BlockParser: a line that starts with $$ and has
// no closing $$ opens a formula when a later line, before any blank one,
// ends with the closing $$.
func (mathBlockParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) || bytes.Contains(line[pos+2:], []byte("$$")) || !closedBy(reader.Source(), seg.Stop, "$$") {
		return nil, parser.NoChildren
	}
	n := &mathBlock{end: "$$"}
	n.SetPos(seg.Start + pos)
	n.Lines().Append(text.NewSegment(seg.Start+pos+2, seg.Stop))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// closedBy reports whether a line of src after the one ending at end,
// before a blank one, has closing in it with nothing but attributes
// after it. It reads the source, not the reader, whose SetPosition
// would leave it showing the last line peeked; a line inside a quote or
// a list item keeps its marker, which changes neither answer.
func closedBy(src []byte, end int, closing string) bool {
	for end < len(src) {
		next := src[end:]
		if i := bytes.IndexByte(next, '\n'); i >= 0 {
			next = next[:i+1]
		}
		end += len(next)
		if util.IsBlank(next) {
			return false
		}
		if at := bytes.Index(next, []byte(closing)); at >= 0 {
			return util.IsBlank(next[at+len(closing):]) || onlyAttributes(next[at+len(closing):])
		}
	}
	return false
}

// Continue implements parser.BlockParser: each line is TeX, to the one
// with the closing $$, which closes the formula.
func (mathBlockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, seg := reader.PeekLine()
	n := node.(*mathBlock)
	if n.closed || line == nil || util.IsBlank(line) {
		return parser.Close // closed on its first line, or a container of it ended first
	}
	if end := bytes.Index(line, []byte(n.end)); end >= 0 {
		stop := end // the $$ left out
		if n.end != "$$" {
			stop += len(n.end) // the \end{…} kept
		}
		node.Lines().Append(text.NewSegment(seg.Start, seg.Start+stop))
		n.attrs = bytes.TrimSpace(line[end+len(n.end):])
		reader.AdvanceToEOL()
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// envMathParser reads a LaTeX environment of displayed math written in
// the text, outside dollars (\begin{align} … \end{align} on lines of its
// own), as pandoc reads it with its raw_tex: as a displayed formula,
// which is the whole environment.
type envMathParser struct{}

// Trigger implements parser.BlockParser.
func (envMathParser) Trigger() []byte { return []byte{'\\'} }

// Open implements parser.BlockParser: a line that starts with
// \begin{env}, env one of tex.IsDisplay's, opens a formula when it or a
// later line, before any blank one, has its \end{env} and nothing but
// attributes after it.
func (envMathParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte(`\begin{`)) {
		return nil, parser.NoChildren
	}
	name, _, ok := bytes.Cut(line[pos+len(`\begin{`):], []byte("}"))
	if !ok || !tex.IsDisplay(string(name)) {
		return nil, parser.NoChildren
	}
	n := &mathBlock{end: `\end{` + string(name) + `}`}
	n.SetPos(seg.Start + pos)
	if end := bytes.Index(line, []byte(n.end)); end >= 0 { // on one line
		if rest := line[end+len(n.end):]; !util.IsBlank(rest) && !onlyAttributes(rest) {
			return nil, parser.NoChildren
		}
		n.Lines().Append(text.NewSegment(seg.Start+pos, seg.Start+end+len(n.end)))
		n.attrs, n.closed = bytes.TrimSpace(line[end+len(n.end):]), true
		reader.AdvanceToEOL()
		return n, parser.NoChildren
	}
	if !closedBy(reader.Source(), seg.Stop, n.end) {
		return nil, parser.NoChildren
	}
	n.Lines().Append(text.NewSegment(seg.Start+pos, seg.Stop))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// Continue implements parser.BlockParser.
func (envMathParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return mathBlockParser{}.Continue(node, reader, pc)
}

// Close implements parser.BlockParser.
func (envMathParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser: a line that is
// \begin{equation} ends the paragraph before it, as in LaTeX.
func (envMathParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (envMathParser) CanAcceptIndentedLine() bool { return false }

// onlyAttributes reports whether b is a block of pandoc's attributes
// alone, spaces around it aside.
func onlyAttributes(b []byte) bool {
	b = bytes.TrimSpace(b)
	if _, ok := equationLabel(string(b)); ok {
		return true
	}
	_, n, ok := pandocAttributes(b)
	return ok && n == len(b)
}

// mystEquationLabel is MyST's label after a formula's closing $$:
// $$ x = 1 $$ (eq-one).
var mystEquationLabel = regexp.MustCompile(`^\(([^()\s]+)\)`)

// equationLabel reads MyST's label at the start of s: the label, and
// whether there is one.
func equationLabel(s string) (string, bool) {
	m := mystEquationLabel.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// labelled is tex with label as its \label (numbered by
// passes.NumberEquations, which MyST's {eq} role refers by).
func labelled(tex, label string) string {
	if strings.Contains(tex, `\label`) {
		return tex
	}
	return tex + `\label{` + label + `}`
}

// Close implements parser.BlockParser.
func (mathBlockParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser: a formula inside
// a paragraph's text is the paragraph's, as pandoc reads it.
func (mathBlockParser) CanInterruptParagraph() bool { return false }

// CanAcceptIndentedLine implements parser.BlockParser.
func (mathBlockParser) CanAcceptIndentedLine() bool { return false }

// displayMath converts a displayed formula read as a block: a paragraph
// that is the formula, centred as $$ … $$ alone in its paragraph is.
func (c *converter) displayMath(n *mathBlock, pos doc.Pos) doc.Block {
	var tex strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		tex.Write(seg.Value(c.src))
	}
	formula := &mathNode{tex: strings.TrimSpace(validUTF8(tex.String())), texStart: n.Lines().At(0).Start, display: true}
	if formula.tex == "" {
		return nil
	}
	if label, ok := equationLabel(strings.TrimSpace(string(n.attrs))); ok {
		formula.tex = labelled(formula.tex, label)
	}
	span := c.math(formula, pos).(*doc.Span)
	if attrs, _, ok := pandocAttributes(n.attrs); ok {
		span.Attr.ID = attributeID(attrs)
	}
	return displayMathParagraph(&doc.Paragraph{Pos: pos, Content: []doc.Inline{span}})
}

// formulaIDs gives each displayed formula of content followed by
// pandoc's attributes ($$ x = 1 $$ {#eq-one}, as Quarto and
// pandoc-crossref write an equation's label) the id they give, and one
// followed by MyST's label ($$ x = 1 $$ (eq-one)) its \label, and takes
// them out of the text.
func formulaIDs(content []doc.Inline) []doc.Inline {
	for i := 0; i+1 < len(content); i++ {
		if s, ok := content[i].(*doc.Span); !ok || !s.Attr.HasClass("display") || !s.Attr.HasClass(doc.MathClass) {
			continue
		}
		t, ok := content[i+1].(*doc.Text)
		if !ok {
			continue
		}
		rest := strings.TrimLeft(t.Value, " \t")
		if label, ok := equationLabel(rest); ok {
			s := content[i].(*doc.Span)
			tex, _ := s.Attr.Get(doc.TeXKey)
			s.Attr.Set(doc.TeXKey, labelled(tex, label))
			rest = strings.TrimLeft(rest[len(label)+2:], " \t")
			if rest == "" {
				content = append(content[:i+1], content[i+2:]...)
			} else {
				content[i+1] = &doc.Text{Pos: t.Pos, Value: rest}
			}
			continue
		}
		attrs, n, ok := pandocAttributes([]byte(rest))
		if !ok {
			continue
		}
		content[i].(*doc.Span).Attr.ID = attributeID(attrs)
		if rest = strings.TrimLeft(rest[n:], " \t"); rest == "" {
			content = append(content[:i+1], content[i+2:]...)
		} else {
			content[i+1] = &doc.Text{Pos: t.Pos, Value: rest}
		}
	}
	return content
}

// attributeID is the id of pandoc's attributes, "" when they give none.
func attributeID(attrs []ast.Attribute) string {
	for _, a := range attrs {
		if v, ok := a.Value.([]byte); ok && string(a.Name) == "id" {
			return string(v)
		}
	}
	return ""
}
