package layout

import "github.com/galley-pub/galley/export/tex"

// An equation's number is set at the right margin: a displayed formula's
// \tag on its baseline, and the numbers of an align's lines, which
// passes.NumberEquations tags one by one as LaTeX numbers them, each on
// its line's baseline.

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
