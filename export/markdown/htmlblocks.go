package markdown

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/theme"
)

// Markdown written between a <div>, <details> or <figure> start tag and
// its end tag, each a raw HTML block of its own (as mdBook's books write
// their warnings, collapsed answers and figures), becomes a node holding
// those blocks, set by both outputs: a Div with the element's id and
// classes (for <details>, the class "details" and its <summary> as the
// Div's title), or, for a div of a callout's class (mdBook's <div
// class="warning">), that callout; a figure of one image, with a
// <figcaption> block as its caption, is that image's figure. A start tag
// with no end tag in the same run of blocks stays raw.
//
// The Rust book's <Listing number="2-1" file-name="src/main.rs"
// caption="…"> (its mdbook-trpl preprocessor's) is a Div of class
// "listing", id "listing-2-1": a "Filename: src/main.rs" label (a span of
// class "file-name") before its blocks, and "Listing 2-1: …" (a span of
// class "caption", the caption's inline Markdown read) after them.

// blockTag is a start or end tag of a div, details, figure, figcaption
// or listing, a raw HTML block's.
type blockTag struct {
	name    string // "div", "details", "figure", "figcaption" or "listing"
	end     bool
	attr    doc.Attr
	summary string // a details' summary, when the block holds it
	element bool   // a whole figcaption element, its start tag, content and end tag

	number, fileName, caption string // a listing's
	label, kind, value        string // an MDX component's label or title, type and value (mdx.go)

	breakBefore, breakAfter bool // its style breaks the page before or after it (cssPageBreaks)
}

// parseBlockTags reads a raw HTML block that is only start and end tags
// of divs, details, figures, their figcaptions and listings (a details'
// start tag followed by its summary element), and whole figcaption
// elements: each tag or element, and the source of each (a details' with
// its summary), in order.
func parseBlockTags(src string, mdx bool) (tags []blockTag, raws []string, ok bool) {
	z := html.NewTokenizer(strings.NewReader(src))
	var inside string // "summary" or "figcaption": the element whose content is read
	var summary strings.Builder
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return tags, raws, len(tags) > 0 && inside == ""
		}
		raw := string(z.Raw())
		tok := z.Token()
		last := len(tags) - 1
		switch {
		case inside != "" && tok.Data == inside && tt == html.EndTagToken:
			raws[last] += raw
			if inside == "summary" {
				tags[last].summary = strings.Join(strings.Fields(summary.String()), " ")
			}
			inside = ""
		case inside != "":
			if tt == html.TextToken {
				summary.WriteString(tok.Data) // markup inside the summary: its text is kept
			}
			raws[last] += raw
		case tt == html.TextToken && strings.TrimSpace(tok.Data) == "", tt == html.CommentToken:
		case (pairedTag(tok.Data) || mdx && mdxComponents[tok.Data]) && (tt == html.StartTagToken || tt == html.EndTagToken):
			tags, raws = append(tags, readBlockTag(tok, tt == html.EndTagToken)), append(raws, raw)
		case last >= 0 && !tags[last].end && tags[last].name == "details" && tok.Data == "summary" && tt == html.StartTagToken:
			inside = "summary"
			summary.Reset()
			raws[last] += raw
		default:
			if last >= 0 && tags[last].name == "figcaption" && !tags[last].end && !tags[last].element {
				// A figcaption's text: the element is read whole.
				tags[last].element, inside = true, "figcaption"
				raws[last] += raw
				continue
			}
			return nil, nil, false
		}
	}
}

// pairedTag reports the elements whose start and end tags, each a raw
// block, pairBlockHTML pairs.
func pairedTag(name string) bool {
	switch name {
	case "div", "details", "figure", "figcaption", "listing":
		return true
	}
	return false
}

// readBlockTag reads a start or end tag's name and the attributes galley
// keeps.
func readBlockTag(tok html.Token, end bool) blockTag {
	t := blockTag{name: tok.Data, end: end}
	for _, a := range tok.Attr {
		switch strings.ToLower(a.Key) {
		case "id":
			t.attr.ID = validUTF8(a.Val)
		case "class":
			t.attr.Classes = strings.Fields(validUTF8(a.Val))
		case "align":
			t.attr.KV = append(t.attr.KV, alignKV(tok.Attr)...)
		case "dir":
			t.attr.KV = append(t.attr.KV, dirKV(tok.Attr)...)
		case "style":
			t.breakBefore, t.breakAfter = cssPageBreaks(a.Val)
		case "number":
			t.number = strings.TrimSpace(validUTF8(a.Val))
		case "file-name":
			t.fileName = strings.TrimSpace(validUTF8(a.Val))
		case "caption":
			t.caption = strings.TrimSpace(validUTF8(a.Val))
		case "label", "title":
			t.label = strings.TrimSpace(validUTF8(a.Val))
		case "value":
			t.value = strings.TrimSpace(validUTF8(a.Val))
		case "type":
			t.kind = strings.ToLower(strings.TrimSpace(validUTF8(a.Val)))
		}
	}
	return t
}

