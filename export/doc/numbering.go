package doc

import (
	"strconv"
	"strings"
)

// Label returns the marker of an ordered list's item i (from 0) as the
// list writes it: "3.", "c)", "(iii)".
func (l *List) Label(i int) string {
	n := l.Start + i
	var s string
	switch l.Numbering {
	case LowerAlpha, UpperAlpha:
		s = alpha(n)
	case LowerRoman, UpperRoman:
		s = Roman(n)
	default:
		s = strconv.Itoa(n)
	}
	if l.Numbering == UpperAlpha || l.Numbering == UpperRoman {
		s = strings.ToUpper(s)
	}
	switch l.Delim {
	case OneParen:
		return s + ")"
	case TwoParens:
		return "(" + s + ")"
	}
	return s + "."
}

// alpha writes n (from 1) as CSS's lower-alpha does: a … z, aa, ab …;
// 0 and below in decimal.
func alpha(n int) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('a' + (n-1)%26)}, b...)
	}
	return string(b)
}

// Roman writes n (1 to 3999) in lower-case roman numerals; other numbers
// in decimal, as CSS's lower-roman does.
func Roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, d := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for ; n >= d.v; n -= d.v {
			b.WriteString(d.s)
		}
	}
	return b.String()
}

// numberingNames are each numbering's names: CSS's list-style-type (the
// first, String's) and its synonym, and HTML's ol type attribute.
var numberingNames = [...]struct{ css, cssSynonym, htmlType string }{
	Decimal:    {"decimal", "", "1"},
	LowerAlpha: {"lower-alpha", "lower-latin", "a"},
	UpperAlpha: {"upper-alpha", "upper-latin", "A"},
	LowerRoman: {"lower-roman", "", "i"},
	UpperRoman: {"upper-roman", "", "I"},
}

// String names the numbering as CSS's list-style-type does.
func (n Numbering) String() string {
	return numberingNames[n].css
}

// HTMLType is the type attribute of an HTML ol numbered so: "a", "I"…;
// "" for decimal, HTML's default.
func (n Numbering) HTMLType() string {
	if n == Decimal {
		return ""
	}
	return numberingNames[n].htmlType
}

// NumberingOfHTMLType is the numbering an HTML ol's type attribute
// ("1", "a", "A", "i", "I": case matters) asks for.
func NumberingOfHTMLType(t string) (Numbering, bool) {
	for n, names := range numberingNames {
		if t == names.htmlType {
			return Numbering(n), true
		}
	}
	return Decimal, false
}

// NumberingOfCSS is the numbering a CSS list-style-type (any case) names.
func NumberingOfCSS(name string) (Numbering, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for n, names := range numberingNames {
		if name == names.css || (name == names.cssSynonym && name != "") {
			return Numbering(n), true
		}
	}
	return Decimal, false
}

// String names the delimiter.
func (d NumberDelim) String() string {
	return [...]string{"period", "one-paren", "two-parens"}[d]
}
