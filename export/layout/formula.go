package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/tex"
	"github.com/galley-pub/galley/fonts"
)

// A displayed formula ($$ … $$ alone in its paragraph, or breaking its
// paragraph's text), and an inline one that text cannot show (a
// fraction, a root…: twoDimensional), is set in two dimensions, after
// the rules of TeX's appendix G, simplified: fractions
// stacked on a bar at the math axis, roots under a radical sign drawn
// with rules, scripts raised and lowered (a large operator's under and
// over it), matrices and aligned equations in columns between stretched
// brackets, and TeX's spacing between ordinary symbols, operators and
// relations. Letters are the body face's italics, the rest its upright,
// with the usual fallback for the symbols it lacks. A formula a little
// wider than the text is set smaller to fit it; one wider still is set
// as text, as an inline one is.

// inlineFormula returns an inline formula ($\frac{1}{2}$) of body text in
// style sty set in two dimensions, in text style (fractions' parts at
// script size), when it has a part that needs them (a fraction, a root,
// a matrix…) and is no wider than a fifth of the measure; else false,
// and the formula is set as text.
func (m measurer) inlineFormula(n *doc.Span, sty runStyle) (*mathBox, bool) {
	src, display, ok := n.Formula()
	if !ok || display || sty.rise != 0 {
		return nil, false
	}
	key := formulaKey{n, sty.font.Family, sty.size}
	if b, ok := m.memo.formulas[key]; ok {
		return b, b != nil
	}
	if m.memo.formulas == nil {
		m.memo.formulas = map[formulaKey]*mathBox{}
	}
	nodes, _ := tex.Parse(src)
	b := m.setInline(nodes, sty)
	m.memo.formulas[key] = b
	if b == nil && m.memo.diags != nil && !m.memo.uncoloured[n] && tex.HasColor(nodes) { // a colour is two-dimensional: too wide
		if m.memo.uncoloured == nil {
			m.memo.uncoloured = map[*doc.Span]bool{}
		}
		m.memo.uncoloured[n] = true
		m.memo.diags.Warnf(n.Pos, "the PDF sets this formula as text, without its colours: set in two dimensions it would be wider than a fifth of the line (a displayed formula, $$…$$, keeps them)")
	}
	return b, b != nil
}

// formulaKey is an inline formula in the face and size it is set in.
type formulaKey struct {
	n      *doc.Span
	family fonts.Family
	size   float64
}

// setInline sets an inline formula, parsed, in two dimensions, or
// returns nil when text shows it as well (twoDimensional) or it is too
// wide for a line.
func (m measurer) setInline(nodes []tex.Node, sty runStyle) *mathBox {
	if !twoDimensional(nodes) {
		return nil
	}
	s := &mathSetter{m: m, family: sty.font.Family, size: sty.size}
	b := s.row(nodes, 1)
	if b.w <= 0 || b.w > measureEms*sty.size/5 {
		return nil
	}
	return &b
}

// twoDimensional reports a formula with a part that text cannot show:
// a fraction, a root, a table, a brace, a box, a wide accent, limits, a
// drawn arrow, \displaystyle, a colour.
func twoDimensional(ns []tex.Node) bool {
	for _, n := range ns {
		switch n := n.(type) {
		case *tex.Frac, *tex.Root, *tex.Table, *tex.Brace, *tex.Boxed:
			return true
		case *tex.Accent:
			if n.Wide || twoDimensional(n.Body) {
				return true
			}
		case *tex.Script:
			if n.Limits || n.Base != nil && twoDimensional([]tex.Node{n.Base}) || twoDimensional(n.Sub) || twoDimensional(n.Sup) {
				return true
			}
		case *tex.Group:
			if twoDimensional(n.Body) {
				return true
			}
		case *tex.Bold:
			if twoDimensional(n.Body) {
				return true
			}
		case *tex.Style:
			if n.Display || twoDimensional(n.Body) { // \displaystyle asks for a displayed formula's sizes
				return true
			}
		case *tex.Color: // text has no colour
			return true
		case *tex.Atom:
			if n.Stretchy && n.Kind == tex.Relation {
				return true
			}
		}
	}
	return false
}

