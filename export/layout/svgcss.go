package layout

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strings"
)

// An SVG image styled by a style sheet (Illustrator's ".st0{fill:#FFF}",
// Visio's, draw.io's) draws in black for oksvg and our text layer, which
// read only attributes and style attributes: cascadeStyles writes each
// element's style sheet declarations into its style attribute before
// either reads the image, and leaves out what the sheet or the
// attributes hide (display:none, visibility:hidden), which oksvg would
// draw. The e-book keeps the image as it is: a reader's browser engine
// applies the sheet itself.

// cssRule is one rule of a style sheet whose selector is compound
// selectors (a tag, classes, an id) joined by descendant or child
// combinators: Mermaid's "#mermaid-1 .node rect", "g > text".
type cssRule struct {
	compounds   []cssCompound // the rightmost, the element's own, last
	specificity int
	order       int
	decls       []cssDecl
}

// cssCompound is one compound selector of a rule, and whether it is
// joined to the one before it as a child (>) rather than a descendant.
type cssCompound struct {
	tag     string // "" or "*": any
	id      string
	classes []string
	child   bool
}

// cssElement is what a selector reads of an element.
type cssElement struct {
	tag, id string
	classes []string
}

// cssDecl is one declaration: a property and its value.
type cssDecl struct{ prop, value string }

// compoundSelector matches the compound selectors cssRule can hold.
var compoundSelector = regexp.MustCompile(`^(\*|[A-Za-z][\w-]*)?((?:[.#][\w-]+)*)$`)

// parseCSS reads the rules of a style sheet that cssRule can hold;
// at-rules and rules with other selectors (pseudo-classes, attributes,
// sibling combinators) are passed over.
func parseCSS(css string, rules []cssRule) []cssRule {
	css = stripCSSComments(css)
	for len(css) > 0 {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			break
		}
		head := strings.TrimSpace(css[:open])
		if semi := strings.IndexByte(head, ';'); strings.HasPrefix(head, "@") && semi >= 0 {
			css = css[strings.IndexByte(css, ';')+1:] // @import …; before a rule
			continue
		}
		end := matchingBrace(css, open)
		body := css[open+1 : end]
		css = css[min(end+1, len(css)):]
		if strings.HasPrefix(head, "@") {
			continue // @media, @font-face…
		}
		decls := parseDecls(body)
		for _, sel := range strings.Split(head, ",") {
			if r, ok := selectorRule(strings.TrimSpace(sel)); ok {
				r.order, r.decls = len(rules), decls
				rules = append(rules, r)
			}
		}
	}
	return rules
}

// matchingBrace returns the index of the brace closing the one at open,
// or len(s).
func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// stripCSSComments takes /* comments */ out of css.
func stripCSSComments(css string) string {
	for {
		i := strings.Index(css, "/*")
		if i < 0 {
			return css
		}
		j := strings.Index(css[i+2:], "*/")
		if j < 0 {
			return css[:i]
		}
		css = css[:i] + " " + css[i+2+j+2:]
	}
}

// selectorRule reads a selector of compound selectors and combinators.
func selectorRule(sel string) (cssRule, bool) {
	var r cssRule
	child := false
	for _, f := range strings.Fields(strings.ReplaceAll(sel, ">", " > ")) {
		if f == ">" {
			if child || len(r.compounds) == 0 {
				return cssRule{}, false
			}
			child = true
			continue
		}
		c, specificity, ok := compound(f)
		if !ok {
			return cssRule{}, false
		}
		c.child = child && len(r.compounds) > 0
		r.compounds = append(r.compounds, c)
		r.specificity += specificity
		child = false
	}
	return r, len(r.compounds) > 0 && !child
}

// compound reads a compound selector and its specificity.
func compound(sel string) (cssCompound, int, bool) {
	m := compoundSelector.FindStringSubmatch(sel)
	if m == nil || sel == "" {
		return cssCompound{}, 0, false
	}
	c, specificity := cssCompound{tag: m[1]}, 0
	if c.tag != "" && c.tag != "*" {
		specificity = 1
	}
	for rest := m[2]; rest != ""; {
		end := strings.IndexAny(rest[1:], ".#") + 1
		if end == 0 {
			end = len(rest)
		}
		if rest[0] == '#' {
			c.id = rest[1:end]
			specificity += 100
		} else {
			c.classes = append(c.classes, rest[1:end])
			specificity += 10
		}
		rest = rest[end:]
	}
	return c, specificity, true
}

