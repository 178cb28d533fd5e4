package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// replacement stands for every character the reader cannot pass on.
const replacement = "\uFFFD"

// unwanted describes a character of the source that the reader replaces
// with U+FFFD, or "" for a character it keeps: NUL (as CommonMark says),
// invalid UTF-8, the C0 controls but tab, line feed and carriage return,
// DEL, the C1 controls (mojibake, mostly) and the noncharacters U+FFFE
// and U+FFFF, which XML 1.0 forbids. Characters outside the BMP,
// right-to-left text and zero-width joiners are kept: the renderers deal
// with them.
func unwanted(r rune, size int) string {
	switch {
	case r == utf8.RuneError && size <= 1:
		return "invalid UTF-8"
	case r == 0:
		return "NUL"
	case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F, 0x80 <= r && r <= 0x9F:
		return fmt.Sprintf("control character U+%04X", r)
	case r == 0xFFFE || r == 0xFFFF:
		return fmt.Sprintf("noncharacter U+%04X", r)
	}
	return ""
}

// warnCharacters reports the unwanted characters of the source, once per
// line, at the first of them: "3 characters replaced with U+FFFD: NUL,
// invalid UTF-8, …".
func warnCharacters(lines *lineTable, src []byte, from int, diags *diag.List) {
	var (
		first = -1
		kinds []string
		count int
	)
	flush := func() {
		if count > 0 {
			noun := "character"
			if count > 1 {
				noun = "characters"
			}
			diags.Warnf(lines.pos(first), "%d %s replaced with U+FFFD: %s", count, noun, strings.Join(kinds, ", "))
		}
		first, kinds, count = -1, nil, 0
	}
	for i := from; i < len(src); {
		if c := src[i]; plainASCII(c) {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == '\n' {
			flush()
		} else if k := unwanted(r, size); k != "" {
			if first < 0 {
				first = i
			}
			count++
			if len(kinds) < 4 && !contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		i += size
	}
	flush()
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// plainASCII reports a byte that is a wanted ASCII character on its own
// other than a line feed: printable, tab or carriage return (most of any
// text, passed without decoding).
func plainASCII(c byte) bool { return c >= 0x20 && c < 0x7F || c == '\t' || c == '\r' }

// clean returns s with its unwanted characters replaced.
func clean(s string) string {
	for i := 0; i < len(s); {
		if plainASCII(s[i]) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unwanted(r, size) != "" {
			return cleanFrom(s, i)
		}
		i += size
	}
	return s
}

func cleanFrom(s string, i int) string {
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unwanted(r, size) != "" {
			b.WriteString(replacement)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// sanitizeTree replaces the unwanted characters in every string of the
// document (text, code, URLs, attributes, metadata), whatever the path
// they came in by (raw bytes, entities such as &#1;, front matter), so
// that no renderer sees them. Positions are left alone. The walk is by
// reflection, so that no string field is ever missed, with each struct
// type's fields that can hold a string looked up once per document (a
// long book's tree has millions of values).
func sanitizeTree(d *doc.Document) {
	s := sanitizer{fields: map[reflect.Type][]int{}}
	s.value(reflect.ValueOf(d))
}

// sanitizer walks a parsed tree, which has no cycles: a node shared by
// two parents is cleaned twice, which changes nothing the second time.
type sanitizer struct {
	fields map[reflect.Type][]int // by struct type: its fields to walk
}

func (s sanitizer) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			s.value(v.Elem())
		}
	case reflect.Struct:
		for _, i := range s.fieldsOf(v.Type()) {
			s.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if holdsStrings(v.Type().Elem()) {
			for i := range v.Len() {
				s.value(v.Index(i))
			}
		}
	case reflect.String:
		if v.CanSet() {
			if c := clean(v.String()); c != v.String() {
				v.SetString(c)
			}
		}
	}
}

// fieldsOf lists struct type t's exported fields that can hold a string,
// positions left out.
func (s sanitizer) fieldsOf(t reflect.Type) []int {
	if f, ok := s.fields[t]; ok {
		return f
	}
	f := []int{}
	for i := range t.NumField() {
		if sf := t.Field(i); sf.IsExported() && sf.Type != reflect.TypeFor[doc.Pos]() && holdsStrings(sf.Type) {
			f = append(f, i)
		}
	}
	s.fields[t] = f
	return f
}

// holdsStrings reports whether a value of type t can hold a string: a
// string, or anything that can point to one.
func holdsStrings(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Pointer, reflect.Interface, reflect.Struct:
		return true
	case reflect.Slice, reflect.Array:
		return holdsStrings(t.Elem())
	}
	return false
}
