package fonts

import (
	"image"
	"image/color"
	"math"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"golang.org/x/image/vector"
)

// Colour glyphs of paint graphs (COLR version 1), as Google's Noto Color
// Emoji has them: a glyph is a tree of paints (solid fills, linear,
// radial and sweep gradients, each clipped to glyph outlines, moved by
// affine transforms, and composited) that colrPainter rasterises into
// premultiplied RGBA. Variable paints take their default values: the
// default instance is the one drawn.

// paintGlyph paints glyph gid's paint p (a graph, or version 0 layers)
// into a w×h picture, glyph space mapped to pixels by m, within the
// glyph's clip box when the font gives one. ok is false when nothing was
// painted.
func paintGlyph(f *gofont.Font, face *gofont.Face, gid uint16, p tables.PaintTable, w, h int, m affine) (*image.NRGBA, bool) {
	cp := &colrPainter{font: f, face: face, w: w, h: h}
	var clip *mask
	if f.COLR != nil {
		if box, ok := f.COLR.ClipList.Search(tables.GlyphID(gid)); ok {
			clip = cp.box(box, m)
		}
	}
	pic := make(layer, 4*w*h)
	cp.paint(p, m, pic, clip)
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	painted := false
	for i := 0; i < w*h; i++ {
		px := pic[4*i : 4*i+4]
		a := px[3]
		if a <= 0 {
			continue
		}
		painted = true
		for j := range 3 {
			img.Pix[4*i+j] = uint8(min(1, px[j]/a)*255 + 0.5)
		}
		img.Pix[4*i+3] = uint8(min(1, a)*255 + 0.5)
	}
	return img, painted
}

// box is the coverage of a clip box, mapped by m.
func (cp *colrPainter) box(b tables.ClipBox, m affine) *mask {
	var x0, y0, x1, y1 float64
	switch b := b.(type) {
	case tables.ClipBoxFormat1:
		x0, y0, x1, y1 = float64(b.XMin), float64(b.YMin), float64(b.XMax), float64(b.YMax)
	case tables.ClipBoxFormat2:
		x0, y0, x1, y1 = float64(b.XMin), float64(b.YMin), float64(b.XMax), float64(b.YMax)
	default:
		return nil
	}
	out := cp.newMask()
	inv, ok := m.inverse()
	if !ok {
		return out
	}
	for y := 0; y < cp.h; y++ {
		for x := 0; x < cp.w; x++ {
			gx, gy := inv.apply(float64(x)+0.5, float64(y)+0.5)
			if gx >= x0 && gx <= x1 && gy >= y0 && gy <= y1 {
				out.cov[y*cp.w+x] = 1
			}
		}
	}
	out.fit(cp.w)
	return out
}

// addOutline adds a glyph's outline, mapped to pixels by m, to z's path.
func addOutline(z *vector.Rasterizer, outline gofont.GlyphOutline, m affine) {
	pt := func(p ot.SegmentPoint) (float32, float32) {
		x, y := m.apply(float64(p.X), float64(p.Y))
		return float32(x), float32(y)
	}
	for _, s := range outline.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			z.MoveTo(pt(s.Args[0]))
		case ot.SegmentOpLineTo:
			z.LineTo(pt(s.Args[0]))
		case ot.SegmentOpQuadTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			z.QuadTo(x1, y1, x2, y2)
		case ot.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			x3, y3 := pt(s.Args[2])
			z.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	z.ClosePath()
}

// mask is a coverage a pixel, and the rectangle outside which it is
// zero.
type mask struct {
	cov []float32
	r   image.Rectangle
}

// newMask is an empty mask of the painter's size.
func (cp *colrPainter) newMask() *mask {
	return &mask{cov: make([]float32, cp.w*cp.h)}
}

// fit sets m's rectangle to the pixels it covers, w to a row.
func (m *mask) fit(w int) {
	m.r = image.Rectangle{}
	for i, c := range m.cov {
		if c != 0 {
			m.r = m.r.Union(image.Rect(i%w, i/w, i%w+1, i/w+1))
		}
	}
}

