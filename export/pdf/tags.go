package pdf

import (
	"slices"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
)

// The structure tree (tagged PDF) is built from the document tree, not
// guessed from the pages: every text and image of the layout carries the
// tree node it sets (layout.Text.Src), each node of a kind that has a tag
// becomes a structure element, and its content on the pages becomes
// marked-content sequences of that element, in reading order. Content
// with no node (running heads, page numbers, rules, backgrounds) is an
// artifact, which assistive technology skips.

// structElem is one structure element: 64 bytes, of which a long book
// has hundreds of thousands (the 13 MB book, 240,068). Its further
// entries (/Alt, /Lang, /A…), which few elements have, are the tagger's
// attrs. Its object is reserved when it is made, and written once the
// pages are past its top-level block (treeStream), its kids let go of.
type structElem struct {
	typ     string
	parent  *structElem
	kids    []kid // in reading order
	ref     ref
	top     int32 // the top-level block whose closing writes it; openTop: written at the end
	written bool  // its object is written: it takes no more kids
}

// kid is one child of a structure element: an element, a marked-content
// sequence (mcid of page) or an annotation on page, its object number in
// mcid as −1 − obj. 16 bytes: a long book has more kids than elements.
type kid struct {
	elem *structElem
	page int32
	mcid int32
}

func elemKid(e *structElem) kid { return kid{elem: e} }
func mcr(page, mcid int) kid    { return kid{page: int32(page), mcid: int32(mcid)} }
func objr(obj ref, page int) kid {
	return kid{page: int32(page), mcid: -1 - int32(obj)}
}

// obj is the object of an annotation's kid.
func (k kid) obj() ref { return ref(-1 - k.mcid) }

// tagger builds the structure tree while the pages are drawn, and
// writes its elements as the pages pass them (treeStream).
type tagger struct {
	w       *writer     // where the elements are written (attach)
	root    *structElem // the Document element
	rootRef ref         // the StructTreeRoot, reserved at the end
	buf     []byte      // writeElem's
	// nodes is what is known of each node of the tree, made by newTagger:
	// the pages, drawn at once, read it while the tree is being built, so
	// it gains no entries after (a node not in the tree has its in late).
	nodes     map[doc.Node]*nodeInfo
	late      map[doc.Node]*nodeInfo
	slab      []nodeInfo // where nodes' entries are allocated, a chunk at a time
	pageRefs  []ref      // each page's object, as the pages are written
	pages     [][]ref    // each page's elements, by MCID, for the parent tree
	toc       *structElem
	tocLine   map[tocLine]*structElem
	rowGroups map[rowGroup]*structElem
	refs      map[int]*structElem // each footnote's first Reference, by number
	ids       []idEntry           // the elements with an /ID, for the IDTree
	links     []ref               // the Link elements, by StructParent less the page count
	npages    int
	stream    treeStream
	lang      string     // the document's language
	words     l10n.Words // galley's own words in it (a callout's title)
	linkElems map[[2]int]*structElem
	attrs     map[*structElem]string // an element's further entries: /Alt, /Lang, /A, /ID, /T, /ActualText, until written
}

// idEntry is an element's /ID (as written) and its object.
type idEntry struct {
	id  string
	ref ref
}

// setAttrs gives e its further entries, when there are any.
func (t *tagger) setAttrs(e *structElem, attrs string) {
	if attrs != "" {
		t.attrs[e] = attrs
	}
}

// built lets go of what the tagger knows of the tree's nodes, once every
// page's marked content and every link is in the structure tree: writing
// the rest of the tree needs only its elements (the 13 MB book's index is
// 15 MB).
func (t *tagger) built() {
	t.nodes, t.late, t.slab = nil, nil, nil
	t.tocLine, t.rowGroups, t.refs, t.linkElems = nil, nil, nil, nil
}

// open reports whether e is an element that may take more kids: made,
// and not written yet.
func open(e *structElem) bool { return e != nil && !e.written }

// newElem makes an element of type typ, a kid of parent at index at (−1:
// the last), its object reserved. It is written with the top-level block
// top (inherit: parent's). in, when set, is the index entry that holds
// it, let go of when it is written.
func (t *tagger) newElem(typ string, parent *structElem, at int, top int32, in *nodeInfo) *structElem {
	if in != nil && in.written {
		t.stream.remade++
	}
	if top == inherit {
		top = parent.top
	}
	e := &structElem{typ: typ, parent: parent, top: top, ref: t.w.alloc()}
	if at < 0 {
		parent.kids = append(parent.kids, elemKid(e))
	} else {
		parent.kids = slices.Insert(parent.kids, at, elemKid(e))
	}
	t.stream.add(e, in)
	return e
}

