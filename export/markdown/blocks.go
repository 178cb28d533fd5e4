package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
	"github.com/galley-pub/galley/export/theme"
)

// calloutMarker matches the `[!NOTE]` marker opening a callout's first
// line, for each kind of the theme's table.
var calloutMarker = func() *regexp.Regexp {
	var kinds []string
	for _, c := range theme.Callouts {
		kinds = append(kinds, regexp.QuoteMeta(c.Kind))
	}
	return regexp.MustCompile(`^(?i)\[!(` + strings.Join(kinds, "|") + `)\]`)
}()

// converter turns goldmark's tree into a doc tree. src is the text goldmark
// parsed: the original file with the front matter blanked, so offsets match.
type converter struct {
	src       []byte
	lines     *lineTable
	labels    map[int]string // goldmark's footnote index → label
	footnotes []footnote     // definitions, in the order goldmark closed them
	// inlineNotes are the labels of the inline notes converted, each
	// defined once however often its text is converted.
	inlineNotes map[string]bool
	diags       diag.List // problems in what the blocks say (an admonition's options)
	syntax      Syntax    // what the document reads besides Markdown's own
	// quotes are the quotation marks the typographer's become: the
	// document's language's, or the span's or div's being converted.
	quotes l10n.QuoteMarks
	chunks chunkStats    // the code chunks not run
	parsed *parseContext // what the parse gathered: headings by their text, kramdown's and Liquid's lines (nil: none)
	// markdowns are the goldmark parsers the parse configured, which
	// its inline Markdown (inlineMarkdown) is parsed with too.
	markdowns markdowns
}

// footnote is a converted definition with its byte offset, for sorting.
type footnote struct {
	offset int
	def    *doc.FootnoteDef
}

// footnoteLabels maps the index goldmark gives each referenced footnote
// definition to its label, so that references can name their note.
func footnoteLabels(root ast.Node) map[int]string {
	labels := make(map[int]string)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fn, ok := n.(*east.Footnote); ok && entering && fn.Index > 0 {
			labels[fn.Index] = string(fn.Ref)
		}
		return ast.WalkContinue, nil
	})
	return labels
}

// sortedFootnotes returns the footnote definitions in source order.
func (c *converter) sortedFootnotes() []*doc.FootnoteDef {
	sort.SliceStable(c.footnotes, func(i, j int) bool { return c.footnotes[i].offset < c.footnotes[j].offset })
	defs := make([]*doc.FootnoteDef, len(c.footnotes))
	for i, f := range c.footnotes {
		defs[i] = f.def
	}
	return defs
}

// blocks converts the block children of parent. fallback is the position
// used for nodes goldmark gives none.
func (c *converter) blocks(parent ast.Node, fallback doc.Pos) []doc.Block {
	var out []doc.Block
	var below *blockAttrs // kramdown's attributes for the next block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if list, ok := n.(*east.FootnoteList); ok {
			c.footnoteList(list, fallback)
			continue
		}
		if a, ok := n.(*blockAttrs); ok {
			if a.above && len(out) > 0 {
				out[len(out)-1] = withKramdownAttrs(out[len(out)-1], a.attrs, c.nodePos(a, fallback))
			} else {
				below = a
			}
			continue
		}
		if b := c.block(n, fallback); b != nil {
			if below != nil {
				b, below = withKramdownAttrs(b, below.attrs, c.nodePos(n, fallback)), nil
			}
			out = append(out, b)
		}
	}
	return mystTargets(captionTables(captionFigures(c.pairBlockHTML(htmlFragments(out)))))
}

// captionFigures gives a figure captioned only by its image's alt text
// the caption that follows it as mdBook books write one, a paragraph that
// is only a span of class "caption" ("Figure 4-1: …"), which it takes in;
// the alt text, a description for those who cannot see the image, stays
// the image's. blocks is the caller's own: it is compacted in place.
func captionFigures(blocks []doc.Block) []doc.Block {
	out := blocks[:0]
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		out = append(out, b)
		f, ok := b.(*doc.Figure)
		if !ok || f.Image == nil || i+1 == len(blocks) || doc.PlainText(f.Caption) != f.Image.Alt {
			continue
		}
		p, ok := blocks[i+1].(*doc.Paragraph)
		if !ok || len(p.Content) != 1 {
			continue
		}
		if span, ok := p.Content[0].(*doc.Span); ok && span.Attr.HasClass("caption") && span.Attr.ID == "" {
			f.Caption = span.Content
			i++
		}
	}
	return out
}

