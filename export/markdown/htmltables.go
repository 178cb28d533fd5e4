package markdown

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galley-pub/galley/export/doc"
)

// A raw HTML block that is one simple table (rows of cells, with no
// caption) becomes a table node, set by both outputs like a Markdown
// table: its header is the <thead>'s row, or a first row of <th> cells; a
// cell keeps its colspan and rowspan, and its text its links, emphasis,
// code, line breaks, sub- and superscripts; a cell holding lists,
// preformatted text or quotations holds them as blocks (htmlCell). Any
// other table stays raw.

// htmlTable returns the table a raw HTML block is, or nil. at gives the
// file position of a byte offset in src; each row and cell has the
// position of its start tag.
func htmlTable(src string, pos doc.Pos, at func(int) doc.Pos) *doc.Table {
	if !hasTagStart(src, "<table") {
		return nil
	}
	el := fragmentElement(src, atom.Body)
	if el == nil || el.DataAtom != atom.Table {
		return nil
	}
	tags := startTags(src)
	if len(tags[atom.Table]) != 1 {
		tags = tagOffsets{} // a table in a cell: its tags would be counted as the outer one's
	}
	t := &doc.Table{Pos: pos, Attr: attrOf(el)}
	var rows []*html.Node
	headRows := 0
	for _, c := range children(el) {
		switch {
		case c.Type != html.ElementNode:
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				return nil
			}
		case c.DataAtom == atom.Thead || c.DataAtom == atom.Tbody || c.DataAtom == atom.Tfoot:
			for _, r := range children(c) {
				if r.Type == html.ElementNode {
					if r.DataAtom != atom.Tr {
						return nil
					}
					rows = append(rows, r)
					if c.DataAtom == atom.Thead {
						headRows++
					}
				}
			}
		case c.DataAtom == atom.Tr:
			rows = append(rows, c)
		default: // a caption, colgroup: more than rows of cells
			return nil
		}
	}
	if len(rows) == 0 || headRows > 1 {
		return nil
	}
	for i, r := range rows {
		row := &doc.TableRow{Pos: tags.pos(atom.Tr, pos, at)}
		allTH := true
		for _, c := range children(r) {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				return nil
			}
			allTH = allTH && c.DataAtom == atom.Th
			cellPos := tags.pos(c.DataAtom, pos, at)
			cell := &doc.TableCell{Pos: cellPos}
			cell.Content, cell.Blocks = htmlCell(c, fragment{tags: tags, at: at, pos: cellPos}, cellPos)
			cell.ColSpan, cell.RowSpan = spans(c)
			row.Cells = append(row.Cells, cell)
			if i == 0 {
				cols, _ := cell.Spans()
				for range cols {
					t.Align = append(t.Align, cellAlign(c))
				}
			}
		}
		if i == 0 && (headRows == 1 || allTH && len(rows) > 1) {
			t.Header = row
			continue
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// htmlCell returns the content of a table cell, c: its text, or, when it
// holds a list, preformatted text, a quotation or the like, its blocks
// (f converts them). Paragraphs alone are its text, a line break between
// each two, as a grid table's cell of paragraphs is.
func htmlCell(c *html.Node, f fragment, pos doc.Pos) ([]doc.Inline, []doc.Block) {
	hasBlock := false
	for _, e := range children(c) {
		hasBlock = hasBlock || e.Type == html.ElementNode && fragmentBlock(e.DataAtom)
	}
	if !hasBlock {
		return trimInlines(htmlInlines(c, pos)), nil
	}
	blocks, ok := f.flow(c, pos)
	if !ok {
		return trimInlines(htmlInlines(c, pos)), nil
	}
	var content []doc.Inline
	for _, b := range blocks {
		p, isPara := b.(*doc.Paragraph)
		if !isPara {
			return nil, blocks
		}
		if len(content) > 0 {
			content = append(content, &doc.LineBreak{Pos: p.Pos})
		}
		content = append(content, p.Content...)
	}
	return content, nil
}

// tagOffsets holds the byte offsets of an HTML fragment's start tags, by
// element, in source order. The parser makes the table's rows and cells
// in the order of their tags, so the k-th row or cell element is the k-th
// such tag, which pos takes from the front.
type tagOffsets map[atom.Atom][]int

// startTags lists the start tags of src.
func startTags(src string) tagOffsets {
	tags := tagOffsets{}
	z := html.NewTokenizer(strings.NewReader(src))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return tags
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, _ := z.TagName()
			a := atom.Lookup(name)
			tags[a] = append(tags[a], off)
		}
		off += len(z.Raw())
	}
}

