package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/width"

	"github.com/galley-pub/galley/export/doc"
)

// inlines converts the inline children of parent. fallback is the position
// of parent, for nodes goldmark gives none.
func (c *converter) inlines(parent ast.Node, fallback doc.Pos) []doc.Inline {
	var nodes []ast.Node
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		nodes = append(nodes, n)
	}
	return c.inlineNodes(nodes, fallback)
}

// inlineNodes converts a run of inline nodes and merges adjacent text.
func (c *converter) inlineNodes(nodes []ast.Node, fallback doc.Pos) []doc.Inline {
	var out []doc.Inline
	for _, n := range c.bracketedSpans(nodes) {
		out = c.inline(out, n, fallback)
	}
	out = c.withTextRefsSet(withoutIndexEntries(mystRoles(withoutSpanIALs(doc.MergeTexts(pairInlineHTML(out)))), &c.chunks.index))
	if c.syntax.MkDocs || c.syntax.MDX {
		out = withoutLeftOut(out)
	}
	if c.quotes.SpacedPunctuation {
		for _, in := range out {
			if t, ok := in.(*doc.Text); ok {
				t.Value = spacedPunctuation(t.Value)
			}
		}
	}
	return out
}

// spacedPunctuation is s with each space typed before ; ! ? : or » or
// after « (one space: of two, the mark keeps the first) made the
// no-break space French sets there: narrow, but a word space wide
// before :.
func spacedPunctuation(s string) string {
	if !strings.Contains(s, " ") || !strings.ContainsAny(s, ";!?:«»") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i+1 < len(s) && (i == 0 || s[i-1] != ' ') {
			switch {
			case strings.IndexByte(";!?", s[i+1]) >= 0, strings.HasPrefix(s[i+1:], "»"), strings.HasSuffix(s[:i], "«"):
				b.WriteString("\u202f")
				continue
			case s[i+1] == ':':
				b.WriteString("\u00a0")
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// breakVanishes reports whether the soft line break that ends text node n
// (whose text is value) joins its lines with nothing, as CSS Text 3's
// segment break rules join them (§4.1.3) and pandoc's
// east_asian_line_breaks: when the characters either side of it are
// East Asian wide, fullwidth or halfwidth, and neither is Hangul (Korean
// puts spaces between words), or either is a zero-width space. A
// Chinese or Japanese paragraph wrapped in its source is then read
// without a space at each line's end.
func (c *converter) breakVanishes(n *ast.Text, value string) bool {
	before, _ := utf8.DecodeLastRuneInString(value)
	if value == "" {
		before = c.edgeRune(n.PreviousSibling(), true)
	}
	after := c.edgeRune(n.NextSibling(), false)
	if before == '\u200b' || after == '\u200b' {
		return true
	}
	return eastAsianWide(before) && eastAsianWide(after)
}

// eastAsianWide reports whether r is East Asian wide, fullwidth or
// halfwidth (UAX #11), and not Hangul: a character no space is put
// beside in the text of a language without spaces between words.
func eastAsianWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return !unicode.Is(unicode.Hangul, r)
	}
	return false
}

// edgeRune is the last character of node n's text when last is set, else
// its first: that of its text, or of its last or first child's; 0 for
// none (no node, or one with no text, such as an image).
func (c *converter) edgeRune(n ast.Node, last bool) rune {
	for n != nil {
		var text []byte
		switch t := n.(type) {
		case *ast.Text:
			text = t.Segment.Value(c.src)
		case *ast.String:
			text = t.Value
		default:
			if last {
				n = n.LastChild()
			} else {
				n = n.FirstChild()
			}
			continue
		}
		var r rune
		if last {
			r, _ = utf8.DecodeLastRune(text)
		} else {
			r, _ = utf8.DecodeRune(text)
		}
		if len(text) == 0 {
			return 0
		}
		return r
	}
	return 0
}

// inline appends the conversion of n to out.
func (c *converter) inline(out []doc.Inline, n ast.Node, fallback doc.Pos) []doc.Inline {
	pos := c.nodePos(n, fallback)
	switch n := n.(type) {
	case *ast.Text:
		var value string
		if n.IsRaw() {
			value = validUTF8(string(n.Segment.Value(c.src)))
		} else {
			value = c.liquidText(unescape(n.Segment.Value(c.src)), pos)
		}
		out = append(out, &doc.Text{Pos: pos, Value: value})
		end := c.lines.pos(n.Segment.Stop)
		switch {
		case n.HardLineBreak():
			out = append(out, &doc.LineBreak{Pos: end})
		case n.SoftLineBreak() && !c.breakVanishes(n, value):
			out = append(out, &doc.Text{Pos: end, Value: " "})
		}
	case *ast.String:
		var value string
		if n.IsCode() || n.IsRaw() {
			value = c.typographic(validUTF8(string(n.Value)))
		} else {
			value = unescape(n.Value)
		}
		out = append(out, &doc.Text{Pos: c.stringPos(n, value, fallback), Value: value})
	case *ast.CodeSpan:
		value := c.codeSpanText(n)
		if expr, ok := inlineExpression(value, pos.File); ok {
			value = expr
			c.chunks.at(pos)
			c.chunks.inline++
		}
		out = append(out, &doc.Code{Pos: pos, Value: value})
	case *bracketSpan:
		if sp := c.span(n, pos); sp != nil {
			out = append(out, sp)
		}
	case *superscript:
		value := unescape(n.text.Value(c.src))
		out = append(out, &doc.Superscript{Pos: pos, Content: []doc.Inline{&doc.Text{Pos: c.lines.pos(n.text.Start), Value: value}}})
	case *inlineNote:
		out = append(out, c.note(n, pos))
	case *mathNode:
		out = append(out, c.math(n, pos))
	case *ast.Emphasis:
		if n.Level >= 2 {
			out = append(out, &doc.Strong{Pos: pos, Content: c.inlines(n, pos)})
		} else {
			out = append(out, &doc.Emphasis{Pos: pos, Content: c.inlines(n, pos)})
		}
	case *east.Strikethrough:
		if c.singleTildeWord(n) { // pandoc's subscript: H~2~O
			out = append(out, &doc.Subscript{Pos: pos, Content: c.inlines(n, pos)})
		} else {
			out = append(out, &doc.Strikethrough{Pos: pos, Content: c.inlines(n, pos)})
		}
	case *ast.Link:
		if _, embedded := n.AttributeString(embeddedNote); embedded {
			c.chunks.warnOnce(pos, "a note embedded whole (Obsidian's ![[Note]]) is not drawn in: a link to it is")
		}
		out = append(out, &doc.Link{Pos: pos, URL: c.headingURL(unescape(n.Destination)), Title: unescape(n.Title), Content: c.inlines(n, pos)})
	case *markNode:
		out = append(out, c.mark(n, pos))
	case *keysNode:
		out = append(out, c.keys(n, pos))
	case *insertedNode:
		out = append(out, &doc.Span{Pos: pos, Attr: doc.Attr{Classes: []string{"ins"}}, Content: c.inlines(n, pos)})
	case *commentNode:
		// Obsidian's %%comment%%: not shown
	case *ast.Image:
		out = append(out, c.image(n, pos))
	case *ast.AutoLink:
		out = append(out, c.autoLink(n, pos))
	case *ast.RawHTML:
		raw := c.rawHTML(n)
		if img := htmlInlineImage(raw, pos); img != nil {
			out = append(out, img)
			break
		}
		out = append(out, &doc.RawInline{Pos: pos, HTML: validUTF8(raw)})
	case *east.FootnoteLink:
		out = append(out, &doc.FootnoteRef{Pos: pos, Label: validUTF8(c.labels[n.Index])})
	case *east.TaskCheckBox:
		// read by the list item
	case *emojiast.Emoji:
		// GitHub's shortcode (:tada:) is its emoji's characters, in a
		// span that keeps the name (as pandoc's emoji extension does):
		// a heading's id is made of the name, as GitHub and mdBook make it.
		p := c.sitePos(n, len(n.ShortName)+2, fallback)
		out = append(out, &doc.Span{Pos: p, Attr: doc.Attr{Classes: []string{doc.EmojiClass}, KV: []doc.KV{{Key: doc.EmojiKey, Value: string(n.ShortName)}}},
			Content: []doc.Inline{&doc.Text{Pos: p, Value: string(n.Value.Unicode)}}})
	default:
		out = append(out, c.inlines(n, pos)...)
	}
	return out
}

// stringPos places a typographic character goldmark inserted without a
// position (sitePos).
func (c *converter) stringPos(n *ast.String, value string, fallback doc.Pos) doc.Pos {
	return c.sitePos(n, typographicSourceLen(value), fallback)
}

// sitePos places an inline node that goldmark gives no position, written
// as size bytes of source: just after the text before it, else just
// before the text after it, else at fallback.
func (c *converter) sitePos(n ast.Node, size int, fallback doc.Pos) doc.Pos {
	if t, ok := n.PreviousSibling().(*ast.Text); ok && !t.SoftLineBreak() && !t.HardLineBreak() {
		return c.lines.pos(t.Segment.Stop)
	}
	if t, ok := n.NextSibling().(*ast.Text); ok {
		return c.lines.pos(t.Segment.Start - size)
	}
	return fallback
}

// image converts an image; its alt text is the plain text of its content.
func (c *converter) image(n *ast.Image, pos doc.Pos) *doc.Image {
	img := &doc.Image{
		Pos:   pos,
		URL:   unescape(n.Destination),
		Title: unescape(n.Title),
		Alt:   doc.PlainText(c.inlines(n, pos)),
	}
	// Attributes written after it (pandoc's link_attributes): its id,
	// classes (.decorative), width and height, and an alt text.
	attr := attributes(n)
	img.Attr.ID, img.Attr.Classes = attr.ID, attr.Classes
	for _, kv := range attr.KV {
		switch kv.Key {
		case "alt":
			if kv.Value != "" {
				img.Alt = kv.Value
			}
		case "width", "height":
			img.Attr.KV = append(img.Attr.KV, kv)
		}
	}
	return img
}

// autoLink converts `<https://…>`, `<name@host>` and bare linkified URLs.
func (c *converter) autoLink(n *ast.AutoLink, pos doc.Pos) *doc.Link {
	url := validUTF8(string(n.URL(c.src)))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
		url = "mailto:" + url
	}
	label := n.Label(c.src)
	labelPos := pos
	if off := n.Pos(); off >= 0 && off < len(c.src) {
		// goldmark places a linkified URL at the space or delimiter that
		// triggered it; the label is a few bytes on.
		if c.src[off] == '<' {
			off++
		} else if i := bytes.Index(c.src[off:min(len(c.src), off+len(label)+4)], label); i > 0 {
			off += i
			pos = c.lines.pos(off)
		}
		labelPos = c.lines.pos(off)
	}
	text := &doc.Text{Pos: labelPos, Value: validUTF8(string(label))}
	return &doc.Link{Pos: pos, URL: url, Content: []doc.Inline{text}}
}

