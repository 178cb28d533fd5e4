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
		case *Link:
			writePlain(b, n.Content)
		case *Image:
			b.WriteString(n.Alt)
		case *LineBreak:
			b.WriteByte(' ')
		}
	}
}
