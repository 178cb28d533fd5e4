package markdown

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Jekyll's Liquid, in the pages of a Jekyll site (Syntax.Liquid,
// JekyllSite), which galley does not run as Jekyll does:
//
//	{% highlight ruby %} … {% endhighlight %}   a code block in Ruby
//	{% include copy.html %}, {% raw %}…         a line of tags alone is left out (a note counts them)
//	[see]({{ site.url }}{{ site.baseurl }}/x/)   a link to the site's page x/ (its URL from _config.yml),
//	![a map]({{ site.baseurl }}/images/map.png)  an image from the site's root (--site-root)
//	{{ site.version }}                          printed as written, with a warning
//
// A paragraph's first or last line of tags alone is left out too: "{%
// include copy-curl.html %}" under a request. {% raw %} and {% endraw %}
// are left out wherever they are, what is between them kept.

// liquidTagLine is a line of Liquid tags alone.
var liquidTagLine = regexp.MustCompile(`^\s*(?:\{%-?.*?-?%\}\s*)+$`)

// liquidRaw is Liquid's {% raw %} and {% endraw %}, which only keep
// Liquid from reading what is between them.
var liquidRaw = regexp.MustCompile(`\{%-?\s*(?:end)?raw\s*-?%\}`)

// liquidExpression is a Liquid output ({{ … }}) or tag ({% … %}) in text.
var liquidExpression = regexp.MustCompile(`\{\{.*?\}\}|\{%.*?%\}`)

// siteURL is what starts a link to another page of the site: Jekyll's
// {{ site.url }} and {{ site.baseurl }}, in either order, each or both.
var siteURL = regexp.MustCompile(`^(?:\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\})+`)

// liquidSyntax adds Jekyll's Liquid to goldmark.
type liquidSyntax struct{}

// Extend implements goldmark.Extender.
func (liquidSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(tagParser{read: readHighlight}, 100)),
		parser.WithParagraphTransformers(util.Prioritized(liquidTagLines{}, 150)))
}

// kindLiquidCode and kindLiquidTags are the goldmark node kinds of a
// {% highlight %} block and of a paragraph that was tags alone.
var (
	kindLiquidCode = ast.NewNodeKind("LiquidCode")
	kindLiquidTags = ast.NewNodeKind("LiquidTags")
)

// liquidCode is a {% highlight lang %} block: its lines are its code.
type liquidCode struct {
	ast.BaseBlock
	lang   string
	closed bool
}

// Kind implements ast.Node.
func (n *liquidCode) Kind() ast.NodeKind { return kindLiquidCode }

// Dump implements ast.Node.
func (n *liquidCode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"lang": n.lang}, nil)
}

// IsRaw implements ast.Node: its lines are code, not Markdown.
func (n *liquidCode) IsRaw() bool { return true }

// liquidTags is a paragraph that was Liquid's tags alone.
type liquidTags struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *liquidTags) Kind() ast.NodeKind { return kindLiquidTags }

// Dump implements ast.Node.
func (n *liquidTags) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// highlightOpen and highlightClose are {% highlight lang … %} and
// {% endhighlight %}, each alone on its line.
var (
	highlightOpen  = regexp.MustCompile(`^\{%-?\s*highlight\s+([\w+#.-]+)[^%]*-?%\}\s*$`)
	highlightClose = regexp.MustCompile(`^\{%-?\s*endhighlight\s*-?%\}\s*$`)
)

// readHighlight reads {% highlight lang %}.
func readHighlight(line []byte, _ int) (tagBlock, bool) {
	m := highlightOpen.FindSubmatch(line)
	if m == nil {
		return nil, false
	}
	return &liquidCode{lang: string(m[1])}, true
}

// content implements tagBlock.
func (n *liquidCode) content() tagContent { return tagCode }

// closedBy implements tagBlock.
func (n *liquidCode) closedBy(line []byte) bool {
	n.closed = highlightClose.Match(line)
	return n.closed
}

