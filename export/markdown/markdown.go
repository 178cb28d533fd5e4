// Package markdown is galley's reader: it parses one Markdown file (CommonMark
// with the GFM extensions, footnotes, definition lists, heading attributes,
// typographic punctuation and an optional YAML front matter) into the
// document tree of package doc. It is the only package that imports
// goldmark; nothing of goldmark's tree escapes it.
package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
)

// Parse reads one Markdown document (optional YAML front matter) into a tree.
// file names the source in positions; problems are added to diags (errors and warnings
// with real file:line:col); it always returns a document, possibly partial.
func Parse(file string, src []byte, diags *diag.List) *doc.Document {
	return ParseLines(file, src, nil, Syntax{}, diags)
}

// Syntax is what a document's Markdown reads besides what Parse reads
// in every document.
type Syntax struct {
	// MathJax reads the formulas MathJax sets in an mdBook with
	// mathjax-support: \\( … \\) inline and \\[ … \\] displayed (in the
	// Markdown source; \( … \) once its escapes are read).
	MathJax bool
	// Lang, when set, is the document's language as far as the quotation
	// marks its straight quotes become go (l10n.Quotes), over its front
	// matter's: a book's language, or the command line's -M lang=….
	Lang string
	// KaTeX reads dollar math as mdbook-katex does, in an mdBook that runs
	// it: $ x $ with spaces inside is a formula, and so is $5$ before a
	// digit; pandoc's rules refuse both.
	KaTeX bool
	// Omit are the classes (lower case) of the fenced divs to leave out,
	// with all they hold: a student edition without the lesson's
	// "solution" or "instructor" boxes.
	Omit []string
	// NoHeadingRefs reads "[Foo]" as CommonMark does, text when no
	// reference defines it, and not as a link to the heading "# Foo"
	// (pandoc's implicit heading references, headingrefs.go): an mdBook's
	// Markdown (pulldown-cmark) has none.
	NoHeadingRefs bool
	// Obsidian reads Obsidian's Markdown (obsidian.go): wiki links and
	// embeds, ==marks== and %%comments%%, in a note of a vault
	// (ObsidianVault). Elsewhere "[[Prototype]]", as JavaScript's books
	// write the language's internal slots, is text.
	Obsidian bool
	// Liquid reads Jekyll's Liquid as liquid.go says, in a page of a
	// Jekyll site (JekyllSite).
	Liquid bool
	// Hugo reads Hugo's shortcodes as hugo.go says, in a page of a Hugo
	// site (HugoSite).
	Hugo bool
	// MkDocs reads MkDocs' admonitions, tabs, marks and keys as
	// mkdocs.go says, in a page of a MkDocs site (MkDocsSite).
	MkDocs bool
	// MDX reads MDX's imports, exports, comments and the components of
	// Docusaurus' pages as mdx.go says: a .mdx file, or a page of a
	// Docusaurus site (DocusaurusSite).
	MDX bool
	// Docsify reads a paragraph starting "!> " or "?> " as docsify's
	// callout, important or a tip, in a docsify site's page.
	Docsify bool
	// SiteURL is what {{ site.url }}{{ site.baseurl }} starting a link
	// stands for, the site's URL ("https://docs.opensearch.org/latest");
	// "" leaves a link to the site's page "/x/".
	SiteURL string
	// textRefs are the file's bookdown text references (textrefs.go),
	// for what of it is read apart.
	textRefs map[string]string
}

// ParseLines is Parse for text put together from several files (a chapter
// with mdBook's includes expanded): origins gives, for each line of src,
// the file and line it came from, and every position names those.
func ParseLines(file string, src []byte, origins []doc.Pos, syntax Syntax, diags *diag.List) *doc.Document {
	return parseWith(file, src, origins, syntax, diags, partsFor, markdowns{})
}

