package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
)

// texInlines sets TeX math as text, as pandoc's HTML writer does without
// MathJax: Latin letters in italics, digits and TeX's upright names
// (sin, log, \text{…}) upright, TeX's symbols and Greek letters as their
// characters, relations and binary operators with a space either side,
// ^ and _ as super- and subscripts, \frac{a}{b} as a/b and \sqrt{x} as
// √x (each part in parentheses when it is more than one symbol). It
// returns the commands it does not know, each printed as written.
func texInlines(tex string, pos doc.Pos) ([]doc.Inline, []string) {
	s := &texSetter{src: tex, pos: pos}
	s.set(0, len(tex))
	return s.flush(), s.unknown
}

// texSetter sets one formula.
type texSetter struct {
	src     string
	pos     doc.Pos
	out     []doc.Inline
	run     strings.Builder // text not yet in out
	italic  bool            // the run is in italics
	last    texClass        // what was set last, for the spacing of an operator
	unknown []string
}

// texClass is what an atom is, for the spacing around operators.
type texClass int

const (
	texNone     texClass = iota // the start of the formula or of a group
	texOrdinary                 // a letter, a digit, a closing bracket
	texOperator                 // a relation or a binary operator
	texOpen                     // an opening bracket, a comma
)

// set sets src[from:to].
func (s *texSetter) set(from, to int) {
	for i := from; i < to; {
		c := s.src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~' || c == '&':
			i++ // TeX's math ignores spaces; ~ and & (alignment) as nothing
		case c == '{':
			end := s.groupEnd(i, to)
			s.set(i+1, end)
			i = min(end+1, to)
		case c == '}':
			i++ // unbalanced: dropped
		case c == '^' || c == '_':
			arg, next := s.argument(i+1, to)
			content := s.group(arg[0], arg[1])
			switch plain := doc.PlainText(content); {
			case c == '^' && (plain == "∘" || plain == "°"): // 90^\circ: a degree sign
				s.text("°", false, texOrdinary)
			case c == '^' && (plain == "′" || plain == "′′"): // f^\prime
				s.text(plain, false, texOrdinary)
			case c == '^':
				s.inline(&doc.Superscript{Pos: s.pos, Content: content})
			default:
				s.inline(&doc.Subscript{Pos: s.pos, Content: content})
			}
			s.last = texOrdinary
			i = next
		case c == '\\':
			i = s.command(i, to)
		default:
			r, size := utf8.DecodeRuneInString(s.src[i:])
			s.char(r)
			i += size
		}
	}
}

// char sets one character of the formula.
func (s *texSetter) char(r rune) {
	switch {
	case r == '-':
		s.operator("−")
	case r == '*':
		s.operator("∗")
	case strings.ContainsRune("+=<>", r):
		s.operator(string(r))
	case r == '\'':
		s.text("′", false, texOrdinary)
	case r == ',' || r == ';':
		s.text(string(r)+" ", false, texOpen)
	case strings.ContainsRune("([", r):
		s.text(string(r), false, texOpen)
	case unicode.IsLetter(r) && r < 0x370:
		s.text(string(r), true, texOrdinary)
	default:
		s.text(string(r), false, texOrdinary)
	}
}

// operator sets a relation or a binary operator: spaced, unless it stands
// where an operand is wanted (a minus sign: −1, x = −y), set close.
func (s *texSetter) operator(op string) {
	if s.last == texNone || s.last == texOperator || s.last == texOpen {
		s.text(op, false, texOpen)
		return
	}
	s.text(" "+op+" ", false, texOperator)
}

