package passes

import (
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/tex"
)

// Equations are numbered as LaTeX's amsmath and MathJax number them, and
// pandoc's users write them ($$ x = 1 \label{eq:one} $$, then "by
// \eqref{eq:one}"): a displayed formula with a \label, or that is an
// environment LaTeX numbers (equation, align…, not their starred forms),
// gets the next number, set at the right margin as \tag{n} sets it, and
// a labelled one an anchor;
// \eqref{label} prints "(n)" and \ref{label} "n", in a formula or in the
// text, where they are links to it. A formula with its own \tag keeps
// it, and its labels print the tag. The numbers run through the whole
// document (a book's chapters included), as MathJax's do on one page.
// All the labels of one formula name its one number.
//
// Quarto's and pandoc-crossref's labels are read too: a displayed
// formula whose id starts with eq- or eq: ($$ x $$ {#eq-one}) is
// labelled with its id, and @eq-one, [@eq-one] and -@eq-one in the text
// are references to it, printed as \eqref's "(1)" (Quarto prints
// "Equation 1", in words galley would have to translate) or, the last,
// as \ref's "1". So are bookdown's: (\#eq:one) in a formula labels it,
// and \@ref(eq:one) prints "1".

var (
	labelCommand = regexp.MustCompile(`\\label\s*\{([^{}]*)\}`)
	tagCommand   = regexp.MustCompile(`\\tag(\*?)\s*\{([^{}]*)\}`)
	refCommand   = regexp.MustCompile(`\\(eq)?ref\s*\{([^{}]*)\}`)
	// refInText is refCommand, or a Quarto or pandoc-crossref reference
	// (group 3 the bracket, 4 the minus, 5 the label), in the text.
	// Group 6 is bookdown's \@ref(eq:label), its backslash gone as
	// Markdown's escape.
	refInText = regexp.MustCompile(`\\(eq)?ref\s*\{([^{}]*)\}|(\[)?(-)?@(eq[-:][\pL\pN_:.-]*[\pL\pN_])(?:\])?|\\?@ref\((eq:[^)\s]+)\)`)
	// bookdownLabel is bookdown's label in an equation: (\#eq:label).
	bookdownLabel = regexp.MustCompile(`\(\\#(eq:[^)\s]+)\)`)
)

// isEquationID reports an id Quarto and pandoc-crossref number as an
// equation's.
func isEquationID(id string) bool {
	return strings.HasPrefix(id, "eq-") || strings.HasPrefix(id, "eq:")
}

// equation is a labelled displayed formula: what \ref prints for it,
// its anchor, and where it is.
type equation struct {
	ref, id string
	pos     doc.Pos
}

// NumberEquations numbers the displayed formulas of d that have a
// \label, gives each an anchor (its span's id, made from its first
// label when it has none), and sets every \eqref and \ref to a label in
// d's formulas and texts, and every empty link to one (MyST's
// [](label)). A reference to a label no formula has, and a
// label given twice, are warnings: such a reference prints "(??)" in a
// formula, as LaTeX's does, and stays as written in the text. Run it
// after AssignHeadingIDs, whose ids the anchors keep clear of.
func NumberEquations(d *doc.Document, diags *diag.List) {
	labels := labelEquations(d, diags)
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Link:
			if eq := labels[strings.TrimPrefix(n.URL, "#")]; eq != nil && strings.TrimSpace(doc.PlainText(n.Content)) == "" {
				// MyST's [](label): the equation's number, linked.
				n.URL, n.Content = "#"+eq.id, []doc.Inline{&doc.Text{Pos: n.Pos, Value: refText(eq.ref, true)}}
			}
			return false // a link in a link is none
		case *doc.Span:
			if src, _, ok := n.Formula(); ok {
				setFormulaRefs(n, src, labels, diags)
				return false
			}
		}
		eachInlines(n, func(in []doc.Inline) []doc.Inline { return textRefs(in, labels, diags) })
		return true
	})
}

// equationKind is what equations are counted as (chapterCounter).
const equationKind = "equation"

