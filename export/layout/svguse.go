package layout

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// An SVG image may draw an element of its own again with <use href="#id"
// x y>: cairo and pdf2svg (Comprehensive Rust's CXX diagram) draw every
// letter as a <use> of a <symbol> of its outline. oksvg keeps only the
// first of an image's definitions, and draws no symbol, so such a diagram
// came out as its boxes alone. inlineUses gives oksvg the image with each
// such <use> replaced by a group holding a copy of what it names (a
// symbol's children), moved by the use's x and y, as SVG defines it.

// maxUseDepth bounds uses of elements that use others; maxUseGrowth
// bounds the image's growth by copies, as a multiple of its size.
const (
	maxUseDepth  = 8
	maxUseGrowth = 16
)

// inlineUses returns data with its uses of its own elements inlined, or
// data itself when it has none, cannot be read, or would grow too much.
func inlineUses(data []byte) []byte {
	if !bytes.Contains(data, []byte("<use")) {
		return data
	}
	doc, ok := readSVGTokens(data)
	if !ok {
		return data
	}
	w := useWriter{svgTokens: doc, limit: maxUseGrowth * len(data)}
	w.emit(0, len(w.toks), 0)
	if w.over {
		return data
	}
	return w.out.Bytes()
}

// useWriter writes an image's tokens, inlining uses.
type useWriter struct {
	svgTokens
	out   bytes.Buffer
	limit int
	over  bool // the output passed limit
}

// emit writes the tokens from i to j (exclusive), inside depth uses.
func (w *useWriter) emit(i, j, depth int) {
	for ; i < j && !w.over; i++ {
		start, ok := w.toks[i].(xml.StartElement)
		if ok && start.Name.Local == "use" && depth < maxUseDepth {
			if target, found := w.useTarget(start); found {
				w.inline(start, target, depth)
				i = w.end[i]
				continue
			}
		}
		w.token(w.toks[i], "")
		if w.out.Len() > w.limit {
			w.over = true
		}
	}
}

// useTarget is the index of the element a use names.
func (w *useWriter) useTarget(use xml.StartElement) (int, bool) {
	href := attr(use.Attr, "href") // href, or xlink:href (the local name)
	id, ok := strings.CutPrefix(strings.TrimSpace(href), "#")
	if !ok {
		return 0, false
	}
	at, found := w.byID[id]
	return at, found
}

// inline writes a use as a group of its target's copy: the use's other
// attributes (its paint, its transform) on the group, then its x and y
// as a translation.
func (w *useWriter) inline(use xml.StartElement, target, depth int) {
	g := xml.StartElement{Name: xml.Name{Local: "g"}}
	transform := attr(use.Attr, "transform")
	x, _ := strconv.ParseFloat(strings.TrimSpace(attr(use.Attr, "x")), 64)
	y, _ := strconv.ParseFloat(strings.TrimSpace(attr(use.Attr, "y")), 64)
	if x != 0 || y != 0 {
		transform = strings.TrimSpace(transform + " translate(" + strconv.FormatFloat(x, 'g', -1, 64) + "," + strconv.FormatFloat(y, 'g', -1, 64) + ")")
	}
	for _, a := range use.Attr {
		switch a.Name.Local {
		case "href", "x", "y", "width", "height", "transform", "id":
		default:
			g.Attr = append(g.Attr, a)
		}
	}
	if transform != "" {
		g.Attr = append(g.Attr, xml.Attr{Name: xml.Name{Local: "transform"}, Value: transform})
	}
	w.token(g, "")
	el := w.toks[target].(xml.StartElement)
	if el.Name.Local == "symbol" {
		w.emit(target+1, w.end[target], depth+1)
	} else {
		w.token(el, "id") // a copy: the id stays the original's
		w.emit(target+1, w.end[target]+1, depth+1)
	}
	w.token(xml.EndElement{Name: xml.Name{Local: "g"}}, "")
}

// token writes one token, without the attribute named drop.
func (w *useWriter) token(tok xml.Token, drop string) { writeToken(&w.out, tok, drop) }

// svgTokens is an SVG image read as tokens: each start element's end, and
// the first element of each id.
type svgTokens struct {
	toks []xml.Token
	end  map[int]int // a start element's index → its end element's
	byID map[string]int
}

// readSVGTokens reads an image's tokens; false when it is not well formed.
func readSVGTokens(data []byte) (svgTokens, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	doc := svgTokens{end: map[int]int{}, byID: map[string]int{}}
	var stack []int
	for {
		tok, err := d.RawToken()
		if err != nil {
			if err != io.EOF {
				return doc, false
			}
			break
		}
		tok = xml.CopyToken(tok)
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, len(doc.toks))
			if id := attr(t.Attr, "id"); id != "" {
				if _, dup := doc.byID[id]; !dup {
					doc.byID[id] = len(doc.toks)
				}
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return doc, false
			}
			doc.end[stack[len(stack)-1]] = len(doc.toks)
			stack = stack[:len(stack)-1]
		}
		doc.toks = append(doc.toks, tok)
	}
	return doc, len(stack) == 0
}

// writeToken writes one token to b, without the attribute named drop.
func writeToken(b *bytes.Buffer, tok xml.Token, drop string) {
	switch t := tok.(type) {
	case xml.StartElement:
		b.WriteString("<" + qualified(t.Name))
		for _, a := range t.Attr {
			if a.Name.Space == "" && a.Name.Local == drop {
				continue
			}
			b.WriteString(" " + qualified(a.Name) + `="`)
			xml.EscapeText(b, []byte(a.Value))
			b.WriteString(`"`)
		}
		b.WriteString(">")
	case xml.EndElement:
		b.WriteString("</" + qualified(t.Name) + ">")
	case xml.CharData:
		xml.EscapeText(b, t)
	case xml.Comment:
		b.WriteString("<!--" + string(t) + "-->")
	case xml.ProcInst:
		b.WriteString("<?" + t.Target + " " + string(t.Inst) + "?>")
	case xml.Directive:
		b.WriteString("<!" + string(t) + ">")
	}
}

// qualified is a name as written, with its prefix.
func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}
