package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/width"

	"github.com/galley-pub/galley/export/doc"
)

// A grid table is pandoc's (its grid_tables extension): a paragraph that
// starts with a border of + and - and whose every line is a border or a
// row line of bars, the columns where the first border has its +. A line
// of = instead of - ends the header row; colons in it (else in the first
// border) give the columns' alignment. A cell's lines are its text, a
// blank one starting a new paragraph, set after a line break. Cells that
// span rows or columns are pandoc's too, but not galley's: such a table
// is printed as written, in a code block, with a warning.
//
//	+---------+--------+
//	| Fruit   | Price  |
//	+=========+=======:+
//	| Bananas | $1.34  |
//	|         |        |
//	|         | a hand |
//	+---------+--------+

// kindGridTable, kindGridRow, kindGridCell and kindGridCellLine are the
// goldmark node kinds of a grid table and of its rows, cells and cells'
// lines.
var (
	kindGridTable    = ast.NewNodeKind("GridTable")
	kindGridRow      = ast.NewNodeKind("GridRow")
	kindGridCell     = ast.NewNodeKind("GridCell")
	kindGridCellLine = ast.NewNodeKind("GridCellLine")
)

// gridTable is a grid table as goldmark parses it: its children are its
// rows, theirs its cells, and theirs the cells' lines. When problem
// is set, its one child is the paragraph it was written as.
type gridTable struct {
	ast.BaseBlock
	align     []doc.Alignment
	header    bool   // its first row is the header
	problem   string // why it cannot be a table
	problemAt int    // the source offset of the line it is about
}

// Kind implements ast.Node.
func (n *gridTable) Kind() ast.NodeKind { return kindGridTable }

// Dump implements ast.Node.
func (n *gridTable) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// gridRow is one row of a grid table.
type gridRow struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *gridRow) Kind() ast.NodeKind { return kindGridRow }

// Dump implements ast.Node.
func (n *gridRow) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// gridCell is one cell of a grid table's row.
type gridCell struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *gridCell) Kind() ast.NodeKind { return kindGridCell }

// Dump implements ast.Node.
func (n *gridCell) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// gridCellLine is one line of a grid table's cell.
type gridCellLine struct {
	ast.BaseBlock
	newParagraph bool // a blank line of the cell comes before it
}

// Kind implements ast.Node.
func (n *gridCellLine) Kind() ast.NodeKind { return kindGridCellLine }

// Dump implements ast.Node.
func (n *gridCellLine) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// gridTableTransformer turns a paragraph written as a grid table into one.
type gridTableTransformer struct{}

// gridLine is one line of a grid table: its text, where it starts in the
// source, and the byte offset at which each display column starts (-1
// inside a wide character), one more for the line's end.
type gridLine struct {
	text  string
	start int
	cols  []int
}

// at returns the character at display column col, or 0 past the end or
// inside a wide character.
func (l gridLine) at(col int) byte {
	if col >= len(l.cols)-1 || l.cols[col] < 0 {
		return 0
	}
	return l.text[l.cols[col]]
}

// newGridLine measures a line's display columns: a wide or fullwidth
// character (CJK) takes two, as in a monospaced editor.
func newGridLine(text string, start int) gridLine {
	l := gridLine{text: text, start: start}
	for i, r := range text {
		l.cols = append(l.cols, i)
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			l.cols = append(l.cols, -1)
		}
	}
	l.cols = append(l.cols, len(text))
	return l
}

// isGridBorder reports a line of + - = and : that starts and ends with +.
func isGridBorder(s string) bool {
	if len(s) < 3 || s[0] != '+' || s[len(s)-1] != '+' || !strings.ContainsAny(s, "-=") {
		return false
	}
	return strings.Trim(s, "+-=:") == ""
}

// Transform implements parser.ParagraphTransformer.
func (gridTableTransformer) Transform(para *ast.Paragraph, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	segs := para.Lines()
	if segs.Len() < 2 {
		return
	}
	lines := make([]gridLine, segs.Len())
	for i := range lines {
		seg := segs.At(i)
		lines[i] = newGridLine(strings.TrimRight(string(seg.Value(src)), " \t\r\n"), seg.Start)
		if t := lines[i].text; t == "" || t[0] != '+' && t[0] != '|' {
			return
		}
	}
	if !isGridBorder(lines[0].text) || strings.Contains(lines[0].text, "=") {
		return
	}
	table := &gridTable{}
	table.SetPos(lines[0].start)
	if problem, at := buildGridTable(table, lines); problem != "" {
		table = &gridTable{problem: problem, problemAt: at}
		table.SetPos(lines[0].start)
		para.Parent().ReplaceChild(para.Parent(), para, table)
		table.AppendChild(table, para)
		return
	}
	para.Parent().ReplaceChild(para.Parent(), para, table)
}

