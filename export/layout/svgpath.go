package layout

import (
	"math"
	"unicode"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// Text on a path: an SVG <textPath> names a <path>, along which its text
// runs, each character turned to the path's direction where it stands.

// svgPathDef is a <path> a textPath may name: its data and its own
// transform (its ancestors' are taken to be the text's).
type svgPathDef struct {
	d, transform string
}

// svgTextPath is where a textPath's chunk runs: the path, flattened into
// points in the text's user units, from startOffset on, under the
// text's transform m of scale.
type svgTextPath struct {
	id     string
	offset string // startOffset: a length, or a percentage of the path's
	points [][2]float64
	m      [6]float64
	scale  float64
}

// flatten returns the path's first subpath as points, its curves cut
// into short lines; nil when it cannot be read.
func (p svgPathDef) flatten() [][2]float64 {
	if p.d == "" {
		return nil
	}
	var c oksvg.PathCursor
	c.ErrorMode = oksvg.IgnoreErrorMode
	if err := c.CompilePath(p.d); err != nil {
		return nil
	}
	m := [6]float64{1, 0, 0, 1, 0, 0}
	if p.transform != "" {
		var ok bool
		if m, ok = parseTransform(p.transform); !ok {
			return nil
		}
	}
	var pts [][2]float64
	at := func(i int) [2]float64 { return [2]float64{float64(c.Path[i]) / 64, float64(c.Path[i+1]) / 64} }
	add := func(q [2]float64) {
		pts = append(pts, [2]float64{m[0]*q[0] + m[2]*q[1] + m[4], m[1]*q[0] + m[3]*q[1] + m[5]})
	}
	var last [2]float64
	const steps = 16 // lines a curve is cut into
	for i := 0; i < len(c.Path); {
		switch rasterx.PathCommand(c.Path[i]) {
		case rasterx.PathMoveTo:
			if len(pts) > 0 {
				return pts // the first subpath only
			}
			last = at(i + 1)
			add(last)
			i += 3
		case rasterx.PathLineTo:
			last = at(i + 1)
			add(last)
			i += 3
		case rasterx.PathQuadTo:
			c1, end := at(i+1), at(i+3)
			for k := 1; k <= steps; k++ {
				t := float64(k) / steps
				u := 1 - t
				add([2]float64{u*u*last[0] + 2*u*t*c1[0] + t*t*end[0], u*u*last[1] + 2*u*t*c1[1] + t*t*end[1]})
			}
			last = end
			i += 5
		case rasterx.PathCubicTo:
			c1, c2, end := at(i+1), at(i+3), at(i+5)
			for k := 1; k <= steps; k++ {
				t := float64(k) / steps
				u := 1 - t
				add([2]float64{u*u*u*last[0] + 3*u*u*t*c1[0] + 3*u*t*t*c2[0] + t*t*t*end[0],
					u*u*u*last[1] + 3*u*u*t*c1[1] + 3*u*t*t*c2[1] + t*t*t*end[1]})
			}
			last = end
			i += 7
		case rasterx.PathClose:
			if len(pts) > 0 {
				pts = append(pts, pts[0])
			}
			return pts
		default:
			return nil
		}
	}
	return pts
}

// pointAt returns the point at distance s along the points, and the
// direction there (a unit vector); ok is false past either end.
func pointAt(pts [][2]float64, s float64) (p, dir [2]float64, ok bool) {
	if s < 0 {
		return p, dir, false
	}
	for i := 1; i < len(pts); i++ {
		dx, dy := pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		if s <= l {
			return [2]float64{pts[i-1][0] + dx*s/l, pts[i-1][1] + dy*s/l}, [2]float64{dx / l, dy / l}, true
		}
		s -= l
	}
	return p, dir, false
}

// pathLength is the length of the points' lines.
func pathLength(pts [][2]float64) float64 {
	var l float64
	for i := 1; i < len(pts); i++ {
		l += math.Hypot(pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1])
	}
	return l
}

// clusters cuts text into characters with their combining marks.
func clusters(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		if start >= 0 && !unicode.In(r, unicode.Mn, unicode.Me) && !isJoiner(r) {
			out = append(out, text[start:i])
			start = i
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// svgPathText sets a textPath's chunk: each character of its runs at its
// place along the path, measured in the text's own units, its midpoint on
// the path, turned to the path's direction there, then carried through
// the text's transform and the image's scale k from x0, y0 (the page
// point of the view box's origin). Characters whose midpoint falls off
// the path are not set, as SVG says.
func (f *flow) svgPathText(c *svgChunk, x0, y0, k float64) []Item {
	tp := c.onPath
	scale := tp.scale
	if scale <= 0 {
		return nil
	}
	type glyph struct {
		text  string
		font  FontRef
		w     float64 // in the text's units
		dy    float64
		run   *svgRun
		along float64
	}
	var glyphs []glyph
	pen, dy := 0.0, 0.0
	for i := range c.runs {
		r := &c.runs[i]
		local := r.size / scale // the font size in the text's units
		if local*k*scale < 0.5 {
			continue
		}
		pen += r.dx / scale
		dy += r.dy / scale
		for _, p := range f.e.m.shape(r.text, r.font, local) {
			for _, cl := range clusters(p.text) {
				w := f.e.m.width(p.font, cl, local)
				glyphs = append(glyphs, glyph{text: cl, font: p.font, w: w, dy: dy, run: r, along: pen})
				pen += w
			}
		}
	}
	total := pathLength(tp.points)
	start := 0.0
	if v, pct := stripPercent(tp.offset); pct {
		start = total * v / 100
	} else if n, ok := parseLength(tp.offset, 16); ok {
		start = n
	}
	switch c.anchor {
	case "middle":
		start -= pen / 2
	case "end":
		start -= pen
	}
	m := tp.m
	var items []Item
	for _, g := range glyphs {
		mid, dir, ok := pointAt(tp.points, start+g.along+g.w/2)
		if !ok || g.text == " " {
			continue
		}
		// The glyph starts half its width back along the path, and
		// stands g.dy below it.
		px := mid[0] - dir[0]*g.w/2 - dir[1]*g.dy
		py := mid[1] - dir[1]*g.w/2 + dir[0]*g.dy
		// The turn: the text's transform after the path's direction,
		// per unit of the text's scale.
		a, b := (m[0]*dir[0]+m[2]*dir[1])/scale, (m[1]*dir[0]+m[3]*dir[1])/scale
		cc, d := (-m[0]*dir[1]+m[2]*dir[0])/scale, (-m[1]*dir[1]+m[3]*dir[0])/scale
		turn := &Turn{A: a, B: b, C: cc, D: d}
		tx := x0 + (m[0]*px+m[2]*py+m[4])*k
		ty := y0 + (m[1]*px+m[3]*py+m[5])*k
		size := g.run.size * k
		items = append(items, &Text{X: tx, Y: ty, Turn: turn, Font: g.font, Size: size, Color: g.run.color, Text: g.text,
			Width: g.w * scale * k})
	}
	return items
}

// stripPercent reads "50%" as 50, true.
func stripPercent(s string) (float64, bool) {
	n := len(s)
	if n < 2 || s[n-1] != '%' {
		return 0, false
	}
	v, ok := parseLength(s[:n-1], 16)
	return v, ok
}
