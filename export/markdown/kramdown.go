package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kramdown's block attributes (Jekyll's Markdown; the Just the Docs
// theme's callouts and labels), a line of its own "{: .note }" or
// "{:#id .class key="value"}" beside the block it gives them to:
//
//	A paragraph.        the line after a block (no blank line between)
//	{: .note }          gives the block above its attributes;
//
//	{: .warning }       the line before a block gives the block below
//	A paragraph.        them, as a line alone before it does.
//
// A callout's class (a kind of the one table, fencedDivKinds: note, tip,
// warning, important, caution, danger…) makes the block a callout of that
// kind, as Just the Docs shows it; .no_toc keeps a heading out of the
// table of contents (pandoc's .unlisted); other attributes go to a
// heading, or to a division around another block (a label's
// "{: .label .label-purple }"; written right after an inline element,
// "**Lab**{: .label }", they are left out). A list kramdown makes the page's table of
// contents of ("* TOC" then "{:toc}") is left out, with a note: the
// outputs have their own.

// kramdownSpanIAL is kramdown's attributes written right after an
// inline element: **Lab**{: .label .label-purple }, Just the Docs' label.
var kramdownSpanIAL = regexp.MustCompile(`^\{:[^{}]*\}`)

// kramdownNoMarkdown is kramdown's marks around HTML it is not to read
// as Markdown.
var kramdownNoMarkdown = regexp.MustCompile(`\{::nomarkdown\}|\{:/(?:nomarkdown)?\}`)

// withoutSpanIALs returns inlines without the attributes kramdown gives
// an inline element, written at the start of the text right after it:
// the outputs have no use for a label's colour class, and printed as
// written they would be noise; nor with kramdown's {::nomarkdown} and
// {:/} marks. A text left empty goes.
func withoutSpanIALs(inlines []doc.Inline) []doc.Inline {
	out := inlines[:0]
	for i, in := range inlines {
		if t, ok := in.(*doc.Text); ok && strings.Contains(t.Value, "{:") {
			// kramdown's {::nomarkdown} … {:/}: what is between is HTML,
			// which is read as such anyway.
			if t.Value = kramdownNoMarkdown.ReplaceAllString(t.Value, ""); t.Value == "" {
				continue
			}
		}
		if t, ok := in.(*doc.Text); ok && i > 0 {
			if _, afterText := inlines[i-1].(*doc.Text); !afterText {
				if loc := kramdownSpanIAL.FindStringIndex(t.Value); loc != nil {
					t.Pos.Col += utf8.RuneCountInString(t.Value[:loc[1]]) // the attributes are on one line
					t.Value = t.Value[loc[1]:]
					if t.Value == "" {
						continue
					}
				}
			}
		}
		out = append(out, in)
	}
	return out
}

// kramdownIAL is a line of block attributes: "{:", what it gives, "}".
var kramdownIAL = regexp.MustCompile(`^\s{0,3}\{:\s*([^{}]*?)\s*\}\s*$`)

// kindBlockAttrs is the goldmark node kind of a line of block attributes
// alone (for the block above or below it).
var kindBlockAttrs = ast.NewNodeKind("BlockAttributes")

// blockAttrs is a line of block attributes that a paragraph was alone.
type blockAttrs struct {
	ast.BaseBlock
	attrs doc.Attr
	above bool // for the block above it (no blank line between); else the one below
}

// Kind implements ast.Node.
func (n *blockAttrs) Kind() ast.NodeKind { return kindBlockAttrs }

// Dump implements ast.Node.
func (n *blockAttrs) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// readIAL reads a line of block attributes; ok is false for any other
// line. toc reports kramdown's {:toc}.
func readIAL(line []byte) (attr doc.Attr, toc, ok bool) {
	if !bytes.Contains(line, []byte("{:")) { // most paragraphs' first and last lines, told at once
		return doc.Attr{}, false, false
	}
	m := kramdownIAL.FindSubmatch(line)
	if m == nil {
		return doc.Attr{}, false, false
	}
	body := bytes.TrimSpace(m[1])
	if string(body) == "toc" {
		return doc.Attr{}, true, true
	}
	attrs, _, ok := pandocAttributes(append(append([]byte("{"), body...), '}'))
	if !ok {
		return doc.Attr{}, false, false
	}
	n := ast.NewParagraph()
	for _, a := range attrs {
		n.SetAttribute(a.Name, a.Value)
	}
	return attributes(n), false, true
}

// kramdownSyntax adds kramdown's block attributes to goldmark.
type kramdownSyntax struct{}

// Extend implements goldmark.Extender.
func (kramdownSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithParagraphTransformers(util.Prioritized(kramdownAttrs{}, 200)))
}

// kramdownAttrs finds the block attributes in a paragraph as it closes:
// its first or last line, or the whole of it.
type kramdownAttrs struct{}

