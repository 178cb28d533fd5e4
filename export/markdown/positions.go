package markdown

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
)

// byteOrderMark is the UTF-8 encoding of U+FEFF, which some editors put at
// the start of a file.
const byteOrderMark = "\xEF\xBB\xBF"

// lineTable converts byte offsets of one source file into doc.Pos values.
// It is built once per file; lookups are a binary search.
type lineTable struct {
	file   string
	src    []byte
	starts []int // byte offset of the first byte of each line
	bom    int   // length of a leading byte-order mark, not counted as a column
	// origins, when set, is where each line of src came from (a chapter's
	// text with mdBook's includes expanded): positions name that file and
	// line instead, and that column onwards when it is given (a table
	// cell's lines, read apart).
	origins []doc.Pos
	// lineShift is the lines of the file before src, when src is a part
	// of it (parseParts): positions are the file's.
	lineShift int

	// The last lookup: the converter asks for positions in increasing
	// order along a line, so the next column is counted from there rather
	// than from the line's start (paragraphs are often one long line).
	lastLine, lastOff, lastCol int
}

// newLineTable indexes the starts of the lines of src. A line ends after
// '\n'; a '\r' before it belongs to the line.
func newLineTable(file string, src []byte) *lineTable {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	t := &lineTable{file: file, src: src, starts: starts}
	if bytes.HasPrefix(src, []byte(byteOrderMark)) {
		t.bom = len(byteOrderMark)
	}
	return t
}

// pos returns the position of byte offset off: its 1-based line and its
// 1-based column counted in runes. Offsets outside the file are clamped.
func (t *lineTable) pos(off int) doc.Pos {
	off = max(0, min(off, len(t.src)))
	line := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	start := t.starts[line]
	if line == 0 {
		start = min(t.bom, off)
	}
	col := 1
	if line == t.lastLine && t.lastCol > 0 && t.lastOff <= off && t.lastOff >= start &&
		(t.lastOff == len(t.src) || utf8.RuneStart(t.src[t.lastOff])) {
		start, col = t.lastOff, t.lastCol
	}
	col += utf8.RuneCount(t.src[start:off])
	t.lastLine, t.lastOff, t.lastCol = line, off, col
	return t.lineCol(t.lineShift+line+1, col)
}

// lineCol returns the position of a 1-based line and rune column, as YAML
// reports them.
func (t *lineTable) lineCol(line, col int) doc.Pos {
	if line >= 1 && line <= len(t.origins) {
		o := t.origins[line-1]
		if o.Col > 1 { // the line starts in that column of its source (a table cell's)
			col += o.Col - 1
		}
		return doc.Pos{File: o.File, Line: o.Line, Col: col}
	}
	return doc.Pos{File: t.file, Line: line, Col: col}
}
