package epub

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// xmlBuffer builds an XML document. Every string that reaches it through
// text or attr is escaped, and characters XML cannot carry are dropped, so
// the output is well-formed whatever the input.
type xmlBuffer struct {
	bytes.Buffer
}

// raw writes markup as is. Only literal markup of this package goes here.
func (x *xmlBuffer) raw(s string) { x.WriteString(s) }

// text writes character data.
func (x *xmlBuffer) text(s string) { x.WriteString(escapeXML(s)) }

// attr writes ` name="value"`.
func (x *xmlBuffer) attr(name, value string) {
	x.WriteByte(' ')
	x.WriteString(name)
	x.WriteString(`="`)
	x.WriteString(escapeXML(value))
	x.WriteByte('"')
}

// element writes <name>text</name> with the text escaped.
func (x *xmlBuffer) element(name, text string) {
	x.WriteString("<" + name + ">")
	x.text(text)
	x.WriteString("</" + name + ">")
}

// escapeXML escapes s for character data and double-quoted attributes, with
// numeric character references (EPUBCheck notes even XML's own named
// entities, HTM-006), and drops what XML 1.0 cannot represent (most control
// characters, unpaired surrogates, U+FFFE and U+FFFF, invalid UTF-8).
func escapeXML(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '&':
			sb.WriteString("&#38;")
		case r == '<':
			sb.WriteString("&#60;")
		case r == '>':
			sb.WriteString("&#62;")
		case r == '"':
			sb.WriteString("&#34;")
		case r == utf8.RuneError && size == 1:
			// invalid UTF-8: dropped
		case !xmlChar(r):
			// not allowed in XML: dropped
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}

// classToken turns s into something safe inside a class attribute: ASCII
// letters, digits, '-' and '_'; everything else becomes '-'.
func classToken(s string) string {
	b := []byte(strings.ToLower(s))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	return string(b)
}