// pairBlockHTML wraps the blocks between a div's, details', figure's,
// figcaption's or listing's start and end tags in a node. A raw block of
// several such tags (Python-Markdown's "</figcaption>\n</figure>") is
// read a tag at a time; a tag left unpaired stays raw.
func (c *converter) pairBlockHTML(in []doc.Block) []doc.Block {
	if !slices.ContainsFunc(in, func(b doc.Block) bool { _, raw := b.(*doc.RawHTML); return raw }) {
		return in // nearly every run of blocks: nothing to pair, no copy
	}
	type open struct {
		at  int
		tag blockTag
	}
	var out []doc.Block
	var stack []open
	for _, b := range in {
		raw, ok := b.(*doc.RawHTML)
		if !ok {
			out = append(out, b)
			continue
		}
		tags, raws, ok := parseBlockTags(raw.HTML, c.syntax.MDX)
		if !ok {
			out = append(out, b)
			continue
		}
		for i, tag := range tags {
			piece := b
			if len(tags) > 1 {
				piece = &doc.RawHTML{Pos: raw.Pos, HTML: raws[i]}
			}
			switch {
			case tag.element:
				out = append(out, piece)
			case !tag.end:
				stack = append(stack, open{at: len(out), tag: tag})
				out = append(out, piece)
			case len(stack) > 0 && stack[len(stack)-1].tag.name == tag.name:
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				start := out[o.at].(*doc.RawHTML)
				content := append([]doc.Block(nil), out[o.at+1:]...)
				out = append(out[:o.at], c.pairedNode(o.tag, start.Pos, content))
			default:
				out = append(out, piece)
			}
		}
	}
	return out
}

// pageBreak is a page break at pos (doc.PageBreakClass).
func pageBreak(pos doc.Pos) *doc.Div {
	return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{doc.PageBreakClass}}}
}

// cssPageBreaks reports whether a style attribute breaks the page before
// or after its element: CSS 2's page-break-before and -after (always,
// left, right) and CSS 3's break-before and -after (page, left, right,
// recto, verso).
func cssPageBreaks(style string) (before, after bool) {
	for _, decl := range strings.Split(style, ";") {
		name, value, _ := strings.Cut(decl, ":")
		value = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important")))
		breaks := false
		switch value {
		case "always", "page", "left", "right", "recto", "verso":
			breaks = true
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "page-break-before", "break-before":
			before = before || breaks
		case "page-break-after", "break-after":
			after = after || breaks
		}
	}
	return before, after
}

// pairedNode is the node of a div, details, figure or listing with its
// blocks (divNode, listingNode).
func (c *converter) pairedNode(tag blockTag, pos doc.Pos, blocks []doc.Block) doc.Block {
	if tag.name == "listing" {
		return c.listingNode(tag, pos, blocks)
	}
	return divNode(tag, pos, blocks)
}

// divNode is the node of a div, details or figure with its blocks.
func divNode(tag blockTag, pos doc.Pos, blocks []doc.Block) doc.Block {
	switch tag.name {
	case "figure":
		return figureNode(tag, pos, blocks)
	case "figcaption":
		return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{figcaptionClass}}, Blocks: blocks}
	case "tabs", "tabitem", "admonition":
		return mdxComponent(tag, pos, blocks)
	}
	if tag.name == "div" && len(tag.attr.Classes) == 1 {
		if kind := strings.ToLower(tag.attr.Classes[0]); theme.IsCalloutKind(kind) {
			return &doc.Callout{Pos: pos, Kind: kind, Blocks: blocks}
		}
	}
	if tag.name == "div" && (tag.breakBefore || tag.breakAfter) {
		if tag.breakBefore {
			blocks = append([]doc.Block{pageBreak(pos)}, blocks...)
		}
		if tag.breakAfter {
			blocks = append(blocks, pageBreak(pos))
		}
		if len(blocks) == 1 && tag.attr.ID == "" && len(tag.attr.Classes) == 0 {
			return blocks[0] // <div style="page-break-after: always"></div>
		}
	}
	d := &doc.Div{Pos: pos, Attr: tag.attr, Blocks: blocks}
	if tag.name == "details" {
		d.Attr.Classes = append([]string{"details"}, d.Attr.Classes...)
		if tag.summary != "" {
			d.Title = []doc.Inline{&doc.Text{Pos: pos, Value: tag.summary}}
		}
	}
	return d
}

