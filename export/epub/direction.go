package epub

import "github.com/galley-pub/galley/export/doc"

// langDirAttrs gives a block whose text starts in another script than the
// document's language its lang (doc.InlinesLang), and dir when its text's
// direction differs from its container's (doc.InlinesDirection), as the
// PDF sets each paragraph in its text's direction (but a tight list
// item's, written without <p>, in the list's; and none inside a div
// whose dir attribute sets the direction of all it holds).
func (p *page) langDirAttrs(content []doc.Inline) {
	if lang := doc.InlinesLang(content, p.b.lang); lang != "" {
		p.attr("lang", lang)
		p.attr("xml:lang", lang)
	}
	if rtl, found := doc.InlinesDirection(content); found && rtl != p.rtl && !p.dirSet {
		p.attr("dir", dirName(rtl))
	}
}

// enterDir gives a container (a list, a quote, a callout) whose
// text's direction (doc.Direction) differs from its own container's the
// dir attribute, and makes it the direction of what it holds, as the PDF
// sides the container's marker, indent and rule by it. It returns the
// direction to restore once the container is closed.
func (p *page) enterDir(n doc.Node) (outer bool) {
	outer = p.rtl
	if rtl, found := doc.Direction(n); found && rtl != p.rtl && !p.dirSet {
		p.attr("dir", dirName(rtl))
		p.rtl = rtl
	}
	return outer
}

// dirName is the dir attribute's value for a direction.
func dirName(rtl bool) string {
	if rtl {
		return "rtl"
	}
	return "ltr"
}
