package markdown

import (
	"bytes"
	"maps"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/galley-pub/galley/export/doc"
)

// bookdown's text references: a paragraph of its own, "(ref:label)
// text", defines the label as that text (Markdown), and "(ref:label)"
// anywhere else in the file (a figure's caption, fig.cap='(ref:label)',
// most often) stands for it. The definitions are read before the file
// is (textRefs, carried by Syntax into the parts, captions and boxes
// read apart) and print nothing where they are.

// textRefDefinition is a definition's first line: group 1 the label,
// group 2 the text's start.
var textRefDefinition = regexp.MustCompile(`^\(ref:([A-Za-z0-9_-]+)\)[ \t]+(\S.*)$`)

// textRefUse is a text reference: group 1 the label.
var textRefUse = regexp.MustCompile(`\(ref:([A-Za-z0-9_-]+)\)`)

// readTextRefs returns the text references body defines, by label (nil
// for none): each paragraph that starts "(ref:label) " at the start of
// a line, its lines joined.
func readTextRefs(body []byte) map[string]string {
	if !bytes.Contains(body, []byte("(ref:")) {
		return nil
	}
	var refs map[string]string
	label := "" // the definition being read
	for line := range bytes.Lines(body) {
		text := strings.TrimRight(string(line), "\r\n")
		switch m := textRefDefinition.FindStringSubmatch(text); {
		case strings.TrimSpace(text) == "":
			label = ""
		case m != nil && label == "":
			if refs == nil {
				refs = map[string]string{}
			}
			label = m[1]
			refs[label] = m[2]
		case label != "":
			refs[label] += " " + strings.TrimSpace(text)
		}
	}
	return refs
}

// withTextRefs returns syntax with the text references body defines
// added to those it has.
func withTextRefs(syntax Syntax, body []byte) Syntax {
	refs := readTextRefs(body)
	if len(refs) == 0 {
		return syntax
	}
	all := maps.Clone(syntax.textRefs)
	if all == nil {
		all = map[string]string{}
	}
	maps.Copy(all, refs)
	syntax.textRefs = all
	return syntax
}

// isTextRefDefinition reports whether paragraph n is a text reference's
// definition, which prints nothing.
func (c *converter) isTextRefDefinition(n ast.Node) bool {
	if len(c.syntax.textRefs) == 0 || n.Lines().Len() == 0 {
		return false
	}
	first := n.Lines().At(0)
	m := textRefDefinition.FindSubmatch(bytes.TrimRight(first.Value(c.src), "\r\n"))
	if m == nil {
		return false
	}
	_, ok := c.syntax.textRefs[string(m[1])]
	return ok
}

// withTextRefsSet returns in with each text reference in its texts
// replaced by the text it stands for, read as Markdown (with no text
// references of its own: a definition cannot refer to itself); one the
// file does not define is a warning.
func (c *converter) withTextRefsSet(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for i, x := range in {
		t, ok := x.(*doc.Text)
		if !ok || !strings.Contains(t.Value, "(ref:") {
			if out != nil {
				out = append(out, x)
			}
			continue
		}
		from, set := 0, false
		for _, m := range textRefUse.FindAllStringSubmatchIndex(t.Value, -1) {
			def, known := c.syntax.textRefs[t.Value[m[2]:m[3]]]
			if !known {
				c.diags.Warnf(t.Pos, "bookdown's text reference %s is printed as written: no paragraph of this file starts with it, to define it", t.Value[m[0]:m[1]])
				continue
			}
			if out == nil {
				out = append([]doc.Inline{}, in[:i]...)
			}
			if m[0] > from {
				out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:m[0]]})
			}
			plain := c.syntax
			plain.textRefs = nil
			out = append(out, c.inlineMarkdown(def, t.Pos, plain)...)
			from, set = m[1], true
		}
		switch {
		case set && from < len(t.Value):
			out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:]})
		case !set && out != nil:
			out = append(out, x)
		}
	}
	if out == nil {
		return in
	}
	return doc.MergeTexts(out)
}
