package markdown

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// A BibTeX file (.bib, as JabRef, Zotero's Better BibTeX and LaTeX users
// keep them): @type{key, field = {value} or "value" or 1999 or a macro,
// with # joining values}, @string macros, and @comment and @preamble,
// which are skipped. Its values' TeX (accents, braces, dashes, ties) is
// read as the text it prints.

// bibReader reads one BibTeX file.
type bibReader struct {
	src    string
	i      int
	lines  *lineTable
	diags  *diag.List
	macros map[string]string
}

// bibMonths are the month macros every BibTeX style defines.
var bibMonths = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// readBibTeX reads a BibTeX file's entries as the works the text cites,
// reporting an entry it cannot read at its @ and going on after it.
func readBibTeX(file string, src []byte, diags *diag.List) []*doc.Reference {
	b := &bibReader{src: string(src), lines: newLineTable(file, src), diags: diags, macros: map[string]string{}}
	for _, m := range bibMonths {
		b.macros[m] = strings.ToUpper(m[:1]) + m[1:] // not printed: the year alone is
	}
	var refs []*doc.Reference
	for {
		at := strings.IndexByte(b.src[b.i:], '@')
		if at < 0 {
			return refs
		}
		start := b.i + at
		b.i = start + 1
		kind := strings.ToLower(b.ident())
		b.space()
		if b.i >= len(b.src) || b.src[b.i] != '{' && b.src[b.i] != '(' {
			continue // an @ in the text between entries, which BibTeX skips
		}
		closer := byte('}')
		if b.src[b.i] == '(' {
			closer = ')'
		}
		b.i++
		switch kind {
		case "comment", "preamble":
			b.skipTo(closer)
		case "string":
			b.space()
			name := strings.ToLower(b.ident())
			b.space()
			if b.eat('=') {
				b.macros[name] = b.value()
			}
			b.skipTo(closer)
		default:
			if ref, ok := b.entry(start, closer); ok && ref != nil {
				refs = append(refs, ref)
			}
		}
	}
}

// entry reads an entry's key and fields, up to its closer; not ok (after
// an error at start) when it ends before it closes.
func (b *bibReader) entry(start int, closer byte) (*doc.Reference, bool) {
	pos := b.lines.pos(start)
	comma := strings.IndexAny(b.src[b.i:], ",}")
	if comma < 0 {
		b.diags.Errorf(pos, "bibliography: this entry is never closed")
		b.i = len(b.src)
		return nil, false
	}
	w := cslWork{id: strings.TrimSpace(b.src[b.i : b.i+comma])}
	b.i += comma
	for {
		b.space()
		if b.i >= len(b.src) {
			b.diags.Errorf(pos, "bibliography: this entry is never closed")
			return nil, false
		}
		if b.src[b.i] == closer {
			b.i++
			break
		}
		if b.src[b.i] == ',' {
			b.i++
			continue
		}
		name := strings.ToLower(b.ident())
		b.space()
		if name == "" || !b.eat('=') {
			b.diags.Errorf(b.lines.pos(b.i), "bibliography: expected a field (name = value) in entry %q", w.id)
			b.skipTo(closer)
			return nil, false
		}
		w.set(name, b.value())
	}
	return w.reference(pos, b.diags), true
}

// set stores a field's value as the CSL variable it is.
func (w *cslWork) set(name, value string) {
	switch name {
	case "author":
		w.authors = bibNames(value)
	case "editor":
		w.editors = bibNames(value)
	case "year":
		w.year = texText(value)
	case "date":
		if w.year == "" {
			w.year, _, _ = strings.Cut(texText(value), "-")
		}
	case "journal", "journaltitle", "booktitle":
		w.container = texText(value)
	case "number":
		w.issue = texText(value)
	case "pages":
		w.page = texText(value)
	case "address", "location":
		w.place = texText(value)
	case "institution", "school", "organization":
		if w.publisher == "" {
			w.publisher = texText(value)
		}
	case "url", "doi":
		*w.field(name) = texURL(value)
	case "howpublished": // a web page's, as \url{…}, or a word on how it was published
		if u := texURL(value); strings.Contains(value, `\url`) && w.url == "" {
			w.url = u
		} else if w.note == "" {
			w.note = texText(value)
		}
	case "title", "volume", "publisher", "isbn", "note":
		*w.field(name) = texText(value)
	}
}

// texURL is a URL as a value gives it, in \url{…} or not: its TeX
// braces and escapes gone, nothing else changed (a ~ in a URL is one).
func texURL(value string) string {
	v := strings.TrimSpace(value)
	if inner, ok := strings.CutPrefix(v, `\url`); ok {
		v = inner
	}
	v = strings.NewReplacer("{", "", "}", "", `\_`, "_", `\%`, "%", `\&`, "&", `\#`, "#", `\~`, "~").Replace(v)
	return strings.TrimSpace(v)
}

