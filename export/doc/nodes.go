package doc

import (
	"slices"
	"strconv"
	"strings"
)

// Node is any node of the tree. The set of node kinds is closed: it is
// exactly the types listed in the registration block of walk.go.
type Node interface {
	Position() Pos
	node()
}

// Block is a node that stands on its own in a flow of blocks.
type Block interface {
	Node
	block()
}

// Inline is a node inside a run of text.
type Inline interface {
	Node
	inline()
}

// Position returns the node's source position. Every node embeds Pos.
func (p Pos) Position() Pos { return p }

// ---- Blocks ----

// Heading is a section heading of level 1 to 6. Attr.ID is the fragment
// identifier; the passes give every heading a unique one.
type Heading struct {
	Pos
	Attr    Attr
	Level   int
	Content []Inline
}

// UnlistedClass keeps a heading out of the tables of contents, printed
// and the e-book's, as pandoc's .unlisted does (kramdown's .no_toc is
// read as it); the PDF's bookmarks keep it.
const UnlistedClass = "unlisted"

// Paragraph is a run of inline content.
type Paragraph struct {
	Pos
	Content []Inline
}

// ListKind tells bullet, ordered and task lists apart.
type ListKind int

// The list kinds.
const (
	BulletList ListKind = iota
	OrderedList
	TaskList // a bullet list whose items carry check boxes
)

// List is a bullet, ordered or task list.
type List struct {
	Pos
	Attr  Attr
	Kind  ListKind
	Start int  // first number of an ordered list
	Tight bool // items are not separated by blank lines
	// Numbering and Delim are how an ordered list writes its numbers
	// (pandoc's list styles): 1. by default.
	Numbering Numbering
	Delim     NumberDelim
	Items     []*ListItem
}

// ExampleClass is the class of pandoc's example list, (@) or (@label):
// its items are numbered on through the document's example lists, and
// a labelled item starts with an anchor (ExampleAnchor) that "(@label)"
// in the text refers to (passes.NumberExamples).
const ExampleClass = "example"

// ExampleAnchor is the anchor id of the example labelled label.
func ExampleAnchor(label string) string { return "example-" + label }

// Numbering is how an ordered list numbers its items.
type Numbering int

// The numberings, as CSS names them.
const (
	Decimal    Numbering = iota // 1, 2, 3
	LowerAlpha                  // a, b, c
	UpperAlpha                  // A, B, C
	LowerRoman                  // i, ii, iii
	UpperRoman                  // I, II, III
)

// NumberDelim is what an ordered list writes around its numbers.
type NumberDelim int

// The delimiters.
const (
	Period    NumberDelim = iota // 1.
	OneParen                     // 1)
	TwoParens                    // (1)
)

// TaskState is the check box of a task-list item.
type TaskState int

// The task states.
const (
	NoTask TaskState = iota
	TaskOpen
	TaskDone
)

// ListItem is one item of a List.
type ListItem struct {
	Pos
	Task   TaskState
	Blocks []Block
}

// BlockQuote is a quotation.
type BlockQuote struct {
	Pos
	Blocks []Block
}

// Callout is a boxed aside such as GitHub's `> [!NOTE]` alert.
type Callout struct {
	Pos
	Kind   string   // lower case: note, tip, important, warning, caution
	Title  []Inline // the text after the marker, or empty for the default title
	Blocks []Block
}

// CodeBlock is preformatted text, with its language if one was given.
type CodeBlock struct {
	Pos
	Attr     Attr
	Language string
	Text     string // ends without a trailing newline
	// Tokens is Text cut into its syntax's tokens (passes.Highlight): they
	// join to Text exactly. Nil: not highlighted (no lexer for Language).
	Tokens []CodeToken
}

// CodeToken is a run of a code block's text and the class of syntax it
// is: what both outputs colour it by.
type CodeToken struct {
	Text  string
	Class CodeClass
}

// CodeClass is a class of code syntax.
type CodeClass uint8

// The classes of code syntax, each drawn in an ink of its own.
const (
	CodePlain   CodeClass = iota // names, operators, punctuation, space
	CodeKeyword                  // keywords, drawn bold
	CodeString                   // string and character literals
	CodeNumber                   // numeric literals
	CodeComment                  // comments
	CodeBuiltin                  // built-in names and pseudo-names
)

