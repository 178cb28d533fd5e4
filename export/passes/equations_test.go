package passes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// formulaDoc makes a document of src's lines, a paragraph each: a line
// "$$…$$" is a displayed formula ("$$…$$ #id" one with that id, as the
// reader gives "$$…$$ {#id}"); in any other, "$…$" is an inline
// formula, `…` code, [text](url) a link, and the rest text. A line
// "# text" is a heading with the id "eq-one".
func formulaDoc(src string) *doc.Document {
	d := body()
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		if tex, ok := strings.CutPrefix(line, "$$"); ok {
			tex, id, _ := strings.Cut(tex, "$$ #")
			f := formula(n, strings.TrimSuffix(tex, "$$"), true)
			f.Attr.ID = id
			d.Blocks = append(d.Blocks, p(n, f))
			continue
		}
		if title, ok := strings.CutPrefix(line, "# "); ok {
			d.Blocks = append(d.Blocks, hid(n, 1, title, "eq-one"))
			continue
		}
		var in []doc.Inline
		for j, part := range strings.Split(line, "$") {
			switch {
			case j%2 == 1:
				in = append(in, formula(n, part, false))
			case strings.HasPrefix(part, "`"):
				in = append(in, &doc.Code{Pos: at(n), Value: strings.Trim(part, "`")})
			case strings.HasPrefix(part, "[") && strings.Contains(part, "]("):
				text, url, _ := strings.Cut(strings.TrimSuffix(part[1:], ")"), "](")
				in = append(in, link(n, url, text))
			case part != "":
				in = append(in, txt(n, part))
			}
		}
		d.Blocks = append(d.Blocks, p(n, in...))
	}
	return d
}

// formula is a formula's span, its content the TeX as text (the reader
// sets it; tex.Inlines, tested in package tex).
func formula(n int, tex string, display bool) *doc.Span {
	kind := "inline"
	if display {
		kind = "display"
	}
	return &doc.Span{Pos: at(n), Attr: doc.Attr{Classes: []string{doc.MathClass, kind}, KV: []doc.KV{{Key: doc.TeXKey, Value: tex}}},
		Content: []doc.Inline{txt(n, tex)}}
}

// equationsText renders the document as the cases read it: a line a
// block, a formula as $TeX$ ($$TeX$$#id when displayed with an id, and
// "→ text" after it when its content, as text, changed, an em space as
// a space), a link as
// {text→url}, code as `code`.
func equationsText(d *doc.Document) string {
	var lines []string
	for _, b := range d.Blocks {
		var content []doc.Inline
		switch b := b.(type) {
		case *doc.Paragraph:
			content = b.Content
		case *doc.Heading:
			lines = append(lines, "# "+doc.PlainText(b.Content))
			continue
		}
		var s strings.Builder
		for _, in := range content {
			switch in := in.(type) {
			case *doc.Span:
				tex, display, _ := in.Formula()
				switch {
				case display:
					fmt.Fprintf(&s, "$$%s$$", tex)
					if in.Attr.ID != "" {
						s.WriteString("#" + in.Attr.ID)
					}
				default:
					fmt.Fprintf(&s, "$%s$", tex)
				}
				if plain := strings.ReplaceAll(doc.PlainText(in.Content), "\u2003", " "); plain != tex {
					s.WriteString(" → " + plain)
				}
			case *doc.Link:
				fmt.Fprintf(&s, "{%s→%s}", doc.PlainText(in.Content), in.URL)
			case *doc.Code:
				s.WriteString("`" + in.Value + "`")
			default:
				s.WriteString(doc.PlainText([]doc.Inline{in}))
			}
		}
		lines = append(lines, s.String())
	}
	return strings.Join(lines, "\n")
}