// formulaRoom makes a line's row tall enough for its inline formulas:
// its baseline lower for one that reaches above the line's text, its
// height more for one that reaches below.
func formulaRoom(row *vrow, line []kpItem, size float64) {
	above, below := 0.0, 0.0
	for _, it := range line {
		if it.formula != nil {
			above = max(above, it.formula.h+0.15*size-row.baseline)
			below = max(below, it.formula.d+0.1*size-(row.h-row.baseline))
		}
	}
	row.baseline += above
	row.h += above + below
}

// placeFormula appends the items that draw formula b of span n with its
// left end at x and its baseline at y of a row.
func placeFormula(items []Item, b *mathBox, n *doc.Span, x, y float64, ink RGB, e *engine) []Item {
	origin := formulaOrigin(n)
	for _, p := range b.parts {
		items = append(items, formulaItem(p, x, y, n, origin, ink, e))
	}
	return items
}

// formulaOrigin is a formula's first text: where the e-book's page
// marker goes when a page starts at it.
func formulaOrigin(n *doc.Span) doc.Node { return doc.FirstText(n.Content) }

// formulaItem is the item that draws part p of formula n, placed from
// x, baseline; ink is the text's colour, for a part of none of its own.
func formulaItem(p mathPart, x, baseline float64, n *doc.Span, origin doc.Node, ink RGB, e *engine) Item {
	color := ink
	if p.color != nil {
		color = *p.color
	}
	switch {
	case p.ground:
		return &Rect{X: x + p.x, Y: baseline - p.y2, W: p.x2 - p.x, H: p.y2 - p.y, Fill: p.color, Src: n}
	case p.text == "":
		return &Line{X1: x + p.x, Y1: baseline - p.y, X2: x + p.x2, Y2: baseline - p.y2, Width: p.width, Color: color, Src: n}
	}
	t := e.newText()
	*t = Text{X: x + p.x, Y: baseline - p.y, Size: p.size, Width: p.w, Text: p.text, Font: p.font, Color: color, Src: n,
		Origin: Origin{Node: origin}}
	if p.stretch > 0 {
		t.Turn = &Turn{A: 1, D: p.stretch}
	}
	return t
}

// splitAtFormulas cuts a paragraph's content before and after each
// displayed formula in it (Repeat until convergence: $$ … $$ and so on),
// which breaks the paragraph as TeX's display math does: the parts, the
// spaces and line breaks at their edges left out; one part, content,
// when it has no such formula.
func splitAtFormulas(content []doc.Inline) [][]doc.Inline {
	var parts [][]doc.Inline
	start := 0
	add := func(part []doc.Inline) {
		for len(part) > 0 && blankInline(part[0]) {
			part = part[1:]
		}
		for len(part) > 0 && blankInline(part[len(part)-1]) {
			part = part[:len(part)-1]
		}
		if len(part) > 0 {
			parts = append(parts, part)
		}
	}
	for i, in := range content {
		if sp, ok := in.(*doc.Span); ok && isDisplayed(sp) {
			add(content[start:i])
			add(content[i : i+1])
			start = i + 1
		}
	}
	if start == 0 {
		return [][]doc.Inline{content}
	}
	add(content[start:])
	return parts
}

// isDisplayed reports a displayed formula's span.
func isDisplayed(n *doc.Span) bool {
	_, display, ok := n.Formula()
	return ok && display
}

// blankInline reports a line break, or a text of spaces alone.
func blankInline(in doc.Inline) bool {
	switch in := in.(type) {
	case *doc.LineBreak:
		return true
	case *doc.Text:
		return strings.TrimSpace(in.Value) == ""
	}
	return false
}

// mathBox is a laid-out part of a formula: its width, its height above
// the baseline and its depth below, and the texts and rules that draw
// it, placed from its left end on its baseline, y upward.
type mathBox struct {
	w, h, d float64
	parts   []mathPart
	class   mathClass // what it is, for the spacing beside it
}

