package layout

import (
	"errors"
	"image"
	"image/color"

	"golang.org/x/image/math/fixed"
)

// Vector is an image the layout drew as outlines: an SVG image's shapes
// and strokes, each a filled outline in one colour, which the PDF draws
// as paths (sharp at any size, and no pixels to compute or store).
type Vector struct {
	Width, Height float64   // the drawing's size, in its units (y down)
	Shapes        []Outline // in painting order
}

// Outline is one filled outline of a Vector: its subpaths, each closed,
// filled by the non-zero winding rule or, when EvenOdd, the even-odd one.
// A stroke is the outline of its pen's track, filled non-zero.
type Outline struct {
	Color    RGB
	Alpha    uint8 // 255: opaque
	EvenOdd  bool
	Subpaths [][]Point
}

// Point is a point of a Vector, in its units.
type Point struct{ X, Y float32 }

// errPaint is a paint an outline cannot keep: a gradient, whose colour
// changes across the shape. The image is then drawn as pixels.
var errPaint = errors.New("the SVG image paints with a gradient")

// outlineRecorder is a rasterx.Scanner that keeps the outlines it is given
// instead of filling pixels. rasterx hands a scanner each fill's subpaths
// (closed), and each stroke's outline as loose pieces (the sides of its
// segments, its joins and caps) that only together enclose it; Draw
// chains the pieces end to start into closed subpaths.
type outlineRecorder struct {
	out     *Vector
	pieces  [][]fixed.Point26_6
	nonZero bool
	color   any
	err     error // the first paint not kept (errPaint)
}

// Start begins a piece at a.
func (r *outlineRecorder) Start(a fixed.Point26_6) {
	r.pieces = append(r.pieces, []fixed.Point26_6{a})
}

// Line continues the piece to b.
func (r *outlineRecorder) Line(b fixed.Point26_6) {
	if len(r.pieces) == 0 {
		r.Start(b)
		return
	}
	last := &r.pieces[len(r.pieces)-1]
	*last = append(*last, b)
}

// Draw keeps the pieces so far as one shape in the colour set, and clears
// them.
func (r *outlineRecorder) Draw() {
	defer r.Clear()
	c, ok := r.color.(color.Color)
	if !ok {
		if r.color != nil && r.err == nil {
			r.err = errPaint
		}
		return
	}
	nc := color.NRGBAModel.Convert(c).(color.NRGBA)
	if nc.A == 0 {
		return
	}
	subpaths := chainPieces(r.pieces)
	if len(subpaths) == 0 {
		return
	}
	r.out.Shapes = append(r.out.Shapes, Outline{Color: RGB{nc.R, nc.G, nc.B}, Alpha: nc.A, EvenOdd: !r.nonZero, Subpaths: subpaths})
}

// GetPathExtent is the bounding box of the pieces so far (what an object
// bounding box gradient is fitted to).
func (r *outlineRecorder) GetPathExtent() fixed.Rectangle26_6 {
	var box fixed.Rectangle26_6
	first := true
	for _, p := range r.pieces {
		for _, q := range p {
			if first {
				box.Min, box.Max, first = q, q, false
				continue
			}
			box.Min.X, box.Min.Y = min(box.Min.X, q.X), min(box.Min.Y, q.Y)
			box.Max.X, box.Max.Y = max(box.Max.X, q.X), max(box.Max.Y, q.Y)
		}
	}
	return box
}

// SetBounds does nothing: the outlines are clipped where they are drawn.
func (r *outlineRecorder) SetBounds(w, h int) {}

// SetColor sets the paint of the next Draw: a colour, or a gradient's
// colour function.
func (r *outlineRecorder) SetColor(c any) { r.color = c }

// SetWinding sets the fill rule of the next Draw.
func (r *outlineRecorder) SetWinding(nonZero bool) { r.nonZero = nonZero }

// Clear drops the pieces.
func (r *outlineRecorder) Clear() { r.pieces = r.pieces[:0] }

// SetClip does nothing: oksvg sets no clip.
func (r *outlineRecorder) SetClip(image.Rectangle) {}

// chainPieces joins pieces into closed subpaths: a piece that ends where
// it starts is one; any other is followed by the next unused piece that
// starts where it ends, until the chain is back at its start or nothing
// follows (the subpath is then closed by a straight line, as a fill
// closes it). Points are in 26.6 fixed point and come out in units.
func chainPieces(pieces [][]fixed.Point26_6) [][]Point {
	starts := map[fixed.Point26_6][]int{}
	for i, p := range pieces {
		if len(p) > 1 && p[0] != p[len(p)-1] {
			starts[p[0]] = append(starts[p[0]], i)
		}
	}
	used := make([]bool, len(pieces))
	var out [][]Point
	for i, p := range pieces {
		if used[i] || len(p) < 2 {
			continue
		}
		used[i] = true
		chain := appendPoints(nil, p)
		end := p[len(p)-1]
		for end != p[0] {
			next := -1
			for _, j := range starts[end] {
				if !used[j] {
					next = j
					break
				}
			}
			if next < 0 {
				break
			}
			used[next] = true
			q := pieces[next]
			chain = appendPoints(chain, q[1:])
			end = q[len(q)-1]
		}
		if len(chain) > 2 {
			out = append(out, chain)
		}
	}
	return out
}

// appendPoints appends 26.6 fixed points to ps in units, leaving out a
// point that repeats the one before it.
func appendPoints(ps []Point, qs []fixed.Point26_6) []Point {
	for _, q := range qs {
		p := Point{float32(q.X) / 64, float32(q.Y) / 64}
		if len(ps) > 0 && ps[len(ps)-1] == p {
			continue
		}
		ps = append(ps, p)
	}
	return ps
}
