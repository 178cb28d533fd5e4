package pdf

import "testing"

func TestNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {1.5, "1.5"}, {-1.5, "-1.5"}, {12.3456, "12.346"}, {0.1, "0.1"},
		{-0.0004, "0"}, {-0.0006, "-0.001"}, {841.89, "841.89"}, {999.9996, "1000"}, {1e13, "0"},
	} {
		if got := string(num(nil, c.v)); got != c.want {
			t.Errorf("num(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestStrings(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{textString(`Hanoi (2019) \\ x`), `(Hanoi \(2019\) \\\\ x)`},
		{textString("Hà Nội"), "<FEFF004800E00020004E1ED90069>"},
		{textString("😀"), "<FEFFD83DDE00>"},
		{name("Noto Serif#1"), "/Noto#20Serif#231"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