// labelEquations numbers d's labelled displayed formulas, in document
// order, and returns them by label.
func labelEquations(d *doc.Document, diags *diag.List) map[string]*equation {
	labels := map[string]*equation{}
	var used map[string]bool // ids, gathered at the first label
	number := newChapterCounter()
	doc.Inspect(d, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok && h.Level == 1 {
			number.chapter(h) // a numbered book's: (2.1)
		}
		s, ok := n.(*doc.Span)
		if !ok {
			return true
		}
		src, display, ok := s.Formula()
		if !ok || !display {
			return true
		}
		found := labelCommand.FindAllStringSubmatch(src, -1)
		if bookdown := bookdownLabel.FindAllStringSubmatch(src, -1); bookdown != nil {
			found = append(found, bookdown...)
			src = bookdownLabel.ReplaceAllString(src, "")
			setTeX(s, src)
		}
		if len(found) == 0 && isEquationID(s.Attr.ID) {
			found = [][]string{{"", s.Attr.ID}}
		}
		if len(found) == 0 && !numberedEnvironment(src) {
			return false
		}
		var rows []rowNumber // its numbers: one, or one a line
		if env := environmentOf(src); lineNumbered(env) && !tagCommand.MatchString(src) {
			src, rows = numberRows(src, env, number)
			setTeX(s, src)
		} else if tag := tagCommand.FindStringSubmatch(src); tag != nil {
			rows = []rowNumber{{ref: tag[2]}}
		} else {
			rows = []rowNumber{{ref: number.number(equationKind)}}
			setTeX(s, src+` \tag{`+rows[0].ref+`}`) // the number, when set as text too
		}
		if len(found) == 0 || len(rows) == 0 {
			return false // numbered, with no label to refer to it by; or labelled, with no number
		}
		if used == nil {
			used = targetIDs(d)
		}
		if s.Attr.ID == "" {
			s.Attr.ID = unique(Slug(strings.ReplaceAll(found[0][1], ":", "-")), used)
			used[s.Attr.ID] = true
		}
		onLine := map[string]bool{}
		for _, r := range rows {
			for _, label := range r.labels {
				onLine[label] = true
				addLabel(labels, label, &equation{ref: r.ref, id: s.Attr.ID, pos: s.Pos}, diags)
			}
		}
		for _, m := range found { // a label on no numbered line: the formula's first number
			if label := strings.TrimSpace(m[1]); !onLine[label] {
				addLabel(labels, label, &equation{ref: rows[0].ref, id: s.Attr.ID, pos: s.Pos}, diags)
			}
		}
		return false
	})
	return labels
}

// setTeX sets formula s's TeX to src, and its content, the formula set
// as text, to match.
func setTeX(s *doc.Span, src string) {
	s.Attr.Set(doc.TeXKey, src)
	s.Content, _ = tex.Inlines(src, s.Pos)
}

// addLabel names eq with label, unless an equation has it already: a
// warning.
func addLabel(labels map[string]*equation, label string, eq *equation, diags *diag.List) {
	if first, twice := labels[label]; twice {
		diags.Warnf(eq.pos, `\label{%s} is given again (first at %s): its references are to the first`, label, first.pos)
		return
	}
	labels[label] = eq
}

// numberedEnvironment reports whether the TeX src is an environment
// LaTeX numbers (\begin{equation} … \end{equation}, align…) with a
// line that \nonumber or \notag does not leave unnumbered.
func numberedEnvironment(src string) bool {
	name := environmentOf(src)
	if !tex.IsNumbered(name) {
		return false
	}
	lines := strings.Count(src, `\\`) + 1
	if strings.HasSuffix(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(src), `\end{`+name+`}`)), `\\`) {
		lines-- // a last \\ ends no line
	}
	return strings.Count(src, `\nonumber`)+strings.Count(src, `\notag`) < lines
}

// environmentOf returns the name of the environment the TeX src starts
// with (\begin{align} …: "align"), or "".
func environmentOf(src string) string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(src), `\begin{`)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "}")
	return name
}

// setFormulaRefs puts the number of each \eqref and \ref of formula s
// (whose TeX is src) in place of the command, as text, and sets its
// content again when one changed.
func setFormulaRefs(s *doc.Span, src string, labels map[string]*equation, diags *diag.List) {
	if !mayRefCommand(src) {
		return
	}
	found := refCommand.FindAllStringSubmatchIndex(src, -1)
	if found == nil {
		return
	}
	var b strings.Builder
	from := 0
	for _, m := range found {
		label, paren := strings.TrimSpace(src[m[4]:m[5]]), m[2] >= 0
		ref := "??"
		if eq := labels[label]; eq != nil {
			ref = eq.ref
		} else {
			diags.Warnf(s.Pos, `no displayed formula has \label{%s}: %s prints %q`, label, src[m[0]:m[1]], refText("??", paren))
		}
		b.WriteString(src[from:m[0]])
		b.WriteString(`\text{` + refText(ref, paren) + `}`)
		from = m[1]
	}
	b.WriteString(src[from:])
	setTeX(s, b.String())
}

// refText is what a reference prints: ref, in parentheses for \eqref.
func refText(ref string, paren bool) string {
	if paren {
		return "(" + ref + ")"
	}
	return ref
}

// mayReference reports whether s holds what each of refInText's
// alternatives starts with (\ref, \eqref, @eq, @ref(): the regular
// expression is tried only on those texts, not on every "reference" of
// the prose.
func mayReference(s string) bool {
	return mayRefCommand(s) || strings.IndexByte(s, '@') >= 0 && (strings.Contains(s, "@eq") || strings.Contains(s, "@ref("))
}

// mayRefCommand reports whether s holds what refCommand starts with
// (\ref, \eqref), in a formula's TeX or in text.
func mayRefCommand(s string) bool {
	return strings.IndexByte(s, '\\') >= 0 && (strings.Contains(s, `\ref`) || strings.Contains(s, `\eqref`))
}

