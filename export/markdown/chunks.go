package markdown

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// A code chunk is the code of a Quarto, R Markdown or Jupyter-backed page
// that its engine runs when the page is made: a fence whose info is an
// engine's name in braces (```{r}, ```{python}, ```{r setup, echo=FALSE}),
// its options in its header (knitr's key=value) and in its first lines
// (Quarto's `#| key: value`, YAML). galley runs no code, so a chunk is
// read as its author asked it shown, without what running it prints:
//   - include: false leaves it out;
//   - a chunk that only calls knitr::include_graphics("path") is the
//     figure it makes: fig-cap its caption, fig-alt its alt text, a fig-
//     label its id (numbered and referred to as @fig-… by the passes);
//   - echo: false leaves its code out;
//   - otherwise its code is a code block in its engine's language, the
//     option lines taken off.
//
// The chunks whose output is not shown are counted and reported once, at
// the first of them (chunkStats).

// chunkStats counts a document's chunks whose results galley cannot show,
// the LaTeX index entries it leaves out (latexindex.go), the content for
// other formats it leaves out (conditional.go), and the paragraphs each
// warning said once for the file is about (once).
type chunkStats struct {
	run    int     // chunks that would be run (eval not false)
	hidden int     // of those, how many show nothing (echo: false, remove-input)
	inline int     // inline expressions (`r x`, `{python} x`), shown as their code
	first  doc.Pos // where the first chunk or expression is
	index  tally
	once   map[string]tally // by the warning's message
	// otherFormats counts the conditional content left out
	// (conditional.go), each the condition that leaves it out.
	otherFormats tally
	// matter counts LaTeX's \frontmatter, \mainmatter and \backmatter
	// paragraphs left out (bookMatter).
	matter tally
}

// matterNote is the note for the LaTeX matter commands left out ("" for
// none).
func (s chunkStats) matterNote() string {
	const why = "LaTeX's page numbering (roman for the front matter), and galley numbers every page from 1"
	switch s.matter.n {
	case 0:
		return ""
	case 1:
		return s.matter.what + " is left out: it switches " + why
	}
	return s.matter.what + " and " + strconv.Itoa(s.matter.n-1) + " more of \\frontmatter, \\mainmatter and \\backmatter are left out: they switch " + why
}

// otherFormatsNote is the note for the content for other formats left
// out ("" for none).
func (s chunkStats) otherFormatsNote() string {
	switch s.otherFormats.n {
	case 0:
		return ""
	case 1:
		return "content for other formats ({" + s.otherFormats.what + "}) is left out, as its condition asks"
	}
	return strconv.Itoa(s.otherFormats.n) + " pieces of content for other formats (the first {" + s.otherFormats.what + "}) are left out, as their conditions ask"
}

// warnOnce counts a paragraph at pos that msg is about: the file gives
// the warning once, at the first, with how many more there are
// (onceWarnings).
func (s *chunkStats) warnOnce(pos doc.Pos, msg string) {
	if s.once == nil {
		s.once = map[string]tally{}
	}
	t := s.once[msg]
	t.add(pos, 1, "")
	s.once[msg] = t
}

