package markdown

import (
	"bytes"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Hugo's shortcodes, in a page of a Hugo site (Syntax.Hugo, HugoSite),
// each alone on its line, {{< name … >}} or {{% name … %}}, as the common
// themes (Book, Learn and Relearn, Docsy) and Hugo itself write them:
//
//	{{< hint warning >}} … {{< /hint >}}          a callout: hint's, notice's, alert's (color), callout's kinds
//	{{% notice tip "Title" %}} … {{% /notice %}}
//	{{< details "Title" >}}, {{% expand %}}       a division under its title (shown open)
//	{{< tabs >}} {{< tab "Go" >}} … {{< /tabs >}}  each tab's content under its name
//	{{< highlight go >}} … {{< /highlight >}}      a code block; mermaid's too
//	{{< katex display=true >}} … {{< /katex >}}    a displayed formula
//	{{< figure src="map.png" caption="…" >}}       a figure
//	{{< youtube ID >}}, {{< vimeo ID >}}           a link to the video
//	{{< button href="…" >}}Text{{< /button >}}     a link
//
// Any other shortcode alone on its line is left out (a warning counts
// them), what is between it and its closing one kept.

// hugoShortcode is a shortcode alone on its line: "<" or "%", "/" for a
// closing one, its name and its arguments.
var hugoShortcode = regexp.MustCompile(`^\{\{([<%])\s*(/?)([\w-]+)((?:[^}]|\}[^}])*?)\s*[>%]\}\}\s*$`)

// hugoOneLine is a shortcode and its closing one on one line, what it
// holds between them: {{< button href="/" >}}Home{{< /button >}}.
var hugoOneLine = regexp.MustCompile(`^\{\{[<%]\s*([\w-]+)((?:[^}]|\}[^}])*?)\s*[>%]\}\}(.*?)\{\{[<%]\s*/([\w-]+)\s*[>%]\}\}\s*$`)

// hugoArgument is one argument: a name and "=", then a quoted or bare
// value.
var hugoArgument = regexp.MustCompile(`(?:([\w-]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|` + "`([^`]*)`" + `|([^\s"'=]+))`)

// hugoContainers hold Markdown up to their closing shortcode; hugoRaw
// hold code; hugoLeaves stand alone.
var (
	hugoContainers = map[string]bool{"hint": true, "notice": true, "alert": true, "callout": true, "admonition": true,
		"details": true, "expand": true, "tabs": true, "tab": true, "tabpane": true, "columns": true, "button": true}
	hugoRaw    = map[string]string{"highlight": "", "mermaid": "mermaid", "katex": "latex", "math": "latex"}
	hugoLeaves = map[string]bool{"figure": true, "youtube": true, "vimeo": true}
)

// kindHugo is the goldmark node kind of a shortcode.
var kindHugo = ast.NewNodeKind("HugoShortcode")

// hugoBlock is a shortcode as goldmark parses it: a container's children
// are its Markdown, a raw one's lines its code.
type hugoBlock struct {
	ast.BaseBlock
	name   string
	args   []string          // its positional arguments
	named  map[string]string // its named ones
	closer bool              // a closing shortcode with none open
	closed bool              // its closing shortcode ended it, or it closes itself
	empty  bool              // it closes itself, holding nothing: {{< katex />}}
	inline string            // what one on one line with its closing one holds
	start  int               // the offset of its line's text
}

// Kind implements ast.Node.
func (n *hugoBlock) Kind() ast.NodeKind { return kindHugo }

// Dump implements ast.Node.
func (n *hugoBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"name": n.name}, nil)
}

// IsRaw implements ast.Node: a raw shortcode's lines are code.
func (n *hugoBlock) IsRaw() bool { _, raw := hugoRaw[n.name]; return raw }

// container reports a shortcode that holds what is up to its closing one.
func (n *hugoBlock) container() bool { _, raw := hugoRaw[n.name]; return raw || hugoContainers[n.name] }

// arg is the named argument key, else the positional one at, else "".
func (n *hugoBlock) arg(key string, at int) string {
	if v, ok := n.named[key]; ok {
		return v
	}
	if at >= 0 && at < len(n.args) {
		return n.args[at]
	}
	return ""
}

