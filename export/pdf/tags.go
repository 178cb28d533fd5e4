package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
)

// The structure tree (tagged PDF) is built from the document tree, not
// guessed from the pages: every text and image of the layout carries the
// tree node it sets (layout.Text.Src), each node of a kind that has a tag
// becomes a structure element, and its content on the pages becomes
// marked-content sequences of that element, in reading order. Content
// with no node (running heads, page numbers, rules, backgrounds) is an
// artifact, which assistive technology skips.

// structElem is one structure element.
type structElem struct {
	typ    string
	node   doc.Node
	parent *structElem
	kids   []kid // in reading order
	ref    ref
	attrs  string // further entries: /Alt, /Lang, /A
}

// kid is one child of a structure element: an element, a marked-content
// sequence (mcid of page) or an annotation (obj on page).
type kid struct {
	elem *structElem
	page int32
	mcid int32 // −1 for an annotation
	obj  ref
}

func elemKid(e *structElem) kid { return kid{elem: e} }
func mcr(page, mcid int) kid    { return kid{page: int32(page), mcid: int32(mcid)} }
func objr(obj ref, page int) kid {
	return kid{page: int32(page), mcid: -1, obj: obj}
}

// tagger builds the structure tree while the pages are drawn.
type tagger struct {
	root      *structElem // the Document element
	elems     map[doc.Node]*structElem
	parent    map[doc.Node]doc.Node // each node's parent in the tree
	heading   map[*doc.TableRow]bool
	pages     [][]*structElem // each page's elements, by MCID
	toc       *structElem
	tocLine   map[tocLine]*structElem
	own       map[doc.Node]*structElem // the element of a node's own text: the title block's, a section's heading
	bodies    map[*doc.ListItem]*structElem
	links     []*structElem // the Link elements, by StructParent less the page count
	npages    int
	lang      string // the document's language
	linkElems map[[2]int]*structElem
}

// newTagger indexes the document tree.
func newTagger(d *doc.Document) *tagger {
	t := &tagger{root: &structElem{typ: "Document"}, elems: map[doc.Node]*structElem{}, parent: map[doc.Node]doc.Node{},
		heading: map[*doc.TableRow]bool{}}
	if d == nil {
		return t
	}
	t.lang = d.Meta.Lang
	doc.Walk(&parents{t: t}, d)
	return t
}

// parents records each node's parent as doc.Walk goes, which tells a
// visitor that a node's children are done with Visit(nil).
type parents struct {
	t     *tagger
	stack []doc.Node
}

func (p *parents) Visit(n doc.Node) doc.Visitor {
	if n == nil {
		p.stack = p.stack[:len(p.stack)-1]
		return nil
	}
	if len(p.stack) > 0 {
		p.t.parent[n] = p.stack[len(p.stack)-1]
	}
	if tb, ok := n.(*doc.Table); ok && tb.Header != nil {
		p.t.heading[tb.Header] = true
	}
	p.stack = append(p.stack, n)
	return p
}

// structType is the standard structure type of a node, or "" for a node
// that has none (its content goes to the nearest ancestor that has).
func (t *tagger) structType(n doc.Node) string {
	switch n := n.(type) {
	case *doc.Heading:
		return "H" + strconv.Itoa(min(max(n.Level, 1), 6))
	case *doc.Paragraph, *doc.RawHTML:
		return "P"
	case *doc.List:
		return "L"
	case *doc.DefinitionList:
		return "Div" // terms and definitions are paragraphs, which an L cannot hold
	case *doc.ListItem:
		return "LI"
	case *doc.BlockQuote:
		return "BlockQuote"
	case *doc.Callout:
		return "Div"
	case *doc.CodeBlock:
		return "Code"
	case *doc.Table:
		return "Table"
	case *doc.TableRow:
		return "TR"
	case *doc.TableCell:
		if row, ok := t.parent[n].(*doc.TableRow); ok && t.heading[row] {
			return "TH"
		}
		return "TD"
	case *doc.Figure, *doc.Image:
		return "Figure"
	case *doc.FootnoteDef:
		return "Note"
	case *doc.Appendix, *doc.ReferenceGroup:
		return "Sect"
	case *doc.Reference:
		return "BibEntry"
	}
	return ""
}