// String names the class as the outputs' style classes do.
func (c CodeClass) String() string {
	switch c {
	case CodeKeyword:
		return "kw"
	case CodeString:
		return "str"
	case CodeNumber:
		return "num"
	case CodeComment:
		return "com"
	case CodeBuiltin:
		return "bi"
	}
	return "plain"
}

// ThematicBreak is a horizontal rule.
type ThematicBreak struct {
	Pos
}

// Alignment is a table column's alignment.
type Alignment int

// The alignments.
const (
	AlignDefault Alignment = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a table with an optional header row and caption.
type Table struct {
	Pos
	Attr    Attr
	Align   []Alignment // one per column
	Header  *TableRow   // nil when there is no header
	Rows    []*TableRow
	Caption []Inline // pandoc's "Table: …" paragraph; nil for none
}

// TableRow is one row of a table.
type TableRow struct {
	Pos
	Cells []*TableCell
}

// TableCell is one cell of a table row. A cell may span more than one
// column (ColSpan) or row (RowSpan); 0 and 1 both mean one. The cells a
// row lists are those that start in it: Table.Grid places them.
//
// A cell holds text (Content), or, when it is more than paragraphs of
// text, blocks (a list, a code block, a quotation: pandoc's grid tables
// allow them), and then its Content is nil.
type TableCell struct {
	Pos
	Content          []Inline
	Blocks           []Block
	ColSpan, RowSpan int
}

// Figure is an image standing alone as a block, with its caption.
type Figure struct {
	Pos
	Attr    Attr
	Image   *Image
	Caption []Inline // from the image's title, else its alt text
}

// FootnoteDef is the text of a footnote. Number is set by the passes: the
// order of first reference, from 1; 0 for a note never referenced.
type FootnoteDef struct {
	Pos
	Label  string
	Number int
	Blocks []Block
}

// DefinitionList is a list of terms with their definitions.
type DefinitionList struct {
	Pos
	Items []*Definition
}

// Definition is one term with one or more definitions.
type Definition struct {
	Pos
	Term        []Inline
	Definitions []*DefinitionBody
}

// DefinitionBody is one definition of a term.
type DefinitionBody struct {
	Pos
	Blocks []Block
}

// Div is a division of blocks with attributes and no meaning of its own:
// HTML's <div> around Markdown, and <details> (the class "details", its
// <summary> the Title, which a <div> has none of).
type Div struct {
	Pos
	Attr   Attr
	Title  []Inline
	Blocks []Block
}

// StatementKey is the attribute of a Div that holds a numbered
// statement (a theorem, a lemma, a definition…): its value is the
// statement's word ("Theorem"), which starts the title of the Callout
// the Div holds and which the passes follow with its number.
const StatementKey = "statement"

// NumberedClass is the class of a figure the passes number whatever its
// id (a MyST figure of a Jupyter Book, which Sphinx numbers), as they
// number one whose id starts fig-.
const NumberedClass = "numbered"

// NumberRefKey is the attribute of a link that prints the number of what
// it leads to (MyST's {numref}): its value the link's template, whose
// %s (or {number}) the passes replace by the number ("Fig. %s"), or ""
// for none: the link then prints the thing's name, "Figure 1.2".
const NumberRefKey = "numref"

// ChapterNumberKey is the attribute of the level-1 heading of a numbered
// book's chapter that holds the chapter's number ("2"): the passes
// number the chapter's figures, tables and statements after it,
// "Figure 2.1".
const ChapterNumberKey = "chapter-number"

// PageBreakClass is the class of an empty Div that starts a new page in
// print: LaTeX's \newpage in pandoc's Markdown, CSS's page-break-before
// and -after. The EPUB asks the reader for a break there.
const PageBreakClass = "page-break"

// IsPageBreak reports whether d is a page break: empty, of PageBreakClass.
func (d *Div) IsPageBreak() bool {
	return len(d.Blocks) == 0 && len(d.Title) == 0 && d.Attr.HasClass(PageBreakClass)
}

// SpaceClass is the class of an empty Div that leaves vertical space in
// print, as tall as its "height" key says (a CSS length: "3cm", "12pt"):
// LaTeX's \vspace{3cm} and \bigskip in pandoc's Markdown, room to write
// an answer on a worksheet.
const SpaceClass = "vspace"

// Space returns the height in points of a space (SpaceClass), and false
// for any other Div or a height it cannot read.
func (d *Div) Space() (float64, bool) {
	if len(d.Blocks) > 0 || !d.Attr.HasClass(SpaceClass) {
		return 0, false
	}
	h, _ := d.Attr.Get("height")
	return Length(h)
}

// Length reads a length as TeX and CSS write it, a number and a unit (pt,
// bp, px, mm, cm, in, pc, em or ex, at 12 pt to the em), into points; false
// when it is not one, or negative.
func Length(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || n < 0 {
		return 0, false
	}
	unit, ok := lengthUnits[strings.TrimSpace(s[i:])]
	if !ok {
		return 0, false
	}
	return n * unit, true
}

// lengthUnits are the points in each unit Length reads.
var lengthUnits = map[string]float64{"pt": 1, "bp": 1, "px": 0.75, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72, "pc": 12, "em": 12, "ex": 6}

// RawHTML is a block of HTML from the source, kept as data. Each renderer
// sanitises or drops it.
type RawHTML struct {
	Pos
	HTML string
}

// Appendix is the further-reading appendix built by the passes: the
// front-matter references, then every external link cited in the text.
type Appendix struct {
	Pos
	Attr   Attr   // Attr.ID is the fragment id of the appendix heading
	Title  string // "Further reading"
	Groups []*ReferenceGroup
}

// ReferenceGroup is one titled group of the appendix ("Recommended reading",
// "Links cited").
type ReferenceGroup struct {
	Pos
	Attr    Attr
	Title   string
	Entries []*Reference
	// AuthorDate sets each entry's year after its authors, as an
	// author-date list of works cited does ("Cha, Victor. 2012. Title").
	AuthorDate bool
}

// ---- Inlines ----

// Text is plain text. Typographic replacements (curly quotes, dashes,
// ellipses) are already real Unicode characters.
type Text struct {
	Pos
	Value string
}

// Emphasis is emphasised (italic) content.
type Emphasis struct {
	Pos
	Content []Inline
}

// Strong is strongly emphasised (bold) content.
type Strong struct {
	Pos
	Content []Inline
}

// Strikethrough is struck-out content.
type Strikethrough struct {
	Pos
	Content []Inline
}

// Superscript is raised content (HTML's <sup>).
type Superscript struct {
	Pos
	Content []Inline
}

// Subscript is lowered content (HTML's <sub>).
type Subscript struct {
	Pos
	Content []Inline
}

// Span is content with attributes and no meaning of its own: HTML's <span>
// (its id, classes and lang, as the key "lang"), and <kbd> (the class
// "kbd", as pandoc reads it). With an id and no content it is an anchor
// (HTML's <a id> or <a name>), a target for links.
type Span struct {
	Pos
	Attr    Attr
	Content []Inline
}

// RubyClass and RubyTextClass mark ruby (HTML's <ruby>, furigana over
// Japanese, pinyin over Chinese): a Span of class RubyClass holds its
// base text and, after each base, a Span of class RubyTextClass holding
// that base's annotation (<rt>), which the renderers set over its base
// (the e-book as <ruby>, with <rp> parentheses for a reading system that
// shows no ruby).
const (
	RubyClass     = "ruby"
	RubyTextClass = "rt"
)

// Code is inline code.
type Code struct {
	Pos
	Value string
}

// Link is a hyperlink. A URL starting with '#' points inside the document.
type Link struct {
	Pos
	Attr    Attr
	URL     string
	Title   string
	Content []Inline
}

// HeadingRefPrefix starts the URL a reader gives a link to a heading
// that it found by the heading's text (pandoc's implicit heading
// references: "[Creating a PDF]" links to "# Creating a PDF"), before
// the heading has an id: the heading's position (Pos.String) follows it,
// and passes.AssignHeadingIDs makes it "#" and the id the heading gets.
const HeadingRefPrefix = "galley-heading:"

// Image is an inline image. Alt is its plain-text description.
// Unavailable is set by the build when it has reported, once for both
// outputs, that the image cannot be shown (a missing file, a remote image
// not fetched, a file that is no image): the renderers then show its
// alt text, or a placeholder, without a warning of their own.
type Image struct {
	Pos
	Attr        Attr
	URL         string
	Title       string
	Alt         string
	Unavailable bool
}

// FootnoteRef is a reference to a footnote. Number is set by the passes.
type FootnoteRef struct {
	Pos
	Label  string
	Number int
}

// LineBreak is a hard line break (two spaces or a backslash at line end).
// Soft line breaks are Text containing a single space.
type LineBreak struct {
	Pos
}

// RawInline is inline HTML from the source, kept as data.
type RawInline struct {
	Pos
	HTML string
}

// ---- The document ----

// Document is a whole source document with its metadata and, once the passes
// have run, its derived parts.
type Document struct {
	Pos
	Meta      Meta
	Blocks    []Block
	Footnotes []*FootnoteDef // in source order; numbered by the passes

	// Filled by the passes.
	Outline  []*OutlineEntry // every heading, in order, with its id
	Appendix *Appendix       // nil when there is nothing to list
}

// OutlineEntry is one heading in the outline (the table of contents).
type OutlineEntry struct {
	Pos
	Level   int
	ID      string
	Title   string   // plain text
	Content []Inline // the heading's inlines, for renderers that style them
	Heading *Heading
}

// DefaultLang is the language of a document whose Meta.Lang is empty.
const DefaultLang = "en"

// Meta is the front matter of a document.
type Meta struct {
	Pos
	Title          string
	Subtitle       string
	Authors        []string
	Publisher      string
	Date           string // as written, normally YYYY-MM-DD
	Lang           string // BCP 47, e.g. "en"; empty: DefaultLang
	Description    string
	Keywords       []string
	Identifier     string // e.g. "urn:isbn:…"; derived from the content when empty
	Rights         string
	Cover          string // path of a cover image, relative to the source file
	FurtherReading []*Reference
	// References are the works the text may cite by their ids ([@id]),
	// pandoc's: the front matter's references (CSL YAML) and those of its
	// bibliography files. Those cited are listed in the appendix.
	References []*Reference
	// Bibliography names the front matter's bibliography files (BibTeX,
	// CSL JSON or CSL YAML), relative to the source file: the build reads
	// them into References.
	Bibliography []string
}

// Reference is one further-reading entry: a book or article from the front
// matter, or a link cited in the text.
type Reference struct {
	Pos
	Title     string
	Author    string
	Year      string
	Publisher string
	ISBN      string
	URL       string
	Note      string
	Cited     []Pos // for links cited in the text: where they are cited
	// ID is the key the text cites the work by ([@cha2012]), and Names
	// how a citation names its authors ("Cha", "Smith and Jones",
	// "Smith et al."): a citation reads "(Cha 2012)".
	ID, Names string
	// Citations are where the text cites the work by its ID.
	Citations []Pos
	// Suffix tells the work apart from others cited by the same names in
	// the same year: "a" of "2012a".
	Suffix string
}

// Anchor is the fragment id of a work's entry in the appendix, which the
// text's citations of it link to: pandoc's, "ref-" and its ID; "" for a
// work with no ID.
func (r *Reference) Anchor() string {
	if r.ID == "" {
		return ""
	}
	return "ref-" + r.ID
}

// DecorativeClass marks an image that only decorates: `{.decorative}` after
// it in Markdown, or an HTML img with an empty alt attribute. Readers and
// screen readers pass it by, and it needs no alt text.
const DecorativeClass = "decorative"

// EmojiClass marks a span that is an emoji written as a shortcode
// (:tada:), its name under EmojiKey, its content the emoji: pandoc's
// emoji extension gives the same span.
const EmojiClass = "emoji"

// EmojiKey is the attribute of an EmojiClass span that holds the
// shortcode's name ("tada").
const EmojiKey = "data-emoji"

// EmojiName returns the shortcode name of an emoji span, or false when
// the span is none.
func (s *Span) EmojiName() (string, bool) {
	if !slices.Contains(s.Attr.Classes, EmojiClass) {
		return "", false
	}
	return s.Attr.Get(EmojiKey)
}

// Decorative reports whether the image only decorates.
func (i *Image) Decorative() bool {
	for _, c := range i.Attr.Classes {
		if c == DecorativeClass {
			return true
		}
	}
	return false
}

// Described reports whether the image has alt text or is decorative.
func (i *Image) Described() bool { return strings.TrimSpace(i.Alt) != "" || i.Decorative() }

// AllImagesDescribed reports whether every image of d has alt text or is
// marked decorative: the condition of the outputs' accessibility claims.
func AllImagesDescribed(d *Document) bool {
	ok := true
	Inspect(d, func(n Node) bool {
		if img, is := n.(*Image); is && !img.Described() {
			ok = false
		}
		return ok
	})
	return ok
}
