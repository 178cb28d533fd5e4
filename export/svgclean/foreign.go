package svgclean

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// Mermaid writes each label of its diagrams as HTML in a <foreignObject>
// (<div><span><p>Write Markdown</p></span></div>), which no PDF drawing
// reads and an e-book's SVG may not hold as Mermaid writes it (a <p> in a
// <span>): the labels were left out of both outputs, leaving empty boxes.
// foreignText sets such a label as SVG text instead: its lines, one per
// block of the HTML, centred in the foreignObject's box when the HTML
// centres them, vertically centred as the HTML's table cell or flex box
// centres them.

// foreignText collects a foreignObject's HTML while Clean skips it.
type foreignText struct {
	start    xml.StartElement
	lines    []string
	line     strings.Builder
	style    map[string]string // the first value of each property of the HTML's inline styles
	unshown  bool              // it holds what text cannot stand for (an image, a video…)
	elements int
}

// lineBreaking are the HTML elements that start and end a line.
var lineBreaking = map[string]bool{"div": true, "p": true, "br": true, "li": true, "tr": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true, "ul": true, "ol": true, "table": true}

// notText are the HTML elements whose content text cannot stand for.
var notText = map[string]bool{"img": true, "video": true, "audio": true, "canvas": true, "svg": true, "math": true, "iframe": true,
	"object": true, "embed": true, "input": true, "button": true, "select": true, "textarea": true, "picture": true}

// newForeignText starts collecting the HTML of a foreignObject.
func newForeignText(start xml.StartElement) *foreignText {
	return &foreignText{start: start, style: map[string]string{}}
}

// open takes an element of the HTML.
func (f *foreignText) open(e xml.StartElement) {
	f.elements++
	name := strings.ToLower(e.Name.Local)
	if notText[name] {
		f.unshown = true
	}
	if lineBreaking[name] {
		f.breakLine()
	}
	for _, a := range e.Attr {
		if a.Name.Local != "style" {
			continue
		}
		for _, decl := range strings.Split(a.Value, ";") {
			if k, v, ok := strings.Cut(decl, ":"); ok {
				k = strings.ToLower(strings.TrimSpace(k))
				if _, set := f.style[k]; !set {
					f.style[k] = strings.TrimSpace(v)
				}
			}
		}
	}
}

// close takes the end of an element of the HTML.
func (f *foreignText) close(e xml.EndElement) {
	if lineBreaking[strings.ToLower(e.Name.Local)] {
		f.breakLine()
	}
}

// text takes the HTML's text, its spaces collapsed.
func (f *foreignText) text(s []byte) {
	f.line.Write(s)
}

// breakLine ends the line being collected, if it has any text.
func (f *foreignText) breakLine() {
	if line := strings.Join(strings.Fields(f.line.String()), " "); line != "" {
		f.lines = append(f.lines, line)
	}
	f.line.Reset()
}

// write writes the label as an SVG <text>, one <tspan> a line; it
// reports false when it cannot (a box it cannot read: draw.io's 100%
// boxes place their HTML with padding), and the caller leaves the
// foreignObject out.
func (f *foreignText) write(out *bytes.Buffer) bool {
	f.breakLine()
	if len(f.lines) == 0 {
		return true // nothing to set
	}
	var box [4]float64
	for i, name := range []string{"x", "y", "width", "height"} {
		v := strings.TrimSuffix(strings.TrimSpace(attrValue(f.start, name)), "px")
		if v == "" && i < 2 {
			continue
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || i >= 2 && n <= 0 {
			return false
		}
		box[i] = n
	}
	lineHeight := 1.2
	if v, err := strconv.ParseFloat(f.style["line-height"], 64); err == nil && v > 0 && v < 10 {
		lineHeight = v
	}
	x, anchor := box[0], "start"
	switch f.style["text-align"] {
	case "center":
		x, anchor = box[0]+box[2]/2, "middle"
	case "right", "end":
		x, anchor = box[0]+box[2], "end"
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	out.WriteString(`<text x="` + num(x) + `" y="` + num(box[1]+box[3]/2) + `" text-anchor="` + anchor + `"`)
	if t := attrValue(f.start, "transform"); t != "" {
		out.WriteString(` transform="`)
		xml.EscapeText(out, []byte(t))
		out.WriteString(`"`)
	}
	if c := f.style["color"]; c != "" && !strings.ContainsAny(c, `"<>&`) {
		out.WriteString(` fill="` + c + `"`)
	}
	out.WriteString(">")
	// the lines' middle at the box's: the first baseline (n-1)/2 lines
	// above it, less the 0.35em from a line's middle to its baseline
	dy := 0.35 - float64(len(f.lines)-1)*lineHeight/2
	for _, line := range f.lines {
		out.WriteString(`<tspan x="` + num(x) + `" dy="` + strconv.FormatFloat(dy, 'f', 3, 64) + `em">`)
		xml.EscapeText(out, []byte(line))
		out.WriteString("</tspan>")
		dy = lineHeight
	}
	out.WriteString("</text>")
	return true
}

// attrValue returns the value of an element's attribute named local, or "".
func attrValue(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
