package fonts

import (
	"math"

	"github.com/go-text/typesetting/font/opentype/tables"
)

// composite paints p's backdrop and source apart, puts the source on the
// backdrop by p's mode, and the result over dst.
func (cp *colrPainter) composite(p tables.PaintComposite, m affine, dst layer, clip *mask) {
	back, src := make(layer, len(dst)), make(layer, len(dst))
	cp.paint(p.BackdropPaint, m, back, clip)
	cp.paint(p.SourcePaint, m, src, clip)
	for i := 0; i < len(dst); i += 4 {
		c := compose(p.CompositeMode, [4]float32(src[i:i+4]), [4]float32(back[i:i+4]))
		over(dst[i:i+4], c, 1)
	}
}

// compose puts premultiplied source s on backdrop b by mode: the
// Porter–Duff operators, and the separable blend modes of W3C's
// Compositing and Blending; the non-separable (hue, saturation, colour,
// luminosity) are drawn as source-over.
func compose(mode tables.CompositeMode, s, b [4]float32) [4]float32 {
	as, ab := s[3], b[3]
	pd := func(fs, fb float32) [4]float32 { // Porter–Duff: s·Fs + b·Fb
		var o [4]float32
		for j := range 4 {
			o[j] = s[j]*fs + b[j]*fb
		}
		return o
	}
	switch mode {
	case tables.CompositeClear:
		return [4]float32{}
	case tables.CompositeSrc:
		return s
	case tables.CompositeDest:
		return b
	case tables.CompositeSrcOver:
		return pd(1, 1-as)
	case tables.CompositeDestOver:
		return pd(1-ab, 1)
	case tables.CompositeSrcIn:
		return pd(ab, 0)
	case tables.CompositeDestIn:
		return pd(0, as)
	case tables.CompositeSrcOut:
		return pd(1-ab, 0)
	case tables.CompositeDestOut:
		return pd(0, 1-as)
	case tables.CompositeSrcAtop:
		return pd(ab, 1-as)
	case tables.CompositeDestAtop:
		return pd(1-ab, as)
	case tables.CompositeXor:
		return pd(1-ab, 1-as)
	case tables.CompositePlus:
		o := pd(1, 1)
		for j := range 4 {
			o[j] = min(o[j], 1)
		}
		return o
	}
	blend := blendOf(mode)
	if blend == nil {
		return pd(1, 1-as)
	}
	// (1 − αb)·s + (1 − αs)·b + αs·αb·B(b/αb, s/αs), and αs + αb − αs·αb.
	var o [4]float32
	for j := range 3 {
		var cs, cb float32
		if as > 0 {
			cs = s[j] / as
		}
		if ab > 0 {
			cb = b[j] / ab
		}
		o[j] = (1-ab)*s[j] + (1-as)*b[j] + as*ab*blend(cb, cs)
	}
	o[3] = as + ab - as*ab
	return o
}

// blendOf is a separable blend mode's function of backdrop and source
// colour, nil for the others.
func blendOf(mode tables.CompositeMode) func(cb, cs float32) float32 {
	switch mode {
	case tables.CompositeMultiply:
		return func(cb, cs float32) float32 { return cb * cs }
	case tables.CompositeScreen:
		return func(cb, cs float32) float32 { return cb + cs - cb*cs }
	case tables.CompositeOverlay:
		return func(cb, cs float32) float32 { return hardLight(cs, cb) }
	case tables.CompositeDarken:
		return func(cb, cs float32) float32 { return min(cb, cs) }
	case tables.CompositeLighten:
		return func(cb, cs float32) float32 { return max(cb, cs) }
	case tables.CompositeColorDodge:
		return func(cb, cs float32) float32 {
			switch {
			case cb == 0:
				return 0
			case cs >= 1:
				return 1
			}
			return min(1, cb/(1-cs))
		}
	case tables.CompositeColorBurn:
		return func(cb, cs float32) float32 {
			switch {
			case cb >= 1:
				return 1
			case cs <= 0:
				return 0
			}
			return 1 - min(1, (1-cb)/cs)
		}
	case tables.CompositeHardLight:
		return func(cb, cs float32) float32 { return hardLight(cb, cs) }
	case tables.CompositeSoftLight:
		return func(cb, cs float32) float32 {
			if cs <= 0.5 {
				return cb - (1-2*cs)*cb*(1-cb)
			}
			d := float32(math.Sqrt(float64(cb)))
			if cb <= 0.25 {
				d = ((16*cb-12)*cb + 4) * cb
			}
			return cb + (2*cs-1)*(d-cb)
		}
	case tables.CompositeDifference:
		return func(cb, cs float32) float32 { return float32(math.Abs(float64(cb - cs))) }
	case tables.CompositeExclusion:
		return func(cb, cs float32) float32 { return cb + cs - 2*cb*cs }
	}
	return nil
}

// hardLight is the hard-light blend of backdrop cb and source cs.
func hardLight(cb, cs float32) float32 {
	if cs <= 0.5 {
		return cb * 2 * cs
	}
	return cb + (2*cs - 1) - cb*(2*cs-1)
}
