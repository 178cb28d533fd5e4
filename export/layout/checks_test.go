package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/fonts"
)

// checkLayout asserts properties every laid-out document must have,
// computed from the layout itself.
func checkLayout(t *testing.T, d *Document, set *fonts.Set, p Paper) {
	t.Helper()
	g := newGeometry(p)
	anchors := map[string]*Page{}
	for _, pg := range d.Pages {
		for _, a := range pg.Anchors {
			anchors[a.ID] = pg
		}
	}
	land := newGeometry(Paper{Width: p.Height, Height: p.Width})
	for _, pg := range d.Pages {
		var texts []*Text
		for _, it := range textItems(pg.Items) {
			if tx, ok := it.(*Text); ok {
				texts = append(texts, tx)
			}
		}
		g, turned := g, pg.Width > pg.Height && p.Width < p.Height
		if turned {
			g = land // a table's landscape page
		}
		for _, tx := range texts {
			checkGlyphs(t, set, pg, tx)
			inBlock := tx.Y > g.top && tx.Y <= g.bottom+0.01
			furniture := math.Abs(tx.Y-g.headerY) < 0.01 || math.Abs(tx.Y-g.footerY) < 0.01
			left, right := g.left, g.right
			if tx.Size <= tableSize || turned { // a table may spread to the wide block
				left, right = g.wideL, g.wideR
			}
			// A turned text (an SVG label) ends along its baseline.
			endX, endY := tx.X+tx.Width, tx.Y
			if m := tx.Turn; m != nil {
				endX, endY = tx.X+tx.Width*m.A, tx.Y+tx.Width*m.B
			}
			inBlock = inBlock && endY > g.top-0.01 && endY <= g.bottom+0.01
			if !inBlock && !furniture || min(tx.X, endX) < left-0.01 || max(tx.X, endX) > right+0.01 {
				t.Errorf("page %d: text %q at %.2f,%.2f (width %.2f) lies outside its block", pg.Number, tx.Text, tx.X, tx.Y, tx.Width)
			}
		}
		checkOverlaps(t, pg, texts)
		for _, l := range pg.Links {
			if l.Dest != "" && anchors[l.Dest] == nil {
				t.Errorf("page %d: link to #%s has no anchor", pg.Number, l.Dest)
			}
			if l.Dest == "" && l.URL == "" {
				t.Errorf("page %d: link with no target", pg.Number)
			}
		}
	}
	prev := -1
	for _, b := range d.Bookmarks {
		if b.Level > prev+1 || b.Level < 0 {
			t.Errorf("bookmark %q jumps from level %d to %d", b.Title, prev, b.Level)
		}
		prev = b.Level
	}
}

// checkGlyphs asserts that the face of a Text item covers all its
// characters, that it has glyphs and none is .notdef (unless no face has
// the character), and that the
// glyphs' advances add up to the width the layout measured.
func checkGlyphs(t *testing.T, set *fonts.Set, pg *Page, tx *Text) {
	t.Helper()
	face := set.Face(tx.Font.Family, tx.Font.Style)
	tofu := false // a character no face has is drawn as .notdef
	for _, r := range tx.Text {
		if !set.Covers(r) {
			tofu = true
		} else if !face.Has(r) {
			t.Errorf("page %d: %q in %q is not covered by %s", pg.Number, r, tx.Text, face.Name)
		}
	}
	if tx.Text != "" && len(tx.Glyphs) == 0 {
		t.Errorf("page %d: %q has no glyphs", pg.Number, tx.Text)
	}
	w := 0.0
	for _, g := range tx.Glyphs {
		w += float64(g.Advance) * tx.Size / 1000
		if g.ID == 0 && !tofu {
			t.Errorf("page %d: %q draws .notdef", pg.Number, tx.Text)
		}
	}
	if math.Abs(w-tx.Width) > 0.01 {
		t.Errorf("page %d: %q measures %.2f, item says %.2f", pg.Number, tx.Text, w, tx.Width)
	}
}

// checkOverlaps asserts that no two text items overlap: items on different
// baselines whose extents meet horizontally must not meet vertically, and
// items on one baseline must not meet horizontally.
func checkOverlaps(t *testing.T, pg *Page, texts []*Text) {
	t.Helper()
	for i, a := range texts {
		for _, b := range texts[i+1:] {
			if a.X+a.Width <= b.X+0.01 || b.X+b.Width <= a.X+0.01 {
				continue
			}
			if a.Y == b.Y {
				t.Errorf("page %d: %q and %q overlap on baseline %.2f", pg.Number, a.Text, b.Text, a.Y)
				continue
			}
			aTop, aBot := a.Y-a.Size*0.75, a.Y+a.Size*0.22
			bTop, bBot := b.Y-b.Size*0.75, b.Y+b.Size*0.22
			if aTop < bBot && bTop < aBot {
				t.Errorf("page %d: lines overlap: %q at y %.2f and %q at y %.2f", pg.Number, a.Text, a.Y, b.Text, b.Y)
			}
		}
	}
}

