package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/galley-pub/galley/export/doc"
)

// Lists numbered with letters and roman numerals are pandoc's (its
// fancy_lists extension), as teachers write a question's choices:
//
//	What is the capital of France?
//	   a) Paris
//	   b) London
//
// CommonMark reads those lines as one paragraph, GitHub printing
// "a) Paris b) London". A paragraph whose lines start with such markers
// (a. b. c., A) B) C), (i) (ii), I. II., #.) is made a list of them, a
// line without a marker continuing its item; lines of them after a line
// of text they are indented under are a list after that text. An item
// alone after a blank line joins the list before it when it numbers on
// from it (a loose list). As pandoc asks, a capital letter with a period
// takes two spaces after it ("B. Russell" is a name); a lone i, v or x
// after an item is roman when the list is roman, else a letter.

// fancyList is a list numbered with letters or roman numerals, or with
// pandoc's #., as goldmark parses it: a goldmark list whose items hold
// text blocks, and its numbering.
type fancyList struct {
	ast.List
	numbering doc.Numbering
	delim     doc.NumberDelim
	next      int // the number its next item would have
	// example marks pandoc's example list, (@) or (@label), numbered
	// through the whole document by the passes; labels are its items'.
	example bool
	labels  []string
}

// kindFancyList is the goldmark node kind of a fancy list: not
// goldmark's list's, which code may take for an *ast.List.
var kindFancyList = ast.NewNodeKind("FancyList")

// Kind implements ast.Node.
func (n *fancyList) Kind() ast.NodeKind { return kindFancyList }

// Dump implements ast.Node.
func (n *fancyList) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// fancyListTransformer makes lists of paragraphs written as fancy lists.
type fancyListTransformer struct{}

// fancyMarker is a list marker read at the start of a line.
type fancyMarker struct {
	numbering doc.Numbering
	delim     doc.NumberDelim
	value     int
	width     int    // bytes up to the item's text
	example   bool   // pandoc's @ marker
	label     string // an example's label: good in (@good)
}

// Transform implements parser.ParagraphTransformer.
func (fancyListTransformer) Transform(para *ast.Paragraph, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	lines := para.Lines()
	n := lines.Len()
	if n == 0 {
		return
	}
	_, inItem := para.Parent().(*ast.ListItem)
	head := lines.At(0)
	headIndent := indentWidth(head.Value(src))
	first := -1
	var m fancyMarker
	for i := 0; i < n; i++ {
		line := lines.At(i)
		if mk, ok := readFancyMarker(line.Value(src), nil); ok {
			if i > 0 && !inItem && indentWidth(line.Value(src)) <= headIndent {
				return // not indented under the text: pandoc wants a blank line before a list
			}
			first, m = i, mk
			break
		}
	}
	if first < 0 {
		return
	}
	list := &fancyList{numbering: m.numbering, delim: m.delim, next: m.value, example: m.example}
	list.Start, list.IsTight, list.Marker = m.value, true, '.'
	var item *ast.ListItem
	var body *ast.TextBlock
	for i := first; i < n; i++ {
		seg := lines.At(i)
		v := seg.Value(src)
		mk, ok := readFancyMarker(v, list)
		switch {
		case ok:
			if mk.numbering != list.numbering || mk.delim != list.delim || mk.example != list.example {
				return // a marker of another kind: not a list pandoc would read either
			}
			list.labels = append(list.labels, mk.label)
			lead := len(v) - len(bytes.TrimLeft(v, " \t")) // bytes, mk.width's unit
			item = ast.NewListItem(indentWidth(v) + mk.width)
			item.SetPos(seg.Start + lead)
			body = ast.NewTextBlock()
			text := text.NewSegment(seg.Start+lead+mk.width, seg.Stop)
			body.Lines().Append(text.TrimLeftSpace(src))
			item.AppendChild(item, body)
			list.AppendChild(list, item)
			list.next = mk.value + 1
		case body != nil:
			body.Lines().Append(seg.TrimLeftSpace(src))
		default:
			return // its first marker not read as it was at first: left as text
		}
	}
	parent := para.Parent()
	if first == 0 {
		if prev, ok := para.PreviousSibling().(*fancyList); ok && list.ChildCount() == 1 && prev.numbering == list.numbering && prev.delim == list.delim && prev.next == list.Start && prev.example == list.example {
			// an item after a blank line, numbering on from the list before it
			prev.IsTight = false
			prev.next = list.next
			prev.labels = append(prev.labels, list.labels...)
			prev.AppendChild(prev, list.FirstChild())
			parent.RemoveChild(parent, para)
			return
		}
		if list.ChildCount() == 1 && list.Start != 1 {
			return // a lone "e. coli" or "C.  S. Lewis" starts no list
		}
		list.SetPos(lines.At(0).Start)
		parent.ReplaceChild(parent, para, list)
		return
	}
	if list.ChildCount() == 1 && list.Start != 1 {
		return
	}
	list.SetPos(list.FirstChild().Pos())
	kept := text.NewSegments()
	for i := 0; i < first; i++ {
		kept.Append(lines.At(i))
	}
	para.SetLines(kept)
	parent.InsertAfter(parent, para, list)
}