// liquidTagLines leaves a paragraph's first and last lines of tags alone
// out, and a paragraph that was nothing else.
type liquidTagLines struct{}

// Transform implements parser.ParagraphTransformer.
func (liquidTagLines) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines, src := p.Lines(), reader.Source()
	first, was := lines.At(0), lines.Len()
	for lines.Len() > 0 && liquidTagLine.Match(lineValue(lines, lines.Len()-1, src)) {
		lines.SetSliced(0, lines.Len()-1)
	}
	for lines.Len() > 0 && liquidTagLine.Match(lineValue(lines, 0, src)) {
		lines.SetSliced(1, lines.Len())
	}
	switch refs, ok := pc.(*parseContext); {
	case lines.Len() == 0:
		n := &liquidTags{}
		n.Lines().Append(first) // where it was
		p.Parent().ReplaceChild(p.Parent(), p, n)
	case lines.Len() < was && ok:
		refs.liquidLines[lines.At(0).Start] = true
	}
}

// JekyllSite reports whether dir is in a Jekyll site: it, or a directory
// above it, holds Jekyll's _config.yml.
func JekyllSite(dir string) bool {
	return markedAbove(dir, false, "_config.yml")
}

// markedAbove reports whether dir or a directory above it holds one of
// names, a directory (isDir) or a file.
func markedAbove(dir string, isDir bool, names ...string) bool {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		for _, name := range names {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.IsDir() == isDir {
				return true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// liquidCodeBlock converts a {% highlight %} block at pos.
func (c *converter) liquidCodeBlock(n *liquidCode, pos doc.Pos) doc.Block {
	if !n.closed {
		c.diags.Warnf(pos, "this {%% highlight %%} block is never closed: it runs to the end of what holds it; close it with {%% endhighlight %%}")
	}
	return &doc.CodeBlock{Pos: pos, Language: validUTF8(n.lang), Text: c.linesText(n.Lines(), nil)}
}

// liquidText returns text (a Text node's, at pos) with {% raw %} and
// {% endraw %} left out, warning once a file of the Liquid it prints as
// written; text is returned as it is outside a Jekyll site.
func (c *converter) liquidText(text string, pos doc.Pos) string {
	if !c.syntax.Liquid || !strings.Contains(text, "{") {
		return text
	}
	text = liquidRaw.ReplaceAllString(text, "")
	if liquidExpression.MatchString(text) { // counted once a text, as the warning counts paragraphs
		c.chunks.warnOnce(pos, "Jekyll's Liquid ({{ site.… }}, {% … %}) is printed as written: galley does not run Jekyll's templates")
	}
	return text
}

// liquidURLs makes each link and image of d (Markdown's or HTML's) that
// starts {{ site.url }}{{ site.baseurl }} a link to the site's URL
// (siteURL, Syntax.SiteURL; with none, the site's page "/x/") and an
// image from the site's root (--site-root).
func liquidURLs(d *doc.Document, site string) {
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Link:
			if strings.HasPrefix(n.URL, "{{") {
				n.URL = siteURL.ReplaceAllLiteralString(n.URL, site)
			}
		case *doc.Image:
			if strings.HasPrefix(n.URL, "{{") {
				n.URL = siteURL.ReplaceAllLiteralString(n.URL, "")
			}
		}
		return true
	})
}

// liquidLeftOut warns, once a file, of the paragraphs that lines of
// Liquid's tags were left out of (n, or a liquidTags that was all such
// lines) at pos.
func (c *converter) liquidLeftOut(n ast.Node, pos doc.Pos) {
	_, left := n.(*liquidTags)
	if !left && c.parsed != nil && n.Lines().Len() > 0 {
		start := n.Lines().At(0).Start
		left = c.parsed.liquidLines[start]
		delete(c.parsed.liquidLines, start)
	}
	if left { // counted once a paragraph, as the warning counts them
		c.chunks.warnOnce(pos, "Jekyll's Liquid tags alone on a line ({% include … %}) are left out: galley does not run Jekyll's templates")
	}
}
