package layout

import (
	"math"
	"slices"

	"github.com/galley-pub/galley/export/doc"
)

// cellLine is a line of a table's cell, or a row of a cell's blocks (a
// list, a code block, a quotation), set apart: y below the top of the
// table's row. first marks a text cell's first line.
type cellLine struct {
	line  *vrow
	y     float64
	first bool
}

// cellColumn is what one cell of a table's row sets: its lines in order
// (a cell of blocks draws their frames behind them).
type cellColumn struct {
	cell   *doc.TableCell
	lines  []cellLine
	repeat bool // set again where the table continues: furniture
}

// tableRow sets one row's cells (nil: none in that column): every cell
// wrapped in its column (its columns, for one that spans them), the row
// as tall as its tallest cell. With repeat, the first cell repeats one
// set before: furniture, in no node's text. A row taller than limit can
// be cut where a page breaks (cutAt).
func (f *flow) tableRow(cells []*doc.TableCell, align []doc.Alignment, widths []float64, sty runStyle, repeat bool, limit float64) *vrow {
	leading := sty.size * 1.3
	// Columns run in the column's direction: right to left in an
	// Arabic or Hebrew document, as a browser sets its table. A cell's text
	// starts where its direction starts unless the table aligns it.
	x := f.x
	if f.rtl {
		x += f.w
	}
	var columns []cellColumn
	for ci, w := range widths {
		if f.rtl {
			x -= w
		}
		if ci < len(cells) && cells[ci] != nil {
			a := doc.AlignDefault
			if ci < len(align) {
				a = align[ci]
			}
			// A cell spanning columns takes their width, as far as the
			// columns after it hold no cell of their own in this part.
			cx, cw := x, w
			cols, _ := cells[ci].Spans()
			for k := ci + 1; k < min(ci+cols, len(widths)) && (k >= len(cells) || cells[k] == nil); k++ {
				cw += widths[k]
				if f.rtl {
					cx -= widths[k]
				}
			}
			col := cellColumn{cell: cells[ci], repeat: repeat && ci == 0}
			if len(cells[ci].Blocks) > 0 {
				col.lines = f.cellBlocks(cells[ci], cx+cellPadX, max(cw-2*cellPadX, 1), sty)
			} else {
				spec := paraSpec{x: cx + cellPadX, widths: []float64{max(cw-2*cellPadX, 1)}, align: a, leading: leading, base: sty, colDir: f.dir()}
				for li, lr := range f.e.setParagraph(f.e.m.tokenize(cells[ci].Content, sty), spec) {
					lr.h = leading
					col.lines = append(col.lines, cellLine{line: lr, y: cellPadY + float64(li)*leading, first: li == 0})
				}
			}
			columns = append(columns, col)
		}
		if !f.rtl {
			x += w
		}
	}
	plan := planCells(columns, make([]int, len(columns)), cellPadY, leading, math.Inf(1))
	if plan.height() <= limit {
		return plan.build(columns, false)
	}
	row := plan.build(columns, true)
	row.ext().cut = &cellCut{columns: columns, from: make([]int, len(columns)), top: cellPadY, leading: leading, decor: len(row.items)}
	return row
}

// cellBlocks sets the blocks of a cell (a list, a code block, a quotation
// in a grid table's cell) in a column of their own, x to x+w, in the
// table's type, and returns their rows, placed below the row's top
// padding.
func (f *flow) cellBlocks(cell *doc.TableCell, x, w float64, sty runStyle) []cellLine {
	sub := f.e.newFlow(&builder{e: f.e})
	sub.x, sub.w, sub.rtl = x, w, f.rtl
	sub.body, sub.leading, sub.skip = sty, sty.size*1.3, sty.size*0.5
	sub.atStart = true
	sub.node = cell
	sub.blocks(cell.Blocks)
	rows := trimGlue(sub.rows)
	out := make([]cellLine, len(rows))
	y := cellPadY
	for i, r := range rows {
		out[i] = cellLine{line: r, y: y}
		y += r.h
	}
	return out
}

