package markdown

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/galley-pub/galley/export/doc"
)

// A fenced div is pandoc's (its fenced_divs extension): a line of three
// or more colons and attributes opens it, a line of colons alone closes
// it, and what is between is Markdown.
//
//	::: {#intro .warning}
//	Text.
//	:::
//
// The same fences carry the callouts of the tools that teachers and
// documentation sites write with: Quarto's `::: {.callout-tip}`, the
// Carpentries' lesson boxes (`:::: challenge`, `::: solution`),
// Docusaurus' and VitePress' `:::tip Title` and MyST's `:::{note}`.
// Those become callouts (fencedDivKinds); `details` becomes a details
// division; any other div keeps its attributes as a Div, its content
// shown.

// kindFencedDiv is the goldmark node kind of a fenced div.
var kindFencedDiv = ast.NewNodeKind("FencedDiv")

// fencedDiv is a fenced div as goldmark parses it: its children are
// its Markdown; the attributes are set on the node.
type fencedDiv struct {
	ast.BaseBlock
	name   string // the one word after the colons (pandoc's lone class, a MyST directive), if any
	title  string // the text after the word (Docusaurus', VitePress' and MyST's title)
	closed bool   // a closing fence ended it (not its container, or the end of the file)
}

// Kind implements ast.Node.
func (n *fencedDiv) Kind() ast.NodeKind { return kindFencedDiv }

// Dump implements ast.Node.
func (n *fencedDiv) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"name": n.name, "title": n.title}, nil)
}

// fencedDivSyntax adds fenced divs to goldmark, ahead of definition
// lists (whose ": " would take a fence's first colon).
type fencedDivSyntax struct{}

// Extend implements goldmark.Extender.
func (fencedDivSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(fencedDivParser{}, 100)))
}

// fencedDivParser parses fenced divs.
type fencedDivParser struct{}

// Trigger implements parser.BlockParser.
func (fencedDivParser) Trigger() []byte { return []byte{':'} }

// fenceColons returns how many colons start line at pos (the line's
// first non-space byte), 0 when fewer than three.
func fenceColons(line []byte, pos int) int {
	n := 0
	for pos+n < len(line) && line[pos+n] == ':' {
		n++
	}
	if n < 3 {
		return 0
	}
	return n
}

// Open implements parser.BlockParser: a fence that gives attributes, a
// word or a title opens a div.
func (fencedDivParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	n := fenceColons(line, pos)
	if n == 0 {
		return nil, parser.NoChildren
	}
	rest := bytes.TrimSpace(bytes.TrimRight(bytes.TrimSpace(line[pos+n:]), ":"))
	div := &fencedDiv{}
	if len(rest) == 0 || !div.readOpening(rest) {
		return nil, parser.NoChildren // a closing fence with no div open is text
	}
	reader.AdvanceToEOL()
	return div, parser.HasChildren
}

// readOpening reads what follows an opening fence's colons (trimmed, its
// trailing colons off): pandoc's attributes in braces, MyST's
// directive in braces and its title, or a word and a title. It reports
// whether that opens a div.
func (n *fencedDiv) readOpening(rest []byte) bool {
	if rest[0] == '{' {
		if end := bytes.IndexByte(rest, '}'); end > 0 && isWord(strings.TrimSpace(string(rest[1:end]))) {
			n.name = strings.ToLower(strings.TrimSpace(string(rest[1:end]))) // MyST's {note}
			n.title = strings.TrimSpace(string(rest[end+1:]))
			return true
		}
		attrs, end, ok := pandocAttributes(rest)
		if !ok {
			return false
		}
		for _, a := range attrs {
			n.SetAttribute(a.Name, a.Value)
		}
		n.title = strings.TrimSpace(string(rest[end:]))
		return true
	}
	word, title, _ := strings.Cut(string(rest), " ")
	if open := strings.IndexByte(word, '['); open > 0 && strings.HasSuffix(string(rest), "]") && title == "" {
		word, title = word[:open], string(rest)[open+1:len(rest)-1] // Docusaurus' :::tip[Title]
	}
	if !isWord(word) {
		return false
	}
	n.name, n.title = strings.ToLower(word), strings.TrimSpace(title)
	return true
}

// isWord reports whether s is a class or directive name: letters,
// digits, hyphens and underscores, starting with a letter.
func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" || !unicode.IsLetter(r) {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')
	}) < 0
}

// opensDiv reports whether line l opens a fenced div, as Open would at
// the start of a block.
func opensDiv(l []byte) bool {
	cols, at := indentOf(l)
	n := fenceColons(l, at)
	if cols > 3 || n == 0 {
		return false
	}
	rest := bytes.TrimSpace(bytes.TrimRight(bytes.TrimSpace(l[at+n:]), ":"))
	return len(rest) > 0 && (&fencedDiv{}).readOpening(rest)
}

