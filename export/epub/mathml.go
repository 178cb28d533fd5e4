package epub

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/tex"
)

// A formula ($x^2$) is a span of class "math" whose "tex" pair is its
// TeX; its content is the formula set as text, which the PDF draws. The
// e-book writes it as MathML, as pandoc's EPUB 3 writer does: readers
// lay it out as TeX would (a fraction stacked, a root over its
// radicand), and assistive technology reads it as mathematics. Its TeX
// is the alttext, for a reader that does not render MathML.

// mathNS is MathML's namespace.
const mathNS = "http://www.w3.org/1998/Math/MathML"

// formula writes the formula src of span n as a MathML math element,
// after the markers of the print pages that start in its text, and a
// displayed one's \tag (an equation's number) before it, floated to the
// right margin. The file is then listed with the mathml property.
func (p *page) formula(n *doc.Span, src string) {
	doc.Inspect(n, func(c doc.Node) bool {
		for _, m := range p.b.marksIn[c] {
			p.marker(m)
		}
		return true
	})
	p.b.mathMu.Lock()
	if p.b.mathFiles == nil {
		p.b.mathFiles = map[string]bool{}
	}
	p.b.mathFiles[p.file] = true
	p.b.mathMu.Unlock()
	nodes, _ := tex.Parse(src) // the reader warned of what it does not know
	display := n.Attr.HasClass("display")
	if display {
		var tag *tex.Text
		if nodes, tag = tex.EquationTag(nodes); tag != nil { // at the right margin, as the PDF sets it
			p.raw(`<span class="eqno">`)
			p.text(tag.Text)
			p.raw(`</span>`)
		}
	}
	p.raw(`<math xmlns="` + mathNS + `"`)
	if display {
		p.attr("display", "block")
	}
	p.attr("alttext", src)
	p.raw(">")
	w := mathWriter{p: p, display: display}
	w.row(nodes)
	p.raw("</math>")
}

// mathWriter writes one formula's nodes as MathML presentation markup.
type mathWriter struct {
	p       *page
	display bool // a displayed formula: large operators take their scripts under and over
	bold    bool // inside \mathbf
}

// row writes nodes as one element: alone, or in an mrow.
func (w *mathWriter) row(ns []tex.Node) {
	if len(ns) == 1 && !applied(ns[0]) {
		w.node(ns[0])
		return
	}
	w.p.raw("<mrow>")
	for i, n := range ns {
		if a, ok := n.(*tex.Atom); ok && (a.Kind == tex.Binary || a.Kind == tex.Relation) && i > 0 && operandWanted(ns[:i]) {
			w.p.raw(`<mo form="prefix">`) // x = −y, ≤ −1: a sign, set close to what follows
			w.p.text(a.Text)
			w.p.raw("</mo>")
			continue
		}
		w.node(n)
	}
	w.p.raw("</mrow>")
}

// operandWanted reports whether what comes after before, the nodes of a
// row so far, stands where an operand is wanted: after an operator, an
// opening bracket or a comma (spaces aside).
func operandWanted(before []tex.Node) bool {
	for i := len(before) - 1; i >= 0; i-- {
		a, ok := before[i].(*tex.Atom)
		switch {
		case !ok:
			return false
		case a.Kind == tex.Space:
			continue
		}
		return a.Kind == tex.Binary || a.Kind == tex.Relation || a.Kind == tex.Open || a.Kind == tex.Punct
	}
	return false // the row's first: MathML sets it as a prefix
}

// applied reports a function (sin) or a function with scripts (lim_x),
// which its application operator follows: two elements.
func applied(n tex.Node) bool {
	if s, ok := n.(*tex.Script); ok {
		n = s.Base
	}
	a, ok := n.(*tex.Atom)
	return ok && a.Kind == tex.Function
}

