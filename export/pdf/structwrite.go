package pdf

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// The structure tree's objects: the elements, the parent tree that maps
// each page's marked content and each link annotation back to its
// element, the IDTree of the notes, and the StructTreeRoot.
//
// The elements are written as the pages pass them, not all at the end: a
// long book's tree is hundreds of thousands of elements (the 13 MB
// book's, with their kids, about 30 MB by the end of its pages), held
// whole through its layout.
// Each element belongs to a top-level block of the document (a section
// to its last), and is written, its kids let go of, once the pages are
// past that block: once three pages in a row, each with some of the
// body, have none of it. The layout sets the blocks in order, and a
// block's footnotes on the pages of their references or the next ones,
// so a block's content is on consecutive pages. What is not of a
// top-level block (the contents, the title, the appendix) is written at
// the end, and so is a block whose page numbers a page drew pending
// (pin), which it draws at the end. Should a written element be asked
// for more, a new one is made in its place (open): a split element,
// never a lost kid; TestTreeStreamed checks that none is made.

// openTop is the top-level block of the elements written at the end.
const openTop = math.MaxInt32

// lagPages is how many pages in a row must be past a block, each with
// some of the body, before its elements are written.
const lagPages = 3

// treeStream is where the elements wait to be written.
type treeStream struct {
	byTop  [][]waiting // by top-level block: the elements its closing writes
	atEnd  []waiting   // written at the end
	closed int32       // the top-level blocks before it are written
	lows   []int32     // the lowest top-level block of the last pages with body content
	pinned map[int32]bool
	keep   bool // write nothing before the end (a test's switch)
	early  int  // elements written before the end
	remade int  // elements made again, their first written (split)
}

// waiting is an element not written yet, and the index entry that
// holds it, which lets go of it once it is.
type waiting struct {
	e  *structElem
	in *nodeInfo
}

// attach gives the tagger the writer its elements are written to, and
// reserves the Document element's object.
func (t *tagger) attach(w *writer) {
	t.w = w
	t.root.ref = w.alloc()
	t.stream.atEnd = append(t.stream.atEnd, waiting{e: t.root})
}

// add lists e, made with in, to be written when its block is closed.
func (s *treeStream) add(e *structElem, in *nodeInfo) {
	wt := waiting{e, in}
	if e.top == openTop || e.top < s.closed || s.keep {
		s.atEnd = append(s.atEnd, wt)
		return
	}
	for int(e.top) >= len(s.byTop) {
		s.byTop = append(s.byTop, nil)
	}
	s.byTop[e.top] = append(s.byTop[e.top], wt)
}

// pin keeps the elements of e's top-level block until the end: content of
// it is drawn then.
func (t *tagger) pin(e *structElem) {
	if e.top == openTop {
		return
	}
	if t.stream.pinned == nil {
		t.stream.pinned = map[int32]bool{}
	}
	t.stream.pinned[e.top] = true
}

// pageDone writes the elements of the top-level blocks the pages are past,
// once page's marked content and links are in the tree. low is the lowest
// top-level block page marked (openTop: none of the body).
func (t *tagger) pageDone(low int32) {
	s := &t.stream
	if low == openTop || s.keep {
		return
	}
	s.lows = append(s.lows, low)
	if len(s.lows) > lagPages {
		s.lows = s.lows[1:]
	}
	if len(s.lows) < lagPages {
		return
	}
	past := slices.Min(s.lows)
	for ; s.closed < past; s.closed++ {
		if int(s.closed) >= len(s.byTop) {
			continue
		}
		waits := s.byTop[s.closed]
		s.byTop[s.closed] = nil
		if s.pinned[s.closed] {
			s.atEnd = append(s.atEnd, waits...)
			continue
		}
		for _, wt := range waits {
			t.writeElem(wt)
		}
		s.early += len(waits)
	}
}

