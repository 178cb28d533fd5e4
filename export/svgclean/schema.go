package svgclean

import (
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
)

// fitSchema mends what SVG 2 and ARIA allow a browser to read but SVG
// 1.1's schema, the one an e-book's images are checked against, refuses
// (EPUBCheck RSC-005), as Mermaid writes them: a <rect/> with no width
// or height (none is drawn either way; SVG 1.1 wants them, 0 for
// none), and a role that lists fallbacks ("graphics-document document"),
// of which the schema takes one role, the one a reader knows (the last);
// a <path> with no d (matplotlib's glyph of a space) gets an empty one.
// On the root, a role the schema does not allow there goes. Mermaid's
// name attributes (of no SVG element) go, a viewBox where none has a
// meaning (on a path) goes, and a transform-origin (SVG 2) is folded
// into the transform it is the origin of.
func fitSchema(el xml.Name, root bool, attrs []xml.Attr) []xml.Attr {
	attrs = foldTransformOrigin(attrs)
	out := attrs[:0]
	for _, a := range attrs {
		if a.Name.Space == "" && (a.Name.Local == "name" || a.Name.Local == "viewBox" && !viewBoxed[el.Local]) {
			continue
		}
		if a.Name.Space == "" && a.Name.Local == "role" {
			roles := strings.Fields(a.Value)
			if len(roles) == 0 {
				continue
			}
			a.Value = roles[len(roles)-1]
			if root && !slices.Contains([]string{"application", "document", "img"}, a.Value) {
				continue
			}
		}
		out = append(out, a)
	}
	if el.Space == "" && el.Local == "path" && !slices.ContainsFunc(out, func(a xml.Attr) bool { return a.Name.Space == "" && a.Name.Local == "d" }) {
		out = append(out, xml.Attr{Name: xml.Name{Local: "d"}, Value: ""}) // matplotlib's space glyph: nothing drawn either way
	}
	if el.Space == "" && el.Local == "rect" {
		for _, size := range []string{"width", "height"} {
			if !slices.ContainsFunc(out, func(a xml.Attr) bool { return a.Name.Space == "" && a.Name.Local == size }) {
				out = append(out, xml.Attr{Name: xml.Name{Local: size}, Value: "0"})
			}
		}
	}
	return out
}

// viewBoxed are the elements with a viewBox.
var viewBoxed = map[string]bool{"svg": true, "symbol": true, "marker": true, "pattern": true, "view": true}

// foldTransformOrigin returns attrs with a transform-origin written into
// the element's transform (translate(origin) transform
// translate(-origin)) and left out; attrs as they are when the origin is
// not two lengths in pixels.
func foldTransformOrigin(attrs []xml.Attr) []xml.Attr {
	at := slices.IndexFunc(attrs, func(a xml.Attr) bool { return a.Name.Space == "" && a.Name.Local == "transform-origin" })
	if at < 0 {
		return attrs
	}
	origin := strings.Fields(attrs[at].Value)
	out := slices.Delete(slices.Clone(attrs), at, at+1)
	t := slices.IndexFunc(out, func(a xml.Attr) bool { return a.Name.Space == "" && a.Name.Local == "transform" })
	if t < 0 {
		return out // no transform: the origin changes nothing
	}
	if len(origin) != 2 {
		return attrs
	}
	for i, o := range origin {
		o = strings.TrimSuffix(o, "px")
		if _, err := strconv.ParseFloat(o, 64); err != nil {
			return attrs
		}
		origin[i] = o
	}
	negative := func(v string) string {
		if rest, ok := strings.CutPrefix(v, "-"); ok {
			return rest
		}
		return "-" + v
	}
	out[t].Value = "translate(" + origin[0] + " " + origin[1] + ") " + out[t].Value + " translate(" + negative(origin[0]) + " " + negative(origin[1]) + ")"
	return out
}
