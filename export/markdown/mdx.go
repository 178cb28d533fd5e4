package markdown

import (
	"bytes"
	"regexp"

	"golang.org/x/net/html"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MDX, the Markdown of Docusaurus' pages (Syntax.MDX: a .mdx file, or any
// page of a Docusaurus site, DocusaurusSite), as far as print can read
// it:
//
//	import Tabs from '@theme/Tabs';      ESM, at the top level: left out (it
//	export const year = 2024;            prints nothing on the site either)
//	{/* a comment */}                    left out
//	<Tabs>                               the tabs: a division
//	<TabItem value="mac" label="macOS">  a tab: a division under its label (its
//	                                     value, when it has none)
//	<TabItem value="a">Apple</TabItem>   a tab on one line
//	```mdx-code-block                    MDX, as Docusaurus' own pages show it
//	<Admonition type="tip" title="T">    a callout of the type, under the title
//
// A component's start and end tags are each on a line of its own, what
// is between them Markdown, indented or not. Other components print what
// they hold.

// mdxComponents are the components whose start and end tags pair
// (pairBlockHTML), by the names the HTML tokenizer gives them.
var mdxComponents = map[string]bool{"tabs": true, "tabitem": true, "admonition": true}

// mdxComponent is the node of a component's blocks.
func mdxComponent(tag blockTag, pos doc.Pos, blocks []doc.Block) doc.Block {
	var title []doc.Inline
	label := tag.label
	if label == "" && tag.name == "tabitem" {
		label = tag.value // its label is the Tabs' values', which galley does not read
	}
	if label != "" {
		title = []doc.Inline{&doc.Text{Pos: pos, Value: label}}
	}
	switch tag.name {
	case "tabitem":
		return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{"tab"}}, Title: title, Blocks: blocks}
	case "admonition":
		kind, ok := mkdocsKinds[tag.kind]
		if !ok {
			kind, ok = fencedDivKinds[tag.kind]
		}
		if !ok || kind.callout == "" {
			kind = divKind{callout: "note"}
		}
		if title == nil {
			title = kindTitle(kind, pos)
		}
		return &doc.Callout{Pos: pos, Kind: kind.callout, Title: title, Blocks: blocks}
	}
	return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{tag.name}}, Blocks: blocks}
}

// esmLine is a line that starts ESM in MDX: an import or an export.
var esmLine = regexp.MustCompile(`^(?:import|export)[ \t{*]`)

// kindESM is the goldmark node kind of an ESM block.
var kindESM = ast.NewNodeKind("MDXESM")

// esmNode is the lines of an import or export, up to a blank line.
type esmNode struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *esmNode) Kind() ast.NodeKind { return kindESM }

// Dump implements ast.Node.
func (n *esmNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// IsRaw implements ast.Node: JavaScript, no Markdown.
func (n *esmNode) IsRaw() bool { return true }

// mdxSyntax adds MDX's ESM to goldmark.
type mdxSyntax struct{}

// Extend implements goldmark.Extender.
func (mdxSyntax) Extend(m goldmark.Markdown) {
	read := func(line []byte, start int) (tagBlock, bool) { return readComponentTag(line) }
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(esmParser{}, 90),
		util.Prioritized(tagParser{read: read, opens: '<'}, 100)))
}

// componentTag is a line that is only a component's start or end tag;
// componentLine one that is a component, what it holds and its end tag.
var (
	componentTag  = regexp.MustCompile(`^<(/?)(Tabs|TabItem|Admonition)\b((?:[^>"']|"[^"]*"|'[^']*')*)>[ \t]*\r?\n?$`)
	componentLine = regexp.MustCompile(`^<(TabItem|Admonition)\b(?:[^>"']|"[^"]*"|'[^']*')*>(.*)</(TabItem|Admonition)>[ \t]*\r?\n?$`)
)

// kindComponent is the goldmark node kind of a component's tag line.
var kindComponent = ast.NewNodeKind("MDXComponent")

// componentNode is a component its line opens (its children what it
// holds, up to its end tag's line), or an end tag with none open.
type componentNode struct {
	ast.BaseBlock
	tag    blockTag
	closed bool
	inline string // what a component on one line holds
}

// Kind implements ast.Node.
func (n *componentNode) Kind() ast.NodeKind { return kindComponent }

// Dump implements ast.Node.
func (n *componentNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"name": n.tag.name}, nil)
}

// content implements tagBlock.
func (n *componentNode) content() tagContent {
	if n.tag.end || n.closed {
		return tagAlone
	}
	return tagMarkdown
}