// parseDecls reads declarations "prop: value; …", !important set aside.
func parseDecls(s string) []cssDecl {
	var out []cssDecl
	for _, d := range strings.Split(s, ";") {
		prop, value, ok := strings.Cut(d, ":")
		prop = strings.ToLower(strings.TrimSpace(prop))
		value = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important"))
		if ok && prop != "" && value != "" {
			out = append(out, cssDecl{prop, value})
		}
	}
	return out
}

// matches reports whether the rule selects an element under ancestors
// (the root first).
func (r *cssRule) matches(e cssElement, ancestors []cssElement) bool {
	last := len(r.compounds) - 1
	return r.compounds[last].matches(e) && r.matchesAbove(last, ancestors)
}

// matchesAbove reports whether the compounds before compounds[k], which
// matched an element, match among its ancestors as their combinators ask.
func (r *cssRule) matchesAbove(k int, ancestors []cssElement) bool {
	if k == 0 {
		return true
	}
	want := r.compounds[k-1]
	for i := len(ancestors) - 1; i >= 0; i-- {
		if want.matches(ancestors[i]) && r.matchesAbove(k-1, ancestors[:i]) {
			return true
		}
		if r.compounds[k].child {
			return false // only the parent may match
		}
	}
	return false
}

// matches reports whether the compound selects an element.
func (c *cssCompound) matches(e cssElement) bool {
	if c.tag != "" && c.tag != "*" && c.tag != e.tag {
		return false
	}
	if c.id != "" && c.id != e.id {
		return false
	}
	for _, cl := range c.classes {
		if !slices.Contains(e.classes, cl) {
			return false
		}
	}
	return true
}

// graphicElements are the elements that draw, which visibility:hidden
// takes away (a group's hidden children may be made visible again).
var graphicElements = map[string]bool{"path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "text": true, "image": true, "use": true}

// cascadeStyles returns an SVG image (well-formed, as svgclean writes it)
// with its style sheets' declarations in its elements' style
// attributes, its style elements and hidden elements left out; data
// itself when it has neither a style element nor anything hidden, or
// cannot be read.
func cascadeStyles(data []byte) []byte {
	if !bytes.Contains(data, []byte("<style")) && !bytes.Contains(data, []byte("visibility")) && !bytes.Contains(data, []byte("display")) &&
		!bytes.Contains(data, []byte("stop-")) {
		return data
	}
	rules, ok := styleSheets(data)
	if !ok {
		return data
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var out bytes.Buffer
	visible := []bool{true} // the inherited visibility of each open element
	var ancestors []cssElement
	skip := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return data
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			decls, el := elementStyle(tok, ancestors, rules)
			display, visibility := lastValue(decls, "display"), lastValue(decls, "visibility")
			vis := visible[len(visible)-1]
			if visibility != "" && visibility != "inherit" {
				vis = visibility == "visible"
			}
			if tok.Name.Local == "style" || display == "none" || !vis && graphicElements[tok.Name.Local] {
				skip = 1
				continue
			}
			visible = append(visible, vis)
			ancestors = append(ancestors, el)
			if decls == nil {
				decls = []cssDecl{} // its style attribute is in decls, if any
			}
			writeStart(&out, tok, decls)
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			visible = visible[:len(visible)-1]
			ancestors = ancestors[:len(ancestors)-1]
			out.WriteString("</" + qualified(tok.Name) + ">")
		case xml.CharData:
			if skip == 0 && len(visible) > 1 { // none outside the root
				escapeCharData(&out, tok)
			}
		case xml.ProcInst:
			if tok.Target == "xml" {
				out.WriteString("<?xml " + string(tok.Inst) + "?>")
			}
		}
	}
	return out.Bytes()
}

