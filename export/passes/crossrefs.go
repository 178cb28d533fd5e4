package passes

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
)

// Quarto's cross-references to sections, figures and tables (@sec-intro,
// [@fig-map], -@tbl-data), whose targets are ids with those prefixes
// (## Intro {#sec-intro}, ![A map](map.png){#fig-map}, a table's
// caption ": Data {#tbl-data}"). As Quarto does, a figure or a table with
// such an id is numbered, in document order, its caption starting
// "Figure 1: " (in the document's language, l10n.Words), and a reference
// to it prints "Figure 1", a link to it. galley numbers no sections, so a
// reference to a section prints its heading's text ("see Intro"). One to
// a listing, or to an id the document does not have, is a warning and
// stays as written. (Equations' are NumberEquations'.)

// quartoRef is a Quarto cross-reference in the text: group 1 the
// bracket, 2 the minus, 3 the id.
var quartoRef = regexp.MustCompile(`(\[)?(-)?@((?:sec|fig|tbl|lst)-[\pL\pN_:.-]*[\pL\pN_])(?:\])?`)

// CrossReferences numbers the figures and tables of d that have Quarto's
// ids, and sets Quarto's cross-references in its text, warning of those
// it cannot set.
func CrossReferences(d *doc.Document, diags *diag.List) {
	floats := numberFloats(d)
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
						for id, name := range floats {
							titles[id] = []doc.Inline{&doc.Text{Value: name}}
						}
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
// section, figure or table a link printing its title (titles).
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
			start, end, ok := atReference(t.Value, m[0], m[1], m[2] >= 0)
			if !ok {
				continue
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
			text := doc.PlainText(title)
			if _, number, ok := strings.Cut(text, "\u00a0"); ok && m[4] >= 0 && !strings.HasPrefix(id, "sec-") {
				text = number // -@fig-map: the number alone, as Quarto prints it
			}
			out = append(out, &doc.Link{Pos: t.Pos, URL: "#" + id, Content: []doc.Inline{&doc.Text{Pos: t.Pos, Value: text}}})
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

// atReference returns the bounds of an @-reference (Quarto's, pandoc's
// citation syntax) matched in s from start to end, bracketed when the
// match starts with "[": a bracket is the reference's only when it has
// both, else the text's. ok is false when the @ follows a letter or a
// digit: an address (me@sec-ops.org), no reference.
func atReference(s string, start, end int, bracketed bool) (int, int, bool) {
	if r, _ := utf8.DecodeLastRuneInString(s[:start]); start > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return start, end, false
	}
	switch closed := s[end-1] == ']'; {
	case bracketed && !closed:
		start++
	case !bracketed && closed:
		end--
	}
	return start, end, true
}

// unsetReason is why a reference to id (found: a heading's, or a
// numbered figure's or table's) is not set, or "".
func unsetReason(id string, found bool) string {
	switch {
	case strings.HasPrefix(id, "lst-"):
		return "galley numbers no listings"
	case !found:
		return "nothing has the id " + id
	}
	return ""
}

// numberKey is the attribute a numbered figure or table keeps its name
// in ("Figure 1"), so that a second run numbers it as the first did.
const numberKey = "number"

// numberFloats numbers the figures whose id (or their image's) starts
// fig- and the tables whose id starts tbl-, each kind from 1 in document
// order, starting their captions with their names, and returns the
// names by id.
func numberFloats(d *doc.Document) map[string]string {
	words := l10n.For(d.Meta.Lang)
	names := map[string]string{}
	figures, tables := 0, 0
	name := func(a *doc.Attr, word string, count *int, caption []doc.Inline, pos doc.Pos) []doc.Inline {
		*count++
		if n, done := a.Get(numberKey); done {
			names[a.ID] = n
			return caption
		}
		n := word + "\u00a0" + strconv.Itoa(*count)
		a.Set(numberKey, n)
		names[a.ID] = n
		if len(caption) == 0 {
			return []doc.Inline{&doc.Text{Pos: pos, Value: n}}
		}
		return append([]doc.Inline{&doc.Text{Pos: pos, Value: n + ": "}}, caption...)
	}
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Figure:
			if n.Attr.ID == "" && n.Image != nil && strings.HasPrefix(n.Image.Attr.ID, "fig-") {
				n.Attr.ID, n.Image.Attr.ID = n.Image.Attr.ID, "" // the figure's, as Quarto reads it
			}
			if strings.HasPrefix(n.Attr.ID, "fig-") {
				n.Caption = doc.MergeTexts(name(&n.Attr, words.Figure, &figures, n.Caption, n.Pos))
			}
		case *doc.Table:
			if strings.HasPrefix(n.Attr.ID, "tbl-") {
				n.Caption = doc.MergeTexts(name(&n.Attr, words.Table, &tables, n.Caption, n.Pos))
			}
		}
		return true
	})
	return names
}