// buildGridTable reads lines into table's rows, or says why they are not
// a table galley can set and where.
func buildGridTable(table *gridTable, lines []gridLine) (problem string, at int) {
	var bounds []int // the display columns of the first border's +
	for col := range len(lines[0].cols) - 1 {
		if lines[0].at(col) == '+' {
			bounds = append(bounds, col)
		}
	}
	last := bounds[len(bounds)-1]
	table.align = gridAlign(lines[0], bounds)
	var row []gridLine // the row lines since the last border
	rows := 0
	for _, l := range lines[1:] {
		if len(l.cols)-1 != last+1 {
			return "this line is not as wide as the table's first border", l.start
		}
		if isGridBorder(l.text) {
			for _, b := range bounds {
				if l.at(b) != '+' {
					return "a cell spans columns", l.start
				}
			}
			if strings.Contains(l.text, "=") {
				if rows != 0 || len(row) == 0 {
					return "its line of = does not follow its first row", l.start
				}
				table.header = true
				table.align = gridAlign(l, bounds)
			}
			if len(row) > 0 {
				table.AppendChild(table, gridRowOf(row, bounds))
				rows++
			}
			row = row[:0]
			continue
		}
		for _, b := range bounds {
			if l.at(b) != '|' {
				return "a cell spans rows or columns", l.start
			}
		}
		row = append(row, l)
	}
	if len(row) > 0 {
		return "its last line is not a border", lines[len(lines)-1].start
	}
	if rows == 0 {
		return "it has no rows", lines[0].start
	}
	return "", 0
}

// gridAlign reads the columns' alignment from a border's colons.
func gridAlign(border gridLine, bounds []int) []doc.Alignment {
	align := make([]doc.Alignment, len(bounds)-1)
	for j := range align {
		left := border.at(bounds[j]+1) == ':'
		right := border.at(bounds[j+1]-1) == ':'
		switch {
		case left && right:
			align[j] = doc.AlignCenter
		case left:
			align[j] = doc.AlignLeft
		case right:
			align[j] = doc.AlignRight
		}
	}
	return align
}

// gridRowOf makes a row of the row lines between two borders: a cell
// for each column, holding a line for each of its lines that is not
// blank. goldmark's inline parser reads a line that does not end the
// source at a newline, and a cell's line ends at a bar, so each line is
// parsed alone: emphasis cannot run from one line of a cell to the next.
func gridRowOf(lines []gridLine, bounds []int) *gridRow {
	row := &gridRow{}
	row.SetPos(lines[0].start)
	for j := range len(bounds) - 1 {
		cell := &gridCell{}
		cell.SetPos(lines[0].start + lines[0].cols[bounds[j]])
		blank := false
		for _, l := range lines {
			from, to := l.cols[bounds[j]]+1, l.cols[bounds[j+1]]
			part := l.text[from:to]
			trimmed := strings.TrimSpace(part)
			if trimmed == "" {
				blank = cell.HasChildren()
				continue
			}
			lead := len(part) - len(strings.TrimLeft(part, " \t"))
			start := l.start + from + lead
			line := &gridCellLine{newParagraph: blank}
			line.SetPos(start)
			line.Lines().Append(text.NewSegment(start, start+len(trimmed)))
			cell.AppendChild(cell, line)
			blank = false
		}
		row.AppendChild(row, cell)
	}
	return row
}

// gridTable converts a grid table, or warns and keeps its lines as a
// code block, their columns lined up as written.
func (c *converter) gridTable(n *gridTable, pos doc.Pos) doc.Block {
	if n.problem != "" {
		c.diags.Warnf(c.lines.pos(n.problemAt), "this grid table is kept as written, in a code block: %s; galley sets a grid table whose cells each take one row and one column", n.problem)
		return &doc.CodeBlock{Pos: pos, Text: c.linesText(n.FirstChild().Lines(), nil)}
	}
	t := &doc.Table{Pos: pos, Align: n.align}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		row := &doc.TableRow{Pos: c.nodePos(r, pos)}
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cpos := c.nodePos(cell, row.Pos)
			var content []doc.Inline
			for l := cell.FirstChild(); l != nil; l = l.NextSibling() {
				lpos := c.nodePos(l, cpos)
				switch line, _ := l.(*gridCellLine); {
				case len(content) == 0:
				case line != nil && line.newParagraph:
					content = append(content, &doc.LineBreak{Pos: lpos})
				default:
					content = append(content, &doc.Text{Pos: lpos, Value: " "})
				}
				content = append(content, c.inlines(l, lpos)...)
			}
			row.Cells = append(row.Cells, &doc.TableCell{Pos: cpos, Content: content})
		}
		if n.header && t.Header == nil {
			t.Header = row
		} else {
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}
