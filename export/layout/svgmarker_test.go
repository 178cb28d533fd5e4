package layout

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

// TestMarkerVertices: the vertices a marker is drawn at and the direction
// there, as SVG defines them: a start leaves, an end arrives, a vertex
// between takes the bisector, a closed subpath's first vertex the bisector
// of its closing and first segments, and a curve's end its last control
// point's direction.
func TestMarkerVertices(t *testing.T) {
	for _, c := range []struct {
		d    string
		want []markerVertex
	}{
		{"M0 0 L10 0", []markerVertex{{0, 0, 0}, {10, 0, 0}}},
		{"M0 0 L10 0 L10 10", []markerVertex{{0, 0, 0}, {10, 0, 45}, {10, 10, 90}}},
		{"M0 0 l0 10", []markerVertex{{0, 0, 90}, {0, 10, 90}}},
		{"M10 0 L0 0", []markerVertex{{10, 0, 180}, {0, 0, 180}}},
		{"M0 0 C10 0 10 10 0 10", []markerVertex{{0, 0, 0}, {0, 10, 180}}},
		{"M0 0 C0 0 10 10 10 10", []markerVertex{{0, 0, 45}, {10, 10, 45}}}, // control points on the ends
		{"M0 0 H10 V10 Z", []markerVertex{{0, 0, -67.5}, {10, 0, 45}, {10, 10, 180 - 22.5}, {0, 0, -67.5}}},
		{"M0 0 L10 0 M20 0 L20 10", []markerVertex{{0, 0, 0}, {10, 0, 0}, {20, 0, 90}, {20, 10, 90}}},
		{"", nil},
		{"nonsense", nil},
	} {
		got := pathVertices(c.d)
		if len(got) != len(c.want) {
			t.Errorf("%q: %v, want %v", c.d, got, c.want)
			continue
		}
		for i, v := range got {
			w := c.want[i]
			if math.Abs(v.x-w.x) > 1e-6 || math.Abs(v.y-w.y) > 1e-6 || math.Abs(math.Remainder(v.angle-w.angle, 360)) > 1e-6 {
				t.Errorf("%q: vertex %d is %v, want %v", c.d, i, v, w)
			}
		}
	}
	for _, c := range []struct {
		el   string
		want int
	}{
		{`<line x1="1" y1="2" x2="5" y2="2"/>`, 2},
		{`<line x2="5"/>`, 2},
		{`<polyline points="0,0 10,0 10,10"/>`, 3},
		{`<polyline points="0,0 10"/>`, 0},
		{`<polygon points="0,0 10,0 10,10"/>`, 4},
	} {
		doc, ok := readSVGTokens([]byte(c.el))
		if !ok {
			t.Fatalf("%s: not read", c.el)
		}
		if got := len(shapeVertices(doc.toks[0].(xml.StartElement))); got != c.want {
			t.Errorf("%s: %d vertices, want %d", c.el, got, c.want)
		}
	}
}

// TestSVGMarkers: a connector's arrowheads are drawn as a browser draws
// them (Chromium's rendering of the same image is the reference): at the
// line's ends, turned to its direction, sized by the stroke width and the
// marker's view box, filled as the marker's own content says, whatever
// paint the line's group has, and SVG 2's context-stroke taking the
// line's colour; the marker elements themselves are not drawn at the
// origin. oksvg alone drew the bare lines.
func TestSVGMarkers(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60">` +
		`<marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">` +
		`<path d="M0 0 L10 5 L0 10 z"/></marker>` +
		`<defs><marker id="ctx" viewBox="0 0 10 10" refX="5" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10">` +
		`<rect width="10" height="10" style="fill:context-stroke"/></marker></defs>` +
		`<g fill="none" stroke="#0000ff" stroke-width="2">` +
		`<line x1="20" y1="10" x2="80" y2="10" marker-start="url(#head)" marker-end="url(#head)"/>` +
		`<path d="M50 30 V50" style="marker-end:url(#head)" stroke="#00ff00"/>` +
		`<polyline points="70,30 90,30 90,50" marker-mid="url(#ctx)" stroke="#ff0000"/>` +
		`</g></svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	pic := drawnImage(t, img)
	black, none := [4]uint32{0, 0, 0, 255}, [4]uint32{0, 0, 0, 0}
	for _, c := range []struct {
		x, y int
		want [4]uint32
		what string
	}{
		{78, 10, black, "the end's arrowhead, at the line's end, pointing on"},
		{78, 13, none, "the end's arrowhead narrows to its tip"},
		{68, 10, [4]uint32{0, 0, 255, 255}, "the end's arrowhead is 10 long (5 x stroke width 2): the line shows before it"},
		{22, 10, black, "the start's arrowhead, turned back (auto-start-reverse)"},
		{47, 41, black, "a path's arrowhead, pointing down, black as its marker"},
		{47, 38, none, "the path's arrowhead starts 10 above the end"},
		{86, 26, [4]uint32{255, 0, 0, 255}, "a middle vertex's marker in the line's stroke (context-stroke)"},
		{94, 34, [4]uint32{255, 0, 0, 255}, "that marker, 10 by 10 in user units"},
		{2, 2, none, "the marker's content at the origin"},
	} {
		if got := pixelAt(t, pic, c.x, c.y); got != c.want {
			t.Errorf("%s: pixel (%d,%d) is %v, want %v", c.what, c.x, c.y, got, c.want)
		}
	}
	if out := string(expandMarkers([]byte(svg))); strings.Contains(out, "<marker") || strings.Count(out, `id="head"`) > 0 {
		t.Errorf("the markers are still in the image given oksvg:\n%s", out)
	}
}
