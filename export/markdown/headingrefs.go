package markdown

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Pandoc's implicit heading references: every heading defines a link
// reference named by its text, so "[Creating a PDF]", "[Creating a
// PDF][]" and "[see below][creating a pdf]" link to "# Creating a PDF"
// (pandoc's implicit_header_references; its own manual has 69 such
// links). A reference defined in the text is taken before a heading's,
// and of headings with the same text the first is meant. A heading in a
// fenced div the document leaves out (Syntax.Omit, a format condition)
// defines none. The labels are compared as CommonMark compares link
// labels: case folded, runs of white space made one space.
//
// The headings' labels are gathered as goldmark closes their blocks,
// which is before it reads any inline; a link to one is given a URL
// naming the heading's position (doc.HeadingRefPrefix), which
// passes.AssignHeadingIDs makes "#" and the id the heading gets.

// parseContext is the parser context of one parse, with the labels its
// headings define and the labels it looked for in vain, the block
// attributes kramdown's lines gave its paragraphs and the lines of
// Liquid's tags left out of them.
type parseContext struct {
	parser.Context
	off      bool // no heading defines a link reference (Syntax.NoHeadingRefs, a site's page)
	omit     []string
	labels   map[string]int // a label → the index in headings of the first heading with it
	headings []*ast.Heading
	missed   map[string]bool // labels of links no reference or heading defines
	used     map[string]bool // labels of links to the headings
	// blockAttrs are the attributes kramdown's lines gave paragraphs
	// (kramdown.go).
	blockAttrs map[int]paragraphAttrs // by the offset where the paragraph's text starts
	// liquidLines are the paragraphs lines of Liquid's tags were left out
	// of, by the offset where their text starts (liquid.go).
	liquidLines map[int]bool
}

func newParseContext(syntax Syntax) *parseContext {
	// Only pandoc's Markdown has them: not an mdBook's (pulldown-cmark),
	// nor a Jekyll site's (kramdown), a Hugo site's (goldmark), a MkDocs
	// site's (Python-Markdown), MDX or Obsidian's, whose [[#Heading]] finds
	// headings by the same labels.
	off := syntax.NoHeadingRefs || syntax.Liquid || syntax.Hugo || syntax.Obsidian || syntax.MkDocs || syntax.MDX
	return &parseContext{Context: parser.NewContext(), off: off, omit: syntax.Omit,
		labels: map[string]int{}, missed: map[string]bool{}, used: map[string]bool{}, blockAttrs: map[int]paragraphAttrs{}, liquidLines: map[int]bool{}}
}

// headingRefDest is the destination goldmark gives a link to heading i of
// the parse; the converter makes it the heading's URL (headingURL).
const headingRefDest = "galley-heading-index:"

// Reference implements parser.Context: a reference the text defines,
// else a heading's.
func (c *parseContext) Reference(label string) (parser.Reference, bool) {
	if r, ok := c.Context.Reference(label); ok {
		return r, true
	}
	if c.off {
		return nil, false
	}
	if dest, ok := c.heading(label); ok {
		return parser.NewReference([]byte(label), []byte(dest), nil), true
	}
	return nil, false
}

// heading returns the destination of a link to the heading whose label
// (util.ToLinkReference) is label, and whether one has it, keeping which
// labels were looked for (parts.go).
func (c *parseContext) heading(label string) (dest string, ok bool) {
	i, ok := c.labels[label]
	if !ok {
		c.missed[label] = true
		return "", false
	}
	c.used[label] = true
	return headingRefDest + strconv.Itoa(i), true
}

// add records the label heading h defines, unless an earlier heading
// defines it or h is left out with a fenced div.
func (c *parseContext) add(h *ast.Heading, src []byte) {
	var raw strings.Builder
	for i := range h.Lines().Len() {
		if i > 0 {
			raw.WriteByte('\n')
		}
		seg := h.Lines().At(i)
		raw.Write(seg.Value(src))
	}
	label := util.ToLinkReference([]byte(raw.String()))
	if label == "" {
		return
	}
	if _, taken := c.labels[label]; taken {
		return
	}
	for p := h.Parent(); p != nil; p = p.Parent() {
		if div, ok := p.(*fencedDiv); ok {
			attr := attributes(div)
			if shown, _ := conditionalShown(attr); !shown || omittedDiv(c.omit, div.name, attr) {
				return
			}
		}
	}
	c.labels[label] = len(c.headings)
	c.headings = append(c.headings, h)
}

// headingURL returns the URL of a link that goldmark gave dest: for a
// link to a heading (headingRefDest), the heading's position after
// doc.HeadingRefPrefix; else dest.
func (c *converter) headingURL(dest string) string {
	rest, ok := strings.CutPrefix(dest, headingRefDest)
	if !ok || c.parsed == nil {
		return dest // most links: no number read (a failed Atoi makes an error)
	}
	i, err := strconv.Atoi(rest)
	if err != nil || i < 0 || i >= len(c.parsed.headings) {
		return dest
	}
	return doc.HeadingRefPrefix + c.nodePos(c.parsed.headings[i], doc.Pos{}).String()
}

// labelledHeadings wraps goldmark's heading parser p (ATX or setext) so
// that each heading it closes defines its label (parseContext.add).
type labelledHeadings struct {
	parser.BlockParser
}

// Close implements parser.BlockParser.
func (p labelledHeadings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	h, ok := node.(*ast.Heading)
	// A setext heading's underline under no paragraph is no heading:
	// goldmark takes it out of the tree.
	if refs, found := pc.(*parseContext); found && ok && h.Parent() != nil {
		refs.add(h, reader.Source())
	}
}

// SetOption implements parser.SetOptioner, which the heading parsers
// read attributes by.
func (p labelledHeadings) SetOption(name parser.OptionName, value any) {
	if o, ok := p.BlockParser.(parser.SetOptioner); ok {
		o.SetOption(name, value)
	}
}

// newParser is goldmark's default parser, its heading parsers
// labelledHeadings.
func newParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	atx, setext := reflect.TypeOf(parser.NewATXHeadingParser()), reflect.TypeOf(parser.NewSetextHeadingParser())
	for i, v := range blocks {
		if t := reflect.TypeOf(v.Value); t == atx || t == setext {
			blocks[i].Value = labelledHeadings{v.Value.(parser.BlockParser)}
		}
	}
	return parser.NewParser(parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
}
