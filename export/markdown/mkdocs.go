package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MkDocs' Markdown (Python-Markdown with the extensions Material for
// MkDocs sites turn on), in a page of a MkDocs site (Syntax.MkDocs,
// MkDocsSite):
//
//	!!! warning "Mind the gap"      an admonition: a callout of its type,
//	    Its text, indented.         under its title (the type's name when
//	                                it gives none, none for "")
//	??? tip, ???+ tip               a collapsible one (pymdownx.details), shown open
//	=== "Python"                    a content tab (pymdownx.tabbed): a division
//	    Its text, indented.         under its title
//	==marked==, ^^inserted^^        marked and inserted text (pymdownx.mark, caret)
//	++ctrl+alt+del++                keys (pymdownx.keys), each as a key
//	:material-cog:                  an icon: left out, with a warning
//	NOTE: Text of the paragraph.     a callout of the kind (markdown-callouts):
//	                                NOTE, TIP, WARNING… in capitals, a colon
//	::: package.module.Class        mkdocstrings' API documentation, made from
//	    options: …                  the code: left out, with a warning
//
// An admonition's or a tab's text is what is indented by four columns
// under it, blank lines and all, as Python-Markdown reads it.

// mkdocsBox is the line that opens an admonition or a collapsible one:
// its marker, its type and further classes, and its title.
var mkdocsBox = regexp.MustCompile(`^(!!!|\?\?\?\+?)[ \t]+([\w-]+)((?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?[ \t]*$`)

// mkdocsTab is the line that opens a content tab: its title.
var mkdocsTab = regexp.MustCompile(`^===\+?!?[ \t]+"(.*)"[ \t]*$`)

// kindMkDocsBox is the goldmark node kind of an admonition or a tab.
var kindMkDocsBox = ast.NewNodeKind("MkDocsBox")

// mkdocsBoxNode is an admonition (typ set) or a content tab: its
// children are its indented text.
type mkdocsBoxNode struct {
	ast.BaseBlock
	typ      string         // the admonition's type, lower case; "" for a tab
	title    *ast.TextBlock // its title's text, its first child; nil for none or ""
	hasTitle bool           // the line gives a title, maybe ""
}

// Kind implements ast.Node.
func (n *mkdocsBoxNode) Kind() ast.NodeKind { return kindMkDocsBox }

// Dump implements ast.Node.
func (n *mkdocsBoxNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"type": n.typ}, nil)
}

// mkdocsSyntax adds MkDocs' admonitions, tabs, marks, insertions and
// keys to goldmark.
type mkdocsSyntax struct{}

// Extend implements goldmark.Extender.
func (mkdocsSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(mkdocsBoxParser{}, 100), util.Prioritized(autodocParser{}, 99)),
		parser.WithInlineParsers(
			util.Prioritized(markParser{}, 500),
			util.Prioritized(mkdocsInlineParser{}, 500),
		))
}

// mkdocsBoxParser reads admonitions and tabs.
type mkdocsBoxParser struct{}

// Trigger implements parser.BlockParser.
func (mkdocsBoxParser) Trigger() []byte { return []byte{'!', '?', '='} }

