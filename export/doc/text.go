package doc

import "strings"

// PlainText returns the text of inline content without markup: what a
// table-of-contents entry, an alt text or an id generator needs. Images give
// their alt text; footnote references and raw HTML give nothing.
func PlainText(content []Inline) string {
	var b strings.Builder
	writePlain(&b, content)
	return b.String()
}

func writePlain(b *strings.Builder, content []Inline) {
	for _, n := range content {
		switch n := n.(type) {
		case *Text:
			b.WriteString(n.Value)
		case *Code:
			b.WriteString(n.Value)
		case *Emphasis:
			writePlain(b, n.Content)
		case *Strong:
			writePlain(b, n.Content)
		case *Strikethrough:
			writePlain(b, n.Content)
		case *Superscript:
			writePlain(b, n.Content)
		case *Subscript:
			writePlain(b, n.Content)
		case *Span:
			writePlain(b, n.Content)
		case *Link:
			writePlain(b, n.Content)
		case *Image:
			b.WriteString(n.Alt)
		case *LineBreak:
			b.WriteByte(' ')
		}
	}
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