// TestNumberEquations: labelled displayed formulas numbered in order,
// \eqref and \ref set in formulas and in the text, one case a feature.
func TestNumberEquations(t *testing.T) {
	cases := []struct {
		name, src, want, warnings string
	}{
		{"1 a label numbers its formula, which gets an anchor",
			`$$a = b \label{eq:ab}$$`,
			`$$a = b \label{eq:ab} \tag{1}$$#eq-ab → a = b (1)`, ""},
		{"2 only labelled displays are numbered, in order",
			"$$x \\label{first}$$\n$$y$$\n$y \\label{inline}$\n$$z \\label{second}$$",
			"$$x \\label{first} \\tag{1}$$#first → x (1)\n$$y$$\n$y \\label{inline}$\n$$z \\label{second} \\tag{2}$$#second → z (2)", ""},
		{"3 references in the text are links, \\eqref's in parentheses",
			"$$x \\label{eq:x}$$\nBy \\eqref{eq:x} and equation \\ref{eq:x}, so.",
			"$$x \\label{eq:x} \\tag{1}$$#eq-x → x (1)\nBy {(1)→#eq-x} and equation {1→#eq-x}, so.", ""},
		{"4 a reference in a formula is its number, as text",
			"$$x \\label{eq:x}$$\n$a \\overset{\\eqref{eq:x}}{=} b \\ref{ eq:x }$",
			"$$x \\label{eq:x} \\tag{1}$$#eq-x → x (1)\n$a \\overset{\\text{(1)}}{=} b \\text{1}$ → a = (1)b1", ""},
		{"5 a reference before its label",
			"See \\eqref{later}.\n$$y \\label{later}$$",
			"See {(1)→#later}.\n$$y \\label{later} \\tag{1}$$#later → y (1)", ""},
		{"6 an unknown label: a warning; as written in the text, (??) in a formula",
			"$$x \\label{a}$$\nBy \\eqref{b}, $\\eqref{c}$.",
			"$$x \\label{a} \\tag{1}$$#a → x (1)\nBy \\eqref{b}, $\\text{(??)}$ → (??).",
			`t.md:2:1: warning: no displayed formula is labelled "b": \eqref{b} is printed as written|t.md:2:1: warning: no displayed formula has \label{c}: \eqref{c} prints "(??)"`},
		{"7 a formula's own tag is what its labels print; it takes no number",
			"$$x \\tag{A} \\label{a}$$\n$$y \\label{b}$$\n\\eqref{a} \\eqref{b}",
			"$$x \\tag{A} \\label{a}$$#a\n$$y \\label{b} \\tag{1}$$#b → y (1)\n{(A)→#a} {(1)→#b}", ""},
		{"8 a label given twice: a warning, its references to the first",
			"$$x \\label{a}$$\n$$y \\label{a}$$\n\\ref{a}",
			"$$x \\label{a} \\tag{1}$$#a → x (1)\n$$y \\label{a} \\tag{2}$$#a-1 → y (2)\n{1→#a}",
			`t.md:2:1: warning: \label{a} is given again (first at t.md:1:1): its references are to the first`},
		{"9 the anchor keeps clear of the ids in use",
			"# Intro\n$$x \\label{eq:one}$$\n\\eqref{eq:one}",
			"# Intro\n$$x \\label{eq:one} \\tag{1}$$#eq-one-1 → x (1)\n{(1)→#eq-one-1}", ""},
		{"10 two labels of one formula name its one number",
			"$$x \\label{p} \\\\ y \\label{q}$$\n\\ref{p} \\ref{q}",
			"$$x \\label{p} \\\\ y \\label{q} \\tag{1}$$#p → x y (1)\n{1→#p} {1→#p}", ""},
		{"11 code and links are left alone",
			"$$x \\label{a}$$\n`\\eqref{a}`\n[see \\eqref{a}](https://example.org)",
			"$$x \\label{a} \\tag{1}$$#a → x (1)\n`\\eqref{a}`\n{see \\eqref{a}→https://example.org}", ""},
		{"12 no label, no reference: nothing changes",
			"$$x^2$$\ntext $y$",
			"$$x^2$$\ntext $y$", ""},
		{"13 Quarto's and pandoc-crossref's labels and references",
			"$$x$$ #eq-x\n$$y$$ #eq:y\n$$z$$ #other\nSee @eq-x, [@eq:y] and -@eq-x; @eq-none; me@eq-x.org; @other.",
			"$$x \\tag{1}$$#eq-x → x (1)\n$$y \\tag{2}$$#eq:y → y (2)\n$$z$$#other\nSee {(1)→#eq-x}, {(2)→#eq:y} and {1→#eq-x}; @eq-none; me@eq-x.org; @other.",
			`t.md:4:1: warning: no displayed formula is labelled "eq-none": @eq-none is printed as written`},
		{"14 the environments LaTeX numbers are numbered without a label; starred ones, and ones of \\nonumber lines, are not",
			"$$\\begin{equation} a \\end{equation}$$\n$$\\begin{equation*} b \\end{equation*}$$\n$$\\begin{align} c \\\\ d \\nonumber \\end{align}$$\n" +
				"$$\\begin{align} e \\nonumber \\\\ f \\notag \\\\ \\end{align}$$\n$$\\begin{gather} g \\label{g} \\end{gather}$$\n\\ref{g}",
			"$$\\begin{equation} a \\end{equation} \\tag{1}$$ → a (1)\n$$\\begin{equation*} b \\end{equation*}$$\n" +
				"$$\\begin{align} c  \\tag{2} \\\\ d \\nonumber \\end{align}$$ → c (2) d\n$$\\begin{align} e \\nonumber \\\\ f \\notag \\\\ \\end{align}$$\n" +
				"$$\\begin{gather} g \\label{g}  \\tag{3} \\end{gather}$$#g → g (3)\n{3→#g}", ""},
		{"15 bookdown's labels and references",
			"$$\\begin{equation} x (\\#eq:x) \\end{equation}$$\nSee \\@ref(eq:x), @ref(eq:x) and (\\@ref(eq:y)).",
			"$$\\begin{equation} x  \\end{equation} \\tag{1}$$#eq-x → x (1)\nSee {1→#eq-x}, {1→#eq-x} and (\\@ref(eq:y)).",
			`t.md:2:1: warning: no displayed formula is labelled "eq:y": \@ref(eq:y) is printed as written`},
		{"16 an align's lines are numbered each, their labels theirs; a \\\\ in braces or an inner environment ends no line",
			"$$\\begin{align} a &= {b \\\\ c} \\label{first} \\\\ d &= \\begin{cases} e \\\\ f \\end{cases} \\label{second} \\\\[2pt] \\end{align}$$\n\\eqref{first} \\eqref{second}",
			"$$\\begin{align} a &= {b \\\\ c} \\label{first}  \\tag{1} \\\\ d &= \\begin{cases} e \\\\ f \\end{cases} \\label{second}  \\tag{2} \\\\[2pt] \\end{align}$$#first → a = b c (1) d = {e f (2)\n{(1)→#first} {(2)→#first}", ""},
		{"17 MyST's empty link to a label is its number in parentheses; a link with text keeps it",
			"$$x \\label{eq:arbi}$$\n[](eq:arbi)\n[](#eq:arbi)\n[text](#eq:arbi)",
			"$$x \\label{eq:arbi} \\tag{1}$$#eq-arbi → x (1)\n{(1)→#eq-arbi}\n{(1)→#eq-arbi}\n{text→#eq:arbi}", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := formulaDoc(c.src)
			var diags diag.List
			NumberEquations(d, &diags)
			if got := equationsText(d); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			if got := warningText(&diags); got != c.warnings {
				t.Errorf("warnings\n%s\nwant\n%s", got, c.warnings)
			}
			NumberEquations(d, &diag.List{}) // again: nothing more
			if got := equationsText(d); got != c.want {
				t.Errorf("a second run changed it:\n%s", got)
			}
		})
	}
}