// closedBy implements tagBlock: the end tag of its name.
func (n *componentNode) closedBy(line []byte) bool {
	end, ok := readComponentTag(line)
	n.closed = ok && end.(*componentNode).tag.end && end.(*componentNode).tag.name == n.tag.name
	return n.closed
}

// readComponentTag reads a line that is a component's start or end tag,
// or a component whole.
func readComponentTag(line []byte) (tagBlock, bool) {
	var n *componentNode
	if m := componentLine.FindSubmatch(line); m != nil && string(m[1]) == string(m[3]) {
		n = &componentNode{closed: true, inline: string(m[2])}
	} else if m := componentTag.FindSubmatch(line); m != nil {
		n = &componentNode{tag: blockTag{end: len(m[1]) > 0}}
	} else {
		return nil, false
	}
	z := html.NewTokenizer(bytes.NewReader(bytes.TrimSpace(line)))
	if z.Next() == html.ErrorToken {
		return nil, false
	}
	n.tag = readBlockTag(z.Token(), n.tag.end)
	return n, true
}

// mdxLines reads lines at pos as MDX, each line where it is in the file:
// what CommonMark reads as indented code in a component (MDX, since its
// second version, has no indented code; at the top level indented code
// stays code, as Docusaurus 2's pages show examples so), and an
// mdx-code-block fence's lines (Docusaurus' MDX that a Markdown reader
// would show as code).
func (c *converter) mdxLines(lines *text.Segments, pos doc.Pos) doc.Block {
	var src []byte
	origins := make([]doc.Pos, lines.Len())
	for i := range lines.Len() {
		seg := lines.At(i)
		src = append(src, seg.Value(c.src)...)
		p := c.lines.pos(seg.Start)
		origins[i] = doc.Pos{File: p.File, Line: p.Line}
	}
	d := ParseLines(pos.File, src, origins, c.syntax, &c.diags)
	if len(d.Blocks) == 1 {
		return d.Blocks[0]
	}
	return &doc.Div{Pos: pos, Blocks: d.Blocks}
}

// component converts a component's tag line at pos: nil for an end tag
// with no start.
func (c *converter) component(n *componentNode, pos doc.Pos) doc.Block {
	if n.tag.end {
		c.chunks.warnOnce(pos, "this MDX end tag closes no component: it is left out")
		return nil
	}
	if !n.closed {
		c.diags.Warnf(pos, "this <%s> is never closed: it runs to the end of what holds it", n.tag.name)
	}
	if n.inline != "" {
		p := &doc.Paragraph{Pos: pos, Content: c.inlineMarkdown(validUTF8(n.inline), pos, c.syntax)}
		return mdxComponent(n.tag, pos, []doc.Block{p})
	}
	return mdxComponent(n.tag, pos, c.blocks(n, pos))
}

// esmParser reads ESM blocks: at the top level, starting in the first
// column.
type esmParser struct{}

// Trigger implements parser.BlockParser.
func (esmParser) Trigger() []byte { return []byte{'i', 'e'} }

// Open implements parser.BlockParser.
func (esmParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	if parent.Kind() != ast.KindDocument || pc.BlockOffset() != 0 || !esmLine.Match(line) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &esmNode{}, parser.NoChildren
}

// Continue implements parser.BlockParser: ESM runs to a blank line.
func (esmParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close implements parser.BlockParser.
func (esmParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser: a paragraph's
// line that starts "import" is its text.
func (esmParser) CanInterruptParagraph() bool { return false }

// CanAcceptIndentedLine implements parser.BlockParser.
func (esmParser) CanAcceptIndentedLine() bool { return false }

// mdxComment is an MDX comment on one line: {/* … */}.
var mdxComment = regexp.MustCompile(`\{/\*.*?\*/\}`)

// mdxComments blanks out, in body (its offsets kept), the MDX comments
// outside code, each on one line; one over several lines is warned of
// and printed.
func mdxComments(body []byte, lines *lineTable, diags *diag.List) {
	var at, open int
	textLines(body, func(start int, l []byte) {
		for _, m := range mdxComment.FindAllIndex(l, -1) {
			if !inCodeSpan(l, m[0]) {
				markLeftOut(l, m[0], m[1])
			}
		}
		if i := bytes.Index(l, []byte("{/*")); i >= 0 && !inCodeSpan(l, i) {
			if open == 0 {
				at = start + i
			}
			open++
		}
	})
	warnLines(diags, lines.pos(at), open, "this MDX comment runs over more than one line, which galley reads as text: it is printed; write it on one line ({/* … */})")
}

// DocusaurusSite reports whether dir is in a Docusaurus site: it, or a
// directory above it, holds Docusaurus' configuration.
func DocusaurusSite(dir string) bool {
	return markedAbove(dir, false, "docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")
}
