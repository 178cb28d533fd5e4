package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// MyST, the Markdown of Jupyter Book and Sphinx, writes its directives as
// fences whose info is the directive's name in braces, then its argument;
// its options are `:key: value` lines at the start of the body, or YAML
// between two --- lines there:
//
//	```{note}                ```{figure} images/fish.png      ```{code-cell} python
//	Fish swim.               :alt: A fish                     :tags: [remove-input]
//	```                      :name: fig-fish                  print("fish")
//	                                                          ```
//	                         A *fish*.
//	                         ```
//
// They are read as MyST's own pages show them:
//   - the admonitions (note, tip, warning… and admonition, titled by its
//     argument, its :class: the kind) are callouts of their Markdown
//     body, :name: an anchor;
//   - figure is a figure, its body the caption, :alt: the alt text, :name:
//     the id; image an uncaptioned figure;
//   - math is a displayed formula, :label: its id;
//   - code-block, code and sourcecode are code in the argument's language;
//   - code-cell is a notebook's code, a chunk (chunks.go) in the
//     argument's language: the tag remove-cell leaves it out,
//     remove-input its code;
//   - epigraph, pull-quote, highlights and blockquote are quotations;
//     margin, sidebar, topic and dropdown titled callouts; toctree and
//     tableofcontents, which list pages galley lists itself, nothing;
//   - another directive's body is read as Markdown, with a warning.

// mystHeader reads a fence's info as a MyST directive's: its name and
// argument. A name in braces is one when MyST knows it, or it has a
// hyphen or a colon (tab-set, glue:figure), which no chunk engine has.
func mystHeader(info string) (name, arg string, ok bool) {
	m := mystInfo.FindStringSubmatch(strings.TrimSpace(info))
	if m == nil {
		return "", "", false
	}
	name, arg = strings.ToLower(m[1]), strings.TrimSpace(m[2])
	if _, known := mystDirectives[name]; known || strings.ContainsAny(name, "-:") {
		return name, arg, true
	}
	return "", "", false
}

// mystInfo is a directive's info: {name} and the argument after it.
var mystInfo = regexp.MustCompile(`^\{([A-Za-z][A-Za-z0-9_:-]*)\}(.*)$`)

// mystRole is what galley makes of each directive it reads.
type mystRole int

const (
	mystCallout mystRole = iota // an admonition, or a titled box
	mystFigure
	mystImage
	mystMath
	mystCode
	mystCell
	mystQuote
	mystNothing
)

// mystDirectives are the directives galley reads, and as what.
var mystDirectives = map[string]mystRole{
	"note": mystCallout, "tip": mystCallout, "hint": mystCallout, "important": mystCallout, "warning": mystCallout,
	"attention": mystCallout, "caution": mystCallout, "danger": mystCallout, "error": mystCallout, "seealso": mystCallout,
	"admonition": mystCallout, "margin": mystCallout, "sidebar": mystCallout, "topic": mystCallout, "dropdown": mystCallout,
	"figure": mystFigure, "image": mystImage, "math": mystMath,
	"code-block": mystCode, "code": mystCode, "sourcecode": mystCode, "code-cell": mystCell,
	"epigraph": mystQuote, "pull-quote": mystQuote, "highlights": mystQuote, "blockquote": mystQuote,
	"toctree": mystNothing, "tableofcontents": mystNothing,
}

// mystOptions takes a directive's options off the start of its body
// lines: the options, and how many lines they took.
func mystOptions(lines []string) (map[string]string, int) {
	opts := map[string]string{}
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		for end := 1; end < len(lines); end++ {
			if strings.TrimSpace(lines[end]) != "---" {
				continue
			}
			var m map[string]any
			if yaml.Unmarshal([]byte(strings.Join(lines[1:end], "")), &m) == nil {
				for k, v := range m {
					opts[k] = yamlText(v)
				}
			}
			return opts, end + 1
		}
		return opts, 0
	}
	n := 0
	for ; n < len(lines); n++ {
		m := mystOption.FindStringSubmatch(strings.TrimRight(lines[n], "\r\n"))
		if m == nil {
			break
		}
		opts[m[1]] = strings.TrimSpace(m[2])
	}
	return opts, n
}

// mystOption is a `:key: value` option line.
var mystOption = regexp.MustCompile(`^\s*:([A-Za-z][A-Za-z0-9_-]*):(?:\s+(.*))?$`)