// block converts one block node; it returns nil for nodes that produce
// nothing (link reference definitions and the like).
func (c *converter) block(n ast.Node, fallback doc.Pos) doc.Block {
	pos := c.nodePos(n, fallback)
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if c.isTextRefDefinition(n) {
			return nil // bookdown's (ref:label) text, set where it is used
		}
		c.liquidLeftOut(n, pos)
		if a, ok := c.parsed.takeAttrs(n); ok {
			if b := c.block(n, fallback); b != nil {
				return withKramdownAttrs(b, a.attr, pos)
			}
			return nil
		}
		b := c.paragraph(n, pos)
		if p, ok := b.(*doc.Paragraph); ok {
			if blankParagraph(p) {
				return nil // it held LaTeX index entries alone
			}
			if cmd, ok := bookMatter(p); ok {
				c.chunks.matter.add(pos, 1, cmd)
				return nil
			}
			if latex, warning := latexParagraph(p, pos); latex != nil {
				return latex
			} else if warning != "" {
				c.chunks.warnOnce(pos, warning) // a book's own macro is on many lines
			}
			p.Content = formulaIDs(p.Content)
			if c.syntax.Docsify {
				if callout := docsifyCallout(p); callout != nil {
					return callout
				}
			}
			if c.syntax.MkDocs {
				if callout := markdownCallout(p); callout != nil {
					return callout
				}
			}
			return displayMathParagraph(p)
		}
		return b
	case *ast.Heading:
		content, attr := trailingAttributes(c.inlines(n, pos), attributes(n))
		return &doc.Heading{Pos: pos, Attr: attr, Level: n.Level, Content: content}
	case *ast.ThematicBreak:
		return &doc.ThematicBreak{Pos: pos}
	case *ast.CodeBlock:
		if _, inComponent := n.Parent().(*componentNode); inComponent {
			return c.mdxLines(n.Lines(), pos)
		}
		return &doc.CodeBlock{Pos: pos, Text: c.linesText(n.Lines(), nil)}
	case *ast.FencedCodeBlock:
		var info string
		if n.Info != nil {
			info = validUTF8(unescape(n.Info.Segment.Value(c.src)))
		}
		if isAdmonition(info) {
			return c.admonition(n, pos, info)
		}
		if c.syntax.MDX && strings.TrimSpace(info) == "mdx-code-block" {
			return c.mdxLines(n.Lines(), pos) // Docusaurus' MDX shown, not code
		}
		if b, ok := c.myst(n, info, pos); ok {
			return b
		}
		if b, ok := c.bookdownStatement(n, info, pos); ok {
			return b
		}
		text := c.linesText(n.Lines(), nil)
		if b, ok := c.chunk(info, text, pos); ok {
			return b
		}
		lang := codeLanguage(unescape(n.Language(c.src)))
		if f := c.mathBlock(lang, text, n, pos); f != nil {
			return f
		}
		return &doc.CodeBlock{Pos: pos, Language: lang, Text: text}
	case *ast.HTMLBlock:
		var closure []byte
		if n.HasClosure() {
			closure = n.ClosureLine.Value(c.src)
		}
		raw := c.linesText(n.Lines(), closure)
		if f := htmlFigure(raw, pos); f != nil {
			return f
		}
		if t := htmlTable(raw, pos, c.rawPositions(n.Lines(), n.ClosureLine, n.HasClosure())); t != nil {
			return t
		}
		return &doc.RawHTML{Pos: pos, HTML: raw}
	case *ast.Blockquote:
		if co := c.callout(n, pos); co != nil {
			return co
		}
		return &doc.BlockQuote{Pos: pos, Blocks: c.blocks(n, pos)}
	case *ast.List:
		if kramdownTOCList(n, c.src) {
			c.diags.Notef(pos, "kramdown's table of contents ({:toc}) is left out: both outputs have their own")
			return nil
		}
		if attr, ok := c.parsed.listAttrs(n); ok {
			return withKramdownAttrs(c.list(n, pos), attr, pos)
		}
		return c.list(n, pos)
	case *east.Table:
		return c.table(n, pos)
	case *east.DefinitionList:
		return c.definitionList(n, pos)
	case *mathBlock:
		return c.displayMath(n, pos)
	case *fencedDiv:
		return c.fencedDiv(n, pos)
	case *gitbookBlock:
		return c.gitbook(n, pos)
	case *liquidCode:
		return c.liquidCodeBlock(n, pos)
	case *hugoBlock:
		return c.hugo(n, pos)
	case *mkdocsBoxNode:
		return c.mkdocsBox(n, pos)
	case *esmNode:
		return nil // MDX's imports and exports print nothing
	case *componentNode:
		return c.component(n, pos)
	case *autodocNode:
		c.chunks.warnOnce(pos, "mkdocstrings' API documentation (::: package.module) is left out: it is made from the code, which galley does not read")
		return nil
	case *liquidTags:
		c.liquidLeftOut(n, pos)
		return nil
	case *lineBlock:
		return c.lineBlock(n, pos)
	case *fancyList:
		return c.fancyList(n, pos)
	case *gridTable:
		return c.gridTable(n, pos)
	case *ast.LinkReferenceDefinition:
		return nil // its links took its destination where they are
	default:
		c.diags.Warnf(pos, "a %s block is not set by galley: it is left out (please report it)", n.Kind())
		return nil
	}
}

