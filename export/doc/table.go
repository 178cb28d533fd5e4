package doc

// maxSpan bounds the columns and rows a cell may span (HTML's own limits
// are 1000 columns and 65534 rows): a larger span is read as this one.
const maxSpan = 1000

// Spans returns how many columns and rows the cell spans, at least one
// each and at most maxSpan.
func (c *TableCell) Spans() (cols, rows int) {
	clamp := func(n int) int { return min(max(n, 1), maxSpan) }
	return clamp(c.ColSpan), clamp(c.RowSpan)
}

// Grid places the table's cells on its grid of rows (the header row
// first, when there is one) and columns: grid[r][c] is the cell whose
// top-left corner is row r, column c, nil where no cell starts (a place
// a spanning cell covers, or that a short row leaves empty). A row's
// cells fill, in order, the columns that cells from the rows above do
// not cover, as HTML's table model places them. Every row of the grid is
// as long as the longest. A row span reaching past the last row ends
// there, and one in the header row at the header (ClippedSpans).
func (t *Table) Grid() [][]*TableCell {
	rows := t.Rows
	if t.Header != nil {
		rows = append([]*TableRow{t.Header}, t.Rows...)
	}
	grid := make([][]*TableCell, len(rows))
	covered := make([][]bool, len(rows)) // by a cell that starts above or to the left
	width := 0
	for r, row := range rows {
		c := 0
		for _, cell := range row.Cells {
			for c < len(covered[r]) && covered[r][c] {
				c++
			}
			cols, spanRows := t.ClippedSpans(cell, r)
			for len(grid[r]) <= c {
				grid[r] = append(grid[r], nil)
			}
			grid[r][c] = cell
			for rr := r; rr < r+spanRows; rr++ {
				for len(covered[rr]) < c+cols {
					covered[rr] = append(covered[rr], false)
				}
				for cc := c; cc < c+cols; cc++ {
					covered[rr][cc] = true
				}
			}
			c += cols
			width = max(width, c)
		}
	}
	for r := range grid {
		for len(grid[r]) < width {
			grid[r] = append(grid[r], nil)
		}
	}
	return grid
}

// ClippedSpans returns the columns and rows the cell at row r of the
// grid (the header row being 0 when there is one) spans, its row span cut
// at the header row's end (the header is a group of its own, as HTML's
// <thead>) or at the table's.
func (t *Table) ClippedSpans(c *TableCell, r int) (cols, rows int) {
	cols, rows = c.Spans()
	if r == 0 && t.Header != nil {
		return cols, 1
	}
	n := len(t.Rows)
	if t.Header != nil {
		n++
	}
	return cols, max(min(rows, n-r), 1)
}
