package svgclean

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// The cases, numbered as in a spec: an input, what the cleaned image must
// hold and must not, and the warnings' descriptions.
var cases = []struct {
	in           string
	has, hasNot  []string
	removed      []string
	errSubstring string
}{
	// 1. A drawing program's DOCTYPE with entities for its namespaces:
	// the entities are resolved, the DOCTYPE goes, nothing is reported.
	{in: `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
<!ENTITY ns_svg "http://www.w3.org/2000/svg"><!ENTITY ns_xlink 'http://www.w3.org/1999/xlink'>]>
<svg xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`,
		has:    []string{`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`, `<rect width="10" height="10"></rect>`},
		hasNot: []string{"DOCTYPE", "ENTITY", "svg11.dtd"}},
	// 2. Scripts and event handlers go, with what is inside them.
	{in: `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="1" onclick="x()"/></svg>`,
		has: []string{`<circle r="1"></circle>`}, hasNot: []string{"alert", "onload", "onclick", "script"},
		removed: []string{"event handler attribute", "script"}},
	// 3. Links: to the image's own elements and to embedded images stay;
	// javascript: (however spaced) and external ones go, and a link left
	// with no target is unwrapped.
	{in: `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g id="a"/><use xlink:href="#a"/><image href="data:image/png;base64,AAAA"/>` +
		`<a xlink:href=" java script:alert(1)"><text>x</text></a><image href="https://example.org/track.png"/></svg>`,
		has:     []string{`<use xlink:href="#a"></use>`, `<image href="data:image/png;base64,AAAA"></image>`, `<text>x</text><image></image>`},
		hasNot:  []string{"javascript", "example.org", "<a"},
		removed: []string{"javascript: link", "external reference"}},
	// 4. Styles lose @import and url()s that leave the image.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="g"/><style>@import url(http://x/y.css); rect { fill: url(#g); background: url('http://x/z.png') }</style>` +
		`<rect style="fill:url(#g);filter:url(https://x/f.svg#f)"/></svg>`,
		has:     []string{"fill: url(#g)", "background: none", `style="fill:url(#g);filter:none"`},
		hasNot:  []string{"@import", "http://x", "https://x"},
		removed: []string{"style sheet import", "external reference"}},
	// 5. HTML inside the image, and embedded documents, go.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi<iframe src="x"/></div></foreignObject><g/></svg>`,
		has: []string{"<g></g>"}, hasNot: []string{"foreignObject", "div", "iframe"}, removed: []string{"foreignObject (HTML inside the image)"}},
	// 6. An animation that would set a link goes; one of a colour stays.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="fill" to="red"/></a></svg>`,
		has: []string{`<animate attributeName="fill" to="red"></animate>`}, hasNot: []string{"<set", "alert"},
		removed: []string{"animation of a link or handler"}},
	// 7. A root with no namespace gets SVG's, and xlink's when it is used.
	{in: `<svg viewBox="0 0 1 1"><use xlink:href="#a"/></svg>`,
		has: []string{`xmlns="http://www.w3.org/2000/svg"`, `xmlns:xlink="http://www.w3.org/1999/xlink"`}},
	// 8. HTML entities resolve; text and CDATA are escaped again.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><text>a&nbsp;b &amp; <![CDATA[<c>]]></text></svg>`,
		has: []string{"<text>a\u00a0b &amp; &lt;c&gt;</text>"}},
	// 9. Not SVG, or not well-formed: an error.
	{in: `<html><body/></html>`, errSubstring: "root element is <html>"},
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><g></svg>`, errSubstring: "not a well-formed"},
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><g>`, errSubstring: "not a well-formed"},
	{in: ``, errSubstring: "no root element"},
	// 10. Too many elements to draw in time: an error.
	{in: `<svg xmlns="http://www.w3.org/2000/svg">` + strings.Repeat("<g/>", MaxElements) + `</svg>`, errSubstring: "more than 100000 elements"},
	// 11. Ids that are no XML names (a drawing program's "template(57356)",
	// one starting with a digit) are made names, and the links, paints
	// and styles that refer to them follow; a valid id is kept. A link
	// to an id the image does not give goes, and a paint of one is none.
	{in: `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g id="template(57356)"/><g id="1st"/><g id='ok-1.b'/>` +
		`<use xlink:href="#template(57356)"/><rect fill="url(#1st)" style="stroke:url('#1st')"/><use href="#ok-1.b"/>` +
		`<use href="#gone"/><rect fill="url(#gridpattern)"/></svg>`,
		has: []string{`<g id="template_x28_57356_x29_">`, `<g id="_x31_st">`, `<g id="ok-1.b">`, `<use xlink:href="#template_x28_57356_x29_">`,
			`fill="url(#_x31_st)"`, `style="stroke:url(&#39;#_x31_st&#39;)"`, `<use href="#ok-1.b">`, `<use></use><rect fill="none" width="0" height="0">`},
		hasNot: []string{"gone", "gridpattern"}},
	// 12. svg-edit's canvas grid: a group's x, y, width and height, which
	// SVG does not allow on a group, go; a rectangle's stay. So do its
	// text-anchor "left" and its "null" values, which no browser reads.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><g display="none" y="0" x="0" height="100%" width="100%" id="canvasGrid"><rect y="0" x="0" height="100%" width="100%"/></g>` +
		`<text text-anchor="left">a</text><text text-anchor="middle">b</text><rect stroke-opacity="null" fill="undefined" id="null" width="1"/></svg>`,
		has: []string{`<g display="none" id="canvasGrid">`, `<rect y="0" x="0" height="100%" width="100%">`, `<text>a</text>`, `<text text-anchor="middle">b</text>`,
			`<rect id="null" width="1" height="0">`},
		hasNot: []string{"left", "undefined", "stroke-opacity"}},
	// 13. Inkscape's flowed text, which no browser draws, goes silently.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><flowRoot><flowRegion><rect width="9"/></flowRegion><flowPara>Hi</flowPara></flowRoot><g/></svg>`,
		has: []string{"<g></g>"}, hasNot: []string{"flow", "Hi"}},
	// 14. Mermaid's label, HTML in a foreignObject, is set as SVG text:
	// centred in its box as its HTML centres it, a line a block, its
	// lines' middle at the box's, at the HTML's line height.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><g class="label" transform="translate(-60, -24)"><rect/><foreignObject width="120" height="48">` +
		`<div xmlns="http://www.w3.org/1999/xhtml" style="display: table-cell; white-space: nowrap; line-height: 1.5; max-width: 200px; text-align: center;">` +
		`<span class="nodeLabel"><p>Write &amp; <b>check</b></p><p>Markdown</p></span></div></foreignObject></g></svg>`,
		has:    []string{`<rect width="0" height="0"></rect><text x="60" y="24" text-anchor="middle"><tspan x="60" dy="-0.400em">Write &amp; check</tspan><tspan x="60" dy="1.500em">Markdown</tspan></text></g>`},
		hasNot: []string{"foreignObject", "div", "<p>"}},
	// 15. A label that is not centred starts at its box's left, in its
	// colour, under the foreignObject's own transform; an image in it is
	// reported, its text kept.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject x="10" y="5" width="100" height="20" transform="rotate(90)">` +
		`<div xmlns="http://www.w3.org/1999/xhtml" style="color: #ff0000">Edge<img src="x.png"/></div></foreignObject></svg>`,
		has:     []string{`<text x="10" y="15" text-anchor="start" transform="rotate(90)" fill="#ff0000"><tspan x="10" dy="0.350em">Edge</tspan></text>`},
		hasNot:  []string{"img", "x.png"},
		removed: []string{"what text cannot stand for in a foreignObject (HTML inside the image)"}},
	// 16. In a <switch>, the text after the foreignObject stands for it
	// (draw.io): the foreignObject goes and the text is kept.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><switch><foreignObject width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility">` +
		`<div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject><text x="5" y="5">Label</text></switch></svg>`,
		has:     []string{`<switch><text x="5" y="5">Label</text></switch>`},
		hasNot:  []string{"foreignObject", "div"},
		removed: []string{"foreignObject (HTML inside the image)"}},
	// 17. What SVG 1.1's schema refuses and Mermaid writes: a rect with no
	// size is given 0 (none is drawn either way), a role list keeps its
	// last role, and the root a role the schema allows it.
	{in: `<svg xmlns="http://www.w3.org/2000/svg" role="graphics-document document"><rect width="5"/><rect/><g role="graphics-symbol img"/></svg>`,
		has: []string{`<svg xmlns="http://www.w3.org/2000/svg" role="document">`, `<rect width="5" height="0"></rect><rect width="0" height="0"></rect><g role="img"></g>`}},
	{in: `<svg xmlns="http://www.w3.org/2000/svg" role="graphics-document"><g role=" "/></svg>`,
		has: []string{`<svg xmlns="http://www.w3.org/2000/svg">`, `<g></g>`}},
	// 18. Mermaid's name attributes and a path's viewBox go; a
	// transform-origin is folded into its transform (and goes alone).
	{in: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect width="1" height="1" name="T"/><path d="M0 0" viewBox="0 0 15 15"/>` +
		`<rect width="1" height="1" transform-origin="10px 20" transform="scale(2)"/><rect width="1" height="1" transform-origin="-5px 2px" transform="rotate(9)"/>` +
		`<rect width="1" height="1" transform-origin="136px 60px"/></svg>`,
		has: []string{`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">`, `<rect width="1" height="1"></rect><path d="M0 0"></path>`,
			`<rect width="1" height="1" transform="translate(10 20) scale(2) translate(-10 -20)"></rect>`,
			`<rect width="1" height="1" transform="translate(-5 2) rotate(9) translate(5 -2)"></rect>`,
			`<rect width="1" height="1"></rect></svg>`},
		hasNot: []string{"name=", "transform-origin"}},
	// 19. A path with no d (matplotlib's glyph of a space, defined for
	// <use>) gets an empty one, which SVG 1.1 wants and draws nothing.
	{in: `<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="DejaVuSans-20" transform="scale(0.015625)"/></defs></svg>`,
		has: []string{`<path id="DejaVuSans-20" transform="scale(0.015625)" d=""></path>`}},
}

