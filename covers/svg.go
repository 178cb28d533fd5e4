package covers

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// coverSVG is EBook's SVG of the composition c of info, media type
// "image/svg+xml".
func coverSVG(c composition, info Info) (*Image, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%d" height="%d" viewBox="0 0 %d %d">
`, coverWidth, coverHeight, coverWidth, coverHeight)
	if t := clip(info.Title); t != "" {
		fmt.Fprintf(&b, "<title>%s</title>\n", escapeXML(t))
	}
	svgBackground(&b, c.pal)
	for _, s := range motif(c.pal, c.seed) {
		svgCircles(&b, s.color, s.circles)
	}
	for _, r := range c.rules {
		svgRect(&b, r.r, r.c)
	}
	for _, tb := range c.blocks {
		if err := svgText(&b, tb); err != nil {
			return nil, err
		}
	}
	b.WriteString("</svg>\n")
	return &Image{Name: "cover.svg", MediaType: "image/svg+xml", Data: b.Bytes(), Width: coverWidth, Height: coverHeight}, nil
}

// svgBackground is paintBackground's gradient: its smoothstep curve as
// stops of a linear gradient.
func svgBackground(b *bytes.Buffer, pal palette) {
	b.WriteString(`<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">`)
	const stops = 8
	for i := 0; i <= stops; i++ {
		t := float64(i) / stops
		s := t * t * (3 - 2*t)
		ch := func(top, bottom uint8) uint8 {
			return uint8(math.Round(float64(top) + (float64(bottom)-float64(top))*s))
		}
		fmt.Fprintf(b, `<stop offset="%s" stop-color="#%02x%02x%02x"/>`, num(t), ch(pal.top.R, pal.bottom.R), ch(pal.top.G, pal.bottom.G), ch(pal.top.B, pal.bottom.B))
	}
	fmt.Fprintf(b, "</linearGradient></defs>\n<rect width=\"%d\" height=\"%d\" fill=\"url(#bg)\"/>\n", coverWidth, coverHeight)
}

// svgCircles draws discs and rings of one colour as one group, so that
// they merge rather than blend where they overlap, as circleFiller.fill does.
func svgCircles(b *bytes.Buffer, c color.NRGBA, cs []circle) {
	fmt.Fprintf(b, `<g opacity="%s">`, num(float64(c.A)/255))
	for _, s := range cs {
		if s.width > 0 {
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="none" stroke="%s" stroke-width="%s"/>`, num(s.x), num(s.y), num(s.r), hexRGB(c), num(s.width))
			continue
		}
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`, num(s.x), num(s.y), num(s.r), hexRGB(c))
	}
	b.WriteString("</g>\n")
}

func svgRect(b *bytes.Buffer, r image.Rectangle, c color.NRGBA) {
	fmt.Fprintf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" fill-opacity=\"%s\"/>\n",
		r.Min.X, r.Min.Y, r.Dx(), r.Dy(), hexRGB(c), num(float64(c.A)/255))
}

// svgText draws each line of a block as one path of glyph outlines, with
// the kerning and tracking paintText uses.
func svgText(b *bytes.Buffer, tb textBlock) error {
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(math.Round(tb.style.size * 64))
	fmt.Fprintf(b, `<path fill="%s" fill-opacity="%s" d="`, hexRGB(tb.color), num(float64(tb.color.A)/255))
	out := b.AvailableBuffer() // the path's data, appended to b at the end
	for _, l := range tb.lines {
		x, y := l.x, l.baseline
		prev := rune(-1)
		for _, r := range l.text {
			if prev >= 0 {
				x += fix(tb.style.face.Kern(prev, r) + tb.style.track)
			}
			gid, err := tb.style.font.GlyphIndex(&buf, r)
			if err != nil {
				return fmt.Errorf("covers: %w", err)
			}
			segs, err := tb.style.font.LoadGlyph(&buf, gid, ppem, nil)
			if err != nil {
				return fmt.Errorf("covers: glyph of %q: %w", r, err)
			}
			for _, s := range segs {
				var args []fixed.Point26_6
				switch s.Op {
				case sfnt.SegmentOpMoveTo:
					out, args = append(out, 'M'), s.Args[:1]
				case sfnt.SegmentOpLineTo:
					out, args = append(out, 'L'), s.Args[:1]
				case sfnt.SegmentOpQuadTo:
					out, args = append(out, 'Q'), s.Args[:2]
				case sfnt.SegmentOpCubeTo:
					out, args = append(out, 'C'), s.Args[:3]
				default:
					return fmt.Errorf("covers: glyph of %q: unknown segment op %d", r, s.Op)
				}
				for i, p := range args {
					if i > 0 {
						out = append(out, ' ')
					}
					out = append(appendNum(out, x+fix(p.X)), ' ')
					out = appendNum(out, y+fix(p.Y))
				}
			}
			adv, _ := tb.style.face.GlyphAdvance(r)
			x += fix(adv)
			prev = r
		}
	}
	b.Write(out)
	b.WriteString("\"/>\n")
	return nil
}

// num writes a coordinate with at most two decimals: a hundredth of a
// pixel on a 1600-pixel cover.
func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum appends num(v) to b: v rounded to hundredths, written with
// no trailing zeros, as strconv.FormatFloat writes that value ('f', the
// shortest), "-0" included (TestAppendNum), without going through a
// float's shortest decimal: the glyphs' outlines were a third of the
// SVG cover's time in it.
func appendNum(b []byte, v float64) []byte {
	r := math.Round(v * 100)
	if math.Abs(r) >= 1<<53 || math.IsNaN(r) {
		return strconv.AppendFloat(b, r/100, 'f', -1, 64)
	}
	n := int64(r)
	if n < 0 || (n == 0 && math.Signbit(r)) {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	switch f := n % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

func hexRGB(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// clip shortens a title for the SVG's <title>.
func clip(s string) string {
	if rs := []rune(s); len(rs) > 200 {
		return string(rs[:200])
	}
	return s
}

func escapeXML(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r < 0x20 && r != '\t' && r != '\n', r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r < 0xE000:
			// not allowed in XML 1.0: dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