// nodePos is the position goldmark recorded for n, else that of its first
// descendant that has one, else fallback.
func (c *converter) nodePos(n ast.Node, fallback doc.Pos) doc.Pos {
	if off := startOffset(n); off >= 0 {
		return c.lines.pos(off)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if p := c.nodePos(ch, doc.Pos{}); p.IsValid() {
			return p
		}
	}
	return fallback
}

// startOffset is the byte offset where n starts, or -1 when unknown.
func startOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	return n.Pos()
}

// linesText joins the lines of a code or HTML block (and an HTML block's
// closing line), without the final newline and with CRLF made LF.
func (c *converter) linesText(lines *text.Segments, extra []byte) string {
	var b bytes.Buffer
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	b.Write(extra)
	s := strings.ReplaceAll(b.String(), "\r\n", "\n")
	return validUTF8(strings.TrimSuffix(s, "\n"))
}

// rawPositions maps a byte offset in an HTML block's text (linesText of
// its lines and closing line) back to its position in the file: each
// line's text is its segment's, less the CR of a CRLF ending.
func (c *converter) rawPositions(lines *text.Segments, closure text.Segment, closed bool) func(int) doc.Pos {
	segs := lines.Sliced(0, lines.Len())
	if closed {
		segs = append(segs, closure)
	}
	return func(off int) doc.Pos {
		at := 0
		for _, seg := range segs {
			n := seg.Len() - bytes.Count(seg.Value(c.src), []byte("\r\n"))
			if off < at+n {
				return c.lines.pos(seg.Start + off - at)
			}
			at += n
		}
		return c.lines.pos(segs[len(segs)-1].Stop)
	}
}

// paragraph converts a paragraph; one that holds a single image and nothing
// else becomes a figure.
func (c *converter) paragraph(n ast.Node, pos doc.Pos) doc.Block {
	if img, ok := n.FirstChild().(*ast.Image); ok && c.onlyImage(n) {
		return c.figure(img, pos)
	}
	// An <img> tag whose attributes run over lines is inline HTML, not an
	// HTML block: alone in its paragraph, it is a figure all the same.
	if raw, ok := n.FirstChild().(*ast.RawHTML); ok && n.ChildCount() == 1 {
		if img := htmlInlineImage(c.rawHTML(raw), pos); img != nil {
			return &doc.Figure{Pos: pos, Image: img, Caption: caption(img.Title, img.Alt, pos)}
		}
	}
	if img, ok := n.FirstChild().(*ast.Image); ok {
		// ![](x.png){.decorative}: a figure that only decorates.
		var rest []byte
		texts := true
		for s := img.NextSibling(); s != nil && texts; s = s.NextSibling() {
			t, ok := s.(*ast.Text)
			if texts = ok; ok {
				rest = append(rest, t.Segment.Value(c.src)...)
			}
		}
		if texts && decorativeMark.Match(rest) {
			f := c.figure(img, pos)
			f.Image.Attr.Classes = append(f.Image.Attr.Classes, doc.DecorativeClass)
			return f
		}
	}
	return &doc.Paragraph{Pos: pos, Content: c.inlines(n, pos)}
}

// onlyImage reports whether paragraph n holds one image and nothing
// else but the image's attributes, pandoc's ![](x.svg){alt='…'}.
func (c *converter) onlyImage(n ast.Node) bool {
	if n.ChildCount() == 1 {
		return true
	}
	var nodes []ast.Node
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		nodes = append(nodes, ch)
	}
	rest := c.bracketedSpans(nodes)[1:]
	for _, r := range rest {
		if t, ok := r.(*ast.Text); !ok || len(bytes.TrimSpace(t.Segment.Value(c.src))) > 0 {
			return false
		}
	}
	return true
}

// decorativeMark is the attribute block that marks an image decorative.
var decorativeMark = regexp.MustCompile(`^\{:?\s*\.decorative\s*\}\s*$`)

