package passes

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Quarto's cross-references to sections, figures and tables (@sec-intro,
// [@fig-map], -@tbl-data), whose targets are ids with those prefixes
// (## Intro {#sec-intro}): galley numbers no section, figure or table,
// so it cannot print Quarto's "Section 1". A reference to a section is a
// link to it that prints its heading's text ("see Intro"); one to a
// figure or a table, or to an id the document does not have, is a
// warning and stays as written. (Equations' are NumberEquations'.)

// quartoRef is a Quarto cross-reference in the text: group 1 the
// bracket, 2 the minus, 3 the id.
var quartoRef = regexp.MustCompile(`(\[)?(-)?@((?:sec|fig|tbl|lst)-[\pL\pN_:.-]*[\pL\pN_])(?:\])?`)

// CrossReferences sets Quarto's cross-references to sections in the
// text of d, and warns of those it cannot set.
func CrossReferences(d *doc.Document, diags *diag.List) {
	var titles map[string][]doc.Inline // heading ids → their text, gathered at the first reference
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Link, *doc.Code, *doc.CodeBlock:
			return false
		case *doc.Span:
			if _, _, formula := n.Formula(); formula {
				return false
			}
		}
		eachInlines(n, func(in []doc.Inline) []doc.Inline {
			for _, x := range in {
				if t, ok := x.(*doc.Text); ok && strings.Contains(t.Value, "@") && quartoRef.MatchString(t.Value) {
					if titles == nil {
						titles = headingTitles(d)
					}
					return sectionRefs(in, titles, diags)
				}
			}
			return in
		})
		return true
	})
}

// headingTitles returns the text of every heading of d by its id.
func headingTitles(d *doc.Document) map[string][]doc.Inline {
	titles := map[string][]doc.Inline{}
	doc.Inspect(d, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok && h.Attr.ID != "" {
			titles[h.Attr.ID] = h.Content
		}
		return true
	})
	return titles
}

// sectionRefs returns in with each of its texts' references to a
// section a link printing the section's title.
func sectionRefs(in []doc.Inline, titles map[string][]doc.Inline, diags *diag.List) []doc.Inline {
	var out []doc.Inline
	for _, n := range in {
		t, ok := n.(*doc.Text)
		if !ok {
			out = append(out, n)
			continue
		}
		from := 0
		for _, m := range quartoRef.FindAllStringSubmatchIndex(t.Value, -1) {
			if r, _ := utf8.DecodeLastRuneInString(t.Value[:m[0]]); m[0] > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				continue // an address: me@sec-ops.org
			}
			start, end := m[0], m[1]
			if m[2] >= 0 && t.Value[end-1] != ']' {
				start++ // a bracket before it that it does not close is the text's
			} else if m[2] < 0 && t.Value[end-1] == ']' {
				end--
			}
			id := t.Value[m[6]:m[7]]
			title, found := titles[id]
			if why := unsetReason(id, found); why != "" {
				diags.Warnf(t.Pos, "Quarto's cross-reference %s is printed as written: %s", t.Value[start:end], why)
				continue
			}
			if start > from {
				out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:start]})
			}
			out = append(out, &doc.Link{Pos: t.Pos, URL: "#" + id, Content: []doc.Inline{&doc.Text{Pos: t.Pos, Value: doc.PlainText(title)}}})
			from = end
		}
		if from == 0 {
			out = append(out, t)
		} else if from < len(t.Value) {
			out = append(out, &doc.Text{Pos: t.Pos, Value: t.Value[from:]})
		}
	}
	return out
}

// unsetReason is why a reference to id (found: a heading's) is not set,
// or "".
func unsetReason(id string, found bool) string {
	switch {
	case !strings.HasPrefix(id, "sec-"):
		return "galley numbers no figures, tables or listings"
	case !found:
		return "no heading has the id " + id
	}
	return ""
}
