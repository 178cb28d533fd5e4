package markdown

// GFM tables, and the captions pandoc gives them.

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/galley-pub/galley/export/doc"
)

// captionTables gives a table the caption pandoc reads from a paragraph
// right after it, or else right before it, that starts "Table:",
// "table:" or ":" (its table_captions extension), which it takes in;
// attributes that end the caption are the table's (": Data {#tbl-data}",
// as Quarto labels a table).
// blocks is the caller's own: it is compacted in place.
func captionTables(blocks []doc.Block) []doc.Block {
	out := blocks[:0]
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if t, ok := b.(*doc.Table); ok && i+1 < len(blocks) {
			if p, ok := blocks[i+1].(*doc.Paragraph); ok {
				if c := tableCaption(p); c != nil {
					t.Caption, t.Attr = trailingAttributes(c, t.Attr) // : Data {#tbl-data}
					out = append(out, t)
					i++
					continue
				}
			}
		}
		if p, ok := b.(*doc.Paragraph); ok && i+1 < len(blocks) {
			if t, ok := blocks[i+1].(*doc.Table); ok && !followedByCaption(blocks, i+1) {
				if c := tableCaption(p); c != nil {
					t.Caption, t.Attr = trailingAttributes(c, t.Attr)
					continue
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// followedByCaption reports whether the table at blocks[i] has a caption
// paragraph after it, which it takes before one before it.
func followedByCaption(blocks []doc.Block, i int) bool {
	if i+1 >= len(blocks) {
		return false
	}
	p, ok := blocks[i+1].(*doc.Paragraph)
	return ok && tableCaption(p) != nil
}

// tableCaption returns the caption a paragraph that starts "Table:",
// "table:" or ":" gives, without that mark; nil for any other paragraph.
func tableCaption(p *doc.Paragraph) []doc.Inline {
	if len(p.Content) == 0 {
		return nil
	}
	first, ok := p.Content[0].(*doc.Text)
	if !ok {
		return nil
	}
	var rest string
	for _, mark := range []string{"Table:", "table:", ":"} {
		if r, ok := strings.CutPrefix(first.Value, mark); ok {
			rest = strings.TrimLeft(r, " \t")
			break
		}
		if mark == ":" {
			return nil
		}
	}
	content := slices.Clone(p.Content)
	if rest == "" {
		content = content[1:]
	} else {
		t := *first
		t.Value = rest
		t.Pos.Col += len(first.Value) - len(rest) // the mark's ASCII bytes: its columns
		content[0] = &t
	}
	if len(content) == 0 {
		return nil
	}
	return content
}

// table converts a GFM table.
func (c *converter) table(n *east.Table, pos doc.Pos) *doc.Table {
	t := &doc.Table{Pos: pos}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, alignment(a))
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch.(type) {
		case *east.TableHeader:
			t.Header = c.tableRow(ch, pos)
		case *east.TableRow:
			if ch.NextSibling() == nil && c.captionLine(ch) {
				row := c.tableRow(ch, pos)
				if caption := tableCaption(&doc.Paragraph{Content: row.Cells[0].Content}); caption != nil {
					t.Caption, t.Attr = trailingAttributes(caption, t.Attr)
					continue
				}
			}
			t.Rows = append(t.Rows, c.tableRow(ch, pos))
		}
	}
	return t
}

// captionLine reports whether a table's row is pandoc's caption line
// right under it, "Table: Scores" with no pipe, which GFM reads as a
// row of one cell (bookdown's books write "Table: (\#tab:label) …" so).
func (c *converter) captionLine(row ast.Node) bool {
	cell := row.FirstChild()
	if cell == nil {
		return false
	}
	text, ok := cell.FirstChild().(*ast.Text)
	if !ok || text.Segment.Start > len(c.src) {
		return false
	}
	off := text.Segment.Start
	start := bytes.LastIndexByte(c.src[:off], '\n') + 1
	end := len(c.src)
	if i := bytes.IndexByte(c.src[off:], '\n'); i >= 0 {
		end = off + i
	}
	line := bytes.TrimSpace(c.src[start:end])
	return !bytes.Contains(line, []byte("|")) && (bytes.HasPrefix(line, []byte("Table:")) || bytes.HasPrefix(line, []byte("table:")))
}

func (c *converter) tableRow(n ast.Node, fallback doc.Pos) *doc.TableRow {
	r := &doc.TableRow{Pos: c.nodePos(n, fallback)}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		cellPos := c.nodePos(ch, r.Pos)
		r.Cells = append(r.Cells, &doc.TableCell{Pos: cellPos, Content: c.inlines(ch, cellPos)})
	}
	return r
}

func alignment(a east.Alignment) doc.Alignment {
	switch a {
	case east.AlignLeft:
		return doc.AlignLeft
	case east.AlignCenter:
		return doc.AlignCenter
	case east.AlignRight:
		return doc.AlignRight
	}
	return doc.AlignDefault
}
