package layout

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// boxScanner is a rasterx.Scanner that fills each path only over its own
// bounding box. rasterx's ScannerGV composites every path over the whole
// image, so a drawing of many small paths took time in paths × pixels:
// 12 s for the four figures of a real book.
type boxScanner struct {
	dst      draw.Image
	r        vector.Rasterizer
	segs     []seg
	min, max fixed.Point26_6
	src      image.Image
	clip     image.Rectangle
}

// seg is a path command: a move (start) or a line to p.
type seg struct {
	p     fixed.Point26_6
	start bool
}

func newBoxScanner(dst draw.Image) *boxScanner {
	s := &boxScanner{dst: dst, src: image.NewUniform(color.Black)}
	s.Clear()
	return s
}

func (s *boxScanner) grow(p fixed.Point26_6) {
	s.min.X, s.min.Y = min(s.min.X, p.X), min(s.min.Y, p.Y)
	s.max.X, s.max.Y = max(s.max.X, p.X), max(s.max.Y, p.Y)
}

// Start begins a new subpath at a.
func (s *boxScanner) Start(a fixed.Point26_6) { s.grow(a); s.segs = append(s.segs, seg{a, true}) }

// Line adds a line to b.
func (s *boxScanner) Line(b fixed.Point26_6) { s.grow(b); s.segs = append(s.segs, seg{b, false}) }

// Draw fills the path gathered since the last Clear over its bounding box.
func (s *boxScanner) Draw() {
	if len(s.segs) == 0 {
		return
	}
	box := image.Rect(s.min.X.Floor(), s.min.Y.Floor(), s.max.X.Ceil()+1, s.max.Y.Ceil()+1).Intersect(s.dst.Bounds())
	if s.clip != image.ZR {
		box = box.Intersect(s.clip)
	}
	if box.Empty() {
		return
	}
	s.r.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for _, g := range s.segs {
		x, y := float32(g.p.X)/64-ox, float32(g.p.Y)/64-oy
		if g.start {
			s.r.MoveTo(x, y)
		} else {
			s.r.LineTo(x, y)
		}
	}
	s.r.Draw(s.dst, box, s.src, box.Min)
}

// GetPathExtent is the bounding box of the path gathered.
func (s *boxScanner) GetPathExtent() fixed.Rectangle26_6 {
	return fixed.Rectangle26_6{Min: s.min, Max: s.max}
}

// SetBounds does nothing: the image's bounds are the limit.
func (s *boxScanner) SetBounds(w, h int) {}

// SetColor sets a colour or a colour function (gradients).
func (s *boxScanner) SetColor(c interface{}) {
	switch c := c.(type) {
	case color.Color:
		s.src = image.NewUniform(c)
	case rasterx.ColorFunc:
		s.src = funcImage(c)
	}
}

// SetWinding does nothing: the vector rasterizer fills by non-zero winding.
func (s *boxScanner) SetWinding(bool) {}

// Clear forgets the path.
func (s *boxScanner) Clear() {
	s.segs = s.segs[:0]
	s.min = fixed.Point26_6{X: 1<<31 - 1, Y: 1<<31 - 1}
	s.max = fixed.Point26_6{X: -1 << 31, Y: -1 << 31}
}

// SetClip restricts drawing to rect; image.ZR removes the clip.
func (s *boxScanner) SetClip(rect image.Rectangle) { s.clip = rect }

// funcImage is a colour function as an image.
type funcImage rasterx.ColorFunc

func (f funcImage) ColorModel() color.Model { return color.RGBAModel }
func (f funcImage) Bounds() image.Rectangle {
	return image.Rect(-1<<20, -1<<20, 1<<20, 1<<20)
}
func (f funcImage) At(x, y int) color.Color { return f(x, y) }
