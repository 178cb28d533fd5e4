package layout

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// appendixOwnPage is the length of text, in pages, above which the appendix
// starts on a new page.
const appendixOwnPage = 3

// appendix sets the further-reading appendix: its heading, a sub-heading per
// group, and each reference as a hanging-indent entry.
func (f *flow) appendix(a *doc.Appendix) {
	if a == nil || len(a.Groups) == 0 {
		return
	}
	first := len(f.rows)
	f.heading(1, []doc.Inline{&doc.Text{Pos: a.Pos, Value: a.Title}}, a.Attr.ID, a.Title)
	// A handout keeps its reading list on the last page of text when it
	// fits; a longer document gives the appendix a page of its own.
	if r := firstContent(f.rows[first:]); r != nil && f.height(f.rows[:first]) > appendixOwnPage*f.e.g.height() {
		r.newPage = true
	}
	hang := f.body.size * 1.8
	for _, g := range a.Groups {
		f.heading(2, []doc.Inline{&doc.Text{Pos: g.Pos, Value: g.Title}}, g.Attr.ID, g.Title)
		for i, ref := range g.Entries {
			if i > 0 {
				f.space(f.body.size * 0.45)
			}
			spec := paraSpec{x: f.x, widths: []float64{f.w, f.w - hang}, indents: []float64{0, hang}, leading: f.leading, base: f.body}
			f.addRows(f.e.setParagraph(tokenize(referenceInlines(ref), f.body), spec))
		}
		f.space(f.skip)
	}
}

// referenceInlines formats a reference: "Author. *Title*. Publisher, Year.
// ISBN …. Note. URL", leaving out what is missing.
func referenceInlines(r *doc.Reference) []doc.Inline {
	var out []doc.Inline
	text := func(s string) { out = append(out, &doc.Text{Pos: r.Pos, Value: s}) }
	sentence := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
			s += "."
		}
		text(s + " ")
	}
	sentence(r.Author)
	if t := strings.TrimSpace(r.Title); t != "" && t != r.URL {
		out = append(out, &doc.Emphasis{Pos: r.Pos, Content: []doc.Inline{&doc.Text{Pos: r.Pos, Value: t}}})
		if strings.ContainsAny(t[len(t)-1:], ".?!") {
			text(" ")
		} else {
			text(". ")
		}
	}
	var pub []string
	for _, s := range []string{r.Publisher, r.Year} {
		if s = strings.TrimSpace(s); s != "" {
			pub = append(pub, s)
		}
	}
	sentence(strings.Join(pub, ", "))
	if r.ISBN != "" {
		sentence("ISBN\u00a0" + strings.TrimSpace(r.ISBN)) // no break inside "ISBN 978-…"
	}
	sentence(r.Note)
	if r.URL != "" {
		out = append(out, &doc.Link{Pos: r.Pos, URL: r.URL, Content: []doc.Inline{&doc.Text{Pos: r.Pos, Value: r.URL}}})
	}
	return out
}

// height is the total height of rows.
func (f *flow) height(rows []*vrow) float64 {
	var h float64
	for _, r := range rows {
		h += r.h
	}
	return h
}
