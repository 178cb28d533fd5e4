package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/tex"
	"github.com/galley-pub/galley/fonts"
)

// layoutFormula lays out a paragraph that is the displayed formula tex
// (its text, for a formula set as text, the TeX itself) and returns the
// span and the items of the first page that set it.
func layoutFormula(t *testing.T, tex string) (*doc.Span, []*Text, []*Line) {
	t.Helper()
	span := &doc.Span{Attr: doc.Attr{Classes: []string{"math", "display"}, KV: []doc.KV{{Key: "tex", Value: tex}}},
		Content: []doc.Inline{&doc.Text{Value: tex}}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Before."}}},
		&doc.Paragraph{Content: []doc.Inline{span}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "After."}}},
	}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var texts []*Text
	var lines []*Line
	for _, it := range textItems(out.Pages[0].Items) {
		switch it := it.(type) {
		case *Text:
			if it.Src == span {
				texts = append(texts, it)
			}
		case *Line:
			if it.Src == span {
				lines = append(lines, it)
			}
		}
	}
	return span, texts, lines
}

// formulaText returns the formula's text item that is s.
func formulaText(t *testing.T, texts []*Text, s string) *Text {
	t.Helper()
	for _, x := range texts {
		if x.Text == s {
			return x
		}
	}
	var got []string
	for _, x := range texts {
		got = append(got, x.Text)
	}
	t.Fatalf("no text %q in the formula's %q", s, got)
	return nil
}

// TestFormulaFraction: a displayed fraction is stacked, its parts
// centred over and under a bar above the baseline, the formula centred
// in the text block, every item tagged as the formula's.
func TestFormulaFraction(t *testing.T) {
	_, texts, lines := layoutFormula(t, `x = \frac{a+b}{2}`)
	if len(lines) != 1 {
		t.Fatalf("%d rules, want the fraction's bar", len(lines))
	}
	bar := lines[0]
	x, a, b, two := formulaText(t, texts, "x"), formulaText(t, texts, "a"), formulaText(t, texts, "b"), formulaText(t, texts, "2")
	if !(a.Y < bar.Y1 && bar.Y1 < x.Y && x.Y < two.Y) {
		t.Errorf("numerator %.1f, bar %.1f, baseline %.1f, denominator %.1f: want them in that order down the page", a.Y, bar.Y1, x.Y, two.Y)
	}
	mid := (bar.X1 + bar.X2) / 2
	if num := (a.X + b.X + b.Width) / 2; math.Abs(num-mid) > 1 {
		t.Errorf("the numerator's middle is at %.1f, the bar's at %.1f", num, mid)
	}
	if den := two.X + two.Width/2; math.Abs(den-mid) > 1 {
		t.Errorf("the denominator's middle is at %.1f, the bar's at %.1f", den, mid)
	}
	g := newGeometry(A4())
	left, right := x.X, bar.X2
	if c := (left + right) / 2; math.Abs(c-(g.left+g.right)/2) > 1 {
		t.Errorf("the formula runs %.1f–%.1f, not centred in the text block %.1f–%.1f", left, right, g.left, g.right)
	}
}

// TestFormulaScriptsAndLimits: scripts raised and lowered, smaller; a
// displayed sum's bounds over and under it; a root's sign drawn with
// rules over its radicand.
func TestFormulaScriptsAndLimits(t *testing.T) {
	_, texts, lines := layoutFormula(t, `\sum_{i=1}^{n} x_i^2 = \sqrt{y}`)
	sum, n, i := formulaText(t, texts, "∑"), formulaText(t, texts, "n"), formulaText(t, texts, "i")
	if !(n.Y < sum.Y-sum.Size*0.5 && i.Y > sum.Y) {
		t.Errorf("∑ at %.1f, its bounds at %.1f and %.1f: want n over it and i under it", sum.Y, n.Y, i.Y)
	}
	if c, cn := sum.X+sum.Width/2, n.X+n.Width/2; math.Abs(c-cn) > 1 {
		t.Errorf("n's middle %.1f is not over ∑'s %.1f", cn, c)
	}
	x, two := formulaText(t, texts, "x"), formulaText(t, texts, "2")
	if !(two.Y < x.Y && two.Size < x.Size && two.X >= x.X+x.Width) {
		t.Errorf("x at %.1f (size %.1f), its square at %.1f (size %.1f): want it raised, smaller, after it", x.Y, x.Size, two.Y, two.Size)
	}
	if sum.Size <= x.Size {
		t.Errorf("∑ is set at %.1f, no bigger than the letters' %.1f", sum.Size, x.Size)
	}
	y := formulaText(t, texts, "y")
	over := 0
	for _, l := range lines {
		if l.Y1 == l.Y2 && l.X1 < y.X && l.X2 > y.X+y.Width && l.Y1 < y.Y {
			over++
		}
	}
	if len(lines) != 4 || over != 1 {
		t.Errorf("the root has %d rules, %d of them over its radicand: want the sign's three and the bar", len(lines), over)
	}
}

