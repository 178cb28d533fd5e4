package markdown

import (
	"cmp"
	"path"
	"regexp"
	"slices"
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
//   - math is a displayed formula, :label: its \label (numbered);
//   - code-block, code and sourcecode are code in the argument's language;
//   - code-cell is a notebook's code, a chunk (chunks.go) in the
//     argument's language: the tag remove-cell leaves it out,
//     remove-input its code;
//   - epigraph, pull-quote, highlights and blockquote are quotations;
//     margin, sidebar, topic and dropdown callouts, and so are
//     sphinx-exercise's exercises and sphinx-proof's theorems,
//     definitions… (fencedDivKinds: their titles); a gated exercise's or
//     solution's start is its title, its end nothing; toctree, index,
//     raw, bibliography (what a site makes of its pages, which galley
//     makes itself or has no use for) nothing;
//   - another directive's body is read as Markdown, with a warning.
//
// Its roles ({ref}`label`…) and targets ((label)=) are read too
// (mystRoles, mystTargets).

// mystHeader reads a fence's info as a MyST directive's: its name and
// argument. A name in braces is one when MyST knows it, or it has a
// hyphen or a colon (tab-set, glue:figure), which no chunk engine has.
func mystHeader(info string) (name, arg string, ok bool) {
	m := mystInfo.FindStringSubmatch(strings.TrimSpace(info))
	if m == nil {
		return "", "", false
	}
	name, arg = strings.ToLower(m[1]), strings.TrimSpace(m[2])
	if _, known := mystRoleOf(name); known || strings.ContainsAny(name, "-:") {
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
	mystGateStart // the start of a gated exercise or solution: its title, the body following
	mystBody      // its body, as Markdown
	mystNothing
)

// mystDirectives are the directives galley reads, and as what, besides
// the boxes (callouts) of fencedDivKinds.
var mystDirectives = map[string]mystRole{
	"figure": mystFigure, "image": mystImage, "math": mystMath,
	"code-block": mystCode, "code": mystCode, "sourcecode": mystCode, "code-cell": mystCell,
	"epigraph": mystQuote, "pull-quote": mystQuote, "highlights": mystQuote, "blockquote": mystQuote,
	"exercise-start": mystGateStart, "solution-start": mystGateStart, "exercise-end": mystNothing, "solution-end": mystNothing,
	"only": mystBody,
	// What a site makes of its pages (their list, an index, a table of
	// executions, the references), which galley makes itself or has no
	// use for, and raw HTML or LaTeX for one builder.
	"toctree": mystNothing, "tableofcontents": mystNothing, "index": mystNothing, "raw": mystNothing,
	"bibliography": mystNothing, "nb-exec-table": mystNothing,
}

// mystRoleOf is what galley makes of the directive name.
func mystRoleOf(name string) (mystRole, bool) {
	if role, ok := mystDirectives[name]; ok {
		return role, true
	}
	if _, ok := fencedDivKinds[name]; ok {
		return mystCallout, true
	}
	return 0, false
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
	for i := range lines {
		seg := segs.At(i)
		lines[i] = validUTF8(string(seg.Value(c.src)))
	}
	origins := c.lineOrigins(segs)
	opts, skip := mystOptions(lines)
	bodyText := strings.TrimRight(strings.Join(lines[skip:], ""), "\n")
	body := func() []doc.Block { // its Markdown, its problems reported by the whole file's reading
		return ParseLines(pos.File, []byte(bodyText), origins[skip:], c.syntax, &diag.List{}).Blocks
	}
	anchor := doc.Attr{ID: opts["name"]}
	role, known := mystRoleOf(name)
	if !known {
		c.diags.Warnf(pos, "the MyST directive {%s} is not read by galley: its body is read as Markdown", name)
		return &doc.Div{Pos: pos, Attr: anchor, Blocks: body()}, true
	}
	switch role {
	case mystCallout:
		kind := fencedDivKinds[name]
		if class, _, _ := strings.Cut(opts["class"], " "); name == "admonition" && fencedDivKinds[class].callout != "" {
			kind.callout = fencedDivKinds[class].callout // a generic admonition styled as a tip, say
		}
		co := &doc.Callout{Pos: pos, Kind: cmp.Or(kind.callout, "note"), Blocks: withBlockAnchor(doc.Attr{ID: cmp.Or(opts["name"], opts["label"])}, pos, body())}
		switch {
		case arg != "" && kind.title != "":
			co.Title = append([]doc.Inline{&doc.Text{Pos: pos, Value: kind.title + ": "}}, c.inlineMarkdown(arg, pos, c.syntax)...)
		case arg != "":
			co.Title = c.inlineMarkdown(arg, pos, c.syntax)
		case kind.title != "":
			co.Title = []doc.Inline{&doc.Text{Pos: pos, Value: kind.title}}
		}
		return co, true
	case mystGateStart:
		title := "Exercise"
		if name == "solution-start" {
			title = "Solution"
		}
		return &doc.Paragraph{Pos: pos, Content: withAnchor(doc.Attr{ID: opts["label"]}, pos, []doc.Inline{&doc.Strong{Pos: pos, Content: []doc.Inline{&doc.Text{Pos: pos, Value: title}}}})}, true
	case mystBody:
		return &doc.Div{Pos: pos, Blocks: body()}, true
	case mystFigure, mystImage:
		if arg == "" {
			c.diags.Warnf(pos, "the MyST directive {%s} names no image: it is left out", name)
			return nil, true
		}
		fig := &doc.Figure{Pos: pos, Attr: anchor, Image: &doc.Image{Pos: pos, URL: arg, Alt: opts["alt"]}}
		if role == mystFigure {
			if bs := body(); len(bs) > 0 {
				if p, ok := bs[0].(*doc.Paragraph); ok {
					fig.Caption = p.Content
					fig.Attr.Classes = append(fig.Attr.Classes, doc.NumberedClass) // as Sphinx numbers it
				}
			}
			if fig.Image.Alt == "" {
				fig.Image.Alt = doc.PlainText(fig.Caption)
			}
		}
		return fig, true
	case mystMath:
		if strings.TrimSpace(bodyText) == "" {
			return nil, true
		}
		formula := &mathNode{tex: strings.TrimSpace(bodyText), texStart: segs.At(skip).Start, display: true}
		if label := opts["label"]; label != "" && !strings.Contains(formula.tex, `\label`) {
			formula.tex += `\label{` + label + `}` // numbered, and {eq}`label` refers to it (passes.NumberEquations)
		}
		span := c.math(formula, pos)
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
		return c.chunkCode(engine, bodyText, true, hasTag(tags, "remove-input"), pos), true
	case mystQuote:
		return &doc.BlockQuote{Pos: pos, Blocks: body()}, true
	case mystNothing:
		return nil, true
	default:
		c.diags.Warnf(pos, "the MyST directive {%s} is not read by galley (role %d): its body is read as Markdown", name, role)
		return &doc.Div{Pos: pos, Attr: anchor, Blocks: body()}, true
	}
}

// mystRoles reads MyST's roles in a run of inlines, a role's name in
// braces just before a code span ({ref}`label`): references ({ref}: a
// link to the label, the text before <label> its text, else the label;
// {numref}: one whose text the passes set to the number, doc.NumberRefKey); {doc}: a link to the page; {eq}: an equation's number, as
// \eqref; {cite}, {cite:p}, {cite:t}: citations, as [@key] and @key);
// another role's code is its text.
func mystRoles(in []doc.Inline) []doc.Inline {
	if !slices.ContainsFunc(in, mayOpenRole) {
		return doc.MergeTexts(in) // nearly every run of inlines: no role, no copy
	}
	out := in[:0:0]
	for i := 0; i < len(in); i++ {
		t, _ := in[i].(*doc.Text)
		var code *doc.Code
		if i+1 < len(in) {
			code, _ = in[i+1].(*doc.Code)
		}
		if t == nil || code == nil || !strings.HasSuffix(t.Value, "}") { // told at once: most texts are no role's
			out = append(out, in[i])
			continue
		}
		open := strings.LastIndexByte(t.Value, '{')
		m := mystRoleName.FindStringSubmatch(t.Value[max(open, 0):])
		if open < 0 || m == nil {
			out = append(out, in[i])
			continue
		}
		if before := t.Value[:open]; before != "" {
			out = append(out, &doc.Text{Pos: t.Pos, Value: before})
		}
		out = append(out, mystRoleInline(m[1], code))
		i++
	}
	return doc.MergeTexts(out)
}

// mayOpenRole reports a text that may be a role's name, "{name}", at its
// end: the pre-test mystRoles' loop makes first, before the next inline.
func mayOpenRole(n doc.Inline) bool {
	t, ok := n.(*doc.Text)
	return ok && strings.HasSuffix(t.Value, "}")
}

// mystRoleName is a role's name in braces.
var mystRoleName = regexp.MustCompile(`^\{([a-z][a-z0-9:-]*)\}$`)

// mystTarget is a role's target written `text <target>`.
var mystTarget = regexp.MustCompile(`^(.*?)\s*<([^<>]+)>$`)

// mystRoleInline is the inline the role name makes of its code span.
func mystRoleInline(name string, code *doc.Code) doc.Inline {
	text, target := "", strings.TrimSpace(code.Value)
	if m := mystTarget.FindStringSubmatch(target); m != nil {
		text, target = m[1], m[2]
	}
	switch name {
	case "ref":
		return &doc.Link{Pos: code.Pos, URL: "#" + target, Content: []doc.Inline{&doc.Text{Pos: code.Pos, Value: cmp.Or(text, target)}}}
	case "numref": // its number set by the passes
		return &doc.Link{Pos: code.Pos, URL: "#" + target, Attr: doc.Attr{KV: []doc.KV{{Key: doc.NumberRefKey, Value: text}}},
			Content: []doc.Inline{&doc.Text{Pos: code.Pos, Value: cmp.Or(text, target)}}}
	case "doc":
		url := target
		if path.Ext(url) == "" {
			url += ".md"
		}
		return &doc.Link{Pos: code.Pos, URL: url, Content: []doc.Inline{&doc.Text{Pos: code.Pos, Value: cmp.Or(text, target)}}}
	case "eq":
		return &doc.Text{Pos: code.Pos, Value: `\eqref{` + target + `}`}
	case "cite", "cite:p", "cite:ps", "cite:t", "cite:ts":
		var keys []string
		for _, k := range strings.Split(target, ",") {
			if k = strings.TrimSpace(k); k != "" {
				keys = append(keys, "@"+k)
			}
		}
		if strings.HasPrefix(name, "cite:t") {
			return &doc.Text{Pos: code.Pos, Value: strings.Join(keys, ", ")}
		}
		return &doc.Text{Pos: code.Pos, Value: "[" + strings.Join(keys, "; ") + "]"}
	}
	return &doc.Text{Pos: code.Pos, Value: cmp.Or(text, target)}
}

// mystTargetLine is MyST's target above a block: (label)=.
var mystTargetLine = regexp.MustCompile(`^\(([^()\s]+)\)=$`)

// mystTargets makes each paragraph that is only a MyST target, (label)=,
// an anchor the block after it starts with.
func mystTargets(blocks []doc.Block) []doc.Block {
	for i, b := range blocks {
		p, ok := b.(*doc.Paragraph)
		if !ok || len(p.Content) != 1 {
			continue
		}
		if t, ok := p.Content[0].(*doc.Text); ok {
			if m := mystTargetLine.FindStringSubmatch(t.Value); m != nil {
				blocks[i] = &doc.Paragraph{Pos: p.Pos, Content: withAnchor(doc.Attr{ID: m[1]}, p.Pos, nil)}
			}
		}
	}
	return blocks
}
