package doc

import (
	"strings"
	"testing"
)

// TestTableGrid places cells as HTML's table model does: a row's cells
// take the columns the cells above leave free, a column span covers the
// columns to its right, a row span the rows below, and a short row leaves
// its last columns empty.
func TestTableGrid(t *testing.T) {
	cell := func(name string, cols, rows int) *TableCell {
		return &TableCell{Content: []Inline{&Text{Value: name}}, ColSpan: cols, RowSpan: rows}
	}
	table := &Table{
		Header: &TableRow{Cells: []*TableCell{cell("AB", 2, 0), cell("C", 0, 0)}},
		Rows: []*TableRow{
			{Cells: []*TableCell{cell("a", 0, 2), cell("b", 0, 0), cell("c", 0, 3)}},
			{Cells: []*TableCell{cell("e", 0, 0)}},
			{Cells: []*TableCell{cell("g", 1, 1)}},
		},
	}
	var got []string
	for _, row := range table.Grid() {
		var line []string
		for _, c := range row {
			name := "."
			if c != nil {
				name = PlainText(c.Content)
			}
			line = append(line, name)
		}
		got = append(got, strings.Join(line, " "))
	}
	want := []string{"AB . C", "a b c", ". e .", "g . ."}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("grid:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if cols, rows := (&TableCell{ColSpan: -3, RowSpan: 1 << 30}).Spans(); cols != 1 || rows != maxSpan {
		t.Errorf("Spans of -3, 2^30: %d, %d", cols, rows)
	}
}
