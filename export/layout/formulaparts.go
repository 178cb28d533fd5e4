package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/tex"
)

// The two-dimensional parts of a displayed formula (formula.go): scripts,
// fractions, roots, accents, tables and their brackets.

// script sets a base with its scripts: beside it, or under and over a
// large operator of a displayed formula.
func (s *mathSetter) script(n *tex.Script, level mathLevel) mathBox {
	size := level.size(s.size)
	var base mathBox
	if n.Base != nil {
		base = s.node(n.Base, level)
	}
	enclose := s.enclose // a stretched bracket's scripts are set as any
	s.enclose = nil
	defer func() { s.enclose = enclose }()
	var sub, sup mathBox
	if n.HasSub {
		sub = s.row(n.Sub, level.script())
	}
	if n.HasSup {
		sup = s.row(n.Sup, level.script())
	}
	out := mathBox{class: base.class}
	_, brace := n.Base.(*tex.Brace)
	if a, ok := n.Base.(*tex.Atom); ok && a.Stretchy && n.Limits { // \xrightarrow{label}: as long as its label
		base = s.arrow(a.Text, max(sub.w, sup.w)+0.8*size, level)
		out.class = mathRel
	}
	if a, ok := n.Base.(*tex.Atom); ok && a.Large && level == 0 || brace || n.Limits {
		w := max(base.w, sub.w, sup.w)
		out.w, out.h, out.d = w, base.h, base.d
		out.add(base, (w-base.w)/2, 0)
		gap := 0.15 * size
		if n.HasSup {
			y := base.h + gap + sup.d
			out.add(sup, (w-sup.w)/2, y)
			out.h = y + sup.h
		}
		if n.HasSub {
			y := base.d + gap + sub.h
			out.add(sub, (w-sub.w)/2, -y)
			out.d = y + sub.d
		}
		return out
	}
	out.w, out.h, out.d = base.w, base.h, base.d
	out.add(base, 0, 0)
	up := max(base.h-0.25*size, 0.38*size, sup.d+0.12*size)
	down := max(base.d+0.05*size, 0.15*size, sub.h-0.45*size)
	if n.HasSub && n.HasSup {
		if gap := (up - sup.d) - (sub.h - down); gap < 0.16*size {
			down += 0.16*size - gap
		}
	}
	if n.HasSup {
		out.add(sup, base.w, up)
		out.h = max(out.h, up+sup.h)
	}
	if n.HasSub {
		out.add(sub, base.w, -down)
		out.d = max(out.d, down+sub.d)
	}
	out.w = base.w + max(sub.w, sup.w) + 0.05*size
	return out
}

// fraction sets a fraction: its parts centred over and under a bar on
// the axis.
func (s *mathSetter) fraction(n *tex.Frac, level mathLevel) mathBox {
	size := level.size(s.size)
	num, den := s.row(n.Num, level.fraction()), s.row(n.Den, level.fraction())
	bar := 0.045 * size
	gap := bar
	lowest, up := 0.39*size, 0.34*size
	if level == 0 {
		gap, lowest, up = 3*bar, 0.68*size, 0.69*size
	}
	a := axis(size)
	numY := max(a+bar/2+gap+num.d, lowest)
	denY := max(den.h+gap+bar/2-a, up)
	pad := 0.12 * size
	w := max(num.w, den.w) + 2*pad
	out := mathBox{w: w, h: numY + num.h, d: denY + den.d, class: mathInner}
	out.add(num, (w-num.w)/2, numY)
	out.add(den, (w-den.w)/2, -denY)
	if !n.Binomial {
		out.rule(pad/2, a, w-pad/2, a, bar, s.color)
		return out
	}
	open, closing := s.delimiter("(", out.h, out.d, size), s.delimiter(")", out.h, out.d, size)
	b := mathBox{w: open.w + out.w + closing.w, h: max(out.h, open.h), d: max(out.d, open.d), class: mathInner}
	b.add(open, 0, 0)
	b.add(out, open.w, 0)
	b.add(closing, open.w+out.w, 0)
	return b
}

// boxed sets a body in a frame of rules.
func (s *mathSetter) boxed(n *tex.Boxed, level mathLevel) mathBox {
	size := level.size(s.size)
	body := s.row(n.Body, level)
	pad, line := 0.25*size, 0.04*size
	out := mathBox{w: body.w + 2*pad, h: body.h + pad, d: body.d + pad, class: mathOrd}
	out.add(body, pad, 0)
	out.rule(0, -out.d, out.w, -out.d, line, s.color)
	out.rule(out.w, -out.d, out.w, out.h, line, s.color)
	out.rule(out.w, out.h, 0, out.h, line, s.color)
	out.rule(0, out.h, 0, -out.d, line, s.color)
	return out
}

