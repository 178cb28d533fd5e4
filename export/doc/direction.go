package doc

import "unicode"

// StrongDirection is the direction a character gives the paragraph it
// starts (UAX #9, P2): 1 right to left (Hebrew, Arabic and the other
// scripts of bidi classes R and AL), -1 left to right (other letters), 0
// none (digits, punctuation, symbols, spaces).
func StrongDirection(r rune) int {
	switch {
	case r < 0x80:
		if unicode.IsLetter(r) {
			return -1
		}
		return 0
	case unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko, unicode.Samaritan, unicode.Mandaic, unicode.Adlam):
		if unicode.IsLetter(r) || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF {
			return 1
		}
		return 0
	case unicode.IsLetter(r):
		return -1
	}
	return 0
}

// FirstStrong is the StrongDirection of the first character of s that
// has one, 0 when none has.
func FirstStrong(s string) int {
	for _, r := range s {
		if d := StrongDirection(r); d != 0 {
			return d
		}
	}
	return 0
}

// Direction reports whether a block's text, its words and inline code
// in reading order, starts with a right-to-left character (FirstStrong),
// and whether it has a strongly directional character at all: the
// direction the block takes when its text decides it, as HTML's
// dir="auto" and GitHub's rendering of Markdown do. Both renderers set a
// list item, a quote or a callout whose text is Arabic in an English
// document right to left by it, and a paragraph by its own text. A div
// with a dir attribute of rtl or ltr has that direction, as its text.
func Direction(n Node) (rtl, found bool) {
	var d firstStrongText
	Inspect(n, d.visit)
	return d.dir == 1, d.dir != 0
}

// InlinesDirection is Direction for a block's inline content.
func InlinesDirection(content []Inline) (rtl, found bool) {
	var d firstStrongText
	for _, in := range content {
		if d.dir != 0 {
			break
		}
		Inspect(in, d.visit)
	}
	return d.dir == 1, d.dir != 0
}

// firstStrongText finds the first strongly directional character of the
// texts it visits.
type firstStrongText struct{ dir int }

func (d *firstStrongText) visit(n Node) bool {
	if d.dir != 0 {
		return false
	}
	switch x := n.(type) {
	case *Text:
		d.dir = FirstStrong(x.Value)
	case *Code:
		d.dir = FirstStrong(x.Value)
	case *Div:
		if rtl, found := x.Attr.Direction(); found { // its dir attribute decides
			d.dir = -1
			if rtl {
				d.dir = 1
			}
		}
	}
	return d.dir == 0
}
