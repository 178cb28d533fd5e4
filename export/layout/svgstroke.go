package layout

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// oksvg strokes a path in the drawing's pixels with the width it was
// given, as if no transform scaled it: the image's own scale(…) and
// matrix(…), and the drawing's scale to svgScale pixels a unit, left every
// line and dash thinner and shorter than a browser draws them (a
// matplotlib plot's 1.5 px curves at a quarter of that). strokesForOksvg
// writes on each shape its stroke's width, dashes and dash offset scaled
// by the transforms above it; drawSVG scales every path's by the
// drawing's.

// strokeShapes are the elements oksvg strokes.
var strokeShapes = map[string]bool{"path": true, "rect": true, "circle": true, "ellipse": true, "line": true, "polyline": true, "polygon": true}

// strokeContext is what a shape's stroke inherits: the transform to the
// image's user units, and the stroke's width, dashes and offset.
type strokeContext struct {
	m                     [6]float64
	width, dashes, offset string
	unscaled              bool // vector-effect: non-scaling-stroke
}

// strokesForOksvg returns data with the strokes of its shapes under a
// scaling transform written at their scaled size; data itself when it
// has no transform or cannot be read.
func strokesForOksvg(data []byte) []byte {
	if !bytes.Contains(data, []byte("transform")) {
		return data
	}
	doc, ok := readSVGTokens(data)
	if !ok {
		return data
	}
	var out bytes.Buffer
	stack := []strokeContext{{m: [6]float64{1, 0, 0, 1, 0, 0}, width: "1"}}
	for _, tok := range doc.toks {
		switch t := tok.(type) {
		case xml.StartElement:
			c := stack[len(stack)-1]
			if tr := attr(t.Attr, "transform"); tr != "" {
				if m, ok := parseTransform(tr); ok {
					c.m = multiply(c.m, m)
				}
			}
			for _, p := range []struct {
				name string
				to   *string
			}{{"stroke-width", &c.width}, {"stroke-dasharray", &c.dashes}, {"stroke-dashoffset", &c.offset}} {
				if v := property(t, p.name); v != "" && v != "inherit" {
					*p.to = v
				}
			}
			if v := property(t, "vector-effect"); v != "" {
				c.unscaled = v == "non-scaling-stroke"
			}
			stack = append(stack, c)
			if strokeShapes[t.Name.Local] && !c.unscaled {
				t = scaledStroke(t, c)
			}
			writeToken(&out, t, "")
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			writeToken(&out, t, "")
		default:
			writeToken(&out, t, "")
		}
	}
	return out.Bytes()
}

// scaledStroke returns a shape with its stroke's width, dashes and offset
// scaled by its transform's scale (the square root of its area's) in its
// style, when that is not 1.
func scaledStroke(e xml.StartElement, c strokeContext) xml.StartElement {
	k := math.Sqrt(math.Abs(c.m[0]*c.m[3] - c.m[1]*c.m[2]))
	if math.Abs(k-1) < 1e-9 || k == 0 || math.IsNaN(k) || math.IsInf(k, 0) {
		return e
	}
	scale := func(v string) (string, bool) {
		n, ok := parseLength(v, 16)
		if !ok || strings.HasSuffix(strings.TrimSpace(v), "%") {
			return "", false
		}
		return strconv.FormatFloat(n*k, 'g', 6, 64), true
	}
	var decls []string
	if w, ok := scale(c.width); ok {
		decls = append(decls, "stroke-width:"+w)
	}
	if c.dashes != "" && c.dashes != "none" {
		var ds []string
		for _, d := range strings.FieldsFunc(c.dashes, func(r rune) bool { return r == ',' || isSpace(r) }) {
			v, ok := scale(d)
			if !ok {
				ds = nil
				break
			}
			ds = append(ds, v)
		}
		if len(ds) > 0 {
			decls = append(decls, "stroke-dasharray:"+strings.Join(ds, ","))
		}
	}
	if c.offset != "" {
		if o, ok := scale(c.offset); ok {
			decls = append(decls, "stroke-dashoffset:"+o)
		}
	}
	if len(decls) == 0 {
		return e
	}
	e = e.Copy()
	style := strings.Join(decls, ";")
	for i, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == "style" {
			e.Attr[i].Value = strings.TrimRight(a.Value, "; ") + ";" + style
			return e
		}
	}
	e.Attr = append(e.Attr, xml.Attr{Name: xml.Name{Local: "style"}, Value: style})
	return e
}
