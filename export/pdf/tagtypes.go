package pdf

import (
	"slices"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// What each element is: its standard structure type, from the node it
// is made for, and its further entries (/Alt, /Lang, /A, /T…).

// structType is the standard structure type of a node, or "" for a node
// that has none (its content goes to the nearest ancestor that has).
func (t *tagger) structType(n doc.Node) string {
	switch n := n.(type) {
	case *doc.Heading:
		return "H" + strconv.Itoa(min(max(n.Level, 1), 6))
	case *doc.Paragraph, *doc.RawHTML:
		return "P"
	case *doc.List:
		return "L"
	case *doc.DefinitionList:
		return "Div" // terms and definitions are paragraphs, which an L cannot hold
	case *doc.ListItem:
		return "LI"
	case *doc.BlockQuote:
		return "BlockQuote"
	case *doc.Callout, *doc.Div:
		return "Div"
	case *doc.CodeBlock:
		return "Code"
	case *doc.Table:
		return "Table"
	case *doc.TableRow:
		return "TR"
	case *doc.TableCell:
		if row, ok := t.parentOf(n).(*doc.TableRow); ok && t.nodes[row] != nil && t.nodes[row].headRow {
			return "TH"
		}
		return "TD"
	case *doc.Figure, *doc.Image:
		return "Figure"
	case *doc.FootnoteDef:
		return "Note"
	case *doc.Appendix, *doc.ReferenceGroup:
		return "Sect"
	case *doc.Reference:
		return "BibEntry"
	case *doc.Span:
		if isFormula(n) {
			return "Formula"
		}
	case *doc.Text:
		if in := t.nodes[n]; in != nil && in.ruby != nil {
			return in.ruby.typ
		}
	}
	return ""
}

// isFormula reports a formula's span, which keeps its TeX: its texts and
// rules, set in two dimensions, are tagged as a Formula whose alternate
// description is the TeX.
func isFormula(n *doc.Span) bool {
	_, _, ok := n.Formula()
	return ok
}

// elemAttrs is the further entries of the element of node n, of type
// typ: what it shows in words (/Alt, /ActualText, /T), its table cell's
// scope and spans, its layout, its language, or a note's /ID.
func (t *tagger) elemAttrs(n doc.Node, typ string) string {
	switch n := n.(type) {
	case *doc.Figure:
		if n.Image != nil {
			return "/Alt" + textString(n.Image.Alt)
		}
	case *doc.Image:
		return "/Alt" + textString(n.Alt)
	case *doc.Span:
		if tex, _, ok := n.Formula(); ok { // what it is, and its text as an inline one is set
			return "/Alt" + textString(tex) + "/ActualText" + textString(strings.Join(strings.Fields(doc.PlainText(n.Content)), " "))
		}
	case *doc.TableCell:
		a := ""
		if typ == "TH" {
			a = "/Scope/Column"
		}
		if cols, rows := t.cellSpans(n); cols > 1 || rows > 1 {
			a += "/ColSpan " + strconv.Itoa(cols) + "/RowSpan " + strconv.Itoa(rows)
		}
		if a != "" {
			return "/A<</O/Table" + a + ">>"
		}
	case *doc.CodeBlock:
		// Code is an inline element by default; a code block is laid out
		// as a block, on lines of its own.
		return "/A<</O/Layout/Placement/Block>>"
	case *doc.Callout:
		title := doc.PlainText(n.Title)
		if strings.TrimSpace(title) == "" {
			title = t.words.Callout(n.Kind)
		}
		return "/T" + textString(title)
	case *doc.Div:
		if title := doc.PlainText(n.Title); strings.TrimSpace(title) != "" {
			return "/T" + textString(title)
		}
	case *doc.Paragraph:
		return t.langAttr(n.Content)
	case *doc.Heading:
		return t.langAttr(n.Content)
	case *doc.FootnoteDef:
		return "/ID" + textString("fn-"+strconv.Itoa(n.Number))
	}
	return ""
}

// langAttr is the /Lang of a block written in another script than the
// document's language (doc.InlinesLang), or nothing.
func (t *tagger) langAttr(content []doc.Inline) string {
	if lang := doc.InlinesLang(content, t.lang); lang != "" {
		return "/Lang" + textString(lang)
	}
	return ""
}

// typeOf is the structure type of the element that content of source s
// belongs to ("" for an artifact), as mark will make it. It only reads
// the tagger, so the pages can be drawn on many goroutines at once.
func (t *tagger) typeOf(s source) string {
	switch {
	case s.link > 0:
		return "Link"
	case s.contents && s.contentsTitle:
		return "Caption" // the contents' heading is its caption
	case s.contents:
		return "TOCI"
	case s.node == nil:
		return ""
	}
	if typ := ownType(s); typ != "" {
		return typ
	}
	if _, typ := t.typedAncestor(s.node); typ != "" {
		return typ
	}
	return t.root.typ
}

// typedAncestor returns n, or its nearest ancestor, that has a structure
// type, and that type; nil and "" when none has. It only reads the tagger.
func (t *tagger) typedAncestor(n doc.Node) (doc.Node, string) {
	for n != nil {
		if typ := t.structType(n); typ != "" {
			return n, typ
		}
		n = t.parentOf(n)
	}
	return nil, ""
}

// ownType is the structure type of what a node draws as its own and not
// in a child, or "" when its content is its element's: the document's
// title block (a paragraph: PDF 1.7 has no Title type), the headings of
// the appendix and its groups (which are sections), a list item's bullet,
// number or check box, a footnote's number, a callout's title and a
// figure's or a table's caption.
func ownType(s source) string {
	switch s.node.(type) {
	case *doc.Document, *doc.Callout, *doc.Div:
		return "P"
	case *doc.Appendix:
		return "H1"
	case *doc.ReferenceGroup:
		return "H2"
	case *doc.ListItem, *doc.FootnoteDef:
		return "Lbl"
	case *doc.Figure, *doc.Table:
		if s.caption {
			return "Caption"
		}
	}
	return ""
}

// cellSpans returns the columns and rows a table cell spans, as its
// table's grid clips them (1, 1 for a cell outside a table row).
func (t *tagger) cellSpans(c *doc.TableCell) (cols, rows int) {
	if cols, rows := c.Spans(); cols == 1 && rows == 1 {
		return 1, 1 // most cells: no need to find the row (slices.Index, below, is a search)
	}
	row, ok := t.parentOf(c).(*doc.TableRow)
	if !ok {
		return 1, 1
	}
	table, ok := t.parentOf(row).(*doc.Table)
	if !ok {
		return 1, 1
	}
	r := slices.Index(table.Rows, row)
	switch {
	case row == table.Header:
		r = 0
	case r < 0:
		return 1, 1
	case table.Header != nil:
		r++
	}
	return table.ClippedSpans(c, r)
}
