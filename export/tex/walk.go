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