// textRefs returns in with each \eqref and \ref of its texts to a label
// of labels a link to the formula; one to a label no formula has is a
// warning, and stays as written.
func textRefs(in []doc.Inline, labels map[string]*equation, diags *diag.List) []doc.Inline {
	var out []doc.Inline
	changed := false
	for i, n := range in {
		t, ok := n.(*doc.Text)
		if !ok || !mayReference(t.Value) || !refInText.MatchString(t.Value) {
			if changed {
				out = append(out, n)
			}
			continue
		}
		if !changed {
			out, changed = append(out, in[:i]...), true
		}
		from := 0
		for _, m := range refInText.FindAllStringSubmatchIndex(t.Value, -1) {
			var label string
			var paren bool
			switch {
			case m[4] >= 0: // \eqref{label}, \ref{label}
				label, paren = strings.TrimSpace(t.Value[m[4]:m[5]]), m[2] >= 0
			case m[12] >= 0: // bookdown's \@ref(eq:label)
				label = t.Value[m[12]:m[13]]
			default: // @label
				var ok bool
				if m[0], m[1], ok = atReference(t.Value, m[0], m[1], m[6] >= 0); !ok {
					continue
				}
				label, paren = t.Value[m[10]:m[11]], m[8] < 0
			}
			eq := labels[label]
			if eq == nil {
				diags.Warnf(t.Pos, `no displayed formula is labelled %q: %s is printed as written`, label, t.Value[m[0]:m[1]])
				continue
			}
			if m[0] > from {
				out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:m[0]]})
			}
			out = append(out, &doc.Link{Pos: t.Pos, URL: "#" + eq.id, Content: []doc.Inline{&doc.Text{Pos: t.Pos, Value: refText(eq.ref, paren)}}})
			from = m[1]
		}
		if from < len(t.Value) {
			out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:]})
		}
	}
	if !changed {
		return in
	}
	return out
}

// rowNumber is the number of one line of an environment LaTeX numbers
// line by line, and the labels on that line.
type rowNumber struct {
	ref    string
	labels []string
}

// lineNumbered reports an environment LaTeX numbers line by line.
func lineNumbered(env string) bool {
	switch env {
	case "align", "gather", "eqnarray", "alignat", "flalign":
		return true
	}
	return false
}

// numberRows gives each line of the environment env that src is the
// next number (number counts them), as a \tag at its end, but a line of
// \nonumber or \notag and an empty last line; it returns the TeX and
// each numbered line's number and labels.
func numberRows(src, env string, number *chapterCounter) (string, []rowNumber) {
	begin, end := `\begin{`+env+`}`, `\end{`+env+`}`
	start, stop := strings.Index(src, begin)+len(begin), strings.LastIndex(src, end)
	if env == "alignat" { // its pairs of columns: {2}
		if k := len(src[start:]) - len(strings.TrimLeft(src[start:], " \t\n")); strings.HasPrefix(src[start+k:], "{") {
			if close := strings.IndexByte(src[start+k:], '}'); close > 0 {
				start += k + close + 1
			}
		}
	}
	if stop < start {
		return src, nil
	}
	var b strings.Builder
	b.WriteString(src[:start])
	var rows []rowNumber
	lines := splitRows(src[start:stop])
	for i, line := range lines {
		if i > 0 {
			b.WriteString(`\\`)
		}
		b.WriteString(line)
		if i == len(lines)-1 && emptyLine(line) || strings.Contains(line, `\nonumber`) || strings.Contains(line, `\notag`) {
			continue
		}
		row := rowNumber{ref: number.number(equationKind)}
		for _, m := range labelCommand.FindAllStringSubmatch(line, -1) {
			row.labels = append(row.labels, strings.TrimSpace(m[1]))
		}
		b.WriteString(` \tag{` + row.ref + `} `)
		rows = append(rows, row)
	}
	b.WriteString(src[stop:])
	return b.String(), rows
}

// splitRows cuts the body of an environment into its lines, at each \\
// outside braces and inner environments (the \\ itself left out).
func splitRows(body string) []string {
	var lines []string
	from, depth := 0, 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '\\' && strings.HasPrefix(body[i:], `\begin{`):
			depth++
			i += len(`\begin`) - 1 // its brace is counted next
		case c == '\\' && strings.HasPrefix(body[i:], `\end{`):
			depth--
			i += len(`\end`) - 1
		case c == '\\' && i+1 < len(body) && body[i+1] == '\\' && depth == 0:
			lines = append(lines, body[from:i])
			from = i + 2
			i++
		case c == '\\':
			i++ // an escaped character or a command's first letter
		}
	}
	return append(lines, body[from:])
}

// emptyLine reports a line of an environment with nothing in it but the
// space its \\ may ask before it ([2pt]).
func emptyLine(line string) bool {
	line = strings.TrimSpace(line)
	if strings.HasPrefix(line, "[") {
		if close := strings.IndexByte(line, ']'); close > 0 {
			line = strings.TrimSpace(line[close+1:])
		}
	}
	return line == ""
}
