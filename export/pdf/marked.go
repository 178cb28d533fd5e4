package pdf

import (
	"fmt"
	"strconv"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
)

// The content side of tagging: each item is drawn inside a marked-content
// sequence of its structure element (BDC … EMC with its MCID), or of an
// artifact; consecutive items of one element share one sequence. A page
// is drawn on its own: it numbers its sequences and records the source of
// each (content.marks), and the structure tree is built from those
// records afterwards, page after page (tagger.markPage).

// markedContent is the marked-content state of a content stream.
type markedContent struct {
	open bool
	typ  string // the element's structure type; "" with open: an artifact
	src  source // the content's source, which the next item's may continue
	once bool   // a sequence of one text, with its ActualText: closed after it
}

// continues reports whether content of s goes on in the open sequence.
func (mc markedContent) continues(s source) bool {
	return mc.open && mc.typ != "" && !s.contents && mc.src.node == s.node && mc.src.link == s.link && mc.src.caption == s.caption
}

// tag opens the marked-content sequence for content of source s (with no
// node: an artifact), closing the one before when it differs.
func (c *content) tag(s source) {
	if c.tags == nil {
		return
	}
	if s.node == nil && !s.contents {
		if c.mc.open && c.mc.typ == "" {
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
	c.openMarked(s, "", false)
}

// openMarked opens a marked-content sequence of the element of source s,
// with the page's next MCID, and with actualText (UTF-16, as written) when
// that is not empty; its tag is the element's type, or Span with span.
func (c *content) openMarked(s source, actualText string, span bool) *markedContent {
	typ := c.tags.typeOf(s)
	c.b = append(c.b, '/')
	if span {
		c.b = append(c.b, "Span"...)
	} else {
		c.b = append(c.b, typ...)
	}
	c.b = append(c.b, "<</MCID "...)
	c.b = strconv.AppendInt(c.b, int64(c.mcid0+len(c.marks)), 10)
	c.marks = append(c.marks, mark{src: s, typ: typ})
	if actualText != "" {
		c.b = append(c.b, "/ActualText"...)
		c.b = append(c.b, utf16Hex(actualText)...)
	}
	c.b = append(c.b, ">>BDC "...)
	c.mc = markedContent{open: true, typ: typ, src: s}
	return &c.mc
}

// mark is a marked-content sequence a page drew: the source of its
// content and the structure type its BDC gave.
type mark struct {
	src source
	typ string
}

// markPage makes the structure elements of the marked-content sequences
// a page drew, in their order (their MCIDs), the first first, and
// returns the lowest top-level block they are of (openTop: none). The
// pages must come in order, since elements are made, and take their
// content, in reading order (but for a page's late content, whose
// elements it joins).
func (t *tagger) markPage(page, first int, marks []mark) (int32, error) {
	low := int32(openTop)
	for i, m := range marks {
		e, mcid := t.mark(page, m.src)
		if e == nil || e.typ != m.typ || mcid != first+i {
			typ := "none"
			if e != nil {
				typ = e.typ
			}
			return low, fmt.Errorf("pdf: page %d: marked content %d was drawn as %s, but its structure element is %s with MCID %d", page+1, first+i, m.typ, typ, mcid)
		}
		low = min(low, e.top)
	}
	return low, nil
}

// addPage puts page i (0-based), whose object is pageRef, in the
// structure tree: its marked content (marks), its links' annotations
// (annots, by link; 0 for a link with none), and the elements of what its
// pending slots draw at the end, which wait until then (pin). It then
// writes the elements the pages are past, and returns the index among
// the links of the page's first.
func (t *tagger) addPage(i int, pageRef ref, p *layout.Page, marks []mark, annots []ref, slots []*layout.Slot) (int, error) {
	t.pageRefs = append(t.pageRefs, pageRef)
	low, err := t.markPage(i, 0, marks)
	if err != nil {
		return 0, err
	}
	first := len(t.links)
	for li, r := range annots {
		if r != 0 {
			t.link(p.Links[li].Src, r, i, li+1)
		}
	}
	lateLinks := false // a pending slot's text is a link's, whose element it finds at the end
	for _, sl := range slots {
		for _, it := range sl.Items {
			if s := itemSource(it); s.node != nil && !s.contents {
				t.pin(t.elemFor(i, s))
				lateLinks = lateLinks || s.link > 0
			}
		}
	}
	if !lateLinks {
		for li := range p.Links {
			delete(t.linkElems, [2]int{i, li + 1})
		}
	}
	t.pageDone(low)
	return first, nil
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
// flag, baseline and link, whether it is a figure's or a table's caption
// (its text from the tree's text: not the alt text of a placeholder) and
// whether a footnote's number; for an image its node unless decorative;
// for a drawing the list item whose check box it draws.
func itemSource(it layout.Item) source {
	switch it := it.(type) {
	case *layout.Text:
		if it != nil {
			s := source{node: it.Src, contents: it.Contents, contentsTitle: it.ContentsTitle, y: it.Y, link: int(it.Link)}
			_, fig := it.Src.(*doc.Figure)
			_, table := it.Src.(*doc.Table) // a table's own text is its caption's
			s.caption = (fig || table) && it.Origin.Node != nil
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
