package pdf

import (
	"slices"
	"strconv"
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
// attrs.
type structElem struct {
	typ    string
	parent *structElem
	kids   []kid // in reading order
	ref    ref
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

// tagger builds the structure tree while the pages are drawn.
type tagger struct {
	root *structElem // the Document element
	// nodes is what is known of each node of the tree, made by newTagger:
	// the pages, drawn at once, read it while the tree is being built, so
	// it gains no entries after (a node not in the tree has its in late).
	nodes     map[doc.Node]*nodeInfo
	late      map[doc.Node]*nodeInfo
	slab      []nodeInfo      // where nodes' entries are allocated, a chunk at a time
	pages     [][]*structElem // each page's elements, by MCID
	toc       *structElem
	tocLine   map[tocLine]*structElem
	rowGroups map[rowGroup]*structElem
	refs      map[int]*structElem // each footnote's first Reference, by number
	ids       []*structElem       // the elements with an /ID, for the IDTree
	links     []*structElem       // the Link elements, by StructParent less the page count
	npages    int
	lang      string     // the document's language
	words     l10n.Words // galley's own words in it (a callout's title)
	linkElems map[[2]int]*structElem
	attrs     map[*structElem]string // an element's further entries: /Alt, /Lang, /A, /ID, /T, /ActualText
}

// setAttrs gives e its further entries, when there are any.
func (t *tagger) setAttrs(e *structElem, attrs string) {
	if attrs != "" {
		t.attrs[e] = attrs
	}
}

// built lets go of what the tagger knows of the tree's nodes, once every
// page's marked content and every link is in the structure tree: writing
// the tree needs only its elements (the 13 MB book's index is 15 MB).
func (t *tagger) built() {
	t.nodes, t.late, t.slab = nil, nil, nil
	t.tocLine, t.rowGroups, t.refs, t.linkElems = nil, nil, nil, nil
}

// nodeInfo is what the tagger knows of a node of the tree: one map lookup
// finds it all (five maps keyed by node were a sixth of the tagging time).
type nodeInfo struct {
	parent  doc.Node    // its parent in the tree
	elem    *structElem // its element, once made
	own     *structElem // the element of what it draws as its own: the title block, a section's heading, a label
	body    *structElem // a list item's LBody
	section *section    // a top-level block's section
	headRow bool        // a table's header row
	ruby    *rubyRole   // a ruby base's or annotation's first text
}

// rubyRole is what the first text of a ruby's base or annotation (the
// source of what the layout sets for it) is tagged as: RB or RT, within
// the Ruby element of its pair, which the two share.
type rubyRole struct {
	typ  string
	pair *structElem // the pair's Ruby element, once made; shared
	of   *rubyRole   // the other of the pair, which holds pair first
}

// info returns the entry of n, making it when new: in nodes while
// newTagger indexes the tree, in late after.
func (t *tagger) info(n doc.Node) *nodeInfo {
	if in := t.nodes[n]; in != nil {
		return in
	}
	if in := t.late[n]; in != nil {
		return in
	}
	if len(t.slab) == cap(t.slab) {
		t.slab = make([]nodeInfo, 0, 1024)
	}
	t.slab = append(t.slab, nodeInfo{})
	in := &t.slab[len(t.slab)-1]
	if t.late != nil {
		t.late[n] = in
	} else {
		t.nodes[n] = in
	}
	return in
}

// parentOf returns n's parent in the tree, or nil.
func (t *tagger) parentOf(n doc.Node) doc.Node {
	if in := t.nodes[n]; in != nil {
		return in.parent
	}
	return nil
}

// section is a heading and the blocks up to the next heading of its level
// or above: a Sect element, made when its first content is drawn.
type section struct {
	parent *section
	level  int
	elem   *structElem
}

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

// newTagger indexes the document tree.
func newTagger(d *doc.Document) *tagger {
	t := &tagger{root: &structElem{typ: "Document"}, nodes: map[doc.Node]*nodeInfo{}, attrs: map[*structElem]string{}}
	if d == nil {
		t.late = map[doc.Node]*nodeInfo{}
		return t
	}
	t.lang, t.words = d.Meta.Lang, l10n.For(d.Meta.Lang)
	doc.Walk(&parents{t: t}, d)
	var open []*section // the sections the current block is in, outermost first
	for _, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			for len(open) > 0 && open[len(open)-1].level >= h.Level {
				open = open[:len(open)-1]
			}
			s := &section{level: h.Level}
			if len(open) > 0 {
				s.parent = open[len(open)-1]
			}
			open = append(open, s)
		}
		if _, note := b.(*doc.FootnoteDef); !note && len(open) > 0 {
			t.info(b).section = open[len(open)-1] // a note goes with its reference
		}
	}
	t.late = map[doc.Node]*nodeInfo{}
	return t
}

