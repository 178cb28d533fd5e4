package pdf

import (
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
)

// The tagger's index of the document tree, made once before the pages
// are drawn (newTagger): each node's parent, which top-level block and
// section it is, and, as they are made, its elements.

// nodeInfo is what the tagger knows of a node of the tree: one map lookup
// finds it all (five maps keyed by node were a sixth of the tagging time).
type nodeInfo struct {
	parent  doc.Node    // its parent in the tree
	elem    *structElem // its element, once made (nil again once written)
	own     *structElem // the element of what it draws as its own: the title block, a section's heading, a label
	body    *structElem // a list item's LBody
	section *section    // a top-level block's section
	ruby    *rubyRole   // a ruby base's or annotation's first text
	top     int32       // a top-level block's index + 1 (0: not one)
	headRow bool        // a table's header row
	written bool        // an element of it was written (one made now is made again)
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
	end    int32 // its last top-level block
	elem   *structElem
}

// newTagger indexes the document tree.
func newTagger(d *doc.Document) *tagger {
	t := &tagger{root: &structElem{typ: "Document", top: openTop}, nodes: map[doc.Node]*nodeInfo{}, attrs: map[*structElem]string{}}
	if d == nil {
		t.late = map[doc.Node]*nodeInfo{}
		return t
	}
	t.lang, t.words = d.Meta.Lang, l10n.For(d.Meta.Lang)
	doc.Walk(&parents{t: t}, d)
	var sects []*section // the sections the current block is in, outermost first
	for i, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			for len(sects) > 0 && sects[len(sects)-1].level >= h.Level {
				sects[len(sects)-1].end = int32(i - 1)
				sects = sects[:len(sects)-1]
			}
			s := &section{level: h.Level}
			if len(sects) > 0 {
				s.parent = sects[len(sects)-1]
			}
			sects = append(sects, s)
		}
		if _, note := b.(*doc.FootnoteDef); !note { // a note goes with its reference
			in := t.info(b)
			in.top = int32(i + 1)
			if len(sects) > 0 {
				in.section = sects[len(sects)-1]
			}
		}
	}
	for _, s := range sects {
		s.end = int32(len(d.Blocks) - 1)
	}
	if a := d.Appendix; a != nil {
		// The appendix, set after the blocks, is written an entry at a
		// time, as if each were a top-level block after them, and a
		// group with its last entry.
		n := int32(len(d.Blocks))
		for _, grp := range a.Groups {
			for _, r := range grp.Entries {
				n++
				t.info(r).top = n
			}
			t.info(grp).top = max(n, 1)
		}
	}
	t.late = map[doc.Node]*nodeInfo{}
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