// inherit is newElem's top for an element written with its parent's
// top-level block.
const inherit = -1

// rowGroup names a table's THead or TBody.
type rowGroup struct {
	table doc.Node
	head  bool
}

// source is what the tagger needs to know of an item: the node it sets
// (nil: an artifact), whether it is text of the printed contents and on
// which baseline (and whether the contents' title), the link it is the text of (1-based in its page's), and
// whether it is a figure's caption or a footnote's reference number.
type source struct {
	node          doc.Node
	contents      bool
	contentsTitle bool
	y             float64
	link          int
	caption       bool
	noteRef       *doc.FootnoteRef
}

// sectElem returns the Sect element of s, making it (and its enclosing
// sections') when new.
// A section written already (the pages were past its end, and then
// drew more of it) gets a second element.
func (t *tagger) sectElem(s *section) *structElem {
	if !open(s.elem) {
		if s.elem != nil {
			t.stream.remade++
		}
		parent := t.root
		if s.parent != nil {
			parent = t.sectElem(s.parent)
		}
		s.elem = t.newElem("Sect", parent, -1, s.end, nil)
	}
	return s.elem
}

// rowGroupElem returns the THead (head) or TBody element of a table.
func (t *tagger) rowGroupElem(table doc.Node, head bool) *structElem {
	if t.rowGroups == nil {
		t.rowGroups = map[rowGroup]*structElem{}
	}
	k := rowGroup{table, head}
	e := t.rowGroups[k]
	if !open(e) {
		if e != nil {
			t.stream.remade++
		}
		typ := "TBody"
		if head {
			typ = "THead"
		}
		e = t.newElem(typ, t.elem(table), -1, inherit, nil)
		t.rowGroups[k] = e
	}
	return e
}

// elem returns the structure element that content of node n belongs to,
// making it (and its ancestors' elements) when new.
func (t *tagger) elem(n doc.Node) *structElem {
	n, typ := t.typedAncestor(n)
	if n == nil {
		return t.root
	}
	in := t.info(n)
	if open(in.elem) {
		return in.elem
	}
	attrs := t.elemAttrs(n, typ)
	top := int32(inherit)
	if in.top > 0 {
		top = in.top - 1
	}
	if def, ok := n.(*doc.FootnoteDef); ok {
		if ref := t.refs[def.Number]; ref != nil && open(ref.parent) {
			// The note follows its first reference.
			i := slices.IndexFunc(ref.parent.kids, func(k kid) bool { return k.elem == ref })
			in.elem = t.newElem(typ, ref.parent, i+1, inherit, in)
			t.noteElem(in.elem, attrs)
			return in.elem
		}
	}
	var parent *structElem
	if in.ruby != nil {
		parent = t.rubyElem(in)
	} else {
		switch p := in.parent.(type) {
		case *doc.ListItem:
			parent = t.body(p) // an item's blocks are its LBody
		case *doc.Table:
			parent = t.rowGroupElem(p, in.headRow)
		default:
			if in.section != nil {
				parent = t.sectElem(in.section)
			} else {
				parent = t.elem(p)
			}
		}
	}
	in.elem = t.newElem(typ, parent, -1, top, in)
	if _, ok := n.(*doc.FootnoteDef); ok {
		t.noteElem(in.elem, attrs)
	} else {
		t.setAttrs(in.elem, attrs)
	}
	return in.elem
}

// noteElem gives a footnote's element its attributes, the /ID among
// them, and lists it for the IDTree.
func (t *tagger) noteElem(e *structElem, attrs string) {
	t.setAttrs(e, attrs)
	id, _ := strings.CutPrefix(attrs, "/ID")
	t.ids = append(t.ids, idEntry{id: id, ref: e.ref})
}

// rubyElem returns the Ruby element of the pair whose base's or
// annotation's first text has in, making it, in the element that holds
// the ruby's text, when new.
func (t *tagger) rubyElem(in *nodeInfo) *structElem {
	r := in.ruby
	if !open(r.pair) {
		if r.pair != nil {
			t.stream.remade++
		}
		r.pair = t.newElem("Ruby", t.elem(in.parent), -1, inherit, nil)
		r.of.pair = r.pair
	}
	return r.pair
}

