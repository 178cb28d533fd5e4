package layout

import (
	"fmt"
	"slices"
)

// placed is a row at its position on a page.
type placed struct {
	row *vrow
	idx int // index in the flow; -1 for a repeated table header
	y   float64
}

// sheet is a page being filled.
type sheet struct {
	rows      []placed
	notes     []*vrow // the footnote lines printed at its foot, in order
	landscape bool    // the paper turned (engine.land)
}

// geometry is the page geometry of a sheet.
func (e *engine) geometry(s *sheet) *geometry {
	if s.landscape {
		return &e.land
	}
	return &e.g
}

// notesHeight is the height of a footnote area holding lines: a short rule
// and the lines.
func notesHeight(lines []*vrow) float64 {
	if len(lines) == 0 {
		return 0
	}
	h := noteSeparator
	for _, r := range lines {
		h += r.h
	}
	return h
}

// noteSeparator is the space taken by the rule above the footnotes.
const noteSeparator = 14.0

// minNoteLines is how many lines of a footnote must stay on the page that
// refers to it when the rest goes on to the next page.
const minNoteLines = 2

// paginate fills pages with rows. A row that does not fit starts a new
// page, and takes with it the rows before it that must stay with it;
// spaces at a break are dropped; a continued table repeats its header; the
// footnotes a row refers to go to the foot of the same page, and what of
// them does not fit there continues at the foot of the next.
func (e *engine) paginate(rows []*vrow, noteRows map[int][]*vrow) []*sheet {
	p := e.newPaginator(noteRows)
	p.advance(rows, len(rows))
	return p.end()
}

// newPaginator returns a paginator at the top of the first page.
func (e *engine) newPaginator(noteRows map[int][]*vrow) *paginator {
	p := &paginator{e: e, noteRows: noteRows, printed: map[int]bool{}}
	p.start()
	return p
}

// advance places rows up to rows[upto], not included: a page once closed
// (in sheets) is final, for a break only ever moves rows of the page
// being filled. rows may grow between calls.
func (p *paginator) advance(rows []*vrow, upto int) {
	for p.next < upto {
		p.next = p.place(rows, p.next)
	}
}

// end closes the last page, after pages of the footnotes still to
// finish, and returns every sheet.
func (p *paginator) end() []*sheet {
	for len(p.pending) > 0 { // footnotes still to finish: pages of notes
		p.newPage()
	}
	if len(p.cur.rows) > 0 || len(p.cur.notes) > 0 || len(p.sheets) == 0 {
		p.sheets = append(p.sheets, p.cur)
	}
	return p.sheets
}

// firstOnPage is the index of the first row of the page being filled:
// the rows before it are on closed pages.
func (p *paginator) firstOnPage() int {
	for _, pl := range p.cur.rows {
		if pl.idx >= 0 {
			return pl.idx
		}
	}
	return p.next
}

// paginator is the state of paginate.
type paginator struct {
	e        *engine
	noteRows map[int][]*vrow
	next     int // the next row to place
	sheets   []*sheet
	cur      *sheet
	y        float64
	printed  map[int]bool // footnotes begun on an earlier page
	onPage   []int        // footnotes begun on this page
	carried  []*vrow      // footnote lines continued at the head of this page's notes
	pending  []*vrow      // footnote lines still to go on the next page
	later    []*vrow      // of those, the ones already pending when this page began
}

// start begins a page: the footnote lines carried over go first at its foot,
// as many as leave room for a few lines of text.
func (p *paginator) start() {
	p.cur = &sheet{}
	p.y = p.e.g.top
	room := p.e.g.height() * 0.8 // the landscape page's is about as tall
	n := 0
	for h := noteSeparator; n < len(p.pending) && (n < minNoteLines || h+p.pending[n].h <= room); n++ {
		h += p.pending[n].h
	}
	p.carried = p.pending[:n:n]
	p.pending = slices.Clone(p.pending[n:])
	p.later = slices.Clone(p.pending)
	p.cur.notes = slices.Clone(p.carried)
	p.onPage = nil
}

// newPage closes the current page and starts the next.
func (p *paginator) newPage() {
	for _, n := range p.onPage {
		p.printed[n] = true
	}
	p.sheets = append(p.sheets, p.cur)
	p.start()
}

