package tex

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

// TestInlines: formulas as pandoc's HTML writer sets them without
// MathJax, read here as their plain text (super- and subscripts written
// ^(…) and _(…)), and the commands not known.
func TestInlines(t *testing.T) {
	for _, c := range []struct{ tex, want, unknown string }{
		{`E=mc^2`, "E = mc^(2)", ""},
		{`-x^{2} - 3`, "−x^(2) − 3", ""},
		{`\sin x + \cos(2\theta)`, "sin\u2009x + cos(2θ)", ""},
		{`\frac{a+b}{2}`, "(a + b)/2", ""},
		{`\frac{1}{\sqrt{2}}`, "1/√2", ""},
		{`\sqrt[3]{x+1}`, "^(3)√(x + 1)", ""},
		{`x \in \mathbb{R}, n \to \infty`, "x ∈ ℝ, n → ∞", ""},
		{`\vec{v} \cdot \hat{n}`, "v\u20D7 ⋅ n\u0302", ""},
		{`\sum_{i=1}^{n} i`, "∑_(i = 1)^(n)i", ""},
		{`\left( \frac{x}{y} \right)`, "(x/y)", ""},
		{`a \quad b`, "a\u2003b", ""},
		{`\text{if } x > 0`, "if x > 0", ""},
		{`\begin{pmatrix} a & -b \\ 1 & 0 \end{pmatrix}`, "(a −b; 1 0)", ""},
		{`f(x) = \begin{cases} x & x \ge 0 \\ -x & \text{otherwise} \end{cases}`, "f(x) = {x\u2003x ≥ 0\n−x\u2003otherwise", ""},
		{`\begin{aligned} a &= b + c \\ &= d \end{aligned}`, "a = b + c\n= d", ""},
		{`\begin{tikzcd} A \end{tikzcd}`, `\begin{tikzcd}A\end{tikzcd}`, `\begin{tikzcd} \end{tikzcd}`},
		{`90^\circ + 45^{\circ}`, "90° + 45°", ""},
		{`f^\prime(x)`, "f′(x)", ""},
		{`\mathcal{L} + \mathcal{A} \cdot \mathfrak{g}`, "ℒ + 𝒜 ⋅ 𝔤", ""},
		{`\mathbf{\foo} + \vec{\bar{x}\baz} + \sqrt[\qux]{2}`, "\\foo + x\u0304\\baz\u20D7 + ^(\\qux)√2", `\foo \baz \qux`},
		{`\binom{n}{k} = {n \choose k}`, "C(n, k) = C(n, k)", ""},
		{`\hphantom{=} x \phantom{y}`, "x", ""},
		{`x^`, "x^()", ""},
		{`\frac{1}`, "1/", ""},
		{`{a`, "a", ""},
	} {
		content, unknown := Inlines(c.tex, doc.Pos{})
		if got := texPlain(content); got != c.want {
			t.Errorf("%s: %q, want %q", c.tex, got, c.want)
		}
		if got := strings.Join(unknown, " "); got != c.unknown {
			t.Errorf("%s: unknown %q, want %q", c.tex, got, c.unknown)
		}
	}
}

// texPlain is the text of a formula's nodes, its scripts marked.
func texPlain(ns []doc.Inline) string {
	var b strings.Builder
	for _, n := range ns {
		switch n := n.(type) {
		case *doc.Superscript:
			b.WriteString("^(" + texPlain(n.Content) + ")")
		case *doc.Subscript:
			b.WriteString("_(" + texPlain(n.Content) + ")")
		case *doc.LineBreak:
			b.WriteString("\n")
		default:
			b.WriteString(doc.PlainText([]doc.Inline{n}))
		}
	}
	return b.String()
}