func TestClean(t *testing.T) {
	for i, c := range cases {
		out, removed, err := Clean([]byte(c.in))
		if c.errSubstring != "" {
			if err == nil || !strings.Contains(err.Error(), c.errSubstring) {
				t.Errorf("case %d: error %v, want one with %q", i+1, err, c.errSubstring)
			}
			continue
		}
		if err != nil {
			t.Errorf("case %d: %v", i+1, err)
			continue
		}
		for _, s := range c.has {
			if !bytes.Contains(out, []byte(s)) {
				t.Errorf("case %d: output lacks %q:\n%s", i+1, s, out)
			}
		}
		for _, s := range c.hasNot {
			if bytes.Contains(out, []byte(s)) {
				t.Errorf("case %d: output has %q:\n%s", i+1, s, out)
			}
		}
		if strings.Join(removed, "|") != strings.Join(c.removed, "|") {
			t.Errorf("case %d: removed %q, want %q", i+1, removed, c.removed)
		}
		wellFormed(t, i+1, out)
	}
}

// wellFormed parses out strictly, as an EPUB reader's XML parser would.
func wellFormed(t *testing.T, n int, out []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("case %d: the output is not well-formed: %v\n%s", n, err, out)
			return
		}
	}
}

// FuzzClean: any input gives an error or a well-formed image with no
// script in it.
func FuzzClean(f *testing.F) {
	for _, c := range cases {
		if len(c.in) < 10000 {
			f.Add([]byte(c.in))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, _, err := Clean(data)
		if err != nil {
			return
		}
		wellFormed(t, 0, out)
		d := xml.NewDecoder(bytes.NewReader(out))
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				if se.Name.Local == "script" {
					t.Fatalf("a script survived:\n%s", out)
				}
				for _, a := range se.Attr {
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") && a.Name.Space == "" {
						t.Fatalf("a handler survived:\n%s", out)
					}
				}
			}
		}
	})
}