// figureNode is the node of a figure's blocks: the figure of its one
// image (an <img> block or a Markdown image), or its one table,
// captioned by its <figcaption> (a raw block, or a figcaption's
// Markdown of one paragraph, as Python-Markdown's md_in_html writes it)
// when it has one; else a Div of class "figure" of the blocks, a
// caption among them a paragraph.
func figureNode(tag blockTag, pos doc.Pos, blocks []doc.Block) doc.Block {
	var fig *doc.Figure
	var table *doc.Table
	var caption []doc.Inline
	others := 0
	out := make([]doc.Block, 0, len(blocks))
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.RawHTML:
			if text, ok := figcaptionText(b.HTML); ok {
				caption = []doc.Inline{&doc.Text{Pos: b.Pos, Value: text}}
				out = append(out, &doc.Paragraph{Pos: b.Pos, Content: caption})
				continue
			}
		case *doc.Div:
			if b.Attr.HasClass(figcaptionClass) {
				if p, ok := soleParagraph(b.Blocks); ok {
					caption = p.Content
				}
				out = append(out, b.Blocks...)
				continue
			}
		case *doc.Figure:
			if fig == nil {
				fig = b
				out = append(out, b)
				continue
			}
		case *doc.Table:
			if table == nil {
				table = b
				out = append(out, b)
				continue
			}
		}
		out = append(out, b)
		others++
	}
	switch {
	case fig != nil && table == nil && others == 0:
		if caption != nil {
			fig.Caption = caption
		}
		if fig.Attr.ID == "" {
			fig.Attr.ID = tag.attr.ID
		}
		return fig
	case table != nil && fig == nil && others == 0 && caption != nil && table.Caption == nil:
		table.Caption = caption
		if table.Attr.ID == "" {
			table.Attr.ID = tag.attr.ID
		}
		return table
	}
	attr := tag.attr
	attr.Classes = append([]string{"figure"}, attr.Classes...)
	return &doc.Div{Pos: pos, Attr: attr, Blocks: out}
}

// listingNode is the Div of a Rust book listing: its file name, its
// blocks, its number and caption.
func (c *converter) listingNode(tag blockTag, pos doc.Pos, blocks []doc.Block) doc.Block {
	d := &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{"listing"}}}
	if tag.number != "" {
		d.Attr.ID = "listing-" + tag.number
	}
	label := func(class string, content ...doc.Inline) doc.Block {
		return &doc.Paragraph{Pos: pos, Content: []doc.Inline{&doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{class}}, Content: content}}}
	}
	if tag.fileName != "" {
		d.Blocks = append(d.Blocks, label("file-name", &doc.Text{Pos: pos, Value: "Filename: " + tag.fileName}))
	}
	d.Blocks = append(d.Blocks, blocks...)
	var caption []doc.Inline
	if tag.number != "" {
		caption = append(caption, &doc.Text{Pos: pos, Value: "Listing " + tag.number})
		if tag.caption != "" {
			caption = append(caption, &doc.Text{Pos: pos, Value: ": "})
		}
	}
	if tag.caption != "" {
		caption = append(caption, c.inlineMarkdown(tag.caption, pos, Syntax{})...)
	}
	if len(caption) > 0 {
		d.Blocks = append(d.Blocks, label("caption", caption...))
	}
	return d
}

// inlineMarkdown reads the inline Markdown of an attribute or an option
// found at pos (a listing's caption, a chunk's fig-cap), in syntax: its
// inlines, each of its lines placed at pos's line; as plain text when it
// is not one paragraph.
func (c *converter) inlineMarkdown(src string, pos doc.Pos, syntax Syntax) []doc.Inline {
	origins := make([]doc.Pos, strings.Count(src, "\n")+1)
	for i := range origins {
		origins[i] = pos
	}
	if c.markdowns == nil {
		c.markdowns = markdowns{}
	}
	sub := parseWith(pos.File, []byte(src), origins, syntax, &diag.List{}, partsFor, c.markdowns)
	if len(sub.Blocks) == 1 {
		if p, ok := sub.Blocks[0].(*doc.Paragraph); ok {
			return p.Content
		}
	}
	return []doc.Inline{&doc.Text{Pos: pos, Value: src}}
}

// figcaptionClass is the class of the Div of a <figcaption>'s blocks,
// which its figure takes as its caption (figureNode).
const figcaptionClass = "figcaption"

// figcaptionText reads a raw HTML block that is only a <figcaption>
// element: its text, its whitespace collapsed.
func figcaptionText(src string) (string, bool) {
	el := fragmentElement(src, atom.Figure)
	if el == nil || el.DataAtom != atom.Figcaption {
		return "", false
	}
	return strings.Join(strings.Fields(textOf(el)), " "), true
}