// TestFormulaBrackets: \left and \right brackets and a matrix's are
// stretched to what they enclose; a matrix's cells are in rows and
// columns.
func TestFormulaBrackets(t *testing.T) {
	for _, tex := range []string{`\left( \frac{1}{2} \right)^2`, `A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}`, `\binom{n}{k}`} {
		_, texts, _ := layoutFormula(t, tex)
		for _, br := range []string{"(", ")"} {
			if b := formulaText(t, texts, br); b.Turn == nil || b.Turn.D < 1.3 {
				t.Errorf("%s: %s is not stretched (%+v)", tex, br, b.Turn)
			}
		}
	}
	_, texts, _ := layoutFormula(t, `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`)
	a, b, c := formulaText(t, texts, "a"), formulaText(t, texts, "b"), formulaText(t, texts, "c")
	if a.Y != b.Y || c.Y <= a.Y || math.Abs((a.X+a.Width/2)-(c.X+c.Width/2)) > 0.5 || b.X <= a.X+a.Width {
		t.Errorf("a %.1f,%.1f b %.1f,%.1f c %.1f,%.1f: not a matrix's rows and columns", a.X, a.Y, b.X, b.Y, c.X, c.Y)
	}
}

// TestFormulaTooWide: a displayed formula wider than the text block is
// set as text, as an inline one is, broken across lines.
func TestFormulaTooWide(t *testing.T) {
	tex := strings.Repeat(`\frac{a}{b} + `, 40) + "c"
	_, texts, lines := layoutFormula(t, tex)
	if len(texts) != 0 || len(lines) != 0 {
		t.Errorf("the too-wide formula is set in two dimensions: %d texts, %d rules", len(texts), len(lines))
	}
}

// TestFormulaAnchor: a displayed formula with an id (a numbered
// equation's, passes.NumberEquations) is an anchor at the top of its
// row, for the links of its references; its number sits at the right
// margin, on the formula's baseline.
func TestFormulaAnchor(t *testing.T) {
	span := &doc.Span{Attr: doc.Attr{ID: "eq-one", Classes: []string{"math", "display"}, KV: []doc.KV{{Key: "tex", Value: `\frac{a}{b} \tag{1}`}}},
		Content: []doc.Inline{&doc.Text{Value: "a/b (1)"}}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Before."}}},
		&doc.Paragraph{Content: []doc.Inline{span}},
	}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var anchor *Anchor
	for i, a := range out.Pages[0].Anchors {
		if a.ID == "eq-one" {
			anchor = &out.Pages[0].Anchors[i]
		}
	}
	var a, number *Text
	for _, it := range textItems(out.Pages[0].Items) {
		if x, ok := it.(*Text); ok && x.Src == span {
			switch x.Text {
			case "a":
				a = x
			case "(1)":
				number = x
			}
		}
	}
	switch {
	case anchor == nil:
		t.Fatalf("no anchor eq-one on the page: %v", out.Pages[0].Anchors)
	case a == nil || number == nil:
		t.Fatalf("the formula's a or its number is not set in two dimensions")
	case anchor.Y >= a.Y-a.Size/2 || anchor.Y < a.Y-2*a.Size:
		t.Errorf("the anchor at %.1f is not just above the numerator at %.1f", anchor.Y, a.Y)
	case math.Abs(number.X+number.Width-newGeometry(A4()).right) > 0.5 || number.X < a.X:
		t.Errorf("the number at x %.1f (%.1f wide) is not at the right margin", number.X, number.Width)
	}
}

