package tex

import (
	"fmt"
	"strings"
	"testing"
)

// TestParse reads formulas into trees, written here as S-expressions:
// atoms as kind:text (an italic one with a *, a large one with a !, an
// applied function with a >, a \left or \right bracket with a ~), the
// other nodes as (kind parts…).
func TestParse(t *testing.T) {
	for i, c := range []struct{ tex, want, unknown string }{
		{`E=mc^2`, `ident:E* rel:= ident:m* (script ident:c* sup[num:2])`, ""},
		{`3.14 + 10.`, `num:3.14 op:+ num:10 sym:.`, ""},
		{`-x_i^{2}`, `op:− (script ident:x* sub[ident:i*] sup[num:2])`, ""},
		{`\alpha \Gamma \leq \infty`, `ident:α* ident:Γ rel:≤ sym:∞`, ""},
		{`\sin x + \cos(2\theta)`, `func:sin> ident:x* op:+ func:cos open:( num:2 ident:θ* close:)`, ""},
		{`\frac{a+b}{2}`, `(frac [ident:a* op:+ ident:b*] [num:2])`, ""},
		{`\sqrt[3]{x} \sqrt{2}`, `(root [num:3] [ident:x*]) (root [] [num:2])`, ""},
		{`\sum_{i=1}^{n} i`, `(script sym:∑! sub[ident:i* rel:= num:1] sup[ident:n*]) ident:i*`, ""},
		{`\lim_{x \to 0}`, `(script func:lim! sub[ident:x* rel:→ num:0])`, ""},
		{`\left. \frac{x}{y} \right|`, `(frac [ident:x*] [ident:y*]) sym:|~`, ""},
		{`\left\langle x \right) (`, `open:⟨~ ident:x* close:)~ open:(`, ""},
		{`\langle a, b \rangle`, `open:⟨ ident:a* punct:, ident:b* close:⟩`, ""},
		{`a \, b \quad c`, `ident:a* space:` + "\u2009" + ` ident:b* space:` + "\u2003" + ` ident:c*`, ""},
		{`\text{if } x \mathit{ab}`, `(text "if ") ident:x* (text* "ab")`, ""},
		{`\mathbb{R} \mathcal{L} \mathbf{v}`, `ident:ℝ ident:ℒ (bold ident:v*)`, ""},
		{`{\rm Var} {\bf x} {\rm d}x {\it y}`, `(group (text "Var")) (group (bold ident:x*)) (group (text "d")) ident:x* (group ident:y*)`, ""},
		{`\vec{v} \hat n`, `(accent → ident:v*) (accent ^ ident:n*)`, ""},
		{`{a}^2`, `(script (group ident:a*) sup[num:2])`, ""},
		{`x^\frac{1}{2}`, `(script ident:x* sup[(frac [num:1] [num:2])])`, ""},
		{`x^23`, `(script ident:x* sup[num:2]) num:3`, ""},
		{`^2 x_`, `(script sup[num:2]) (script ident:x* sub[])`, ""},
		{`\foo + \begin{tikzcd} a \end{tikzcd}`, `(unknown \foo) op:+ (unknown \begin{tikzcd}) ident:a* (unknown \end{tikzcd})`, `\foo \begin{tikzcd} \end{tikzcd}`},
		{`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`, `(table pmatrix ( ) c [ident:a*|ident:b*] [ident:c*|ident:d*])`, ""},
		{`\begin{cases} x & x \ge 0 \\[2pt] -x & \text{otherwise} \\ \end{cases}`,
			`(table cases { _ l lines [ident:x*|ident:x* rel:≥ num:0] [op:− ident:x*|(text "otherwise")])`, ""},
		{`\begin{aligned} x &= \frac{1}{2} \\ &= {a & b} \end{aligned}`,
			`(table aligned _ _ rl lines [ident:x*|rel:= (frac [num:1] [num:2])] [|rel:= (group ident:a* ident:b*)])`, ""},
		{`\begin{array}{|l|r|} 1 & \begin{matrix} 2 & 3 \\ 4 \end{matrix} \end{array}`,
			`(table array _ _ lr [num:1|(table matrix _ _ c [num:2|num:3] [num:4])])`, ""},
		{`\begin{bmatrix} 1`, `(table bmatrix [ ] c [num:1])`, ""},
		{"a % a comment } \\frac\n+ 50\\%", `ident:a* op:+ num:50 sym:%`, ""},
		{`a = 1 \\ b = 2 \newline c`, `(table  _ _ c lines [ident:a* rel:= num:1] [ident:b* rel:= num:2] [ident:c*])`, ""},
		{`\underbrace{a+b}_{n} \overbrace{c}^2 \underline{d}`,
			`(script (underbrace ident:a* op:+ ident:b*) sub[ident:n*]) (script (overbrace ident:c*) sup[num:2]) (underaccent _ ident:d*)`, ""},
		{`\textcolor{red}{x} {\color{#00f} y z} \colorbox{yellow}{ok} \color{nocolour} w`,
			`(color red ident:x*) (group (color #00f ident:y* ident:z*)) (colorbox yellow (text "ok")) (color nocolour ident:w*)`, `colour "nocolour"`},
		{`\binom{n}{k} \boxed{x=1}`, `(binom [ident:n*] [ident:k*]) (boxed ident:x* rel:= num:1)`, ""},
		{`\overset{!}{=} \underset{x}{\max} \xrightarrow[T]{\Delta}`, `(script rel:= sup[sym:!] limits) (script func:max! sub[ident:x*] limits) (script rel:→~ sub[ident:T*] sup[ident:Δ] limits)`, ""},
		{`a \not= b \not\in C \not\prec d`, `ident:a* rel:≠ ident:b* rel:∉ ident:C* rel:⊀ ident:d*`, ""},
		{`\begin{equation} E = mc^2 \tag{1} \label{eq:e} \end{equation}`, `(group ident:E* rel:= ident:m* (script ident:c* sup[num:2]) space:  (tag "(1)"))`, ""},
		{`\operatorname*{argmax}_x f \equiv 1 \pmod{7}`, `(script func:argmax! sub[ident:x*]) ident:f* rel:≡ num:1 space:  open:( func:mod> num:7 close:)`, ""},
		{`\sum_{\substack{i<n \\ j<m}} a_{ij}`, `(script sym:∑! sub[(table  _ _ c [ident:i* rel:< ident:n*] [ident:j* rel:< ident:m*])]) (script ident:a* sub[ident:i* ident:j*])`, ""},
		{`\overrightarrow{AB} \hspace{1cm} \nonumber`, `(wideaccent → ident:A* ident:B*) space: `, ""},
		{`\ce{2H2 + O2 -> 2H2O}`, `num:2 (script ident:H sub[num:2]) op:+ (script ident:O sub[num:2]) rel:→~ num:2 (script ident:H sub[num:2]) ident:O`, ""},
		{`\ce{Na+ + Cl- <=> NaCl(s)}`, `(script ident:Na sup[(text "+")]) op:+ (script ident:Cl sup[(text "−")]) rel:⇌ ident:Na ident:Cl (text "(s)")`, ""},
		{`\ce{SO4^2- + Fe^{3+} CuSO4.5H2O}`, `ident:S (script ident:O sub[num:4] sup[(text "2−")]) op:+ (script ident:Fe sup[(text "3+")]) ident:Cu ident:S (script ident:O sub[num:4]) op:⋅ num:5 (script ident:H sub[num:2]) ident:O`, ""},
		{`\dfrac{1}{2} \tfrac{a}{b} {\displaystyle \sum_i x} y`, `(display (frac [num:1] [num:2])) (textstyle (frac [ident:a*] [ident:b*])) (group (display (script sym:∑! sub[ident:i*]) ident:x*)) ident:y*`, ""},
		{`a \tag{1}`, `ident:a* space:` + "\u2003" + ` (tag "(1)")`, ""},
		{`a \tag*{Pythagoras}`, `ident:a* space:` + "\u2003" + ` (tag "Pythagoras")`, ""},
		{`x \in \R, \LaTeX`, `ident:x* rel:∈ ident:ℝ punct:, (text "LaTeX")`, ""},
		{`{n \choose k} + a \over b`, `(frac [(group (binom [ident:n*] [ident:k*])) op:+ ident:a*] [ident:b*])`, ""},
		{`{a \over b \over c} x^\over`, `(group (frac [ident:a*] [(frac [ident:b*] [ident:c*])])) (script ident:x* sup[(unknown \over)])`, `\over`},
		{`\left( a \middle/ b \right.`, `open:(~ ident:a* sym:/~ ident:b*`, ""},
		{`\Biggl( \bigm| \Biggr) \biggl[ \Bigm\vert`, `open:( sym:| close:) open:[ sym:|`, ""},
		{`\phantom{x} \hphantom{=} \vphantom{\frac{1}{2}}`, `(phantom ident:x*) (hphantom rel:=) (vphantom (frac [num:1] [num:2]))`, ""},
		{`a \eqref{eq:one} \ref{ two }`, `ident:a* (text "(eq:one)") (text " two ")`, ""},
		{`\mu^{\*} f'\'`, `(script ident:μ* sup[op:∗]) ident:f* sym:′ sym:′`, ""},
		{`\frac{1}`, `(frac [num:1] [])`, ""},
		{`{a`, `(group ident:a*)`, ""},
		{`a}`, `ident:a*`, ""},
		{`\`, `(unknown \)`, `\`},
	} {
		nodes, unknown := Parse(c.tex)
		if got := dump(nodes); got != c.want {
			t.Errorf("case %d, %s:\n got %s\nwant %s", i+1, c.tex, got, c.want)
		}
		if got := strings.Join(unknown, " "); got != c.unknown {
			t.Errorf("case %d, %s: unknown %q, want %q", i+1, c.tex, got, c.unknown)
		}
	}
}

// TestPlainText: a formula's text, structure aside.
func TestPlainText(t *testing.T) {
	nodes, _ := Parse(`\frac{a}{b} + \sqrt[3]{x_1} \vec{v}`)
	if got, want := PlainText(nodes), "a/b+3√x1v\u20D7"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

var kindNames = map[Kind]string{Ident: "ident", Number: "num", Binary: "op", Relation: "rel", Open: "open", Close: "close",
	Punct: "punct", Symbol: "sym", Function: "func", Space: "space"}

func dump(ns []Node) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = dumpNode(n)
	}
	return strings.Join(parts, " ")
}

func dumpNode(n Node) string {
	switch n := n.(type) {
	case *Atom:
		s := kindNames[n.Kind] + ":" + n.Text
		if n.Italic {
			s += "*"
		}
		if n.Large {
			s += "!"
		}
		if n.Applied {
			s += ">"
		}
		if n.Stretchy {
			s += "~"
		}
		return s
	case *Script:
		s := "(script"
		if n.Base != nil {
			s += " " + dumpNode(n.Base)
		}
		if n.HasSub {
			s += " sub[" + dump(n.Sub) + "]"
		}
		if n.HasSup {
			s += " sup[" + dump(n.Sup) + "]"
		}
		if n.Limits {
			s += " limits"
		}
		return s + ")"
	case *Frac:
		if n.Binomial {
			return "(binom [" + dump(n.Num) + "] [" + dump(n.Den) + "])"
		}
		return "(frac [" + dump(n.Num) + "] [" + dump(n.Den) + "])"
	case *Boxed:
		return "(boxed " + dump(n.Body) + ")"
	case *Phantom:
		kind := "phantom"
		switch {
		case !n.Height:
			kind = "hphantom"
		case !n.Width:
			kind = "vphantom"
		}
		return "(" + kind + " " + dump(n.Body) + ")"
	case *Style:
		if n.Display {
			return "(display " + dump(n.Body) + ")"
		}
		return "(textstyle " + dump(n.Body) + ")"
	case *Root:
		return "(root [" + dump(n.Index) + "] [" + dump(n.Radicand) + "])"
	case *Bold:
		return "(bold " + dump(n.Body) + ")"
	case *Accent:
		if n.Wide {
			return "(wideaccent " + n.Spacing + " " + dump(n.Body) + ")"
		}
		if n.Under {
			return "(underaccent " + n.Spacing + " " + dump(n.Body) + ")"
		}
		return "(accent " + n.Spacing + " " + dump(n.Body) + ")"
	case *Brace:
		if n.Over {
			return "(overbrace " + dump(n.Body) + ")"
		}
		return "(underbrace " + dump(n.Body) + ")"
	case *Color:
		if n.Ground {
			return "(colorbox " + n.Name + " " + dump(n.Body) + ")"
		}
		return "(color " + n.Name + " " + dump(n.Body) + ")"
	case *Text:
		if n.Tag {
			return fmt.Sprintf("(tag %q)", n.Text)
		}
		if n.Italic {
			return fmt.Sprintf("(text* %q)", n.Text)
		}
		return fmt.Sprintf("(text %q)", n.Text)
	case *Group:
		return "(group " + dump(n.Body) + ")"
	case *Table:
		s := "(table " + n.Env + " " + or(n.Open) + " " + or(n.Close) + " " + n.Align
		if n.Lines {
			s += " lines"
		}
		for _, row := range n.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = dump(c)
			}
			s += " [" + strings.Join(cells, "|") + "]"
		}
		return s + ")"
	case *Unknown:
		return "(unknown " + n.Name + ")"
	}
	return fmt.Sprintf("(? %T)", n)
}

// or is s, or _ for none.
func or(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// TestDrawnRGB: an ink is darkened, its hue kept, until it reads at
// 4.5:1 on the palest grounds a formula is set on (#f3eff8); a dark ink
// and a ground are drawn as named.
func TestDrawnRGB(t *testing.T) {
	for _, c := range []struct {
		color Color
		want  [3]uint8
	}{
		{Color{Name: "red"}, [3]uint8{0xdd, 0, 0}},
		{Color{Name: "#0000ff"}, [3]uint8{0, 0, 0xff}},
		{Color{Name: "black"}, [3]uint8{0, 0, 0}},
		{Color{Name: "yellow", Ground: true}, [3]uint8{0xff, 0xff, 0}},
	} {
		r, g, b, ok := c.color.DrawnRGB()
		if !ok || [3]uint8{r, g, b} != c.want {
			t.Errorf("%+v: #%02x%02x%02x, want #%02x%02x%02x", c.color, r, g, b, c.want[0], c.want[1], c.want[2])
		}
		if !c.color.Ground {
			if ratio := (readableGround + 0.05) / (luminance(r, g, b) + 0.05); ratio < 4.5 {
				t.Errorf("%+v: contrast %.2f on the palest ground, want 4.5 or more", c.color, ratio)
			}
		}
	}
}