// mathPart is a run of text or, with no text, a rule from x, y to x2, y2.
type mathPart struct {
	x, y    float64
	text    string
	w       float64 // the text's width
	font    FontRef
	size    float64
	stretch float64 // a bracket stretched upward by this factor; 0: none
	x2, y2  float64
	width   float64 // a rule's thickness
	color   *RGB    // its colour (\color, \textcolor); nil: the text's
	// ground marks a rectangle from x, y to x2, y2 filled with color
	// (\colorbox), drawn before what it is behind.
	ground bool
}

// mathClass is TeX's class of an atom, for the spacing between atoms.
type mathClass uint8

const (
	mathOrd mathClass = iota
	mathOp            // a large operator or a function's name
	mathBin           // a binary operator
	mathRel           // a relation
	mathOpen
	mathClose
	mathPunct
	mathInner // a fraction
	mathNone  // the start of a row
)

// mathLevel is TeX's style: display, text, script or scriptscript.
type mathLevel int

// size is the font size of a level, for base size s.
func (l mathLevel) size(s float64) float64 {
	return s * [...]float64{1, 1, 0.7, 0.5}[min(max(l, 0), 3)]
}

// script is the level of a script of this level's atoms.
func (l mathLevel) script() mathLevel { return max(min(l+1, 3), 2) }

// fraction is the level of a fraction's parts at this level.
func (l mathLevel) fraction() mathLevel { return min(l+1, 3) }

// integrals are the large operators set big in a displayed formula but
// with their scripts beside them, as TeX sets them.
const integrals = "∫∬∭∮"

// mathSetter sets one formula.
type mathSetter struct {
	m      measurer
	family fonts.Family
	size   float64 // the body size
	bold   bool    // inside \mathbf
	color  *RGB    // inside \color: the ink
	// enclose, while a stretched bracket is set, is the height and depth
	// it reaches.
	enclose *[2]float64
	// numbered is the table whose lines are numbered (lineTags): setting
	// it puts the height of each line's baseline above the formula's in
	// lineYs.
	numbered *tex.Table
	lineYs   []float64
}

// add places o's parts in b at dx, dy.
func (b *mathBox) add(o mathBox, dx, dy float64) {
	for _, p := range o.parts {
		p.x += dx
		p.y += dy
		if p.text == "" {
			p.x2 += dx
			p.y2 += dy
		}
		b.parts = append(b.parts, p)
	}
}

// rule adds a rule of thickness w from x1, y1 to x2, y2, in ink.
func (b *mathBox) rule(x1, y1, x2, y2, w float64, ink *RGB) {
	b.parts = append(b.parts, mathPart{x: x1, y: y1, x2: x2, y2: y2, width: w, color: ink})
}

// text sets s in the style's face at size: its width and the height and
// depth of its ink.
func (s *mathSetter) text(t string, italic bool, size float64, class mathClass) mathBox {
	style := fonts.Regular
	if italic {
		style = fonts.Italic
	}
	if s.bold {
		style = fonts.Bold
	}
	b := mathBox{class: class}
	for _, p := range s.m.shape(t, FontRef{Family: s.family, Style: style}, size) {
		h, d := ink(p.text, s.m.face(p.font), italic)
		b.h = max(b.h, h*size/shapeUnits)
		b.d = max(b.d, d*size/shapeUnits)
		b.parts = append(b.parts, mathPart{x: b.w, text: p.text, w: p.width, font: p.font, size: size, color: s.color})
		b.w += p.width
	}
	if italic && utf8.RuneCountInString(t) == 1 {
		b.w += 0.03 * size // italic correction: f_i, V^2 keep clear of the letter
	}
	return b
}