// checkTOC asserts that every entry of the printed contents shows the page
// its heading is on, and that every heading is followed on its page by a
// line of body text.
func checkTOC(t *testing.T, d *Document, entries []tocEntry, p Paper) {
	t.Helper()
	g := newGeometry(p)
	where := map[string]*Page{}
	anchorY := map[string]float64{}
	for _, pg := range d.Pages {
		for _, a := range pg.Anchors {
			where[a.ID], anchorY[a.ID] = pg, a.Y
		}
	}
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.id] = true
	}
	found := map[string]bool{}
	for _, pg := range d.Pages {
		for _, l := range pg.Links {
			if !listed[l.Dest] || math.Abs(l.X+l.W-g.right) > 0.01 {
				continue
			}
			for _, it := range textItems(pg.Items) {
				tx, ok := it.(*Text)
				if !ok || tx.Y < l.Y || tx.Y > l.Y+l.H || math.Abs(tx.X+tx.Width-g.right) > 0.01 || strings.Trim(tx.Text, "0123456789") != "" {
					continue
				}
				found[l.Dest] = true
				if target := where[l.Dest]; target == nil || target.Label != tx.Text {
					t.Errorf("contents: %s is on page %v, listed as %s", l.Dest, target.Label, tx.Text)
				}
			}
		}
	}
	for _, e := range entries {
		if !found[e.id] {
			t.Errorf("contents: no page number for %q", e.title)
		}
		pg := where[e.id]
		if pg == nil {
			t.Errorf("heading %q has no anchor", e.title)
			continue
		}
		body := false
		for _, it := range textItems(pg.Items) {
			if tx, ok := it.(*Text); ok && tx.Font.Family != fonts.Sans && tx.Size >= 9 && tx.Y > anchorY[e.id]+12 {
				body = true
				break
			}
		}
		if !body {
			t.Errorf("heading %q is not followed by text on page %d", e.title, pg.Number)
		}
	}
}

// checkBreaks asserts the pagination rules at every page break.
func checkBreaks(t *testing.T, sheets []*sheet) {
	t.Helper()
	for _, p := range breakProblems(sheets) {
		t.Error(p)
	}
}

// breakProblems lists the breaches of the pagination rules: a page that
// holds only headings, a heading at the foot of a page, the first line of a paragraph alone at the foot of a page
// (orphan), its last line alone at the head of the next (widow), a figure
// parted from its caption.
func breakProblems(sheets []*sheet) []string {
	var out []string
	for i, s := range sheets {
		rows := textRows(s)
		if len(rows) > 0 && !slices.ContainsFunc(rows, func(r *vrow) bool { return !r.heading }) {
			out = append(out, fmt.Sprintf("page %d holds only a heading: %q", i+1, rowText(rows[0])))
		}
	}
	for i := 0; i+1 < len(sheets); i++ {
		last, first := textRows(sheets[i]), textRows(sheets[i+1])
		if len(last) == 0 || len(first) == 0 {
			continue
		}
		foot, head := last[len(last)-1], first[0]
		switch {
		case foot.heading:
			out = append(out, fmt.Sprintf("page %d: heading %q stranded at the foot of the page", i+1, rowText(foot)))
		case foot.lines >= 2 && foot.line == 0:
			out = append(out, fmt.Sprintf("page %d: orphan: the first line of a %d-line paragraph alone at the foot: %q", i+1, foot.lines, rowText(foot)))
		}
		if foot.figure && head.caption {
			out = append(out, fmt.Sprintf("page %d: a figure at the foot, its caption %q on the next page", i+1, rowText(head)))
		}
		if head.lines >= 2 && head.line == head.lines-1 {
			out = append(out, fmt.Sprintf("page %d: widow: the last line of a %d-line paragraph alone at the head: %q", i+2, head.lines, rowText(head)))
		}
	}
	return out
}

// noteProblems lists the footnotes whose first line is not at the foot of
// the page that first refers to them, and the lines set at no foot or twice.
func noteProblems(sheets []*sheet, noteRows map[int][]*vrow) []string {
	var out []string
	seen := map[*vrow]int{}
	for _, s := range sheets {
		for _, r := range s.notes {
			seen[r]++
		}
	}
	first := map[int]bool{}
	for i, s := range sheets {
		for _, p := range s.rows {
			for _, n := range p.row.noteRefs() {
				if first[n] || noteRows[n] == nil {
					continue
				}
				first[n] = true
				if !slices.Contains(s.notes, noteRows[n][0]) {
					out = append(out, fmt.Sprintf("page %d: footnote %d is referred to here but begins elsewhere", i+1, n))
				}
			}
		}
	}
	for n, rows := range noteRows {
		for _, r := range rows {
			if first[n] && seen[r] != 1 {
				out = append(out, fmt.Sprintf("footnote %d: a line is set %d times", n, seen[r]))
			}
		}
	}
	return out
}

// textRows returns the rows of a page that carry something to see, without
// repeated table headers.
func textRows(s *sheet) []*vrow {
	var out []*vrow
	for _, p := range s.rows {
		if p.idx >= 0 && !p.row.glue && (len(p.row.items) > 0 || p.row.figure) {
			out = append(out, p.row)
		}
	}
	return out
}

// rowText is the text drawn on a row, for messages.
func rowText(r *vrow) string {
	var b strings.Builder
	for _, it := range textItems(r.items) {
		if tx, ok := it.(*Text); ok {
			b.WriteString(tx.Text)
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(b.String())
}