// command sets the command at src[i] (a backslash) and returns where the
// formula goes on.
func (s *texSetter) command(i, to int) int {
	j := i + 1
	for j < to && (s.src[j] >= 'a' && s.src[j] <= 'z' || s.src[j] >= 'A' && s.src[j] <= 'Z') {
		j++
	}
	if j == i+1 && j < to { // a one-character command: \, \{ \\ …
		_, size := utf8.DecodeRuneInString(s.src[j:])
		j += size
	}
	name := s.src[i+1 : j]
	if sym, ok := texSymbols[name]; ok {
		switch {
		case texOperators[name]:
			s.operator(sym)
		case texSpaces[name]:
			s.text(sym, false, s.last)
		default:
			s.text(sym, unicode.IsLower([]rune(sym)[0]) && unicode.Is(unicode.Greek, []rune(sym)[0]), texOrdinary)
		}
		return j
	}
	if texFunctions[name] {
		s.text(name, false, texOrdinary)
		k := j
		for k < to && s.src[k] == ' ' {
			k++
		}
		if k < to && (s.src[k] == '\\' || unicode.IsLetter(rune(s.src[k])) || unicode.IsDigit(rune(s.src[k]))) {
			s.text("\u2009", false, texOrdinary) // sin x, not sinx
		}
		return j
	}
	switch name {
	case "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "textstyle", "limits", "nolimits":
		return j // sizes: the delimiter that follows is set as it is
	case "frac", "dfrac", "tfrac":
		num, next := s.argument(j, to)
		den, next := s.argument(next, to)
		s.part(num)
		s.text("/", false, texOpen)
		s.part(den)
		s.last = texOrdinary
		return next
	case "sqrt":
		if j < to && s.src[j] == '[' { // \sqrt[n]{x}: the root's index raised before it
			if end := strings.IndexByte(s.src[j:to], ']'); end > 0 {
				s.inline(&doc.Superscript{Pos: s.pos, Content: s.group(j+1, j+end)})
				j += end + 1
			}
		}
		arg, next := s.argument(j, to)
		s.text("√", false, texOpen)
		s.part(arg)
		s.last = texOrdinary
		return next
	case "text", "textrm", "mathrm", "operatorname", "textnormal", "mbox", "mathsf", "textsf":
		arg, next := s.argument(j, to)
		s.text(s.src[arg[0]:arg[1]], false, texOrdinary)
		return next
	case "textit", "mathit", "emph":
		arg, next := s.argument(j, to)
		s.text(s.src[arg[0]:arg[1]], true, texOrdinary)
		return next
	case "mathbf", "textbf", "boldsymbol", "bm":
		arg, next := s.argument(j, to)
		s.inline(&doc.Strong{Pos: s.pos, Content: s.group(arg[0], arg[1])})
		s.last = texOrdinary
		return next
	case "mathbb", "mathcal", "mathscr", "mathfrak":
		arg, next := s.argument(j, to)
		letters := map[string]map[rune]rune{"mathbb": doubleStruck, "mathcal": scriptLetters, "mathscr": scriptLetters, "mathfrak": frakturLetters}[name]
		var b strings.Builder
		for _, r := range s.src[arg[0]:arg[1]] {
			if d, ok := letters[r]; ok {
				r = d
			}
			b.WriteRune(r)
		}
		s.text(b.String(), false, texOrdinary)
		return next
	case "vec", "hat", "bar", "dot", "ddot", "tilde", "overline", "widehat", "widetilde":
		arg, next := s.argument(j, to)
		content := s.group(arg[0], arg[1])
		mark := map[string]string{"vec": "\u20D7", "hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
			"dot": "\u0307", "ddot": "\u0308", "tilde": "\u0303", "widetilde": "\u0303"}[name]
		s.inlines(content)
		s.text(mark, s.italic, texOrdinary)
		return next
	}
	s.unknown = append(s.unknown, "\\"+name)
	s.text("\\"+name, false, texOrdinary)
	return j
}

// group sets src[from:to] apart, as what an operator or a command takes
// (a script, a fraction's part, \mathbf's argument), and returns it; the
// commands it does not know are the formula's.
func (s *texSetter) group(from, to int) []doc.Inline {
	inner := &texSetter{src: s.src, pos: s.pos}
	inner.set(from, to)
	s.unknown = append(s.unknown, inner.unknown...)
	return inner.flush()
}

// part sets a fraction's numerator or denominator, or a root's radicand,
// in parentheses when it is more than one symbol.
func (s *texSetter) part(arg [2]int) {
	content := s.group(arg[0], arg[1])
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

// argument returns the bounds of the argument at src[i] (after any
// spaces): a group's inside, a command, or one character; and where
// the formula goes on after it.
func (s *texSetter) argument(i, to int) ([2]int, int) {
	for i < to && (s.src[i] == ' ' || s.src[i] == '\n' || s.src[i] == '\t') {
		i++
	}
	switch {
	case i >= to:
		return [2]int{to, to}, to
	case s.src[i] == '{':
		end := s.groupEnd(i, to)
		return [2]int{i + 1, end}, min(end+1, to)
	case s.src[i] == '\\':
		j := i + 1
		for j < to && unicode.IsLetter(rune(s.src[j])) {
			j++
		}
		if j == i+1 && j < to {
			j++
		}
		return [2]int{i, j}, j
	}
	_, size := utf8.DecodeRuneInString(s.src[i:])
	return [2]int{i, i + size}, i + size
}

// groupEnd returns the index of the brace that closes the group opening
// at src[i], or to when it is never closed.
func (s *texSetter) groupEnd(i, to int) int {
	depth := 0
	for j := i; j < to; j++ {
		switch s.src[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return to
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
	return mergeTexts(s.out)
}