// maxPaintDepth bounds the paint graph's nesting: a font whose
// PaintColrGlyph refers back to itself stops there. maxPaints bounds the
// paints of one glyph, so that layers of glyphs of layers cannot
// multiply without end (Noto Color Emoji's busiest glyphs have a few
// hundred).
const (
	maxPaintDepth = 64
	maxPaints     = 20000
)

// affine maps x, y to (a·x + c·y + e, b·x + d·y + f).
type affine struct{ a, b, c, d, e, f float64 }

// then returns the transform that applies t, then m.
func (m affine) then(t affine) affine {
	return affine{
		a: m.a*t.a + m.c*t.b, b: m.b*t.a + m.d*t.b,
		c: m.a*t.c + m.c*t.d, d: m.b*t.c + m.d*t.d,
		e: m.a*t.e + m.c*t.f + m.e, f: m.b*t.e + m.d*t.f + m.f,
	}
}

func (m affine) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// inverse returns m's inverse; ok is false for a transform that
// flattens the plane.
func (m affine) inverse() (affine, bool) {
	det := m.a*m.d - m.b*m.c
	if math.Abs(det) < 1e-12 {
		return affine{}, false
	}
	a, b, c, d := m.d/det, -m.b/det, -m.c/det, m.a/det
	return affine{a: a, b: b, c: c, d: d, e: -(a*m.e + c*m.f), f: -(b*m.e + d*m.f)}, true
}

func translate(dx, dy float64) affine { return affine{a: 1, d: 1, e: dx, f: dy} }

func scaleAbout(sx, sy, cx, cy float64) affine {
	return translate(cx, cy).then(affine{a: sx, d: sy}).then(translate(-cx, -cy))
}

// rotateAbout turns by angle (in half turns, counter-clockwise, as COLR
// writes it) about cx, cy.
func rotateAbout(angle, cx, cy float64) affine {
	s, c := math.Sincos(angle * math.Pi)
	return translate(cx, cy).then(affine{a: c, b: s, c: -s, d: c}).then(translate(-cx, -cy))
}

// skewAbout skews by x and y angles (in half turns, counter-clockwise).
func skewAbout(x, y, cx, cy float64) affine {
	return translate(cx, cy).then(affine{a: 1, b: math.Tan(y * math.Pi), c: -math.Tan(x * math.Pi), d: 1}).then(translate(-cx, -cy))
}

func f214(c tables.Coord) float64 { return float64(c) / (1 << 14) }

// layer is a premultiplied RGBA picture, four floats a pixel.
type layer []float32

// colrPainter paints a face's version 1 colour glyphs into w×h pixels.
type colrPainter struct {
	font   *gofont.Font
	face   *gofont.Face
	w, h   int
	depth  int
	paints int // painted so far
}

// paint paints p, in glyph space mapped to pixels by m, over dst through
// the coverage clip (nil: everywhere).
func (cp *colrPainter) paint(p tables.PaintTable, m affine, dst layer, clip *mask) {
	if cp.depth >= maxPaintDepth || cp.paints >= maxPaints {
		return
	}
	cp.depth++
	cp.paints++
	defer func() { cp.depth-- }()
	switch p := p.(type) {
	case tables.PaintColrLayers:
		if cp.font.COLR == nil {
			return
		}
		layers, err := cp.font.COLR.LayerList.Resolve(p)
		if err != nil {
			return
		}
		for _, l := range layers {
			cp.paint(l, m, dst, clip)
		}
	case tables.PaintColrLayersResolved: // version 0 layers
		for _, l := range p {
			cp.paint(tables.PaintGlyph{GlyphID: uint16(l.GlyphID), Paint: tables.PaintSolid{PaletteIndex: l.PaletteIndex, Alpha: 1 << 14}}, m, dst, clip)
		}
	case tables.PaintSolid:
		cp.fill(dst, clip, m, solid(cp.colour(p.PaletteIndex, f214(p.Alpha))))
	case tables.PaintVarSolid:
		cp.fill(dst, clip, m, solid(cp.colour(p.PaletteIndex, f214(p.Alpha))))
	case tables.PaintLinearGradient:
		cp.fill(dst, clip, m, cp.linear(p.ColorLine, p.X0, p.Y0, p.X1, p.Y1, p.X2, p.Y2))
	case tables.PaintVarLinearGradient:
		cp.fill(dst, clip, m, cp.linear(varLine(p.ColorLine), p.X0, p.Y0, p.X1, p.Y1, p.X2, p.Y2))
	case tables.PaintRadialGradient:
		cp.fill(dst, clip, m, cp.radial(p.ColorLine, p.X0, p.Y0, p.Radius0, p.X1, p.Y1, p.Radius1))
	case tables.PaintVarRadialGradient:
		cp.fill(dst, clip, m, cp.radial(varLine(p.ColorLine), p.X0, p.Y0, p.Radius0, p.X1, p.Y1, p.Radius1))
	case tables.PaintSweepGradient:
		cp.fill(dst, clip, m, cp.sweep(p.ColorLine, p.CenterX, p.CenterY, p.StartAngle, p.EndAngle))
	case tables.PaintVarSweepGradient:
		cp.fill(dst, clip, m, cp.sweep(varLine(p.ColorLine), p.CenterX, p.CenterY, p.StartAngle, p.EndAngle))
	case tables.PaintGlyph:
		cp.paint(p.Paint, m, dst, cp.intersect(clip, cp.coverage(gofont.GID(p.GlyphID), m)))
	case tables.PaintColrGlyph:
		if c, ok := cp.face.GlyphDataColor(gofont.GID(p.GlyphID)); ok {
			cp.paint(c.Paint, m, dst, clip)
		}
	case tables.PaintComposite:
		cp.composite(p, m, dst, clip)
	default:
		if t, child, ok := transformOf(p); ok {
			cp.paint(child, m.then(t), dst, clip)
		}
	}
}