// figure makes a standalone image a figure. Its caption is the image's
// title, else its alt text.
func (c *converter) figure(n *ast.Image, pos doc.Pos) *doc.Figure {
	img := c.image(n, pos)
	f := &doc.Figure{Pos: pos, Image: img}
	switch {
	case img.Title != "":
		titlePos := img.Pos
		if i := bytes.Index(c.src[n.Pos():], n.Title); len(n.Title) > 0 && i >= 0 {
			titlePos = c.lines.pos(n.Pos() + i)
		}
		f.Caption = []doc.Inline{&doc.Text{Pos: titlePos, Value: img.Title}}
	case n.FirstChild() != nil:
		// The text in brackets, which is the alt text unless an alt
		// attribute gives another; an alt attribute alone, pandoc's
		// ![](x.svg){alt='…'}, describes the image with no caption.
		f.Caption = c.inlines(n, pos) // with its emphasis, code and notes, as pandoc's
	}
	return f
}

// callout turns a block quote whose first line is `[!KIND] optional title`
// into a callout; it returns nil for an ordinary block quote.
func (c *converter) callout(n *ast.Blockquote, pos doc.Pos) *doc.Callout {
	para, ok := n.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return nil
	}
	first := para.Lines().At(0)
	m := calloutMarker.FindSubmatch(c.src[first.Start:first.Stop])
	if m == nil {
		return nil
	}
	co := &doc.Callout{Pos: pos, Kind: strings.ToLower(string(m[1]))}
	title, rest := c.splitFirstLine(para, first.Start+len(m[0]), first.Stop)
	co.Title = trimSpaceInlines(c.inlineNodes(title, pos))
	if body := trimSpaceInlines(c.inlineNodes(rest, pos)); len(body) > 0 {
		co.Blocks = append(co.Blocks, &doc.Paragraph{Pos: body[0].Position(), Content: body})
	}
	for ch := para.NextSibling(); ch != nil; ch = ch.NextSibling() {
		if b := c.block(ch, pos); b != nil {
			co.Blocks = append(co.Blocks, b)
		}
	}
	return co
}

// splitFirstLine sorts the inline children of para into those on its first
// line after markerEnd (the title) and those on later lines (the rest).
// Inlines before markerEnd are the marker and are dropped; a text node
// straddling markerEnd is cut there. The line break ending the first line
// is dropped too.
func (c *converter) splitFirstLine(para ast.Node, markerEnd, lineEnd int) (title, rest []ast.Node) {
	const inMarker, inTitle, inRest = 0, 1, 2
	phase := inMarker
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		if off := startOffset(n); off >= 0 {
			switch {
			case off < markerEnd:
				phase = inMarker
			case off < lineEnd:
				phase = inTitle
			default:
				phase = inRest
			}
		}
		switch phase {
		case inMarker:
			if t, ok := n.(*ast.Text); ok && t.Segment.Stop > markerEnd {
				title = append(title, cutText(t, markerEnd))
			}
		case inTitle:
			title = append(title, n)
		case inRest:
			rest = append(rest, n)
		}
	}
	return title, rest
}

// cutText returns a detached copy of t that starts at byte offset from,
// without a line break at its end.
func cutText(t *ast.Text, from int) *ast.Text {
	seg := t.Segment
	seg.Start = from
	cut := ast.NewTextSegment(seg)
	cut.SetRaw(t.IsRaw())
	return cut
}