// arrow draws an arrow w long on the axis: → ← ↔, or their doubled
// forms ⇒ ⇐ ⇔, with rules.
func (s *mathSetter) arrow(t string, w float64, level mathLevel) mathBox {
	size := level.size(s.size)
	a, line, head := axis(size), 0.045*size, 0.22*size
	out := mathBox{w: w, h: a + head, d: 0, class: mathRel}
	double := strings.ContainsAny(t, "⇒⇐⇔")
	shafts := []float64{a}
	if double {
		shafts = []float64{a - 0.09*size, a + 0.09*size}
	}
	for _, y := range shafts {
		out.rule(0, y, w, y, line, s.color)
	}
	if strings.ContainsAny(t, "→↔⇒⇔") {
		out.rule(w-head, a+head*0.8, w, a, line, s.color)
		out.rule(w-head, a-head*0.8, w, a, line, s.color)
	}
	if strings.ContainsAny(t, "←↔⇐⇔") {
		out.rule(head, a+head*0.8, 0, a, line, s.color)
		out.rule(head, a-head*0.8, 0, a, line, s.color)
	}
	return out
}

// root sets a root: its radicand under a radical sign drawn with rules,
// the sign's tick, its stroke down and up, and the bar over the
// radicand; the index, small, in the sign's crook.
func (s *mathSetter) root(n *tex.Root, level mathLevel) mathBox {
	size := level.size(s.size)
	r := s.row(n.Radicand, level)
	line := 0.045 * size
	gap := line + 0.1*size
	top := max(r.h, 0.7*size) + gap
	bottom := -max(r.d, 0.1*size) - 0.08*size
	out := mathBox{class: mathOrd}
	x := 0.0
	tickY := bottom + min(0.45*(top-bottom), 0.5*size)
	if n.Index != nil {
		idx := s.row(n.Index, 3)
		out.add(idx, 0.05*size, tickY+0.12*size+idx.d)
		out.h = tickY + 0.12*size + idx.d + idx.h
		x = max(0, idx.w-0.2*size)
	}
	sign := x + 0.55*size
	out.rule(x+0.02*size, tickY, x+0.14*size, tickY+0.07*size, line, s.color)
	out.rule(x+0.14*size, tickY+0.07*size, x+0.3*size, bottom, 1.8*line, s.color)
	out.rule(x+0.3*size, bottom, sign, top, line, s.color)
	out.rule(sign-line/4, top, sign+0.1*size+r.w+0.05*size, top, line, s.color)
	out.add(r, sign+0.1*size, 0)
	out.w = sign + 0.1*size + r.w + 0.1*size
	out.h = max(out.h, top+line)
	out.d = -bottom + line
	return out
}

// accent sets a body with its mark: a letter with its combining mark,
// shaped together; a longer body under a bar, or under the mark centred
// over it.
func (s *mathSetter) accent(n *tex.Accent, level mathLevel) mathBox {
	size := level.size(s.size)
	if len(n.Body) == 1 {
		if a, ok := n.Body[0].(*tex.Atom); ok && utf8.RuneCountInString(a.Text) == 1 {
			return s.text(a.Text+n.Combining, a.Italic, size, mathOrd)
		}
	}
	body := s.row(n.Body, level)
	out := mathBox{w: body.w, h: body.h + 0.3*size, d: body.d, class: mathOrd}
	out.add(body, 0, 0)
	if n.Spacing == "\u00AF" { // \bar, \overline: a rule
		y := body.h + 0.12*size
		out.rule(0, y, body.w, y, 0.045*size, s.color)
		out.h = y + 0.05*size
		return out
	}
	if n.Wide { // \overrightarrow{AB}: an arrow as wide as AB
		arrow := s.arrow(n.Spacing, body.w, level.script())
		y := body.h + 0.08*size
		out.add(arrow, 0, y-axis(level.script().size(s.size))+0.1*size)
		out.h = y + 0.3*size
		return out
	}
	if n.Under { // \underline: a rule
		y := -body.d - 0.12*size
		out.rule(0, y, body.w, y, 0.045*size, s.color)
		out.h, out.d = body.h, -y+0.05*size
		return out
	}
	mark := s.text(n.Spacing, false, size, mathOrd)
	y := body.h - 0.45*size
	if n.Spacing == "\u2192" || n.Spacing == "~" { // marks set about the axis
		y = body.h - 0.15*size
	}
	out.add(mark, (body.w-mark.w)/2, y)
	out.h = max(out.h, y+mark.h)
	return out
}

