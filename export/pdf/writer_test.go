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

// TestGlyphCodesInLiteralStrings checks that every glyph id reads back
// from the literal string it is written in, by the rules of ISO 32000-1
// 7.3.4.2: escapes, and an unescaped end of line read as a line feed.
func TestGlyphCodesInLiteralStrings(t *testing.T) {
	var b []byte
	for id := range 1 << 16 {
		b = appendCodeBytes(b, uint16(id))
	}
	var got []byte
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\':
			i++
			switch b[i] {
			case 'r':
				got = append(got, '\r')
			case 'n':
				got = append(got, '\n')
			case '(', ')', '\\':
				got = append(got, b[i])
			default:
				t.Fatalf("byte %d: escape \\%c", i, b[i])
			}
		case c == '(' || c == ')':
			t.Fatalf("byte %d: unescaped %q", i, c)
		case c == '\r':
			t.Fatalf("byte %d: unescaped carriage return", i)
		default:
			got = append(got, c)
		}
	}
	if len(got) != 2<<16 {
		t.Fatalf("%d bytes read back, want %d", len(got), 2<<16)
	}
	for id := range 1 << 16 {
		if back := uint16(got[2*id])<<8 | uint16(got[2*id+1]); back != uint16(id) {
			t.Fatalf("glyph %d reads back as %d", id, back)
		}
	}
}