// sectElem returns the Sect element of s, making it (and its enclosing
// sections') when new.
func (t *tagger) sectElem(s *section) *structElem {
	if s.elem == nil {
		parent := t.root
		if s.parent != nil {
			parent = t.sectElem(s.parent)
		}
		s.elem = &structElem{typ: "Sect", parent: parent}
		parent.kids = append(parent.kids, elemKid(s.elem))
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
	if e == nil {
		e = &structElem{typ: "TBody", parent: t.elem(table)}
		if head {
			e.typ = "THead"
		}
		e.parent.kids = append(e.parent.kids, elemKid(e))
		t.rowGroups[k] = e
	}
	return e
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
	switch n := n.(type) {
	case *doc.Span:
		if isFormula(n) { // a displayed formula's texts and rules are its own
			p.t.info(n).parent = p.stack[len(p.stack)-1]
		}
		p.ruby(n)
	case *doc.Text, *doc.Code, *doc.Emphasis, *doc.Strong, *doc.Strikethrough, *doc.Superscript, *doc.Subscript,
		*doc.LineBreak, *doc.RawInline, *doc.FootnoteRef:
		// No item's source: nothing asks for their parents.
	default:
		if len(p.stack) > 0 {
			p.t.info(n).parent = p.stack[len(p.stack)-1]
		}
	}
	if tb, ok := n.(*doc.Table); ok && tb.Header != nil {
		p.t.info(tb.Header).headRow = true
	}
	p.stack = append(p.stack, n)
	return p
}

// ruby records, when n is ruby, the first texts of its bases and
// annotations: the layout gives them as the sources of what it sets for
// each, which is tagged RB or RT in a Ruby element a pair (PDF 1.7,
// 14.8.4.3.4). The ruby span is their parent, and has no element.
func (p *parents) ruby(n *doc.Span) {
	pairs := n.RubyPairs()
	if len(pairs) > 0 {
		// Its parent is the nearest node that has one (emphasis, say,
		// has none: its text is its block's).
		i := len(p.stack) - 1
		for i > 0 && p.t.nodes[p.stack[i]] == nil {
			i--
		}
		p.t.info(n).parent = p.stack[i]
	}
	for _, pair := range pairs {
		base, annotation, ok := pair.Texts()
		if !ok {
			continue // a base alone is its paragraph's text
		}
		rb, rt := &rubyRole{typ: "RB"}, &rubyRole{typ: "RT"}
		rb.of, rt.of = rt, rb
		p.t.info(base).parent, p.t.info(base).ruby = n, rb
		p.t.info(annotation).parent, p.t.info(annotation).ruby = n, rt
	}
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
	case *doc.Callout, *doc.Div:
		return "Div"
	case *doc.CodeBlock:
		return "Code"
	case *doc.Table:
		return "Table"
	case *doc.TableRow:
		return "TR"
	case *doc.TableCell:
		if row, ok := t.parentOf(n).(*doc.TableRow); ok && t.nodes[row] != nil && t.nodes[row].headRow {
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
	case *doc.Span:
		if isFormula(n) {
			return "Formula"
		}
	case *doc.Text:
		if in := t.nodes[n]; in != nil && in.ruby != nil {
			return in.ruby.typ
		}
	}
	return ""
}

// isFormula reports a formula's span, which keeps its TeX: its texts and
// rules, set in two dimensions, are tagged as a Formula whose alternate
// description is the TeX.
func isFormula(n *doc.Span) bool {
	_, _, ok := n.Formula()
	return ok
}

// elem returns the structure element that content of node n belongs to,
// making it (and its ancestors' elements) when new.
func (t *tagger) elem(n doc.Node) *structElem {
	n, typ := t.typedAncestor(n)
	if n == nil {
		return t.root
	}
	in := t.info(n)
	if in.elem != nil {
		return in.elem
	}
	e := &structElem{typ: typ}
	var attrs string
	defer func() { t.setAttrs(e, attrs) }()
	switch n := n.(type) {
	case *doc.Figure:
		if n.Image != nil {
			attrs = "/Alt" + textString(n.Image.Alt)
		}
	case *doc.Image:
		attrs = "/Alt" + textString(n.Alt)
	case *doc.Span:
		if tex, _, ok := n.Formula(); ok { // what it is, and its text as an inline one is set
			attrs = "/Alt" + textString(tex) + "/ActualText" + textString(strings.Join(strings.Fields(doc.PlainText(n.Content)), " "))
		}
	case *doc.TableCell:
		a := ""
		if e.typ == "TH" {
			a = "/Scope/Column"
		}
		if cols, rows := t.cellSpans(n); cols > 1 || rows > 1 {
			a += "/ColSpan " + strconv.Itoa(cols) + "/RowSpan " + strconv.Itoa(rows)
		}
		if a != "" {
			attrs = "/A<</O/Table" + a + ">>"
		}
	case *doc.CodeBlock:
		// Code is an inline element by default; a code block is laid out
		// as a block, on lines of its own.
		attrs = "/A<</O/Layout/Placement/Block>>"
	case *doc.Callout:
		title := doc.PlainText(n.Title)
		if strings.TrimSpace(title) == "" {
			title = t.words.Callout(n.Kind)
		}
		attrs = "/T" + textString(title)
	case *doc.Div:
		if title := doc.PlainText(n.Title); strings.TrimSpace(title) != "" {
			attrs = "/T" + textString(title)
		}
	case *doc.Paragraph:
		attrs = t.langAttr(n.Content)
	case *doc.Heading:
		attrs = t.langAttr(n.Content)
	case *doc.FootnoteDef:
		attrs = "/ID" + textString("fn-"+strconv.Itoa(n.Number))
		t.ids = append(t.ids, e)
		if ref := t.refs[n.Number]; ref != nil {
			// The note follows its first reference.
			e.parent = ref.parent
			i := slices.IndexFunc(ref.parent.kids, func(k kid) bool { return k.elem == ref })
			e.parent.kids = slices.Insert(e.parent.kids, i+1, elemKid(e))
			in.elem = e
			return e
		}
	}
	if in.ruby != nil {
		e.parent = t.rubyElem(in)
		e.parent.kids = append(e.parent.kids, elemKid(e))
		in.elem = e
		return e
	}
	switch p := in.parent.(type) {
	case *doc.ListItem:
		e.parent = t.body(p) // an item's blocks are its LBody
	case *doc.Table:
		e.parent = t.rowGroupElem(p, in.headRow)
	default:
		if in.section != nil {
			e.parent = t.sectElem(in.section)
		} else {
			e.parent = t.elem(p)
		}
	}
	e.parent.kids = append(e.parent.kids, elemKid(e))
	in.elem = e
	return e
}

// rubyElem returns the Ruby element of the pair whose base's or
// annotation's first text has in, making it, in the element that holds
// the ruby's text, when new.
func (t *tagger) rubyElem(in *nodeInfo) *structElem {
	r := in.ruby
	if r.pair == nil {
		r.pair = &structElem{typ: "Ruby", parent: t.elem(in.parent)}
		r.pair.parent.kids = append(r.pair.parent.kids, elemKid(r.pair))
		r.of.pair = r.pair
	}
	return r.pair
}

// mark returns the element and the MCID for a piece of content on page
// (0-based), or nil for an artifact. A text of the printed table of
// contents belongs to the TOC: one TOCI a line.
func (t *tagger) mark(page int, s source) (*structElem, int) {
	var e *structElem
	switch {
	case s.link > 0:
		e = t.linkElem(page, s)
	case s.contents:
		if t.toc == nil {
			t.toc = &structElem{typ: "TOC", parent: t.root}
			t.root.kids = append(t.root.kids, elemKid(t.toc))
		}
		typ := t.typeOf(s)
		key := tocLine{page, s.y}
		if t.tocLine == nil {
			t.tocLine = map[tocLine]*structElem{}
		}
		e = t.tocLine[key]
		if e == nil {
			e = &structElem{typ: typ, parent: t.toc}
			t.toc.kids = append(t.toc.kids, elemKid(e))
			t.tocLine[key] = e
		}
	case s.node == nil:
		return nil, 0
	default:
		e = t.ownElem(s)
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
// document's language (doc.InlinesLang), or nothing.
func (t *tagger) langAttr(content []doc.Inline) string {
	if lang := doc.InlinesLang(content, t.lang); lang != "" {
		return "/Lang" + textString(lang)
	}
	return ""
}

// typeOf is the structure type of the element that content of source s
// belongs to ("" for an artifact), as mark will make it. It only reads
// the tagger, so the pages can be drawn on many goroutines at once.
func (t *tagger) typeOf(s source) string {
	switch {
	case s.link > 0:
		return "Link"
	case s.contents && s.contentsTitle:
		return "Caption" // the contents' heading is its caption
	case s.contents:
		return "TOCI"
	case s.node == nil:
		return ""
	}
	if typ := ownType(s); typ != "" {
		return typ
	}
	if _, typ := t.typedAncestor(s.node); typ != "" {
		return typ
	}
	return t.root.typ
}

// typedAncestor returns n, or its nearest ancestor, that has a structure
// type, and that type; nil and "" when none has. It only reads the tagger.
func (t *tagger) typedAncestor(n doc.Node) (doc.Node, string) {
	for n != nil {
		if typ := t.structType(n); typ != "" {
			return n, typ
		}
		n = t.parentOf(n)
	}
	return nil, ""
}

// ownType is the structure type of what a node draws as its own and not
// in a child, or "" when its content is its element's: the document's
// title block (a paragraph: PDF 1.7 has no Title type), the headings of
// the appendix and its groups (which are sections), a list item's bullet,
// number or check box, a footnote's number, a callout's title and a
// figure's or a table's caption.
func ownType(s source) string {
	switch s.node.(type) {
	case *doc.Document, *doc.Callout, *doc.Div:
		return "P"
	case *doc.Appendix:
		return "H1"
	case *doc.ReferenceGroup:
		return "H2"
	case *doc.ListItem, *doc.FootnoteDef:
		return "Lbl"
	case *doc.Figure, *doc.Table:
		if s.caption {
			return "Caption"
		}
	}
	return ""
}

// ownElem is the element of content whose node is s.node: that node's
// element, but for what a node draws as its own (ownType).
func (t *tagger) ownElem(s source) *structElem {
	n := s.node
	typ := ownType(s)
	if typ == "" {
		return t.elem(n)
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
	in := t.info(n)
	e := in.own
	if e == nil {
		e = &structElem{typ: typ, parent: parent}
		t.setAttrs(e, attrs)
		if typ == "Lbl" { // drawn after the item's first line, read before it
			parent.kids = append([]kid{elemKid(e)}, parent.kids...)
		} else {
			parent.kids = append(parent.kids, elemKid(e))
		}
		in.own = e
	}
	return e
}

// body returns the LBody element of a list item.
func (t *tagger) body(li *doc.ListItem) *structElem {
	in := t.info(li)
	if in.body == nil {
		item := t.elem(li)
		in.body = &structElem{typ: "LBody", parent: item}
		item.kids = append(item.kids, elemKid(in.body))
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
	if e == nil {
		e = &structElem{typ: "Link", parent: t.ownElem(s)}
		if s.noteRef != nil {
			ref := &structElem{typ: "Reference", parent: e.parent}
			ref.parent.kids = append(ref.parent.kids, elemKid(ref))
			e.parent = ref
			if t.refs == nil {
				t.refs = map[int]*structElem{}
			}
			if t.refs[s.noteRef.Number] == nil {
				t.refs[s.noteRef.Number] = ref
			}
		}
		e.parent.kids = append(e.parent.kids, elemKid(e))
		t.linkElems[k] = e
	}
	return e
}

// link gives the Link element of link (1-based) on page the annotation
// annot, and returns the annotation's StructParent key: the keys after the
// pages'. n is the node whose text holds the link.
func (t *tagger) link(n doc.Node, annot ref, page, link int) int {
	e := t.linkElem(page, source{node: n, link: link})
	e.kids = append(e.kids, objr(annot, page))
	t.links = append(t.links, e)
	return t.npages + len(t.links) - 1
}

// tocLine is a line of the table of contents, as a map key.
type tocLine struct {
	page int
	y    float64
}

// cellSpans returns the columns and rows a table cell spans, as its
// table's grid clips them (1, 1 for a cell outside a table row).
func (t *tagger) cellSpans(c *doc.TableCell) (cols, rows int) {
	if cols, rows := c.Spans(); cols == 1 && rows == 1 {
		return 1, 1 // most cells: no need to find the row (slices.Index, below, is a search)
	}
	row, ok := t.parentOf(c).(*doc.TableRow)
	if !ok {
		return 1, 1
	}
	table, ok := t.parentOf(row).(*doc.Table)
	if !ok {
		return 1, 1
	}
	r := slices.Index(table.Rows, row)
	switch {
	case row == table.Header:
		r = 0
	case r < 0:
		return 1, 1
	case table.Header != nil:
		r++
	}
	return table.ClippedSpans(c, r)
}
