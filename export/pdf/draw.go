package pdf

import (
	"fmt"
	"sort"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/galley-pub/galley/export/layout"
)

// drawer draws pages onto one fpdf document.
type drawer struct {
	f         *fpdf.Fpdf
	images    map[string]bool // registered image keys
	links     map[string]int  // fpdf link id of each Dest drawn so far
	anchors   map[string]anchorPos
	bookmarks map[int][]layout.Bookmark // by 1-based page
	lastH     float64                   // the last page's height

	// What the page's content stream has selected already: fpdf writes a
	// font selection (twice: SetFont and SetFontSize) for every call, so
	// text items in the same font and size as the one before skip them.
	font     layout.FontRef
	fontSize float64 // 0: nothing selected yet on this page
	color    layout.RGB
	hasColor bool
}

// anchorPos is where a link target is: a 1-based page and a height on it.
type anchorPos struct {
	page int
	y    float64
}

// page adds one page and draws its items, links and bookmarks.
func (d *drawer) page(p *layout.Page) error {
	f := d.f
	f.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
	n := f.PageNo()
	d.fontSize = 0 // each page's content stream selects its own font
	for _, it := range p.Items {
		if err := d.item(it); err != nil {
			return fmt.Errorf("pdf: page %d: %w", n, err)
		}
	}
	for _, l := range p.Links {
		if err := d.link(l); err != nil {
			return fmt.Errorf("pdf: page %d: %w", n, err)
		}
	}
	// fpdf turns every bookmark's y into PDF space with the height of the
	// page current when the file is written, the last one; shift y so that
	// pages of another height get the right destination too.
	for _, b := range d.bookmarks[n] {
		f.Bookmark(infoString(b.Title), b.Level, b.Y+d.lastH-p.Height)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: page %d: %w", n, err)
	}
	return nil
}

// item draws one item.
func (d *drawer) item(it layout.Item) error {
	f := d.f
	switch it := it.(type) {
	case *layout.Text:
		if it == nil || it.Text == "" {
			return nil
		}
		if it.Font != d.font || it.Size != d.fontSize {
			fc := faceOf(it.Font)
			f.SetFont(fc.name(), fc.styleString(), it.Size)
			d.font, d.fontSize = it.Font, it.Size
		}
		if !d.hasColor || it.Color != d.color {
			f.SetTextColor(int(it.Color.R), int(it.Color.G), int(it.Color.B))
			d.color, d.hasColor = it.Color, true
		}
		f.Text(it.X, it.Y, it.Text)
	case *layout.Line:
		if it == nil {
			return nil
		}
		f.SetLineWidth(it.Width)
		f.SetDrawColor(int(it.Color.R), int(it.Color.G), int(it.Color.B))
		f.Line(it.X1, it.Y1, it.X2, it.Y2)
	case *layout.Rect:
		if it == nil {
			return nil
		}
		style := ""
		if it.Fill != nil {
			f.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
			style += "F"
		}
		if it.Stroke != nil {
			f.SetDrawColor(int(it.Stroke.R), int(it.Stroke.G), int(it.Stroke.B))
			f.SetLineWidth(it.LineWidth)
			style += "D"
		}
		if style != "" {
			f.Rect(it.X, it.Y, it.W, it.H, style)
		}
	case *layout.ImageItem:
		if it == nil {
			return nil
		}
		if !d.images[it.Key] {
			return fmt.Errorf("image %q is not in the document's images", it.Key)
		}
		if !(it.W > 0 && it.H > 0) {
			return fmt.Errorf("image %q: empty box %gx%g", it.Key, it.W, it.H)
		}
		f.ImageOptions(it.Key, it.X, it.Y, it.W, it.H, false, fpdf.ImageOptions{AllowNegativePosition: true}, 0, "")
	case nil:
		return nil
	default:
		return fmt.Errorf("unknown item type %T", it)
	}
	return nil
}

// link makes a rectangle clickable: to a URL, or to an anchor anywhere in
// the document. An area with neither is nothing to click and is skipped.
func (d *drawer) link(l layout.LinkArea) error {
	switch {
	case l.Dest != "":
		id, ok := d.links[l.Dest]
		if !ok {
			a, found := d.anchors[l.Dest]
			if !found {
				return fmt.Errorf("link to unknown anchor %q", l.Dest)
			}
			id = d.f.AddLink()
			d.f.SetLink(id, a.y, a.page)
			d.links[l.Dest] = id
		}
		d.f.Link(l.X, l.Y, l.W, l.H, id)
	case l.URL != "":
		d.f.LinkString(l.X, l.Y, l.W, l.H, uriString(l.URL))
	}
	return nil
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

// collectAnchors maps every anchor id to its page and height. When an id
// occurs twice the first one wins.
func collectAnchors(ld *layout.Document) map[string]anchorPos {
	anchors := map[string]anchorPos{}
	for i, p := range ld.Pages {
		if p == nil {
			continue
		}
		for _, a := range p.Anchors {
			if _, dup := anchors[a.ID]; !dup {
				anchors[a.ID] = anchorPos{page: i + 1, y: a.Y}
			}
		}
	}
	return anchors
}

// pageBookmarks groups the bookmarks by page, in document order, with levels
// clamped to what fpdf's outline builder accepts: the first entry at level
// 0 and no entry more than one level deeper than the one before it.
func pageBookmarks(bms []layout.Bookmark, pages int) (map[int][]layout.Bookmark, error) {
	sorted := append([]layout.Bookmark(nil), bms...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Page < sorted[j].Page })
	byPage := map[int][]layout.Bookmark{}
	prev := -1
	for _, b := range sorted {
		if b.Page < 1 || b.Page > pages {
			return nil, fmt.Errorf("pdf: bookmark %q: page %d is not in the document (1–%d)", b.Title, b.Page, pages)
		}
		b.Level = min(max(b.Level, 0), prev+1)
		prev = b.Level
		byPage[b.Page] = append(byPage[b.Page], b)
	}
	return byPage, nil
}