// closesDiv reports whether line l is a closing fence: colons alone.
func closesDiv(l []byte) bool {
	cols, at := indentOf(l)
	n := fenceColons(l, at)
	return cols <= 3 && n > 0 && util.IsBlank(l[at+n:])
}

// Continue implements parser.BlockParser: a line of colons alone closes
// the innermost div, unless a block inside it that takes lines as they
// are (fenced code, HTML) is open.
func (fencedDivParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if innerBlockOpen(node, pc) {
		return parser.Continue | parser.HasChildren
	}
	line, _ := reader.PeekLine()
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		if c := fenceColons(line, pos); c > 0 && util.IsBlank(line[pos+c:]) {
			node.(*fencedDiv).closed = true
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

// Close implements parser.BlockParser.
func (fencedDivParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser: sites write their
// admonitions with no blank line before them.
func (fencedDivParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (fencedDivParser) CanAcceptIndentedLine() bool { return false }

// divKind is what a fenced div's name makes of it: a callout of a theme
// kind with a title of its own (empty: the kind's), or a details
// division.
type divKind struct {
	callout string // the callout's kind; "" for details
	title   string
	// label is the prefix of the ids of the kind's numbered statements
	// (statements.go): bookdown's thm:pyth and Quarto's thm-pyth.
	label string
}

// fencedDivKinds are the names that make a fenced div a callout (or
// details): pandoc's and GitHub's five kinds, Quarto's callout-*,
// Docusaurus', VitePress' and MyST's admonitions, and the boxes of the
// Carpentries' lessons, each with the title its site shows. (A name not
// here that the fence gives a title to, as a site's own admonition, is a
// note with that title.)
var fencedDivKinds = map[string]divKind{
	"note": {callout: "note"}, "tip": {callout: "tip"}, "important": {callout: "important"},
	"warning": {callout: "warning"}, "caution": {callout: "caution"},
	"callout-note": {callout: "note"}, "callout-tip": {callout: "tip"}, "callout-important": {callout: "important"},
	"callout-warning": {callout: "warning"}, "callout-caution": {callout: "caution"},
	"info": {callout: "note", title: "Info"}, "danger": {callout: "caution", title: "Danger"},
	"attention": {callout: "warning", title: "Attention"}, "error": {callout: "caution", title: "Error"},
	"hint": {callout: "tip", title: "Hint"}, "seealso": {callout: "note", title: "See also"},
	"admonition": {callout: "note"},
	// The Carpentries' Workbench.
	"objectives": {callout: "note", title: "Objectives"}, "questions": {callout: "note", title: "Questions"},
	"keypoints": {callout: "important", title: "Key Points"}, "challenge": {callout: "tip", title: "Challenge"},
	"callout": {callout: "note"}, "discussion": {callout: "note", title: "Discussion"},
	"instructor": {callout: "important", title: "Instructor Note"}, "prereq": {callout: "warning", title: "Prerequisite"},
	"checklist": {callout: "tip", title: "Checklist"}, "testimonial": {callout: "note", title: "Testimonial"},
	// MyST's boxes, sphinx-exercise's exercises and sphinx-proof's
	// statements (Jupyter Book).
	"margin": {callout: "note"}, "sidebar": {callout: "note"}, "topic": {callout: "note"}, "dropdown": {callout: "note"},
	"exercise": {callout: "tip", title: "Exercise"}, "prf:theorem": {callout: "important", title: "Theorem"},
	"prf:lemma": {callout: "important", title: "Lemma"}, "prf:corollary": {callout: "important", title: "Corollary"},
	"prf:proposition": {callout: "important", title: "Proposition"}, "prf:definition": {callout: "note", title: "Definition"},
	"prf:example": {callout: "note", title: "Example"}, "prf:remark": {callout: "note", title: "Remark"},
	"prf:algorithm": {callout: "note", title: "Algorithm"}, "prf:proof": {callout: "note", title: "Proof"},
	"prf:axiom": {callout: "important", title: "Axiom"}, "prf:conjecture": {callout: "note", title: "Conjecture"},
	"prf:criterion": {callout: "note", title: "Criterion"}, "prf:assumption": {callout: "note", title: "Assumption"},
	"prf:observation": {callout: "note", title: "Observation"}, "prf:property": {callout: "note", title: "Property"},
	// bookdown's and Quarto's theorem environments: numbered statements.
	"theorem": {callout: "important", title: "Theorem", label: "thm"}, "lemma": {callout: "important", title: "Lemma", label: "lem"},
	"corollary": {callout: "important", title: "Corollary", label: "cor"}, "proposition": {callout: "important", title: "Proposition", label: "prp"},
	"conjecture": {callout: "note", title: "Conjecture", label: "cnj"}, "definition": {callout: "note", title: "Definition", label: "def"},
	"example": {callout: "note", title: "Example", label: "exm"}, "hypothesis": {callout: "note", title: "Hypothesis", label: "hyp"},
	"remark": {callout: "note", title: "Remark"}, "proof": {callout: "note", title: "Proof"},
	// Shown folded on a site: details, as HTML's <details> is read.
	"details": {}, "solution": {title: "Solution"}, "spoiler": {title: "Spoiler"},
}

// fencedDiv converts a fenced div at pos.
func (c *converter) fencedDiv(n *fencedDiv, pos doc.Pos) doc.Block {
	if !n.closed {
		c.diags.Warnf(pos, "this fenced div (:::) is never closed: it runs to the end of what holds it; close it with a line of colons alone")
	}
	attr := attributes(n)
	if omittedDiv(c.syntax.Omit, n.name, attr) {
		return nil
	}
	if shown, cond := conditionalShown(attr); !shown {
		c.chunks.otherFormats.add(pos, 1, cond)
		return nil
	}
	restore := c.inLanguage(attr)
	blocks := c.blocks(n, pos)
	restore()
	title := validUTF8(n.title)
	if title == "" {
		for _, kv := range attr.KV {
			if kv.Key == "title" {
				title = kv.Value
			}
		}
	}
	name := n.name
	if name == "" {
		for _, cl := range attr.Classes {
			if _, ok := fencedDivKinds[strings.ToLower(cl)]; ok {
				name = strings.ToLower(cl)
				break
			}
		}
	} else {
		attr.Classes = append([]string{name}, attr.Classes...)
	}
	kind, known := fencedDivKinds[name]
	if !known && attr.ID != "" {
		name, kind, known = statementKind(attr.ID)
	}
	if isStatement(name, kind) {
		if title == "" {
			title, _ = attr.Get("name") // bookdown's
		}
		var named []doc.Inline
		if title != "" {
			named = c.inlineMarkdown(title, pos, c.syntax)
		} else if h, ok := firstHeading(blocks); ok { // Quarto's
			named, blocks = h.Content, withBlockAnchor(doc.Attr{ID: h.Attr.ID}, h.Pos, blocks[1:])
		}
		return statement(name, kind, attr.ID, named, blocks, pos)
	}
	switch {
	case !known && (title == "" || n.name == ""):
		return &doc.Div{Pos: pos, Attr: attr, Blocks: blocks}
	case !known:
		kind = divKind{callout: "note"} // a site's own admonition, titled
	}
	var heading []doc.Inline
	if h, ok := firstHeading(blocks); ok && title == "" && (kind.callout != "" || name != "details") {
		// Quarto and the Carpentries title a box with its first heading.
		heading, blocks = h.Content, withBlockAnchor(doc.Attr{ID: h.Attr.ID}, h.Pos, blocks[1:])
	}
	var titled []doc.Inline
	switch {
	case title != "":
		titled = c.inlineMarkdown(title, pos, c.syntax)
	case heading != nil && kind.title != "" && !strings.EqualFold(doc.PlainText(heading), kind.title):
		// On paper the box's kind is not an icon: "Challenge: Tilde".
		titled = append([]doc.Inline{&doc.Text{Pos: pos, Value: kind.title + ": "}}, heading...)
	case heading != nil:
		titled = heading
	case kind.title != "":
		titled = []doc.Inline{&doc.Text{Pos: pos, Value: kind.title}}
	}
	blocks = withBlockAnchor(doc.Attr{ID: attr.ID}, pos, blocks)
	if kind.callout == "" {
		return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{"details"}}, Title: titled, Blocks: blocks}
	}
	return &doc.Callout{Pos: pos, Kind: kind.callout, Title: titled, Blocks: blocks}
}

// omittedDiv reports a fenced div that the syntax leaves out: its name
// (::: solution) or a class ({.solution}) is one of omit (Syntax.Omit),
// in any case.
func omittedDiv(omit []string, name string, attr doc.Attr) bool {
	for _, o := range omit {
		if strings.EqualFold(name, o) || slices.ContainsFunc(attr.Classes, func(cl string) bool { return strings.EqualFold(cl, o) }) {
			return true
		}
	}
	return false
}

// firstHeading returns blocks' first block when it is a heading.
func firstHeading(blocks []doc.Block) (*doc.Heading, bool) {
	if len(blocks) == 0 {
		return nil, false
	}
	h, ok := blocks[0].(*doc.Heading)
	return h, ok
}