// Transform implements parser.ParagraphTransformer.
func (kramdownAttrs) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	src := reader.Source()
	if lines.Len() == 1 {
		attr, _, ok := readIAL(lineValue(lines, 0, src)) // a {:toc} alone gives nothing
		if !ok {
			return
		}
		n := &blockAttrs{attrs: attr, above: p.PreviousSibling() != nil && !p.HasBlankPreviousLines()}
		n.SetLines(lines)
		p.Parent().ReplaceChild(p.Parent(), p, n)
		return
	}
	refs, ok := pc.(*parseContext)
	if !ok {
		return
	}
	var all paragraphAttrs
	// A {:toc} ending "* TOC" is left for the list (kramdownTOCList).
	if attr, toc, ok := readIAL(lineValue(lines, lines.Len()-1, src)); ok && !toc {
		all.attr, all.under = mergeAttr(all.attr, attr), true
		lines.SetSliced(0, lines.Len()-1)
	}
	if attr, toc, ok := readIAL(lineValue(lines, 0, src)); ok && !toc && lines.Len() > 1 {
		all.attr = mergeAttr(all.attr, attr)
		lines.SetSliced(1, lines.Len())
	}
	if !all.attr.IsZero() {
		refs.blockAttrs[lines.At(0).Start] = all
	}
}

// paragraphAttrs are the attributes kramdown's lines gave a paragraph,
// and whether a line under it gave them (in a list's last item, they are
// the list's: its paragraph took the line in).
type paragraphAttrs struct {
	attr  doc.Attr
	under bool
}

// mergeAttr returns a with b's id, classes and key-value pairs added.
func mergeAttr(a, b doc.Attr) doc.Attr {
	if b.ID != "" {
		a.ID = b.ID
	}
	a.Classes = append(a.Classes, b.Classes...)
	a.KV = append(a.KV, b.KV...)
	return a
}

// withKramdownAttrs returns block b given attr: a callout of the kind
// its class names, a heading with them (.no_toc unlisted), or a division
// around b holding them.
func withKramdownAttrs(b doc.Block, attr doc.Attr, pos doc.Pos) doc.Block {
	if attr.IsZero() {
		return b
	}
	for _, cl := range attr.Classes {
		if kind, ok := fencedDivKinds[strings.ToLower(cl)]; ok && kind.callout != "" && kind.label == "" {
			var title []doc.Inline
			if kind.title != "" {
				title = []doc.Inline{&doc.Text{Pos: pos, Value: kind.title}}
			}
			return &doc.Callout{Pos: pos, Kind: kind.callout, Title: title, Blocks: withBlockAnchor(doc.Attr{ID: attr.ID}, pos, []doc.Block{b})}
		}
	}
	if h, ok := b.(*doc.Heading); ok {
		if i := slices.Index(attr.Classes, "no_toc"); i >= 0 {
			attr.Classes[i] = doc.UnlistedClass
		}
		if attr.ID != "" {
			h.Attr.ID = attr.ID
		}
		h.Attr.Classes = append(h.Attr.Classes, attr.Classes...)
		h.Attr.KV = append(h.Attr.KV, attr.KV...)
		return h
	}
	return &doc.Div{Pos: pos, Attr: attr, Blocks: []doc.Block{b}}
}

// kramdownTOCList reports a list kramdown makes the page's table of
// contents of: one item, whose text's last line is {:toc}.
func kramdownTOCList(n *ast.List, src []byte) bool {
	item := n.FirstChild()
	if item == nil || item.NextSibling() != nil || item.FirstChild() == nil {
		return false
	}
	lines := item.FirstChild().Lines()
	if lines.Len() < 2 {
		return false
	}
	_, toc, _ := readIAL(lineValue(lines, lines.Len()-1, src))
	return toc
}

// takeAttrs returns, and forgets, the attributes kramdown's lines gave
// paragraph n, found by where its text starts, which a tight list's text
// block keeps (none when c is nil: a title read alone).
func (c *parseContext) takeAttrs(n ast.Node) (paragraphAttrs, bool) {
	if c == nil || n == nil || n.Lines().Len() == 0 {
		return paragraphAttrs{}, false
	}
	start := n.Lines().At(0).Start
	a, ok := c.blockAttrs[start]
	delete(c.blockAttrs, start)
	return a, ok
}

// listAttrs returns, and forgets, the attributes a line under list n
// gave it: its last item's paragraph took the line in.
func (c *parseContext) listAttrs(n *ast.List) (doc.Attr, bool) {
	if c == nil || n.LastChild() == nil || n.LastChild().LastChild() == nil {
		return doc.Attr{}, false
	}
	last := n.LastChild().LastChild()
	if last.Lines().Len() == 0 {
		return doc.Attr{}, false
	}
	if a, ok := c.blockAttrs[last.Lines().At(0).Start]; ok && a.under {
		c.takeAttrs(last)
		return a.attr, true
	}
	return doc.Attr{}, false
}

// lineValue is line i of lines.
func lineValue(lines *text.Segments, i int, src []byte) []byte {
	seg := lines.At(i)
	return seg.Value(src)
}