// TestFormulaLineNumbers: the lines of an align numbered one by one
// (passes.NumberEquations) have their numbers at the right margin, each
// on its line's baseline; a line without one has none.
func TestFormulaLineNumbers(t *testing.T) {
	_, texts, _ := layoutFormula(t, `\begin{align} a &= b \tag{1} \\ c &= \frac{d}{e} \tag{2} \\ f &= g \end{align}`)
	right := newGeometry(A4()).right
	for _, c := range []struct{ line, number string }{{"a", "(1)"}, {"c", "(2)"}} {
		line, number := formulaText(t, texts, c.line), formulaText(t, texts, c.number)
		if math.Abs(number.Y-line.Y) > 0.01 || math.Abs(number.X+number.Width-right) > 0.5 {
			t.Errorf("%s at %.1f, %.1f; its line %s at y %.1f", c.number, number.X, number.Y, c.line, line.Y)
		}
	}
	for _, x := range texts {
		if strings.Contains(x.Text, "(") && x.Text != "(1)" && x.Text != "(2)" {
			t.Errorf("a number %q besides the lines'", x.Text)
		}
	}
}

// TestFormulaLinesApart: aligned equations too wide for the column as a
// table, even at minFormulaScale, but whose lines fit it set a little
// smaller, are set a line to a row, in two dimensions, all at one size,
// each line's number on its baseline at the right margin.
func TestFormulaLinesApart(t *testing.T) {
	g := newGeometry(A4())
	for n := 14; n <= 40; n++ {
		long := strings.Repeat(`\frac{a}{b} + `, n) + "c"
		_, texts, lines := layoutFormula(t, `\begin{align} x &= `+long+` \tag{1} \\ `+long+` &= y \tag{2} \end{align}`)
		if len(lines) != 2*n {
			t.Fatalf("%d fractions a line: %d fraction bars, want the %d of the two lines set in two dimensions", n, len(lines), 2*n)
		}
		x, y, one, two := formulaText(t, texts, "x"), formulaText(t, texts, "y"), formulaText(t, texts, "(1)"), formulaText(t, texts, "(2)")
		if x.Size >= bodySize {
			continue // the lines fit at full size: not yet the case
		}
		switch {
		case y.Y <= x.Y+x.Size:
			t.Errorf("the second line (y at %.1f) is not below the first (x at %.1f)", y.Y, x.Y)
		case x.Size != y.Size || x.Size < minFormulaScale*bodySize:
			t.Errorf("the lines are set at %.2f and %.2f pt", x.Size, y.Size)
		case one.Y != x.Y || two.Y != y.Y || math.Abs(two.X+two.Width-g.right) > 0.5:
			t.Errorf("the numbers at %.1f and %.1f, their lines at %.1f and %.1f", one.Y, two.Y, x.Y, y.Y)
		}
		for _, it := range texts {
			if it.X < g.left-0.5 || it.X+it.Width > g.right+0.5 {
				t.Errorf("%q at %.1f–%.1f is outside the column", it.Text, it.X, it.X+it.Width)
			}
		}
		return
	}
	t.Errorf("no line of up to 40 fractions had to be set smaller")
}

// TestFormulaScaledToFit: a displayed formula a little wider than the
// text block is set in two dimensions, smaller (no smaller than
// minFormulaScale), inside the block; the widest that is so is followed
// by one set as text.
func TestFormulaScaledToFit(t *testing.T) {
	g := newGeometry(A4())
	body, block := bodySize, g.right-g.left
	scaled := 0
	for n := 10; n <= 40; n++ {
		_, texts, lines := layoutFormula(t, strings.Repeat(`\frac{a}{b} + `, n)+"c")
		if len(texts) == 0 {
			if scaled == 0 {
				t.Fatalf("%d fractions: set as text, and no shorter one was scaled", n)
			}
			return
		}
		left, right, size := math.Inf(1), math.Inf(-1), 0.0
		for _, x := range texts {
			left, right, size = min(left, x.X), max(right, x.X+x.Width), max(size, x.Size)
		}
		if right-left > block+0.5 {
			t.Errorf("%d fractions: %.1f pt wide, more than the block", n, right-left)
		}
		if size < body-0.01 {
			scaled++
			if size < minFormulaScale*body-0.01 || len(lines) != n {
				t.Errorf("%d fractions: set at %.2f pt with %d bars", n, size, len(lines))
			}
		}
	}
	t.Errorf("40 fractions are still set in two dimensions")
}

// TestFormulaInParagraph: a displayed formula inside a paragraph's text
// breaks the paragraph, as TeX's display math does: the text before it
// above it, the text after below.
func TestFormulaInParagraph(t *testing.T) {
	span := &doc.Span{Attr: doc.Attr{Classes: []string{"math", "display"}, KV: []doc.KV{{Key: "tex", Value: `\frac{a}{b}`}}},
		Content: []doc.Inline{&doc.Text{Value: "a/b"}}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Value: "Repeat until convergence:"}, &doc.LineBreak{}, span, &doc.Text{Value: " and then stop."},
	}}}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var before, after, bar float64
	for _, it := range textItems(out.Pages[0].Items) {
		switch it := it.(type) {
		case *Text:
			switch it.Text {
			case "Repeat":
				before = it.Y
			case "stop.":
				after = it.Y
			}
		case *Line:
			if it.Src == span {
				bar = it.Y1
			}
		}
	}
	if !(before > 0 && before < bar && bar < after) {
		t.Errorf("text before at %.1f, the fraction's bar at %.1f, text after at %.1f: want them down the page in that order", before, bar, after)
	}
}