// list converts a bullet, ordered or task list.
func (c *converter) list(n *ast.List, pos doc.Pos) *doc.List {
	l := &doc.List{Pos: pos, Kind: doc.BulletList, Tight: n.IsTight}
	if n.IsOrdered() {
		l.Kind, l.Start = doc.OrderedList, n.Start
		if n.Marker == ')' {
			l.Delim = doc.OneParen // 1) as written, as pandoc prints it
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		itemPos := c.nodePos(ch, pos)
		item := &doc.ListItem{Pos: itemPos, Task: taskState(ch), Blocks: c.blocks(ch, itemPos)}
		if item.Task != doc.NoTask {
			if l.Kind == doc.BulletList {
				l.Kind = doc.TaskList
			}
			if p, ok := firstBlock(item.Blocks).(*doc.Paragraph); ok {
				p.Content = trimSpaceInlines(p.Content)
				if len(p.Content) > 0 {
					p.Pos = p.Content[0].Position()
				}
			}
		}
		l.Items = append(l.Items, item)
	}
	return l
}

// taskState reads the check box goldmark puts at the start of a task-list
// item's first paragraph.
func taskState(item ast.Node) doc.TaskState {
	para := item.FirstChild()
	if para == nil {
		return doc.NoTask
	}
	if box, ok := para.FirstChild().(*east.TaskCheckBox); ok {
		if box.IsChecked {
			return doc.TaskDone
		}
		return doc.TaskOpen
	}
	return doc.NoTask
}

func firstBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

// definitionList converts a definition list. Each term starts a new
// definition; the descriptions that follow belong to it.
func (c *converter) definitionList(n *east.DefinitionList, pos doc.Pos) *doc.DefinitionList {
	dl := &doc.DefinitionList{Pos: pos}
	var cur *doc.Definition
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		chPos := c.nodePos(ch, pos)
		switch ch.(type) {
		case *east.DefinitionTerm:
			cur = &doc.Definition{Pos: chPos, Term: c.inlines(ch, chPos)}
			dl.Items = append(dl.Items, cur)
		case *east.DefinitionDescription:
			if cur == nil {
				cur = &doc.Definition{Pos: chPos}
				dl.Items = append(dl.Items, cur)
			}
			cur.Definitions = append(cur.Definitions, &doc.DefinitionBody{Pos: chPos, Blocks: c.blocks(ch, chPos)})
		}
	}
	return dl
}

// footnoteList collects the definitions goldmark gathered in a list.
func (c *converter) footnoteList(list *east.FootnoteList, fallback doc.Pos) {
	for ch := list.FirstChild(); ch != nil; ch = ch.NextSibling() {
		fn, ok := ch.(*east.Footnote)
		if !ok {
			continue
		}
		pos := c.nodePos(fn, fallback)
		def := &doc.FootnoteDef{Pos: pos, Label: validUTF8(string(fn.Ref)), Blocks: c.blocks(fn, pos)}
		c.footnotes = append(c.footnotes, footnote{offset: fn.Pos(), def: def})
	}
}

// attributes converts goldmark's `{#id .class key=val}` attributes.
// trailingAttributes takes from the end of a heading's content the
// pandoc attributes goldmark's reader leaves as text, those with the -
// that stands for the class unnumbered ("# Preface {-}", "{#pre -}"),
// into attr.
func trailingAttributes(content []doc.Inline, attr doc.Attr) ([]doc.Inline, doc.Attr) {
	if len(content) == 0 {
		return content, attr
	}
	last, ok := content[len(content)-1].(*doc.Text)
	if !ok || !strings.HasSuffix(last.Value, "}") {
		return content, attr
	}
	open := strings.LastIndex(last.Value, "{")
	if open < 0 {
		return content, attr
	}
	parsed, n, ok := pandocAttributes([]byte(last.Value[open:]))
	if !ok || n != len(last.Value)-open {
		return content, attr
	}
	for _, at := range parsed {
		switch val := attributeValue(at.Value); string(at.Name) {
		case "id":
			if attr.ID == "" {
				attr.ID = val
			}
		case "class":
			attr.Classes = append(attr.Classes, strings.Fields(val)...)
		default:
			attr.KV = append(attr.KV, doc.KV{Key: string(at.Name), Value: val})
		}
	}
	text := strings.TrimRight(last.Value[:open], " \t")
	if text == "" {
		return content[:len(content)-1], attr
	}
	trimmed := *last
	trimmed.Value = text
	return append(content[:len(content)-1:len(content)-1], &trimmed), attr
}

func attributes(n ast.Node) doc.Attr {
	var a doc.Attr
	for _, at := range n.Attributes() {
		val := attributeValue(at.Value)
		switch name := string(at.Name); name {
		case "id":
			a.ID = val
		case "class":
			a.Classes = append(a.Classes, strings.Fields(val)...)
		default:
			a.KV = append(a.KV, doc.KV{Key: name, Value: val})
		}
	}
	return a
}

func attributeValue(v any) string {
	switch v := v.(type) {
	case []byte:
		return validUTF8(string(v))
	case string:
		return validUTF8(v)
	case nil:
		return ""
	}
	return validUTF8(fmt.Sprint(v))
}

// codeLanguage is the language a fenced block's info word names: cut at a
// comma (mdBook's "rust,ignore") or a brace, and with pandoc's attribute
// braces and dot taken off ("{.python}").
func codeLanguage(info string) string {
	s := strings.TrimPrefix(strings.TrimSpace(info), "{")
	s = strings.TrimPrefix(s, ".")
	if i := strings.IndexAny(s, ",{} \t"); i >= 0 {
		s = s[:i]
	}
	return s
}
