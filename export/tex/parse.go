package tex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parser reads one formula.
type parser struct {
	src     string
	unknown []string
}

// row reads src[from:to].
func (p *parser) row(from, to int) []Node {
	var out []Node
	for i := from; i < to; {
		c := p.src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~' || c == '&':
			i++ // TeX's math ignores spaces; ~ and & (alignment) as nothing
		case c == '{':
			end := p.groupEnd(i, to)
			out = append(out, &Group{Body: p.row(i+1, end)})
			i = min(end+1, to)
		case c == '}':
			i++ // unbalanced: dropped
		case c == '^' || c == '_':
			arg, next := p.argument(i+1, to)
			out = attachScript(out, c == '^', arg)
			i = next
		case c == '\\':
			var ns []Node
			ns, i = p.command(i, to)
			out = append(out, ns...)
		case c >= '0' && c <= '9':
			j := i + 1
			for j < to && (isDigit(p.src[j]) || p.src[j] == '.' && j+1 < to && isDigit(p.src[j+1])) {
				j++
			}
			out = append(out, &Atom{Text: p.src[i:j], Kind: Number})
			i = j
		default:
			r, size := utf8.DecodeRuneInString(p.src[i:])
			out = append(out, charAtom(r))
			i += size
		}
	}
	return fractionAtInfix(out)
}

// fractionAtInfix returns a row with an infix fraction (a \over b,
// {n \choose k}) as the fraction of what comes before it over what
// comes after it, as TeX sets the group it is in; a row without one as
// it is.
func fractionAtInfix(row []Node) []Node {
	for k, n := range row {
		if in, ok := n.(*infix); ok {
			return []Node{&Frac{Num: row[:k], Den: fractionAtInfix(row[k+1:]), Binomial: in.binomial}}
		}
	}
	return row
}

// infix is \over or \choose, before the row it is in is read whole: an
// infix never leaves the parser.
type infix struct{ binomial bool }

func (*infix) node() {}

// attachScript gives the last of out (its base) a superscript or a
// subscript, or a script without a base when out is empty.
func attachScript(out []Node, sup bool, arg []Node) []Node {
	var s *Script
	n := len(out)
	switch last, ok := lastScript(out); {
	case ok && (sup && !last.HasSup || !sup && !last.HasSub):
		s = last // x_i^2: both scripts of x
	case n > 0:
		s = &Script{Base: out[n-1]}
		out[n-1] = s
	default:
		s = &Script{}
		out = append(out, s)
	}
	if sup {
		s.Sup, s.HasSup = arg, true
	} else {
		s.Sub, s.HasSub = arg, true
	}
	return out
}

// lastScript returns the last of out when it is a script.
func lastScript(out []Node) (*Script, bool) {
	if len(out) == 0 {
		return nil, false
	}
	s, ok := out[len(out)-1].(*Script)
	return s, ok
}

// charAtom is a character of the formula as an atom.
func charAtom(r rune) *Atom {
	s := string(r)
	switch {
	case r == '-':
		return &Atom{Text: "−", Kind: Binary}
	case r == '*':
		return &Atom{Text: "∗", Kind: Binary}
	case r == '+':
		return &Atom{Text: s, Kind: Binary}
	case r == '=' || r == '<' || r == '>':
		return &Atom{Text: s, Kind: Relation}
	case r == '\'':
		return &Atom{Text: "′", Kind: Symbol}
	case r == ',' || r == ';':
		return &Atom{Text: s, Kind: Punct}
	case r == '(' || r == '[':
		return &Atom{Text: s, Kind: Open}
	case r == ')' || r == ']':
		return &Atom{Text: s, Kind: Close}
	case isLatinLetter(r):
		return &Atom{Text: s, Kind: Ident, Italic: true}
	case unicode.IsLetter(r):
		return &Atom{Text: s, Kind: Ident}
	case unicode.IsDigit(r):
		return &Atom{Text: s, Kind: Number}
	}
	return &Atom{Text: s, Kind: Symbol}
}