// ink estimates how far the glyphs of t reach above the baseline and
// below it, in thousandths of the size, from the face's x-height and
// cap height and the shapes of the characters: the layout has the
// faces' metrics, not their outlines (fonts/internal/layoutview).
func ink(t string, face *fonts.Face, italic bool) (h, d float64) {
	const descender, bracketTop, bracketDepth = 230, 760, 130
	x, tall := face.XHeight, max(face.CapHeight, 740)
	if x <= 0 {
		x, tall = 500, 720
	}
	for _, r := range t {
		rh, rd := tall, 0.0
		switch {
		case strings.ContainsRune("acemnorsuvwxzıαεικνοπστυω", r):
			rh = x
		case strings.ContainsRune("gpqyγημρφχψ", r):
			rh, rd = x, descender
		case strings.ContainsRune("jβζξQ", r) || r == 'f' && italic:
			rd = descender
		case strings.ContainsRune("()[]{}|‖/\\", r):
			rh, rd = bracketTop, bracketDepth
		case strings.ContainsRune(",;", r):
			rh, rd = 120, 0.6*descender
		case r == '.' || r == ':':
			rh = min(x, 120)
		case strings.ContainsRune("+−=±∓×÷<>≤≥∼≈≡≠→←↔⇒⇐⇔↦∈∉∋⊂⊃⊆⊇∪∩∧∨⋅∗∘", r):
			rh, rd = 0.5*(x+tall), 60
		case strings.ContainsRune("∑∏∫∮√", r):
			rh, rd = bracketTop+40, 0.8*descender
		}
		h, d = max(h, rh), max(d, rd)
	}
	return h, d
}

// row sets nodes side by side, spaced by their classes; the brackets
// \left and \right mark as tall as what they enclose.
func (s *mathSetter) row(ns []tex.Node, level mathLevel) mathBox {
	boxes := make([]mathBox, len(ns))
	h, d, stretchy := 0.0, 0.0, false
	for i, n := range ns {
		if stretchyBracket(n) != nil {
			stretchy = true
			continue
		}
		boxes[i] = s.node(n, level)
		h, d = max(h, boxes[i].h), max(d, boxes[i].d)
	}
	if stretchy {
		a := axis(level.size(s.size))
		half := max(h-a, d+a, 0) // centred on the axis
		for i, n := range ns {
			if stretchyBracket(n) != nil {
				s.enclose = &[2]float64{a + half, half - a}
				boxes[i] = s.node(n, level)
				s.enclose = nil
			}
		}
	}
	out := mathBox{class: mathOrd}
	if len(boxes) == 1 {
		out.class = boxes[0].class
	}
	prev := mathNone
	for _, b := range boxes {
		if b.class == mathBin && (prev == mathNone || prev == mathBin || prev == mathRel || prev == mathOpen || prev == mathPunct || prev == mathOp) {
			b.class = mathOrd // a sign: −1, x = −y
		}
		out.w += mathSpace(prev, b.class, level) * level.size(s.size)
		out.add(b, out.w, 0)
		out.w += b.w
		out.h, out.d = max(out.h, b.h), max(out.d, b.d)
		if b.class != mathNone {
			prev = b.class
		}
	}
	return out
}

// stretchyBracket returns the bracket of \left or \right that n is, or
// is the base of, or nil.
func stretchyBracket(n tex.Node) *tex.Atom {
	if sc, ok := n.(*tex.Script); ok {
		n = sc.Base
	}
	if a, ok := n.(*tex.Atom); ok && a.Stretchy && a.Kind != tex.Relation { // not an arrow
		return a
	}
	return nil
}

// mathSpace is TeX's space between atoms of classes a and b, in ems:
// thin (3/18), medium (4/18) or thick (5/18); in scripts only the thin
// space around operators.
func mathSpace(a, b mathClass, level mathLevel) float64 {
	const thin, medium, thick = 3.0 / 18, 4.0 / 18, 5.0 / 18
	script := level >= 2
	switch {
	case a == mathNone:
		return 0
	case a == mathBin || b == mathBin:
		if script || a == mathOpen || b == mathClose || b == mathPunct {
			return 0
		}
		return medium
	case a == mathRel || b == mathRel:
		if script || a == b || a == mathOpen || b == mathClose || b == mathPunct {
			return 0
		}
		return thick
	case a == mathPunct:
		if script {
			return 0
		}
		return thin
	case a == mathOp || b == mathOp:
		if b == mathOpen || b == mathPunct || a == mathOpen {
			return 0
		}
		return thin
	case a == mathInner || b == mathInner:
		if script || a == mathOpen || b == mathClose || b == mathPunct {
			return 0
		}
		return thin
	}
	return 0
}