// table sets an environment: its cells in columns, rows a line apart,
// centred on the axis between its brackets.
func (s *mathSetter) table(t *tex.Table, level mathLevel) mathBox {
	size := level.size(s.size)
	cellLevel := max(level, 1) // a matrix's cells are in text style
	if t.Lines {
		cellLevel = level
	}
	var cells [][]mathBox
	var widths []float64
	for _, row := range t.Rows {
		var boxes []mathBox
		for j, cell := range row {
			if t.Align == "rl" && j%2 == 1 {
				cell = append([]tex.Node{&tex.Group{}}, cell...) // &= : the relation spaced as after its left side
			}
			b := s.row(cell, cellLevel)
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], b.w)
			boxes = append(boxes, b)
		}
		cells = append(cells, boxes)
	}
	// Columns: a matrix's an em apart; equations' right-left pairs
	// joined, two ems between pairs; cases' value and condition an em.
	xs := make([]float64, len(widths))
	x := 0.0
	for j, w := range widths {
		if j > 0 {
			switch {
			case t.Align == "rl" && j%2 == 1:
			case t.Align == "rl":
				x += 2 * size
			default:
				x += size
			}
		}
		xs[j] = x
		x += w
	}
	body := mathBox{w: x}
	y := 0.0 // the baseline of the row, down from the first's
	var lineYs []float64
	skip := 1.2 * size
	if t.Lines {
		skip = 1.5 * size
	}
	for i, row := range cells {
		h, d := 0.0, 0.0
		for _, b := range row {
			h, d = max(h, b.h), max(d, b.d)
		}
		if i == 0 {
			body.h = h
		} else {
			y += max(skip, body.d+h+0.2*size)
		}
		lineYs = append(lineYs, y)
		body.d = d // the last row's, for now
		for j, b := range row {
			dx := xs[j]
			switch t.Align[j%len(t.Align)] {
			case 'r':
				dx += widths[j] - b.w
			case 'c':
				dx += (widths[j] - b.w) / 2
			}
			body.add(b, dx, -y)
		}
	}
	body.d += y
	shift := axis(size) - (body.h-body.d)/2
	body = shifted(body, shift)
	if t == s.numbered { // where its lines are, for their numbers
		s.lineYs = s.lineYs[:0]
		for _, y := range lineYs {
			s.lineYs = append(s.lineYs, shift-y)
		}
	}
	out := mathBox{class: mathInner}
	open := s.delimiter(t.Open, body.h, body.d, size)
	out.add(open, 0, 0)
	out.w = open.w
	if t.Open != "" {
		out.w += 0.1 * size
	}
	out.add(body, out.w, 0)
	out.w += body.w
	if t.Close != "" {
		out.w += 0.1 * size
	}
	closing := s.delimiter(t.Close, body.h, body.d, size)
	out.add(closing, out.w, 0)
	out.w += closing.w
	out.h, out.d = max(body.h, open.h, closing.h), max(body.d, open.d, closing.d)
	return out
}

// delimiter sets a bracket reaching h above the baseline and d below:
// bars as rules, the others as their glyph stretched; "" is none.
func (s *mathSetter) delimiter(t string, h, d, size float64) mathBox {
	if t == "" {
		return mathBox{}
	}
	h, d = h+0.05*size, d+0.05*size
	if t == "|" || t == "‖" {
		b := mathBox{w: 0.3 * size, h: h, d: d, class: mathOrd}
		for _, x := range map[string][]float64{"|": {0.15}, "‖": {0.1, 0.22}}[t] {
			b.rule(x*size, -d, x*size, h, 0.05*size, s.color)
		}
		return b
	}
	g := s.text(t, false, size, mathOrd)
	if g.h+g.d >= h+d || g.h+g.d <= 0 {
		return g
	}
	k := (h + d) / (g.h + g.d)
	b := mathBox{w: g.w, h: h, d: d, class: g.class}
	for _, p := range g.parts {
		p.stretch = k
		p.y = -d + g.d*k
		b.parts = append(b.parts, p)
	}
	return b
}

// brace sets a body with a horizontal brace under or over it, drawn with
// rules: a bar with its ends turned towards the body and a point at its
// middle turned away.
func (s *mathSetter) brace(n *tex.Brace, level mathLevel) mathBox {
	size := level.size(s.size)
	body := s.row(n.Body, level)
	out := mathBox{w: body.w, h: body.h, d: body.d, class: mathOp}
	out.add(body, 0, 0)
	line, tip := 0.05*size, 0.12*size
	y, toward := -body.d-0.15*size-tip, 1.0 // the bar's height; its ends point up, to the body
	if n.Over {
		y, toward = body.h+0.15*size+tip, -1
	}
	mid := body.w / 2
	out.rule(0, y+toward*tip, 0, y, line, s.color)
	out.rule(0, y, body.w, y, line, s.color)
	out.rule(body.w, y, body.w, y+toward*tip, line, s.color)
	out.rule(mid, y, mid, y-toward*tip, line, s.color)
	if n.Over {
		out.h = y + tip + line
	} else {
		out.d = -y + tip + line
	}
	return out
}

// colored sets a body in a colour, or on a ground of it; a colour it
// does not know leaves the body as it is.
func (s *mathSetter) colored(n *tex.Color, level mathLevel) mathBox {
	r, g, b, ok := n.DrawnRGB()
	if !ok {
		return s.row(n.Body, level)
	}
	c := &RGB{R: r, G: g, B: b}
	if !n.Ground {
		ink := s.color
		s.color = c
		out := s.row(n.Body, level)
		s.color = ink
		return out
	}
	size := level.size(s.size)
	body := s.row(n.Body, level)
	pad := 0.15 * size
	out := mathBox{w: body.w + 2*pad, h: body.h + pad, d: body.d + pad, class: body.class}
	out.parts = append(out.parts, mathPart{x: 0, y: -out.d, x2: out.w, y2: out.h, color: c, ground: true})
	out.add(body, pad, 0)
	return out
}
