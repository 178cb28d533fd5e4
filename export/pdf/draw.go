package pdf

import (
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/layout"
)

// content builds one page's content stream. It belongs to one page; the
// fonts' ToUnicode maps it fills are shared, so pages are drawn one after
// another.
type content struct {
	b      []byte
	pageH  float64
	fonts  map[layout.FontRef]*embedded
	images map[string]string // image key → resource name
	used   map[string]bool   // the resources this page uses
	// lastFont is the font of the last text drawn: its resource is in
	// used already.
	lastFont *embedded
	// What the stream has set already, so that runs of text in one font
	// and colour do not set them again.
	fill    layout.RGB
	hasFill bool
	font    *embedded
	size    float64
	run     textRun
	last    lineEnd // where the last text ended
	tags    *tagger // nil: untagged; read only, for the types of its elements
	marks   []mark  // the page's marked-content sequences, by MCID
	mc      markedContent
	spells  []bool         // by text (each word of a Words run one): whether the ToUnicode entries of its glyphs spell it as extractors read them (textMap)
	at      int            // the index in spells of the text being drawn
	slots   []*layout.Slot // the pending slots met, in order, whose items are drawn at the end
	mcid0   int            // the MCID of the first marked-content sequence (a page's second content stream's: after its first's)
}

// item draws one item, in the marked-content sequence of its node.
func (c *content) item(it layout.Item) error {
	c.tag(itemSource(it))
	switch it := it.(type) {
	case *layout.Text:
		if it == nil || len(it.Glyphs) == 0 {
			return nil
		}
		return c.text(it)
	case *layout.Line:
		if it == nil {
			return nil
		}
		c.endText()
		c.b = append(c.b, "q "...)
		c.color(it.Color, true)
		c.num(it.Width)
		c.b = append(c.b, " w "...)
		c.point(it.X1, it.Y1)
		c.b = append(c.b, "m "...)
		c.point(it.X2, it.Y2)
		c.b = append(c.b, "l S Q\n"...)
	case *layout.Rect:
		if it == nil || it.Fill == nil && it.Stroke == nil {
			return nil
		}
		c.endText()
		c.b = append(c.b, "q "...)
		op := "f"
		if it.Fill != nil {
			c.color(*it.Fill, false)
		}
		if it.Stroke != nil {
			c.color(*it.Stroke, true)
			c.num(it.LineWidth)
			c.b = append(c.b, " w "...)
			op = "S"
			if it.Fill != nil {
				op = "B"
			}
		}
		c.point(it.X, it.Y+it.H)
		c.num(it.W)
		c.b = append(c.b, ' ')
		c.num(it.H)
		c.b = append(c.b, " re "...)
		c.b = append(c.b, op...)
		c.b = append(c.b, " Q\n"...)
		c.hasFill = false // Q restored the fill colour from before q
	case *layout.ImageItem:
		if it == nil {
			return nil
		}
		res, ok := c.images[it.Key]
		if !ok {
			return fmt.Errorf("image %q is not in the document's images", it.Key)
		}
		if !(it.W > 0 && it.H > 0) {
			return fmt.Errorf("image %q: empty box %gx%g", it.Key, it.W, it.H)
		}
		c.used[res] = true
		if it.Text == "" {
			c.do(res, it.W, it.H, it.X, it.Y+it.H)
			break
		}
		// A glyph drawn as an image (an emoji): read and copied as its
		// text, which replaces an invisible space over the image (text
		// extractors give ActualText for text they find, not for images).
		c.endText()
		nested := c.actualText(it.Text, true)
		c.do(res, it.W, it.H, it.X, it.Y+it.H)
		c.invisibleSpace(it.X, it.Y+it.H*7/8, it.W, it.H*7/8)
		if nested {
			c.b = append(c.b, "EMC\n"...)
		} else if c.mc.once {
			c.closeTag()
		}
	case nil:
	default:
		return fmt.Errorf("unknown item type %T", it)
	}
	return nil
}

// invisibleSpace draws a space glyph in type of size, stretched to width
// w, invisible (text rendering mode 3), from x on the baseline y: text
// for an image's ActualText to stand for, on the line of the text around
// it. It takes the page's first face, by resource name, that has a space.
func (c *content) invisibleSpace(x, y, w, size float64) {
	var e *embedded
	for _, f := range c.fonts {
		if f.space != 0 && f.widths[f.space] > 0 && (e == nil || f.res < e.res) {
			e = f
		}
	}
	if e == nil || !(w > 0 && size > 0) {
		return
	}
	c.endText()
	stretch := 100 * w / (size * float64(e.widths[e.space]) / 1000) // Tz, in percent
	c.used[e.res] = true
	c.b = append(c.b, "BT 3 Tr "...)
	c.num(stretch)
	c.b = append(c.b, " Tz /"...)
	c.b = append(c.b, e.res...)
	c.b = append(c.b, ' ')
	c.num(size)
	c.b = append(c.b, " Tf "...)
	c.font, c.size = e, size
	c.moveTo(x, c.pageH-y)
	c.b = append(appendCodeBytes(append(c.b, '('), e.newID[e.space]), ")Tj 0 Tr 100 Tz ET\n"...)
}