// node writes one node.
func (w *mathWriter) node(n tex.Node) {
	switch n := n.(type) {
	case *tex.Atom:
		w.atom(n)
		if n.Kind == tex.Function {
			w.p.raw("<mo>\u2061</mo>") // function application
		}
	case *tex.Group:
		w.row(n.Body)
	case *tex.Script:
		w.script(n)
	case *tex.Frac:
		if n.Binomial {
			w.p.raw(`<mrow><mo>(</mo><mfrac linethickness="0">`)
		} else {
			w.p.raw("<mfrac>")
		}
		w.row(n.Num)
		w.row(n.Den)
		w.p.raw("</mfrac>")
		if n.Binomial {
			w.p.raw("<mo>)</mo></mrow>")
		}
	case *tex.Style:
		w.p.raw(`<mstyle displaystyle="` + strconv.FormatBool(n.Display) + `">`)
		display := w.display
		w.display = n.Display
		w.row(n.Body)
		w.display = display
		w.p.raw("</mstyle>")
	case *tex.Phantom:
		switch {
		case !n.Height:
			w.p.raw(`<mpadded height="0" depth="0"><mphantom>`)
		case !n.Width:
			w.p.raw(`<mpadded width="0"><mphantom>`)
		default:
			w.p.raw(`<mphantom>`)
		}
		w.row(n.Body)
		w.p.raw(`</mphantom>`)
		if !n.Height || !n.Width {
			w.p.raw(`</mpadded>`)
		}
	case *tex.Boxed:
		w.p.raw(`<menclose notation="box">`)
		w.row(n.Body)
		w.p.raw("</menclose>")
	case *tex.Root:
		if n.Index == nil {
			w.p.raw("<msqrt>")
			w.row(n.Radicand)
			w.p.raw("</msqrt>")
			return
		}
		w.p.raw("<mroot>")
		w.row(n.Radicand)
		w.row(n.Index)
		w.p.raw("</mroot>")
	case *tex.Bold:
		bold := w.bold
		w.bold = true
		w.row(n.Body)
		w.bold = bold
	case *tex.Accent:
		if n.Under {
			w.p.raw(`<munder accentunder="true">`)
		} else {
			w.p.raw(`<mover accent="true">`)
		}
		w.row(n.Body)
		w.element("mo", "", n.Spacing)
		if n.Under {
			w.p.raw("</munder>")
		} else {
			w.p.raw("</mover>")
		}
	case *tex.Brace:
		tag, brace := "munder", "\u23DF"
		if n.Over {
			tag, brace = "mover", "\u23DE"
		}
		w.p.raw("<" + tag + ">")
		w.row(n.Body)
		w.p.raw(`<mo stretchy="true">` + brace + "</mo>")
		w.p.raw("</" + tag + ">")
	case *tex.Color:
		r, g, b, ok := n.DrawnRGB()
		if !ok {
			w.row(n.Body)
			return
		}
		attr := "mathcolor"
		if n.Ground {
			attr = "mathbackground"
		}
		w.p.raw("<mstyle")
		w.p.attr(attr, fmt.Sprintf("#%02x%02x%02x", r, g, b))
		w.p.raw(">")
		w.row(n.Body)
		w.p.raw("</mstyle>")
	case *tex.Text:
		variant := ""
		if n.Italic {
			variant = "italic"
		}
		w.element("mtext", variant, n.Text)
	case *tex.Table:
		w.table(n)
	case *tex.Unknown:
		w.element("mtext", "", n.Name)
	default:
		panic(fmt.Sprintf("epub: unexpected TeX node %T", n))
	}
}

// atom writes one symbol: an identifier, a number, an operator or a
// space.
func (w *mathWriter) atom(a *tex.Atom) {
	variant := ""
	if w.bold {
		variant = "bold"
	}
	switch a.Kind {
	case tex.Ident:
		if variant == "" && !a.Italic && utf8.RuneCountInString(a.Text) == 1 {
			variant = "normal" // Γ, ℝ: a lone letter is otherwise italic
		}
		w.element("mi", variant, a.Text)
	case tex.Number:
		w.element("mn", variant, a.Text)
	case tex.Function:
		w.element("mi", variant, a.Text)
	case tex.Space:
		w.p.raw(`<mspace width="` + strconv.FormatFloat(a.Em, 'f', 3, 64) + `em"/>`)
	case tex.Symbol:
		switch {
		case identifierSymbols[a.Text]:
			w.element("mi", variant, a.Text)
		case ordinarySymbols[a.Text]:
			w.p.raw(`<mo lspace="0em" rspace="0em">`) // |x|, a/b: TeX spaces them as letters
			w.p.text(a.Text)
			w.p.raw("</mo>")
		default:
			w.element("mo", "", a.Text)
		}
	default: // operators, brackets, punctuation
		w.element("mo", "", a.Text)
	}
}