// parseWith is ParseLines, cutting the text to parse where cuts says
// (none: parsed whole), with the goldmark parsers of mds.
func parseWith(file string, src []byte, origins []doc.Pos, syntax Syntax, diags *diag.List, cuts func(body []byte) []int, mds markdowns) *doc.Document {
	if diags == nil {
		diags = &diag.List{}
	}
	lines := newLineTable(file, src)
	lines.origins = origins
	d := &doc.Document{Pos: lines.lineCol(1, 1)}

	// goldmark reads a copy of the file in which the byte-order mark and the
	// front matter are blanked out, so that its byte offsets are offsets
	// into the original file.
	body := bytes.Clone(src)
	blank(body[:lines.bom])
	fm, found, unterminated := findFrontMatter(src)
	switch {
	case unterminated:
		diags.Errorf(lines.lineCol(1, 1), "front matter has no closing \"---\" line")
	case found && isProse(fm.yaml):
		diags.Warnf(lines.lineCol(1, 1), "the text between the first two \"---\" lines is not front matter (a YAML mapping); it is read as Markdown")
	case found:
		d.Meta.Pos = lines.lineCol(1, 1)
		(&metaReader{lines: lines, diags: diags}).read(fm, &d.Meta)
		blank(body[:fm.end])
	}

	if syntax.Lang == "" {
		syntax.Lang = d.Meta.Lang
	}
	if syntax.Hugo {
		hugoRefs(body, lines, diags)
	}
	if syntax.MkDocs {
		mkdocsIcons(body, lines, diags)
	}
	if syntax.MDX {
		mdxComments(body, lines, diags)
	}
	syntax = withTextRefs(syntax, body)
	d.Meta.Title, d.Meta.Subtitle = typographicTitle(d.Meta.Title, syntax, mds), typographicTitle(d.Meta.Subtitle, syntax, mds)
	// A long file is parsed in parts on every core where the parts give
	// the tree the whole would (partCuts).
	var ok bool
	var chunks chunkStats
	if d.Blocks, d.Footnotes, chunks, ok = parseParts(body, lines, cuts(body), syntax, diags); ok {
		sanitizer{fields: map[reflect.Type][]int{}}.value(reflect.ValueOf(&d.Meta)) // the parts sanitised their trees
	} else {
		root, parsed, err := parseMarkdown(body, syntax, mds)
		if err != nil {
			diags.Errorf(d.Pos, "cannot parse the Markdown: %v", err)
			return d
		}
		c := &converter{src: body, lines: lines, labels: footnoteLabels(root), syntax: syntax, quotes: l10n.Quotes(syntax.Lang), parsed: parsed, markdowns: mds}
		d.Blocks = c.blocks(root, d.Pos)
		d.Footnotes = c.sortedFootnotes()
		diags.Merge(&c.diags)
		chunks = c.chunks
		sanitizeTree(d)
	}
	if msg := chunks.message(); msg != "" {
		diags.Warnf(chunks.first, "%s", msg)
	}
	if msg := chunks.index.indexMessage(); msg != "" {
		diags.Warnf(chunks.index.first, "%s", msg)
	}
	chunks.onceWarnings(diags)
	if msg := chunks.otherFormatsNote(); msg != "" {
		diags.Notef(chunks.otherFormats.first, "%s", msg)
	}
	if msg := chunks.matterNote(); msg != "" {
		diags.Notef(chunks.matter.first, "%s", msg)
	}
	if syntax.Liquid {
		liquidURLs(d, syntax.SiteURL)
	}
	warnCharacters(lines, src, lines.bom, diags)
	return d
}

// blank overwrites every byte but line feeds with a space.
func blank(b []byte) {
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
}

// parseMarkdown runs goldmark over src. A panic inside goldmark, which would
// be a bug there, becomes an error instead of taking the program down.
func parseMarkdown(src []byte, syntax Syntax, mds markdowns) (root ast.Node, parsed *parseContext, err error) {
	defer func() {
		if p := recover(); p != nil {
			root, parsed, err = nil, nil, fmt.Errorf("internal error in the Markdown parser: %v", p)
		}
	}()
	parsed = newParseContext(syntax)
	return mds.get(syntax).Parser().Parse(text.NewReader(src), parser.WithContext(parsed)), parsed, nil
}