// TestEquationsByChapter: in a book whose chapters are numbered
// (doc.ChapterNumberKey), a numbered chapter's equations are numbered
// from 1 after the chapter's number, lines of an align each; an
// unnumbered chapter's run on; references print those numbers.
func TestEquationsByChapter(t *testing.T) {
	chapter := func(n int, title, number string) *doc.Heading {
		x := h(n, 1, title)
		if number != "" {
			x.Attr.Set(doc.ChapterNumberKey, number)
		}
		return x
	}
	d := body(
		chapter(1, "Preface", ""), p(2, formula(2, `a \label{eq:a}`, true)),
		chapter(3, "2. Two", "2"), p(4, formula(4, `b \label{eq:b}`, true)), p(5, formula(5, `\begin{align} c \label{eq:c} \\ d \end{align}`, true)),
		chapter(6, "3. Three", "3"), p(7, formula(7, `e \label{eq:e}`, true)),
		p(8, txt(8, `See \eqref{eq:a}, \eqref{eq:b}, \eqref{eq:c}, \ref{eq:e}.`)))
	var diags diag.List
	NumberEquations(d, &diags)
	got := equationsText(d)
	for _, want := range []string{`\tag{1}`, `\tag{2.1}`, `\tag{2.2}`, `\tag{2.3}`, `\tag{3.1}`,
		"See {(1)→#eq-a}, {(2.1)→#eq-b}, {(2.2)→#eq-c}, {3.1→#eq-e}."} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in\n%s", want, got)
		}
	}
	if diags.Len() != 0 {
		t.Errorf("warnings %v", diags.Items())
	}
}

// TestMayReference: every text refInText matches passes mayReference, the
// cheap test before it, and prose with none of its starts does not.
func TestMayReference(t *testing.T) {
	for i, tc := range []struct {
		text string
		may  bool
	}{
		{`see \eqref{eq:mass}`, true},
		{`see \ref {eq:mass}`, true},
		{`as @eq-mass shows`, true},
		{`[-@eq:mass]`, true},
		{`(\@ref(eq:mass))`, true},
		{`@ref(eq:mass)`, true},
		{`the reference and preferred refs`, false},
		{`mail me@example.org`, false},
		{`a \emph{b} and @reference`, false},
		{``, false},
	} {
		if got := mayReference(tc.text); got != tc.may {
			t.Errorf("%d: mayReference(%q) = %v, want %v", i, tc.text, got, tc.may)
		}
		if refInText.MatchString(tc.text) && !mayReference(tc.text) {
			t.Errorf("%d: refInText matches %q, which mayReference passes over", i, tc.text)
		}
	}
}

// FuzzMayReference: no text that refInText (or a formula that refCommand)
// matches is passed over.
func FuzzMayReference(f *testing.F) {
	for _, s := range []string{`\eqref{a}`, `@eq-a1`, `\@ref(eq:a)`, `ref`, `@e`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if refInText.MatchString(s) && !mayReference(s) {
			t.Errorf("refInText matches %q, which mayReference passes over", s)
		}
		if refCommand.MatchString(s) && !mayRefCommand(s) {
			t.Errorf("refCommand matches %q, which mayRefCommand passes over", s)
		}
	})
}
