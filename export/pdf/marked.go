package pdf

import (
	"strconv"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
)

// The content side of tagging: each item is drawn inside a marked-content
// sequence of its structure element (BDC … EMC with its MCID), or of an
// artifact; consecutive items of one element share one sequence.

// markedContent is the marked-content state of a content stream.
type markedContent struct {
	open bool
	elem *structElem // nil with open: an artifact
	src  source      // the content's source, which the next item's may continue
	once bool        // a sequence of one text, with its ActualText: closed after it
}

// continues reports whether content of s goes on in the open sequence.
func (mc markedContent) continues(s source) bool {
	return mc.open && mc.elem != nil && !s.contents && mc.src.node == s.node && mc.src.link == s.link && mc.src.caption == s.caption
}

// tag opens the marked-content sequence for content of source s (with no
// node: an artifact), closing the one before when it differs.
func (c *content) tag(s source) {
	if c.tags == nil {
		return
	}
	if s.node == nil && !s.contents {
		if c.mc.open && c.mc.elem == nil {
			return
		}
		c.closeTag()
		c.b = append(c.b, "/Artifact BMC "...)
		c.mc = markedContent{open: true}
		return
	}
	if c.mc.continues(s) {
		return
	}
	c.closeTag()
	c.openMarked(s, "")
}

// openMarked opens a marked-content sequence of the element of source s,
// with its next MCID, and with actualText (UTF-16, as written) when that is
// not empty.
func (c *content) openMarked(s source, actualText string) *markedContent {
	e, mcid := c.tags.mark(c.page, s)
	c.b = append(c.b, '/')
	c.b = append(c.b, e.typ...)
	c.b = append(c.b, "<</MCID "...)
	c.b = strconv.AppendInt(c.b, int64(mcid), 10)
	if actualText != "" {
		c.b = append(c.b, "/ActualText"...)
		c.b = append(c.b, utf16Hex(actualText)...)
	}
	c.b = append(c.b, ">>BDC "...)
	c.mc = markedContent{open: true, elem: e, src: s}
	return &c.mc
}

// closeTag closes the open marked-content sequence, and the text object
// inside it.
func (c *content) closeTag() {
	c.endText()
	if c.mc.open {
		c.b = append(c.b, "EMC\n"...)
		c.mc = markedContent{}
	}
}

// itemSource returns the source of an item: for a text its node, contents
// flag, baseline and link, whether it is a figure's caption (a figure's
// text from the tree's text: not the alt text of a placeholder) and
// whether a footnote's number; for an image its node unless decorative;
// for a drawing the list item whose check box it draws.
func itemSource(it layout.Item) source {
	switch it := it.(type) {
	case *layout.Text:
		if it != nil {
			s := source{node: it.Src, contents: it.Contents, contentsTitle: it.ContentsTitle, y: it.Y, link: it.Link}
			_, fig := it.Src.(*doc.Figure)
			s.caption = fig && it.Origin.Node != nil
			s.noteRef, _ = it.Origin.Node.(*doc.FootnoteRef)
			return s
		}
	case *layout.ImageItem:
		if it != nil && !decorative(it.Src) {
			return source{node: it.Src, y: it.Y}
		}
	case *layout.Rect:
		if it != nil {
			return source{node: it.Src, y: it.Y}
		}
	case *layout.Line:
		if it != nil {
			return source{node: it.Src, y: it.Y1}
		}
	}
	return source{}
}

// decorative reports whether n is an image, or a figure of one, marked
// decorative.
func decorative(n doc.Node) bool {
	switch n := n.(type) {
	case *doc.Image:
		return n.Decorative()
	case *doc.Figure:
		return n.Image != nil && n.Image.Decorative()
	}
	return false
}