// indentWidth is the width of the spaces (and tabs, to the next stop of 4)
// that start line.
func indentWidth(line []byte) int {
	w, _ := util.IndentWidth(line, 0)
	return w
}

// mayBeFancyMarker reports whether line may start with a marker
// readFancyMarker reads: after blanks and perhaps "(", an "@", or up to 8
// letters, digits or # and then ")" or ".". It reads the bytes as they
// are, so that a line that cannot (nearly every line of text) is not
// copied.
func mayBeFancyMarker(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == '(' {
		i++
	}
	if i < len(line) && line[i] == '@' {
		return true
	}
	n := 0
	for i+n < len(line) && n < 8 && (isASCIILetter(line[i+n]) || line[i+n] >= '0' && line[i+n] <= '9' || line[i+n] == '#') {
		n++
	}
	return n > 0 && i+n < len(line) && (line[i+n] == ')' || line[i+n] == '.')
}

// readFancyMarker reads a fancy list marker at the start of line (after
// up to 3 spaces more than its indent, which nesting allows) and the
// space after it: in (when not nil) is the list it would continue, which
// settles whether a lone i, v or x is a letter or a roman numeral. A
// decimal marker with . or ) is CommonMark's, not read here unless in
// continues a list that is not.
func readFancyMarker(line []byte, in *fancyList) (fancyMarker, bool) {
	if !mayBeFancyMarker(line) {
		return fancyMarker{}, false // nearly every line: not copied to be read
	}
	return parseFancyMarker(line, in)
}

// parseFancyMarker is readFancyMarker without its pre-test.
func parseFancyMarker(line []byte, in *fancyList) (fancyMarker, bool) {
	s := strings.TrimRight(string(line), "\r\n")
	lead := len(s) - len(strings.TrimLeft(s, " \t"))
	s = s[lead:]
	var m fancyMarker
	open := strings.HasPrefix(s, "(")
	if open {
		s = s[1:]
	}
	if strings.HasPrefix(s, "@") {
		return readExampleMarker(s, open)
	}
	end := 0
	for end < len(s) && end < 8 && (isASCIILetter(s[end]) || s[end] >= '0' && s[end] <= '9' || s[end] == '#') {
		end++
	}
	if end == 0 || end == len(s) {
		return m, false
	}
	word, rest := s[:end], s[end:]
	switch {
	case open && rest[0] == ')':
		m.delim = doc.TwoParens
	case !open && rest[0] == ')':
		m.delim = doc.OneParen
	case !open && rest[0] == '.':
		m.delim = doc.Period
	default:
		return m, false
	}
	rest = rest[1:]
	spaces := len(rest) - len(strings.TrimLeft(rest, " \t"))
	if spaces == 0 || spaces == len(rest) {
		return m, false // no space after it, or nothing after that
	}
	m.width = len(s[:end]) + 1 + spaces
	if open {
		m.width++
	}
	switch {
	case word == "#":
		m.numbering, m.value = doc.Decimal, 1
		if in != nil {
			m.value = in.next
		}
	case isDigits(word):
		if m.delim != doc.TwoParens && (in == nil || in.numbering != doc.Decimal) {
			return m, false // CommonMark's own: goldmark lists it when it can
		}
		m.numbering = doc.Decimal
		m.value, _ = strconv.Atoi(word) // at most 8 digits
	default:
		roman, rok := romanValue(word)
		alpha := len(word) == 1
		switch {
		case rok && (!alpha || in != nil && (in.numbering == doc.LowerRoman || in.numbering == doc.UpperRoman) || in == nil && (word == "i" || word == "I")):
			m.value = roman
			m.numbering = doc.LowerRoman
			if word[0] >= 'A' && word[0] <= 'Z' {
				m.numbering = doc.UpperRoman
			}
		case alpha:
			m.value = int(word[0]|0x20-'a') + 1
			m.numbering = doc.LowerAlpha
			if word[0] >= 'A' && word[0] <= 'Z' {
				m.numbering = doc.UpperAlpha
			}
		default:
			return m, false
		}
	}
	if (m.numbering == doc.UpperAlpha || m.numbering == doc.UpperRoman && len(word) == 1) && m.delim == doc.Period && spaces < 2 {
		return m, false // "B. Russell": pandoc asks two spaces after a capital and a period
	}
	return m, true
}