// place puts rows[i] on the page, or breaks the page, and returns the index
// of the next row to place. A table's row that does not fit is cut to
// fit, and its rest takes its place in rows, to be placed next.
func (p *paginator) place(rows []*vrow, i int) int {
	e, cur := p.e, p.cur
	r := rows[i]
	hasContent := slices.ContainsFunc(cur.rows, func(pl placed) bool { return pl.idx >= 0 && !pl.row.glue })
	if r.landscape != cur.landscape && !r.glue {
		// A table turned on landscape pages starts a page of its own, and
		// what follows it the next upright page.
		if hasContent || len(cur.rows) > 0 {
			p.newPage()
			return i
		}
		cur.landscape = r.landscape
		p.y = e.geometry(cur).top
	}
	g := e.geometry(cur)
	limit := g.bottom - notesHeight(cur.notes)
	cols := max(e.g.columns, 1)
	if r.newPage && (hasContent || len(p.sheets)%cols != 0) {
		p.newPage()
		for len(p.sheets)%cols != 0 {
			p.newPage() // the rest of the page's columns stay empty
		}
		if r.recto && len(p.sheets)/cols%2 == 1 {
			for range cols {
				p.newPage() // a blank left-hand page
			}
		}
		return i
	}
	if r.glue {
		// At the head of a page, or with no room left, a space is dropped;
		// the next row then breaks the page, honouring what stays together.
		if hasContent && p.y+r.h <= limit {
			cur.rows = append(cur.rows, placed{row: r, idx: i, y: p.y})
			p.y += r.h
		}
		return i + 1
	}
	hr := r.headerRow()
	header := hr != nil && !hasContent && len(p.sheets) > 0 && i > 0 && (rows[i-1] != hr || r.continued())
	above := 0.0 // the header repeated above the row
	if header {
		above = hr.h
	}
	var rest *vrow // what of a cut row is left for the next page
	if r.extra != nil && r.extra.cut != nil && p.y+above+r.h > limit {
		// Room is kept for the first lines of the notes the row refers
		// to, which go at the foot of the page with the part.
		room := limit - p.y - above
		if fresh, _ := p.freshNotes(r); len(fresh) > 0 {
			room -= p.notesWith(fresh[:min(len(fresh), minNoteLines)]) - notesHeight(cur.notes)
		}
		if head, tail := r.cutAt(room, !hasContent); head != nil {
			r, rest = head, tail
		}
	}
	h := above + r.h
	fresh, freshNums := p.freshNotes(r)
	// Take all the fresh note lines that fit, at least the first ones.
	take := len(fresh)
	for take > 0 && p.y+h > g.bottom-p.notesWith(fresh[:take]) {
		take--
	}
	if len(fresh) > 0 && take < min(minNoteLines, len(fresh)) {
		take = -1
	}
	if (take < 0 || p.y+h > limit) && hasContent {
		j := e.breakPoint(cur.rows)
		if j < len(cur.rows) {
			// Cut the page back: the notes of the rows that stay are set
			// whole, those of the rows that move go with them.
			i = cur.rows[j].idx
			cur.rows = cur.rows[:j]
			p.onPage = p.notesOf(cur.rows)
			cur.notes = slices.Clone(p.carried)
			for _, n := range p.onPage {
				cur.notes = append(cur.notes, p.noteRows[n]...)
			}
			p.pending = slices.Clone(p.later)
		}
		p.newPage()
		return i
	}
	take = max(take, min(len(fresh), minNoteLines))
	if header {
		cur.rows = append(cur.rows, placed{row: hr, idx: -1, y: p.y})
		p.y += hr.h
	}
	cur.rows = append(cur.rows, placed{row: r, idx: i, y: p.y})
	p.onPage = append(p.onPage, freshNums...)
	cur.notes = append(cur.notes, fresh[:take]...)
	p.pending = append(p.pending, fresh[take:]...)
	p.y += r.h
	if rest != nil {
		// The rest takes the row's place, to be placed next: the part
		// placed is not kept with the next row, so no break moves it
		// back (breakPoint), and a break before it left the row whole.
		rows[i] = rest
		return i
	}
	return i + 1
}

// notesWith is the height of the page's footnote area with the lines
// more added to it.
func (p *paginator) notesWith(more []*vrow) float64 {
	return notesHeight(append(slices.Clone(p.cur.notes), more...))
}

// freshNotes returns the footnotes r is the first to refer to, not begun
// on an earlier page: their lines, and their numbers.
func (p *paginator) freshNotes(r *vrow) (lines []*vrow, nums []int) {
	for _, n := range r.noteRefs() {
		if !p.printed[n] && !slices.Contains(p.onPage, n) && !slices.Contains(nums, n) && p.noteRows[n] != nil {
			nums = append(nums, n)
			lines = append(lines, p.noteRows[n]...)
		}
	}
	return lines, nums
}

// notesOf returns the footnotes first referred to on this page by rows.
func (p *paginator) notesOf(rows []placed) []int {
	var nums []int
	for _, pl := range rows {
		for _, n := range pl.row.noteRefs() {
			if p.noteRows[n] != nil && !p.printed[n] && !slices.Contains(nums, n) {
				nums = append(nums, n)
			}
		}
	}
	return nums
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

// moved returns a copy of an item shifted by dx, dy.
func moved(it Item, dx, dy float64) Item {
	switch it := it.(type) {
	case *Text:
		c := *it
		return movedInPlace(&c, dx, dy)
	case *Words:
		c := *it
		c.words = slices.Clone(it.words)
		return movedInPlace(&c, dx, dy)
	case *Line:
		c := *it
		return movedInPlace(&c, dx, dy)
	case *Rect:
		c := *it
		return movedInPlace(&c, dx, dy)
	case *ImageItem:
		c := *it
		return movedInPlace(&c, dx, dy)
	case *Slot:
		c := *it
		c.Items = make([]Item, len(it.Items))
		for i, in := range it.Items {
			c.Items[i] = moved(in, dx, dy)
		}
		c.Y += dy
		return &c
	default:
		panic(fmt.Sprintf("layout: moved: unexpected item %T", it))
	}
}

// movedInPlace shifts an item by dx, dy and returns it.
func movedInPlace(it Item, dx, dy float64) Item {
	switch it := it.(type) {
	case *Text:
		it.X += dx
		it.Y += dy
	case *Words:
		for i := range it.words {
			it.words[i].x += dx
		}
		it.Y += dy
	case *Line:
		it.X1 += dx
		it.X2 += dx
		it.Y1 += dy
		it.Y2 += dy
	case *Rect:
		it.X += dx
		it.Y += dy
	case *ImageItem:
		it.X += dx
		it.Y += dy
	case *Slot:
		for _, in := range it.Items {
			movedInPlace(in, dx, dy)
		}
		it.Y += dy
	default:
		panic(fmt.Sprintf("layout: movedInPlace: unexpected item %T", it))
	}
	return it
}
