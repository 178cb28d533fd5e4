package passes

import (
	"unicode"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// CheckGlyphs reports every character of d's printed text that the PDF
// cannot draw: those covers rejects, and every character outside the Basic
// Multilingual Plane, which the PDF writer cannot draw at all. Each
// distinct character is reported once, at its first occurrence, with the
// column counted in characters from the start of its text node (and the
// line counted inside a code block). Whitespace, control characters and
// invisible joiners, selectors and soft hyphens are never reported.
//
// The printed text is: the title, subtitle and authors of the front
// matter; text, inline code, code blocks and image descriptions anywhere in
// the tree (headings, table cells, link text and notes included); and the
// entries of the appendix.
func CheckGlyphs(d *doc.Document, covers func(r rune) bool, diags *diag.List) {
	g := glyphChecker{covers: covers, diags: diags, seen: map[rune]bool{}}
	m := d.Meta
	for _, s := range append([]string{m.Title, m.Subtitle}, m.Authors...) {
		g.checkField(s, m.Pos)
	}
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Text:
			g.checkText(n.Value, n.Pos)
		case *doc.Code:
			g.checkText(n.Value, n.Pos)
		case *doc.Image:
			g.checkField(n.Alt, n.Pos)
		case *doc.CodeBlock:
			g.checkText(n.Text, codeStart(n))
		case *doc.Reference:
			for _, s := range []string{n.Title, n.Author, n.Publisher, n.Note, n.URL} {
				g.checkField(s, n.Pos)
			}
		}
		return true
	})
}

// codeStart is the position of the first character of a code block's
// text. The reader places a fenced block at its opening fence, its text
// starting on the next line, and an indented block at its first
// character. A block with a language, or starting left of column 5 (where
// indented code cannot start), is fenced. Either way, each line of text
// starts in the block's column.
func codeStart(c *doc.CodeBlock) doc.Pos {
	p := c.Pos
	if p.IsValid() && (c.Language != "" || p.Col < 5) {
		p.Line++
	}
	return p
}

// glyphChecker remembers which characters were reported.
type glyphChecker struct {
	covers func(r rune) bool
	diags  *diag.List
	seen   map[rune]bool
}

// checkText checks text that starts at pos, giving each character its own
// line and column.
func (g *glyphChecker) checkText(s string, pos doc.Pos) {
	at := pos
	for _, r := range s {
		if r == '\n' {
			at.Line++
			at.Col = pos.Col
			continue
		}
		g.check(r, at)
		if at.Col > 0 {
			at.Col++
		}
	}
}

// checkField checks text whose characters have no position of their own
// (front matter values): every report is at pos.
func (g *glyphChecker) checkField(s string, pos doc.Pos) {
	for _, r := range s {
		g.check(r, pos)
	}
}

// check reports r at at, unless it is invisible, drawable or reported
// already.
func (g *glyphChecker) check(r rune, at doc.Pos) {
	if g.seen[r] || invisible(r) {
		return
	}
	var why string
	switch {
	case r > 0xFFFF:
		why = "is outside the Basic Multilingual Plane, which the PDF fonts cannot draw"
	case !g.covers(r):
		why = "has no glyph in the PDF fonts"
	default:
		return
	}
	g.seen[r] = true
	g.diags.Warnf(at, "character U+%04X %q %s; it is printed as \"?\"", r, string(r), why)
}

// invisible reports characters that draw nothing and need no glyph.
func invisible(r rune) bool {
	switch {
	case unicode.IsSpace(r), unicode.IsControl(r):
		return true
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x00AD:
		return true // zero-width space, (non-)joiners, word joiner, BOM, soft hyphen
	case 0xFE00 <= r && r <= 0xFE0F, 0xE0100 <= r && r <= 0xE01EF:
		return true // variation selectors
	case 0xE0000 <= r && r <= 0xE007F:
		return true // tags, as in flag sequences
	}
	return false
}
