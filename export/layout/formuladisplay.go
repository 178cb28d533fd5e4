package layout

import (
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/tex"
)

// An equation's number is set at the right margin: a displayed formula's
// \tag on its baseline, and the numbers of an align's lines, which
// passes.NumberEquations tags one by one as LaTeX numbers them, each on
// its line's baseline.

// formula sets the displayed formula n as a row of its own, centred in
// the column, its texts and rules tagged as the formula's; one a little
// wider than the column smaller, down to minFormulaScale. It reports
// false, having set nothing, when the formula is wider still.
func (f *flow) formula(n *doc.Span) bool {
	src, _, _ := n.Formula()
	nodes, _ := tex.Parse(src) // the reader warned of what it does not know
	nodes, tag := tex.EquationTag(nodes)
	var table *tex.Table
	var tags []*tex.Text // its lines' numbers
	if tag == nil {
		table, tags = lineTags(nodes)
	}
	s := &mathSetter{m: f.e.m, family: f.body.font.Family, size: f.body.size, numbered: table}
	b := s.row(nodes, 0)
	labelW, labelH, labelD := 0.0, 0.0, 0.0
	for _, l := range s.formulaLabels(tag, tags, f.body.size) {
		labelW, labelH, labelD = max(labelW, l.box.w), max(labelH, l.box.h+l.y), max(labelD, l.box.d-l.y)
	}
	labelled := labelW > 0
	fits := f.w // the room for the formula: the column's, less its labels'
	if labelled {
		fits -= labelW + f.body.size
	}
	if b.w > fits && b.w*minFormulaScale <= fits {
		// A little too wide: smaller, as an author would make it with \small.
		s.size *= fits / b.w
		for b = s.row(nodes, 0); b.w > fits && s.size > f.body.size*minFormulaScale; b = s.row(nodes, 0) {
			s.size *= 0.98 // a little more: sizes do not scale widths quite in proportion (rules, minimum gaps)
		}
	}
	x := f.x + (f.w-b.w)/2
	switch room := f.w - b.w; {
	case b.w <= 0 || room < 0:
		return false
	case labelled && room < labelW+f.body.size: // no room for its labels beside it
		return false
	case labelled && room < 2*(labelW+f.body.size): // no room beside it centred: left of its labels
		x = f.x + f.w - labelW - f.body.size - b.w
	}
	labels := s.formulaLabels(tag, tags, f.body.size) // on the lines of the formula as last set
	pad := 0.3 * f.body.size
	baseline := pad + max(b.h, labelH)
	items := placeFormula(make([]Item, 0, len(b.parts)+len(labels)), &b, n, x, baseline, f.body.color, f.e)
	for _, l := range labels {
		items = placeFormula(items, &l.box, n, f.x+f.w-l.box.w, baseline-l.y, f.body.color, f.e)
	}
	row := &vrow{h: baseline + max(b.d, labelD) + pad, baseline: baseline, items: items}
	if n.Attr.ID != "" { // a numbered equation's: \eqref's links go to it
		row.ext().anchors = append(row.ext().anchors, n.Attr.ID)
	}
	f.add(row)
	return true
}

// minFormulaScale is the least a displayed formula wider than the column
// is scaled to fit it, before it is set as text instead: 70%, 7.35 pt
// on the 10.5 pt body, about LaTeX's \footnotesize.
const minFormulaScale = 0.7

// formulaLabel is an equation number, set: its box, and its baseline's
// height above the formula's.
type formulaLabel struct {
	box mathBox
	y   float64
}

// lineTags takes the \tag that ends each line of the table that nodes
// are (alone, or in a group: \begin{align} … \end{align}) off the line,
// and returns the table and the tags, by line, nil where a line has none;
// nil, nil when nodes are no table or no line of it is tagged.
func lineTags(nodes []tex.Node) (*tex.Table, []*tex.Text) {
	for len(nodes) == 1 {
		switch n := nodes[0].(type) {
		case *tex.Group:
			nodes = n.Body
			continue
		case *tex.Table:
			var tags []*tex.Text
			found := false
			for i, row := range n.Rows {
				tags = append(tags, nil)
				if len(row) == 0 {
					continue
				}
				last := len(row) - 1
				if cell, tag := tex.EquationTag(row[last]); tag != nil {
					row[last], tags[i], found = cell, tag, true
				}
			}
			if found {
				return n, tags
			}
		}
		break
	}
	return nil, nil
}

// formulaLabels sets the labels of a formula: its tag, on its baseline,
// and its table's lines' tags, on their lines' (s.lineYs, which setting
// the table gave).
func (s *mathSetter) formulaLabels(tag *tex.Text, tags []*tex.Text, size float64) []formulaLabel {
	var out []formulaLabel
	if tag != nil {
		out = append(out, formulaLabel{box: s.text(tag.Text, false, size, mathOrd)})
	}
	for i, t := range tags {
		if t != nil && i < len(s.lineYs) {
			out = append(out, formulaLabel{box: s.text(t.Text, false, size, mathOrd), y: s.lineYs[i]})
		}
	}
	return out
}
