// Package svgclean makes an SVG image safe to pack into an e-book and to
// draw: what could run (scripts, event handlers, javascript: links) and
// what reaches outside the image (external references, style sheets and
// imports) is taken out, and the document is written back as plain,
// well-formed XML with no DOCTYPE, whose entities are resolved. The
// renderers see only cleaned images: the pipeline cleans each SVG once,
// when it resolves the document's images.
package svgclean

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Sniff reports whether data is an SVG image: its first element is <svg>,
// after an optional byte-order mark, XML declaration, comments and
// DOCTYPE.
func Sniff(data []byte) bool {
	s := string(data[:min(len(data), 4096)])
	s = strings.TrimPrefix(s, "\uFEFF")
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		switch {
		case strings.HasPrefix(s, "<?"):
			s = after(s, "?>")
		case strings.HasPrefix(s, "<!--"):
			s = after(s, "-->")
		case strings.HasPrefix(s, "<!"):
			s = after(s, ">")
		default:
			return strings.HasPrefix(s, "<svg") && len(s) > 4 && strings.ContainsRune(" \t\r\n>/", rune(s[4]))
		}
	}
}

func after(s, sep string) string {
	if i := strings.Index(s, sep); i >= 0 {
		return s[i+len(sep):]
	}
	return ""
}

// MaxElements bounds the elements of an image: more is refused, as a
// drawing that would take too long.
const MaxElements = 100_000

const svgNS = "http://www.w3.org/2000/svg"

// dropped are the elements left out with everything inside them.
var dropped = map[string]string{
	"script":        "script",
	"foreignObject": "foreignObject (HTML inside the image)",
	"iframe":        "iframe",
	"embed":         "embed",
	"object":        "object",
	"handler":       "event handler",
	"listener":      "event listener",
}

// entityDecl is a general entity declared in a DOCTYPE's internal subset,
// as drawing programs write them for their namespaces.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>`)

// cssURL matches a url() in a style; cssImport an @import rule.
var (
	cssURL    = regexp.MustCompile(`(?i)url\(\s*(['"]?)([^'")]*)(['"]?)\s*\)`)
	cssImport = regexp.MustCompile(`(?i)@import[^;]*;?`)
)

// Clean returns data cleaned, with what was taken out described once each
// (for a warning), or an error for data that is not a well-formed SVG
// document or has more than MaxElements elements.
func Clean(data []byte) ([]byte, []string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Entity = copyEntities(xml.HTMLEntity)
	refs := idRefs{declared: declaredIDs(data)}
	var removed []string
	note := func(what string) {
		if !slices.Contains(removed, what) {
			removed = append(removed, what)
		}
	}
	var out bytes.Buffer
	out.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	var open []xml.Name      // the elements open
	var unwrapped []int      // the depths in open of the links left out, their content kept
	skip := 0                // depth inside a dropped element
	var foreign *foreignText // the foreignObject skipped, its HTML set as text
	elements := 0
	rootSeen := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, removed, fmt.Errorf("not a well-formed SVG image: %w", err)
		}
		switch tok := tok.(type) {
		case xml.Directive:
			for _, m := range entityDecl.FindAllSubmatch(tok, -1) {
				d.Entity[string(m[1])] = string(m[2]) + string(m[3])
			}
		case xml.ProcInst:
			if tok.Target == "xml-stylesheet" {
				note("style sheet reference")
			}
		case xml.Comment:
		case xml.StartElement:
			elements++
			if elements > MaxElements {
				return nil, removed, fmt.Errorf("the SVG image has more than %d elements", MaxElements)
			}
			if skip > 0 {
				skip++
				if foreign != nil {
					foreign.open(tok)
				}
				continue
			}
			if !rootSeen {
				rootSeen = true
				if tok.Name.Space != "" || tok.Name.Local != "svg" {
					return nil, removed, fmt.Errorf("not an SVG image: its root element is <%s>", qname(tok.Name))
				}
				tok.Attr = rootNamespaces(tok.Attr, data)
			}
			if tok.Name.Local == "foreignObject" && len(open) > 0 && open[len(open)-1].Local != "switch" {
				// in a switch, the text after it stands for it (draw.io)
				foreign, skip = newForeignText(tok), 1
				continue
			}
			if what, ok := dropped[tok.Name.Local]; ok {
				note(what)
				skip = 1
				continue
			}
			if tok.Name.Local == "flowRoot" {
				// Inkscape's flowed text, of a draft of SVG 1.2: no
				// browser draws it, and SVG 1.1's schema refuses it
				// (EPUBCheck RSC-005). It goes without a word.
				skip = 1
				continue
			}
			if animatesUnsafe(tok) {
				note("animation of a link or handler")
				skip = 1
				continue
			}
			var attrs []xml.Attr
			for _, a := range tok.Attr {
				v, keep, why := cleanAttr(a)
				for _, w := range why {
					note(w)
				}
				if !keep || geometryOfGroup(tok.Name, a.Name) || badAnchor(a.Name, v) || unset(a.Name, v) {
					continue
				}
				if v, keep = refs.fix(a.Name, v); keep {
					attrs = append(attrs, xml.Attr{Name: a.Name, Value: v})
				}
			}
			attrs = fitSchema(tok.Name, len(open) == 0, attrs)
			open = append(open, tok.Name)
			if tok.Name.Local == "a" && !slices.ContainsFunc(attrs, isHref) {
				// A link whose target was taken out is no link: its
				// content stays, unwrapped.
				unwrapped = append(unwrapped, len(open))
				continue
			}
			out.WriteByte('<')
			out.WriteString(qname(tok.Name))
			for _, a := range attrs {
				out.WriteByte(' ')
				out.WriteString(qname(a.Name))
				out.WriteString(`="`)
				xml.EscapeText(&out, []byte(a.Value))
				out.WriteByte('"')
			}
			out.WriteByte('>')
		case xml.EndElement:
			if skip > 0 {
				skip--
				switch {
				case foreign == nil:
				case skip > 0:
					foreign.close(tok)
				default:
					switch {
					case !foreign.write(&out):
						note(dropped["foreignObject"])
					case foreign.unshown:
						note("what text cannot stand for in a foreignObject (HTML inside the image)")
					}
					foreign = nil
				}
				continue
			}
			if len(open) == 0 || open[len(open)-1] != tok.Name {
				return nil, removed, fmt.Errorf("not a well-formed SVG image: </%s> closes nothing open", qname(tok.Name))
			}
			if n := len(unwrapped); n > 0 && unwrapped[n-1] == len(open) {
				unwrapped = unwrapped[:n-1]
				open = open[:len(open)-1]
				continue
			}
			open = open[:len(open)-1]
			out.WriteString("</")
			out.WriteString(qname(tok.Name))
			out.WriteByte('>')
		case xml.CharData:
			if skip > 0 && foreign != nil {
				foreign.text(tok)
			}
			if skip > 0 || len(open) == 0 {
				continue
			}
			text := []byte(tok)
			if open[len(open)-1].Local == "style" {
				s, why := cleanCSS(string(tok))
				for _, w := range why {
					note(w)
				}
				text = []byte(s)
			}
			xml.EscapeText(&out, text)
		}
	}
	if !rootSeen {
		return nil, removed, errors.New("not an SVG image: no root element")
	}
	if len(open) > 0 {
		return nil, removed, fmt.Errorf("not a well-formed SVG image: <%s> is not closed", qname(open[len(open)-1]))
	}
	out.WriteByte('\n')
	return out.Bytes(), removed, nil
}