// onceWarnings adds the warnings warnOnce counted to diags, in the order
// of their first paragraphs.
func (s chunkStats) onceWarnings(diags *diag.List) {
	msgs := slices.SortedFunc(maps.Keys(s.once), func(a, b string) int {
		switch x, y := s.once[a].first, s.once[b].first; {
		case posBefore(x, y):
			return -1
		case posBefore(y, x):
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, msg := range msgs {
		t := s.once[msg]
		switch t.n {
		case 1:
			diags.Warnf(t.first, "%s", msg)
		case 2:
			diags.Warnf(t.first, "%s (and 1 more paragraph of this file)", msg)
		default:
			diags.Warnf(t.first, "%s (and %d more paragraphs of this file)", msg, t.n-1)
		}
	}
}

// add counts a chunk at pos.
func (s *chunkStats) add(pos doc.Pos, hidden bool) {
	s.at(pos)
	s.run++
	if hidden {
		s.hidden++
	}
}

// at notes that something not run is at pos.
func (s *chunkStats) at(pos doc.Pos) {
	if s.run+s.inline == 0 || posBefore(pos, s.first) {
		s.first = pos
	}
}

// merge adds o's counts to s.
func (s *chunkStats) merge(o chunkStats) {
	s.index.merge(o.index)
	s.otherFormats.merge(o.otherFormats)
	s.matter.merge(o.matter)
	for msg, t := range o.once {
		if s.once == nil {
			s.once = map[string]tally{}
		}
		u := s.once[msg]
		u.merge(t)
		s.once[msg] = u
	}
	if o.run+o.inline == 0 {
		return
	}
	s.at(o.first)
	s.run += o.run
	s.hidden += o.hidden
	s.inline += o.inline
}

// message is the warning for the chunks counted ("" for none).
func (s chunkStats) message() string {
	switch {
	case s.run == 0 && s.inline == 0:
		return ""
	case s.run == 0:
		return s.inlineMessage("galley runs no code: ")
	}
	what := "1 code chunk is"
	if s.run > 1 {
		what = strconv.Itoa(s.run) + " code chunks are"
	}
	msg := what + " not run (galley runs no code): what running it prints, its text, tables and plots, is not shown"
	if s.run > 1 {
		msg = what + " not run (galley runs no code): what running them prints, their text, tables and plots, is not shown"
	}
	switch {
	case s.hidden == 1 && s.run == 1:
		msg += "; it shows nothing at all (its code is hidden)"
	case s.hidden == 1:
		msg += "; 1 of them shows nothing at all (its code is hidden)"
	case s.hidden > 1:
		msg += fmt.Sprintf("; %d of them show nothing at all (their code is hidden)", s.hidden)
	}
	if s.inline > 0 {
		msg += "; " + s.inlineMessage("")
	}
	return msg
}

// inlineMessage says how many inline expressions are shown as code.
func (s chunkStats) inlineMessage(prefix string) string {
	if s.inline == 1 {
		return prefix + "1 inline expression (`r …`) is shown as its code, not its value"
	}
	return prefix + strconv.Itoa(s.inline) + " inline expressions (`r …`) are shown as their code, not their values"
}

// inlineExpression reads a code span as an inline expression a notebook
// engine evaluates: Quarto's `{python} x` anywhere, knitr's `r x` in an R
// Markdown or Quarto file (.Rmd, .qmd). It returns the expression, which
// is shown as code; ok is false for other code.
func inlineExpression(code, file string) (expr string, ok bool) {
	if m := inlineEngine.FindStringSubmatch(code); m != nil {
		return m[1], true
	}
	ext := strings.ToLower(path.Ext(file))
	if rest, found := strings.CutPrefix(code, "r "); found && (ext == ".rmd" || ext == ".qmd") && strings.TrimSpace(rest) != "" {
		return strings.TrimSpace(rest), true
	}
	return "", false
}

// inlineEngine is Quarto's inline expression: `{python} x`.
var inlineEngine = regexp.MustCompile(`^\{[A-Za-z][A-Za-z0-9_]*\}\s+(\S.*)$`)

func posBefore(a, b doc.Pos) bool {
	return a.File == b.File && (a.Line < b.Line || a.Line == b.Line && a.Col < b.Col)
}

// chunkHeader reads a fence's info as a chunk's header: {engine}, or
// {engine label, key=value, …}. ok is false for anything else, pandoc's
// attributes ({.python}, {#id .py}) among them.
func chunkHeader(info string) (engine string, opts map[string]string, ok bool) {
	s := strings.TrimSpace(info)
	if len(s) < 3 || s[0] != '{' || s[len(s)-1] != '}' {
		return "", nil, false
	}
	inner := strings.TrimSpace(s[1 : len(s)-1])
	m := chunkEngine.FindString(inner)
	if m == "" {
		return "", nil, false
	}
	engine, rest := strings.ToLower(m), strings.TrimSpace(inner[len(m):])
	opts = map[string]string{}
	for i, arg := range splitArgs(strings.TrimPrefix(rest, ",")) {
		k, v, hasValue := strings.Cut(arg, "=")
		k = strings.TrimSpace(k)
		if !hasValue {
			if i == 0 && k != "" {
				opts["label"] = unquote(k)
			}
			continue
		}
		opts[optionKey(k)] = rValue(strings.TrimSpace(v))
	}
	return engine, opts, true
}

// chunkEngine is an engine's name at the start of a chunk's header.
var chunkEngine = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*`)

// splitArgs splits s at its commas outside quotes and brackets.
func splitArgs(s string) []string {
	var args []string
	depth, quote, start := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == ',' && depth == 0:
			args = append(args, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if last := strings.TrimSpace(s[start:]); last != "" {
		args = append(args, last)
	}
	return args
}

// optionKey is a chunk option's name as Quarto writes it: knitr's
// fig.cap is fig-cap.
func optionKey(k string) string { return strings.ReplaceAll(strings.TrimSpace(k), ".", "-") }

// rValue is an R value of a chunk's header as the option's text: TRUE
// and FALSE as true and false, a string unquoted.
func rValue(v string) string {
	switch v {
	case "TRUE", "T":
		return "true"
	case "FALSE", "F":
		return "false"
	}
	return unquote(v)
}

// unquote takes the quotes off a string literal, "a" or 'a'.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		if u, err := strconv.Unquote(`"` + strings.ReplaceAll(s[1:len(s)-1], `"`, `\"`) + `"`); err == nil {
			return u
		}
		return s[1 : len(s)-1]
	}
	return s
}

// optionLine is one of Quarto's option lines: #| in most engines' code,
// //| in JavaScript and Graphviz, %%| in Mermaid, --| in SQL.
var optionLine = regexp.MustCompile(`^[ \t]*(?:#|//|%%|--)\|[ ]?`)

// chunkOptions takes a chunk's option lines off its code: the code
// without them, and the options they set (YAML).
func chunkOptions(code string) (rest string, opts map[string]string, err error) {
	var yamlText strings.Builder
	lines := strings.SplitAfter(code, "\n")
	n := 0
	for ; n < len(lines); n++ {
		m := optionLine.FindStringIndex(lines[n])
		if m == nil {
			break
		}
		yamlText.WriteString(lines[n][m[1]:])
	}
	if n == 0 {
		return code, nil, nil
	}
	rest = strings.Join(lines[n:], "")
	var root yaml.Node
	if err := yaml.NewDecoder(strings.NewReader(yamlText.String())).Decode(&root); err != nil {
		return rest, nil, err
	}
	opts = map[string]string{}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return rest, opts, fmt.Errorf("the #| lines are not a mapping of options")
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if v := m.Content[i+1]; v.Kind == yaml.ScalarNode {
			opts[optionKey(m.Content[i].Value)] = strings.TrimSpace(v.Value)
		}
	}
	return rest, opts, nil
}

// chunk converts a fenced code block whose info is a chunk's header
// (chunkHeader): a nil block and ok for a chunk shown as nothing, ok
// false for a fence that is not a chunk.
func (c *converter) chunk(info, text string, pos doc.Pos) (block doc.Block, ok bool) {
	engine, opts, ok := chunkHeader(info)
	if !ok {
		return nil, false
	}
	code, lineOpts, err := chunkOptions(text)
	if err != nil {
		c.diags.Warnf(pos, "the chunk's #| options are not read: %v", err)
	}
	headerLabel := opts["label"]
	for k, v := range lineOpts { // Quarto's options win over the header's
		opts[k] = v
	}
	code = strings.TrimRight(code, "\n")
	if opts["include"] == "false" {
		return nil, true
	}
	if paths := includedGraphics(code); paths != nil {
		if l := opts["label"]; l != "" && l == headerLabel && opts["fig-cap"] != "" && !strings.HasPrefix(l, "fig-") {
			opts["label"] = "fig:" + l // knitr's, as bookdown numbers it and refers to it: \@ref(fig:label)
		}
		return c.chunkFigures(paths, opts, pos), true
	}
	switch engine {
	case "mermaid", "dot": // drawn by Quarto itself: a diagram's source (passes.CheckUndrawnCode)
		return &doc.CodeBlock{Pos: pos, Language: engine, Text: code}, true
	}
	return c.chunkCode(engine, code, opts["eval"] != "false", opts["echo"] == "false", pos), true
}

// chunkCode is a chunk's code shown in its engine's language (nil when
// hidden or empty), counted among the chunks not run when run says it
// would be.
func (c *converter) chunkCode(engine, code string, run, hidden bool, pos doc.Pos) doc.Block {
	if run {
		c.chunks.add(pos, hidden)
	}
	if hidden || strings.TrimSpace(code) == "" {
		return nil
	}
	return &doc.CodeBlock{Pos: pos, Language: engine, Text: code}
}

// includeGraphics is a chunk that only calls knitr's include_graphics:
// its first argument, a string or c() of strings.
var includeGraphics = regexp.MustCompile(`^\s*(?:knitr::)?include_graphics\(\s*(c\(\s*(?:(?:"[^"]*"|'[^']*')\s*,?\s*)+\)|"[^"]*"|'[^']*')\s*(?:,[^()]*(?:\([^()]*\)[^()]*)*)?\)\s*;?\s*$`)

// stringLiteral is one string literal of R.
var stringLiteral = regexp.MustCompile(`"[^"]*"|'[^']*'`)

// includedGraphics returns the paths of the images a chunk's code
// includes (nil: it is not one call of include_graphics with literal
// paths).
func includedGraphics(code string) []string {
	m := includeGraphics.FindStringSubmatch(code)
	if m == nil {
		return nil
	}
	var paths []string
	for _, lit := range stringLiteral.FindAllString(m[1], -1) {
		paths = append(paths, lit[1:len(lit)-1])
	}
	return paths
}

// chunkFigures makes the figure of the image a chunk includes, its label
// its id, fig-cap (Markdown) its caption, fig-alt its alt text, else the
// caption's plain text; several images are a division of figures, the
// first with the id and the caption.
func (c *converter) chunkFigures(paths []string, opts map[string]string, pos doc.Pos) doc.Block {
	var caption []doc.Inline
	if text := strings.TrimSpace(opts["fig-cap"]); text != "" {
		caption = c.inlineMarkdown(text, pos, c.syntax)
	}
	alt := opts["fig-alt"]
	if alt == "" {
		alt = doc.PlainText(caption)
	}
	var figs []doc.Block
	for i, p := range paths {
		fig := &doc.Figure{Pos: pos, Image: &doc.Image{Pos: pos, URL: p, Alt: alt}}
		if i == 0 {
			fig.Attr.ID, fig.Caption = opts["label"], caption
		}
		figs = append(figs, fig)
	}
	if len(figs) == 1 {
		return figs[0]
	}
	return &doc.Div{Pos: pos, Blocks: figs}
}
