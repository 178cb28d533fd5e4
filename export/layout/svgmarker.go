package layout

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// An SVG line, polyline, polygon or path may draw a <marker> at its
// vertices (marker-start, marker-mid, marker-end): the arrowheads of
// nearly every diagram's connectors (draw.io, Inkscape, Visio, graphviz's
// exports, matplotlib). oksvg draws no marker, so each arrow came out as
// a bare line; a marker defined outside <defs> was drawn once at the
// image's origin. expandMarkers gives oksvg each marker drawn as SVG
// defines it, as a group of a copy of the marker's content placed at the
// vertex.

// markerProperty names the marker properties, and the shorthand that sets
// all three.
var markerProperty = [...]string{"marker-start", "marker-mid", "marker-end"}

// paintProperties are the inherited properties of the marker's own
// context, which its content takes (not the referring element's), with
// their initial values.
var paintProperties = [...]cssDecl{{"fill", "black"}, {"fill-opacity", "1"}, {"fill-rule", "nonzero"}, {"stroke", "none"},
	{"stroke-width", "1"}, {"stroke-opacity", "1"}, {"stroke-linecap", "butt"}, {"stroke-linejoin", "miter"}, {"stroke-dasharray", "none"}}

// markerContext is what an element's markers depend on, inherited down the
// tree: the markers it names and its own paint (for the stroke width and
// SVG 2's context-fill and context-stroke).
type markerContext struct {
	markers [3]string // the ids of marker-start, -mid and -end; "" for none
	props   map[string]string
}

// property reads an element's own value of a property: its style
// attribute's, else its presentation attribute's; "" when it has none.
func property(e xml.StartElement, name string) string {
	if v := lastValue(parseDecls(attr(e.Attr, "style")), name); v != "" {
		return v
	}
	return strings.TrimSpace(attr(e.Attr, name))
}

// inherit returns the context of an element whose parent's is c.
func (c markerContext) inherit(e xml.StartElement) markerContext {
	out := markerContext{markers: c.markers, props: c.props}
	if v := property(e, "marker"); v != "" && v != "inherit" {
		id := markerID(v)
		out.markers = [3]string{id, id, id}
	}
	for i, name := range markerProperty {
		if v := property(e, name); v != "" && v != "inherit" {
			out.markers[i] = markerID(v)
		}
	}
	copied := false // the parent's props are shared until one differs
	for _, p := range paintProperties {
		v := property(e, p.prop)
		if v == "" || v == "inherit" || v == c.props[p.prop] {
			continue
		}
		if !copied {
			out.props = make(map[string]string, len(paintProperties))
			for k, pv := range c.props {
				out.props[k] = pv
			}
			copied = true
		}
		out.props[p.prop] = v
	}
	return out
}

// value is a property's inherited value, its initial value when unset.
func (c markerContext) value(name string) string {
	if v, ok := c.props[name]; ok {
		return v
	}
	for _, p := range paintProperties {
		if p.prop == name {
			return p.value
		}
	}
	return ""
}

// markerID reads url(#id) as id; "" for none or what it cannot read.
func markerID(v string) string {
	inner, ok := strings.CutPrefix(v, "url(")
	if !ok {
		return ""
	}
	inner, _, _ = strings.Cut(inner, ")")
	inner = strings.Trim(strings.TrimSpace(inner), `"'`)
	id, ok := strings.CutPrefix(inner, "#")
	if !ok {
		return ""
	}
	return id
}

// markerVertex is where a marker is drawn: the point and the direction
// there, in degrees.
type markerVertex struct {
	x, y, angle float64
}

// expandMarkers returns data with each marker drawn where an element names
// it (after the element, in the same group), and the marker elements left
// out; data itself when it has no marker or cannot be read.
func expandMarkers(data []byte) []byte {
	if !bytes.Contains(data, []byte("<marker")) {
		return data
	}
	doc, ok := readSVGTokens(data)
	if !ok {
		return data
	}
	w := markerWriter{svgTokens: doc, contexts: map[int]markerContext{}}
	w.collect()
	w.write()
	return w.out.Bytes()
}

// markerWriter writes an image's tokens with its markers expanded.
type markerWriter struct {
	svgTokens
	contexts map[int]markerContext // each marker element's own context (its content's paint)
	out      bytes.Buffer
}

