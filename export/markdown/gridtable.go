package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/width"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// A grid table is pandoc's (its grid_tables extension): a block that
// starts with a border of + and - and whose every line is a border or a
// row line of bars, the columns where the first border has its +. It is
// read by a block parser, so that a line of a border starting "+   +"
// (a cell spanning rows) stays in the table rather than starting a list. A line
// of = instead of - ends the header row; colons in it (else in the first
// border) give the columns' alignment. A cell's lines are its text, a
// blank one starting a new paragraph, set after a line break. Cells may
// span rows or columns, as pandoc's do (buildSpanningGrid); a table whose
// borders do not close is printed as written, in a code block, with a
// warning.
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

// gridTable is a grid table as goldmark parses it: its lines are the
// table's as written, its children its rows, theirs its cells, and
// theirs the cells' lines. When problem is set, it has no children.
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

// IsRaw implements ast.Node: the table's own lines are not parsed as
// inlines (its cells' lines are).
func (n *gridTable) IsRaw() bool { return true }

// gridRow is one row of a grid table.
type gridRow struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *gridRow) Kind() ast.NodeKind { return kindGridRow }

// Dump implements ast.Node.
func (n *gridRow) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// gridCell is one cell of a grid table's row, spanning colSpan columns
// and rowSpan rows (0: one).
type gridCell struct {
	ast.BaseBlock
	colSpan, rowSpan int
	// body is the text of each line of the cell between its borders, as
	// written, and starts the offset in the source of each: what the
	// cell's blocks are read from (cellBlocks).
	body   []string
	starts []int
}

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

// gridTableParser reads a grid table: a border line at most three
// spaces in, and every line after it that starts with + or | (a border
// or a row line).
type gridTableParser struct{}

// Trigger implements parser.BlockParser.
func (gridTableParser) Trigger() []byte { return []byte{'+'} }

// Open implements parser.BlockParser.
func (gridTableParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 {
		return nil, parser.NoChildren
	}
	if t := strings.TrimRight(string(line[pos:]), " \t\r\n"); !isGridBorder(t) || strings.Contains(t, "=") || !gridRowFollows(reader) {
		return nil, parser.NoChildren
	}
	table := &gridTable{}
	table.Lines().Append(gridSegment(seg, pos))
	reader.AdvanceToEOL()
	return table, parser.NoChildren
}

// gridRowFollows reports whether the line after the reader's starts
// with a bar, as a table's first row does (a border alone is text). It
// reads the source, not the reader, which cannot go back a line: past
// spaces and the > of block quotes, the markers of the containers the
// table is in.
func gridRowFollows(reader text.Reader) bool {
	_, seg := reader.Position()
	src := reader.Source()
	i := seg.Stop
	if i > 0 && i <= len(src) && src[i-1] != '\n' { // the line's end is not its segment's
		for i < len(src) && src[i] != '\n' {
			i++
		}
		i++
	}
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '>') {
		i++
	}
	return i < len(src) && src[i] == '|'
}

// gridSegment is the segment of a line from pos to its end.
func gridSegment(seg text.Segment, pos int) text.Segment {
	return text.NewSegment(seg.Start+pos, seg.Stop)
}

// Continue implements parser.BlockParser: a line starting with + or |
// (after at most three spaces) is the table's.
func (gridTableParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, seg := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) || line[pos] != '+' && line[pos] != '|' {
		return parser.Close
	}
	node.Lines().Append(gridSegment(seg, pos))
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close implements parser.BlockParser: the lines become rows and cells,
// or the reason they cannot.
func (gridTableParser) Close(node ast.Node, reader text.Reader, _ parser.Context) {
	table := node.(*gridTable)
	src := reader.Source()
	segs := table.Lines()
	lines := make([]gridLine, segs.Len())
	for i := range lines {
		seg := segs.At(i)
		lines[i] = newGridLine(strings.TrimRight(string(seg.Value(src)), " \t\r\n"), seg.Start)
	}
	table.SetPos(lines[0].start)
	if len(lines) < 2 {
		table.problem, table.problemAt = "it has no rows", lines[0].start
		return
	}
	problem, at := buildGridTable(table, lines)
	if problem == errGridSpans {
		clearChildren(table)
		problem, at = buildSpanningGrid(table, lines)
	}
	if problem != "" {
		clearChildren(table)
		table.problem, table.problemAt = problem, at
	}
}

// clearChildren removes n's children.
func clearChildren(n ast.Node) {
	for n.HasChildren() {
		n.RemoveChild(n, n.FirstChild())
	}
}

// CanInterruptParagraph implements parser.BlockParser: a table follows
// a blank line, as pandoc's does.
func (gridTableParser) CanInterruptParagraph() bool { return false }

// CanAcceptIndentedLine implements parser.BlockParser.
func (gridTableParser) CanAcceptIndentedLine() bool { return false }