// readShortcode reads the shortcode line is (from its first non-space
// byte); ok is false for any other line.
func readShortcode(line []byte) (n *hugoBlock, ok bool) {
	var args []byte
	if m := hugoOneLine.FindSubmatch(line); m != nil && string(m[1]) == string(m[4]) {
		n, args = &hugoBlock{name: strings.ToLower(string(m[1])), closed: true, inline: string(m[3])}, m[2]
	} else if m := hugoShortcode.FindSubmatch(line); m != nil {
		n, args = &hugoBlock{name: strings.ToLower(string(m[3])), closer: len(m[2]) > 0}, m[4]
	} else {
		return nil, false
	}
	if trimmed := bytes.TrimSpace(args); bytes.HasSuffix(trimmed, []byte("/")) && !n.closer {
		n.closed, n.empty, args = true, true, trimmed[:len(trimmed)-1] // {{< katex />}}
	}
	n.named, n.args = hugoArgs(args)
	return n, true
}

// hugoArgs reads a shortcode's arguments: the named ones by their names
// in lower case, the others in order.
func hugoArgs(args []byte) (named map[string]string, positional []string) {
	named = map[string]string{}
	for _, a := range hugoArgument.FindAllSubmatch(args, -1) {
		v := string(a[2]) + string(a[3]) + string(a[4]) + string(a[5])
		if len(a[2]) > 0 {
			if u, err := strconv.Unquote(`"` + string(a[2]) + `"`); err == nil {
				v = u
			}
		}
		if len(a[1]) > 0 {
			named[strings.ToLower(string(a[1]))] = v
		} else {
			positional = append(positional, v)
		}
	}
	return named, positional
}

// opensHugoContainer and closesHugoContainer report lines that open and
// close a shortcode that holds lines, for the scanner that cuts a file
// into parts (parts.go).
func opensHugoContainer(l []byte) bool {
	cols, at := indentOf(l)
	n, ok := readShortcode(l[at:])
	return cols <= 3 && ok && n.content() != tagAlone
}

func closesHugoContainer(l []byte) bool {
	cols, at := indentOf(l)
	n, ok := readShortcode(l[at:])
	return cols <= 3 && ok && n.closer && n.container()
}

// hugoSyntax adds Hugo's shortcodes to goldmark.
type hugoSyntax struct{}

// Extend implements goldmark.Extender.
func (hugoSyntax) Extend(m goldmark.Markdown) {
	read := func(line []byte, start int) (tagBlock, bool) {
		n, ok := readShortcode(line)
		if ok {
			n.start = start
		}
		return n, ok
	}
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(tagParser{read: read}, 100)))
}

// content implements tagBlock.
func (n *hugoBlock) content() tagContent {
	switch {
	case n.closer || n.closed || !n.container():
		return tagAlone
	case n.IsRaw():
		return tagCode
	}
	return tagMarkdown
}

// closedBy implements tagBlock: the closing shortcode of its name.
func (n *hugoBlock) closedBy(line []byte) bool {
	end, ok := readShortcode(line)
	n.closed = ok && end.closer && end.name == n.name
	return n.closed
}

// hugoKinds are the callout kinds of the shortcodes' styles and Docsy's
// alert colours; a style not here is a note.
var hugoKinds = map[string]string{"info": "note", "note": "note", "primary": "note", "secondary": "note",
	"tip": "tip", "success": "tip", "important": "important",
	"warning": "warning", "caution": "caution", "danger": "caution", "error": "caution"}

