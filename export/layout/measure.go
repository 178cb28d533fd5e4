package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout/hyphen"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/fonts"
	gobidi "github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/segmenter"
)

// runStyle is how a run of inline text is set.
type runStyle struct {
	font   FontRef
	size   float64
	color  RGB
	rise   float64 // baseline shift upward, for superscripts
	url    string  // external link target
	dest   string  // internal link target (a fragment id)
	strike bool
	// underline draws a line under the text: <u>, <ins>, pandoc's
	// [text]{.underline}.
	underline bool
	// highlight draws the text on a pale yellow ground: <mark>.
	highlight bool
	note      int // footnote number, on a footnote reference marker
}

// with returns the style in another face of the same family.
func (s runStyle) with(st fonts.Style) runStyle {
	s.font.Style = st
	return s
}

// piece is a run of characters that one face covers: what becomes one Text
// item.
type piece struct {
	text  string
	font  FontRef
	width float64
	off   int // the byte offset of the piece in the text it was cut from
}

// styleID names a runStyle in the measurer's style table. Tokens and
// line-breaker items carry the 4-byte id instead of the 88-byte style: a
// book has a few dozen styles and hundreds of thousands of items.
type styleID uint32

// measurer measures and shapes text with the embedded faces.
type measurer struct {
	set  *fonts.Set
	hyph *hyphen.Hyphenator // nil: no hyphenation
	// thai gives where Thai breaks between words (nil words: between
	// syllables only), waiting for the document's Thai to be looked for
	// (findThaiWords); nil: no Thai words.
	thai func() *thai.Words
	memo *memo
	// images loads the images set in a line (nil: their alt text is set).
	images *imageStore
}

// thaiWords returns the words Thai lines break between, if any.
func (m measurer) thaiWords() *thai.Words {
	if m.thai == nil {
		return nil
	}
	return m.thai()
}

// newMeasurer returns a measurer with an empty memo.
func newMeasurer(set *fonts.Set, hyph *hyphen.Hyphenator, lang string) measurer {
	return measurer{set: set, hyph: hyph, memo: newMemo(set, lang)}
}

// memo keeps what one engine computes again for every repeated word or
// style: hyphenation points, shaped runs, and the table of run styles. It
// belongs to that engine alone, on one goroutine; only the shaped runs
// are shared between a layout's engines (sharedRuns).
type memo struct {
	points    map[string][]int
	styles    []runStyle // by styleID
	ids       map[runStyle]styleID
	word      wordScratch
	items     []kpItem  // setParagraph's buffer
	words     lineWords // setLine's buffers
	lineItems []Item
	// toks is a token buffer free for the next tokenize: setParagraph
	// gives back the one it was passed once its items are made.
	toks []token
	// boxes (a word's boxes) and pieces (a token's) are appendItems'
	// buffers; line is setParagraph's copy of a line that ends with a
	// hyphen; kp is the line breaker's.
	boxes  []kpItem
	pieces []piece
	line   []kpItem
	kp     kpScratch
	text   []byte // codeTexts' buffer
	slab   lineSlab
	shaper *shaper
	seg    segmenter.Segmenter // appendWord's line segmenter
	bidi   gobidi.Paragraph    // orderLine's
	// formulas are the inline formulas set so far (inlineFormula), nil
	// for one set as text: tokenizing decides, making the items sets.
	formulas map[formulaKey]*mathBox
	// uncoloured are the inline formulas with colours set as text, each
	// warned of once in diags, the engine's warnings (nil: none given).
	uncoloured map[*doc.Span]bool
	diags      *diag.List
}

func newMemo(set *fonts.Set, lang string) *memo {
	return &memo{points: map[string][]int{}, ids: map[runStyle]styleID{},
		shaper: newShaper(set, lang)}
}

// styleID returns the id of a run style, adding it to the table when new.
func (m measurer) styleID(s runStyle) styleID {
	if id, ok := m.memo.ids[s]; ok {
		return id
	}
	id := styleID(len(m.memo.styles))
	m.memo.styles = append(m.memo.styles, s)
	m.memo.ids[s] = id
	return id
}

// style returns the run style an id names.
func (m measurer) style(id styleID) runStyle { return m.memo.styles[id] }

// hyphenPoints returns the hyphenation points of a word, remembered.
func (m measurer) hyphenPoints(word string) []int {
	p, ok := m.memo.points[word]
	if !ok {
		p = m.hyph.Points(word)
		m.memo.points[word] = p
	}
	return p
}

// face returns the metrics of a font, with the mono family's missing italics
// mapped to the upright faces.
func (m measurer) face(f FontRef) *fonts.Face { return m.set.Face(f.Family, f.Style) }

// normal returns the FontRef actually used for a family and style.
func normal(f FontRef) FontRef {
	if f.Family.IsFallback() {
		f.Style &= fonts.Bold // a fallback has a regular and perhaps a bold face
	}
	f.Style &= fonts.BoldItalic
	if f.Family == fonts.Mono {
		f.Style &^= fonts.Italic
	}
	return f
}