// trimGlue returns rows without the spaces they start and end with.
func trimGlue(rows []*vrow) []*vrow {
	for len(rows) > 0 && rows[0].glue {
		rows = rows[1:]
	}
	for len(rows) > 0 && rows[len(rows)-1].glue {
		rows = rows[:len(rows)-1]
	}
	return rows
}

// cellCut is what a table's row taller than half a page keeps to be cut
// where a page breaks, so that a long cell runs on across pages as a
// browser's does: its cells' lines, and where the row's part starts in
// each.
type cellCut struct {
	columns []cellColumn
	from    []int   // each column's first line in the row
	top     float64 // the padding above them: the first part's
	leading float64 // the least height of a part's lines
	decor   int     // the row's items from decor on are the table's rules
}

// cellPlan is which lines of a table's cells a row (or a part of one)
// holds, and how tall it is.
type cellPlan struct {
	top    float64 // where each column's first line is placed
	takes  [][2]int
	next   []int // where each column goes on, all at their end when done
	bottom float64
	done   bool // the row holds the rest of the cells: the bottom padding follows
}

// planCells plans a row of the lines of columns from from, each column's
// first line top below the row's top: those that end above limit, at
// least one of each column. A column's part after the first leaves out
// the spaces it would start with, as at a page break.
func planCells(columns []cellColumn, from []int, top, leading, limit float64) cellPlan {
	p := cellPlan{top: top, takes: make([][2]int, len(columns)), next: make([]int, len(columns)),
		bottom: top + leading, done: true} // a row of empty cells is a line tall
	for ci, col := range columns {
		i := from[ci]
		for top == 0 && i < len(col.lines) && col.lines[i].line.glue {
			i++
		}
		j := i
		if i < len(col.lines) {
			// Below top, line k ends at top + its end - line i's start.
			end := func(k int) float64 { return top + col.lines[k].y + col.lines[k].line.h - col.lines[i].y }
			for j = i + 1; j < len(col.lines) && end(j) <= limit; {
				j++
			}
			p.bottom = max(p.bottom, end(j-1))
		}
		p.takes[ci], p.next[ci] = [2]int{i, j}, j
		p.done = p.done && j == len(col.lines)
	}
	return p
}

// height is the height of the planned row.
func (p cellPlan) height() float64 {
	if p.done {
		return p.bottom + cellPadY
	}
	return p.bottom
}

// build makes the planned row; the frames of a block that goes on are
// drawn down to its foot. With copies, the lines' items are copied, as a
// row that can be cut sets them again in its parts; else they are moved
// into place.
func (p cellPlan) build(columns []cellColumn, copies bool) *vrow {
	row := &vrow{h: p.height()}
	for ci, col := range columns {
		if tk := p.takes[ci]; tk[0] < tk[1] {
			var on *vrow // the line the cell goes on with in the next part
			if tk[1] < len(col.lines) {
				on = col.lines[tk[1]].line
			}
			row.addColumn(col, col.lines[tk[0]:tk[1]], p.top-col.lines[tk[0]].y, on, p.bottom, copies)
		}
	}
	return row
}

// cutAt cuts r, a table's row kept to be cut (cellCut), where a page
// breaks room below its top: the part that fits, which has the rule above
// the row, and the rest of the row, which has the rules below it and can
// be cut again. A part has at least a line of each cell, and with force
// is returned even taller than room (on a page of its own); without, a
// part that would not fit is not made and cutAt returns nil.
func (r *vrow) cutAt(room float64, force bool) (head, rest *vrow) {
	c := r.extra.cut
	plan := planCells(c.columns, c.from, c.top, c.leading, room)
	if plan.height() > room && !force || plan.done {
		return nil, nil
	}
	head = plan.build(c.columns, true)
	rest = planCells(c.columns, plan.next, 0, c.leading, math.Inf(1)).build(c.columns, true)
	rest.ext().cut = &cellCut{columns: c.columns, from: plan.next, leading: c.leading, decor: len(rest.items)}
	for _, it := range r.items[c.decor:] {
		if itemY(it) <= 0 {
			head.items = append(head.items, moved(it, 0, 0))
		} else {
			rest.items = append(rest.items, moved(it, 0, rest.h-r.h))
		}
	}
	for _, part := range []*vrow{head, rest} {
		part.frames, part.node, part.landscape = r.frames, r.node, r.landscape
		if hr := r.headerRow(); hr != nil {
			part.ext().header = hr
		}
	}
	rest.kwn = r.kwn
	return head, rest
}

