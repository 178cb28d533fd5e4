package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/galley-pub/galley/export/doc"
)

// A line block is pandoc's (its line_blocks extension), for verse and
// addresses: a paragraph whose every line starts with a bar and a space
// (or is a bar alone, an empty line), each line set as its own line with
// the spaces after its bar kept. A line that starts with a space instead
// continues the line before it. A paragraph that is a GFM table (its
// second line a delimiter row) is a table: the table extension has it
// first.
//
//	| The limerick packs laughs anatomical
//	|    Into space that is quite economical.

// kindLineBlock and kindLineBlockLine are the goldmark node kinds of a
// line block and of its lines.
var (
	kindLineBlock     = ast.NewNodeKind("LineBlock")
	kindLineBlockLine = ast.NewNodeKind("LineBlockLine")
)

// lineBlock is a line block as goldmark parses it: its children are its
// lines.
type lineBlock struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *lineBlock) Kind() ast.NodeKind { return kindLineBlock }

// Dump implements ast.Node.
func (n *lineBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// lineBlockLine is one line of a line block, its inline content parsed
// from the text after its bar (and from its continuation lines).
type lineBlockLine struct {
	ast.BaseBlock
	indent int // the spaces after the bar and its one space
}

// Kind implements ast.Node.
func (n *lineBlockLine) Kind() ast.NodeKind { return kindLineBlockLine }

// Dump implements ast.Node.
func (n *lineBlockLine) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// lineBlockTransformer turns a paragraph written as a line block into one.
type lineBlockTransformer struct{}

// Transform implements parser.ParagraphTransformer.
func (lineBlockTransformer) Transform(para *ast.Paragraph, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	lines := para.Lines()
	if lines.Len() == 0 {
		return
	}
	if first := lines.At(0); !isLineBlockLine(first.Value(src)) {
		return // nearly every paragraph: told by its first line
	}
	block := &lineBlock{}
	var cur *lineBlockLine
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(src)
		continues := cur != nil && len(v) > 0 && (v[0] == ' ' || v[0] == '\t')
		switch {
		case isLineBlockLine(v):
			rest := text.NewSegment(seg.Start+1, seg.Stop)
			if len(v) > 1 && v[1] == ' ' {
				rest.Start++
			}
			body := rest.Value(src)
			indent := len(body) - len(strings.TrimLeft(string(body), " "))
			rest.Start += indent
			cur = &lineBlockLine{indent: indent}
			cur.Lines().Append(rest)
			cur.SetPos(seg.Start)
			block.AppendChild(block, cur)
		case continues:
			cur.Lines().Append(seg.TrimLeftSpace(src))
		default:
			return // not a line block: the paragraph stays
		}
	}
	block.SetPos(lines.At(0).Start)
	para.Parent().ReplaceChild(para.Parent(), para, block)
}

// isLineBlockLine reports whether v starts a line of a line block: "|"
// alone or before a space.
func isLineBlockLine(v []byte) bool {
	return len(v) > 0 && v[0] == '|' && (len(v) == 1 || v[1] == ' ' || v[1] == '\n' || v[1] == '\r')
}

// lineBlock converts a line block: a division of class "line-block", as
// pandoc's HTML writes one, holding a paragraph of its lines, each ended
// by a line break, a line's indent kept as no-break spaces and an empty
// line an empty line.
func (c *converter) lineBlock(n *lineBlock, pos doc.Pos) doc.Block {
	p := &doc.Paragraph{Pos: pos}
	for l := n.FirstChild(); l != nil; l = l.NextSibling() {
		line, ok := l.(*lineBlockLine)
		if !ok {
			continue
		}
		lpos := c.nodePos(line, pos)
		if l != n.FirstChild() {
			p.Content = append(p.Content, &doc.LineBreak{Pos: lpos})
		}
		if line.indent > 0 {
			p.Content = append(p.Content, &doc.Text{Pos: c.lines.pos(line.Pos() + 2), Value: strings.Repeat("\u00a0", line.indent)})
		}
		p.Content = append(p.Content, withoutTrailingSpace(c.inlines(line, lpos))...)
	}
	return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{"line-block"}}, Blocks: []doc.Block{p}}
}

// withoutTrailingSpace returns inlines without the space a line's soft
// break left at its end.
func withoutTrailingSpace(inlines []doc.Inline) []doc.Inline {
	if len(inlines) == 0 {
		return inlines
	}
	t, ok := inlines[len(inlines)-1].(*doc.Text)
	if !ok {
		return inlines
	}
	if t.Value = strings.TrimRight(t.Value, " "); t.Value == "" {
		return inlines[:len(inlines)-1]
	}
	return inlines
}
