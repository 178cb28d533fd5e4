// Package tex reads the TeX math of a formula ($x^2$, $$\frac{a}{b}$$)
// into a tree of atoms, and sets that tree as text (Inlines) for the
// formulas the PDF does not set in two dimensions; the PDF's layout sets
// the tree in two dimensions, and the EPUB writes it as MathML. It reads
// the commands of LaTeX's math mode that pandoc's users write (Greek
// letters, symbols, scripts, fractions, roots, accents, alphabets,
// \text); a command it does not know is an Unknown, kept as written for
// the caller to warn of.
package tex

import (
	"fmt"
	"strings"
	"unicode"
)

// Node is one part of a formula: *Atom, *Script, *Frac, *Root, *Bold,
// *Accent, *Brace, *Boxed, *Phantom, *Color, *Style, *Text, *Group,
// *Table or *Unknown.
type Node interface{ node() }

func (*Atom) node()    {}
func (*Script) node()  {}
func (*Frac) node()    {}
func (*Root) node()    {}
func (*Bold) node()    {}
func (*Accent) node()  {}
func (*Brace) node()   {}
func (*Boxed) node()   {}
func (*Phantom) node() {}
func (*Style) node()   {}
func (*Color) node()   {}
func (*Text) node()    {}
func (*Group) node()   {}
func (*Table) node()   {}
func (*Unknown) node() {}

// Kind is what an atom is, for how it is spaced and which MathML
// element it becomes.
type Kind uint8

// The kinds of atom.
const (
	Ident    Kind = iota // a letter: x, α, or letters of another alphabet: ℝ
	Number               // digits, with a decimal point inside: 3.14
	Binary               // a binary operator: +, −, ×, ∪
	Relation             // a relation: =, ≤, →
	Open                 // an opening bracket: (, [, ⟨
	Close                // a closing bracket
	Punct                // a comma or a semicolon
	Symbol               // any other symbol: ∞, ∂, ′, ∑
	Function             // a function's name, set upright: sin, log
	Space                // a space: \, \quad
)

// Atom is one symbol of a formula.
type Atom struct {
	Text   string
	Kind   Kind
	Italic bool // set in italics, as TeX sets a Latin or a small Greek letter
	// Large marks a large operator (∑, ∏, lim): a displayed formula
	// sets its scripts under and over it.
	Large bool
	// Stretchy marks a bracket of \left or \right, as tall as what it
	// encloses; or an arrow drawn long: \xrightarrow's, as wide as its
	// label, and a reaction's (\ce{A -> B}).
	Stretchy bool
	// Em is a space's width, in ems of the formula's size.
	Em float64
	// Applied marks a function's name followed by its operand without
	// brackets (\sin x, not \sin(x)), set apart from it by a thin space.
	Applied bool
}

// Script is a base with a subscript, a superscript or both.
type Script struct {
	Base     Node // nil when the script has nothing before it
	Sub, Sup []Node
	// HasSub and HasSup tell an empty script (x^{}) from none.
	HasSub, HasSup bool
	// Limits sets the scripts under and over the base in every style:
	// \overset, \underset, \stackrel, \xrightarrow's label.
	Limits bool
}

// Frac is a fraction: \frac{Num}{Den}; or, with Binomial, \binom{n}{k}:
// its parts stacked without a bar, between parentheses.
type Frac struct {
	Num, Den []Node
	Binomial bool
}

// Style is \displaystyle or \textstyle, to the end of its group, or a
// fraction of \dfrac or \tfrac: its body set as a displayed formula is
// (large operators big, fractions' parts at full size), or as an inline
// one.
type Style struct {
	Display bool
	Body    []Node
}

// Boxed is \boxed{…}: its body in a frame.
type Boxed struct{ Body []Node }

// Phantom is \phantom{…}, \hphantom{…} or \vphantom{…}: room for its
// body, which is not drawn. Width keeps the body's width (\phantom,
// \hphantom), Height its height and depth (\phantom, \vphantom); what
// is not kept is nothing.
type Phantom struct {
	Body          []Node
	Width, Height bool
}

// Root is a root: \sqrt{Radicand}, or \sqrt[Index]{Radicand}.
type Root struct{ Index, Radicand []Node }

// Bold is \mathbf{…}: its letters upright and bold.
type Bold struct{ Body []Node }

// Accent is a mark over its body: \vec{v}, \hat{n}.
type Accent struct {
	Body []Node
	// Combining is the mark as a combining character (U+20D7 for \vec),
	// for text; Spacing as a character of its own (→), for MathML.
	Combining, Spacing string
	Under              bool // under the body: \underline
	Wide               bool // stretched over the whole body: \overrightarrow
}