// identifierSymbols are the symbols MathML takes as identifiers, not
// operators.
var identifierSymbols = map[string]bool{"∞": true, "∅": true, "ℏ": true, "ℓ": true, "ℜ": true, "ℑ": true, "ℵ": true}

// ordinarySymbols are the characters typed in a formula that TeX spaces
// as ordinary symbols, but MathML's operator dictionary as operators.
var ordinarySymbols = map[string]bool{"|": true, "/": true, "‖": true, "!": true, ".": true}

// script writes a base with its scripts: under and over it for a large
// operator of a displayed formula (∑ with its bounds), else beside it.
func (w *mathWriter) script(n *tex.Script) {
	base, _ := n.Base.(*tex.Atom)
	_, brace := n.Base.(*tex.Brace)
	limits := w.display && base != nil && base.Large || brace || n.Limits
	tag := "msubsup"
	switch {
	case limits && n.HasSub && n.HasSup:
		tag = "munderover"
	case limits && n.HasSub:
		tag = "munder"
	case limits:
		tag = "mover"
	case !n.HasSup:
		tag = "msub"
	case !n.HasSub:
		tag = "msup"
	}
	w.p.raw("<" + tag + ">")
	switch {
	case base != nil:
		w.atom(base) // a function's application comes after its scripts
	case n.Base != nil:
		w.node(n.Base)
	default:
		w.p.raw("<mrow/>")
	}
	if n.HasSub {
		w.row(n.Sub)
	}
	if n.HasSup {
		w.row(n.Sup)
	}
	w.p.raw("</" + tag + ">")
	if base != nil && base.Kind == tex.Function {
		w.p.raw("<mo>\u2061</mo>")
	}
}

// table writes an environment as an mtable between its brackets.
func (w *mathWriter) table(t *tex.Table) {
	bracketed := t.Open != "" || t.Close != ""
	if bracketed {
		w.p.raw("<mrow>")
		if t.Open != "" {
			w.element("mo", "", t.Open)
		}
	}
	columns := 0
	for _, row := range t.Rows {
		columns = max(columns, len(row))
	}
	// The numbers of an align's lines (passes.NumberEquations tags them
	// one by one) are a last column, right-aligned, an em after the rest:
	// MathML Core has no labelled rows.
	tags := tex.LineTags(t)
	numbered := tags != nil
	align := make([]string, columns)
	for i := range align {
		align[i] = map[byte]string{'l': "left", 'c': "center", 'r': "right"}[t.Align[i%len(t.Align)]]
	}
	if numbered {
		align = append(align, "right")
	}
	w.p.raw("<mtable")
	w.p.attr("columnalign", strings.Join(align, " "))
	if t.Lines {
		w.p.attr("displaystyle", "true")
	}
	w.p.raw(">")
	for i, row := range t.Rows {
		w.p.raw("<mtr>")
		for _, cell := range row {
			w.p.raw("<mtd>")
			w.row(cell)
			w.p.raw("</mtd>")
		}
		if numbered {
			for range columns - len(row) {
				w.p.raw("<mtd></mtd>")
			}
			w.p.raw("<mtd>")
			if tags[i] != nil {
				w.p.raw(`<mspace width="1em"/>`)
				w.element("mtext", "", tags[i].Text)
			}
			w.p.raw("</mtd>")
		}
		w.p.raw("</mtr>")
	}
	w.p.raw("</mtable>")
	if bracketed {
		if t.Close != "" {
			w.element("mo", "", t.Close)
		}
		w.p.raw("</mrow>")
	}
}

// element writes <tag mathvariant="variant">text</tag>, with no
// mathvariant when variant is "".
func (w *mathWriter) element(tag, variant, text string) {
	w.p.raw("<" + tag)
	if variant != "" {
		w.p.attr("mathvariant", variant)
	}
	w.p.raw(">")
	w.p.text(text)
	w.p.raw("</" + tag + ">")
}