// elem returns the structure element that content of node n belongs to,
// making it (and its ancestors' elements) when new.
func (t *tagger) elem(n doc.Node) *structElem {
	for n != nil && t.structType(n) == "" {
		n = t.parent[n]
	}
	if n == nil {
		return t.root
	}
	if e, ok := t.elems[n]; ok {
		return e
	}
	e := &structElem{typ: t.structType(n), node: n}
	switch n := n.(type) {
	case *doc.Figure:
		if n.Image != nil {
			e.attrs = "/Alt" + textString(n.Image.Alt)
		}
	case *doc.Image:
		e.attrs = "/Alt" + textString(n.Alt)
	case *doc.TableCell:
		if e.typ == "TH" {
			e.attrs = "/A<</O/Table/Scope/Column>>"
		}
	case *doc.Callout:
		e.attrs = "/T" + textString(n.Kind)
	case *doc.Paragraph:
		e.attrs = t.langAttr(n.Content)
	case *doc.Heading:
		e.attrs = t.langAttr(n.Content)
	}
	e.parent = t.elem(t.parent[n])
	if li, ok := t.parent[n].(*doc.ListItem); ok {
		e.parent = t.body(li) // an item's blocks are its LBody
	}
	e.parent.kids = append(e.parent.kids, elemKid(e))
	t.elems[n] = e
	return e
}

// mark returns the element and the MCID for a piece of content of node n
// on page (0-based), or nil for an artifact. A text of the printed table of
// contents belongs to the TOC: one TOCI a line.
func (t *tagger) mark(page int, n doc.Node, contents bool, y float64, link int) (*structElem, int) {
	var e *structElem
	switch {
	case link > 0:
		e = t.linkElem(page, link, n)
	case contents:
		if t.toc == nil {
			t.toc = &structElem{typ: "TOC", parent: t.root}
			t.root.kids = append(t.root.kids, elemKid(t.toc))
		}
		key := tocLine{page, y}
		if t.tocLine == nil {
			t.tocLine = map[tocLine]*structElem{}
		}
		e = t.tocLine[key]
		if e == nil {
			e = &structElem{typ: "TOCI", parent: t.toc}
			t.toc.kids = append(t.toc.kids, elemKid(e))
			t.tocLine[key] = e
		}
	case n == nil:
		return nil, 0
	default:
		e = t.ownElem(n)
	}
	for len(t.pages) <= page {
		t.pages = append(t.pages, nil)
	}
	mcid := len(t.pages[page])
	t.pages[page] = append(t.pages[page], e)
	e.kids = append(e.kids, mcr(page, mcid))
	return e, mcid
}

// langAttr is the /Lang of a block written in another script than the
// document's language (doc.BlockLang), or nothing.
func (t *tagger) langAttr(content []doc.Inline) string {
	if lang, _ := doc.BlockLang(doc.PlainText(content), t.lang); lang != "" {
		return "/Lang" + textString(lang)
	}
	return ""
}

// ownElem is the element of content whose node is n: n's element, but
// for the text nodes hold as their own and not in a child: the document's
// title block (a paragraph: PDF 1.7 has no Title type) and the headings of
// the appendix and its groups, which are sections.
func (t *tagger) ownElem(n doc.Node) *structElem {
	var typ string
	var parent *structElem
	switch n.(type) {
	case *doc.Document:
		typ, parent = "P", t.root
	case *doc.Appendix:
		typ, parent = "H1", t.elem(n)
	case *doc.ReferenceGroup:
		typ, parent = "H2", t.elem(n)
	case *doc.ListItem:
		typ, parent = "Lbl", t.elem(n) // its bullet or number
	default:
		return t.elem(n)
	}
	if t.own == nil {
		t.own = map[doc.Node]*structElem{}
	}
	e := t.own[n]
	if e == nil {
		e = &structElem{typ: typ, node: n, parent: parent}
		if typ == "Lbl" { // drawn after the item's first line, read before it
			parent.kids = append([]kid{elemKid(e)}, parent.kids...)
		} else {
			parent.kids = append(parent.kids, elemKid(e))
		}
		t.own[n] = e
	}
	return e
}

// body returns the LBody element of a list item.
func (t *tagger) body(li *doc.ListItem) *structElem {
	if t.bodies == nil {
		t.bodies = map[*doc.ListItem]*structElem{}
	}
	b := t.bodies[li]
	if b == nil {
		item := t.elem(li)
		b = &structElem{typ: "LBody", parent: item}
		item.kids = append(item.kids, elemKid(b))
		t.bodies[li] = b
	}
	return b
}

// linkElem returns the Link element of link (its 1-based index in the
// page's links) on page, made a child of the element of n, the node whose
// text holds it, when new. Its text's marked content and its annotation
// both belong to it.
func (t *tagger) linkElem(page, link int, n doc.Node) *structElem {
	if t.linkElems == nil {
		t.linkElems = map[[2]int]*structElem{}
	}
	k := [2]int{page, link}
	e := t.linkElems[k]
	if e == nil {
		e = &structElem{typ: "Link", parent: t.ownElem(n)}
		e.parent.kids = append(e.parent.kids, elemKid(e))
		t.linkElems[k] = e
	}
	return e
}

// link gives the Link element of link (1-based) on page the annotation
// annot, and returns the annotation's StructParent key: the keys after the
// pages'.
func (t *tagger) link(n doc.Node, annot ref, page, link int) int {
	e := t.linkElem(page, link, n)
	e.kids = append(e.kids, objr(annot, page))
	t.links = append(t.links, e)
	return t.npages + len(t.links) - 1
}