// Brace is \underbrace{…} or \overbrace{…}: a horizontal brace under or
// over its body. A script on its side (\underbrace{…}_{n}) is set
// beyond the brace, as a large operator's limits are.
type Brace struct {
	Body []Node
	Over bool
}

// Color is \textcolor{red}{…} or \color{red} (the rest of its group) in
// that colour, or \colorbox{yellow}{…} on that ground. Name is the
// colour as written: a name of xcolor's (red, blue…) or HTML's #rrggbb.
type Color struct {
	Name   string
	Ground bool // \colorbox: the ground, not the ink
	Body   []Node
}

// Text is words in a formula, set as written: \text{if}, \mathrm{d}.
type Text struct {
	Text   string
	Italic bool // \textit, \mathit
	// Tag marks the label \tag{1} gives an equation, "(1)": a displayed
	// formula sets it at the right margin.
	Tag bool
}

// Group is a braced group: {…}.
type Group struct{ Body []Node }

// Table is an environment of rows and columns: a matrix, cases, aligned
// equations.
type Table struct {
	Env  string     // the environment's name: pmatrix, cases, aligned…
	Rows [][][]Node // each row's cells, each cell's nodes
	// Open and Close are the brackets around it: ( and ) for pmatrix,
	// { and nothing for cases; "" for none.
	Open, Close string
	// Align is the columns' alignments, l, c or r, repeated as many times
	// as there are columns: "c" for a matrix, "rl" for aligned equations.
	Align string
	// Lines marks equations, one to a line (aligned, gathered, cases),
	// not a matrix.
	Lines bool
}

// Unknown is a command tex does not know: Name, with its backslash, is
// printed as written.
type Unknown struct{ Name string }

// Parse reads the formula src. It returns its nodes and the commands it
// does not know, in the order they come.
func Parse(src string) ([]Node, []string) {
	p := &parser{src: stripComments(src)}
	rows := p.cells(0, len(p.src), false) // a cell a row
	if len(rows) > 1 {                    // a \\ b: lines, as KaTeX shows them
		return []Node{&Table{Rows: rows, Align: "c", Lines: true}}, p.unknown
	}
	return rows[0][0], p.unknown
}

// stripComments removes TeX's comments from src: from a % that is not
// escaped (\%) to the end of its line.
func stripComments(src string) string {
	if !strings.Contains(src, "%") {
		return src
	}
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\' && i+1 < len(src):
			b.WriteString(src[i : i+2])
			i++
		case c == '%':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			if i < len(src) {
				b.WriteByte('\n')
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// PlainText is the formula's text without its structure: what a
// formula's nodes show, scripts and fractions run together.
func PlainText(ns []Node) string {
	var b strings.Builder
	plainText(&b, ns)
	return b.String()
}

func plainText(b *strings.Builder, ns []Node) {
	for _, n := range ns {
		switch n := n.(type) {
		case *Atom:
			b.WriteString(n.Text)
		case *Script:
			if n.Base != nil {
				plainText(b, []Node{n.Base})
			}
			plainText(b, n.Sub)
			plainText(b, n.Sup)
		case *Frac:
			plainText(b, n.Num)
			b.WriteByte('/')
			plainText(b, n.Den)
		case *Root:
			plainText(b, n.Index)
			b.WriteString("√")
			plainText(b, n.Radicand)
		case *Bold:
			plainText(b, n.Body)
		case *Accent:
			plainText(b, n.Body)
			b.WriteString(n.Combining)
		case *Brace:
			plainText(b, n.Body)
		case *Boxed:
			plainText(b, n.Body)
		case *Phantom: // shows nothing
		case *Style:
			plainText(b, n.Body)
		case *Color:
			plainText(b, n.Body)
		case *Text:
			b.WriteString(n.Text)
		case *Group:
			plainText(b, n.Body)
		case *Table:
			b.WriteString(n.Open)
			for i, row := range n.Rows {
				if i > 0 {
					b.WriteString("; ")
				}
				for j, cell := range row {
					if j > 0 {
						b.WriteByte(' ')
					}
					plainText(b, cell)
				}
			}
			b.WriteString(n.Close)
		case *Unknown:
			b.WriteString(n.Name)
		default:
			panic(fmt.Sprintf("tex: unexpected node %T", n))
		}
	}
}

// isLatinLetter reports a letter TeX sets in italics when typed: one
// below the Greek block (Latin, with its accented letters).
func isLatinLetter(r rune) bool { return unicode.IsLetter(r) && r < 0x370 }
