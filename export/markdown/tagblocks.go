package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The blocks a line of their own opens, a tag of a site generator's
// templates: GitBook's ({% hint %}, gitbook.go), Hugo's shortcodes ({{<
// hint >}}, hugo.go), Liquid's {% highlight %} (liquid.go) and MDX's
// components (<TabItem label="Go">, mdx.go). Each holds
// its line alone, or Markdown or code up to its closing line; one parser
// reads them all, each kind saying what a line is to it.

// tagContent is what a tag's block holds.
type tagContent int

const (
	tagAlone    tagContent = iota // its line alone
	tagMarkdown                   // Markdown, up to its closing line
	tagCode                       // lines as they are, up to its closing line
)

// tagBlock is a block a tag's line opens.
type tagBlock interface {
	ast.Node
	content() tagContent
	// closedBy reports whether line (from its first non-space byte)
	// closes the block, which then records that it was closed.
	closedBy(line []byte) bool
}

// tagParser parses the blocks read opens: read reads a line (from its
// first non-space byte, which is at offset start of the source) into the
// block it opens, or reports false.
type tagParser struct {
	read func(line []byte, start int) (tagBlock, bool)
	// opens is the byte a tag's line starts with: '{', unless set.
	opens byte
}

// Trigger implements parser.BlockParser.
func (p tagParser) Trigger() []byte {
	if p.opens == 0 {
		return []byte{'{'}
	}
	return []byte{p.opens}
}

// Open implements parser.BlockParser.
func (p tagParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	n, ok := p.read(line[pos:], segment.Start+pos)
	if !ok {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	if n.content() == tagMarkdown {
		return n, parser.HasChildren
	}
	return n, parser.NoChildren
}

// Continue implements parser.BlockParser: a block of its line alone is
// done; one of Markdown or code ends at its closing line, unless a block
// inside Markdown that takes lines as they are, or another tag's, is
// open; a line of code is the block's.
func (tagParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(tagBlock)
	content := n.content()
	if content == tagAlone {
		return parser.Close
	}
	if content == tagMarkdown && innerBlockOpen(node, pc) {
		return parser.Continue | parser.HasChildren
	}
	line, segment := reader.PeekLine()
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w < 4 && n.closedBy(line[pos:]) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	if content == tagCode {
		segment.ForceNewline = true
		node.Lines().Append(segment)
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	return parser.Continue | parser.HasChildren
}

// innerBlockOpen reports whether a block inside node is open that takes
// lines as they are (fenced code, HTML) or is a tag's or a fenced div's
// own: a closing line is then its, or its text. (Indented code is not
// one: a closing line, indented less than four columns, ends it.)
func innerBlockOpen(node ast.Node, pc parser.Context) bool {
	opened := pc.OpenedBlocks()
	for i := len(opened) - 1; i >= 0 && opened[i].Node != node; i-- {
		switch n := opened[i].Node.(type) {
		case tagBlock:
			if n.content() != tagAlone { // a line alone is done at the next
				return true
			}
		case *fencedDiv, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return true
		}
	}
	return false
}

// Close implements parser.BlockParser.
func (tagParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser: the tags are
// written right under a paragraph's last line.
func (tagParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (tagParser) CanAcceptIndentedLine() bool { return false }