// tocLine is a line of the table of contents, as a map key.
type tocLine struct {
	page int
	y    float64
}

// write writes the structure tree: its elements, the parent tree and the
// root, and returns the root's reference. pages are the page objects.
func (t *tagger) write(w *writer, pages []ref) ref {
	root := w.alloc()
	var assign func(e *structElem)
	assign = func(e *structElem) {
		e.ref = w.alloc()
		for _, k := range e.kids {
			if k.elem != nil {
				assign(k.elem)
			}
		}
	}
	assign(t.root)
	var b []byte
	var write func(e *structElem, parent ref)
	write = func(e *structElem, parent ref) {
		b = append(b[:0], "<</Type/StructElem/S/"...)
		b = append(b, e.typ...)
		b = append(b, "/P "...)
		b = append(b, parent.String()...)
		if len(e.kids) > 0 && e.kids[0].elem == nil {
			b = append(b, "/Pg "...)
			b = append(b, pages[e.kids[0].page].String()...)
		}
		b = append(b, e.attrs...)
		b = append(b, "/K["...)
		var elems []*structElem
		for i, k := range e.kids {
			if i > 0 {
				b = append(b, ' ')
			}
			switch {
			case k.elem != nil:
				if k.elem.empty() {
					continue
				}
				elems = append(elems, k.elem)
				b = append(b, k.elem.ref.String()...)
			case k.mcid >= 0:
				b = append(b, "<</Type/MCR/Pg "...)
				b = append(b, pages[k.page].String()...)
				b = append(b, "/MCID "...)
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ">>"...)
			default:
				b = append(b, "<</Type/OBJR/Obj "...)
				b = append(b, k.obj.String()...)
				b = append(b, "/Pg "...)
				b = append(b, pages[k.page].String()...)
				b = append(b, ">>"...)
			}
		}
		b = append(b, "]>>"...)
		w.object(e.ref, b)
		for _, c := range elems {
			write(c, e.ref)
		}
	}
	write(t.root, root)
	var nums strings.Builder
	for i, elems := range t.pages {
		fmt.Fprintf(&nums, "%d[", i)
		for j, e := range elems {
			if j > 0 {
				nums.WriteByte(' ')
			}
			nums.WriteString(e.ref.String())
		}
		nums.WriteString("]")
	}
	for i, e := range t.links {
		fmt.Fprintf(&nums, " %d %s", t.npages+i, e.ref)
	}
	parentTree := w.alloc()
	w.objectf(parentTree, "<</Nums[%s]>>", nums.String())
	w.objectf(root, "<</Type/StructTreeRoot/K[%s]/ParentTree %s/ParentTreeNextKey %d>>", t.root.ref, parentTree, t.npages+len(t.links))
	return root
}

// empty reports whether an element has no content anywhere below it.
func (e *structElem) empty() bool {
	for _, k := range e.kids {
		if k.elem == nil || !k.elem.empty() {
			return false
		}
	}
	return true
}

// markedContent is the marked-content state of a content stream.
type markedContent struct {
	open bool
	elem *structElem // nil with open: an artifact
	node doc.Node    // the content's node and link, which the next item's may continue
	link int
}

// tag opens the marked-content sequence for content of node n (nil: an
// artifact), closing the one before when it differs.
func (c *content) tag(n doc.Node, contents bool, y float64, link int) {
	if c.tags == nil {
		return
	}
	if n == nil && !contents {
		if c.mc.open && c.mc.elem == nil {
			return
		}
		c.closeTag()
		c.b = append(c.b, "/Artifact BMC "...)
		c.mc = markedContent{open: true}
		return
	}
	if c.mc.open && c.mc.elem != nil && !contents && c.mc.node == n && c.mc.link == link {
		return
	}
	c.closeTag()
	e, mcid := c.tags.mark(c.page, n, contents, y, link)
	c.b = append(c.b, '/')
	c.b = append(c.b, e.typ...)
	c.b = append(c.b, "<</MCID "...)
	c.b = strconv.AppendInt(c.b, int64(mcid), 10)
	c.b = append(c.b, ">>BDC "...)
	c.mc = markedContent{open: true, elem: e, node: n, link: link}
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

// itemSource returns the node, table-of-contents flag, baseline and link
// of an item.
func itemSource(it layout.Item) (doc.Node, bool, float64, int) {
	switch it := it.(type) {
	case *layout.Text:
		if it != nil {
			return it.Src, it.Contents, it.Y, it.Link
		}
	case *layout.ImageItem:
		if it != nil {
			if decorative(it.Src) {
				return nil, false, it.Y, 0 // an artifact
			}
			return it.Src, false, it.Y, 0
		}
	}
	return nil, false, 0, 0
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
