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

// rubyPart is what a box of ruby is, if anything: the PDF tags a ruby
// base (RB) and its annotation (RT) apart, and its line is made tall
// enough for an annotation (rubyRoom).
type rubyPart uint8

const (
	notRuby        rubyPart = iota
	rubyBase                // a base that has an annotation, both with text (doc.RubyPair.Texts)
	rubyAnnotation          // its annotation, set over it
	rubyOver                // an annotation tagged as its line's text: its base has no text
)

// over reports an annotation, set over its base.
func (r rubyPart) over() bool { return r == rubyAnnotation || r == rubyOver }

// rubySrc is the source of a ruby box's text (Words.Src): the first text
// of its base or annotation, which the PDF's tagger knows as such; nil
// for a box that is not ruby, which takes its row's.
func rubySrc(it kpItem) doc.Node {
	if it.ruby == rubyBase || it.ruby == rubyAnnotation {
		return it.src
	}
	return nil
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
	for i, pair := range n.RubyPairs() {
		if i > 0 {
			out = append(out, penalty(0, infPenalty, false))
		}
		baseStart := x
		var wb float64
		_, _, tagged := pair.Texts()
		from := len(out)
		out, wb = m.rubyText(out, pair.Base, base, sty)
		if tagged {
			for i := range out[from:] {
				out[from+i].ruby = rubyBase
			}
		}
		x += wb
		if len(pair.Annotation) == 0 {
			continue
		}
		annotation, wr := m.rubyText(nil, pair.Annotation, over, overID)
		part := rubyOver
		if tagged {
			part = rubyAnnotation
		}
		for i := range annotation {
			annotation[i].ruby = part
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
	return m.appendPieceBoxes(out, pieces, st, id, doc.FirstText(inlines), 0), w
}

// rubyRoom makes a line's row tall enough for the ruby annotations in
// it: its baseline lower by what an annotation's ideographic top, and a
// twentieth of an em, reach above the row's room over the baseline.
func rubyRoom(row *vrow, line []kpItem, m measurer) {
	above := 0.0
	for _, it := range line {
		if it.ruby.over() {
			s := m.style(it.sty)
			above = max(above, s.rise+0.88*s.size+0.05*s.size/rubySize-row.baseline)
		}
	}
	row.baseline += above
	row.h += above
}