// continued reports a table's row that is the rest of one cut where a
// page broke (cutAt).
func (r *vrow) continued() bool {
	return r.extra != nil && r.extra.cut != nil && r.extra.cut.top == 0
}

// itemY is the height an item is placed at: a text's baseline, a line's
// first end, a box's top.
func itemY(it Item) float64 {
	switch it := it.(type) {
	case *Text:
		return it.Y
	case *Words:
		return it.Y
	case *Line:
		return it.Y1
	case *Rect:
		return it.Y
	case *ImageItem:
		return it.Y
	}
	return 0
}

// addColumn adds lines of a cell to row, each dy below where col placed
// it: its items, behind them the frames of blocks, and what the lines
// carry (addCellLine). The frames the last line shares with on, the line
// the cell goes on with in the next part, are drawn down to foot. A text
// cell's first line, only ever in the row's first part, gives the row its
// baseline.
func (row *vrow) addColumn(col cellColumn, lines []cellLine, dy float64, on *vrow, foot float64, copies bool) {
	if len(col.cell.Blocks) > 0 {
		at := make([]placed, len(lines), len(lines)+1)
		for i, l := range lines {
			at[i] = placed{row: l.line, y: l.y + dy}
		}
		last := lines[len(lines)-1]
		if end := last.y + dy + last.line.h; on != nil && foot > end {
			var shared []*frame
			for _, fr := range last.line.frames {
				if slices.Contains(on.frames, fr) {
					shared = append(shared, fr)
				}
			}
			at = append(at, placed{row: &vrow{h: foot - end, frames: shared}, y: end})
		}
		row.items = append(row.items, drawFrames(at)...)
	}
	for _, l := range lines {
		row.addCellLine(l.line, l.y+dy, col.cell, col.repeat, l.first, copies)
	}
}

// addCellLine adds a line (or a row of blocks) of a table's cell, set
// apart, to the table's row, dy below its top: its items, given the
// line's node and then the cell as their source, their links renumbered
// after the row's; its links, of the cell when of no node; its notes;
// its anchors and bookmarks (a heading in the cell), unless set again
// where the table continues (repeat, furniture). The row's baseline is
// the first line's (first), or the first baseline of text.
func (row *vrow) addCellLine(lr *vrow, dy float64, cell *doc.TableCell, repeat, first, copies bool) {
	for _, it := range lr.items {
		if copies {
			it = moved(it, 0, dy)
		} else {
			it = movedInPlace(it, 0, dy)
		}
		it = withLink(withSrc(withSrc(it, lr.node), cell), len(row.linkAreas()))
		if repeat {
			it = repeated(it)
		}
		row.items = append(row.items, it)
	}
	for _, l := range lr.linkAreas() {
		l.Y += dy
		if l.Src == nil {
			l.Src = cell
		}
		row.ext().links = append(row.ext().links, l)
	}
	if notes := lr.noteRefs(); len(notes) > 0 {
		row.ext().notes = append(row.ext().notes, notes...)
	}
	if ids := lr.anchorIDs(); len(ids) > 0 && !repeat {
		row.ext().anchors = append(row.ext().anchors, ids...)
	}
	if marks := lr.bookmarks(); len(marks) > 0 && !repeat {
		row.ext().marks = append(row.ext().marks, marks...)
	}
	if row.baseline == 0 && (first || lr.baseline > 0) {
		row.baseline = lr.baseline + dy
	}
}