// pos returns the position of the next start tag of a, or fallback when
// the source has no more (an element the parser made itself).
func (t tagOffsets) pos(a atom.Atom, fallback doc.Pos, at func(int) doc.Pos) doc.Pos {
	offs := t[a]
	if len(offs) == 0 {
		return fallback
	}
	t[a] = offs[1:]
	return at(offs[0])
}

// spans returns the columns and rows a cell spans, from its colspan and
// rowspan attributes: 0 (one) for one absent or not a number, as HTML
// reads it; a rowspan of 0 (to the end of its group) is taken as one.
func spans(c *html.Node) (cols, rows int) {
	for _, a := range c.Attr {
		n, err := strconv.Atoi(strings.TrimSpace(a.Val))
		if err != nil || n < 1 {
			continue
		}
		switch a.Key {
		case "colspan":
			cols = n
		case "rowspan":
			rows = n
		}
	}
	return cols, rows
}

// cellAlign is a cell's alignment, from its align attribute or its style.
func cellAlign(c *html.Node) doc.Alignment {
	for _, a := range c.Attr {
		v := strings.ToLower(a.Val)
		switch {
		case a.Key == "align":
		case a.Key == "style" && strings.Contains(v, "text-align"):
			v = v[strings.Index(v, "text-align"):]
		default:
			continue
		}
		switch {
		case strings.Contains(v, "center"):
			return doc.AlignCenter
		case strings.Contains(v, "right"):
			return doc.AlignRight
		case strings.Contains(v, "left"):
			return doc.AlignLeft
		}
	}
	return doc.AlignDefault
}

// htmlInlines converts the content of an HTML element to inline nodes:
// text with its white space collapsed, and the elements a cell's text
// usually holds; of any other element, its content.
func htmlInlines(n *html.Node, pos doc.Pos) []doc.Inline {
	return htmlInlinesAt(n, pos, nil)
}

// htmlInlinesAt is htmlInlines with each element at the position elPos
// gives it (nil: all at pos). An element's id (or an <a>'s name) is kept
// as an anchor: the element's node, or an empty span before it.
func htmlInlinesAt(n *html.Node, pos doc.Pos, elPos func(*html.Node) doc.Pos) []doc.Inline {
	var out []doc.Inline
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if s := collapseSpace(c.Data); s != "" {
				out = append(out, &doc.Text{Pos: pos, Value: validUTF8(s)})
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		at := pos
		if elPos != nil {
			at = elPos(c)
		}
		inner := func() []doc.Inline { return htmlInlinesAt(c, at, elPos) }
		switch {
		case c.DataAtom == atom.Code || c.DataAtom == atom.Samp: // its text whole: code holds no markup
			out = append(out, withAnchor(anchorAttr(c.Attr), at, []doc.Inline{&doc.Code{Pos: at, Value: textOf(c)}})...)
		case pairable(c.Data): // as the same element written inline in Markdown
			content := inner()
			switch node := elementNode(rawTag{name: c.Data, attrs: c.Attr}, at, content).(type) {
			case nil: // an <a> that is neither a link nor an anchor
				out = append(out, content...)
			case *doc.Span:
				if node.Attr.ID == "" && len(node.Attr.Classes) == 0 && len(node.Attr.KV) == 0 {
					out = append(out, content...) // a bare <span>
				} else {
					out = append(out, node)
				}
			case *doc.Link:
				out = append(out, node)
			default: // an element whose node has no id: the id an anchor before it
				out = append(out, withAnchor(anchorAttr(c.Attr), at, []doc.Inline{node})...)
			}
		case c.DataAtom == atom.Br:
			out = append(out, &doc.LineBreak{Pos: at})
		case c.DataAtom == atom.Img:
			if img := htmlImage(c, at); img != nil {
				out = append(out, img)
			}
		case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
		default:
			out = append(out, inner()...)
		}
	}
	return doc.MergeTexts(out)
}

// collapseSpace turns each run of white space in s into one space, as a
// browser shows it.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// trimInlines drops the white space at the start and end of a cell.
func trimInlines(in []doc.Inline) []doc.Inline {
	if n := len(in); n > 0 {
		if t, ok := in[n-1].(*doc.Text); ok {
			t.Value = strings.TrimRight(t.Value, " ")
			if t.Value == "" {
				in = in[:n-1]
			}
		}
	}
	if len(in) > 0 {
		if t, ok := in[0].(*doc.Text); ok {
			t.Value = strings.TrimLeft(t.Value, " ")
			if t.Value == "" {
				in = in[1:]
			}
		}
	}
	return in
}
