package layout

import (
	"runtime"
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
	entries := f.startEntries(a, entered != nil)
	defer entries.close()
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
			f.addEntry(entries.next(ref, g.AuthorDate))
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

// qrGap is the space between a reference's text and its QR code.
const qrGap = 12

// entry is a further-reading entry's rows as set (engine.entry);
// together: kept on one page, as an entry with a QR code is.
type entry struct {
	rows     []*vrow
	together bool
}

// entryColumn is the column the further reading is set in (the flow's),
// and whether its entries with a URL get a QR code.
type entryColumn struct {
	x, w, leading float64
	body          runStyle
	qr            bool
}

// entry sets a further-reading entry in the column col, its lines after
// the first indented: with a QR code of its URL at the right when col
// says so and the entry has a URL that no citation points to, the text
// in a narrower column, the entry at least as tall as the code and kept
// together. A URL too long to encode is a warning and gets no code.
func (e *engine) entry(ref *doc.Reference, authorDate bool, col entryColumn) entry {
	hang := col.body.size * 1.8
	spec := paraSpec{x: col.x, widths: []float64{col.w, col.w - hang}, indents: []float64{0, hang}, leading: col.leading, base: col.body}
	if !col.qr || ref.URL == "" || len(ref.Cited) > 0 {
		return entry{rows: e.setParagraph(e.m.tokenize(referenceInlines(ref, authorDate), col.body), spec)}
	}
	items, side, err := qrItems(ref.URL, 0, 0)
	if err != nil {
		e.diags.Warnf(ref.Pos, "no QR code for %q: %v", ref.URL, err)
		side = 0
	}
	if side > 0 {
		w := col.w - side - qrGap
		spec.widths = []float64{w, w - hang}
	}
	rows := e.setParagraph(e.m.tokenize(referenceInlines(ref, authorDate), col.body), spec)
	if len(rows) == 0 {
		return entry{}
	}
	for _, it := range items {
		rows[0].items = append(rows[0].items, movedInPlace(it, col.x+col.w-side, 2))
	}
	if h := height(rows); h < side+4 {
		rows = append(rows, &vrow{h: side + 4 - h})
	}
	return entry{rows: rows, together: true}
}

// height is the total height of rows.
func height(rows []*vrow) float64 {
	var h float64
	for _, r := range rows {
		h += r.h
	}
	return h
}

// addEntry adds a further-reading entry's rows.
func (f *flow) addEntry(en entry) {
	if !en.together {
		f.addRows(en.rows)
		return
	}
	for _, r := range en.rows {
		r.kwn = true
		f.add(r)
	}
	if n := len(en.rows); n > 0 {
		en.rows[n-1].kwn = false
	}
}

// entryChunk is how many further-reading entries a goroutine sets at a
// time when they are set ahead (appendixEntries): a few milliseconds of
// work, each entry about 20 µs.
const entryChunk = 256

// appendixEntries gives an appendix's entries in order, as the flow
// takes them: set then, by the flow's engine, or set ahead in chunks, on
// goroutines of their own. The further reading of a long book given
// away as it is set (a PageSink) is set last, after its chapters: the 13
// MB bench book's 27,000 entries took 0.6 s of one core while the other
// waited for pages to draw.
type appendixEntries struct {
	e      *engine
	col    entryColumn
	chunks *ahead[[]entry] // nil: set as taken
	taken  []entry         // the rest of the chunk taken last
	chunk  int             // the chunk to take next
}

// startEntries starts setting a's entries in f's column, ahead when
// early says the rows set are given away as they are made (the pages
// drawn meanwhile) and there are more entries than a chunk.
func (f *flow) startEntries(a *doc.Appendix, early bool) *appendixEntries {
	col := entryColumn{x: f.x, w: f.w, leading: f.leading, body: f.body, qr: f.e.opts.QR}
	s := &appendixEntries{e: f.e, col: col}
	type job struct {
		ref        *doc.Reference
		authorDate bool
	}
	var jobs []job
	for _, g := range a.Groups {
		for _, ref := range g.Entries {
			jobs = append(jobs, job{ref, g.AuthorDate})
		}
	}
	size := entryChunk
	if f.e.opts.entryChunk > 0 {
		size = f.e.opts.entryChunk
	}
	if !early || len(jobs) <= size {
		return s
	}
	n := (len(jobs) + size - 1) / size
	s.chunks = startAhead(f.e, n, window(runtime.GOMAXPROCS(0)), func(pe *engine, i int) []entry {
		chunk := jobs[i*size : min((i+1)*size, len(jobs))]
		out := make([]entry, len(chunk)) // as long, when cancelled: the flow stops
		for k, j := range chunk {
			if pe.cancelled() {
				break
			}
			out[k] = pe.entry(j.ref, j.authorDate, col)
			pe.shapeRows(out[k].rows)
		}
		return out
	})
	return s
}

// next returns the rows of the next entry, ref.
func (s *appendixEntries) next(ref *doc.Reference, authorDate bool) entry {
	if s.chunks == nil {
		return s.e.entry(ref, authorDate, s.col)
	}
	if len(s.taken) == 0 {
		chunk, pe := s.chunks.take(s.chunk)
		s.chunk++
		var rows []*vrow
		for _, en := range chunk {
			rows = append(rows, en.rows...)
		}
		s.e.mergePart(pe, rows)
		s.taken = chunk
	}
	en := s.taken[0]
	s.taken = s.taken[1:]
	return en
}

// close stops the entries set ahead and not taken (a cancelled layout).
func (s *appendixEntries) close() {
	if s.chunks != nil {
		s.chunks.close()
	}
}
