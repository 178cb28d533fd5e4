package epub

import "github.com/galley-pub/galley/export/doc"

// langDirAttrs gives a block whose text starts in another script than the
// document's language its lang, and dir when its direction differs
// (doc.InlinesLang).
func (p *page) langDirAttrs(content []doc.Inline) {
	lang, dir := doc.InlinesLang(content, p.b.lang)
	if lang != "" {
		p.attr("lang", lang)
		p.attr("xml:lang", lang)
	}
	if dir != "" {
		p.attr("dir", dir)
	}
}
