package epub

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/passes"
)

// mathSource has a formula of each kind the MathML writer knows.
const mathSource = `# Formulas

Energy: $E = mc^2$, and $\alpha_{i} \leq -1$.

$$x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$$

$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$

Inline $\sum_{i=1}^n i$, $\lim_{x \to 0} \frac{\sin x}{x}$, $\vec{v} \cdot \hat{n}$,
$x \in \mathbb{R}$, $\sqrt[3]{x}$, $\mathbf{F} = m\mathbf{a}$, $\Gamma$, $a \, b \! c$,
$\text{if } x > 0$, $\foo$ and $\frac{\sin}{2}$.

$$A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}, \quad |x| = \begin{cases} x & x \ge 0 \\ -x & \text{otherwise} \end{cases}$$

$$\begin{aligned} (a+b)^2 &= a^2 + 2ab + b^2 \\ &\ge 0 \end{aligned}$$

$\binom{n}{k} \boxed{x} \ce{H2O -> H2}$ and $\dfrac{1}{2}$

$$a \hphantom{=} b \vphantom{\frac{1}{2}} \phantom{c} \label{eq:ph}$$

By \eqref{eq:ph}, $x \overset{\eqref{eq:ph}}{=} y$.

\begin{align}
a &= b \label{eq:ab} \\
c &= d \nonumber
\end{align}

$$\underbrace{a+b}_{n} = \textcolor{red}{x} + \colorbox{yellow}{ok} + \underline{y} \\ z % a comment
$$

# Prose

No formula here.
`

