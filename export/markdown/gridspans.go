package markdown

import (
	"slices"
	"strings"
)

// gridRect is a cell of a grid table as drawn: the lines of its top and
// bottom borders and the display columns of its left and right ones.
type gridRect struct{ top, left, bottom, right int }

// buildSpanningGrid reads a grid table whose cells span rows or columns,
// as pandoc does: each cell a rectangle with a + at each corner, - (or =,
// or an alignment colon) along its top and bottom, and | (or +) down its
// sides. Its rows start at the borders its cells start at, its columns at
// their left edges; a header is the cells above the line of =, which must
// end the first row. It returns why the lines are not such a table, and
// where; "" once table has its rows.
func buildSpanningGrid(table *gridTable, lines []gridLine) (problem string, at int) {
	width := len(lines[0].cols) - 1
	for _, l := range lines {
		if len(l.cols)-1 != width {
			return "this line is not as wide as the table's first border", l.start
		}
	}
	char := func(r, c int) byte { return lines[r].at(c) }
	across := func(b byte) bool { return b == '-' || b == '=' || b == ':' || b == '+' }
	down := func(b byte) bool { return b == '|' || b == '+' }
	var cells []gridRect
	for r := 0; r < len(lines)-1; r++ {
		for c := 0; c < width-1; c++ {
			if char(r, c) != '+' || !across(char(r, c+1)) || char(r, c+1) == '+' || !down(char(r+1, c)) {
				continue // not a cell's top-left corner
			}
			cell, ok := gridCellAt(lines, width, r, c, across, down)
			if !ok {
				return "a cell's borders do not close", lines[r].start
			}
			cells = append(cells, cell)
		}
	}
	if len(cells) == 0 {
		return "it has no cells", lines[0].start
	}
	if problem, at := gridOverlap(lines, width, cells); problem != "" {
		return problem, at
	}
	var tops, lefts []int
	for _, cell := range cells {
		tops = append(tops, cell.top, cell.bottom)
		lefts = append(lefts, cell.left, cell.right)
	}
	slices.Sort(tops)
	slices.Sort(lefts)
	tops, lefts = slices.Compact(tops), slices.Compact(lefts)
	for r, l := range lines {
		if isGridBorder(l.text) && strings.Contains(l.text, "=") {
			if len(tops) < 3 || r != tops[1] {
				return "its line of = does not end its first row", l.start
			}
			table.header = true
			table.align = gridAlign(l, lefts)
		}
	}
	if !table.header {
		table.align = gridAlign(lines[0], lefts)
	}
	for ri := range len(tops) - 1 {
		row := &gridRow{}
		row.SetPos(lines[min(tops[ri]+1, len(lines)-1)].start)
		for _, cell := range cells { // in reading order: by top, then left
			if cell.top != tops[ri] {
				continue
			}
			gc := gridCellOf(lines[cell.top+1:cell.bottom], cell.left, cell.right)
			if n := slices.Index(lefts, cell.right) - slices.Index(lefts, cell.left); n > 1 {
				gc.colSpan = n
			}
			if n := slices.Index(tops, cell.bottom) - ri; n > 1 {
				gc.rowSpan = n
			}
			row.AppendChild(row, gc)
		}
		table.AppendChild(table, row)
	}
	return "", 0
}

// gridCellAt follows the borders of the cell whose top-left corner is at
// line r, column c: right along its top to the first + with a side below
// it, down its left side to the first + with a bottom border beside it and
// a + under the right side. It reports false when they do not close.
func gridCellAt(lines []gridLine, width, r, c int, across, down func(byte) bool) (gridRect, bool) {
	char := func(r, c int) byte { return lines[r].at(c) }
	right := -1
	for k := c + 1; k < width && across(char(r, k)); k++ {
		if char(r, k) == '+' && down(char(r+1, k)) {
			right = k
			break
		}
	}
	if right < 0 {
		return gridRect{}, false
	}
	for k := r + 1; k < len(lines) && down(char(k, c)); k++ {
		if char(k, c) != '+' || !across(char(k, c+1)) || char(k, right) != '+' {
			continue
		}
		for j := r + 1; j < k; j++ { // the right side, whole
			if !down(char(j, right)) {
				return gridRect{}, false
			}
		}
		for j := c + 1; j < right; j++ { // the bottom, whole
			if !across(char(k, j)) {
				return gridRect{}, false
			}
		}
		if k == r+1 {
			return gridRect{}, false // no line of text
		}
		return gridRect{top: r, left: c, bottom: k, right: right}, true
	}
	return gridRect{}, false
}

// gridOverlap reports a place two cells both claim, or a place of the
// table's inside no cell holds.
func gridOverlap(lines []gridLine, width int, cells []gridRect) (problem string, at int) {
	held := make([][]bool, len(lines))
	for r := range held {
		held[r] = make([]bool, width)
	}
	for _, cell := range cells {
		for r := cell.top + 1; r < cell.bottom; r++ {
			for c := cell.left + 1; c < cell.right; c++ {
				if held[r][c] {
					return "two of its cells overlap", lines[r].start
				}
				held[r][c] = true
			}
		}
	}
	for r := 1; r < len(lines)-1; r++ {
		for c := 1; c < width-1; c++ {
			if b := lines[r].at(c); !held[r][c] && strings.IndexByte("|+-=:", b) < 0 {
				return "a part of it is in no cell", lines[r].start
			}
		}
	}
	return "", 0
}
