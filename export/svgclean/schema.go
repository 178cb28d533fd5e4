package svgclean

import (
	"encoding/xml"
	"slices"
	"strings"
)

// fitSchema mends what SVG 2 and ARIA allow a browser to read but SVG
// 1.1's schema, the one an e-book's images are checked against, refuses
// (EPUBCheck RSC-005), as Mermaid writes them: a <rect/> with no width
// or height (none is drawn either way; SVG 1.1 wants them, 0 for
// none), and a role that lists fallbacks ("graphics-document document"),
// of which the schema takes one role, the one a reader knows (the last).
// On the root, a role the schema does not allow there goes.
func fitSchema(el xml.Name, root bool, attrs []xml.Attr) []xml.Attr {
	out := attrs[:0]
	for _, a := range attrs {
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
	if el.Space == "" && el.Local == "rect" {
		for _, size := range []string{"width", "height"} {
			if !slices.ContainsFunc(out, func(a xml.Attr) bool { return a.Name.Space == "" && a.Name.Local == size }) {
				out = append(out, xml.Attr{Name: xml.Name{Local: size}, Value: "0"})
			}
		}
	}
	return out
}
