package doc

import "testing"

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