// place draws a placed page's form: scaled, its top-left corner where
// the layout put it.
func (c *content) place(pl layout.Placed, form string) {
	if form == "" || pl.Page == nil {
		return
	}
	c.used[form] = true
	c.do(form, pl.Scale, pl.Scale, pl.X, pl.Y+pl.Page.Height*pl.Scale)
	c.hasFill, c.font = false, nil // the form's state ends with it
}

// do draws the XObject name scaled by sx, sy with its bottom-left corner
// at x, bottom (layout space).
func (c *content) do(name string, sx, sy, x, bottom float64) {
	c.endText()
	c.b = append(c.b, "q "...)
	c.num(sx)
	c.b = append(c.b, " 0 0 "...)
	c.num(sy)
	c.b = append(c.b, ' ')
	c.point(x, bottom)
	c.b = append(c.b, "cm /"...)
	c.b = append(c.b, name...)
	c.b = append(c.b, " Do Q\n"...)
}

// glyph appends a glyph code to the TJ array being written: its id as
// two bytes (Identity-H) in a literal string, which the glyphs after it
// go on (a third of the bytes of hex strings, for the compressor).
func (c *content) glyph(id uint16) {
	if !c.run.str {
		c.b = append(c.b, '(')
		c.run.str = true
	}
	// Appended in place: c.b = f(c.b) stores the slice's pointer, a
	// write barrier a glyph while the collector marks (0.7% of the 13 MB
	// book's CPU), where c.b = append(c.b, …) only grows its length.
	if hi, lo := byte(id>>8), byte(id); literalEscape(hi) == 0 && literalEscape(lo) == 0 {
		c.b = append(c.b, hi, lo)
		return
	}
	c.b = appendCodeBytes(c.b, id)
}

// num appends v as num does, in place (glyph).
func (c *content) num(v float64) {
	var digits [24]byte
	c.b = append(c.b, num(digits[:0], v)...)
}

// adjust appends a number to the TJ array being written: a move of the
// pen, in thousandths of the font size (positive: to the left).
func (c *content) adjust(v float64) {
	if c.run.str {
		c.b = append(c.b, ')')
		c.run.str = false
	}
	c.num(v)
}

// closeArray ends the TJ array being written, if any.
func (c *content) closeArray() {
	r := &c.run
	if r.str {
		c.b = append(c.b, ')')
		r.str = false
	}
	if r.open {
		c.b = append(c.b, "]TJ "...)
		r.open = false
	}
}

// appendCodeBytes appends a glyph id's two bytes as they go in a literal
// string.
func appendCodeBytes(b []byte, id uint16) []byte {
	return appendLiteralByte(appendLiteralByte(b, byte(id>>8)), byte(id))
}

// point appends x and y, turned from the layout's top-down space into
// the PDF's bottom-up one.
func (c *content) point(x, y float64) {
	c.num(x)
	c.b = append(c.b, ' ')
	c.num(c.pageH - y)
	c.b = append(c.b, ' ')
}

// color sets the stroke or fill colour.
func (c *content) color(col layout.RGB, stroke bool) {
	if stroke {
		c.b = appendColor(c.b, col, "RG")
	} else {
		c.b = appendColor(c.b, col, "rg")
		c.fill, c.hasFill = col, true
	}
}

// appendColor appends the operator op ("rg": fill, "RG": stroke) that
// sets col, and a space.
func appendColor(b []byte, col layout.RGB, op string) []byte {
	for _, v := range [3]uint8{col.R, col.G, col.B} {
		b = num(b, float64(v)/255)
		b = append(b, ' ')
	}
	b = append(b, op...)
	return append(b, ' ')
}

