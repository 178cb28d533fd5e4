package layout

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// inheritStops gives each gradient of an SVG image that has no stops of
// its own the stops of the gradient it refers to (href, followed as far
// as it goes), as SVG has it: Inkscape writes every gradient it
// transforms as a reference to one that holds the colours. And it
// copies every gradient to the start of the image, as a shape may use
// one defined after it (Visio's). oksvg neither follows a reference nor
// looks ahead, and filled such a shape black. data is returned as it is
// when it has no gradient or cannot be read.
func inheritStops(data []byte) []byte {
	if !bytes.Contains(data, []byte("Gradient")) {
		return data
	}
	stops, refs, starts, ok := gradientStops(data)
	if !ok {
		return data
	}
	inherited := map[string]string{} // a gradient with no stops: the stops it takes
	for id, ref := range refs {
		if stops[id] != "" {
			continue
		}
		for range 16 { // a chain, or a loop, of references
			if s := stops[ref]; s != "" {
				inherited[id] = s
				break
			}
			if ref = refs[ref]; ref == "" {
				break
			}
		}
	}
	var defs strings.Builder // every gradient, its stops inherited
	for _, g := range starts {
		defs.WriteString(g.start)
		defs.WriteString(stops[g.id] + inherited[g.id])
		defs.WriteString(g.end)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var out bytes.Buffer
	var open []string // the ids of the gradients open, "" for other elements
	depth := 0
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
			depth++
			id := ""
			if isGradient(tok.Name.Local) {
				id = attrValue(tok, "id")
			}
			open = append(open, id)
			writeStart(&out, tok, nil)
			if depth == 1 && defs.Len() > 0 {
				out.WriteString("<defs>" + defs.String() + "</defs>")
			}
		case xml.EndElement:
			depth--
			if id := open[len(open)-1]; id != "" {
				out.WriteString(inherited[id])
			}
			open = open[:len(open)-1]
			out.WriteString("</" + qualified(tok.Name) + ">")
		case xml.CharData:
			if depth > 0 {
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

// isGradient reports a gradient element.
func isGradient(local string) bool { return local == "linearGradient" || local == "radialGradient" }

// gradientTags are a gradient's id and its start and end tags, written
// out.
type gradientTags struct{ id, start, end string }

// gradientStops returns the stops of each gradient with an id, written
// out, the gradient each gradient refers to, and the gradients' tags in
// the order of the image.
func gradientStops(data []byte) (stops, refs map[string]string, tags []gradientTags, ok bool) {
	stops, refs = map[string]string{}, map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(data))
	current := "" // the gradient whose stops are being read
	var b bytes.Buffer
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return stops, refs, tags, true
		}
		if err != nil {
			return nil, nil, nil, false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case isGradient(tok.Name.Local):
				current = attrValue(tok, "id")
				if href := attrValue(tok, "href"); strings.HasPrefix(href, "#") && current != "" {
					refs[current] = href[1:]
				}
				if current != "" {
					b.Reset()
					writeStart(&b, tok, nil)
					tags = append(tags, gradientTags{id: current, start: b.String(), end: "</" + qualified(tok.Name) + ">"})
				}
			case tok.Name.Local == "stop" && current != "":
				b.Reset()
				writeStart(&b, tok, nil)
				b.WriteString("</" + qualified(tok.Name) + ">")
				stops[current] += b.String()
			}
		case xml.EndElement:
			if isGradient(tok.Name.Local) {
				current = ""
			}
		}
	}
}

// attrValue is the value of an element's attribute with the local name,
// in any namespace (href and xlink:href alike), or "".
func attrValue(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