// command reads the command at src[i] (a backslash) with its arguments,
// and returns where the formula goes on.
func (p *parser) command(i, to int) ([]Node, int) {
	j := i + 1
	for j < to && isASCIILetter(p.src[j]) {
		j++
	}
	if j == i+1 && j < to { // a one-character command: \, \{ \\ …
		_, size := utf8.DecodeRuneInString(p.src[j:])
		j += size
	}
	name := p.src[i+1 : j]
	if sym, ok := symbols[name]; ok {
		return []Node{symbolAtom(name, sym)}, j
	}
	if sym, ok := binaries[name]; ok {
		return []Node{&Atom{Text: sym, Kind: Binary}}, j
	}
	if sym, ok := relations[name]; ok {
		return []Node{&Atom{Text: sym, Kind: Relation}}, j
	}
	if functions[name] {
		k := skipSpaces(p.src, j, to)
		r, _ := utf8.DecodeRuneInString(p.src[k:to])
		applied := k < to && (r == '\\' || unicode.IsLetter(r) || unicode.IsDigit(r))
		return []Node{&Atom{Text: name, Kind: Function, Large: largeOperators[name], Applied: applied}}, j
	}
	if letters, ok := letterStyles[name]; ok {
		arg, next := p.bounds(j, to)
		out := []rune{}
		for _, r := range p.src[arg[0]:arg[1]] {
			if d, ok := letters[r]; ok {
				r = d
			}
			out = append(out, r)
		}
		return []Node{&Atom{Text: string(out), Kind: Ident}}, next
	}
	if a, ok := accents[name]; ok && strings.HasPrefix(name, "over") && len(name) > len("overline") {
		body, next := p.argument(j, to) // \overrightarrow{AB}: an arrow as wide as its body
		return []Node{&Accent{Body: body, Combining: a.combining, Spacing: a.spacing, Wide: true}}, next
	}
	if a, ok := accents[name]; ok {
		body, next := p.argument(j, to)
		return []Node{&Accent{Body: body, Combining: a.combining, Spacing: a.spacing}}, next
	}
	if j < to && p.src[j] == '*' && (name == "operatorname" || name == "tag" || name == "hspace" || name == "vspace") {
		name, j = name+"*", j+1 // \operatorname*{argmax}, \tag*{A}: the starred form
	}
	switch name {
	case "*", "'": // a Markdown escape in the TeX (kramdown's sites write $\mu^{\*}$, $f'\'$ for * and '): what it escapes
		return []Node{charAtom(rune(name[0]))}, j
	case "over", "choose":
		return []Node{&infix{binomial: name == "choose"}}, j
	case "left", "right", "middle":
		k := skipSpaces(p.src, j, to)
		if k < to && p.src[k] == '.' {
			return nil, k + 1 // \left. : no delimiter
		}
		ns, next := p.argument(k, to) // the delimiter: ( or \langle
		if len(ns) == 1 {
			if a, ok := ns[0].(*Atom); ok {
				a.Stretchy = true
			}
		}
		return ns, next
	case "displaystyle", "textstyle": // the rest of the group, in that style
		return []Node{&Style{Display: name == "displaystyle", Body: p.row(j, to)}}, to
	case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
		"bigm", "Bigm", "biggm", "Biggm", "limits", "nolimits":
		return nil, j // sizes and styles
	case "begin":
		return p.environment(j, to)
	case "end": // one that closes no environment tex read
		arg, next := p.bounds(j, to)
		name := `\end{` + p.src[arg[0]:arg[1]] + `}`
		p.unknown = append(p.unknown, name)
		return []Node{&Unknown{Name: name}}, next
	case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
		num, next := p.argument(j, to)
		den, next := p.argument(next, to)
		f := &Frac{Num: num, Den: den, Binomial: strings.HasSuffix(name, "binom")}
		switch name {
		case "dfrac", "dbinom", "cfrac":
			return []Node{&Style{Display: true, Body: []Node{f}}}, next
		case "tfrac", "tbinom":
			return []Node{&Style{Body: []Node{f}}}, next
		}
		return []Node{f}, next
	case "phantom", "hphantom", "vphantom":
		body, next := p.argument(j, to)
		return []Node{&Phantom{Body: body, Width: name != "vphantom", Height: name != "hphantom"}}, next
	case "eqref", "ref": // a label's number, once passes.NumberEquations has put it in place of the command
		arg, next := p.bounds(j, to)
		label := p.src[arg[0]:arg[1]]
		if name == "eqref" {
			label = "(" + label + ")"
		}
		return []Node{&Text{Text: label}}, next
	case "boxed", "fbox":
		body, next := p.argument(j, to)
		return []Node{&Boxed{Body: body}}, next
	case "overset", "stackrel", "underset":
		over, next := p.argument(j, to)
		base, next := p.argument(next, to)
		s := &Script{Base: &Group{Body: base}, Limits: true}
		if len(base) == 1 { // \overset{!}{=} is a relation, as = is
			s.Base = base[0]
		}
		if name == "underset" {
			s.Sub, s.HasSub = over, true
		} else {
			s.Sup, s.HasSup = over, true
		}
		return []Node{s}, next
	case "xrightarrow", "xleftarrow", "xLeftrightarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow":
		arrow := map[string]string{"xrightarrow": "→", "xleftarrow": "←", "xleftrightarrow": "↔",
			"xRightarrow": "⇒", "xLeftarrow": "⇐", "xLeftrightarrow": "⇔"}[name]
		s := &Script{Base: &Atom{Text: arrow, Kind: Relation, Stretchy: true}, Limits: true}
		if j < to && p.src[j] == '[' { // \xrightarrow[below]{above}
			if end := p.closing(j, to, ']'); end > 0 {
				s.Sub, s.HasSub = p.row(j+1, end), true
				j = end + 1
			}
		}
		s.Sup, j = p.argument(j, to)
		s.HasSup = true
		return []Node{s}, j
	case "not": // \not= is ≠, \not\in ∉; another relation struck through
		ns, next := p.argument(j, to)
		if len(ns) == 1 {
			if a, ok := ns[0].(*Atom); ok {
				if neg, ok := negated[a.Text]; ok {
					a.Text = neg
				} else {
					a.Text += "\u0338"
				}
			}
		}
		return ns, next
	case "operatorname*":
		arg, next := p.bounds(j, to)
		return []Node{&Atom{Text: p.src[arg[0]:arg[1]], Kind: Function, Large: true}}, next
	case "pmod":
		arg, next := p.argument(j, to)
		out := []Node{&Atom{Text: "\u2003", Kind: Space, Em: 1}, &Atom{Text: "(", Kind: Open}, &Atom{Text: "mod", Kind: Function, Applied: true}}
		return append(append(out, arg...), &Atom{Text: ")", Kind: Close}), next
	case "tag", "tag*":
		arg, next := p.bounds(j, to)
		label := "(" + p.src[arg[0]:arg[1]] + ")"
		if name == "tag*" { // \tag*{A}: the label as written
			label = p.src[arg[0]:arg[1]]
		}
		return []Node{&Atom{Text: "\u2003", Kind: Space, Em: 1}, &Text{Text: label, Tag: true}}, next
	case "label", "hspace", "hspace*", "vspace", "vspace*":
		_, next := p.bounds(j, to)
		if strings.HasPrefix(name, "hspace") {
			return []Node{&Atom{Text: "\u2003", Kind: Space, Em: 1}}, next
		}
		return nil, next // a label names the formula, for no link of ours; \vspace in a formula is none
	case "nonumber", "notag", "mathop", "mathrel", "mathbin", "mathord", "mathstrut", "strut":
		return nil, j
	case "substack":
		arg, next := p.bounds(j, to)
		return []Node{&Table{Rows: p.cells(arg[0], arg[1], false), Align: "c", Lines: false}}, next
	case "ce":
		arg, next := p.bounds(j, to)
		return chemistry(p.src[arg[0]:arg[1]]), next
	case "sqrt":
		var index []Node
		if j < to && p.src[j] == '[' { // \sqrt[n]{x}
			if end := p.closing(j, to, ']'); end > 0 {
				index = p.row(j+1, end)
				j = end + 1
			}
		}
		radicand, next := p.argument(j, to)
		return []Node{&Root{Index: index, Radicand: radicand}}, next
	case "text", "textrm", "mathrm", "operatorname", "textnormal", "mbox", "mathsf", "textsf":
		arg, next := p.bounds(j, to)
		return []Node{&Text{Text: p.src[arg[0]:arg[1]]}}, next
	case "textit", "mathit", "emph":
		arg, next := p.bounds(j, to)
		return []Node{&Text{Text: p.src[arg[0]:arg[1]], Italic: true}}, next
	case "underbrace", "overbrace":
		body, next := p.argument(j, to)
		return []Node{&Brace{Body: body, Over: name == "overbrace"}}, next
	case "textcolor", "colorbox":
		color, next := p.bounds(j, to)
		c := p.color(p.src[color[0]:color[1]])
		if name == "colorbox" { // its argument is text
			arg, after := p.bounds(next, to)
			c.Ground, c.Body = true, []Node{&Text{Text: p.src[arg[0]:arg[1]]}}
			return []Node{c}, after
		}
		c.Body, next = p.argument(next, to)
		return []Node{c}, next
	case "color": // the rest of the group
		color, next := p.bounds(j, to)
		c := p.color(p.src[color[0]:color[1]])
		c.Body = p.row(next, to)
		return []Node{c}, to
	case "underline":
		body, next := p.argument(j, to)
		return []Node{&Accent{Body: body, Combining: "\u0332", Spacing: "_", Under: true}}, next
	case "LaTeX", "TeX":
		return []Node{&Text{Text: name}}, j
	case "mathbf", "textbf", "boldsymbol", "bm":
		body, next := p.argument(j, to)
		return []Node{&Bold{Body: body}}, next
	case "bf": // plain TeX's switches, to the end of the group
		return []Node{&Bold{Body: p.row(j, to)}}, to
	case "rm":
		if rest := strings.TrimSpace(p.src[j:to]); rest != "" && !strings.ContainsAny(rest, `\^_{}&`) {
			return []Node{&Text{Text: rest}}, to // {\rm Var}: upright text
		}
		return p.row(j, to), to
	case "it":
		return p.row(j, to), to
	}
	p.unknown = append(p.unknown, "\\"+name)
	return []Node{&Unknown{Name: "\\" + name}}, j
}

