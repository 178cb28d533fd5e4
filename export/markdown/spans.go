package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
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
	attrs          []ast.Attribute
}

// kindBracketSpan is the goldmark node kind of a bracketed span.
var kindBracketSpan = ast.NewNodeKind("BracketSpan")

// Kind implements ast.Node.
func (n *bracketSpan) Kind() ast.NodeKind { return kindBracketSpan }

// Dump implements ast.Node.
func (n *bracketSpan) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// span converts a bracketed span at pos: nil for one of content for
// other formats (conditional.go).
func (c *converter) span(n *bracketSpan, pos doc.Pos) doc.Inline {
	for _, a := range n.attrs {
		n.SetAttribute(a.Name, a.Value)
	}
	attr := attributes(n)
	if shown, cond := conditionalShown(attr); !shown {
		c.chunks.otherFormats.add(pos, 1, cond)
		return nil
	}
	defer c.inLanguage(attr)()
	return &doc.Span{Pos: pos, Attr: attr, Content: c.inlineNodes(n.nodes, pos)}
}

// inLanguage makes the quotation marks the converter sets those of the
// language attr gives (lang=…), if it gives one, until the returned
// function is called.
func (c *converter) inLanguage(attr doc.Attr) (restore func()) {
	lang, ok := attr.Get("lang")
	if !ok || lang == "" {
		return func() {}
	}
	saved := c.quotes
	c.quotes = l10n.Quotes(lang)
	return func() { c.quotes = saved }
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
				if stop == skipTo { // the attributes end with it: its line break stays
					skipTo = -1
					top := stack[len(stack)-1]
					top.nodes = appendPiece(top.nodes, t, stop, stop)
				}
				continue
			}
			from, skipTo = max(from, skipTo), -1
		} else if end, ok := c.linkAttributes(stack[len(stack)-1].nodes, t); ok {
			if end >= stop {
				if end > stop {
					skipTo = end
				}
				continue
			}
			from = end
		}
		for i := from; i < stop; i++ {
			switch ch := c.src[i]; {
			case ch == '^' && !escaped(c.src, i):
				if end := c.superscriptEnd(i, stop); end > 0 {
					top := stack[len(stack)-1]
					top.nodes = appendPiece(top.nodes, t, from, i)
					sup := &superscript{text: text.NewSegment(i+1, end)}
					sup.SetPos(i)
					top.nodes = append(top.nodes, sup)
					from, i = end+1, end
				}
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
				if !ok && c.noteMark(parent, top.open) { // ^[an inline note]
					note := &inlineNote{nodes: top.nodes}
					note.SetPos(top.open - 1)
					parent.nodes = append(parent.nodes, note)
					from = i + 1
					continue
				}
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

// superscriptEnd returns where the superscript that opens at i (a caret)
// of a text ending at stop closes, pandoc's 2^10^: the next caret, with
// at least one character and no space between; 0 when there is none.
func (c *converter) superscriptEnd(i, stop int) int {
	for j := i + 1; j < stop; j++ {
		switch b := c.src[j]; {
		case b == ' ' || b == '\t' || b == '\n' || b == '\r':
			return 0
		case b == '^' && !escaped(c.src, j):
			if j == i+1 {
				return 0
			}
			return j
		}
	}
	return 0
}

// noteMark reports whether the bracket at open of the source follows a
// caret that opens an inline note, pandoc's ^[…]; if so the caret is
// taken off the end of frame's nodes.
func (c *converter) noteMark(frame *bracketFrame, open int) bool {
	n := len(frame.nodes)
	if open < 1 || c.src[open-1] != '^' || escaped(c.src, open-1) || n == 0 {
		return false
	}
	t, ok := frame.nodes[n-1].(*ast.Text)
	if !ok || t.Segment.Stop != open {
		return false
	}
	frame.nodes = frame.nodes[:n-1]
	frame.nodes = appendPiece(frame.nodes, nil, t.Segment.Start, open-1)
	return true
}

// superscript is pandoc's ^text^: its text, a segment of the source.
type superscript struct {
	ast.BaseInline // its Pos is its opening caret's offset
	text           text.Segment
}

// kindSuperscript is the goldmark node kind of a superscript.
var kindSuperscript = ast.NewNodeKind("Superscript")

// Kind implements ast.Node.
func (n *superscript) Kind() ast.NodeKind { return kindSuperscript }

// Dump implements ast.Node.
func (n *superscript) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// inlineNote is pandoc's inline note, ^[its text]: a footnote written
// where it is referred to.
type inlineNote struct {
	ast.BaseInline // its Pos is its caret's offset
	nodes          []ast.Node
}

// kindInlineNote is the goldmark node kind of an inline note.
var kindInlineNote = ast.NewNodeKind("InlineNote")

// Kind implements ast.Node.
func (n *inlineNote) Kind() ast.NodeKind { return kindInlineNote }

// Dump implements ast.Node.
func (n *inlineNote) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// note converts an inline note at pos: a reference to a footnote of its
// own, labelled by its line and column, which no label written in
// Markdown can be.
func (c *converter) note(n *inlineNote, pos doc.Pos) doc.Inline {
	label := "^" + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Col)
	if c.inlineNotes == nil {
		c.inlineNotes = map[string]bool{}
	}
	if !c.inlineNotes[label] { // an image's text is converted twice, for its alt and caption
		c.inlineNotes[label] = true
		content := c.inlineNodes(n.nodes, pos)
		def := &doc.FootnoteDef{Pos: pos, Label: label, Blocks: []doc.Block{&doc.Paragraph{Pos: pos, Content: content}}}
		c.footnotes = append(c.footnotes, footnote{offset: n.Pos(), def: def})
	}
	return &doc.FootnoteRef{Pos: pos, Label: label}
}

// linkAttributes gives the image or link that ends nodes the attributes
// that text t starts with, pandoc's link_attributes, written straight
// after it: ![](x.svg){alt='…' width=50%}. It returns where they end.
// (A link has no use for its attributes, target="_blank" and the like:
// they are taken off its text.)
func (c *converter) linkAttributes(nodes []ast.Node, t *ast.Text) (end int, ok bool) {
	if len(nodes) == 0 || t.Segment.Len() == 0 || c.src[t.Segment.Start] != '{' {
		return 0, false
	}
	switch prev := nodes[len(nodes)-1].(type) {
	case *ast.Image, *ast.Link:
		attrs, end, ok := c.spanAttributes(t.Segment.Start)
		if !ok {
			return 0, false
		}
		for _, a := range attrs {
			prev.SetAttribute(a.Name, a.Value)
		}
		return end, true
	}
	return 0, false
}

// mayHaveSpan reports whether a text of nodes has a closing bracket
// followed by a brace, or follows an image or link with one: the cheap
// sign of a span or of attributes.
func (c *converter) mayHaveSpan(nodes []ast.Node) bool {
	for k, n := range nodes {
		t, ok := n.(*ast.Text)
		if !ok {
			continue
		}
		if k > 0 && t.Segment.Len() > 0 && c.src[t.Segment.Start] == '{' {
			switch nodes[k-1].(type) {
			case *ast.Image, *ast.Link:
				return true
			}
		}
		for i := t.Segment.Start; i < t.Segment.Stop; i++ {
			if c.src[i] == ']' && i+1 < len(c.src) && c.src[i+1] == '{' || c.src[i] == '^' {
				return true
			}
		}
	}
	return false
}

// spanAttributes reads the attributes that start at offset at of the
// source, when a brace is there (pandocAttributes): them, and where they
// end.
func (c *converter) spanAttributes(at int) ([]ast.Attribute, int, bool) {
	if at >= len(c.src) || c.src[at] != '{' {
		return nil, 0, false
	}
	attrs, n, ok := pandocAttributes(c.src[at:])
	return attrs, at + n, ok
}

// maxAttributes bounds an attribute block, so that a brace never closed
// is not looked for to the end of a long file.
const maxAttributes = 4096

// pandocAttributes reads the attribute block that src starts with, as
// pandoc writes them: {#id .class key=value key="quoted" key='quoted'},
// with - for the class unnumbered. It returns the attributes (the
// classes as one "class"), the bytes read and whether src starts with
// such a block.
func pandocAttributes(src []byte) (attrs []ast.Attribute, n int, ok bool) {
	src = src[:min(len(src), maxAttributes)]
	if len(src) == 0 || src[0] != '{' {
		return nil, 0, false
	}
	var classes []string
	i := 1
	for {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			i++
		}
		if i >= len(src) {
			return nil, 0, false
		}
		switch src[i] {
		case '}':
			if len(classes) > 0 {
				attrs = append(attrs, ast.Attribute{Name: []byte("class"), Value: []byte(strings.Join(classes, " "))})
			}
			return attrs, i + 1, len(attrs) > 0
		case '#', '.':
			j := i + 1
			for j < len(src) && !isAttrEnd(src[j]) {
				j++
			}
			if j == i+1 {
				return nil, 0, false
			}
			if src[i] == '#' {
				attrs = append(attrs, ast.Attribute{Name: []byte("id"), Value: src[i+1 : j]})
			} else {
				classes = append(classes, string(src[i+1:j]))
			}
			i = j
		case '-':
			if i+1 < len(src) && !isAttrEnd(src[i+1]) {
				return nil, 0, false
			}
			classes = append(classes, "unnumbered")
			i++
		default:
			j := i
			for j < len(src) && (src[j] == '-' || src[j] == '_' || src[j] == ':' || src[j] == '.' ||
				'a' <= src[j]|0x20 && src[j]|0x20 <= 'z' || j > i && '0' <= src[j] && src[j] <= '9') {
				j++
			}
			if j == i || j >= len(src) || src[j] != '=' {
				return nil, 0, false
			}
			key := src[i:j]
			value, next, ok := attrValue(src, j+1)
			if !ok {
				return nil, 0, false
			}
			attrs = append(attrs, ast.Attribute{Name: key, Value: value})
			i = next
		}
	}
}