// Open implements parser.BlockParser.
func (mkdocsBoxParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	l := []byte(strings.TrimRight(string(line[pos:]), "\r\n"))
	n := &mkdocsBoxNode{}
	var title []int // the title's start and end in l
	if m := mkdocsBox.FindSubmatchIndex(l); m != nil {
		n.typ = strings.ToLower(string(l[m[4]:m[5]]))
		n.hasTitle, title = m[8] >= 0, m[8:10]
	} else if m := mkdocsTab.FindSubmatchIndex(l); m != nil {
		n.hasTitle, title = true, m[2:4]
	} else {
		return nil, parser.NoChildren
	}
	if n.hasTitle && len(bytes.TrimSpace(l[title[0]:title[1]])) > 0 {
		// The title is read as the page's text is, its link references
		// and all: a block of its own, the box's first child.
		start := segment.Start + pos
		n.title = ast.NewTextBlock()
		n.title.Lines().Append(text.NewSegment(start+title[0], start+title[1]))
		n.AppendChild(n, n.title)
	}
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

// Continue implements parser.BlockParser: a blank line, or one indented
// by four columns (less them), is the box's; any other ends it.
func (mkdocsBoxParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

// Close implements parser.BlockParser.
func (mkdocsBoxParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser.
func (mkdocsBoxParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (mkdocsBoxParser) CanAcceptIndentedLine() bool { return false }

// autodocLine is the line of mkdocstrings' (or mkdocs-click's) block,
// which documents the code it names: "::: package.module.Class".
var autodocLine = regexp.MustCompile(`^:::[ \t]+[\w.:-]+[ \t]*$`)

// kindAutodoc is the goldmark node kind of such a block.
var kindAutodoc = ast.NewNodeKind("MkDocsAutodoc")

// autodocNode is an mkdocstrings block: its line and its indented
// options.
type autodocNode struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *autodocNode) Kind() ast.NodeKind { return kindAutodoc }

// Dump implements ast.Node.
func (n *autodocNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// IsRaw implements ast.Node: its options are no Markdown.
func (n *autodocNode) IsRaw() bool { return true }

// autodocParser reads mkdocstrings' blocks, before pandoc's fenced divs
// are tried: a MkDocs site has none of those.
type autodocParser struct{}

// Trigger implements parser.BlockParser.
func (autodocParser) Trigger() []byte { return []byte{':'} }

// Open implements parser.BlockParser.
func (autodocParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !autodocLine.Match(bytes.TrimRight(line[pos:], "\r\n")) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &autodocNode{}, parser.NoChildren
}

// Continue implements parser.BlockParser: its options are the lines
// indented under it.
func (autodocParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 2 || util.IsBlank(line) {
		return parser.Close
	}
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close implements parser.BlockParser.
func (autodocParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser.
func (autodocParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (autodocParser) CanAcceptIndentedLine() bool { return false }

// mkdocsKinds are the admonition types of Material for MkDocs that are
// not fenced divs' names (fencedDivKinds), as callouts, under the title
// Material shows.
var mkdocsKinds = map[string]divKind{
	"abstract": {callout: "note", title: "Abstract"}, "summary": {callout: "note", title: "Summary"}, "tldr": {callout: "note", title: "TL;DR"},
	"todo": {callout: "note", title: "Todo"}, "success": {callout: "tip", title: "Success"}, "check": {callout: "tip", title: "Check"},
	"done": {callout: "tip", title: "Done"}, "question": {callout: "note", title: "Question"}, "help": {callout: "note", title: "Help"},
	"faq": {callout: "note", title: "FAQ"}, "failure": {callout: "caution", title: "Failure"}, "fail": {callout: "caution", title: "Fail"},
	"missing": {callout: "caution", title: "Missing"}, "bug": {callout: "caution", title: "Bug"}, "quote": {callout: "note", title: "Quote"},
	"cite": {callout: "note", title: "Cite"},
}

// mkdocsBox converts an admonition or a tab at pos.
func (c *converter) mkdocsBox(n *mkdocsBoxNode, pos doc.Pos) doc.Block {
	var title []doc.Inline
	if n.title != nil {
		title = c.inlines(n.title, pos)
		n.RemoveChild(n, n.title)
	}
	if n.typ == "" {
		return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{"tab"}}, Title: title, Blocks: c.blocks(n, pos)}
	}
	kind, ok := mkdocsKinds[n.typ]
	if !ok {
		kind, ok = fencedDivKinds[n.typ]
	}
	if !ok || kind.callout == "" {
		// A type of the site's own (its CSS styles it): a note under the
		// type's name, as Python-Markdown titles it.
		r, size := utf8.DecodeRuneInString(n.typ)
		kind = divKind{callout: "note", title: strings.ToUpper(string(r)) + n.typ[size:]}
	}
	if !n.hasTitle {
		title = kindTitle(kind, pos)
	}
	return &doc.Callout{Pos: pos, Kind: kind.callout, Title: title, Blocks: c.blocks(n, pos)}
}

// calloutWord is a paragraph's first word that makes it a callout, as
// markdown-callouts reads it: a kind's name in capitals and a colon.
var calloutWord = regexp.MustCompile(`^([A-Z]+(?: [A-Z]+)?):(?:[ \t]+|$)`)

// markdownCallout is the callout that paragraph p is when it starts with
// a callout kind's name in capitals and a colon ("NOTE: "), whose
// title its name is; nil for any other.
func markdownCallout(p *doc.Paragraph) *doc.Callout {
	if len(p.Content) == 0 {
		return nil
	}
	first, ok := p.Content[0].(*doc.Text)
	if !ok {
		return nil
	}
	m := calloutWord.FindStringSubmatch(first.Value)
	if m == nil {
		return nil
	}
	name := strings.ToLower(m[1])
	kind, ok := mkdocsKinds[name]
	if !ok {
		kind, ok = fencedDivKinds[strings.ReplaceAll(name, " ", "")]
	}
	if !ok || kind.callout == "" {
		return nil
	}
	first.Value = first.Value[len(m[0]):]
	first.Pos.Col += len(m[0])
	if first.Value == "" {
		p.Content = p.Content[1:]
	}
	return &doc.Callout{Pos: p.Pos, Kind: kind.callout, Title: kindTitle(kind, p.Pos), Blocks: []doc.Block{p}}
}

// kindTitle is the title a callout of kind shows when it is given none:
// the kind's (nil: the callout kind's own word, "Note").
func kindTitle(kind divKind, pos doc.Pos) []doc.Inline {
	if kind.title == "" {
		return nil
	}
	return []doc.Inline{&doc.Text{Pos: pos, Value: kind.title}}
}

// kindKeys and kindInserted are the goldmark node kinds of keys and of
// inserted text.
var (
	kindKeys     = ast.NewNodeKind("MkDocsKeys")
	kindInserted = ast.NewNodeKind("MkDocsInserted")
)

// keysNode is ++ctrl+alt+del++: the keys' names.
type keysNode struct {
	ast.BaseInline
	keys []string
}

// Kind implements ast.Node.
func (n *keysNode) Kind() ast.NodeKind { return kindKeys }

// Dump implements ast.Node.
func (n *keysNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"keys": strings.Join(n.keys, "+")}, nil)
}

// insertedNode is ^^inserted^^ text: its children.
type insertedNode struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *insertedNode) Kind() ast.NodeKind { return kindInserted }

// Dump implements ast.Node.
func (n *insertedNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// mkdocsKeys is ++keys++: names joined by +.
var mkdocsKeys = regexp.MustCompile(`^\+\+([\w-]+(?:\+[\w-]+)*)\+\+`)

// mkdocsInserted is ^^text^^, on one line, not starting or ending with a
// space.
var mkdocsInserted = regexp.MustCompile(`^\^\^([^\s^](?:[^^]*[^\s^])?)\^\^`)

// mkdocsInlineParser reads keys and inserted text.
type mkdocsInlineParser struct{}

// Trigger implements parser.InlineParser.
func (mkdocsInlineParser) Trigger() []byte { return []byte{'+', '^'} }

// Parse implements parser.InlineParser.
func (mkdocsInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if block.PrecendingCharacter() == '{' {
		return nil // CriticMarkup's {++added++}, which galley reads as text
	}
	if m := mkdocsKeys.FindSubmatch(line); m != nil {
		block.Advance(len(m[0]))
		return &keysNode{keys: strings.Split(string(m[1]), "+")}
	}
	if m := mkdocsInserted.FindSubmatchIndex(line); m != nil {
		n := &insertedNode{}
		n.AppendChild(n, ast.NewTextSegment(text.NewSegment(seg.Start+m[2], seg.Start+m[3])))
		block.Advance(m[1])
		return n
	}
	return nil
}

// keyNames are the names pymdownx.keys shows for its keys' codes;
// another code shows with its first letter in capitals (f5 F5, a A).
var keyNames = map[string]string{
	"ctrl": "Ctrl", "control": "Ctrl", "alt": "Alt", "option": "Option", "shift": "Shift", "cmd": "Cmd", "command": "Cmd",
	"meta": "Meta", "windows": "Win", "win": "Win", "super": "Super", "fn": "Fn", "del": "Del", "delete": "Del",
	"backspace": "Backspace", "enter": "Enter", "return": "Return", "esc": "Esc", "escape": "Esc", "tab": "Tab",
	"space": "Space", "spacebar": "Space", "caps-lock": "Caps Lock", "page-up": "Page Up", "page-down": "Page Down",
	"home": "Home", "end": "End", "insert": "Ins", "ins": "Ins", "print-screen": "Print Screen",
	"arrow-up": "↑", "up": "↑", "arrow-down": "↓", "down": "↓", "arrow-left": "←", "left": "←", "arrow-right": "→", "right": "→",
	"plus": "+", "minus": "-",
}

// keys converts ++keys++ at pos: each key a key (the kbd span), joined
// by "+".
func (c *converter) keys(n *keysNode, pos doc.Pos) doc.Inline {
	var content []doc.Inline
	for i, k := range n.keys {
		if i > 0 {
			content = append(content, &doc.Text{Pos: pos, Value: "+"})
		}
		name, ok := keyNames[strings.ToLower(k)]
		if !ok {
			r, size := utf8.DecodeRuneInString(k)
			name = strings.ToUpper(string(r)) + k[size:]
		}
		content = append(content, &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{"kbd"}}, Content: []doc.Inline{&doc.Text{Pos: pos, Value: validUTF8(name)}}})
	}
	return &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{"keys"}}, Content: content}
}

