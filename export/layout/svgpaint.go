package layout

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// oksvg reads a paint as #rgb, #rrggbb, rgb() with commas, hsl() and the
// colour names of SVG 1.1; any other colour (rgba(), hsla(), #rrggbbaa,
// CSS 4's space-separated rgb(10 20 30 / 50%), rebeccapurple,
// currentColor, inherit, transparent) makes it refuse the whole image
// ("param mismatch"), which then printed as a placeholder: Mermaid's
// diagrams all paint with rgba(). paintsForOksvg writes each such paint
// as a colour oksvg reads, and its alpha as the paint's opacity.

// paintAttr is a paint attribute: its name and its quoted value.
var paintAttr = regexp.MustCompile(`(\s)(fill|stroke|stop-color)\s*=\s*("[^"]*"|'[^']*')`)

// paintDecl is a paint declaration in a style: its name and its value.
var paintDecl = regexp.MustCompile(`([;"'{]\s*|\s)(fill|stroke|stop-color)\s*:\s*([^;"'}<>]*)`)

// opacityOf names the opacity property of a paint.
var opacityOf = map[string]string{"fill": "fill-opacity", "stroke": "stroke-opacity", "stop-color": "stop-opacity"}

// paintsForOksvg returns data with its paints written as oksvg reads
// them.
func paintsForOksvg(data []byte) []byte {
	if !mayRewritePaints(data) {
		return data // paints all names, #rgb or #rrggbb: no regular expression run over the image
	}
	return rewritePaints(data)
}