// isAttrEnd reports a byte that ends a bare name or value.
func isAttrEnd(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '}' }

// attrValue reads a value at i of src: quoted with " or ' (a backslash
// escapes the quote), or bare up to a space or the closing brace.
func attrValue(src []byte, i int) (value []byte, next int, ok bool) {
	if i >= len(src) {
		return nil, 0, false
	}
	if q := src[i]; q == '"' || q == '\'' {
		var v []byte
		for j := i + 1; j < len(src); j++ {
			switch {
			case src[j] == '\\' && j+1 < len(src) && (src[j+1] == q || src[j+1] == '\\'):
				j++
				v = append(v, src[j])
			case src[j] == q:
				return v, j + 1, true
			default:
				v = append(v, src[j])
			}
		}
		return nil, 0, false
	}
	j := i
	for j < len(src) && !isAttrEnd(src[j]) {
		j++
	}
	return src[i:j], j, j > i
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
// (t nil: a bracket, no break); an empty piece is not appended, but for
// the line break it keeps ([x]{.y} at the end of a line, then the next
// line's words: a space between).
func appendPiece(nodes []ast.Node, t *ast.Text, from, to int) []ast.Node {
	if from >= to && !(t != nil && to == t.Segment.Stop && (t.SoftLineBreak() || t.HardLineBreak())) {
		return nodes
	}
	piece := ast.NewTextSegment(text.NewSegment(from, to))
	if t != nil && to == t.Segment.Stop {
		piece.SetSoftLineBreak(t.SoftLineBreak())
		piece.SetHardLineBreak(t.HardLineBreak())
	}
	return append(nodes, piece)
}
