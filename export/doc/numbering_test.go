package doc

import (
	"strings"
	"testing"
)

// TestListLabel: an ordered list's markers in each numbering and
// delimiter, past z and into large roman numerals.
func TestListLabel(t *testing.T) {
	for _, c := range []struct {
		l    List
		i    int
		want string
	}{
		{List{Start: 1}, 2, "3."},
		{List{Start: 1, Delim: OneParen}, 0, "1)"},
		{List{Start: 1, Numbering: LowerAlpha, Delim: OneParen}, 2, "c)"},
		{List{Start: 26, Numbering: LowerAlpha}, 0, "z."},
		{List{Start: 26, Numbering: LowerAlpha}, 1, "aa."},
		{List{Start: 1, Numbering: UpperAlpha, Delim: TwoParens}, 27, "(AB)"},
		{List{Start: 4, Numbering: LowerRoman, Delim: TwoParens}, 0, "(iv)"},
		{List{Start: 1, Numbering: UpperRoman}, 1993, "MCMXCIV."},
		{List{Start: 0, Numbering: LowerRoman}, 0, "0."},
		{List{Start: 0, Numbering: LowerAlpha}, 0, "0."},
	} {
		if got := c.l.Label(c.i); got != c.want {
			t.Errorf("%v %v from %d, item %d: %q, want %q", c.l.Numbering, c.l.Delim, c.l.Start, c.i, got, c.want)
		}
	}
}

// TestNumberingNames: every numbering's HTML type and CSS names lead back
// to it; HTML's type is case-sensitive, CSS's names are not.
func TestNumberingNames(t *testing.T) {
	for n := Decimal; n <= UpperRoman; n++ {
		typ := n.HTMLType()
		if n == Decimal {
			typ = "1"
		}
		if got, ok := NumberingOfHTMLType(typ); !ok || got != n {
			t.Errorf("type %q: %v, %v; want %v", typ, got, ok, n)
		}
		if got, ok := NumberingOfCSS(" " + strings.ToUpper(n.String()) + " "); !ok || got != n {
			t.Errorf("CSS %q: %v, %v; want %v", n.String(), got, ok, n)
		}
	}
	if Decimal.HTMLType() != "" {
		t.Errorf("decimal has type %q, want none (HTML's default)", Decimal.HTMLType())
	}
	for _, c := range []struct {
		name string
		css  bool
		want Numbering
		ok   bool
	}{
		{"lower-latin", true, LowerAlpha, true},
		{"upper-latin", true, UpperAlpha, true},
		{"disc", true, Decimal, false},
		{"", true, Decimal, false},
		{"x", false, Decimal, false},
		{"", false, Decimal, false},
	} {
		var got Numbering
		var ok bool
		if c.css {
			got, ok = NumberingOfCSS(c.name)
		} else {
			got, ok = NumberingOfHTMLType(c.name)
		}
		if got != c.want || ok != c.ok {
			t.Errorf("%q (css %v): %v, %v; want %v, %v", c.name, c.css, got, ok, c.want, c.ok)
		}
	}
}