// writeElem writes an element's object, and lets go of its kids, its
// attributes and the index entry's hold of it.
func (t *tagger) writeElem(wt waiting) {
	e := wt.e
	b := append(t.buf[:0], "<</S/"...) // /Type/StructElem is optional
	b = append(b, e.typ...)
	b = append(b, "/P "...)
	if e.parent != nil {
		b = e.parent.ref.append(b)
	} else {
		b = t.rootRef.append(b) // the Document element's parent: the StructTreeRoot
	}
	first := -1 // the page of the first kid, when it is content
	if len(e.kids) > 0 && e.kids[0].elem == nil {
		first = int(e.kids[0].page)
		b = append(b, "/Pg "...)
		b = t.pageRefs[first].append(b)
	}
	b = append(b, t.attrs[e]...)
	b = append(b, "/K["...)
	for i, k := range e.kids {
		if i > 0 {
			b = append(b, ' ')
		}
		switch {
		case k.elem != nil:
			b = k.elem.ref.append(b)
		case k.mcid >= 0 && int(k.page) == first:
			// On the element's /Pg page: the MCID alone.
			b = strconv.AppendInt(b, int64(k.mcid), 10)
		case k.mcid >= 0:
			b = append(b, "<</Type/MCR/Pg "...)
			b = t.pageRefs[k.page].append(b)
			b = append(b, "/MCID "...)
			b = strconv.AppendInt(b, int64(k.mcid), 10)
			b = append(b, ">>"...)
		default:
			b = append(b, "<</Type/OBJR/Obj "...)
			b = k.obj().append(b)
			b = append(b, "/Pg "...)
			b = t.pageRefs[k.page].append(b)
			b = append(b, ">>"...)
		}
	}
	b = append(b, "]>>"...)
	t.w.object(e.ref, b)
	t.buf = b
	e.kids, e.written = nil, true
	delete(t.attrs, e)
	if in := wt.in; in != nil {
		for _, p := range []**structElem{&in.elem, &in.own, &in.body} {
			if *p == e {
				*p, in.written = nil, true
			}
		}
	}
}

// write writes what is left of the structure tree, once every page and
// link is in it: the elements not written yet, the parent tree and the
// root, and returns the root's reference.
func (t *tagger) write() ref {
	t.rootRef = t.w.alloc()
	for _, waits := range t.stream.byTop {
		t.stream.atEnd = append(t.stream.atEnd, waits...)
	}
	t.stream.byTop = nil
	for _, wt := range t.stream.atEnd {
		t.writeElem(wt)
	}
	t.stream.atEnd = nil
	w := t.w
	nums := []byte("<</Nums[")
	for i, refs := range t.pages {
		nums = append(strconv.AppendInt(nums, int64(i), 10), '[')
		for j, r := range refs {
			if j > 0 {
				nums = append(nums, ' ')
			}
			nums = r.append(nums)
		}
		nums = append(nums, ']')
	}
	for i, r := range t.links {
		nums = append(strconv.AppendInt(append(nums, ' '), int64(t.npages+i), 10), ' ')
		nums = r.append(nums)
	}
	parentTree := w.alloc()
	w.object(parentTree, append(nums, "]>>"...))
	idTree := ""
	if ids := t.idTree(); ids != "" {
		r := w.alloc()
		w.objectf(r, "<</Names[%s]>>", ids)
		idTree = "/IDTree " + r.String()
	}
	w.objectf(t.rootRef, "<</Type/StructTreeRoot/K[%s]/ParentTree %s/ParentTreeNextKey %d%s>>", t.root.ref, parentTree, t.npages+len(t.links), idTree)
	return t.rootRef
}

// idTree is the name tree's entries of the elements with an /ID, in the
// order of their ids' bytes: (id) ref pairs.
func (t *tagger) idTree() string {
	entries := slices.Clone(t.ids)
	slices.SortFunc(entries, func(a, b idEntry) int { return strings.Compare(a.id, b.id) })
	var b strings.Builder
	for i, en := range entries {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(en.id)
		b.WriteByte(' ')
		b.WriteString(en.ref.String())
	}
	return b.String()
}
