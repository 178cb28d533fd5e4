package layout

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// Reading an SVG image's elements, as the layout's readers of its text
// (svgTextOf) and of its pictures (svgPicturesOf) do: each element's
// style its parent's with its own attributes applied.

// newSVGDecoder reads an SVG image's tokens as browsers forgive them:
// HTML's entities known, unclosed elements closed.
func newSVGDecoder(data []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	return dec
}

// svgStyles are the styles of the elements open where an SVG image is
// read, the root's first.
type svgStyles []svgTextStyle

// open enters an element: its style, its parent's with its own applied
// (hidden in definitions and the like, hidesContent), and its name in
// lower case.
func (s *svgStyles) open(tok xml.StartElement) (svgTextStyle, string) {
	st := s.top()
	name := strings.ToLower(tok.Name.Local)
	if hidesContent(name) {
		st.hidden = true
	}
	st.apply(tok.Attr)
	*s = append(*s, st)
	return st, name
}

// close leaves the innermost element, never the root's style.
func (s *svgStyles) close() {
	if len(*s) > 1 {
		*s = (*s)[:len(*s)-1]
	}
}

// top is the innermost element's style.
func (s svgStyles) top() svgTextStyle { return s[len(s)-1] }

// hidesContent reports an element whose content is not drawn where it
// stands: definitions, what clips, masks or marks others, and what is
// not drawing (metadata, style sheets, scripts, foreign content).
func hidesContent(name string) bool {
	switch name {
	case "defs", "symbol", "clippath", "mask", "pattern", "marker", "title", "desc", "metadata", "style", "script", "foreignobject":
		return true
	}
	return false
}
