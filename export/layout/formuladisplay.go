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
// wider than the column smaller, down to minFormulaScale. A table of
// lines wider still (a long derivation, \begin{align}) is set a line to
// a row, all its lines at the size the widest needs, without their
// alignment. It reports false, having set nothing, when the formula is
// wider still.
func (f *flow) formula(n *doc.Span) bool {
	src, _, _ := n.Formula()
	nodes, _ := tex.Parse(src) // the reader warned of what it does not know
	rows := f.displayRows(n, []display{newDisplay(nodes)}, 0)
	if rows == nil {
		nodes, _ = tex.Parse(src) // again: newDisplay took its lines' numbers off
		lines := tableLines(nodes)
		if len(lines) < 2 {
			return false
		}
		scale := 1.0
		for _, l := range lines {
			scale = min(scale, f.displayScale(l))
		}
		if scale < minFormulaScale {
			return false
		}
		if rows = f.displayRows(n, lines, scale); rows == nil {
			return false
		}
	}
	if n.Attr.ID != "" { // a numbered equation's: \eqref's links go to it
		rows[0].ext().anchors = append(rows[0].ext().anchors, n.Attr.ID)
	}
	for _, row := range rows {
		f.add(row)
	}
	return true
}

// display is a displayed formula's nodes, parsed, with its numbers taken
// off: its \tag, or its table's lines'.
type display struct {
	nodes []tex.Node
	tag   *tex.Text
	table *tex.Table  // the table whose lines are numbered
	tags  []*tex.Text // their numbers
}

// newDisplay takes a formula's numbers off its nodes.
func newDisplay(nodes []tex.Node) display {
	d := display{}
	d.nodes, d.tag = tex.EquationTag(nodes)
	if d.tag == nil {
		d.table, d.tags = lineTags(d.nodes)
	}
	return d
}

// tableLines returns the lines of the table of lines that nodes are
// (alone or in a group, without brackets: aligned equations), each a
// display of its own; nil for any other nodes.
func tableLines(nodes []tex.Node) []display {
	t := soleTable(nodes)
	if t == nil || !t.Lines || t.Open != "" || t.Close != "" {
		return nil
	}
	var out []display
	for _, row := range t.Rows {
		line := *t
		line.Rows = [][][]tex.Node{row}
		out = append(out, newDisplay([]tex.Node{&line}))
	}
	return out
}

// soleTable returns the table that nodes are, alone or in groups
// (\begin{align} … \end{align}), or nil.
func soleTable(nodes []tex.Node) *tex.Table {
	for len(nodes) == 1 {
		switch n := nodes[0].(type) {
		case *tex.Group:
			nodes = n.Body
		case *tex.Table:
			return n
		default:
			return nil
		}
	}
	return nil
}

// displayScale returns the scale a display needs to fit the column
// beside its numbers: 1 when it fits at the body's size.
func (f *flow) displayScale(d display) float64 {
	s := &mathSetter{m: f.e.m, family: f.body.font.Family, size: f.body.size, numbered: d.table}
	b := s.row(d.nodes, 0)
	_, fits := f.labelRoom(s, d)
	if b.w <= fits || b.w <= 0 {
		return 1
	}
	return fits / b.w
}

// labelRoom returns the width of the widest of a display's numbers, set
// by s, and the room the column leaves the display beside them.
func (f *flow) labelRoom(s *mathSetter, d display) (labelW, fits float64) {
	for _, l := range s.formulaLabels(d.tag, d.tags, f.body.size) {
		labelW = max(labelW, l.box.w)
	}
	if labelW > 0 {
		return labelW, f.w - labelW - f.body.size
	}
	return 0, f.w
}

// displayRows sets displays, a row each: at scale times the body's size
// when scale is not 0, else at the body's size, or smaller to fit, down
// to minFormulaScale. It returns nil when one does not fit.
func (f *flow) displayRows(n *doc.Span, ds []display, scale float64) []*vrow {
	var rows []*vrow
	for _, d := range ds {
		s := &mathSetter{m: f.e.m, family: f.body.font.Family, size: f.body.size, numbered: d.table}
		if scale > 0 {
			s.size *= scale
		}
		b := s.row(d.nodes, 0)
		labelW, fits := f.labelRoom(s, d)
		labelled := labelW > 0
		if b.w > fits && b.w*minFormulaScale <= fits && scale == 0 {
			// A little too wide: smaller, as an author would make it with \small.
			s.size *= fits / b.w
			for b = s.row(d.nodes, 0); b.w > fits && s.size > f.body.size*minFormulaScale; b = s.row(d.nodes, 0) {
				s.size *= 0.98 // a little more: sizes do not scale widths quite in proportion (rules, minimum gaps)
			}
		}
		for scale > 0 && b.w > fits && s.size > f.body.size*minFormulaScale { // a common scale, a little short for this line
			s.size *= 0.98
			b = s.row(d.nodes, 0)
		}
		x := f.x + (f.w-b.w)/2
		switch room := f.w - b.w; {
		case b.w <= 0 || room < -0.01:
			return nil
		case labelled && room < labelW+f.body.size-0.01: // no room for its labels beside it (a hundredth of a point: set to fit exactly)
			return nil
		case labelled && room < 2*(labelW+f.body.size): // no room beside it centred: left of its labels
			x = f.x + f.w - labelW - f.body.size - b.w
		}
		labels := s.formulaLabels(d.tag, d.tags, f.body.size) // on the lines of the formula as last set
		labelH, labelD := 0.0, 0.0
		for _, l := range labels {
			labelH, labelD = max(labelH, l.box.h+l.y), max(labelD, l.box.d-l.y)
		}
		pad := 0.3 * f.body.size
		baseline := pad + max(b.h, labelH)
		items := placeFormula(make([]Item, 0, len(b.parts)+len(labels)), &b, n, x, baseline, f.body.color, f.e)
		for _, l := range labels {
			items = placeFormula(items, &l.box, n, f.x+f.w-l.box.w, baseline-l.y, f.body.color, f.e)
		}
		rows = append(rows, &vrow{h: baseline + max(b.d, labelD) + pad, baseline: baseline, items: items})
	}
	return rows
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
	t := soleTable(nodes)
	if t == nil {
		return nil, nil
	}
	if tags := tex.LineTags(t); tags != nil {
		return t, tags
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