// newMarkdown configures goldmark: GFM, footnotes, definition lists,
// typographer with real characters, GitHub's emoji shortcodes, pandoc's
// fenced divs, line blocks, lettered and roman lists and grid tables,
// GitBook's blocks, kramdown's block attributes, Obsidian's Markdown in
// a vault (Syntax.Obsidian), Jekyll's Liquid, Hugo's shortcodes and
// MkDocs' Markdown in their sites (Syntax.Liquid, Syntax.Hugo,
// Syntax.MkDocs),
// and `{#id .class}` attributes, without automatic heading ids (the passes make
// those).
func newMarkdown(syntax markdownSyntax) goldmark.Markdown {
	extensions := []goldmark.Extender{
		extension.Table,
		extension.Strikethrough,
		extension.Linkify,
		extension.TaskList,
		extension.DefinitionList,
		typographerSyntax{english: syntax.english},
		footnoteSyntax{},
		fencedDivSyntax{},
		gitbookSyntax{},
		kramdownSyntax{},
		pandocParagraphSyntax{},
		mathSyntax{mathJax: syntax.mathJax, loose: syntax.katex},
		emoji.Emoji, // GitHub's shortcodes, :tada:
	}
	if syntax.obsidian {
		extensions = append(extensions, obsidianSyntax{})
	}
	if syntax.liquid {
		extensions = append(extensions, liquidSyntax{})
	}
	if syntax.hugo {
		extensions = append(extensions, hugoSyntax{})
	}
	if syntax.mkdocs {
		extensions = append(extensions, mkdocsSyntax{})
	}
	if syntax.mdx {
		extensions = append(extensions, mdxSyntax{})
	}
	return goldmark.New(
		goldmark.WithParser(newParser()), // pandoc's implicit heading references (headingrefs.go)
		goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}

// markdownSyntax is what of a Syntax the goldmark parser newMarkdown
// configures depends on (the rest is read through the parse's context).
type markdownSyntax struct {
	english, mathJax, katex, obsidian, liquid, hugo, mkdocs, mdx bool
}

// markdownSyntaxOf is what newMarkdown reads of syntax.
func markdownSyntaxOf(syntax Syntax) markdownSyntax {
	return markdownSyntax{english: isEnglish(syntax.Lang), mathJax: syntax.MathJax, katex: syntax.KaTeX,
		obsidian: syntax.Obsidian, liquid: syntax.Liquid, hugo: syntax.Hugo, mkdocs: syntax.MkDocs, mdx: syntax.MDX}
}

// markdowns are the goldmark parsers a parse has configured, by what
// they read, for the parse's inline Markdown (a listing's caption, a
// callout's title) to be parsed with too: configuring one costs about
// 100 µs, ten times a caption's parse. A parser keeps nothing of a parse
// (its block and inline parsers keep their state in the parse's
// context), so it is reused one parse after another; never by two
// goroutines at once, so each part of a parse has its own (parseParts).
type markdowns map[markdownSyntax]goldmark.Markdown

// get returns the parser for syntax, configured on first use.
func (mds markdowns) get(syntax Syntax) goldmark.Markdown {
	key := markdownSyntaxOf(syntax)
	md, ok := mds[key]
	if !ok {
		md = newMarkdown(key)
		mds[key] = md
	}
	return md
}

// The quotation marks the typographer makes of straight quotes are
// these private-use characters, which the converter replaces with the
// document's language's (converter.typographic): a right single quote
// and an apostrophe, one character in English, are two in German.
const (
	quoteOpenDouble  = "\ue000"
	quoteCloseDouble = "\ue001"
	quoteOpenSingle  = "\ue002"
	quoteCloseSingle = "\ue003"
)

// typographicCharacters maps goldmark's typographic punctuation to Unicode
// characters instead of HTML entities. Guillemets are left alone: `<<` in
// prose is more often a shift operator than a quotation mark.
func typographicCharacters() map[extension.TypographicPunctuation][]byte {
	return map[extension.TypographicPunctuation][]byte{
		extension.LeftSingleQuote:  []byte(quoteOpenSingle),
		extension.RightSingleQuote: []byte(quoteCloseSingle),
		extension.LeftDoubleQuote:  []byte(quoteOpenDouble),
		extension.RightDoubleQuote: []byte(quoteCloseDouble),
		extension.EnDash:           []byte("–"),
		extension.EmDash:           []byte("—"),
		extension.Ellipsis:         []byte("…"),
		extension.Apostrophe:       []byte("’"),
		extension.LeftAngleQuote:   nil,
		extension.RightAngleQuote:  nil,
	}
}

// pandocParagraphSyntax adds pandoc's blocks that CommonMark reads as a
// paragraph, each made from one by a paragraph transformer: line blocks,
// then lettered and roman lists, both after the GFM table's (priority
// 200), so that a GFM table stays one. Grid tables have a block parser of
// their own, tried before the list's (300): a table's line may start "+ ".
type pandocParagraphSyntax struct{}

// Extend implements goldmark.Extender.
func (pandocParagraphSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithParagraphTransformers(
		util.Prioritized(lineBlockTransformer{}, 300),
		util.Prioritized(fancyListTransformer{}, 310),
	), parser.WithBlockParsers(util.Prioritized(gridTableParser{}, 250)))
}

