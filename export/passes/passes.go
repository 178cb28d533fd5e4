// Package passes holds the format-independent work on the document tree:
// heading ids, the outline, footnote numbers, the further-reading appendix,
// the link and glyph checks, and the highlighting of code. They run once,
// after the reader and before the renderers, so the PDF and the EPUB agree
// on every id, number and colour.
package passes

import (
	"fmt"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Options configures the passes.
type Options struct {
	// Covers reports whether the PDF's fonts can draw a character. Nil
	// skips the glyph check.
	Covers func(r rune) bool
	// LinkBase, when set, is the URL the document is published at
	// (options.ParseLinkBase's): ResolveLinks resolves relative links
	// against it.
	LinkBase string
	// Highlighted says the code blocks are highlighted already (Highlight
	// ran, while the fonts were found): Run does not again.
	Highlighted bool
	// Appendix is what the further-reading appendix lists.
	Appendix AppendixContents
	// Self is the document's own file name ("notes.md"), for a document
	// read from one file: SelfLinks makes links to it internal.
	Self string
}

// AppendixContents is what the further-reading appendix lists.
type AppendixContents int

// The appendix's contents.
const (
	ReferencesAndLinks AppendixContents = iota // the front matter's references, then every link cited
	ReferencesOnly                             // the front matter's references alone
	NoAppendix                                 // none: Document.Appendix is nil
)

// Run fills in the derived parts of d (example numbers, heading ids,
// equation numbers and cross-references, Outline, footnote numbers, Appendix, code blocks'
// Tokens) and adds warnings to diags.
// Running it twice gives the same tree and the same warnings, except that
// a duplicate explicit id, and a formula's \eqref to a label no formula
// has, are reported only by the first run: the second finds the id
// already unique, and the reference already printed "(??)".
func Run(d *doc.Document, opts Options, diags *diag.List) {
	Transform(d, opts, diags)
	Check(d, opts, diags)
}

// Transform is the part of Run that changes the tree: all of it but
// Check. Its warnings go to diags.
func Transform(d *doc.Document, opts Options, diags *diag.List) {
	NumberExamples(d, diags)
	AssignHeadingIDs(d, diags)
	NumberEquations(d, diags)
	CrossReferences(d, diags)
	SelfLinks(d, opts.Self) // before a link base makes them links to the published page
	if opts.LinkBase != "" {
		ResolveLinks(d, opts.LinkBase)
	}
	BuildOutline(d)
	NumberFootnotes(d, diags)
	Citations(d, opts.Appendix != NoAppendix, diags)
	switch opts.Appendix {
	case ReferencesAndLinks:
		BuildAppendix(d)
	case ReferencesOnly:
		buildAppendix(d, false)
	case NoAppendix:
		d.Appendix = nil
	default:
		panic(fmt.Sprintf("passes: unknown appendix contents %d", opts.Appendix))
	}
	CheckLinks(d, opts.Self, diags) // it mends the fragments GitHub would find
	if !opts.Highlighted {
		Highlight(d)
	}
}

// Check is the part of Run that only reads the tree, after Transform:
// the checks of alt text, language, undrawn code and glyphs, whose
// warnings go to diags. It changes nothing, so it may run while the
// renderers read the same tree (the build runs it beside them).
func Check(d *doc.Document, opts Options, diags *diag.List) {
	CheckAltText(d, diags)
	CheckLanguage(d, diags)
	CheckUndrawnCode(d, diags)
	if opts.Covers != nil {
		CheckGlyphs(d, opts.Covers, diags)
	}
}

// BuildOutline sets d.Outline to every heading in document order, with its
// id, level and plain-text title, headings inside callouts, block quotes,
// list items and definitions included. Headings inside footnotes are left
// out: a note is not a section, and the PDF prints notes at the foot of
// whatever page cites them; so are unlisted headings (doc.UnlistedClass).
// Run it after AssignHeadingIDs.
func BuildOutline(d *doc.Document) {
	d.Outline = nil
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Heading:
			if n.Attr.HasClass(doc.UnlistedClass) {
				return false
			}
			d.Outline = append(d.Outline, &doc.OutlineEntry{
				Pos:     n.Pos,
				Level:   n.Level,
				ID:      n.Attr.ID,
				Title:   doc.PlainText(n.Content),
				Content: n.Content,
				Heading: n,
			})
			return false
		case *doc.FootnoteDef, *doc.Appendix:
			return false // headings in notes are not sections
		}
		return true
	})
}

// CheckAltText warns about every image with no alt text that is not marked
// decorative: screen readers have nothing to say for it, and the outputs
// withdraw their accessibility conformance claims (--strict makes it an
// error).
func CheckAltText(d *doc.Document, diags *diag.List) {
	doc.Inspect(d, func(n doc.Node) bool {
		if img, ok := n.(*doc.Image); ok && !img.Described() {
			diags.Warnf(img.Pos, "image %q has no alt text: describe it, or mark it {.decorative} (alt=\"\" in HTML) if it only decorates", img.URL)
		}
		return true
	})
}

// CheckUndrawnCode warns, at each, of the code blocks whose language is
// one that GitHub, a preprocessor of mdBook's or a filter of pandoc's
// draws as a figure or a formula (undrawnKind): galley prints their
// source as code, which is not what their author showed. (Dollar math,
// $ … $ and $$ … $$, and GitHub's math blocks are formulas the Markdown
// reader makes.)
func CheckUndrawnCode(d *doc.Document, diags *diag.List) {
	doc.Inspect(d, func(n doc.Node) bool {
		switch b := n.(type) {
		case *doc.CodeBlock:
			lang := strings.ToLower(strings.TrimSpace(b.Language))
			if kind := undrawnKind(lang); kind != "" {
				diags.Warnf(b.Pos, "a %q block is a %s, which galley does not draw; its source is printed as code", lang, kind)
			}
		}
		return true
	})
}

// undrawnKind is what a code block of language lang is drawn as
// elsewhere, when galley prints it as code; "" for any other language.
func undrawnKind(lang string) string {
	switch lang {
	case "mermaid":
		return "Mermaid diagram"
	case "plantuml", "puml":
		return "PlantUML diagram"
	case "svgbob", "bob":
		return "Svgbob diagram"
	case "geojson", "topojson":
		return "map (GitHub's)"
	case "stl":
		return "3D model (GitHub's)"
	}
	return ""
}