// collect finds each marker element's context: the paint it inherits from
// its ancestors and sets on itself.
func (w *markerWriter) collect() {
	stack := []markerContext{{}}
	for i, tok := range w.toks {
		switch t := tok.(type) {
		case xml.StartElement:
			c := stack[len(stack)-1].inherit(t)
			if t.Name.Local == "marker" {
				w.contexts[i] = c
			}
			stack = append(stack, c)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// write writes the tokens: each marker element left out, each element
// that names markers followed by them.
func (w *markerWriter) write() {
	stack := []markerContext{{}}
	for i := 0; i < len(w.toks); i++ {
		switch t := w.toks[i].(type) {
		case xml.StartElement:
			if t.Name.Local == "marker" {
				i = w.end[i]
				continue
			}
			c := stack[len(stack)-1].inherit(t)
			if markerShapes[t.Name.Local] && c.markers != [3]string{} {
				for j := i; j <= w.end[i]; j++ { // the shape, and its title if any
					writeToken(&w.out, w.toks[j], "")
				}
				w.markersOf(t, c)
				i = w.end[i]
				continue
			}
			stack = append(stack, c)
			writeToken(&w.out, t, "")
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			writeToken(&w.out, t, "")
		default:
			writeToken(&w.out, t, "")
		}
	}
}

// markerShapes are the elements that have markers.
var markerShapes = map[string]bool{"path": true, "line": true, "polyline": true, "polygon": true}

// markersOf writes the markers an element with context c names, at its
// vertices.
func (w *markerWriter) markersOf(e xml.StartElement, c markerContext) {
	vs := shapeVertices(e)
	if len(vs) == 0 {
		return
	}
	strokeWidth, ok := parseLength(c.value("stroke-width"), 16)
	if !ok || strokeWidth < 0 {
		strokeWidth = 1
	}
	for k, id := range c.markers {
		at, found := w.byID[id]
		if id == "" || !found {
			continue
		}
		m, isMarker := w.toks[at].(xml.StartElement)
		if !isMarker || m.Name.Local != "marker" {
			continue
		}
		var where []markerVertex
		switch k {
		case 0:
			where = vs[:1]
		case 1:
			if len(vs) > 2 {
				where = vs[1 : len(vs)-1]
			}
		case 2:
			where = vs[len(vs)-1:]
		}
		for _, v := range where {
			w.instance(e, c, at, v, k == 0, strokeWidth)
		}
	}
}

// instance writes one marker at a vertex: a group that places the
// marker's content (orient, markerUnits, viewBox, refX and refY) under
// the element's own transform, painted as the marker's context paints
// it, its context-fill and context-stroke the element's.
func (w *markerWriter) instance(e xml.StartElement, c markerContext, at int, v markerVertex, start bool, strokeWidth float64) {
	m := w.toks[at].(xml.StartElement)
	angle := v.angle
	switch orient := strings.TrimSpace(attr(m.Attr, "orient")); orient {
	case "auto":
	case "auto-start-reverse":
		if start {
			angle += 180
		}
	default:
		angle = 0
		if deg, ok := strings.CutSuffix(orient, "deg"); ok {
			orient = deg
		}
		if a, err := strconv.ParseFloat(strings.TrimSpace(orient), 64); err == nil && !math.IsNaN(a) && !math.IsInf(a, 0) {
			angle = a
		}
	}
	scale := strokeWidth
	if strings.TrimSpace(attr(m.Attr, "markerUnits")) == "userSpaceOnUse" {
		scale = 1
	}
	sx, sy := scale, scale
	if vb := strings.FieldsFunc(attr(m.Attr, "viewBox"), func(r rune) bool { return r == ',' || isSpace(r) }); len(vb) == 4 {
		vw, _ := strconv.ParseFloat(vb[2], 64)
		vh, _ := strconv.ParseFloat(vb[3], 64)
		mw, mh := markerLength(m, "markerWidth"), markerLength(m, "markerHeight")
		if vw > 0 && vh > 0 {
			kx, ky := mw/vw, mh/vh
			if !strings.HasPrefix(strings.TrimSpace(attr(m.Attr, "preserveAspectRatio")), "none") {
				kx = min(kx, ky)
				ky = kx
			}
			sx, sy = sx*kx, sy*ky
		}
	}
	refX, _ := parseLength(attr(m.Attr, "refX"), 16)
	refY, _ := parseLength(attr(m.Attr, "refY"), 16)
	transform := strings.TrimSpace(attr(e.Attr, "transform") + " translate(" + svgNum(v.x) + " " + svgNum(v.y) + ") rotate(" + svgNum(angle) +
		") scale(" + svgNum(sx) + " " + svgNum(sy) + ") translate(" + svgNum(-refX) + " " + svgNum(-refY) + ")")
	mc := w.contexts[at]
	var style strings.Builder
	for _, p := range paintProperties {
		style.WriteString(p.prop + ":" + mc.value(p.prop) + ";")
	}
	g := xml.StartElement{Name: xml.Name{Local: "g"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "transform"}, Value: transform},
		{Name: xml.Name{Local: "style"}, Value: style.String()}}}
	writeToken(&w.out, g, "")
	context := strings.NewReplacer("context-fill", c.value("fill"), "context-stroke", c.value("stroke"))
	for i := at + 1; i < w.end[at]; i++ {
		tok := w.toks[i]
		if s, ok := tok.(xml.StartElement); ok {
			s = s.Copy()
			for j := range s.Attr {
				s.Attr[j].Value = context.Replace(s.Attr[j].Value)
			}
			tok = s
		}
		writeToken(&w.out, tok, "id") // a copy: the id stays the original's
	}
	writeToken(&w.out, xml.EndElement{Name: xml.Name{Local: "g"}}, "")
}

// markerLength reads a marker's width or height, 3 when unset as SVG
// says.
func markerLength(m xml.StartElement, name string) float64 {
	if v, ok := parseLength(attr(m.Attr, name), 16); ok && v > 0 {
		return v
	}
	return 3
}

// svgNum writes a number for a transform or path data.
func svgNum(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// shapeVertices returns an element's vertices with the direction there:
// at its first vertex the direction it leaves in, at its last the one it
// arrives in, between them the bisector of the two (an arc, which oksvg
// reads as curves, has vertices where it is cut).
func shapeVertices(e xml.StartElement) []markerVertex {
	var d string
	switch e.Name.Local {
	case "path":
		d = attr(e.Attr, "d")
	case "line":
		coord := func(name string) string {
			if v, ok := parseLength(attr(e.Attr, name), 16); ok {
				return svgNum(v)
			}
			return "0"
		}
		d = "M" + coord("x1") + " " + coord("y1") + "L" + coord("x2") + " " + coord("y2")
	case "polyline", "polygon":
		pts := strings.FieldsFunc(attr(e.Attr, "points"), func(r rune) bool { return r == ',' || isSpace(r) })
		if len(pts) < 4 {
			return nil
		}
		d = "M" + pts[0] + " " + pts[1] + "L" + strings.Join(pts[2:len(pts)&^1], " ")
		if e.Name.Local == "polygon" {
			d += "Z"
		}
	}
	return pathVertices(d)
}

// pathVertices returns the vertices of path data d (pathVertices' rules);
// nil when it cannot be read.
func pathVertices(d string) []markerVertex {
	if strings.TrimSpace(d) == "" {
		return nil
	}
	var c oksvg.PathCursor
	c.ErrorMode = oksvg.IgnoreErrorMode
	if err := c.CompilePath(d); err != nil {
		return nil
	}
	type vertex struct {
		p       [2]float64
		in, out [2]float64 // directions; zero when none
	}
	var vs []vertex
	at := func(i int) [2]float64 { return [2]float64{float64(c.Path[i]) / 64, float64(c.Path[i+1]) / 64} }
	var last, first [2]float64
	startIdx := 0
	// segment adds a segment from last to end, leaving towards its first
	// control point that differs and arriving from its last.
	segment := func(ctrl ...[2]float64) {
		end := ctrl[len(ctrl)-1]
		out, in := end, last
		for _, q := range ctrl {
			if q != last {
				out = q
				break
			}
		}
		for j := len(ctrl) - 2; j >= -1; j-- {
			q := last
			if j >= 0 {
				q = ctrl[j]
			}
			if q != end {
				in = q
				break
			}
		}
		vs[len(vs)-1].out = sub(out, last)
		vs = append(vs, vertex{p: end, in: sub(end, in)})
		last = end
	}
	for i := 0; i < len(c.Path); {
		switch rasterx.PathCommand(c.Path[i]) {
		case rasterx.PathMoveTo:
			last = at(i + 1)
			first, startIdx = last, len(vs)
			vs = append(vs, vertex{p: last})
			i += 3
		case rasterx.PathLineTo:
			segment(at(i + 1))
			i += 3
		case rasterx.PathQuadTo:
			segment(at(i+1), at(i+3))
			i += 5
		case rasterx.PathCubicTo:
			segment(at(i+1), at(i+3), at(i+5))
			i += 7
		case rasterx.PathClose:
			if len(vs) == 0 {
				return nil
			}
			if last != first {
				segment(first)
			}
			// the closing vertex is the subpath's first: it arrives as the
			// subpath closes and leaves as it began
			vs[len(vs)-1].out = vs[startIdx].out
			vs[startIdx].in = vs[len(vs)-1].in
			last = first
			i++
		default:
			return nil
		}
	}
	out := make([]markerVertex, len(vs))
	for i, v := range vs {
		in, outDir := v.in, v.out
		if in == [2]float64{} { // a subpath's start: the way it leaves
			in = outDir
		}
		if outDir == [2]float64{} { // its end: the way it arrives
			outDir = in
		}
		out[i] = markerVertex{x: v.p[0], y: v.p[1], angle: bisector(in, outDir)}
	}
	return out
}

// bisector is the angle, in degrees, halfway between two directions.
func bisector(a, b [2]float64) float64 {
	ua, ub := unit(a), unit(b)
	s := [2]float64{ua[0] + ub[0], ua[1] + ub[1]}
	if math.Hypot(s[0], s[1]) < 1e-9 { // opposite: turn back along a
		s = ua
	}
	return math.Atan2(s[1], s[0]) * 180 / math.Pi
}

// unit is v scaled to length 1 (zero stays zero).
func unit(v [2]float64) [2]float64 {
	l := math.Hypot(v[0], v[1])
	if l == 0 {
		return v
	}
	return [2]float64{v[0] / l, v[1] / l}
}

// sub is a - b.
func sub(a, b [2]float64) [2]float64 { return [2]float64{a[0] - b[0], a[1] - b[1]} }
