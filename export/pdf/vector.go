package pdf

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/layout"
)

// vectorForm makes an image the layout drew as outlines a form XObject
// that draws them as filled paths. Its matrix maps the drawing
// (y down) onto the unit square, so that a page draws it as it draws an
// image. A translucent outline takes its alpha from a graphics state of
// the form's own.
func vectorForm(z *deflater, v *layout.Vector) (*xobject, error) {
	if v == nil || !(v.Width > 0 && v.Height > 0) {
		return nil, errors.New("empty drawing")
	}
	points := 0
	for _, o := range v.Shapes {
		for _, sub := range o.Subpaths {
			points += len(sub) + 1
		}
	}
	b := make([]byte, 0, 16*points+32*len(v.Shapes)) // "x.xxx y.yyy l\n" a point, a colour or a state a shape
	alphas := map[uint8]string{}
	var states []byte
	var color layout.RGB
	var alpha uint8 = 255
	first := true
	for _, o := range v.Shapes {
		if len(o.Subpaths) == 0 {
			continue
		}
		if first || o.Color != color {
			b = appendColor(b, o.Color, "rg")
			color = o.Color
		}
		if o.Alpha != alpha {
			gs, ok := alphas[o.Alpha]
			if !ok {
				gs = "A" + strconv.Itoa(len(alphas)+1)
				alphas[o.Alpha] = gs
				states = fmt.Appendf(states, "/%s<</ca %s>>", gs, fnum(float64(o.Alpha)/255))
			}
			b = append(b, '/')
			b = append(b, gs...)
			b = append(b, " gs\n"...)
			alpha = o.Alpha
		}
		first = false
		for _, sub := range o.Subpaths {
			for i, p := range sub {
				b = num(b, float64(p.X))
				b = append(b, ' ')
				b = num(b, float64(p.Y))
				if i == 0 {
					b = append(b, " m\n"...)
				} else {
					b = append(b, " l\n"...)
				}
			}
			b = append(b, "h\n"...)
		}
		if o.EvenOdd {
			b = append(b, "f*\n"...)
		} else {
			b = append(b, "f\n"...)
		}
	}
	resources := "<<>>"
	if len(states) > 0 {
		resources = "<</ExtGState<<" + string(states) + ">>>>"
	}
	// The matrix's entries are small: num's three decimals would not do.
	scale := func(v float64) string { return strings.TrimRight(strconv.FormatFloat(v, 'f', 10, 64), "0") }
	return &xobject{dict: fmt.Sprintf("/Type/XObject/Subtype/Form/BBox[0 0 %s %s]/Matrix[%s 0 0 %s 0 1]/Resources%s",
		fnum(v.Width), fnum(v.Height), scale(1/v.Width), scale(-1/v.Height), resources), data: z.deflate(b), compressed: true}, nil
}
