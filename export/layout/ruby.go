package layout

import (
	"math"

	"github.com/galley-pub/galley/export/doc"
)

// Ruby's annotation is set at half its base's size, its baseline an em
// of the base above the base's: clear of the ideographs' tops. A line
// with ruby is made taller by what its annotations reach above the room
// its leading leaves (rubyRoom), as a browser makes it.
const (
	rubySize = 0.5
	rubyRise = 1.0
)

// rubyPair is one base of a ruby span and its annotation ("" for none).
type rubyPair struct {
	base, annotation []doc.Inline
}

// rubyPairs splits a ruby span's content (doc.RubyClass) into its bases,
// each with the annotation after it.
func rubyPairs(n *doc.Span) []rubyPair {
	var out []rubyPair
	var base []doc.Inline
	for _, c := range n.Content {
		if sp, ok := c.(*doc.Span); ok && sp.Attr.HasClass(doc.RubyTextClass) {
			out = append(out, rubyPair{base: base, annotation: sp.Content})
			base = nil
			continue
		}
		base = append(base, c)
	}
	if len(base) > 0 {
		out = append(out, rubyPair{base: base})
	}
	return out
}

// rubyItems appends the items of a ruby span set in style sty: each base
// as its text, and its annotation over it, centred, at rubySize, taking
// no width of its own (a longer annotation overhangs its base on both
// sides, as JLREQ lets it over the kana beside it, but not the ruby's
// annotation before it). Unbreakable kerns
// (glue behind an infinite penalty, no stretch) move the pen back over
// the base and on to its end; the whole ruby is one unbreakable word.
func (m measurer) rubyItems(out []kpItem, n *doc.Span, sty styleID) []kpItem {
	base := m.style(sty)
	over := base
	over.size = base.size * rubySize
	over.rise = base.rise + base.size*rubyRise
	overID := m.styleID(over)
	kern := func(w float64) {
		out = append(out, penalty(0, infPenalty, false), glue(w, 0, 0))
	}
	x, prevEnd := 0.0, math.Inf(-1) // the pen, and the last annotation's end, from the ruby's start
	for i, pair := range rubyPairs(n) {
		if i > 0 {
			out = append(out, penalty(0, infPenalty, false))
		}
		baseStart := x
		var wb float64
		out, wb = m.rubyText(out, pair.base, base, sty)
		x += wb
		if len(pair.annotation) == 0 {
			continue
		}
		annotation, wr := m.rubyText(nil, pair.annotation, over, overID)
		for i := range annotation {
			annotation[i].ruby = true
		}
		// Centred over its base, but not over the annotation before
		// it ("とう" over 東, then "きょう" over 京 moves right).
		start := max(baseStart+(wb-wr)/2, prevEnd)
		kern(start - x)
		out = append(out, annotation...)
		kern(x - (start + wr))
		prevEnd = start + wr
	}
	return out
}

// rubyText appends the boxes of inlines' text in style st (id), one a
// face it needs, and returns them with their width.
func (m measurer) rubyText(out []kpItem, inlines []doc.Inline, st runStyle, id styleID) ([]kpItem, float64) {
	pieces := m.shape(doc.PlainText(inlines), st.font, st.size)
	w := 0.0
	for _, p := range pieces {
		w += p.width
	}
	return m.appendPieceBoxes(out, pieces, st, id, firstText(inlines), 0), w
}

// rubyRoom makes a line's row tall enough for the ruby annotations in
// it: its baseline lower by what an annotation's ideographic top, and a
// twentieth of an em, reach above the row's room over the baseline.
func rubyRoom(row *vrow, line []kpItem, m measurer) {
	above := 0.0
	for _, it := range line {
		if it.ruby {
			s := m.style(it.sty)
			above = max(above, s.rise+0.88*s.size+0.05*s.size/rubySize-row.baseline)
		}
	}
	row.baseline += above
	row.h += above
}