// transformOf returns the transform a transforming paint applies to its
// child, and the child.
func transformOf(p tables.PaintTable) (affine, tables.PaintTable, bool) {
	switch p := p.(type) {
	case tables.PaintTransform:
		t := p.Transform
		return affine{float64(t.Xx), float64(t.Yx), float64(t.Xy), float64(t.Yy), float64(t.Dx), float64(t.Dy)}, p.Paint, true
	case tables.PaintVarTransform:
		t := p.Transform
		return affine{float64(t.Xx), float64(t.Yx), float64(t.Xy), float64(t.Yy), float64(t.Dx), float64(t.Dy)}, p.Paint, true
	case tables.PaintTranslate:
		return translate(float64(p.Dx), float64(p.Dy)), p.Paint, true
	case tables.PaintVarTranslate:
		return translate(float64(p.Dx), float64(p.Dy)), p.Paint, true
	case tables.PaintScale:
		return scaleAbout(f214(p.ScaleX), f214(p.ScaleY), 0, 0), p.Paint, true
	case tables.PaintVarScale:
		return scaleAbout(f214(p.ScaleX), f214(p.ScaleY), 0, 0), p.Paint, true
	case tables.PaintScaleAroundCenter:
		return scaleAbout(f214(p.ScaleX), f214(p.ScaleY), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	case tables.PaintVarScaleAroundCenter:
		return scaleAbout(f214(p.ScaleX), f214(p.ScaleY), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	case tables.PaintScaleUniform:
		return scaleAbout(f214(p.Scale), f214(p.Scale), 0, 0), p.Paint, true
	case tables.PaintVarScaleUniform:
		return scaleAbout(f214(p.Scale), f214(p.Scale), 0, 0), p.Paint, true
	case tables.PaintScaleUniformAroundCenter:
		return scaleAbout(f214(p.Scale), f214(p.Scale), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	case tables.PaintVarScaleUniformAroundCenter:
		return scaleAbout(f214(p.Scale), f214(p.Scale), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	case tables.PaintRotate:
		return rotateAbout(f214(p.Angle), 0, 0), p.Paint, true
	case tables.PaintVarRotate:
		return rotateAbout(f214(p.Angle), 0, 0), p.Paint, true
	case tables.PaintRotateAroundCenter:
		return rotateAbout(f214(p.Angle), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	case tables.PaintVarRotateAroundCenter:
		return rotateAbout(f214(p.Angle), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	case tables.PaintSkew:
		return skewAbout(f214(p.XSkewAngle), f214(p.YSkewAngle), 0, 0), p.Paint, true
	case tables.PaintVarSkew:
		return skewAbout(f214(p.XSkewAngle), f214(p.YSkewAngle), 0, 0), p.Paint, true
	case tables.PaintSkewAroundCenter:
		return skewAbout(f214(p.XSkewAngle), f214(p.YSkewAngle), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	case tables.PaintVarSkewAroundCenter:
		return skewAbout(f214(p.XSkewAngle), f214(p.YSkewAngle), float64(p.CenterX), float64(p.CenterY)), p.Paint, true
	}
	return affine{}, nil, false
}

// coverage rasterises glyph gid's outline, mapped by m, into a coverage
// a pixel.
func (cp *colrPainter) coverage(gid gofont.GID, m affine) *mask {
	out := cp.newMask()
	outline, ok := cp.face.GlyphDataOutline(gid)
	if !ok || len(outline.Segments) == 0 {
		return out
	}
	var z vector.Rasterizer
	z.Reset(cp.w, cp.h)
	addOutline(&z, outline, m)
	alpha := image.NewAlpha(image.Rect(0, 0, cp.w, cp.h))
	z.Draw(alpha, alpha.Bounds(), image.Opaque, image.Point{})
	for i, a := range alpha.Pix {
		out.cov[i] = float32(a) / 255
	}
	out.fit(cp.w)
	return out
}

// intersect returns coverage a within coverage b (a nil: everywhere).
func (cp *colrPainter) intersect(a, b *mask) *mask {
	if a == nil {
		return b
	}
	out := &mask{cov: make([]float32, len(b.cov)), r: a.r.Intersect(b.r)}
	for y := out.r.Min.Y; y < out.r.Max.Y; y++ {
		for x := out.r.Min.X; x < out.r.Max.X; x++ {
			i := y*cp.w + x
			out.cov[i] = a.cov[i] * b.cov[i]
		}
	}
	return out
}

// shader gives the premultiplied colour at a point of glyph space.
type shader func(x, y float64) [4]float32

func solid(c [4]float32) shader { return func(float64, float64) [4]float32 { return c } }

// fill paints sh, in glyph space mapped by m, over dst through clip.
func (cp *colrPainter) fill(dst layer, clip *mask, m affine, sh shader) {
	inv, ok := m.inverse()
	if !ok {
		return
	}
	r := image.Rect(0, 0, cp.w, cp.h)
	if clip != nil {
		r = clip.r
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := y*cp.w + x
			cov := float32(1)
			if clip != nil {
				if cov = clip.cov[i]; cov == 0 {
					continue
				}
			}
			gx, gy := inv.apply(float64(x)+0.5, float64(y)+0.5)
			over(dst[4*i:4*i+4], sh(gx, gy), cov)
		}
	}
}

// over puts colour c, at coverage cov, over the premultiplied pixel px.
func over(px []float32, c [4]float32, cov float32) {
	k := 1 - c[3]*cov
	for j := range 4 {
		px[j] = c[j]*cov + px[j]*k
	}
}

// colour is palette entry i at alpha, premultiplied; 0xFFFF is the text's
// colour (black).
func (cp *colrPainter) colour(i uint16, alpha float64) [4]float32 {
	c := paletteColor(cp.font, i, color.NRGBA{A: 0xff})
	a := float32(float64(c.A) / 255 * alpha)
	return [4]float32{float32(c.R) / 255 * a, float32(c.G) / 255 * a, float32(c.B) / 255 * a, a}
}

// varLine is a variable colour line at its default values.
func varLine(l tables.VarColorLine) tables.ColorLine {
	out := tables.ColorLine{Extend: l.Extend, ColorStops: make([]tables.ColorStop, len(l.ColorStops))}
	for i, s := range l.ColorStops {
		out.ColorStops[i] = tables.ColorStop{StopOffset: s.StopOffset, PaletteIndex: s.PaletteIndex, Alpha: s.Alpha}
	}
	return out
}

// at returns the colour of line l at t, premultiplied, extended past its
// stops as l says.
func (cp *colrPainter) at(l tables.ColorLine, t float64) [4]float32 {
	stops := l.ColorStops
	if len(stops) == 0 {
		return [4]float32{}
	}
	first, last := f214(stops[0].StopOffset), f214(stops[len(stops)-1].StopOffset)
	if span := last - first; span > 0 {
		switch l.Extend {
		case tables.ExtendRepeat:
			t = first + math.Mod(math.Mod(t-first, span)+span, span)
		case tables.ExtendReflect:
			u := math.Mod(math.Mod(t-first, 2*span)+2*span, 2*span)
			if u > span {
				u = 2*span - u
			}
			t = first + u
		}
	}
	if t <= first {
		return cp.colour(stops[0].PaletteIndex, f214(stops[0].Alpha))
	}
	for k := 1; k < len(stops); k++ {
		o := f214(stops[k].StopOffset)
		if t > o {
			continue
		}
		o0 := f214(stops[k-1].StopOffset)
		a, b := cp.colour(stops[k-1].PaletteIndex, f214(stops[k-1].Alpha)), cp.colour(stops[k].PaletteIndex, f214(stops[k].Alpha))
		if o <= o0 {
			return b
		}
		u := float32((t - o0) / (o - o0))
		return [4]float32{a[0] + (b[0]-a[0])*u, a[1] + (b[1]-a[1])*u, a[2] + (b[2]-a[2])*u, a[3] + (b[3]-a[3])*u}
	}
	return cp.colour(stops[len(stops)-1].PaletteIndex, f214(stops[len(stops)-1].Alpha))
}

// linear is a linear gradient from p0 to p1, its lines of one colour
// parallel to p0–p2 (p1 is first moved onto the normal of p0–p2).
func (cp *colrPainter) linear(l tables.ColorLine, x0, y0, x1, y1, x2, y2 int16) shader {
	p0x, p0y := float64(x0), float64(y0)
	dx, dy := float64(x1)-p0x, float64(y1)-p0y
	if rx, ry := float64(x2)-p0x, float64(y2)-p0y; rx != 0 || ry != 0 {
		// The normal of p0–p2, and p1's projection onto it.
		nx, ny := ry, -rx
		k := (dx*nx + dy*ny) / (nx*nx + ny*ny)
		dx, dy = nx*k, ny*k
	}
	d2 := dx*dx + dy*dy
	if d2 == 0 {
		return solid([4]float32{})
	}
	return func(x, y float64) [4]float32 {
		return cp.at(l, ((x-p0x)*dx+(y-p0y)*dy)/d2)
	}
}

// radial is a two-point conical gradient from circle c0, r0 to circle
// c1, r1: a point takes the colour of the largest t whose circle passes
// through it with a radius of at least zero.
func (cp *colrPainter) radial(l tables.ColorLine, x0, y0 int16, r0 uint16, x1, y1 int16, r1 uint16) shader {
	c0x, c0y, rr0 := float64(x0), float64(y0), float64(r0)
	cdx, cdy, dr := float64(x1)-c0x, float64(y1)-c0y, float64(r1)-rr0
	a := cdx*cdx + cdy*cdy - dr*dr
	return func(x, y float64) [4]float32 {
		px, py := x-c0x, y-c0y
		b := px*cdx + py*cdy + rr0*dr
		c := px*px + py*py - rr0*rr0
		t := math.NaN()
		if math.Abs(a) < 1e-9 {
			if b != 0 {
				t = c / (2 * b)
			}
		} else if disc := b*b - a*c; disc >= 0 {
			s := math.Sqrt(disc)
			t = (b + s) / a
			if rr0+t*dr < 0 || a < 0 && (b-s)/a > t {
				t = (b - s) / a
			}
		}
		if math.IsNaN(t) || rr0+t*dr < 0 {
			return [4]float32{}
		}
		return cp.at(l, t)
	}
}

// sweep is a sweep gradient about a centre, from the start angle to the
// end angle counter-clockwise (both in half turns, less one).
func (cp *colrPainter) sweep(l tables.ColorLine, cx, cy int16, start, end tables.Coord) shader {
	s, e := (f214(start)+1)*180, (f214(end)+1)*180
	return func(x, y float64) [4]float32 {
		deg := math.Atan2(y-float64(cy), x-float64(cx)) * 180 / math.Pi
		if deg < 0 {
			deg += 360
		}
		if e == s {
			if deg < s {
				return cp.at(l, 0)
			}
			return cp.at(l, 1)
		}
		return cp.at(l, (deg-s)/(e-s))
	}
}