// text draws a shaped text: glyph codes in a TJ array, with the shaper's
// advances (kerning, justification of marks) as adjustments against the
// font's widths, and marks the shaper moved off the pen drawn where it
// put them. When the glyphs' ToUnicode entries would not give back the
// text as written (right-to-left text, reordered or merged clusters), the
// text is also given as ActualText (left-to-right text only: see below).
func (c *content) text(t *layout.Text) error {
	e := c.fonts[t.Font.Face()]
	if e == nil {
		return fmt.Errorf("text %q: font %v was not embedded", t.Text, t.Font)
	}
	if e != c.lastFont { // a page's texts come a font at a time
		c.used[e.res] = true
		c.lastFont = e
	}
	// Right-to-left glyphs are in drawing order, and text extractors
	// put such runs back in reading order themselves: ActualText, already
	// in reading order, would come out reversed.
	if c.at >= len(c.spells) {
		return fmt.Errorf("text %q: its glyphs have no ToUnicode entries", t.Text)
	}
	actual := !c.spells[c.at] && !layout.IsRTL(t.Text)
	actualText := t.Text
	if t.Hyphen {
		// A hyphen added where a line breaks a word: a soft hyphen, so
		// that the word reads and copies whole (ISO 32000-1, 14.8.2.2.3).
		actual, actualText = true, "\u00ad"
	}
	if t.Turn != nil {
		c.turnedText(t, e, actual, actualText)
		return nil
	}
	k := t.Size / 1000
	y := c.pageH - t.Y
	r := &c.run
	if r.on && !actual && r.font == e && r.size == t.Size && r.y == y && c.hasFill && c.fill == t.Color && t.X >= r.pen-0.01 {
		// The next word of a line in the same face: the same text object
		// and TJ array, moved on by the space between the words.
		if !r.open {
			c.b = append(c.b, '[')
			r.open = true
		}
		gap := (t.X - r.pen) / k // in thousandths of the font size
		if e.space != 0 && gap > 100 {
			// A real space between the words, so that the text copies,
			// and reads from the structure tree, with its spaces.
			c.glyph(e.newID[e.space])
			gap -= float64(e.widths[e.space])
		}
		c.adjust(-gap)
	} else {
		// The space before this word, when the word before it ended a
		// line or another text object: so that the words do not run
		// together when the text is read.
		wrapped := r.on && r.y != y && c.wordBreak(t)
		if wrapped && !r.actual {
			// The next line of the same marked content: a space glyph
			// after the line's last word.
			if !r.open {
				c.b = append(c.b, '[')
				r.open = true
			}
			c.glyph(r.font.newID[r.font.space])
			wrapped = false
		}
		spaced := e.space != 0 && (wrapped || c.last.y == y && c.last.ok && t.X-c.last.x > 0.1*t.Size)
		if actual && spaced {
			// The space glyph is drawn inside the span, so the
			// ActualText, which stands for all the span draws, has it.
			actualText = " " + actualText
		}
		nested := c.beginText(e, t.Size, t.Color, actual, actualText)
		*r = textRun{on: true, font: e, size: t.Size, y: y, actual: nested}
		if spaced {
			// After a word of another face or text object on this line,
			// or after a line whose words were ActualText: a space glyph
			// just before this one.
			c.moveTo(t.X-float64(e.widths[e.space])*k, y)
			c.b = append(c.b, '[')
			r.open = true
			c.glyph(e.newID[e.space])
		} else {
			c.moveTo(t.X, y)
		}
	}
	pen := t.X
	for _, g := range t.Glyphs {
		id := e.newID[g.ID]
		if g.DX != 0 || g.DY != 0 {
			c.moveTo(pen+float64(g.DX)*k, y+float64(g.DY)*k)
			c.b = append(appendCodeBytes(append(c.b, '('), id), ")Tj "...)
			pen += float64(g.Advance) * k
			c.moveTo(pen, y)
			continue
		}
		if !r.open {
			c.b = append(c.b, '[')
			r.open = true
		}
		c.glyph(id)
		if adj := float64(e.widths[g.ID]) - float64(g.Advance); adj > 0.05 || adj < -0.05 {
			c.adjust(adj)
		}
		pen += float64(g.Advance) * k
	}
	r.pen = pen
	c.last = lineEnd{ok: true, x: pen, y: y, text: t.Text, hyphen: t.Hyphen}
	if actual {
		c.endText()
		if c.mc.once {
			c.closeTag()
		}
	}
	return nil
}

// beginText ends the text object being written and begins one in face e
// at size, in colour col, given the ActualText s when actual. It reports
// whether the ActualText opened a nested span, which endText closes.
func (c *content) beginText(e *embedded, size float64, col layout.RGB, actual bool, s string) bool {
	c.endText()
	nested := false
	if actual {
		// A Span, so that poppler reads the ActualText (a Devanagari
		// vowel sign drawn before its consonant, a ligature); but not
		// for a line-end hyphen, which reads as the hyphen it shows.
		nested = c.actualText(s, s != "\u00ad")
	}
	c.b = append(c.b, "BT "...)
	if c.font != e || c.size != size { // the text state outlives BT…ET
		c.b = append(c.b, '/')
		c.b = append(c.b, e.res...)
		c.b = append(c.b, ' ')
		c.num(size)
		c.b = append(c.b, " Tf "...)
		c.font, c.size = e, size
	}
	if !c.hasFill || c.fill != col {
		c.color(col, false)
	}
	return nested
}

