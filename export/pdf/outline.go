package pdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/layout"
)

// dest is where a link target is: its page and a height on it, in PDF
// space.
type dest struct {
	page ref
	y    float64
}

func (d dest) String() string { return fmt.Sprintf("[%s/XYZ 0 %s null]", d.page, fnum(d.y)) }

// collectAnchors maps every anchor id to its destination. When an id
// occurs twice the first one wins.
func collectAnchors(ld *layout.Document, pages []ref) map[string]dest {
	anchors := map[string]dest{}
	for i, p := range ld.Pages {
		for _, a := range p.Anchors {
			if _, dup := anchors[a.ID]; !dup {
				anchors[a.ID] = dest{page: pages[i], y: p.Height - a.Y}
			}
		}
	}
	return anchors
}

// reserveLinks reserves the objects of a page's link annotations and
// returns them, one for each link (0 for an area with neither target,
// which is nothing to click and is skipped).
func reserveLinks(w *writer, p *layout.Page) []ref {
	var refs []ref
	for li, l := range p.Links {
		if l.Dest == "" && l.URL == "" {
			continue
		}
		if refs == nil {
			refs = make([]ref, len(p.Links))
		}
		refs[li] = w.alloc()
	}
	return refs
}

// annotsEntry is a page's /Annots entry, of the annotations reserveLinks
// reserved, refs. A link to an anchor must go to one the document has.
func annotsEntry(p *layout.Page, refs []ref, anchors map[string]dest) (string, error) {
	var annots []byte
	for li, r := range refs {
		if r == 0 {
			continue
		}
		if d := p.Links[li].Dest; d != "" {
			if _, ok := anchors[d]; !ok {
				return "", fmt.Errorf("link to unknown anchor %q", d)
			}
		}
		if len(annots) > 0 {
			annots = append(annots, ' ')
		}
		annots = r.append(annots)
	}
	if len(annots) == 0 {
		return "", nil
	}
	return "/Annots[" + string(annots) + "]", nil
}

// writeLinks writes the link annotations of page p into the objects
// reserveLinks reserved, refs: a link to an anchor goes to its named
// destination, a link to a URL opens it. When tagged, each names its
// structure element by its StructParent key, firstKey the page's first
// link's (the structure tree took the links, in order, as the page was
// written). It is called once every page is drawn, as the page
// dictionaries are.
func writeLinks(w *writer, p *layout.Page, refs []ref, tagged bool, firstKey int) {
	var b []byte
	key := firstKey
	for li, l := range p.Links {
		if refs == nil || refs[li] == 0 {
			continue
		}
		r := refs[li]
		b = append(b[:0], "<</Type/Annot/Subtype/Link/Rect["...)
		for i, v := range [4]float64{l.X, p.Height - l.Y - l.H, l.X + l.W, p.Height - l.Y} {
			if i > 0 {
				b = append(b, ' ')
			}
			b = num(b, v)
		}
		b = append(b, "]/Border[0 0 0]"...)
		if l.Dest != "" {
			b = appendTextString(append(b, "/Dest"...), l.Dest)
		} else {
			b = appendLiteral(append(b, "/A<</S/URI/URI"...), uriString(l.URL))
			b = append(b, ">>"...)
		}
		if tagged {
			// The link's structure element, and what it does in words.
			b = append(b, "/StructParent "...)
			b = strconv.AppendInt(b, int64(key), 10)
			key++
			b = append(b, "/Contents"...)
			if l.URL != "" {
				b = appendTextString(b, l.URL)
			} else {
				b = appendTextString(b, "Go to "+l.Dest)
			}
		}
		b = append(b, ">>"...)
		w.object(r, b)
	}
}

// uriString percent-encodes the bytes of u that a PDF URI may not hold
// (it is 7-bit ASCII) and leaves everything else as written.
func uriString(u string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// writeDests writes the name tree of named destinations, or nothing when
// there are none.
func writeDests(w *writer, anchors map[string]dest) ref {
	if len(anchors) == 0 {
		return 0
	}
	ids := make([]string, 0, len(anchors))
	for id := range anchors {
		ids = append(ids, id)
	}
	sort.Strings(ids) // name trees are sorted by the names' bytes
	var b strings.Builder
	b.WriteString("<</Names[")
	for _, id := range ids {
		b.WriteString(textString(id))
		b.WriteString(anchors[id].String())
	}
	b.WriteString("]>>")
	r := w.alloc()
	w.object(r, []byte(b.String()))
	return r
}

// outlineNode is one bookmark and its children.
type outlineNode struct {
	b    layout.Bookmark
	ref  ref
	kids []*outlineNode
}

// writeOutline writes the outline (bookmarks) and returns its root, or 0
// when there are no bookmarks. A bookmark deeper than one level below the
// one before it is taken as one level below.
func writeOutline(w *writer, ld *layout.Document, pages []ref) ref {
	if len(ld.Bookmarks) == 0 {
		return 0
	}
	sorted := append([]layout.Bookmark(nil), ld.Bookmarks...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Page < sorted[j].Page })
	root := &outlineNode{}
	stack := []*outlineNode{root}
	for _, b := range sorted {
		if b.Page < 1 || b.Page > len(pages) {
			continue
		}
		level := min(max(b.Level, 0), len(stack)-1)
		stack = stack[:level+1]
		n := &outlineNode{b: b, ref: w.alloc()}
		parent := stack[level]
		parent.kids = append(parent.kids, n)
		stack = append(stack, n)
	}
	if len(root.kids) == 0 {
		return 0
	}
	root.ref = w.alloc()
	var write func(n *outlineNode, parent ref, depth int) int
	write = func(n *outlineNode, parent ref, depth int) int {
		count := 0
		for i, k := range n.kids {
			sub := write(k, k.ref, depth+1)
			var b strings.Builder
			fmt.Fprintf(&b, "<</Title%s/Parent %s", textString(k.b.Title), parent)
			if i > 0 {
				fmt.Fprintf(&b, "/Prev %s", n.kids[i-1].ref)
			}
			if i+1 < len(n.kids) {
				fmt.Fprintf(&b, "/Next %s", n.kids[i+1].ref)
			}
			if len(k.kids) > 0 {
				c := sub
				if depth > 0 {
					c = -len(k.kids) // deeper levels start closed
				}
				fmt.Fprintf(&b, "/First %s/Last %s/Count %d", k.kids[0].ref, k.kids[len(k.kids)-1].ref, c)
			}
			pg := ld.Pages[k.b.Page-1]
			fmt.Fprintf(&b, "/Dest%s>>", dest{page: pages[k.b.Page-1], y: pg.Height - k.b.Y})
			w.object(k.ref, []byte(b.String()))
			count++
			if depth == 0 {
				count += sub
			}
		}
		return count
	}
	total := write(root, root.ref, 0)
	w.objectf(root.ref, "<</Type/Outlines/First %s/Last %s/Count %d>>", root.kids[0].ref, root.kids[len(root.kids)-1].ref, total)
	return root.ref
}