// styleSheets reads the rules of an image's style elements.
func styleSheets(data []byte) ([]cssRule, bool) {
	var rules []cssRule
	d := xml.NewDecoder(bytes.NewReader(data))
	inStyle := false
	var css strings.Builder
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return rules, true
		}
		if err != nil {
			return nil, false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inStyle = tok.Name.Local == "style"
		case xml.EndElement:
			if tok.Name.Local == "style" {
				rules = parseCSS(css.String(), rules)
				css.Reset()
			}
			inStyle = false
		case xml.CharData:
			if inStyle {
				css.Write(tok)
			}
		}
	}
}

// elementStyle returns an element's declarations in the order they
// apply (its presentation attributes, the style sheets' rules by
// specificity and order, its style attribute), and what selectors read
// of it.
func elementStyle(e xml.StartElement, ancestors []cssElement, rules []cssRule) ([]cssDecl, cssElement) {
	var style string
	el := cssElement{tag: e.Name.Local}
	var decls []cssDecl
	for _, a := range e.Attr {
		switch {
		case a.Name.Space != "":
		case a.Name.Local == "id":
			el.id = a.Value
		case a.Name.Local == "class":
			el.classes = strings.Fields(a.Value)
		case a.Name.Local == "style":
			style = a.Value
		case a.Name.Local == "display" || a.Name.Local == "visibility":
			decls = append(decls, cssDecl{a.Name.Local, strings.TrimSpace(a.Value)})
		}
	}
	var matched []*cssRule
	for i := range rules {
		if rules[i].matches(el, ancestors) {
			matched = append(matched, &rules[i])
		}
	}
	slices.SortStableFunc(matched, func(a, b *cssRule) int { return a.specificity - b.specificity })
	for _, r := range matched {
		decls = append(decls, r.decls...)
	}
	return append(decls, parseDecls(style)...), el
}

// lastValue is the value of the last declaration of prop, or "".
func lastValue(decls []cssDecl, prop string) string {
	for i := len(decls) - 1; i >= 0; i-- {
		if decls[i].prop == prop {
			return strings.ToLower(decls[i].value)
		}
	}
	return ""
}

// writeStart writes a start tag with its attributes, and with decls (nil:
// as it is) its style attribute made of them, last, so that they win
// over the presentation attributes as a style sheet does. A gradient
// stop's colour and opacity are written as attributes, the one way oksvg
// reads them (Inkscape and Visio write them in a style).
func writeStart(out *bytes.Buffer, e xml.StartElement, decls []cssDecl) {
	out.WriteString("<" + qualified(e.Name))
	var stop []cssDecl
	if e.Name.Local == "stop" {
		for _, prop := range []string{"stop-color", "stop-opacity"} {
			if v := lastValue(decls, prop); v != "" {
				stop = append(stop, cssDecl{prop, v})
			}
		}
	}
	for _, a := range e.Attr {
		if a.Name.Space == "" && (a.Name.Local == "style" && decls != nil || slices.ContainsFunc(stop, func(d cssDecl) bool { return d.prop == a.Name.Local })) {
			continue
		}
		writeAttr(out, qualified(a.Name), a.Value)
	}
	for _, d := range stop {
		writeAttr(out, d.prop, d.value)
	}
	if len(decls) > 0 {
		var b strings.Builder
		for _, d := range decls {
			b.WriteString(d.prop + ":" + d.value + ";")
		}
		writeAttr(out, "style", b.String())
	}
	out.WriteString(">")
}

// escapeCharData writes text escaped as content: its line breaks and
// tabs as they are.
func escapeCharData(out *bytes.Buffer, text []byte) {
	for _, c := range text {
		switch c {
		case '&':
			out.WriteString("&amp;")
		case '<':
			out.WriteString("&lt;")
		case '>':
			out.WriteString("&gt;")
		default:
			out.WriteByte(c)
		}
	}
}

// writeAttr writes one attribute, escaped.
func writeAttr(out *bytes.Buffer, name, value string) {
	out.WriteString(" " + name + `="`)
	xml.EscapeText(out, []byte(value))
	out.WriteString(`"`)
}