// environment reads \begin{name}…\end{name} from src[i], after the
// \begin: a table for the environments tex knows, else an Unknown
// (\begin{name}) followed by its content as any other.
func (p *parser) environment(i, to int) ([]Node, int) {
	arg, next := p.bounds(i, to)
	name := p.src[arg[0]:arg[1]]
	if equations[name] {
		end, after := p.environmentEnd(next, to, name)
		return []Node{&Group{Body: p.row(next, end)}}, after
	}
	env, ok := environments[name]
	if !ok {
		p.unknown = append(p.unknown, `\begin{`+name+`}`)
		return []Node{&Unknown{Name: `\begin{` + name + `}`}}, next
	}
	t := &Table{Env: name, Open: env.open, Close: env.close, Align: env.align, Lines: env.lines}
	if strings.HasPrefix(name, "alignat") { // its pairs of columns: \begin{alignat}{2}
		_, next = p.bounds(next, to)
	}
	if name == "array" { // its columns: \begin{array}{lcr}
		spec, after := p.bounds(next, to)
		if align := strings.Map(func(r rune) rune {
			if r == 'l' || r == 'c' || r == 'r' {
				return r
			}
			return -1
		}, p.src[spec[0]:spec[1]]); align != "" {
			t.Align = align
		}
		next = after
	}
	end, after := p.environmentEnd(next, to, name)
	t.Rows = p.cells(next, end, true)
	return []Node{t}, after
}