// TestFormulaBracesAndColours: \underbrace draws its brace under the body
// and sets its script under the brace; \textcolor sets its body in the
// colour, \colorbox on a ground of it drawn first.
func TestFormulaBracesAndColours(t *testing.T) {
	span, texts, lines := layoutFormula(t, `\underbrace{a+b}_{n} = \textcolor{red}{x} + \colorbox{yellow}{ok}`)
	a, n := formulaText(t, texts, "a"), formulaText(t, texts, "n")
	lowest := 0.0
	for _, l := range lines {
		lowest = max(lowest, l.Y1, l.Y2)
	}
	if len(lines) != 4 || !(a.Y < lowest && lowest < n.Y-n.Size*0.5) {
		t.Errorf("a at %.1f, the brace's %d rules down to %.1f, n at %.1f: want the brace under a, n under it", a.Y, len(lines), lowest, n.Y)
	}
	if x := formulaText(t, texts, "x"); x.Color != (RGB{R: 0xdd}) { // red, dark enough to read
		t.Errorf("x is in %v, want red", x.Color)
	}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{span}}}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ground, ok := -1, -1
	for i, it := range out.Pages[0].Items {
		switch it := it.(type) {
		case *Rect:
			if it.Src == span && it.Fill != nil && *it.Fill == (RGB{R: 255, G: 255}) {
				ground = i
			}
		case *Text:
			if it.Src == span && it.Text == "ok" {
				ok = i
			}
		}
	}
	if ground < 0 || ok < 0 || ground > ok {
		t.Errorf("the yellow ground is item %d, the text on it %d: want the ground drawn first", ground, ok)
	}
}

// TestInlineFormula: an inline formula with a fraction is set in two
// dimensions in its line, the line made room for it; one of letters and
// scripts alone stays text.
func TestInlineFormula(t *testing.T) {
	frac := &doc.Span{Attr: doc.Attr{Classes: []string{"math", "inline"}, KV: []doc.KV{{Key: "tex", Value: `\frac{a+b}{2}`}}},
		Content: []doc.Inline{&doc.Text{Value: "(a + b)/2"}}}
	plain := &doc.Span{Attr: doc.Attr{Classes: []string{"math", "inline"}, KV: []doc.KV{{Key: "tex", Value: `x^2`}}},
		Content: []doc.Inline{&doc.Emphasis{Content: []doc.Inline{&doc.Text{Value: "x"}}}, &doc.Superscript{Content: []doc.Inline{&doc.Text{Value: "2"}}}}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Half the sum is "}, frac, &doc.Text{Value: " and the square "}, plain, &doc.Text{Value: "."}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Next."}}},
	}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var half, a, two, x, next *Text
	var bar *Line
	plainItems := 0
	for _, it := range textItems(out.Pages[0].Items) {
		if tx, ok := it.(*Text); ok && tx.Src == plain {
			plainItems++
		}
		switch it := it.(type) {
		case *Text:
			switch {
			case it.Text == "Half":
				half = it
			case it.Text == "a" && it.Src == frac:
				a = it
			case it.Text == "2" && it.Src == frac:
				two = it
			case it.Text == "x":
				x = it
			case it.Text == "Next.":
				next = it
			}
		case *Line:
			if it.Src == frac {
				bar = it
			}
		}
	}
	if half == nil || a == nil || two == nil || bar == nil || x == nil || next == nil {
		t.Fatalf("missing: half %v, numerator %v, denominator %v, bar %v, x %v, next %v", half, a, two, bar, x, next)
	}
	if !(a.Y < bar.Y1 && bar.Y1 < half.Y && half.Y < two.Y) || a.Size >= half.Size {
		t.Errorf("numerator %.1f (size %.1f), bar %.1f, baseline %.1f, denominator %.1f: want a small fraction stacked about the line's baseline", a.Y, a.Size, bar.Y1, half.Y, two.Y)
	}
	if plainItems > 0 {
		t.Errorf("x^2 is set as a formula (%d items), not as text", plainItems)
	}
	if gap := next.Y - half.Y; gap < 1.2*half.Size*1.3 {
		t.Errorf("the next paragraph's line is %.1f below the formula's: no room made", gap)
	}
}