// codeSpanText is the text of a code span, line endings made spaces.
func (c *converter) codeSpanText(n *ast.CodeSpan) string {
	var b strings.Builder
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch t := ch.(type) {
		case *ast.Text:
			v := t.Segment.Value(c.src)
			v = bytes.TrimSuffix(v, []byte("\n"))
			b.Write(bytes.TrimSuffix(v, []byte("\r")))
			if len(v) < len(t.Segment.Value(c.src)) {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(c.typographic(string(t.Value)))
		}
	}
	return validUTF8(b.String())
}

// singleTildeWord reports whether a strikethrough is written with one
// tilde either side of text with no space in it: pandoc's subscript
// (H~2~O), which GFM reads as struck out. Struck-out text written with
// two tildes, or with a space in it (~not this~), stays struck out.
func (c *converter) singleTildeWord(n *east.Strikethrough) bool {
	first, last := n.FirstChild(), n.LastChild()
	ft, ok1 := first.(*ast.Text)
	lt, ok2 := last.(*ast.Text)
	if !ok1 || !ok2 {
		return false
	}
	start, stop := ft.Segment.Start, lt.Segment.Stop
	if start < 1 || stop >= len(c.src) || c.src[start-1] != '~' || c.src[stop] != '~' ||
		start >= 2 && c.src[start-2] == '~' || stop+1 < len(c.src) && c.src[stop+1] == '~' {
		return false
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		t, ok := ch.(*ast.Text)
		if !ok || bytes.ContainsAny(t.Segment.Value(c.src), " \t\n") || t.SoftLineBreak() || t.HardLineBreak() {
			return false
		}
	}
	return true
}

// trimSpaceInlines removes white space and line breaks at both ends of a
// run of inlines. Leading spaces are on the node's own line, so its column
// moves past them.
func trimSpaceInlines(in []doc.Inline) []doc.Inline {
	for len(in) > 0 {
		switch t := in[0].(type) {
		case *doc.LineBreak:
			in = in[1:]
			continue
		case *doc.Text:
			v := strings.TrimLeftFunc(t.Value, unicode.IsSpace)
			if v == "" {
				in = in[1:]
				continue
			}
			trimmed := &doc.Text{Pos: t.Pos, Value: v}
			trimmed.Col += utf8.RuneCountInString(t.Value) - utf8.RuneCountInString(v)
			in = append([]doc.Inline{trimmed}, in[1:]...)
		}
		break
	}
	for len(in) > 0 {
		switch t := in[len(in)-1].(type) {
		case *doc.LineBreak:
			in = in[:len(in)-1]
			continue
		case *doc.Text:
			v := strings.TrimRightFunc(t.Value, unicode.IsSpace)
			if v == "" {
				in = in[:len(in)-1]
				continue
			}
			in = append(in[:len(in)-1:len(in)-1], &doc.Text{Pos: t.Pos, Value: v})
		}
		break
	}
	return in
}

// unescape resolves backslash escapes and HTML character references as
// CommonMark prescribes, a backslash before a space as pandoc does (a
// no-break space), and replaces NUL with U+FFFD.
func unescape(src []byte) string {
	if bytes.IndexByte(src, '\\') < 0 && bytes.IndexByte(src, '&') < 0 && bytes.IndexByte(src, 0) < 0 {
		return validUTF8(string(src)) // nothing to resolve: most texts
	}
	var b strings.Builder
	b.Grow(len(src))
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]):
			b.WriteByte(src[i+1])
			i += 2
			continue
		case c == '\\' && i+1 < len(src) && src[i+1] == ' ': // pandoc's escaped space: 10\ km
			b.WriteString("\u00a0")
			i += 2
			continue
		case c == 0:
			b.WriteString("\uFFFD")
			i++
			continue
		case c == '&':
			if chars, n := characterReference(src[i:]); n > 0 {
				b.WriteString(chars)
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return validUTF8(b.String())
}

// characterReference decodes the reference at the start of s (`&name;`,
// `&#123;` or `&#x1F;`) and returns its characters and length, or n = 0
// when s does not start with a valid reference.
func characterReference(s []byte) (chars string, n int) {
	if len(s) < 3 || s[0] != '&' {
		return "", 0
	}
	if s[1] == '#' {
		digits, base, maxLen := s[2:], 10, 7
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, base, maxLen = digits[1:], 16, 6
		}
		end := 0
		for end < len(digits) && end <= maxLen && isDigit(digits[end], base) {
			end++
		}
		if end == 0 || end > maxLen || end >= len(digits) || digits[end] != ';' {
			return "", 0
		}
		v, err := strconv.ParseUint(string(digits[:end]), base, 32)
		if err != nil {
			return "", 0
		}
		return string(util.ToValidRune(rune(v))), len(s) - len(digits) + end + 1
	}
	end := 1
	for end < len(s) && util.IsAlphaNumeric(s[end]) {
		end++
	}
	if end == 1 || end >= len(s) || s[end] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(s[1:end]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), end + 1
}

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

// validUTF8 replaces invalid UTF-8 sequences, so that the renderers can
// rely on valid text.
func validUTF8(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// rawHTML is the source of an inline raw HTML tag, over all its lines.
func (c *converter) rawHTML(n *ast.RawHTML) string {
	var b bytes.Buffer
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(c.src))
	}
	return b.String()
}

// typographic is the text of one of the typographer's strings: its
// quotation mark the converter's language's (c.quotes), anything else
// as it is.
func (c *converter) typographic(v string) string {
	switch v {
	case quoteOpenDouble:
		return c.quotes.OpenDouble
	case quoteCloseDouble:
		return c.quotes.CloseDouble
	case quoteOpenSingle:
		return c.quotes.OpenSingle
	case quoteCloseSingle:
		return c.quotes.CloseSingle
	}
	return v
}