// environmentEnd returns the bounds of the \end{name} that closes the
// environment whose content starts at src[i] (to, to when none does).
func (p *parser) environmentEnd(i, to int, name string) (int, int) {
	begin, end := `\begin{`+name+`}`, `\end{`+name+`}`
	depth := 0
	for ; i < to; i++ {
		if p.src[i] != '\\' {
			continue
		}
		switch rest := p.src[i:to]; {
		case strings.HasPrefix(rest, begin):
			depth++
		case strings.HasPrefix(rest, end) && depth == 0:
			return i, i + len(end)
		case strings.HasPrefix(rest, end):
			depth--
		}
		i++ // past the escaped character
	}
	return to, to
}

// cells reads a table's content src[from:to]: rows ended by \\ (and its
// optional space, \\[2pt]), \newline or plain TeX's \cr, cells by & (when columns is
// set), outside groups and inner environments. A last row left empty by
// a closing \\ is none.
func (p *parser) cells(from, to int, columns bool) [][][]Node {
	var rows [][][]Node
	var row [][]Node
	start, depth := from, 0
	for i := from; i < to; i++ {
		switch c := p.src[i]; {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '&' && depth == 0 && columns:
			row = append(row, p.row(start, i))
			start = i + 1
		case c == '\\' && depth == 0 && strings.HasPrefix(p.src[i:to], `\begin{`):
			arg, next := p.bounds(i+len(`\begin`), to)
			_, after := p.environmentEnd(next, to, p.src[arg[0]:arg[1]])
			i = after - 1
		case c == '\\' && depth == 0 && (i+1 < to && p.src[i+1] == '\\' || isCommand(p.src[i:to], `\newline`) || isCommand(p.src[i:to], `\cr`)):
			rows = append(rows, append(row, p.row(start, i)))
			row = nil
			switch {
			case isCommand(p.src[i:to], `\newline`):
				i += len(`\newline`)
			case isCommand(p.src[i:to], `\cr`): // plain TeX's
				i += len(`\cr`)
			default:
				i += 2
			}
			if k := skipSpaces(p.src, i, to); k < to && p.src[k] == '[' {
				if end := p.closing(k, to, ']'); end > 0 {
					i = end + 1
				}
			}
			start = i
			i--
		case c == '\\':
			i++ // an escaped character
		}
	}
	last := p.row(start, to)
	if len(row) > 0 || len(last) > 0 || len(rows) == 0 {
		rows = append(rows, append(row, last))
	}
	return rows
}