// mkdocsIcon is one of Material for MkDocs' icon shortcodes:
// :material-cog:, :fontawesome-brands-github:, :octicons-heart-16:,
// :simple-python:, and the attributes written after one ({ .red }).
var mkdocsIcon = regexp.MustCompile(`:(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:(?:\{[^}\n]*\})?`)

// leftOutMark is what a site's syntax left out of a line of text (an
// icon, an MDX comment) is replaced by in the text goldmark reads, then
// padded with spaces to its length; the converter takes the mark out of
// the texts, with those spaces (withoutLeftOut).
const leftOutMark = "\ue010"

// leftOut is a mark and its padding in a text.
var leftOut = regexp.MustCompile(leftOutMark + ` *`)

// markLeftOut replaces l[start:end] with the mark and its padding.
func markLeftOut(l []byte, start, end int) {
	k := start + copy(l[start:end], leftOutMark)
	for i := k; i < end; i++ {
		l[i] = ' '
	}
}

// withoutLeftOut takes out of in's texts (merged) what was left out of
// them, and the spaces after each; a text that was that alone goes.
func withoutLeftOut(in []doc.Inline) []doc.Inline {
	out := in[:0]
	for _, x := range in {
		if t, ok := x.(*doc.Text); ok && strings.Contains(t.Value, leftOutMark) {
			if t.Value = leftOut.ReplaceAllString(t.Value, ""); t.Value == "" {
				continue
			}
		}
		out = append(out, x)
	}
	return out
}

// mkdocsIcons leaves out, in body (a MkDocs site's page, its offsets
// kept), the icon shortcodes outside code, which galley has none of the
// icon sets to draw, and warns once of the lines that had them.
func mkdocsIcons(body []byte, lines *lineTable, diags *diag.List) {
	var at, n int
	textLines(body, func(start int, l []byte) {
		found := false
		for _, m := range mkdocsIcon.FindAllIndex(l, -1) {
			if inCodeSpan(l, m[0]) {
				continue
			}
			if n == 0 && !found {
				at = start + m[0]
			}
			found = true
			// A mark, not spaces alone: an icon that starts a list item's
			// text would leave it indented code.
			markLeftOut(l, m[0], m[1])
		}
		if found {
			n++
		}
	})
	warnLines(diags, lines.pos(at), n, "this icon of Material for MkDocs (:material-…:, :fontawesome-…:, :octicons-…:, :simple-…:) is left out: galley has none of their icon sets")
}

// MkDocsSite reports whether dir is in a MkDocs site: it, or a directory
// above it, holds MkDocs' configuration (mkdocs.yml).
func MkDocsSite(dir string) bool {
	return markedAbove(dir, false, "mkdocs.yml", "mkdocs.yaml")
}
