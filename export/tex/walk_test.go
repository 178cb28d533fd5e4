package tex

import (
	"strings"
	"testing"
)

// TestInspect: every node is visited once, in reading order, and a false
// from f skips what is inside a node.
func TestInspect(t *testing.T) {
	nodes, _ := Parse(`\frac{a}{\sqrt[n]{b}} + x_i^{\textcolor{red}{c}} \begin{pmatrix} d & e \\ f \end{pmatrix}`)
	var seen []string
	Inspect(nodes, func(n Node) bool {
		if a, ok := n.(*Atom); ok {
			seen = append(seen, a.Text)
		}
		return true
	})
	if got, want := strings.Join(seen, " "), "a n b + x i c d e f"; got != want {
		t.Errorf("atoms in order: %q, want %q", got, want)
	}
	var outer []string
	Inspect(nodes, func(n Node) bool {
		if a, ok := n.(*Atom); ok {
			outer = append(outer, a.Text)
		}
		_, frac := n.(*Frac)
		return !frac
	})
	if strings.Contains(strings.Join(outer, " "), "a") {
		t.Errorf("a fraction's parts were visited though f returned false: %q", outer)
	}
	for src, want := range map[string]bool{`x^{\color{blue} 2}`: true, `\colorbox{yellow}{y}`: true, `\frac{a}{b}`: false, `\text{red}`: false} {
		nodes, _ := Parse(src)
		if got := HasColor(nodes); got != want {
			t.Errorf("HasColor(%s) = %v, want %v", src, got, want)
		}
	}
}