// color returns a colour of the name given; one it does not know is
// unknown (the formula is set in its own colour).
func (p *parser) color(name string) *Color {
	c := &Color{Name: strings.TrimSpace(name)}
	if _, _, _, ok := c.RGB(); !ok {
		p.unknown = append(p.unknown, "colour "+strconv.Quote(c.Name))
	}
	return c
}

// symbolAtom is the atom of the symbol command name, sym its character.
func symbolAtom(name, sym string) *Atom {
	a := &Atom{Text: sym, Kind: Symbol, Large: largeOperators[name]}
	first, _ := utf8.DecodeRuneInString(sym)
	opens, bracket := brackets[name]
	switch {
	case spaces[name] != 0:
		a.Kind, a.Em = Space, spaces[name]
	case bracket && opens:
		a.Kind = Open
	case bracket:
		a.Kind = Close
	case unicode.Is(unicode.Greek, first):
		a.Kind, a.Italic = Ident, unicode.IsLower(first)
	case unicode.IsLetter(first): // ℝ, ℓ, ℏ
		a.Kind = Ident
	}
	return a
}

// argument reads the argument at src[i], after any spaces: a group, a
// command with its own arguments, or one character. It returns where
// the formula goes on after it.
func (p *parser) argument(i, to int) ([]Node, int) {
	i = skipSpaces(p.src, i, to)
	if i < to && p.src[i] == '\\' {
		ns, next := p.command(i, to)
		if len(ns) == 1 {
			if _, ok := ns[0].(*infix); ok { // x^\over: nothing to divide
				name := p.src[i:next]
				p.unknown = append(p.unknown, name)
				return []Node{&Unknown{Name: name}}, next
			}
		}
		return ns, next
	}
	arg, next := p.bounds(i, to)
	return p.row(arg[0], arg[1]), next
}

// bounds returns the bounds of the argument at src[i] (after any
// spaces) as written: a group's inside, a command's name, or one
// character; and where the formula goes on after it.
func (p *parser) bounds(i, to int) ([2]int, int) {
	i = skipSpaces(p.src, i, to)
	switch {
	case i >= to:
		return [2]int{to, to}, to
	case p.src[i] == '{':
		end := p.groupEnd(i, to)
		return [2]int{i + 1, end}, min(end+1, to)
	case p.src[i] == '\\':
		j := i + 1
		for j < to && isASCIILetter(p.src[j]) {
			j++
		}
		if j == i+1 && j < to {
			j++
		}
		return [2]int{i, j}, j
	}
	_, size := utf8.DecodeRuneInString(p.src[i:])
	return [2]int{i, i + size}, i + size
}

// groupEnd returns the index of the brace that closes the group opening
// at src[i], or to when it is never closed.
func (p *parser) groupEnd(i, to int) int {
	if end := p.closing(i, to, '}'); end >= 0 {
		return end
	}
	return to
}

// closing returns the index of the first closer (a brace or a bracket)
// after src[i] outside groups and escapes, or -1 when none is before to.
func (p *parser) closing(i, to int, closer byte) int {
	depth := 0
	for j := i + 1; j < to; j++ {
		switch c := p.src[j]; {
		case c == '\\':
			j++
		case c == '{':
			depth++
		case c == closer && depth == 0:
			return j
		case c == '}':
			depth--
		}
	}
	return -1
}

// skipSpaces returns the index of the first byte from i on that is not
// a space.
func skipSpaces(s string, i, to int) int {
	for i < to && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// isCommand reports whether s starts with the command name, not a
// longer one (\newline, not \newlines).
func isCommand(s, name string) bool {
	return strings.HasPrefix(s, name) && (len(s) == len(name) || !isASCIILetter(s[len(name)]))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