// geometryOfGroup reports x, y, width or height on a group: svg-edit and
// Method Draw write them on their canvas grid's <g>, where SVG gives them
// no meaning and its schema does not allow them (EPUBCheck RSC-005).
func geometryOfGroup(el, attr xml.Name) bool {
	if el.Local != "g" || attr.Space != "" {
		return false
	}
	switch attr.Local {
	case "x", "y", "width", "height":
		return true
	}
	return false
}

// unset reports an attribute a drawing program's script wrote with no
// value, as "null" or "undefined" (svg-edit's stroke-opacity="null"):
// a browser ignores it, and oksvg could not read the image at all.
func unset(attr xml.Name, v string) bool {
	if attr.Space != "" || attr.Local == "id" || attr.Local == "class" {
		return false
	}
	return v == "null" || v == "undefined"
}

// badAnchor reports a text-anchor other than SVG's (svg-edit writes
// "left"), which a browser ignores and the schema refuses (EPUBCheck
// RSC-005): without it, text starts at its x, as "start" does.
func badAnchor(attr xml.Name, v string) bool {
	if attr.Space != "" || attr.Local != "text-anchor" {
		return false
	}
	switch strings.TrimSpace(v) {
	case "start", "middle", "end", "inherit":
		return false
	}
	return true
}

// idRefs makes an image's ids and the references to them valid in an
// e-book.
type idRefs struct {
	declared map[string]bool // the ids the image gives, as written
}

