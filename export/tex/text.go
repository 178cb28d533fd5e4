package tex

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
)

// Inlines sets the TeX math src, at pos in its file, as text, as pandoc's HTML writer does without
// MathJax: Latin letters in italics, digits and TeX's upright names
// (sin, log, \text{…}) upright, TeX's symbols and Greek letters as their
// characters, relations and binary operators with a space either side,
// ^ and _ as super- and subscripts, \frac{a}{b} as a/b and \sqrt{x} as
// √x (each part in parentheses when it is more than one symbol). It
// returns the commands it does not know, each printed as written.
func Inlines(src string, pos doc.Pos) ([]doc.Inline, []string) {
	nodes, unknown := Parse(src)
	s := &texSetter{pos: pos}
	s.nodes(nodes)
	return s.flush(), unknown
}

// texSetter sets one formula.
type texSetter struct {
	pos    doc.Pos
	out    []doc.Inline
	run    strings.Builder // text not yet in out
	italic bool            // the run is in italics
	last   texClass        // what was set last, for the spacing of an operator
}

// texClass is what an atom is, for the spacing around operators.
type texClass int

const (
	texNone      texClass = iota // the start of the formula or of a group
	texOrdinary                  // a letter, a digit, a closing bracket
	texOperator                  // a relation or a binary operator
	texOpen                      // an opening bracket, a comma
	texLineStart                 // the start of an equation's line: "= d" continues "a = b"
)

// nodes sets a row of the formula.
func (s *texSetter) nodes(ns []Node) {
	for _, n := range ns {
		s.node(n)
	}
}

// node sets one node of the formula.
func (s *texSetter) node(n Node) {
	switch n := n.(type) {
	case *Atom:
		s.atom(n)
	case *Group:
		s.nodes(n.Body)
	case *Script:
		s.script(n)
	case *Frac:
		if n.Binomial { // C(n, k)
			s.text("C(", false, texOpen)
			s.nodes(n.Num)
			s.text(", ", false, texOpen)
			s.nodes(n.Den)
			s.text(")", false, texOrdinary)
			return
		}
		s.part(n.Num)
		s.text("/", false, texOpen)
		s.part(n.Den)
		s.last = texOrdinary
	case *Root:
		if n.Index != nil { // the root's index raised before it
			s.inline(&doc.Superscript{Pos: s.pos, Content: s.group(n.Index)})
		}
		s.text("√", false, texOpen)
		s.part(n.Radicand)
		s.last = texOrdinary
	case *Text:
		s.text(n.Text, n.Italic, texOrdinary)
	case *Bold:
		s.inline(&doc.Strong{Pos: s.pos, Content: s.group(n.Body)})
		s.last = texOrdinary
	case *Accent:
		s.accent(n)
	case *Phantom: // text keeps no room: it has no columns to line up
	case *Boxed: // text draws no frame
		s.nodes(n.Body)
	case *Style: // text has one style
		s.nodes(n.Body)
	case *Brace: // the brace's script follows, as a script
		s.nodes(n.Body)
	case *Color: // text has no colour: the PDF sets a formula with one in two dimensions when it can
		s.nodes(n.Body)
	case *Table:
		s.table(n)
	case *Unknown:
		s.text(n.Name, false, texOrdinary)
	default:
		panic(fmt.Sprintf("tex: Inlines: unexpected node %T", n))
	}
}

// atom sets one symbol.
func (s *texSetter) atom(a *Atom) {
	switch a.Kind {
	case Binary, Relation:
		s.operator(a.Text)
	case Space:
		s.text(a.Text, false, s.last)
	case Punct:
		s.text(a.Text+" ", false, texOpen)
	case Open:
		s.text(a.Text, false, texOpen)
	case Function:
		s.text(a.Text, false, texOrdinary)
		if a.Applied {
			s.text("\u2009", false, texOrdinary) // sin x, not sinx
		}
	default:
		s.text(a.Text, a.Italic, texOrdinary)
	}
}

// script sets a base and its scripts: a degree sign (90^\circ) and
// primes (f^\prime) on the line, other scripts raised and lowered.
func (s *texSetter) script(n *Script) {
	if n.Base != nil {
		s.node(n.Base)
	}
	if n.HasSub {
		s.inline(&doc.Subscript{Pos: s.pos, Content: s.group(n.Sub)})
	}
	if n.HasSup {
		switch plain := PlainText(n.Sup); plain {
		case "∘", "°":
			s.text("°", false, texOrdinary)
		case "′", "′′":
			s.text(plain, false, texOrdinary)
		default:
			s.inline(&doc.Superscript{Pos: s.pos, Content: s.group(n.Sup)})
		}
	}
	s.last = texOrdinary
}