// mark returns the element and the MCID for a piece of content on page
// (0-based), or nil for an artifact. A text of the printed table of
// contents belongs to the TOC: one TOCI a line.
func (t *tagger) mark(page int, s source) (*structElem, int) {
	e := t.elemFor(page, s)
	if e == nil {
		return nil, 0
	}
	for len(t.pages) <= page {
		t.pages = append(t.pages, nil)
	}
	mcid := len(t.pages[page])
	t.pages[page] = append(t.pages[page], e.ref)
	e.kids = append(e.kids, mcr(page, mcid))
	return e, mcid
}

// elemFor returns the element content of source s on page belongs to,
// making it when new, or nil for an artifact.
func (t *tagger) elemFor(page int, s source) *structElem {
	switch {
	case s.link > 0:
		return t.linkElem(page, s)
	case s.contents:
		if t.toc == nil {
			t.toc = t.newElem("TOC", t.root, -1, inherit, nil)
		}
		key := tocLine{page, s.y}
		if t.tocLine == nil {
			t.tocLine = map[tocLine]*structElem{}
		}
		e := t.tocLine[key]
		if e == nil {
			e = t.newElem(t.typeOf(s), t.toc, -1, inherit, nil)
			t.tocLine[key] = e
		}
		return e
	case s.node == nil:
		return nil
	default:
		return t.ownElem(s)
	}
}

// ownElem is the element of content whose node is s.node: that node's
// element, but for what a node draws as its own (ownType).
func (t *tagger) ownElem(s source) *structElem {
	n := s.node
	typ := ownType(s)
	if typ == "" {
		return t.elem(n)
	}
	in := t.info(n)
	if open(in.own) {
		return in.own
	}
	var attrs string
	parent := t.root
	if _, isDoc := n.(*doc.Document); !isDoc {
		parent = t.elem(n)
	}
	if li, ok := n.(*doc.ListItem); ok {
		switch li.Task {
		case doc.TaskDone:
			attrs = "/ActualText" + textString("☑")
		case doc.TaskOpen:
			attrs = "/ActualText" + textString("☐")
		}
	}
	at := -1
	if typ == "Lbl" { // drawn after the item's first line, read before it
		at = 0
	}
	in.own = t.newElem(typ, parent, at, inherit, in)
	t.setAttrs(in.own, attrs)
	return in.own
}

// body returns the LBody element of a list item.
func (t *tagger) body(li *doc.ListItem) *structElem {
	in := t.info(li)
	if !open(in.body) {
		in.body = t.newElem("LBody", t.elem(li), -1, inherit, in)
	}
	return in.body
}

// linkElem returns the Link element of link s.link (its 1-based index in
// the page's links) on page, made a child of the element of s.node, the
// node whose text holds it, when new. Its text's marked content and its
// annotation both belong to it. A footnote's reference number is a
// Reference holding the Link; the Note follows the first.
func (t *tagger) linkElem(page int, s source) *structElem {
	if t.linkElems == nil {
		t.linkElems = map[[2]int]*structElem{}
	}
	k := [2]int{page, s.link}
	e := t.linkElems[k]
	if !open(e) {
		if e != nil {
			t.stream.remade++
		}
		parent := t.ownElem(s)
		if s.noteRef != nil {
			ref := t.newElem("Reference", parent, -1, inherit, nil)
			if t.refs == nil {
				t.refs = map[int]*structElem{}
			}
			if !open(t.refs[s.noteRef.Number]) {
				t.refs[s.noteRef.Number] = ref
			}
			parent = ref
		}
		e = t.newElem("Link", parent, -1, inherit, nil)
		t.linkElems[k] = e
	}
	return e
}

// link gives the Link element of link (1-based) on page the annotation
// annot, and lists it for the parent tree: the annotation's StructParent
// key is the page count plus its index in t.links. n is the node whose
// text holds the link.
func (t *tagger) link(n doc.Node, annot ref, page, link int) {
	e := t.linkElem(page, source{node: n, link: link})
	e.kids = append(e.kids, objr(annot, page))
	t.links = append(t.links, e.ref)
}

// tocLine is a line of the table of contents, as a map key.
type tocLine struct {
	page int
	y    float64
}
