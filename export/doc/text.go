package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// PlainText returns the text of inline content without markup: what a
// table-of-contents entry, an alt text or an id generator needs. Images give
// their alt text; footnote references and raw HTML give nothing.
func PlainText(content []Inline) string {
	var b strings.Builder
	eachPlain(content, func(s string) bool {
		b.WriteString(s)
		return true
	})
	return b.String()
}

// LastRune is the last character of the plain text of content that is
// not white space, or 0 when it has none: what PlainText, trimmed, ends
// with, found without copying the text (the layout asks it of every
// paragraph).
func LastRune(content []Inline) rune {
	var last rune
	eachPlain(content, func(s string) bool {
		if s = strings.TrimRightFunc(s, unicode.IsSpace); s != "" {
			last, _ = utf8.DecodeLastRuneInString(s)
		}
		return true
	})
	return last
}

// eachPlain calls f with each piece of the plain text of content, in
// order, until f returns false; it reports whether f went to the end.
func eachPlain(content []Inline, f func(string) bool) bool {
	for _, n := range content {
		var more bool
		switch n := n.(type) {
		case *Text:
			more = f(n.Value)
		case *Code:
			more = f(n.Value)
		case *Emphasis:
			more = eachPlain(n.Content, f)
		case *Strong:
			more = eachPlain(n.Content, f)
		case *Strikethrough:
			more = eachPlain(n.Content, f)
		case *Superscript:
			more = eachPlain(n.Content, f)
		case *Subscript:
			more = eachPlain(n.Content, f)
		case *Span:
			more = eachPlain(n.Content, f)
		case *Link:
			more = eachPlain(n.Content, f)
		case *Image:
			more = f(n.Alt)
		case *LineBreak:
			more = f(" ")
		default:
			more = true
		}
		if !more {
			return false
		}
	}
	return true
}

// LinkScheme returns the scheme of a link's URL in lower case: "" for a
// link inside the document (#id) or to a relative path.
func LinkScheme(raw string) string {
	raw = strings.TrimSpace(raw)
	for i, c := range raw {
		switch {
		case c == ':' && i > 0:
			return strings.ToLower(raw[:i])
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// Followable reports whether a link with this scheme may be followed out
// of the document, in print and in the e-book: the web and mail. Any other
// (javascript:, data:, file:, tel:…) is left out of both outputs, its text
// kept.
func Followable(scheme string) bool {
	switch scheme {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// TextSize is the bytes of text n holds, whatever its kind: its words,
// inline and block code, and raw HTML. The renderers size their work by
// it (the layout's parts, the e-book's files).
func TextSize(n Node) int {
	if size, leaf := ownText(n); leaf {
		return size // no walk (whose visitor is an allocation) for a leaf, the most of a paragraph's inlines
	}
	size := 0
	Inspect(n, func(x Node) bool {
		own, _ := ownText(x)
		size += own
		return true
	})
	return size
}

// ownText is the bytes of text n holds itself, and whether n is a leaf
// that holds text (it has no children).
func ownText(n Node) (int, bool) {
	switch x := n.(type) {
	case *Text:
		return len(x.Value), true
	case *Code:
		return len(x.Value), true
	case *CodeBlock:
		return len(x.Text), true
	case *RawHTML:
		return len(x.HTML), true
	}
	return 0, false
}