// turnedText draws a text turned, slanted or stretched (t.Turn): a text
// object of its own, its matrix the turn's, the glyphs one after another
// with the shaper's advances (marks' offsets are not applied: an SVG
// label's Latin needs none). With actual, it has its ActualText.
func (c *content) turnedText(t *layout.Text, e *embedded, actual bool, actualText string) {
	nested := c.beginText(e, t.Size, t.Color, actual, actualText)
	// The turn is in the page's space, y down; the PDF's runs y up, which
	// flips the signs of its B and C.
	m := t.Turn
	for _, v := range []float64{m.A, -m.B, -m.C, m.D, t.X, c.pageH - t.Y} {
		c.num(v)
		c.b = append(c.b, ' ')
	}
	c.b = append(c.b, "Tm ["...)
	c.run = textRun{on: true, open: true, font: e, size: t.Size, actual: nested}
	for _, g := range t.Glyphs {
		c.glyph(e.newID[g.ID])
		if adj := float64(e.widths[g.ID]) - float64(g.Advance); adj > 0.05 || adj < -0.05 {
			c.adjust(adj)
		}
	}
	c.endText()
	c.last = lineEnd{}
	if actual && c.mc.once {
		c.closeTag()
	}
}

// actualText gives the text about to be drawn the ActualText s. In a
// structure element's marked content it is a marked-content sequence of
// its own, of that element, with both its MCID and the ActualText (a span
// nested inside the element's sequence cut it short for poppler, which
// read no further than the span's end); it reports false then. Otherwise
// (an artifact, an untagged PDF) it opens a nested span, which endText
// closes, and reports true. With span, the sequence's tag is Span, not
// the element's type: poppler's text extraction takes ActualText from a
// Span only, which an image standing for text needs (the hyphen of a
// broken word keeps its element's tag, and extracts as a hyphen).
func (c *content) actualText(s string, span bool) bool {
	if c.tags == nil || !c.mc.open || c.mc.typ == "" {
		c.b = append(c.b, "/Span<</ActualText"...)
		c.b = append(c.b, utf16Hex(s)...)
		c.b = append(c.b, ">>BDC "...)
		return true
	}
	src := c.mc.src
	c.closeTag()
	c.openMarked(src, s, span).once = true
	return false
}

// lineEnd is where the last text drawn ended, and its last character.
type lineEnd struct {
	ok     bool
	x, y   float64
	text   string // the text drawn last, whose last character wordBreak reads
	hyphen bool   // the hyphen of a word broken at the line's end
}

// wordBreak reports whether a line that ends where the last text did and
// the next, which starts with t, are apart by a space when read: not
// after a soft hyphen or a space, nor between Chinese or Japanese
// characters, which are written without spaces.
func (c *content) wordBreak(t *layout.Text) bool {
	first, _ := utf8.DecodeRuneInString(t.Text)
	last := c.last
	r, _ := utf8.DecodeLastRuneInString(last.text)
	return c.run.font.space != 0 && last.ok && !last.hyphen && !unicode.IsSpace(r) &&
		!layout.WrittenWithoutSpaces(r) && !layout.WrittenWithoutSpaces(first)
}

// textRun is the text object being written: its face, size and
// baseline, and where its pen stands, so that the next word of the line
// can continue it.
type textRun struct {
	on     bool // inside BT…ET
	open   bool // inside a TJ array
	str    bool // inside a literal string of the TJ array
	actual bool // inside an ActualText span
	font   *embedded
	size   float64
	y      float64 // PDF space
	pen    float64
}

// moveTo sets the text matrix: the next glyph is drawn at x, y.
func (c *content) moveTo(x, y float64) {
	c.closeArray()
	c.b = append(c.b, "1 0 0 1 "...)
	c.num(x)
	c.b = append(c.b, ' ')
	c.num(y)
	c.b = append(c.b, " Tm "...)
}

// endText ends the text object being written, if any.
func (c *content) endText() {
	r := &c.run
	if !r.on {
		return
	}
	c.closeArray()
	c.b = append(c.b, "ET"...)
	if r.actual {
		c.b = append(c.b, " EMC"...)
	}
	c.b = append(c.b, '\n')
	*r = textRun{}
}

// utf16Units is s in UTF-16.
func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }
