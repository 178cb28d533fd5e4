package markdown

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galley-pub/galley/export/doc"
)

// Raw HTML written as ordinary document markup becomes tree nodes, set by
// both outputs like the Markdown it stands for: paragraphs, bullet and
// ordered lists, definition lists, headings, block quotes, preformatted
// text, rules and divs (a README's centred header of logo, headings and
// links), with the inline elements a paragraph holds, and the ids of
// their elements as link targets. The Cargo book's command pages are
// written so: a <dl> of <dt id="option-…"> terms and <dd> bodies of <p>,
// <ul> and <code>, 975 options over blank-line-separated blocks.
//
// A blank line ends a raw HTML block in CommonMark, so one element is
// often several blocks: a run of raw blocks is read as one when its first
// leaves a list, definition list, quotation, paragraph or preformatted
// element open and a later one closes it. A fragment with any other
// element (a script, a form, a section) stays raw, for the EPUB to
// sanitise and warn about, and the PDF to set as text.

// htmlFragments replaces the runs of raw HTML blocks of in that are
// document markup with the blocks they stand for.
func htmlFragments(in []doc.Block) []doc.Block {
	if !slices.ContainsFunc(in, func(b doc.Block) bool { _, raw := b.(*doc.RawHTML); return raw }) {
		return in // nearly every run of blocks: no raw HTML, no copy
	}
	var out []doc.Block
	for i := 0; i < len(in); i++ {
		raw, ok := in[i].(*doc.RawHTML)
		if !ok {
			out = append(out, in[i])
			continue
		}
		end, leftOpen := rawRunEnd(in, i)
		if end < 0 && leftOpen {
			out = append(out, raw) // left open: what it wraps is Markdown's
			continue
		}
		if end < 0 {
			end = i + 1 // one block, whole
		}
		segs := make([]*doc.RawHTML, 0, end-i)
		for _, b := range in[i:end] {
			segs = append(segs, b.(*doc.RawHTML))
		}
		if blocks, ok := fragmentBlocks(segs); ok {
			out = append(out, blocks...)
			i = end - 1
			continue
		}
		out = append(out, raw)
	}
	return out
}

// rawRunEnd returns the end (exclusive) of the run of raw HTML blocks from
// in[i] that closes the containers in[i] leaves open, or -1 when in[i]
// leaves none open or the run ends before they close; leftOpen reports
// whether in[i] leaves any element open.
func rawRunEnd(in []doc.Block, i int) (end int, leftOpen bool) {
	var open []string
	for j := i; j < len(in); j++ {
		raw, ok := in[j].(*doc.RawHTML)
		if !ok {
			return -1, true
		}
		open = openElements(raw.HTML, open)
		if j == i && (len(open) == 0 || !fragmentContainer(open[0])) {
			return -1, len(open) > 0
		}
		if len(open) == 0 {
			return j + 1, true
		}
	}
	return -1, true
}

// fragmentContainer reports the elements a run of raw blocks may be
// joined across.
func fragmentContainer(name string) bool {
	switch name {
	case "dl", "ul", "ol", "blockquote", "p", "pre":
		return true
	}
	return false
}

// openElements follows the start and end tags of src from the elements
// open before it, and returns those open after it. An end tag closes the
// nearest open element of its name (and those opened inside it), as a
// browser would; one with no open partner, and void elements, change
// nothing.
func openElements(src string, open []string) []string {
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return open
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElement(string(name)) {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for k := len(open) - 1; k >= 0; k-- {
				if open[k] == string(name) {
					open = open[:k]
					break
				}
			}
		}
	}
}

// voidElement reports the elements that have no end tag.
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// fragmentBlocks converts the HTML of segs, raw blocks in a row, joined
// by blank lines, to blocks; it reports false when the HTML holds an
// element it does not convert.
func fragmentBlocks(segs []*doc.RawHTML) ([]doc.Block, bool) {
	var src strings.Builder
	starts := make([]int, len(segs))
	for k, s := range segs {
		if k > 0 {
			src.WriteString("\n\n")
		}
		starts[k] = src.Len()
		src.WriteString(s.HTML)
	}
	text := src.String()
	if !plainMarkup(text) {
		return nil, false
	}
	nodes, err := html.ParseFragment(strings.NewReader(text), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil, false
	}
	at := func(off int) doc.Pos {
		k := len(starts) - 1
		for k > 0 && starts[k] > off {
			k--
		}
		p, seg := segs[k].Pos, text[starts[k]:max(off, starts[k])]
		if n := strings.Count(seg, "\n"); n > 0 {
			p.Line += n
			p.Col = 1 + len([]rune(seg[strings.LastIndexByte(seg, '\n')+1:]))
		} else {
			p.Col += len([]rune(seg))
		}
		return p
	}
	f := fragment{tags: startTags(text), at: at, pos: segs[0].Pos}
	body := &html.Node{Type: html.ElementNode, DataAtom: atom.Body}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	blocks, ok := f.flow(body, f.pos)
	if !ok || len(blocks) == 0 {
		return nil, false
	}
	return blocks, true
}

// alignKV keeps an element's align attribute (doc.Attr.Align), when it
// is one the renderers set.
func alignKV(attrs []html.Attribute) []doc.KV {
	v, _ := attr(attrs, "align")
	a := doc.Attr{KV: []doc.KV{{Key: "align", Value: strings.ToLower(strings.TrimSpace(validUTF8(v)))}}}
	if a.Align() == doc.AlignDefault {
		return nil
	}
	return a.KV
}

// dirKV keeps an element's dir attribute (doc.Attr.Direction) when it
// sets a direction, rtl or ltr.
func dirKV(attrs []html.Attribute) []doc.KV {
	v, _ := attr(attrs, "dir")
	a := doc.Attr{KV: []doc.KV{{Key: "dir", Value: strings.ToLower(strings.TrimSpace(validUTF8(v)))}}}
	if _, found := a.Direction(); !found {
		return nil
	}
	return a.KV
}

// paragraphOrFigure is a paragraph of content, or, when content is one
// image and line breaks, the figure of the image, as a raw HTML block of
// one <img> is (htmlFigure): a README's logo, not an icon the height of a
// line.
func paragraphOrFigure(pos doc.Pos, content []doc.Inline) doc.Block {
	var img *doc.Image
	for _, in := range content {
		switch n := in.(type) {
		case *doc.Image:
			if img != nil {
				return &doc.Paragraph{Pos: pos, Content: content}
			}
			img = n
		case *doc.LineBreak:
		case *doc.Text:
			if strings.TrimSpace(n.Value) != "" {
				return &doc.Paragraph{Pos: pos, Content: content}
			}
		default:
			return &doc.Paragraph{Pos: pos, Content: content}
		}
	}
	if img == nil {
		return &doc.Paragraph{Pos: pos, Content: content}
	}
	return &doc.Figure{Pos: img.Pos, Image: img, Caption: caption(img.Title, img.Alt, img.Pos)}
}

// plainMarkup reports whether every element of src is one that
// fragmentBlocks converts, so that nothing is lost in converting it.
func plainMarkup(src string) bool {
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return true
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); !fragmentBlock(a) && !fragmentInline(a) {
				return false
			}
		case html.DoctypeToken:
			return false
		}
	}
}

// fragmentBlock reports the block elements fragmentBlocks converts.
func fragmentBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre, atom.Hr,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Div:
		return true
	}
	return false
}

// fragmentInline reports the inline elements htmlInlines converts: those
// pairInlineHTML does in Markdown's inline HTML, line breaks and images,
// and a picture, which is its <img> (its <source> alternatives, other
// files for other screens, are left).
func fragmentInline(a atom.Atom) bool {
	return a == atom.Br || a == atom.Img || a == atom.Picture || a == atom.Source || a != 0 && pairable(a.String())
}

// fragment converts one parsed fragment: tags gives its start tags'
// offsets, at the position of an offset.
type fragment struct {
	tags tagOffsets
	at   func(int) doc.Pos
	pos  doc.Pos // the fragment's first block's
}

// elementPos is the position of el's start tag (the next one of its kind).
func (f fragment) elementPos(el *html.Node) doc.Pos {
	return f.tags.pos(el.DataAtom, f.pos, f.at)
}

// flow converts the children of el, a run of blocks and inline content:
// each stretch of inline content (not only white space) is a paragraph.
func (f fragment) flow(el *html.Node, pos doc.Pos) ([]doc.Block, bool) {
	var out []doc.Block
	var inline []*html.Node
	flush := func() {
		if len(inline) == 0 {
			return
		}
		holder := &html.Node{Type: html.ElementNode, DataAtom: atom.P}
		for _, n := range inline {
			n.Parent, n.PrevSibling, n.NextSibling = nil, nil, nil
			holder.AppendChild(n)
		}
		inline = inline[:0]
		if content := trimInlines(f.inlines(holder, pos)); len(content) > 0 {
			out = append(out, paragraphOrFigure(pos, content))
		}
	}
	for _, c := range children(el) {
		switch {
		case c.Type == html.ElementNode && fragmentBlock(c.DataAtom):
			flush()
			b, ok := f.block(c)
			if !ok {
				return nil, false
			}
			if b != nil {
				out = append(out, b)
			}
		case c.Type == html.ElementNode || c.Type == html.TextNode:
			inline = append(inline, c)
		}
	}
	flush()
	return out, true
}

// block converts one block element.
func (f fragment) block(el *html.Node) (doc.Block, bool) {
	pos := f.elementPos(el)
	id := anchorAttr(el.Attr)
	switch el.DataAtom {
	case atom.P:
		content := withAnchor(id, pos, trimInlines(f.inlines(el, pos)))
		if len(content) == 0 {
			return nil, true
		}
		b := paragraphOrFigure(pos, content)
		if kv := append(alignKV(el.Attr), dirKV(el.Attr)...); kv != nil { // <p align="center">: a row of badges, centred; <p dir="rtl">
			b = &doc.Div{Pos: pos, Attr: doc.Attr{KV: kv}, Blocks: []doc.Block{b}}
		}
		return b, true
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return &doc.Heading{Pos: pos, Attr: doc.Attr{ID: id.ID, KV: alignKV(el.Attr)}, Level: int(el.Data[1] - '0'), Content: trimInlines(f.inlines(el, pos))}, true
	case atom.Hr:
		return &doc.ThematicBreak{Pos: pos}, true
	case atom.Pre:
		code := &doc.CodeBlock{Pos: pos, Attr: doc.Attr{ID: id.ID}, Text: strings.TrimSuffix(textOf(el), "\n")}
		code.Language = preLanguage(el)
		return code, true
	case atom.Blockquote:
		blocks, ok := f.flow(el, pos)
		return &doc.BlockQuote{Pos: pos, Blocks: blocks}, ok
	case atom.Div: // a README's centred header: its images, headings and links
		blocks, ok := f.flow(el, pos)
		a := attrOf(el)
		a.KV = append(alignKV(el.Attr), dirKV(el.Attr)...) // its align and dir, not an image's width and height
		tag := blockTag{name: "div", attr: a}
		if style, found := attr(el.Attr, "style"); found {
			tag.breakBefore, tag.breakAfter = cssPageBreaks(style)
		}
		// A div of a callout's class is that callout.
		return divNode(tag, pos, blocks), ok
	case atom.Ul, atom.Ol:
		return f.list(el, pos)
	case atom.Dl:
		return f.definitions(el, pos)
	}
	return nil, false // an li, dt or dd out of its list
}

// htmlNumbering is how an ol numbers its items: as its style's
// list-style-type (or list-style) says, else its type attribute.
func htmlNumbering(el *html.Node) doc.Numbering {
	if style, ok := attr(el.Attr, "style"); ok {
		for _, decl := range strings.Split(style, ";") {
			name, value, _ := strings.Cut(decl, ":")
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "list-style-type", "list-style":
				for _, word := range strings.Fields(value) {
					if n, ok := doc.NumberingOfCSS(word); ok {
						return n
					}
				}
			}
		}
	}
	if t, ok := attr(el.Attr, "type"); ok {
		if n, ok := doc.NumberingOfHTMLType(strings.TrimSpace(t)); ok {
			return n
		}
	}
	return doc.Decimal
}

