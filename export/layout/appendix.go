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
	first := len(f.rows)
	f.appendixRows(a, nil)
	f.appendixPage(first)
}

// appendixGiven is appendix for a layout that gives its pages away as
// they are made: the rows before each entry, final once it is set, are
// given to paginate, the page the appendix starts on decided first.
func (f *flow) appendixGiven(a *doc.Appendix, paginate func(upto int)) {
	first := len(f.rows)
	placed := false
	f.appendixRows(a, func(from int) {
		if !placed {
			f.appendixPage(first)
			placed = true
		}
		paginate(from)
	})
	if !placed {
		f.appendixPage(first)
	}
}

// appendixPage starts the appendix, whose rows start at the first'th, on a
// page of its own when the text before it is long: a handout keeps its
// reading list on the last page of text when it fits.
func (f *flow) appendixPage(first int) {
	if r := firstContent(f.rows[first:]); r != nil && f.heightTo(first) > appendixOwnPage*f.e.g.height() {
		r.newPage = true
	}
}

// appendixRows adds the appendix's rows: appendix but for the page it
// starts on. entered, when set, is told where each entry's rows begin
// once they are set (the rows before them are final).
func (f *flow) appendixRows(a *doc.Appendix, entered func(from int)) {
	if a == nil || len(a.Groups) == 0 {
		return
	}
	first := len(f.rows)
	defer func(n doc.Node) { f.node = n }(f.node)
	title := []doc.Inline{&doc.Text{Pos: a.Pos, Value: a.Title}}
	f.node = a // the appendix's own text is its heading
	f.heading(1, title, a.Attr.ID, a.Title)
	f.setOrigin(first, a)
	hang := f.body.size * 1.8
	for _, g := range a.Groups {
		gt := []doc.Inline{&doc.Text{Pos: g.Pos, Value: g.Title}}
		f.node = g
		from := len(f.rows)
		f.heading(2, gt, g.Attr.ID, g.Title)
		f.setOrigin(from, g)
		for i, ref := range g.Entries {
			if f.e.cancelled() {
				return // as blocks stop: a long appendix, on a goroutine of its own, kept a cancelled build waiting
			}
			f.node = ref
			if i > 0 {
				f.space(f.body.size * 0.45)
			}
			from := len(f.rows)
			if f.e.opts.QR && ref.URL != "" && len(ref.Cited) == 0 {
				f.referenceWithQR(ref, hang, g.AuthorDate)
			} else {
				spec := paraSpec{x: f.x, widths: []float64{f.w, f.w - hang}, indents: []float64{0, hang}, leading: f.leading, base: f.body}
				f.addRows(f.e.setParagraph(f.e.m.tokenize(referenceInlines(ref, g.AuthorDate), f.body), spec))
			}
			f.setOrigin(from, ref)
			if a := ref.Anchor(); a != "" && from < len(f.rows) {
				f.rows[from].ext().anchors = append(f.rows[from].ext().anchors, a) // where citations of it go
			}
			if entered != nil {
				entered(from)
			}
		}
		f.space(f.skip)
	}
}

// setOrigin gives the texts of the rows from the from'th on the origin
// n at offset 0: the appendix sets its titles and entries from text it
// makes of them, which no text node of the tree holds.
func (f *flow) setOrigin(from int, n doc.Node) {
	for _, r := range f.rows[from:] {
		for _, it := range r.items {
			switch t := it.(type) {
			case *Text:
				t.Origin = Origin{Node: n}
			case *Words:
				t.origin = n
				for i := range t.words {
					t.words[i].offset = 0
				}
			}
		}
	}
}

// referenceInlines formats a reference: "Author. *Title*. Publisher, Year.
// ISBN …. Note. URL", leaving out what is missing; with authorDate,
// "Author. Year. *Title*. Publisher. …".
func referenceInlines(r *doc.Reference, authorDate bool) []doc.Inline {
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
	year := r.Year
	if authorDate {
		sentence(year + r.Suffix)
		year = ""
	}
	if t := strings.TrimSpace(r.Title); t != "" && t != r.URL {
		out = append(out, &doc.Emphasis{Pos: r.Pos, Content: []doc.Inline{&doc.Text{Pos: r.Pos, Value: t}}})
		if strings.ContainsAny(t[len(t)-1:], ".?!") {
			text(" ")
		} else {
			text(". ")
		}
	}
	var pub []string
	for _, s := range []string{r.Publisher, year} {
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

// qrGap is the space between a reference's text and its QR code.
const qrGap = 12

// referenceWithQR sets a further-reading entry with a QR code of its URL at
// the right: the text in a narrower column, the entry at least as tall as
// the code and kept together. A URL too long to encode is a warning and
// gets no code.
func (f *flow) referenceWithQR(ref *doc.Reference, hang float64, authorDate bool) {
	items, side, err := qrItems(ref.URL, 0, 0)
	if err != nil {
		f.e.diags.Warnf(ref.Pos, "no QR code for %q: %v", ref.URL, err)
		side = 0
	}
	w := f.w
	if side > 0 {
		w -= side + qrGap
	}
	spec := paraSpec{x: f.x, widths: []float64{w, w - hang}, indents: []float64{0, hang}, leading: f.leading, base: f.body}
	rows := f.e.setParagraph(f.e.m.tokenize(referenceInlines(ref, authorDate), f.body), spec)
	if len(rows) == 0 {
		return
	}
	for _, it := range items {
		rows[0].items = append(rows[0].items, movedInPlace(it, f.x+f.w-side, 2))
	}
	if h := f.height(rows); h < side+4 {
		rows = append(rows, &vrow{h: side + 4 - h})
	}
	for _, r := range rows {
		r.kwn = true
		f.add(r)
	}
	rows[len(rows)-1].kwn = false
}
