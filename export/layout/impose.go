package layout

import (
	"fmt"

	"github.com/galley-pub/galley/export/options"
)

// The impositions (options.Imposition): each page on a sheet of its own;
// pages 1 and 2 side by side on a landscape sheet, then 3 and 4…; two pages
// a side in the order that folds into a booklet.
const (
	OnePerSheet = options.OnePerSheet
	TwoUp       = options.TwoUp
	Booklet     = options.Booklet
)

// SheetFor returns the sheet that pages of paper p are imposed on: A4 for
// A5 pages (two A5 pages make an A4 sheet), else the same paper. The sheet
// is used in landscape.
func SheetFor(p Paper) Paper {
	if p.Name == "a5" {
		return A4()
	}
	return p
}

// Impose puts the pages of d two to a side on landscape sheets of paper
// sheet, each page scaled to fit its half and centred there (Page.Placed:
// the pages are drawn whole, not copied item by item). For a
// booklet, blank pages pad the count to a multiple of four and the sides
// come in the order that, printed on both sides (flipped on the short edge)
// and folded, reads 1, 2, 3…: the first side holds the last page and page
// 1, the second pages 2 and n−1, and so on. Links, anchors and bookmarks
// follow their pages; a booklet, whose sides are out of reading order, has
// no bookmarks.
func Impose(d *Document, how options.Imposition, sheet Paper) (*Document, error) {
	if how == OnePerSheet {
		return d, nil
	}
	if d == nil || len(d.Pages) == 0 {
		return nil, fmt.Errorf("layout: nothing to impose")
	}
	if how != TwoUp && how != Booklet {
		return nil, fmt.Errorf("layout: unknown imposition %q (want %q or %q)", how, TwoUp, Booklet)
	}
	order := make([]int, len(d.Pages)) // source page index per slot; -1: blank
	for i := range order {
		order[i] = i
	}
	if how == Booklet {
		order = bookletOrder(len(d.Pages))
	} else if len(order)%2 == 1 {
		order = append(order, -1)
	}
	w, h := max(sheet.Width, sheet.Height), min(sheet.Width, sheet.Height)
	out := &Document{Paper: sheet, Images: d.Images, Fonts: d.Fonts}
	sheetOf := map[int]int{} // source page index → sheet index
	place := map[int]func(x, y float64) (float64, float64){}
	for s := 0; s*2 < len(order); s++ {
		pg := &Page{Number: s + 1, Label: fmt.Sprint(s + 1), Width: w, Height: h}
		for half := range 2 {
			src := order[s*2+half]
			if src < 0 {
				continue
			}
			p := d.Pages[src]
			k := min(w/2/p.Width, h/p.Height)
			dx := float64(half)*w/2 + (w/2-p.Width*k)/2
			dy := (h - p.Height*k) / 2
			sheetOf[src] = s
			place[src] = func(x, y float64) (float64, float64) { return dx + x*k, dy + y*k }
			pg.Placed = append(pg.Placed, Placed{Page: p, X: dx, Y: dy, Scale: k})
			for _, l := range p.Links {
				l.X, l.Y = place[src](l.X, l.Y)
				l.W, l.H = l.W*k, l.H*k
				pg.Links = append(pg.Links, l)
			}
			for _, a := range p.Anchors {
				_, a.Y = place[src](0, a.Y)
				pg.Anchors = append(pg.Anchors, a)
			}
		}
		out.Pages = append(out.Pages, pg)
	}
	for _, b := range d.Bookmarks {
		src := b.Page - 1
		if how == Booklet || src < 0 || src >= len(d.Pages) {
			// A booklet's sheets are out of reading order: no outline.
			continue
		}
		b.Page = sheetOf[src] + 1
		_, b.Y = place[src](0, b.Y)
		out.Bookmarks = append(out.Bookmarks, b)
	}
	return out, nil
}

// bookletOrder returns the pages of an n-page booklet in the order of the
// halves of its sheets' sides, -1 for a blank page.
func bookletOrder(n int) []int {
	total := (n + 3) / 4 * 4
	page := func(i int) int {
		if i < n {
			return i
		}
		return -1
	}
	var out []int
	for i := 0; i < total/2; i += 2 {
		out = append(out, page(total-1-i), page(i), page(i+1), page(total-2-i))
	}
	return out
}
