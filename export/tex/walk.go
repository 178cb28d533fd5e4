package tex

import "fmt"

// Inspect calls f for each node of ns and, where f returns true, for
// the nodes inside it, depth first in the order the formula reads: a
// script's base before its subscript and superscript, a fraction's
// numerator before its denominator, a root's index before its radicand,
// a table's cells row by row. It panics on a node kind it does not know.
func Inspect(ns []Node, f func(Node) bool) {
	for _, n := range ns {
		if !f(n) {
			continue
		}
		switch n := n.(type) {
		case *Atom, *Text, *Unknown:
		case *Script:
			if n.Base != nil {
				Inspect([]Node{n.Base}, f)
			}
			Inspect(n.Sub, f)
			Inspect(n.Sup, f)
		case *Frac:
			Inspect(n.Num, f)
			Inspect(n.Den, f)
		case *Root:
			Inspect(n.Index, f)
			Inspect(n.Radicand, f)
		case *Style:
			Inspect(n.Body, f)
		case *Boxed:
			Inspect(n.Body, f)
		case *Phantom:
			Inspect(n.Body, f)
		case *Bold:
			Inspect(n.Body, f)
		case *Accent:
			Inspect(n.Body, f)
		case *Brace:
			Inspect(n.Body, f)
		case *Color:
			Inspect(n.Body, f)
		case *Group:
			Inspect(n.Body, f)
		case *Table:
			for _, row := range n.Rows {
				for _, cell := range row {
					Inspect(cell, f)
				}
			}
		default:
			panic(fmt.Sprintf("tex: Inspect: unexpected node %T", n))
		}
	}
}

// HasColor reports whether a formula colours any of its parts (\color,
// \textcolor, \colorbox).
func HasColor(ns []Node) bool {
	found := false
	Inspect(ns, func(n Node) bool {
		if _, ok := n.(*Color); ok {
			found = true
		}
		return !found
	})
	return found
}

// EquationTag takes a displayed formula's \tag label off its nodes (the
// last of them, with the space before it), to be set at the right
// margin, as LaTeX sets an equation's number; nil when it has none.
func EquationTag(nodes []Node) ([]Node, *Text) {
	k := len(nodes) - 1
	if k < 0 {
		return nodes, nil
	}
	if g, ok := nodes[0].(*Group); ok && k == 0 { // \begin{equation} … \tag{1} \end{equation}
		inner, tag := EquationTag(g.Body)
		if tag != nil {
			return []Node{&Group{Body: inner}}, tag
		}
	}
	t, ok := nodes[k].(*Text)
	if !ok || !t.Tag {
		return nodes, nil
	}
	nodes = nodes[:k]
	if k > 0 {
		if a, ok := nodes[k-1].(*Atom); ok && a.Kind == Space {
			nodes = nodes[:k-1]
		}
	}
	return nodes, t
}

// LineTags takes the \tag that ends each line of table t off the line
// (passes.NumberEquations tags an align's lines one by one, as LaTeX
// numbers them), and returns the tags by line, nil where a line has
// none; nil when no line has one.
func LineTags(t *Table) []*Text {
	tags := make([]*Text, len(t.Rows))
	found := false
	for i, row := range t.Rows {
		if len(row) == 0 {
			continue
		}
		last := len(row) - 1
		if cell, tag := EquationTag(row[last]); tag != nil {
			row[last], tags[i], found = cell, tag, true
		}
	}
	if !found {
		return nil
	}
	return tags
}