// TestMathML: the e-book writes each formula as MathML, its TeX the
// alttext, with the mathml property on the files that hold one, and
// EPUBCheck finds nothing.
func TestMathML(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	var diags diag.List
	d := markdown.Parse("math.md", []byte(mathSource), &diags)
	passes.Run(d, passes.Options{}, &diags)
	files, _ := renderFiles(t, d, Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	chapter := files["chapter-1.xhtml"]
	for _, want := range []string{
		// Identifiers, operators, numbers and a superscript.
		`<span class="math inline"><math xmlns="http://www.w3.org/1998/Math/MathML" alttext="E = mc^2"><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow></math></span>`,
		// A subscript; a minus where an operand is wanted is a prefix.
		`<mrow><msub><mi>α</mi><mi>i</mi></msub><mo>≤</mo><mo form="prefix">−</mo><mn>1</mn></mrow>`,
		// A displayed fraction with a root.
		`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" alttext="x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}"><mrow><mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo><msqrt><mrow><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></mrow></msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac></mrow></math>`,
		// A displayed sum takes its bounds under and over it; inline, beside it.
		`<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>`,
		`<msubsup><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></msubsup>`,
		// A function, applied.
		`<msub><mi>lim</mi><mrow><mi>x</mi><mo>→</mo><mn>0</mn></mrow></msub><mo>` + "\u2061" + `</mo><mfrac><mrow><mi>sin</mi><mo>` + "\u2061" + `</mo><mi>x</mi></mrow><mi>x</mi></mfrac>`,
		// Accents, alphabets, roots with an index, bold, upright capitals, spaces.
		`<mover accent="true"><mi>v</mi><mo>→</mo></mover><mo>⋅</mo><mover accent="true"><mi>n</mi><mo>^</mo></mover>`,
		`<mi>x</mi><mo>∈</mo><mi mathvariant="normal">ℝ</mi>`,
		`<mroot><mi>x</mi><mn>3</mn></mroot>`,
		`<mi mathvariant="bold">F</mi><mo>=</mo><mi>m</mi><mi mathvariant="bold">a</mi>`,
		`alttext="\Gamma"><mi mathvariant="normal">Γ</mi></math>`,
		`<mi>a</mi><mspace width="0.167em"/><mi>b</mi><mspace width="-0.167em"/><mi>c</mi>`,
		// Text, and a command not known, as written.
		`<mtext>if </mtext><mi>x</mi><mo>&#62;</mo><mn>0</mn>`,
		`alttext="\foo"><mtext>\foo</mtext></math>`,
		// A function alone in a fraction's part is a row with its application.
		`<mfrac><mrow><mi>sin</mi><mo>` + "\u2061" + `</mo></mrow><mn>2</mn></mfrac>`,
		// A bar typed is spaced as TeX spaces it, as a letter.
		`<mo lspace="0em" rspace="0em">|</mo><mi>x</mi><mo lspace="0em" rspace="0em">|</mo>`,
		// Braces, colours, underlines, lines.
		`<mtable columnalign="center" displaystyle="true"><mtr><mtd><mrow><munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy="true">⏟</mo></munder><mi>n</mi></munder><mo>=</mo><mstyle mathcolor="#dd0000"><mi>x</mi></mstyle><mo>+</mo><mstyle mathbackground="#ffff00"><mtext>ok</mtext></mstyle><mo>+</mo><munder accentunder="true"><mi>y</mi><mo>_</mo></munder></mrow></mtd></mtr><mtr><mtd><mi>z</mi></mtd></mtr></mtable>`,
		// A binomial, a box, chemistry.
		`<mrow><mrow><mo>(</mo><mfrac linethickness="0"><mi>n</mi><mi>k</mi></mfrac><mo>)</mo></mrow><menclose notation="box"><mi>x</mi></menclose><msub><mi mathvariant="normal">H</mi><mn>2</mn></msub><mi mathvariant="normal">O</mi><mo>→</mo><msub><mi mathvariant="normal">H</mi><mn>2</mn></msub></mrow>`,
		// Phantoms: room without ink, \hphantom's without height, \vphantom's without width.
		`<mi>a</mi><mpadded height="0" depth="0"><mphantom><mo>=</mo></mphantom></mpadded><mi>b</mi><mpadded width="0"><mphantom><mfrac><mn>1</mn><mn>2</mn></mfrac></mphantom></mpadded><mphantom><mi>c</mi></mphantom>`,
		// A labelled equation: its number, its anchor, and its references in the text and in a formula.
		`<span id="eq-ph" class="math display"><span class="eqno">(1)</span><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"`,
		`<mphantom><mi>c</mi></mphantom></mrow></math></span>`,
		`<p>By <a href="#eq-ph">(1)</a>, <span class="math inline">`,
		`<mover><mo>=</mo><mtext>(1)</mtext></mover>`,
		// An align's lines numbered one by one: a last column.
		`<mtable columnalign="right left right" displaystyle="true"><mtr><mtd><mi>a</mi></mtd><mtd><mrow><mo>=</mo><mi>b</mi></mrow></mtd><mtd><mspace width="1em"/><mtext>(2)</mtext></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mrow><mo>=</mo><mi>d</mi></mrow></mtd><mtd></mtd></mtr></mtable>`,
		// \dfrac: display style.
		`<mstyle displaystyle="true"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle>`,
		// Environments: a matrix between its brackets, cases, aligned equations.
		`<mrow><mo>(</mo><mtable columnalign="center center"><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable><mo>)</mo></mrow>`,
		`<mrow><mo>{</mo><mtable columnalign="left left" displaystyle="true"><mtr><mtd><mi>x</mi></mtd><mtd><mrow><mi>x</mi><mo>≥</mo><mn>0</mn></mrow></mtd></mtr><mtr><mtd><mrow><mo>−</mo><mi>x</mi></mrow></mtd><mtd><mtext>otherwise</mtext></mtd></mtr></mtable></mrow>`,
		`<mtable columnalign="right left" displaystyle="true"><mtr><mtd><mrow><mo>(</mo><mi>a</mi><mo>+</mo><mi>b</mi><msup><mo>)</mo><mn>2</mn></msup></mrow></mtd>`,
	} {
		if !strings.Contains(chapter, want) {
			t.Errorf("chapter-1.xhtml lacks\n%s", want)
		}
	}
	if strings.Contains(chapter, "<em>") {
		t.Errorf("chapter-1.xhtml has the formulas' text (<em>) besides their MathML")
	}
	opf := files["package.opf"]
	if !strings.Contains(opf, `href="chapter-1.xhtml" media-type="application/xhtml+xml" properties="mathml"/>`) {
		t.Errorf("the package does not give chapter-1.xhtml the mathml property:\n%s", opf)
	}
	if !strings.Contains(opf, `href="chapter-2.xhtml" media-type="application/xhtml+xml"/>`) {
		t.Errorf("the package gives chapter-2.xhtml, with no formula, a property:\n%s", opf)
	}
	out, _ := render(t, d, Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	p := filepath.Join(t.TempDir(), "math.epub")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	epubcheck(t, p)
}
