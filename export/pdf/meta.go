package pdf

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/galley-pub/galley/export/doc"
)

// pdfDate is a date as the document information writes it.
func pdfDate(t time.Time) string { return t.Format("D:20060102150405Z") }

// infoDict is the document information dictionary.
func infoDict(meta doc.Meta, modified time.Time) []byte {
	var b strings.Builder
	b.WriteString("<<")
	add := func(key, v string) {
		if v != "" {
			b.WriteString("/" + key + textString(strings.ToValidUTF8(v, "\uFFFD")))
		}
	}
	add("Title", meta.Title)
	add("Author", strings.Join(meta.Authors, ", "))
	add("Subject", meta.Description)
	add("Keywords", strings.Join(meta.Keywords, ", "))
	add("Creator", "galley")
	add("Producer", "galley")
	add("CreationDate", pdfDate(modified))
	add("ModDate", pdfDate(modified))
	b.WriteString(">>")
	return []byte(b.String())
}

// xmpPacket is the XMP metadata: the same facts as the document
// information, for readers and validators that look there.
// With ua it claims PDF/UA-1 (pdfuaid:part 1).
func xmpPacket(meta doc.Meta, modified time.Time, ua bool) []byte {
	esc := func(s string) string { return html.EscapeString(strings.ToValidUTF8(s, "\uFFFD")) }
	date := modified.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
`)
	if ua {
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	}
	fmt.Fprintf(&b, "<dc:format>application/pdf</dc:format>\n")
	if meta.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(meta.Title))
	}
	if len(meta.Authors) > 0 {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range meta.Authors {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", esc(a))
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if meta.Description != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(meta.Description))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(langTag(meta.Lang)))
	if len(meta.Keywords) > 0 {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(strings.Join(meta.Keywords, ", ")))
	}
	fmt.Fprintf(&b, "<pdf:Producer>galley</pdf:Producer>\n<xmp:CreatorTool>galley</xmp:CreatorTool>\n<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n", date, date)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}
