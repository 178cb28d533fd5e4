package markdown

import (
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// Quarto's conditional content: a fenced div or a span of class
// content-visible or content-hidden, with when-format="…" or
// unless-format="…", shows only in the output formats it names, or in
// all but them:
//
//	::: {.content-visible when-format="html"}   (a live widget)
//	::: {.content-visible when-format="pdf"}    (its picture)
//
// galley writes one tree for its two outputs, a PDF and an EPUB, so it
// keeps what shows in either (pdf, latex, epub and their aliases; print
// matter that suits both) and leaves out what shows in neither (html,
// revealjs, docx…), as the author asked, with a note once a file
// (chunkStats.otherFormats). A condition on the document's metadata
// (when-meta) cannot be read: such content is kept.

// galleyFormats are the names Quarto's format matching gives galley's
// outputs: its PDF (latex, pdf, beamer) and its EPUB (epub, epub2,
// epub3).
var galleyFormats = map[string]bool{"pdf": true, "latex": true, "beamer": true, "epub": true, "epub2": true, "epub3": true}

// conditionalShown reports whether content with attr shows in galley's
// outputs (true for content with no condition), and the condition that
// leaves it out when it does not.
func conditionalShown(attr doc.Attr) (shown bool, condition string) {
	visible, hidden := attr.HasClass("content-visible"), attr.HasClass("content-hidden")
	if !visible && !hidden {
		return true, ""
	}
	when, hasWhen := attr.Get("when-format")
	unless, hasUnless := attr.Get("unless-format")
	matches := true // the condition holds for one of galley's outputs
	switch {
	case hasWhen && hasUnless:
		matches = anyGalleyFormat(when) && !anyGalleyFormat(unless)
	case hasWhen:
		matches = anyGalleyFormat(when)
	case hasUnless:
		matches = !allGalleyFormats(unless)
	default:
		return true, "" // when-meta, or no condition: kept
	}
	if visible == matches {
		return true, ""
	}
	cond := strings.TrimSpace(strings.Join([]string{kvText("when-format", when, hasWhen), kvText("unless-format", unless, hasUnless)}, " "))
	if hidden {
		return false, ".content-hidden " + cond
	}
	return false, ".content-visible " + cond
}

// anyGalleyFormat reports whether the formats (separated by spaces or
// commas) name one of galley's outputs.
func anyGalleyFormat(formats string) bool {
	for _, f := range strings.FieldsFunc(formats, func(r rune) bool { return r == ' ' || r == ',' }) {
		if galleyFormats[strings.ToLower(f)] {
			return true
		}
	}
	return false
}

// allGalleyFormats reports whether the formats name both of galley's
// outputs, the PDF's and the EPUB's.
func allGalleyFormats(formats string) bool {
	pdf, epub := false, false
	for _, f := range strings.FieldsFunc(strings.ToLower(formats), func(r rune) bool { return r == ' ' || r == ',' }) {
		pdf = pdf || f == "pdf" || f == "latex" || f == "beamer"
		epub = epub || strings.HasPrefix(f, "epub")
	}
	return pdf && epub
}

// kvText writes key="value" when set.
func kvText(key, value string, set bool) string {
	if !set {
		return ""
	}
	return key + `="` + value + `"`
}