// hugo converts a shortcode at pos; nil for one left out.
func (c *converter) hugo(n *hugoBlock, pos doc.Pos) doc.Block {
	if n.container() && !n.closer && !n.closed {
		c.diags.Warnf(pos, "this Hugo shortcode ({{< %s >}}) is never closed: it runs to the end of what holds it; close it with {{< /%s >}}", n.name, n.name)
	}
	blocks := func() []doc.Block {
		if n.inline != "" {
			return []doc.Block{&doc.Paragraph{Pos: pos, Content: c.inlineMarkdown(validUTF8(n.inline), pos, c.syntax)}}
		}
		return c.blocks(n, pos)
	}
	title := func(s string) []doc.Inline {
		if s = strings.TrimSpace(s); s == "" {
			return nil
		}
		return c.inlineMarkdown(validUTF8(s), pos, c.syntax)
	}
	switch {
	case n.closer:
		c.chunks.warnOnce(pos, "Hugo shortcodes galley does not know are left out, what they hold kept")
		return nil
	case n.empty && n.container():
		return nil // {{< katex />}}: nothing to show
	case n.IsRaw():
		code, start := c.linesText(n.Lines(), nil), n.start
		if n.inline != "" {
			code = validUTF8(n.inline)
		} else if n.Lines().Len() > 0 {
			start = n.Lines().At(0).Start
		}
		lang := hugoRaw[n.name]
		switch {
		case lang == "latex":
			formula := &mathNode{tex: strings.TrimSpace(code), texStart: start, display: true}
			return displayMathParagraph(&doc.Paragraph{Pos: pos, Content: []doc.Inline{c.math(formula, pos)}})
		case lang == "":
			lang = n.arg("lang", 0)
		}
		return &doc.CodeBlock{Pos: pos, Language: validUTF8(lang), Text: code}
	}
	switch n.name {
	case "hint", "notice", "alert", "callout", "admonition":
		style := strings.ToLower(n.arg("style", 0))
		if n.name == "alert" {
			style = strings.ToLower(n.named["color"])
		}
		if s, ok := n.named["type"]; ok {
			style = strings.ToLower(s)
		}
		kind, ok := hugoKinds[style]
		if !ok {
			kind = "note"
		}
		heading := n.named["title"]
		if n.name == "notice" && heading == "" {
			heading = n.arg("", 1)
		}
		return &doc.Callout{Pos: pos, Kind: kind, Title: title(heading), Blocks: blocks()}
	case "details", "expand", "tab":
		heading := n.arg("title", 0)
		for _, k := range []string{"name", "header"} {
			if v, ok := n.named[k]; ok && heading == "" {
				heading = v
			}
		}
		return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{n.name}}, Title: title(heading), Blocks: blocks()}
	case "tabs", "tabpane", "columns":
		return &doc.Div{Pos: pos, Attr: doc.Attr{Classes: []string{n.name}}, Blocks: blocks()}
	case "button":
		href := n.arg("href", 0)
		held := blocks()
		if p, ok := soleParagraph(held); ok && href != "" {
			return &doc.Paragraph{Pos: pos, Content: []doc.Inline{&doc.Link{Pos: pos, URL: validUTF8(href), Content: p.Content}}}
		}
		return &doc.Div{Pos: pos, Blocks: held}
	case "figure":
		img := &doc.Image{Pos: pos, URL: validUTF8(n.arg("src", 0)), Alt: validUTF8(n.named["alt"])}
		if w := n.named["width"]; w != "" {
			img.Attr.KV = append(img.Attr.KV, doc.KV{Key: "width", Value: validUTF8(w)})
		}
		caption := title(n.named["caption"])
		if caption == nil {
			caption = title(n.named["title"])
		}
		return &doc.Figure{Pos: pos, Image: img, Caption: caption}
	case "youtube", "vimeo":
		id := n.arg("id", 0)
		if id == "" {
			c.diags.Warnf(pos, "this {{< %s >}} names no video; it is left out", n.name)
			return nil
		}
		link := "https://www.youtube.com/watch?v=" + url.QueryEscape(id)
		if n.name == "vimeo" {
			link = "https://vimeo.com/" + url.PathEscape(id)
		}
		return &doc.Paragraph{Pos: pos, Content: []doc.Inline{&doc.Link{Pos: pos, URL: link, Content: []doc.Inline{&doc.Text{Pos: pos, Value: link}}}}}
	}
	c.chunks.warnOnce(pos, "Hugo shortcodes galley does not know are left out, what they hold kept")
	return nil
}

// soleParagraph returns blocks' only block when it is a paragraph.
func soleParagraph(blocks []doc.Block) (*doc.Paragraph, bool) {
	if len(blocks) != 1 {
		return nil, false
	}
	p, ok := blocks[0].(*doc.Paragraph)
	return p, ok
}

// HugoSite reports whether dir is in a Hugo site: it, or a directory
// above it, holds Hugo's configuration (hugo.toml, hugo.yaml or
// hugo.json, or the config.toml of older sites).
func HugoSite(dir string) bool {
	return markedAbove(dir, false, "hugo.toml", "hugo.yaml", "hugo.json", "config.toml")
}