// node sets one node of a formula.
func (s *mathSetter) node(n tex.Node, level mathLevel) mathBox {
	size := level.size(s.size)
	switch n := n.(type) {
	case *tex.Atom:
		return s.atom(n, level)
	case *tex.Group:
		b := s.row(n.Body, level)
		b.class = mathOrd
		return b
	case *tex.Script:
		return s.script(n, level)
	case *tex.Frac:
		return s.fraction(n, level)
	case *tex.Root:
		return s.root(n, level)
	case *tex.Bold:
		bold := s.bold
		s.bold = true
		b := s.row(n.Body, level)
		s.bold = bold
		b.class = mathOrd
		return b
	case *tex.Accent:
		return s.accent(n, level)
	case *tex.Brace:
		return s.brace(n, level)
	case *tex.Boxed:
		return s.boxed(n, level)
	case *tex.Phantom: // its room, and nothing in it
		b := s.row(n.Body, level)
		out := mathBox{class: mathOrd}
		if n.Width {
			out.w = b.w
		}
		if n.Height {
			out.h, out.d = b.h, b.d
		}
		return out
	case *tex.Style: // display or text style; in a script, the script's size kept
		styled := mathLevel(1)
		switch {
		case level >= 2:
			styled = level
		case n.Display:
			styled = 0
		}
		return s.row(n.Body, styled)
	case *tex.Color:
		return s.colored(n, level)
	case *tex.Text:
		return s.text(n.Text, n.Italic, size, mathOrd)
	case *tex.Table:
		return s.table(n, level)
	case *tex.Unknown:
		return s.text(n.Name, false, size, mathOrd)
	}
	return s.text("?", false, size, mathOrd) // a node kind the setter does not know
}

// atom sets one symbol: a large operator bigger, centred on the axis,
// in a displayed formula.
func (s *mathSetter) atom(a *tex.Atom, level mathLevel) mathBox {
	size := level.size(s.size)
	class := mathOrd
	switch a.Kind {
	case tex.Binary:
		class = mathBin
	case tex.Relation:
		class = mathRel
	case tex.Open:
		class = mathOpen
	case tex.Close:
		class = mathClose
	case tex.Punct:
		class = mathPunct
	case tex.Function:
		class = mathOp
	case tex.Space:
		return mathBox{w: a.Em * size, class: mathNone}
	case tex.Symbol:
		if a.Large {
			class = mathOp
		}
	}
	if a.Stretchy && a.Kind == tex.Relation && strings.ContainsAny(a.Text, "→←↔⇒⇐⇔") { // a reaction's arrow
		return s.arrow(a.Text, 1.6*size, level)
	}
	if a.Stretchy && s.enclose != nil {
		b := s.delimiter(a.Text, s.enclose[0], s.enclose[1], size)
		b.class = class
		return b
	}
	if a.Kind == tex.Symbol && (a.Large || strings.Contains(integrals, a.Text)) && level == 0 {
		scale := 1.7 // ∑ as TeX's display style sets it, about 1.7 times the text's
		if strings.Contains(integrals, a.Text) {
			scale = 2.1 // ∫ taller still
		}
		b := s.text(a.Text, false, size*scale, class)
		shift := axis(size) - (b.h-b.d)/2
		return shifted(b, shift)
	}
	return s.text(a.Text, a.Italic, size, class)
}

// axis is the height of the math axis at size: where fraction bars and
// the minus sign are.
func axis(size float64) float64 { return 0.25 * size }

// shifted returns b raised by dy.
func shifted(b mathBox, dy float64) mathBox {
	out := mathBox{w: b.w, h: b.h + dy, d: b.d - dy, class: b.class}
	out.add(b, 0, dy)
	return out
}
