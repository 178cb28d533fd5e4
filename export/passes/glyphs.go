package passes

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// CheckGlyphs reports the characters of d's printed text that no font of
// the PDF draws (covers rejects them): one warning per script, at the
// first such character, with the column counted in characters from the
// start of its text node (and the line counted inside a code block),
// naming the characters and what would fix it. The PDF draws them as the
// font's .notdef box. Whitespace, control characters and invisible
// joiners, selectors and soft hyphens are never reported. covers is asked
// once for each distinct visible character, in the order of their first
// occurrences.
//
// The printed text is: the title, subtitle and authors of the front
// matter; text, inline code, code blocks and image descriptions anywhere in
// the tree (headings, table cells, link text and notes included); and the
// entries of the appendix.
func CheckGlyphs(d *doc.Document, covers func(r rune) bool, diags *diag.List) {
	g := newGlyphChecker(covers)
	defer g.report(diags)
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

// glyphChecker gathers the characters no font draws, by script. Each
// character is checked once: a book's millions are a few hundred
// distinct ones.
type glyphChecker struct {
	covers     func(r rune) bool
	checkedBMP []uint64      // a bit a character of the BMP
	checked    map[rune]bool // the others
	scripts    map[string]*missingScript
	order      []*missingScript
}

// newGlyphChecker returns a checker that has checked nothing yet.
func newGlyphChecker(covers func(r rune) bool) *glyphChecker {
	return &glyphChecker{covers: covers, checkedBMP: make([]uint64, 0x10000/64), checked: map[rune]bool{}, scripts: map[string]*missingScript{}}
}

// missingScript is the characters of one script no font draws, and where
// the first is.
type missingScript struct {
	script string
	at     doc.Pos
	runes  []rune
}

// report writes one warning per script, in the order of their first
// characters.
func (g *glyphChecker) report(diags *diag.List) {
	for _, m := range g.order {
		var list []string
		for _, r := range m.runes[:min(len(m.runes), 5)] {
			list = append(list, fmt.Sprintf("U+%04X %q", r, string(r)))
		}
		more := ""
		if len(m.runes) > 5 {
			more = fmt.Sprintf(" and %d more", len(m.runes)-5)
		}
		n := "character"
		if len(m.runes) > 1 {
			n = "characters"
		}
		diags.Warnf(m.at, "no font draws %d %s %s (%s%s); the PDF prints an empty box for each: %s",
			len(m.runes), m.script, n, strings.Join(list, ", "), more, fontHint(m.script))
	}
}

// scriptName is the Unicode script of r, "symbol" for the characters of
// no one script (symbols, emoji, mathematical letters).
func scriptName(r rune) string {
	for name, table := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(table, r) {
			return strings.ReplaceAll(name, "_", " ")
		}
	}
	return "symbol"
}

// fontHint says what would give a script a font.
func fontHint(script string) string {
	switch script {
	case "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
		return "install fonts-noto-cjk, or pass --font-dir with a font that has them"
	case "symbol":
		return "install fonts-symbola or fonts-noto-core, or pass --font-dir with a font that has them"
	}
	return "install fonts-noto-core (Noto Sans " + script + "), or pass --font-dir with a font that has them"
}

// checkText checks text that starts at pos, giving each character its own
// line and column.
func (g *glyphChecker) checkText(s string, pos doc.Pos) {
	if g.checkedASCII(s) {
		return // nothing in it to ask about: most of a Latin book's texts, after its first lines
	}
	g.checkRunes(s, pos)
}

// checkRunes is checkText, character by character.
func (g *glyphChecker) checkRunes(s string, pos doc.Pos) {
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

// checkedASCII reports whether s is ASCII whose characters are all
// checked already, newlines aside (checkText does not check them): then
// checkText would only find each checked, with nothing to report. It
// goes through the bytes once, with no decoding.
func (g *glyphChecker) checkedASCII(s string) bool {
	var lo, hi uint64 // the characters s holds, 0–63 and 64–127
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80:
			return false
		case c < 64:
			lo |= 1 << c
		default:
			hi |= 1 << (c - 64)
		}
	}
	lo &^= 1 << '\n'
	return lo&^g.checkedBMP[0] == 0 && hi&^g.checkedBMP[1] == 0
}

// checkField checks text whose characters have no position of their own
// (front matter values): every report is at pos.
func (g *glyphChecker) checkField(s string, pos doc.Pos) {
	for _, r := range s {
		g.check(r, pos)
	}
}

// check reports r at at, unless it is invisible, drawable or checked
// already.
func (g *glyphChecker) check(r rune, at doc.Pos) {
	if r >= 0 && r < 0x10000 {
		word, bit := r>>6, uint64(1)<<(r&63)
		if g.checkedBMP[word]&bit != 0 {
			return
		}
		g.checkedBMP[word] |= bit
	} else {
		if g.checked[r] {
			return
		}
		g.checked[r] = true
	}
	if invisible(r) || g.covers(r) {
		return
	}
	name := scriptName(r)
	m := g.scripts[name]
	if m == nil {
		m = &missingScript{script: name, at: at}
		g.scripts[name] = m
		g.order = append(g.order, m)
	}
	m.runes = append(m.runes, r)
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