// idAttr matches an id attribute in an image's source.
var idAttr = regexp.MustCompile(`\sid\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// declaredIDs returns the ids an image's source gives.
func declaredIDs(data []byte) map[string]bool {
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllSubmatch(data, -1) {
		ids[string(m[1])+string(m[2])] = true
	}
	return ids
}

// fix returns an attribute's value with an id that is not an XML name,
// as drawing programs write them ("bullet-char-template(57356)"), made
// one (validID), and so the references to such ids: a link's "#id", and
// url(#id) in a paint, a clip, a filter or a style; XHTML readers refuse
// such an id (EPUBCheck RSC-005). A reference to an id the image does
// not give draws nothing in a browser and is an error in an e-book
// (RSC-012): a link to one is left out (keep false), a url() of one is
// none.
func (r idRefs) fix(name xml.Name, v string) (value string, keep bool) {
	switch {
	case name.Local == "id" && (name.Space == "" || name.Space == "xml"):
		return validID(v), true
	case strings.EqualFold(name.Local, "href") && strings.HasPrefix(strings.TrimSpace(v), "#"):
		id := strings.TrimPrefix(strings.TrimSpace(v), "#")
		return "#" + validID(id), r.declared[id]
	case strings.Contains(v, "url("):
		return cssURL.ReplaceAllStringFunc(v, func(m string) string {
			sub := cssURL.FindStringSubmatch(m)
			target := strings.TrimSpace(sub[2])
			switch {
			case !strings.HasPrefix(target, "#"):
				return m
			case !r.declared[target[1:]]:
				return "none"
			}
			return "url(" + sub[1] + "#" + validID(target[1:]) + sub[3] + ")"
		}), true
	}
	return v, true
}

// validID returns id as an XML name without colons (an NCName): itself
// when it is one, else with each character a name cannot have (or
// start with) written _xHH_, its code in hexadecimal, so that two ids
// stay two.
func validID(id string) string {
	if isNCName(id) {
		return id
	}
	var b strings.Builder
	for i, r := range id {
		if nameChar(r, i == 0) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_x%X_", r)
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// isNCName reports whether s is an XML name without colons.
func isNCName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !nameChar(r, i == 0) {
			return false
		}
	}
	return true
}

// nameChar reports whether r may be in an XML name without colons, first
// when it would start it (a conservative reading of XML's productions:
// letters, digits, and - . _, digits and - . not first).
func nameChar(r rune, first bool) bool {
	switch {
	case r == '_' || unicode.IsLetter(r):
		return true
	case first:
		return false
	}
	return r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// copyEntities copies an entity table, so that a document's declarations
// stay its own.
func copyEntities(m map[string]string) map[string]string {
	c := make(map[string]string, len(m)+8)
	for k, v := range m {
		c[k] = v
	}
	return c
}

// qname is a name as written: prefix:local.
func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// rootNamespaces gives the root element the SVG namespace, and the xlink
// prefix's when the image uses it without declaring it (as hand-written
// files do, which browsers forgive and EPUB readers need not).
func rootNamespaces(attrs []xml.Attr, data []byte) []xml.Attr {
	hasDefault, hasXlink := false, false
	for _, a := range attrs {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			hasDefault = true
		case a.Name.Space == "xmlns" && a.Name.Local == "xlink":
			hasXlink = true
		}
	}
	if !hasDefault {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "xmlns"}, Value: svgNS})
	}
	if !hasXlink && bytes.Contains(data, []byte("xlink:")) {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: "xlink"}, Value: "http://www.w3.org/1999/xlink"})
	}
	return attrs
}

// isHref reports a link's target attribute.
func isHref(a xml.Attr) bool { return strings.EqualFold(a.Name.Local, "href") }

// animatesUnsafe reports an animation that sets a link or an event
// handler, which could run a script when the image is shown.
func animatesUnsafe(e xml.StartElement) bool {
	switch e.Name.Local {
	case "set", "animate", "animateTransform", "animateMotion", "animateColor":
	default:
		return false
	}
	for _, a := range e.Attr {
		if a.Name.Local == "attributeName" {
			v := strings.ToLower(strings.TrimSpace(a.Value))
			return strings.HasPrefix(v, "on") || strings.HasSuffix(v, "href")
		}
	}
	return false
}

// cleanAttr returns an attribute's value, whether to keep it, and what was
// taken out of it, if anything.
func cleanAttr(a xml.Attr) (value string, keep bool, why []string) {
	local := strings.ToLower(a.Name.Local)
	switch {
	case a.Name.Space == "" && strings.HasPrefix(local, "on"):
		return "", false, []string{"event handler attribute"}
	case local == "href" || local == "src":
		v := strings.ToLower(strings.Join(strings.Fields(a.Value), ""))
		switch {
		case strings.HasPrefix(v, "#"), strings.HasPrefix(v, "data:image/"):
			return a.Value, true, nil
		case strings.HasPrefix(v, "javascript:"):
			return "", false, []string{"javascript: link"}
		default:
			return "", false, []string{"external reference"}
		}
	case local == "style":
		v, why := cleanCSS(a.Value)
		return v, true, why
	case strings.Contains(strings.ToLower(a.Value), "javascript:"):
		return "", false, []string{"javascript: link"}
	}
	return a.Value, true, nil
}

// cleanCSS takes @import rules and url()s other than to the image's own
// elements out of a style, and says what it took.
func cleanCSS(s string) (string, []string) {
	var why []string
	if cssImport.MatchString(s) {
		s = cssImport.ReplaceAllString(s, "")
		why = append(why, "style sheet import")
	}
	external := false
	s = cssURL.ReplaceAllStringFunc(s, func(m string) string {
		target := strings.ToLower(strings.TrimSpace(cssURL.FindStringSubmatch(m)[2]))
		if strings.HasPrefix(target, "#") || strings.HasPrefix(target, "data:image/") {
			return m
		}
		external = true
		return "none"
	})
	if external {
		why = append(why, "external reference")
	}
	return s, why
}
