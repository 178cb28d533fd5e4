package layout

import "slices"

// placed is a row at its position on a page.
type placed struct {
	row *vrow
	idx int // index in the flow; -1 for a repeated table header
	y   float64
}

// sheet is a page being filled.
type sheet struct {
	rows  []placed
	notes []int // footnotes printed at its foot, in order
}

// notesHeight is the height of the footnote area for notes: a short rule
// and the notes.
func notesHeight(notes []int, noteRows map[int][]*vrow) float64 {
	if len(notes) == 0 {
		return 0
	}
	h := noteSeparator
	for _, n := range notes {
		for _, r := range noteRows[n] {
			h += r.h
		}
	}
	return h
}

// noteSeparator is the space taken by the rule above the footnotes.
const noteSeparator = 14.0

// paginate fills pages with rows. A row that does not fit starts a new
// page, and takes with it the rows before it that must stay with it;
// spaces at a break are dropped; a continued table repeats its header; the
// footnotes a row refers to go to the foot of the same page.
func (e *engine) paginate(rows []*vrow, noteRows map[int][]*vrow) []*sheet {
	var sheets []*sheet
	printed := map[int]bool{}
	cur := &sheet{}
	y := e.g.top
	newPage := func() {
		sheets = append(sheets, cur)
		for _, n := range cur.notes {
			printed[n] = true
		}
		cur = &sheet{}
		y = e.g.top
	}
	for i := 0; i < len(rows); {
		r := rows[i]
		hasContent := slices.ContainsFunc(cur.rows, func(p placed) bool { return p.idx >= 0 && !p.row.glue })
		limit := e.g.bottom - notesHeight(cur.notes, noteRows)
		if r.newPage && hasContent {
			newPage()
			if r.recto && len(sheets)%2 == 1 {
				newPage() // a blank left-hand page
			}
			continue
		}
		if r.glue {
			if !hasContent {
				i++
				continue
			}
			if y+r.h > limit {
				// No room: drop the space; the next row breaks the page,
				// honouring what must stay together.
				i++
				continue
			}
			cur.rows = append(cur.rows, placed{row: r, idx: i, y: y})
			y += r.h
			i++
			continue
		}
		var fresh []int
		for _, n := range r.notes {
			if !printed[n] && !slices.Contains(cur.notes, n) && !slices.Contains(fresh, n) && noteRows[n] != nil {
				fresh = append(fresh, n)
			}
		}
		header := r.header != nil && !hasContent && len(sheets) > 0 && i > 0 && rows[i-1] != r.header
		h := r.h
		if header {
			h += r.header.h
		}
		need := notesHeight(append(slices.Clone(cur.notes), fresh...), noteRows)
		if y+h > e.g.bottom-need && hasContent {
			j := e.breakPoint(cur.rows)
			if j < len(cur.rows) {
				i = cur.rows[j].idx
				cur.rows = cur.rows[:j]
				cur.notes = notesOf(cur.rows, printed, noteRows)
			}
			newPage()
			continue
		}
		if header {
			cur.rows = append(cur.rows, placed{row: r.header, idx: -1, y: y})
			y += r.header.h
		}
		cur.rows = append(cur.rows, placed{row: r, idx: i, y: y})
		cur.notes = append(cur.notes, fresh...)
		y += r.h
		i++
	}
	if len(cur.rows) > 0 || len(sheets) == 0 {
		sheets = append(sheets, cur)
	}
	return sheets
}

// breakPoint returns the index of the first row to move to the next page
// when the row after rows does not fit: the rows at the end that must stay
// with the next one move with it, unless that would leave the page empty.
func (e *engine) breakPoint(rows []placed) int {
	j := len(rows)
	for {
		k := j - 1
		for k >= 0 && rows[k].row.glue {
			k--
		}
		if k < 0 || !rows[k].row.kwn || rows[k].idx < 0 {
			break
		}
		j = k
	}
	for _, p := range rows[:j] {
		if p.idx >= 0 && !p.row.glue {
			return j
		}
	}
	return len(rows)
}

// notesOf lists the footnotes first referred to by the rows.
func notesOf(rows []placed, printed map[int]bool, noteRows map[int][]*vrow) []int {
	var out []int
	for _, p := range rows {
		for _, n := range p.row.notes {
			if !printed[n] && !slices.Contains(out, n) && noteRows[n] != nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// moved returns a copy of an item shifted by dx, dy.
func moved(it Item, dx, dy float64) Item {
	switch it := it.(type) {
	case *Text:
		c := *it
		c.X += dx
		c.Y += dy
		return &c
	case *Line:
		c := *it
		c.X1 += dx
		c.X2 += dx
		c.Y1 += dy
		c.Y2 += dy
		return &c
	case *Rect:
		c := *it
		c.X += dx
		c.Y += dy
		return &c
	case *ImageItem:
		c := *it
		c.X += dx
		c.Y += dy
		return &c
	}
	return it
}