// width returns the shaped advance of s in font f at size, without
// fallback.
func (m measurer) width(f FontRef, s string, size float64) float64 {
	return m.memo.shaper.width(normal(f), s, size)
}

// fallback returns the font that draws r for a run set in f, and the rune to
// draw: f itself when it covers r, else the first other family (serif, sans,
// mono) in the same style that does, else the first fallback face found on
// the system that does, else f, which draws its .notdef glyph (the checks
// pass warned about the character).
func (m measurer) fallback(f FontRef, r rune) (FontRef, rune) {
	if m.face(f).Has(r) || isJoiner(r) {
		return f, r
	}
	for _, fam := range fonts.Families() {
		g := normal(FontRef{Family: fam, Style: f.Style})
		if g != f && m.face(g).Has(r) {
			return g, r
		}
	}
	if m.face(FontRef{Family: fonts.Math}).Has(r) { // ∑, ≤, ∞: the embedded symbols, before the system's faces
		return FontRef{Family: fonts.Math}, r
	}
	// A fallback family is asked through the index it was found in, so
	// that no face (a CJK face is a 20 MB file, read in the background)
	// is waited for but the family's that draws the character, and its
	// bold only for bold text. A face of outlines comes before a colour
	// one (drawn as images), which draws the emoji (colorEmoji). Text in
	// the code face asks the families taken for code first (a
	// monospaced CJK face for a Chinese comment).
	families := m.set.Fallbacks()
	if f.Family == fonts.Mono {
		families = append(m.set.CodeFallbacks(), families...)
	}
	for _, color := range []bool{false, true} {
		for _, fam := range families {
			if m.set.IsColor(fam) != color || !m.set.FamilyCovers(fam, r) {
				continue
			}
			if g := normal(FontRef{Family: fam, Style: f.Style}); m.face(g).Has(r) {
				return g, r
			}
			return FontRef{Family: fam}, r
		}
	}
	return f, r
}

// colorEmoji returns the colour face of the set that has r, when r is
// shown as an emoji: by default (fonts.EmojiPresentation), or asked for
// with U+FE0F after it (rest is the text after r); not with U+FE0E, the
// text presentation. Every emoji of a line is then drawn alike, as
// browsers draw them, though a face of outlines (Symbola) has some.
func (m measurer) colorEmoji(r rune, rest string) (FontRef, bool) {
	next, _ := utf8.DecodeRuneInString(rest)
	if next == 0xFE0E || !fonts.EmojiPresentation(r) && next != 0xFE0F {
		return FontRef{}, false
	}
	for _, fam := range m.set.Fallbacks() {
		if m.set.IsColor(fam) && m.set.FamilyCovers(fam, r) {
			return FontRef{Family: fam}, true
		}
	}
	return FontRef{}, false
}

// isJoiner reports the invisible characters that shape the text around
// them (ZWJ, ZWNJ, variation selectors) and stay in its run whatever
// font has them.
func isJoiner(r rune) bool {
	return r == 0x200C || r == 0x200D || r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// shape splits text into pieces, each in a face that covers all of its
// characters.
func (m measurer) shape(text string, f FontRef, size float64) []piece {
	return m.appendShape(nil, text, f, size)
}

// appendShape is shape, appending to out.
func (m measurer) appendShape(out []piece, text string, f FontRef, size float64) []piece {
	f = normal(f)
	if face := m.face(f); face.HasAll(text) {
		// The common case, one face for the whole run: no copy of the text.
		return append(out, piece{text: text, font: f, width: m.width(f, text, size)})
	}
	var b strings.Builder
	cur := f
	start := 0 // where the piece being built starts in text
	flush := func(end int) {
		if b.Len() > 0 {
			s := b.String()
			out = append(out, piece{text: s, font: cur, width: m.width(cur, s, size), off: start})
			b.Reset()
		}
		start = end
	}
	for i, r := range text {
		g, rr := m.fallback(f, r)
		switch {
		case i > 0 && isJoiner(r):
			g = cur // a joiner or variation selector stays with the character before it (an emoji's ZWJ sequence, 🎉️)
		case g != cur && unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) && m.face(cur).Has(r):
			g = cur // a mark stays with its base when that face has it
		default:
			if c, ok := m.colorEmoji(r, text[i+utf8.RuneLen(r):]); ok {
				g = c
			}
		}
		if g != cur {
			flush(i)
			cur = g
		}
		b.WriteRune(rr)
	}
	flush(len(text))
	return out
}

// shapedWidth is the total width of text after fallback.
func (m measurer) shapedWidth(text string, f FontRef, size float64) float64 {
	var w float64
	for _, p := range m.shape(text, f, size) {
		w += p.width
	}
	return w
}