// errGridSpans is buildGridTable's problem with a table whose cells span
// rows or columns: buildSpanningGrid reads it.
const errGridSpans = "a cell spans rows or columns"

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
					return errGridSpans, l.start
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
				return errGridSpans, l.start
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
		row.AppendChild(row, gridCellOf(lines, bounds[j], bounds[j+1]))
	}
	return row
}

// gridCellOf is the cell whose text is lines between display columns
// left and right (its edges).
func gridCellOf(lines []gridLine, left, right int) *gridCell {
	cell := &gridCell{}
	cell.SetPos(lines[0].start + lines[0].cols[left])
	blank := false
	for _, l := range lines {
		from, to := l.cols[left]+1, l.cols[right]
		part := l.text[from:to]
		cell.body, cell.starts = append(cell.body, part), append(cell.starts, l.start+from)
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
	return cell
}

// gridTable converts a grid table, or warns and keeps its lines as a
// code block, their columns lined up as written.
func (c *converter) gridTable(n *gridTable, pos doc.Pos) doc.Block {
	if n.problem != "" {
		c.diags.Warnf(c.lines.pos(n.problemAt), "this grid table is kept as written, in a code block: %s (a grid table's every cell is a box of + corners, - or = borders and | sides)", n.problem)
		return &doc.CodeBlock{Pos: pos, Text: c.linesText(n.Lines(), nil)}
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
			tc := &doc.TableCell{Pos: cpos, Content: content}
			if gc, ok := cell.(*gridCell); ok {
				tc.ColSpan, tc.RowSpan = gc.colSpan, gc.rowSpan
				if blocks := c.cellBlocks(gc, cpos); blocks != nil {
					if references(blocks) < references(content) {
						c.diags.Warnf(cpos, "this cell is set as lines of text, not as the list or other blocks it holds: a note or a link in it is defined outside the table (a footnote, a reference link), and its blocks are read on their own")
					} else {
						tc.Content, tc.Blocks = nil, blocks
					}
				}
			}
			row.Cells = append(row.Cells, tc)
		}
		if n.header && t.Header == nil {
			t.Header = row
		} else {
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// cellBlocks returns the blocks of a grid table's cell that holds more
// than paragraphs of text (a list, a code block, a quotation), read as
// pandoc reads a cell: its lines, less the indentation they share, as
// Markdown of their own. It returns nil for a cell of text alone, which
// keeps the text read with the document's (its references and notes
// resolved), a blank line in it a line break.
func (c *converter) cellBlocks(gc *gridCell, pos doc.Pos) []doc.Block {
	indent := -1
	for _, l := range gc.body {
		if t := strings.TrimLeft(l, " "); strings.TrimSpace(t) != "" {
			if n := len(l) - len(t); indent < 0 || n < indent {
				indent = n
			}
		}
	}
	if indent < 0 || !mayStartBlock(gc.body, indent) {
		return nil
	}
	var text strings.Builder
	origins := make([]doc.Pos, len(gc.body))
	for i, l := range gc.body {
		origins[i] = c.lines.pos(gc.starts[i] + min(indent, len(l)))
		if len(l) > indent {
			text.WriteString(strings.TrimRight(l[indent:], " \t"))
		}
		text.WriteByte('\n')
	}
	// Problems in the cell's text are reported by the reading of the
	// table's lines with the document, as for a cell of text.
	d := ParseLines(pos.File, []byte(text.String()), origins, c.syntax, &diag.List{})
	for _, b := range d.Blocks {
		if _, ok := b.(*doc.Paragraph); !ok {
			return d.Blocks
		}
	}
	return nil
}

// references counts the links, images and footnote references in
// nodes (a slice of blocks or of inlines).
func references[N doc.Node](nodes []N) int {
	n := 0
	for _, node := range nodes {
		doc.Inspect(node, func(x doc.Node) bool {
			switch x.(type) {
			case *doc.Link, *doc.Image, *doc.FootnoteRef:
				n++
			}
			return true
		})
	}
	return n
}

// mayStartBlock reports whether a line of a cell, less indent, could
// start a block other than a paragraph: a list item, a quotation, a
// fence, a heading or indented code. A cell of text alone is not read
// again.
func mayStartBlock(lines []string, indent int) bool {
	for _, l := range lines {
		if len(l) <= indent {
			continue
		}
		t := strings.TrimLeft(l[indent:], " ")
		if t == "" {
			continue
		}
		if len(l[indent:])-len(t) >= 4 {
			return true
		}
		switch t[0] {
		case '-', '*', '+', '>', '`', '~', '#', '(':
			return true
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			if i := strings.IndexAny(t, ".)"); i > 0 && strings.Trim(t[:i], "0123456789") == "" {
				return true
			}
		}
	}
	return false
}
