package pdf

import (
	"slices"
	"strconv"
	"strings"
)

// The structure tree's objects: the elements, the parent tree that maps
// each page's marked content and each link annotation back to its
// element, the IDTree of the notes, and the StructTreeRoot.

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
		b = append(b[:0], "<</S/"...) // /Type/StructElem is optional
		b = append(b, e.typ...)
		b = append(b, "/P "...)
		b = parent.append(b)
		if len(e.kids) > 0 && e.kids[0].elem == nil {
			b = append(b, "/Pg "...)
			b = pages[e.kids[0].page].append(b)
		}
		b = append(b, t.attrs[e]...)
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
				b = k.elem.ref.append(b)
			case k.mcid >= 0 && k.page == e.kids[0].page && e.kids[0].elem == nil:
				// On the element's /Pg page: the MCID alone.
				b = strconv.AppendInt(b, int64(k.mcid), 10)
			case k.mcid >= 0:
				b = append(b, "<</Type/MCR/Pg "...)
				b = pages[k.page].append(b)
				b = append(b, "/MCID "...)
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ">>"...)
			default:
				b = append(b, "<</Type/OBJR/Obj "...)
				b = k.obj().append(b)
				b = append(b, "/Pg "...)
				b = pages[k.page].append(b)
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
	nums := []byte("<</Nums[")
	for i, elems := range t.pages {
		nums = append(strconv.AppendInt(nums, int64(i), 10), '[')
		for j, e := range elems {
			if j > 0 {
				nums = append(nums, ' ')
			}
			nums = e.ref.append(nums)
		}
		nums = append(nums, ']')
	}
	for i, e := range t.links {
		nums = append(strconv.AppendInt(append(nums, ' '), int64(t.npages+i), 10), ' ')
		nums = e.ref.append(nums)
	}
	parentTree := w.alloc()
	w.object(parentTree, append(nums, "]>>"...))
	idTree := ""
	if ids := t.idTree(); ids != "" {
		r := w.alloc()
		w.objectf(r, "<</Names[%s]>>", ids)
		idTree = "/IDTree " + r.String()
	}
	w.objectf(root, "<</Type/StructTreeRoot/K[%s]/ParentTree %s/ParentTreeNextKey %d%s>>", t.root.ref, parentTree, t.npages+len(t.links), idTree)
	return root
}

// idTree is the name tree's entries of the elements with an /ID, in the
// order of their ids' bytes: (id) ref pairs.
func (t *tagger) idTree() string {
	type entry struct {
		id string
		e  *structElem
	}
	var entries []entry
	for _, e := range t.ids {
		if !e.empty() {
			id, _ := strings.CutPrefix(t.attrs[e], "/ID")
			entries = append(entries, entry{id, e})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.id, b.id) })
	var b strings.Builder
	for i, en := range entries {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(en.id)
		b.WriteByte(' ')
		b.WriteString(en.e.ref.String())
	}
	return b.String()
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