// mayRewritePaints reports whether data may hold a paint oksvgPaint
// rewrites: inherit, currentColor, transparent, rebeccapurple, a colour
// function (rgb(), rgba(), hsl(), hsla(): the ones oksvg reads too) or
// #rgba or #rrggbbaa. Without any, every paint is kept as it is.
func mayRewritePaints(data []byte) bool {
	lower := bytes.ToLower(data)
	for _, s := range []string{"inherit", "currentcolor", "transparent", "rebeccapurple", "rgb", "hsl"} {
		if bytes.Contains(lower, []byte(s)) {
			return true
		}
	}
	for i := bytes.IndexByte(lower, '#'); i >= 0; {
		n := 0
		for i+1+n < len(lower) && isHexDigit(lower[i+1+n]) {
			n++
		}
		if n == 4 || n == 8 {
			return true
		}
		j := bytes.IndexByte(lower[i+1:], '#')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// isHexDigit reports a lower-case hexadecimal digit.
func isHexDigit(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// rewritePaints is paintsForOksvg without its pre-test.
func rewritePaints(data []byte) []byte {
	data = replaceNear(paintAttrAt, data, paintWords, paintAttrFrom, func(m []byte) []byte {
		sub := paintAttr.FindSubmatch(m)
		space, prop, quoted := string(sub[1]), string(sub[2]), string(sub[3])
		color, opacity, keep := oksvgPaint(quoted[1 : len(quoted)-1])
		switch {
		case keep:
			return m
		case color == "":
			return nil // inherit: as if unset
		case opacity != "":
			return []byte(space + prop + `="` + color + `" ` + opacityOf[prop] + `="` + opacity + `"`)
		}
		return []byte(space + prop + `="` + color + `"`)
	})
	return replaceNear(paintDeclAt, data, paintWords, paintDeclFrom, func(m []byte) []byte {
		sub := paintDecl.FindSubmatch(m)
		lead, prop := string(sub[1]), string(sub[2])
		color, opacity, keep := oksvgPaint(string(sub[3]))
		switch {
		case keep:
			return m
		case color == "":
			return []byte(lead)
		case opacity != "":
			return []byte(lead + prop + ":" + color + ";" + opacityOf[prop] + ":" + opacity)
		}
		return []byte(lead + prop + ":" + color)
	})
}

// oksvgPaint returns a paint as oksvg reads it, and its alpha as an
// opacity ("" when opaque); color "" for inherit; keep when the paint is
// read as it is (or cannot be read at all).
func oksvgPaint(v string) (color, opacity string, keep bool) {
	v = strings.TrimSpace(v)
	lower := strings.ToLower(v)
	switch {
	case lower == "inherit":
		return "", "", false
	case lower == "currentcolor":
		return "black", "", false // the initial color, the one oksvg knows of
	case lower == "none" || strings.HasPrefix(lower, "url(") || lower == "":
		return "", "", true
	}
	if _, known := colornames.Map[lower]; known || oksvgReads(lower) {
		return "", "", true
	}
	c, alpha, ok := cssColor(v)
	if !ok {
		return "", "", true
	}
	if alpha <= 0 {
		return "none", "", false
	}
	color = "#" + hex2(c.R) + hex2(c.G) + hex2(c.B)
	if alpha < 1 {
		opacity = strconv.FormatFloat(alpha, 'g', 4, 64)
	}
	return color, opacity, false
}

// oksvgReads reports a colour oksvg reads as it is: #rgb, #rrggbb, and
// rgb() or hsl() with three arguments and commas.
func oksvgReads(v string) bool {
	if h, ok := strings.CutPrefix(v, "#"); ok {
		_, err := strconv.ParseUint(h, 16, 32)
		return err == nil && (len(h) == 3 || len(h) == 6)
	}
	for _, fn := range []string{"rgb(", "hsl("} {
		if inner, ok := strings.CutPrefix(v, fn); ok {
			return strings.Count(inner, ",") == 2 && !strings.Contains(inner, "/")
		}
	}
	return false
}

// hex2 writes a byte as two hex digits.
func hex2(b uint8) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}

// cssColor reads a CSS colour: a name (SVG's and rebeccapurple), #rgb,
// #rgba, #rrggbb, #rrggbbaa, rgb() and rgba() with commas or spaces and
// a slash before the alpha, in numbers or percentages, hsl() and hsla(),
// and transparent; alpha is from 0 to 1.
func cssColor(s string) (c RGB, alpha float64, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "transparent":
		return RGB{}, 0, true
	case "rebeccapurple":
		return RGB{0x66, 0x33, 0x99}, 1, true
	}
	if n, found := colornames.Map[s]; found {
		return RGB{n.R, n.G, n.B}, 1, true
	}
	if h, isHex := strings.CutPrefix(s, "#"); isHex {
		return hexDigitsColor(h)
	}
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") {
		return RGB{}, 0, false
	}
	fn, args := s[:open], strings.FieldsFunc(s[open+1:len(s)-1], func(r rune) bool { return r == ',' || r == '/' || isSpace(r) })
	if len(args) != 3 && len(args) != 4 {
		return RGB{}, 0, false
	}
	alpha = 1
	if len(args) == 4 {
		a, isPct, ok := cssNumber(args[3])
		if !ok {
			return RGB{}, 0, false
		}
		if isPct {
			a /= 100
		}
		alpha = max(0, min(1, a))
	}
	var v [3]float64
	var pct [3]bool
	for i := range 3 {
		n, isPct, ok := cssNumber(strings.TrimSuffix(args[i], "deg"))
		if !ok {
			return RGB{}, 0, false
		}
		v[i], pct[i] = n, isPct
	}
	switch fn {
	case "rgb", "rgba":
		var out [3]uint8
		for i := range 3 {
			if pct[i] {
				v[i] *= 2.55
			}
			out[i] = uint8(max(0, min(255, math.Round(v[i]))))
		}
		return RGB{out[0], out[1], out[2]}, alpha, true
	case "hsl", "hsla":
		return hslColor(v[0], v[1]/100, v[2]/100), alpha, true
	}
	return RGB{}, 0, false
}

// cssNumber reads a number or a percentage.
func cssNumber(s string) (v float64, pct, ok bool) {
	s, pct = strings.CutSuffix(s, "%")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, false
	}
	return v, pct, true
}

// hexDigitsColor reads the digits of #rgb, #rgba, #rrggbb or #rrggbbaa.
func hexDigitsColor(h string) (RGB, float64, bool) {
	if len(h) == 3 || len(h) == 4 {
		long := make([]byte, 0, 8)
		for i := range len(h) {
			long = append(long, h[i], h[i])
		}
		h = string(long)
	}
	if len(h) != 6 && len(h) != 8 {
		return RGB{}, 0, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return RGB{}, 0, false
	}
	if len(h) == 6 {
		return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, 1, true
	}
	return RGB{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8)}, float64(uint8(v)) / 255, true
}

// hslColor is a hue (degrees), saturation and lightness (0 to 1) as RGB.
func hslColor(h, s, l float64) RGB {
	h = math.Mod(math.Mod(h, 360)+360, 360) / 360
	s, l = max(0, min(1, s)), max(0, min(1, l))
	channel := func(n float64) uint8 {
		k := math.Mod(n+h*12, 12)
		a := s * min(l, 1-l)
		return uint8(math.Round(255 * (l - a*max(-1, min(k-3, 9-k, 1)))))
	}
	return RGB{channel(0), channel(8), channel(4)}
}
