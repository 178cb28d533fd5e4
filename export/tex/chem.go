package tex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// chemistry reads mhchem's \ce{…} as chemists write it, the common part
// of its syntax: elements and state symbols upright (H2O, (aq)), a
// count after an element or a bracket lowered (H2SO4), a charge after
// one raised (Na+, SO4^2-, Fe^{3+}), a leading coefficient as it is
// (2H2), " + " a sum, arrows (->, <-, <->, <=>) relations, and . or *
// inside a formula the dot of a hydrate (CuSO4.5H2O).
func chemistry(src string) []Node {
	var out []Node
	attached := false // the last node takes a count or a charge
	add := func(n Node, takes bool) {
		out = append(out, n)
		attached = takes
	}
	for i := 0; i < len(src); {
		c := src[i]
		rest := src[i:]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			attached = false
			i++
		case strings.HasPrefix(rest, "<=>"):
			add(&Atom{Text: "⇌", Kind: Relation}, false)
			i += 3
		case strings.HasPrefix(rest, "<->"):
			add(&Atom{Text: "↔", Kind: Relation, Stretchy: true}, false)
			i += 3
		case strings.HasPrefix(rest, "->"):
			add(&Atom{Text: "→", Kind: Relation, Stretchy: true}, false)
			i += 2
		case strings.HasPrefix(rest, "<-"):
			add(&Atom{Text: "←", Kind: Relation, Stretchy: true}, false)
			i += 2
		case c == '^' || c == '_':
			arg, next := chemScript(src, i+1)
			out = attachScript(out, c == '^', []Node{&Text{Text: arg}})
			attached, i = false, next
		case (c == '+' || c == '-') && attached && chargeEnds(src, i+1):
			out = attachScript(out, true, []Node{&Text{Text: chargeText(string(c))}})
			attached = false
			i++
		case c == '+':
			add(&Atom{Text: "+", Kind: Binary}, false)
			i++
		case c == '=':
			add(&Atom{Text: "=", Kind: Relation}, false)
			i++
		case (c == '.' || c == '*') && attached:
			add(&Atom{Text: "⋅", Kind: Binary}, false)
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			if attached { // H2: a count
				out = attachScript(out, false, []Node{&Atom{Text: src[i:j], Kind: Number}})
			} else { // 2H2O: a coefficient
				add(&Atom{Text: src[i:j], Kind: Number}, false)
			}
			i = j
		case c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(src) && src[j] >= 'a' && src[j] <= 'z' {
				j++
			}
			add(&Atom{Text: src[i:j], Kind: Ident}, true) // an element, upright
			i = j
		case c == '(' || c == '[':
			if end := strings.IndexByte(rest, map[byte]byte{'(': ')', '[': ']'}[c]); end > 0 && isState(rest[1:end]) {
				add(&Text{Text: rest[:end+1]}, false) // (aq), (s)
				i += end + 1
				continue
			}
			add(&Atom{Text: string(c), Kind: Open}, false)
			i++
		case c == ')' || c == ']':
			add(&Atom{Text: string(c), Kind: Close}, true)
			i++
		default:
			r, size := utf8.DecodeRuneInString(rest)
			if unicode.IsLetter(r) {
				add(&Atom{Text: string(r), Kind: Ident}, true)
			} else {
				add(charAtom(r), false)
			}
			i += size
		}
	}
	return out
}

// chemScript reads a script's argument at src[i]: a group's inside, or a
// run of digits and signs (SO4^2-).
func chemScript(src string, i int) (string, int) {
	if i < len(src) && src[i] == '{' {
		if end := strings.IndexByte(src[i:], '}'); end > 0 {
			return chargeText(src[i+1 : i+end]), i + end + 1
		}
	}
	j := i
	for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '+' || src[j] == '-') {
		j++
	}
	return chargeText(src[i:j]), j
}

// chargeText is a charge or a count with a minus sign for its hyphen.
func chargeText(s string) string { return strings.ReplaceAll(s, "-", "−") }

// chargeEnds reports whether a + or - before src[i] ends a formula (Na+
// and Cl-, not a sum or a bond): at the end, before a space, a bracket
// or a script.
func chargeEnds(src string, i int) bool {
	return i >= len(src) || strings.IndexByte(" \t\n)]}^_", src[i]) >= 0
}

// isState reports a state symbol's inside: s, l, g, aq.
func isState(s string) bool { return s == "s" || s == "l" || s == "g" || s == "aq" }