// table sets an environment: a matrix on one line, its rows apart
// ([a b; c d]); equations one to a line, each row's cells run together
// (x &= 1 is x = 1; a line "&= d" continues the one before), but a
// case's value and condition a quad apart.
func (s *texSetter) table(t *Table) {
	s.text(t.Open, false, texOpen)
	for i, row := range t.Rows {
		if i > 0 && t.Lines {
			s.inline(&doc.LineBreak{Pos: s.pos})
			s.last = texNone
		} else if i > 0 {
			s.text("; ", false, texOpen)
		}
		for j, cell := range row {
			switch {
			case j == 0:
			case !t.Lines:
				s.text(" ", false, texOpen)
			case t.Env == "cases":
				s.text("\u2003", false, texOpen)
			case j == 1 && len(row[0]) == 0 && i > 0:
				s.last = texLineStart
			}
			s.nodes(cell)
		}
	}
	s.text(t.Close, false, texOrdinary)
}

// accent sets a body with its combining mark after its last character,
// in that character's text so that they are shaped together.
func (s *texSetter) accent(n *Accent) {
	body := s.group(n.Body)
	if k := len(body) - 1; k >= 0 {
		switch last := body[k].(type) {
		case *doc.Text:
			body[k] = &doc.Text{Pos: last.Pos, Value: last.Value + n.Combining}
			s.inlines(body)
			return
		case *doc.Emphasis:
			if t, ok := last.Content[len(last.Content)-1].(*doc.Text); ok && len(last.Content) == 1 {
				body[k] = &doc.Emphasis{Pos: last.Pos, Content: []doc.Inline{&doc.Text{Pos: t.Pos, Value: t.Value + n.Combining}}}
				s.inlines(body)
				return
			}
		}
	}
	s.inlines(body)
	s.text(n.Combining, false, texOrdinary)
}

// operator sets a relation or a binary operator: spaced, unless it stands
// where an operand is wanted (a minus sign: −1, x = −y), set close.
func (s *texSetter) operator(op string) {
	if s.last == texLineStart {
		s.text(op+" ", false, texOperator)
		return
	}
	if s.last == texNone || s.last == texOperator || s.last == texOpen {
		s.text(op, false, texOpen)
		return
	}
	s.text(" "+op+" ", false, texOperator)
}

// group sets nodes apart, as what an operator or a command takes (a
// script, a fraction's part, \mathbf's argument), and returns them.
func (s *texSetter) group(ns []Node) []doc.Inline {
	inner := &texSetter{pos: s.pos}
	inner.nodes(ns)
	return inner.flush()
}

// part sets a fraction's numerator or denominator, or a root's radicand,
// in parentheses when it is more than one symbol.
func (s *texSetter) part(ns []Node) {
	content := s.group(ns)
	plain := strings.TrimLeft(doc.PlainText(content), "√−") // √2 and −1 are one symbol
	simple := utf8.RuneCountInString(plain) <= 1 || strings.IndexFunc(plain, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' }) < 0
	if !simple {
		s.text("(", false, texOpen)
	}
	s.inlines(content)
	if !simple {
		s.text(")", false, texOrdinary)
	}
}

// text adds text in italics or upright; class is what it is for the
// spacing of what follows.
func (s *texSetter) text(t string, italic bool, class texClass) {
	if t == "" {
		return
	}
	if s.run.Len() > 0 && italic != s.italic {
		s.flushRun()
	}
	s.italic = italic
	s.run.WriteString(t)
	s.last = class
}

// inline adds an inline node after the text so far.
func (s *texSetter) inline(n doc.Inline) {
	s.flushRun()
	s.out = append(s.out, n)
}

// inlines adds nodes set by another setter.
func (s *texSetter) inlines(ns []doc.Inline) {
	s.flushRun()
	s.out = append(s.out, ns...)
	if len(ns) > 0 {
		s.last = texOrdinary
	}
}

// flushRun moves the text so far into out.
func (s *texSetter) flushRun() {
	if s.run.Len() == 0 {
		return
	}
	t := &doc.Text{Pos: s.pos, Value: s.run.String()}
	if s.italic {
		s.out = append(s.out, &doc.Emphasis{Pos: s.pos, Content: []doc.Inline{t}})
	} else {
		s.out = append(s.out, t)
	}
	s.run.Reset()
}

// flush returns what was set, neighbouring texts joined.
func (s *texSetter) flush() []doc.Inline {
	s.flushRun()
	return doc.MergeTexts(s.out)
}