// yamlText is an option's YAML value as text: a list's items joined by
// commas (tags: [remove-input]).
func yamlText(v any) string {
	switch v := v.(type) {
	case []any:
		var parts []string
		for _, e := range v {
			parts = append(parts, yamlText(e))
		}
		return strings.Join(parts, ", ")
	case nil:
		return ""
	case string:
		return v
	}
	out, _ := yaml.Marshal(v)
	return strings.TrimSpace(string(out))
}

// hasTag reports whether a comma- or space-separated list of tags (as
// :tags: gives them, [a, b] or a b) has tag.
func hasTag(tags, tag string) bool {
	for _, t := range strings.FieldsFunc(tags, func(r rune) bool { return r == ',' || r == ' ' || r == '[' || r == ']' }) {
		if t == tag {
			return true
		}
	}
	return false
}

// myst converts a fenced code block n at pos whose info is a MyST
// directive's (mystHeader); ok is false for one that is not.
func (c *converter) myst(n *ast.FencedCodeBlock, info string, pos doc.Pos) (doc.Block, bool) {
	name, arg, ok := mystHeader(info)
	if !ok {
		return nil, false
	}
	segs := n.Lines()
	lines := make([]string, segs.Len())
	origins := make([]doc.Pos, segs.Len())
	for i := range lines {
		s := segs.At(i)
		lines[i], origins[i] = validUTF8(string(s.Value(c.src))), c.lines.pos(s.Start)
	}
	opts, skip := mystOptions(lines)
	bodyText := strings.TrimRight(strings.Join(lines[skip:], ""), "\n")
	body := func() []doc.Block { // its Markdown, its problems reported by the whole file's reading
		return ParseLines(pos.File, []byte(bodyText), origins[skip:], c.syntax, &diag.List{}).Blocks
	}
	anchor := doc.Attr{ID: opts["name"]}
	role, known := mystDirectives[name]
	if !known {
		c.diags.Warnf(pos, "the MyST directive {%s} is not read by galley: its body is read as Markdown", name)
		return &doc.Div{Pos: pos, Attr: anchor, Blocks: body()}, true
	}
	switch role {
	case mystCallout:
		kind := name
		if class, _, _ := strings.Cut(opts["class"], " "); name == "admonition" && class != "" {
			kind = class // a generic admonition styled as a tip, say
		}
		co := &doc.Callout{Pos: pos, Kind: admonitionKind(kind), Blocks: withBlockAnchor(anchor, pos, body())}
		if arg != "" {
			co.Title = inlineMarkdown(arg, pos, c.syntax)
		}
		return co, true
	case mystFigure, mystImage:
		fig := &doc.Figure{Pos: pos, Attr: anchor, Image: &doc.Image{Pos: pos, URL: arg, Alt: opts["alt"]}}
		if role == mystFigure {
			if bs := body(); len(bs) > 0 {
				if p, ok := bs[0].(*doc.Paragraph); ok {
					fig.Caption = p.Content
				}
			}
			if fig.Image.Alt == "" {
				fig.Image.Alt = doc.PlainText(fig.Caption)
			}
		}
		return fig, true
	case mystMath:
		formula := &mathNode{tex: strings.TrimSpace(bodyText), texStart: segs.At(min(skip, segs.Len()-1)).Start, display: true}
		if formula.tex == "" {
			return nil, true
		}
		span := c.math(formula, pos)
		if s, ok := span.(*doc.Span); ok {
			s.Attr.ID = opts["label"]
		}
		return displayMathParagraph(&doc.Paragraph{Pos: pos, Content: []doc.Inline{span}}), true
	case mystCode:
		return &doc.CodeBlock{Pos: pos, Language: strings.ToLower(arg), Text: bodyText}, true
	case mystCell:
		engine := strings.ToLower(arg)
		if engine == "" || engine == "ipython3" || engine == "ipython" {
			engine = "python"
		}
		tags := opts["tags"]
		if hasTag(tags, "remove-cell") {
			return nil, true
		}
		hidden := hasTag(tags, "remove-input")
		c.chunks.add(pos, hidden)
		if hidden || strings.TrimSpace(bodyText) == "" {
			return nil, true
		}
		return &doc.CodeBlock{Pos: pos, Language: engine, Text: bodyText}, true
	case mystQuote:
		return &doc.BlockQuote{Pos: pos, Blocks: body()}, true
	case mystNothing:
		return nil, true
	default:
		c.diags.Warnf(pos, "the MyST directive {%s} is not read by galley (role %d): its body is read as Markdown", name, role)
		return &doc.Div{Pos: pos, Attr: anchor, Blocks: body()}, true
	}
}