// list converts a ul or ol: tight when no item holds a paragraph element.
func (f fragment) list(el *html.Node, pos doc.Pos) (doc.Block, bool) {
	l := &doc.List{Pos: pos, Attr: doc.Attr{ID: anchorAttr(el.Attr).ID}, Tight: true}
	if el.DataAtom == atom.Ol {
		l.Kind, l.Start = doc.OrderedList, 1
		if s, ok := attr(el.Attr, "start"); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 0 && n < 1e9 {
				l.Start = n
			}
		}
		l.Numbering = htmlNumbering(el)
	}
	intoItems(el)
	for _, c := range children(el) {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Li:
			ipos := f.elementPos(c)
			blocks, ok := f.flow(c, ipos)
			if !ok {
				return nil, false
			}
			if hasElement(c, atom.P) {
				l.Tight = false
			}
			l.Items = append(l.Items, &doc.ListItem{Pos: ipos, Blocks: withBlockAnchor(anchorAttr(c.Attr), ipos, blocks)})
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "", c.Type == html.CommentNode:
		default:
			return nil, false // text or another element beside the items
		}
	}
	return l, true
}

// intoItems moves what a list holds beside its items into the item before
// it: a sub-list written straight in the list (<ul><li>a</li><ul>…</ul>),
// which browsers show under that item. What comes before any item stays,
// and the list is left as raw HTML.
func intoItems(list *html.Node) {
	var item *html.Node
	for _, c := range children(list) {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Li:
			item = c
		case c.Type == html.CommentNode, c.Type == html.TextNode && strings.TrimSpace(c.Data) == "", item == nil:
		default:
			list.RemoveChild(c)
			item.AppendChild(c)
		}
	}
}

// definitions converts a dl: each dt a term, each dd one of its
// definitions (a dd before any dt, one of an empty term).
func (f fragment) definitions(el *html.Node, pos doc.Pos) (doc.Block, bool) {
	dl := &doc.DefinitionList{Pos: pos}
	var cur *doc.Definition
	for _, c := range children(el) {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Dt:
			tpos := f.elementPos(c)
			cur = &doc.Definition{Pos: tpos, Term: withAnchor(anchorAttr(c.Attr), tpos, trimInlines(f.inlines(c, tpos)))}
			dl.Items = append(dl.Items, cur)
		case c.Type == html.ElementNode && c.DataAtom == atom.Dd:
			dpos := f.elementPos(c)
			blocks, ok := f.flow(c, dpos)
			if !ok {
				return nil, false
			}
			if cur == nil {
				cur = &doc.Definition{Pos: dpos}
				dl.Items = append(dl.Items, cur)
			}
			cur.Definitions = append(cur.Definitions, &doc.DefinitionBody{Pos: dpos, Blocks: withBlockAnchor(anchorAttr(c.Attr), dpos, blocks)})
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "", c.Type == html.CommentNode:
		default:
			return nil, false
		}
	}
	return dl, true
}

// inlines converts an element's inline content, each element at the
// position of its start tag.
func (f fragment) inlines(el *html.Node, pos doc.Pos) []doc.Inline {
	return htmlInlinesAt(el, pos, f.elementPos)
}

// withAnchor puts an element's id, as an anchor, before its content.
func withAnchor(id doc.Attr, pos doc.Pos, content []doc.Inline) []doc.Inline {
	if id.ID == "" {
		return content
	}
	return append([]doc.Inline{&doc.Span{Pos: pos, Attr: id}}, content...)
}

// withBlockAnchor puts an element's id, as an anchor, at the start of its
// first paragraph, or in a paragraph of its own.
func withBlockAnchor(id doc.Attr, pos doc.Pos, blocks []doc.Block) []doc.Block {
	if id.ID == "" {
		return blocks
	}
	if len(blocks) > 0 {
		if p, ok := blocks[0].(*doc.Paragraph); ok {
			p.Content = withAnchor(id, pos, p.Content)
			return blocks
		}
	}
	return append([]doc.Block{&doc.Paragraph{Pos: pos, Content: withAnchor(id, pos, nil)}}, blocks...)
}

// hasElement reports whether an element of kind a is inside n.
func hasElement(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || hasElement(c, a)) {
			return true
		}
	}
	return false
}

// preLanguage is a pre's language, from a "language-x" class on it or on
// its one code element.
func preLanguage(pre *html.Node) string {
	classes := func(n *html.Node) string {
		c, _ := attr(n.Attr, "class")
		for _, cl := range strings.Fields(c) {
			if lang, ok := strings.CutPrefix(cl, "language-"); ok {
				return lang
			}
		}
		return ""
	}
	if lang := classes(pre); lang != "" {
		return lang
	}
	if code := onlyElement(children(pre)); code != nil && code.DataAtom == atom.Code {
		return classes(code)
	}
	return ""
}