// TestFormulaTag: a displayed formula's \tag is set at the right margin,
// on the formula's baseline, the formula still centred.
func TestFormulaTag(t *testing.T) {
	_, texts, _ := layoutFormula(t, `F = ma \tag{1}`)
	label, f, a := formulaText(t, texts, "(1)"), formulaText(t, texts, "F"), formulaText(t, texts, "a")
	g := newGeometry(A4())
	if math.Abs(label.X+label.Width-g.right) > 0.5 || label.Y != f.Y {
		t.Errorf("the label ends at %.1f on %.1f, want the margin %.1f and the formula's baseline %.1f", label.X+label.Width, label.Y, g.right, f.Y)
	}
	if c := (f.X + a.X + a.Width) / 2; math.Abs(c-(g.left+g.right)/2) > 1 {
		t.Errorf("the formula's middle is at %.1f, not the text block's %.1f", c, (g.left+g.right)/2)
	}
}

// TestFormulaNearlyAsWideAsTheText: a displayed formula narrower than the
// text block by less than two ems is still set in two dimensions, and
// centred; with a \tag that leaves no room beside it centred, it moves
// left of its label.
func TestFormulaNearlyAsWideAsTheText(t *testing.T) {
	set := loadFonts(t)
	g := newGeometry(A4())
	s := &mathSetter{m: measurer{set: set, memo: newMemo(set, "en")}, family: fonts.Serif, size: bodySize}
	src := ""
	for k := 1; k < 200; k++ { // a + a + … just short of the measure, by less than two ems
		candidate := strings.Repeat(`\frac{a}{b} + `, k) + "c"
		nodes, _ := tex.Parse(candidate)
		if w := s.row(nodes, 0).w; w > g.width()-2*bodySize && w < g.width() {
			src = candidate
			break
		}
	}
	if src == "" {
		t.Fatal("no formula of the width wanted")
	}
	_, texts, lines := layoutFormula(t, src)
	if len(lines) == 0 || len(texts) == 0 {
		t.Fatalf("the formula is set as text: %d texts, %d rules", len(texts), len(lines))
	}
	if c := (lines[0].X1 + texts[len(texts)-1].X + texts[len(texts)-1].Width) / 2; math.Abs(c-(g.left+g.right)/2) > 3 {
		t.Errorf("the formula's middle is at %.1f, not the text block's %.1f", c, (g.left+g.right)/2)
	}
}

// TestInlineFormulaColor: an inline formula with a colour is set as a
// formula, its coloured part in its colour (text has no colour); one too
// wide to be set so falls back to text, without its colours, and says so
// once, at the formula.
func TestInlineFormulaColor(t *testing.T) {
	span := func(src, text string, line int) *doc.Span {
		return &doc.Span{Pos: doc.Pos{File: "c.md", Line: line, Col: 3}, Attr: doc.Attr{Classes: []string{"math", "inline"}, KV: []doc.KV{{Key: "tex", Value: src}}},
			Content: []doc.Inline{&doc.Text{Value: text}}}
	}
	red := span(`\textcolor{red}{a} + b`, "a + b", 1)
	long := span(`\color{blue} `+strings.Repeat(`a_1 + `, 30)+`z`, strings.Repeat("a1 + ", 30)+"z", 2)
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Red "}, red, &doc.Text{Value: "."}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Long "}, long, &doc.Text{Value: "."}}},
	}}
	var diags diag.List
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[string]RGB{}
	for _, it := range textItems(out.Pages[0].Items) {
		if tx, ok := it.(*Text); ok && tx.Src == red {
			colours[tx.Text] = tx.Color
		}
	}
	if c, ok := colours["a"]; !ok || c != (RGB{0xdd, 0, 0}) { // red, dark enough to read (tex.Color.DrawnRGB)
		t.Errorf("the formula's a: colour %v (set: %v), want red, set as a formula", c, ok)
	}
	if c := colours["b"]; c == (RGB{0xdd, 0, 0}) {
		t.Errorf("b is red: the colour reaches past its group")
	}
	var warned []string
	for _, it := range diags.Items() {
		warned = append(warned, it.String())
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], "c.md:2:3:") || !strings.Contains(warned[0], "without its colours") {
		t.Errorf("warnings %q, want one at c.md:2:3 of the long formula's lost colours", warned)
	}
}
