package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/galley-pub/galley/export/doc"
)

// A bracketed span is pandoc's (its bracketed_spans extension): text in
// brackets followed at once by attributes is a span of that text with
// them, an anchor or a language or a class:
//
//	[redirect]{#redirect}, [bonjour]{lang=fr}, [Note]{.smallcaps}
//
// goldmark leaves such brackets, which make no link, as text; the
// reader finds them in a run of inline nodes (bracketedSpans), cutting
// its texts where the brackets and the attributes are, and each becomes
// a doc.Span.

// bracketSpan is a bracketed span found in a run of inline nodes: its
// content and attributes.
type bracketSpan struct {
	ast.BaseInline // its Pos is its opening bracket's offset
	nodes          []ast.Node
	attrs          parser.Attributes
}

// kindBracketSpan is the goldmark node kind of a bracketed span.
var kindBracketSpan = ast.NewNodeKind("BracketSpan")

// Kind implements ast.Node.
func (n *bracketSpan) Kind() ast.NodeKind { return kindBracketSpan }

// Dump implements ast.Node.
func (n *bracketSpan) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// span converts a bracketed span at pos.
func (c *converter) span(n *bracketSpan, pos doc.Pos) doc.Inline {
	for _, a := range n.attrs {
		n.SetAttribute(a.Name, a.Value)
	}
	return &doc.Span{Pos: pos, Attr: attributes(n), Content: c.inlineNodes(n.nodes, pos)}
}

// bracketFrame is a run of nodes being gathered: the run itself, or the
// content of a bracket not yet closed (open is its offset).
type bracketFrame struct {
	nodes []ast.Node
	open  int
}

// bracketedSpans returns nodes with each bracketed span in them made one
// bracketSpan node; nodes itself when there is none.
func (c *converter) bracketedSpans(nodes []ast.Node) []ast.Node {
	if !c.mayHaveSpan(nodes) {
		return nodes
	}
	stack := []*bracketFrame{{open: -1}}
	skipTo := -1 // the end of the attributes of the span just closed
	for _, n := range nodes {
		t, ok := n.(*ast.Text)
		if !ok || t.IsRaw() {
			if skipTo < 0 { // a node inside the attributes (a typographer's quote) is theirs
				top := stack[len(stack)-1]
				top.nodes = append(top.nodes, n)
			}
			continue
		}
		from, stop := t.Segment.Start, t.Segment.Stop
		if skipTo >= 0 {
			if stop <= skipTo {
				if stop == skipTo {
					skipTo = -1
				}
				continue
			}
			from, skipTo = max(from, skipTo), -1
		}
		for i := from; i < stop; i++ {
			switch ch := c.src[i]; {
			case (ch != '[' && ch != ']') || escaped(c.src, i):
			case ch == '[':
				top := stack[len(stack)-1]
				top.nodes = appendPiece(top.nodes, t, from, i)
				stack = append(stack, &bracketFrame{open: i})
				from = i + 1
			case len(stack) > 1:
				top := stack[len(stack)-1]
				top.nodes = appendPiece(top.nodes, t, from, i)
				stack = stack[:len(stack)-1]
				parent := stack[len(stack)-1]
				attrs, end, ok := c.spanAttributes(i + 1)
				if !ok { // brackets, no span: as written
					parent.nodes = appendPiece(parent.nodes, t, top.open, top.open+1)
					parent.nodes = append(parent.nodes, top.nodes...)
					from = i
					continue
				}
				span := &bracketSpan{nodes: top.nodes, attrs: attrs}
				span.SetPos(top.open)
				parent.nodes = append(parent.nodes, span)
				if end >= stop {
					from, i = stop, stop
					if end > stop {
						skipTo = end
					}
					continue
				}
				from, i = end, end-1
			}
		}
		top := stack[len(stack)-1]
		top.nodes = appendPiece(top.nodes, t, from, stop)
	}
	for len(stack) > 1 { // brackets never closed: as written
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		parent := stack[len(stack)-1]
		parent.nodes = appendPiece(parent.nodes, nil, top.open, top.open+1)
		parent.nodes = append(parent.nodes, top.nodes...)
	}
	return stack[0].nodes
}

// mayHaveSpan reports whether a text of nodes has a closing bracket
// followed by a brace: the one cheap sign of a span.
func (c *converter) mayHaveSpan(nodes []ast.Node) bool {
	for _, n := range nodes {
		if t, ok := n.(*ast.Text); ok {
			for i := t.Segment.Start; i < t.Segment.Stop; i++ {
				if c.src[i] == ']' && i+1 < len(c.src) && c.src[i+1] == '{' {
					return true
				}
			}
		}
	}
	return false
}

// spanAttributes reads the attributes that start at offset at of the
// source, when a brace is there: them, and where they end.
func (c *converter) spanAttributes(at int) (parser.Attributes, int, bool) {
	if at >= len(c.src) || c.src[at] != '{' {
		return nil, 0, false
	}
	r := text.NewReader(c.src[at:])
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil, 0, false
	}
	_, seg := r.Position()
	return attrs, at + seg.Start, true
}

// escaped reports whether the byte at i of src is escaped: an odd run of
// backslashes before it.
func escaped(src []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// appendPiece appends the text of t from offset from to to, as a text
// node of its own that keeps t's line break when it ends where t does
// (t nil: a bracket, no break); an empty piece is not appended.
func appendPiece(nodes []ast.Node, t *ast.Text, from, to int) []ast.Node {
	if from >= to {
		return nodes
	}
	piece := ast.NewTextSegment(text.NewSegment(from, to))
	if t != nil && to == t.Segment.Stop {
		piece.SetSoftLineBreak(t.SoftLineBreak())
		piece.SetHardLineBreak(t.HardLineBreak())
	}
	return append(nodes, piece)
}