// typographerSyntax is goldmark's typographer, its count of open quotes
// reset at the end of each block. goldmark's own never resets it (its
// CloseBlock lacks the text.Reader argument parser.CloseBlocker has), so a
// quote left open anywhere changed how every later quote in the file was
// read: a stray apostrophe in the first chapter turned a closing quote
// of the twentieth into an opening one, and a file read in parts
// (parseParts) would have read differently from the whole.
type typographerSyntax struct {
	english bool // the document is in English (or says no language)
}

// Extend adds the typographer's inline parser.
func (t typographerSyntax) Extend(m goldmark.Markdown) {
	p := extension.NewTypographerParser(extension.WithTypographicSubstitutions(typographicCharacters()))
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(closingTypographer{p, t.english}, 9999)))
}

// closingTypographer is goldmark's typographer parser with the
// parser.CloseBlocker it means to be.
type closingTypographer struct {
	parser.InlineParser
	english bool
}

// Parse implements parser.InlineParser. A quote before a t, e, n or l
// after a space opens a quotation ('the current directory', 'tschau'):
// goldmark takes any such for the apostrophe of English's 'twas, 'em
// and 'n', which it stays in English before those words alone. A
// quotation opened so is closed by the next quote after a word that
// goldmark leaves straight (its count of open quotes does not know of
// it): "'this'." was ’this'.
func (t closingTypographer) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 || line[0] != '\'' {
		return t.InlineParser.Parse(parent, block, pc)
	}
	opened, _ := pc.Get(openedSingleKey).(int)
	before := block.PrecendingCharacter()
	if len(line) > 1 && strings.IndexByte("tenl", line[1]) >= 0 && (unicode.IsSpace(before) || unicode.IsPunct(before)) &&
		!(t.english && isElision(line[1:])) {
		pc.Set(openedSingleKey, opened+1)
		return typographic(block, quoteOpenSingle)
	}
	node := t.InlineParser.Parse(parent, block, pc)
	switch {
	case opened == 0:
	case node == nil && before != 0 && !unicode.IsSpace(before):
		pc.Set(openedSingleKey, opened-1)
		return typographic(block, quoteCloseSingle)
	case node != nil && string(node.(*ast.String).Value) == quoteCloseSingle:
		pc.Set(openedSingleKey, opened-1)
	}
	return node
}

// openedSingleKey holds the count of the quotations closingTypographer
// opened in the block being read.
var openedSingleKey = parser.NewContextKey()

// typographic is the typographer's string s for the quote block is at.
func typographic(block text.Reader, s string) ast.Node {
	node := ast.NewString([]byte(s))
	node.SetCode(true)
	block.Advance(1)
	return node
}

// isElision reports whether word (after a quote) starts with one of the
// English words whose first letters an apostrophe stands for, before a
// t, e, n or l: 'tis, 'twas, 'til, 'em, 'n' (rock 'n' roll), 'neath.
func isElision(word []byte) bool {
	end := 0
	for end < len(word) && (word[end] >= 'a' && word[end] <= 'z' || word[end] >= 'A' && word[end] <= 'Z') {
		end++
	}
	switch strings.ToLower(string(word[:end])) {
	case "tis", "twas", "twere", "twill", "twould", "til", "em", "n", "neath", "nuff":
		return true
	}
	return false
}

// isEnglish reports a language tag of English, or none.
func isEnglish(lang string) bool {
	primary := l10n.Primary(lang)
	return primary == "" || primary == "en"
}

// CloseBlock resets the typographer's count of open quotes, and its own.
func (t closingTypographer) CloseBlock(parent ast.Node, _ text.Reader, pc parser.Context) {
	pc.Set(openedSingleKey, 0)
	if c, ok := t.InlineParser.(interface {
		CloseBlock(ast.Node, parser.Context)
	}); ok {
		c.CloseBlock(parent, pc)
	}
}

// typographicSourceLen is how many source bytes a typographic character
// replaced, for placing it in the source.
func typographicSourceLen(s string) int {
	switch s {
	case "—", "…":
		return 3
	case "–":
		return 2
	}
	return 1
}

// footnoteSyntax is goldmark's footnote syntax without its AST transformer,
// which would drop unreferenced notes and reorder the rest: galley keeps the
// definitions in source order and numbers them in its passes.
type footnoteSyntax struct{}

// Extend adds the footnote block and inline parsers.
func (footnoteSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
		parser.WithInlineParsers(util.Prioritized(extension.NewFootnoteParser(), 101)),
	)
}
