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
	var removed []string
	note := func(what string) {
		if !slices.Contains(removed, what) {
			removed = append(removed, what)
		}
	}
	var out bytes.Buffer
	out.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	var open []xml.Name // the elements open
	var unwrapped []int // the depths in open of the links left out, their content kept
	skip := 0           // depth inside a dropped element
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
				continue
			}
			if !rootSeen {
				rootSeen = true
				if tok.Name.Space != "" || tok.Name.Local != "svg" {
					return nil, removed, fmt.Errorf("not an SVG image: its root element is <%s>", qname(tok.Name))
				}
				tok.Attr = rootNamespaces(tok.Attr, data)
			}
			if what, ok := dropped[tok.Name.Local]; ok {
				note(what)
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
				if keep {
					attrs = append(attrs, xml.Attr{Name: a.Name, Value: v})
				}
			}
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
