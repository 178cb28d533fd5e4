package tex

import "testing"

// FuzzParse reads any formula: no panic, and every node a kind the
// package knows (PlainText and Inspect panic on any other).
func FuzzParse(f *testing.F) {
	for _, s := range []string{`x^2`, `\frac{a}{b}`, `\begin{pmatrix} a & b \\ c \end{pmatrix}`, `\left( x \right.`,
		`\ce{SO4^2- + 2H2O <=> X}`, `\textcolor{red}{x} % c`, `a \\ b \newline c`, `\sqrt[3]{\underbrace{x}_{n}}`,
		`}{\begin{cases}`, `\xrightarrow[a]{b} \not\in \binom{n}{k}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		nodes, _ := Parse(src)
		_ = PlainText(nodes)
		Inspect(nodes, func(Node) bool { return true })
	})
}
