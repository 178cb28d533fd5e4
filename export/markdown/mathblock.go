package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/galley-pub/galley/export/doc"
)

// A displayed formula over several lines that starts a block ($$ alone,
// or with TeX after it, at the start of a line, and $$ at the end of a
// later line, with no blank line between) is read as one block, as
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
type mathBlock struct{ ast.BaseBlock }

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
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) || bytes.Contains(line[pos+2:], []byte("$$")) || !closedLater(reader.Source(), seg.Stop) {
		return nil, parser.NoChildren
	}
	n := &mathBlock{}
	n.SetPos(seg.Start + pos)
	n.Lines().Append(text.NewSegment(seg.Start+pos+2, seg.Stop))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// closedLater reports whether a line of src after the one ending at
// end, before a blank one, ends with $$ (spaces after it aside). It reads
// the source, not the reader, whose SetPosition would leave it showing
// the last line peeked; a line inside a quote or a list item keeps its
// marker, which changes neither answer.
func closedLater(src []byte, end int) bool {
	for end < len(src) {
		next := src[end:]
		if i := bytes.IndexByte(next, '\n'); i >= 0 {
			next = next[:i+1]
		}
		end += len(next)
		if util.IsBlank(next) {
			return false
		}
		if at := bytes.Index(next, []byte("$$")); at >= 0 {
			return util.IsBlank(next[at+2:])
		}
	}
	return false
}

// Continue implements parser.BlockParser: each line is TeX, to the one
// with the closing $$, which closes the formula.
func (mathBlockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if line == nil || util.IsBlank(line) {
		return parser.Close // never closed here: a container of it ended first
	}
	if end := bytes.Index(line, []byte("$$")); end >= 0 {
		node.Lines().Append(text.NewSegment(seg.Start, seg.Start+end))
		reader.AdvanceToEOL()
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
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
	return displayMathParagraph(&doc.Paragraph{Pos: pos, Content: []doc.Inline{c.math(formula, pos)}})
}