// readExampleMarker reads pandoc's example marker, s after any opening
// parenthesis (open): @ and a label of letters, digits, _ and -, then )
// or . and a space. Its value is 1: the passes number examples through
// the document (passes.NumberExamples).
func readExampleMarker(s string, open bool) (fancyMarker, bool) {
	m := fancyMarker{numbering: doc.Decimal, value: 1, example: true}
	end := 1
	for end < len(s) && end < 64 && (isASCIILetter(s[end]) || s[end] >= '0' && s[end] <= '9' || s[end] == '_' || s[end] == '-') {
		end++
	}
	if end == len(s) {
		return m, false
	}
	switch {
	case open && s[end] == ')':
		m.delim = doc.TwoParens
	case !open && s[end] == ')':
		m.delim = doc.OneParen
	case !open && s[end] == '.':
		m.delim = doc.Period
	default:
		return m, false
	}
	rest := s[end+1:]
	spaces := len(rest) - len(strings.TrimLeft(rest, " \t"))
	if spaces == 0 || spaces == len(rest) {
		return m, false
	}
	m.label = s[1:end]
	m.width = end + 1 + spaces
	if open {
		m.width++
	}
	return m, true
}

// isASCIILetter reports whether b is an ASCII letter.
func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// isDigits reports whether s is ASCII digits only.
func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// romanValue reads a roman numeral in one case, as written in the usual
// subtractive form.
func romanValue(s string) (int, bool) {
	if s == "" || s != strings.ToLower(s) && s != strings.ToUpper(s) {
		return 0, false
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := romanDigit(s[i])
		if v == 0 {
			return 0, false
		}
		if i+1 < len(s) && romanDigit(s[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || doc.Roman(total) != strings.ToLower(s) {
		return 0, false // not in the usual form: iiv, vx
	}
	return total, true
}

// romanDigit is the value of a roman digit in either case, else 0.
func romanDigit(b byte) int {
	switch b | 0x20 {
	case 'i':
		return 1
	case 'v':
		return 5
	case 'x':
		return 10
	case 'l':
		return 50
	case 'c':
		return 100
	case 'd':
		return 500
	case 'm':
		return 1000
	}
	return 0
}

// fancyList converts a fancy list: a list with its numbering.
func (c *converter) fancyList(n *fancyList, pos doc.Pos) doc.Block {
	l := c.list(&n.List, pos)
	l.Numbering, l.Delim = n.numbering, n.delim
	for i, it := range l.Items {
		if p, ok := lastBlock(it.Blocks).(*doc.Paragraph); ok {
			p.Content = withoutTrailingSpace(p.Content) // the line break the item's last line ended with
		}
		if n.example && i < len(n.labels) && n.labels[i] != "" {
			// A labelled example is a link target: its label, an anchor
			// at its start (doc.ExampleAnchor), numbered by the passes.
			if p, ok := firstBlock(it.Blocks).(*doc.Paragraph); ok {
				anchor := &doc.Span{Pos: it.Pos, Attr: doc.Attr{ID: doc.ExampleAnchor(n.labels[i])}}
				p.Content = append([]doc.Inline{anchor}, p.Content...)
			}
		}
	}
	if n.example {
		l.Attr.Classes = append(l.Attr.Classes, doc.ExampleClass)
	}
	return l
}

// lastBlock returns the last of bs, or nil.
func lastBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[len(bs)-1]
}