// value reads a field's value: its parts joined by #, each braced,
// quoted, a number or a macro. The braces inside stay, for texText.
func (b *bibReader) value() string {
	var out strings.Builder
	for {
		b.space()
		if b.i >= len(b.src) {
			return out.String()
		}
		switch c := b.src[b.i]; {
		case c == '{':
			out.WriteString(b.balanced('{', '}'))
		case c == '"':
			b.i++
			from := b.i
			for depth := 0; b.i < len(b.src) && (b.src[b.i] != '"' || depth > 0); b.i++ {
				switch b.src[b.i] {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			out.WriteString(b.src[from:min(b.i, len(b.src))])
			b.i++
		default:
			word := b.ident()
			if m, ok := b.macros[strings.ToLower(word)]; ok {
				word = m
			}
			out.WriteString(word)
		}
		b.space()
		if !b.eat('#') {
			return out.String()
		}
	}
}

// balanced reads a group from its opening brace to the one that closes
// it, and returns what is inside.
func (b *bibReader) balanced(open, close byte) string {
	depth, from := 0, b.i+1
	for ; b.i < len(b.src); b.i++ {
		switch b.src[b.i] {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				b.i++
				return b.src[from : b.i-1]
			}
		}
	}
	return b.src[from:]
}

// ident reads a name: letters, digits and the punctuation BibTeX allows
// in one.
func (b *bibReader) ident() string {
	from := b.i
	for b.i < len(b.src) && !strings.ContainsRune(" \t\r\n{}(),=#\"", rune(b.src[b.i])) {
		b.i++
	}
	return b.src[from:b.i]
}

func (b *bibReader) space() {
	for b.i < len(b.src) && strings.ContainsRune(" \t\r\n", rune(b.src[b.i])) {
		b.i++
	}
}

// eat consumes c when it is next.
func (b *bibReader) eat(c byte) bool {
	if b.i < len(b.src) && b.src[b.i] == c {
		b.i++
		return true
	}
	return false
}

// skipTo skips past the closer of the entry being read, braces balanced.
func (b *bibReader) skipTo(closer byte) {
	for depth := 0; b.i < len(b.src); b.i++ {
		switch c := b.src[b.i]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == closer && depth == 0:
			b.i++
			return
		}
	}
}

// bibNames reads a list of names joined by "and": "Cha, Victor", "Victor
// Cha", "{World Health Organization}" (braced whole: a name as it is).
func bibNames(value string) []cslName {
	var out []cslName
	for _, name := range splitTopLevel(value, " and ") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if strings.HasPrefix(name, "{") && strings.HasSuffix(name, "}") && len(splitTopLevel(name[1:len(name)-1], "}")) == 1 {
			out = append(out, cslName{literal: texText(name)})
			continue
		}
		if parts := splitTopLevel(name, ","); len(parts) > 1 {
			out = append(out, cslName{family: texText(parts[0]), given: texText(parts[len(parts)-1])})
			continue
		}
		words := splitTopLevel(name, " ")
		out = append(out, cslName{family: texText(words[len(words)-1]), given: texText(strings.Join(words[:len(words)-1], " "))})
	}
	return out
}

// splitTopLevel splits s at sep outside braces (sep matched without
// regard to case), leaving out empty parts.
func splitTopLevel(s, sep string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '{':
			depth++
		case s[i] == '}':
			depth--
		case depth == 0 && i+len(sep) <= len(s) && strings.EqualFold(s[i:i+len(sep)], sep):
			if p := strings.TrimSpace(s[from:i]); p != "" {
				out = append(out, p)
			}
			from = i + len(sep)
			i += len(sep) - 1
		}
	}
	if p := strings.TrimSpace(s[from:]); p != "" {
		out = append(out, p)
	}
	return out
}

// texAccents are TeX's accent commands, each the combining mark it puts
// on the letter after it.
var texAccents = map[byte]rune{'"': '\u0308', '\'': '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
	'u': '\u0306', 'v': '\u030C', 'H': '\u030B', 'c': '\u0327', 'k': '\u0328', 'r': '\u030A'}

// texLetters are TeX's commands for letters of their own.
var texLetters = map[string]string{"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
	"TeX": "TeX", "LaTeX": "LaTeX", "BibTeX": "BibTeX", "ldots": "…", "dots": "…", "S": "§", "P": "¶", "copyright": "©"}

// texText is the text a value's TeX prints: accents on their letters,
// braces gone, "--" and "---" as dashes, "~" a no-break space, “…” as
// quotation marks, escaped characters as themselves, spaces collapsed.
func texText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' || c == '}':
		case c == '~':
			b.WriteRune('\u00a0')
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 2
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i++
		case strings.HasPrefix(s[i:], "``"):
			b.WriteString("“")
			i++
		case strings.HasPrefix(s[i:], "''"):
			b.WriteString("”")
			i++
		case c == '\\' && i+1 < len(s):
			i = texCommand(&b, s, i+1) - 1
		default:
			b.WriteByte(c)
		}
	}
	return strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
}

// texCommand writes what the command at s[i:] (after its backslash)
// prints and returns where the text after it starts.
func texCommand(b *strings.Builder, s string, i int) int {
	if mark, ok := texAccents[s[i]]; ok && (!unicode.IsLetter(rune(s[i])) || i+1 < len(s) && (s[i+1] == '{' || s[i+1] == ' ')) {
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '{') {
			j++
		}
		if j < len(s) {
			if s[j] == '\\' && j+1 < len(s) && (s[j+1] == 'i' || s[j+1] == 'j') { // \'{\i}: a dotless i, accented
				b.WriteByte(s[j+1])
				j += 2
			} else {
				b.WriteByte(s[j])
				j++
			}
			b.WriteRune(mark)
		}
		return j
	}
	j := i
	for j < len(s) && unicode.IsLetter(rune(s[j])) {
		j++
	}
	if j == i { // \& \% \$ \_ \# \{ \}
		b.WriteByte(s[i])
		return i + 1
	}
	if l, ok := texLetters[s[i:j]]; ok {
		b.WriteString(l)
	}
	// Any other command (\emph, \textit…) is left out; its argument, in
	// braces, is printed.
	for j < len(s) && s[j] == ' ' {
		j++
	}
	return j
}
