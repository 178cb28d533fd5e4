package fonts

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode/utf8"
)

// Face is the metrics of one TrueType face, in PDF glyph-space units
// (thousandths of the font size), rounded the way PDF width arrays are, so
// that a layout measured with it matches what a PDF viewer draws.
type Face struct {
	Name      string
	Ascent    float64 // above the baseline, positive
	Descent   float64 // below the baseline, negative
	LineGap   float64
	CapHeight float64
	XHeight   float64
	// BBox is the bounding box of all the face's glyphs its head table
	// gives (xMin, yMin, xMax, yMax), in thousandths of the em, rounded.
	BBox [4]int

	// low is the per-mille advance of each character below lowRunes
	// (Latin, Greek, Cyrillic, general punctuation: nearly all of a
	// Western text), noGlyph where the face has none: measuring is the
	// layout's innermost loop, and a map lookup per character dominated it.
	low []uint16
	// high is the advance of each mapped character from lowRunes on, in
	// the order of the characters: a CJK face maps 65,000 of them, and
	// filling a map with them took 20 ms of a build that needs a few.
	high    []runeAdvance
	missing uint16 // advance of glyph 0
}

// runeAdvance is a character's advance in Face.high.
type runeAdvance struct {
	r rune
	w uint16
}

// sortAdvances sorts the advances of a malformed character map, whose
// groups are out of order or overlap, by character: where a character
// comes twice, the map's last word on it counts.
func sortAdvances(high []runeAdvance) []runeAdvance {
	slices.SortStableFunc(high, func(a, b runeAdvance) int { return cmp.Compare(a.r, b.r) })
	kept := high[:0]
	for i, e := range high {
		if i+1 < len(high) && high[i+1].r == e.r {
			continue
		}
		kept = append(kept, e)
	}
	return kept
}

// highAdvance finds r in f.high.
func (f *Face) highAdvance(r rune) (uint16, bool) {
	i, ok := slices.BinarySearchFunc(f.high, r, func(e runeAdvance, r rune) int { return cmp.Compare(e.r, r) })
	if !ok {
		return 0, false
	}
	return f.high[i].w, true
}

// lowRunes bounds Face.low: the characters up to General Punctuation.
const lowRunes = 0x2070

// noGlyph marks an unmapped character in Face.low.
const noGlyph = math.MaxUint16

// Has reports whether the face maps r to a glyph.
func (f *Face) Has(r rune) bool {
	if r >= 0 && int(r) < len(f.low) {
		return f.low[r] != noGlyph
	}
	_, ok := f.highAdvance(r)
	return ok
}

// HasAll reports whether the face maps every character of s to a glyph.
// Invalid UTF-8, and U+FFFD, count as unmapped.
func (f *Face) HasAll(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !f.Has(r) {
			return false
		}
	}
	return true
}

// Advance returns the advance width of r in thousandths of the font size;
// characters the face lacks measure as its missing glyph.
func (f *Face) Advance(r rune) float64 {
	if r >= 0 && int(r) < len(f.low) {
		if w := f.low[r]; w != noGlyph {
			return float64(w)
		}
		return float64(f.missing)
	}
	if w, ok := f.highAdvance(r); ok {
		return float64(w)
	}
	return float64(f.missing)
}

// Width returns the advance width of s at the given size (points in, points
// out), character by character: the layout measures shaped text with the
// shaper; this is the quick estimate.
func (f *Face) Width(s string, size float64) float64 {
	var w float64
	for _, r := range s {
		w += f.Advance(r)
	}
	return w * size / 1000
}

// Parse reads the metrics of a TrueType font.
func Parse(name string, data []byte) (*Face, error) {
	p := ttfParser{data: data}
	face, err := p.parse(name)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s: %w", name, err)
	}
	return face, nil
}

var errShort = errors.New("truncated font file")

type ttfParser struct {
	data   []byte
	tables map[string][]byte
}

func (p *ttfParser) u16(b []byte, off int) uint16 {
	if off+2 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint16(b[off:])
}

func (p *ttfParser) i16(b []byte, off int) int16 { return int16(p.u16(b, off)) }

func (p *ttfParser) u32(b []byte, off int) uint32 {
	if off+4 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint32(b[off:])
}

func (p *ttfParser) parse(name string) (*Face, error) {
	d := p.data
	if len(d) < 12 {
		return nil, errShort
	}
	n := int(p.u16(d, 4))
	p.tables = make(map[string][]byte, n)
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(d) {
			return nil, errShort
		}
		tag := string(d[rec : rec+4])
		off, length := int(p.u32(d, rec+8)), int(p.u32(d, rec+12))
		if off < 0 || length < 0 || off+length > len(d) {
			return nil, fmt.Errorf("table %q out of range", tag)
		}
		p.tables[tag] = d[off : off+length]
	}
	return p.metrics(name)
}

// parseTables reads the metrics of a face from its tables, by tag: head,
// hhea, hmtx, cmap and maxp, and OS/2 when it has one.
func parseTables(name string, tables map[string][]byte) (*Face, error) {
	p := ttfParser{tables: tables}
	face, err := p.metrics(name)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s: %w", name, err)
	}
	return face, nil
}

// metrics reads the face from the parser's tables.
func (p *ttfParser) metrics(name string) (*Face, error) {
	for _, t := range []string{"head", "hhea", "hmtx", "cmap", "maxp"} {
		if p.tables[t] == nil {
			return nil, fmt.Errorf("missing %q table", t)
		}
	}
	upem := float64(p.u16(p.tables["head"], 18))
	if upem == 0 {
		return nil, errors.New("unitsPerEm is 0")
	}
	scale := 1000 / upem
	hhea := p.tables["hhea"]
	f := &Face{
		Name:    name,
		Ascent:  float64(p.i16(hhea, 4)) * scale,
		Descent: float64(p.i16(hhea, 6)) * scale,
		LineGap: float64(p.i16(hhea, 8)) * scale,
	}
	for k := range f.BBox {
		f.BBox[k] = int(math.Round(float64(p.i16(p.tables["head"], 36+2*k)) * 1000 / upem))
	}
	if os2 := p.tables["OS/2"]; len(os2) >= 90 {
		f.XHeight = float64(p.i16(os2, 86)) * scale
		f.CapHeight = float64(p.i16(os2, 88)) * scale
	}
	nMetrics := int(p.u16(hhea, 34))
	nGlyphs := int(p.u16(p.tables["maxp"], 4))
	hmtx := p.tables["hmtx"]
	adv := func(g int) uint16 {
		if g >= nMetrics {
			g = nMetrics - 1
		}
		if g < 0 {
			return 0
		}
		w := float64(p.u16(hmtx, 4*g)) * scale
		return uint16(math.Round(w))
	}
	f.low = make([]uint16, lowRunes)
	for i := range f.low {
		f.low[i] = noGlyph
	}
	sorted := true
	err := p.cmap(func(r rune, g uint16) {
		if int(g) >= nGlyphs || g == 0 {
			return
		}
		// A width of exactly noGlyph (no real font has one) would read
		// as missing: it is taken a unit narrower.
		w := min(adv(int(g)), noGlyph-1)
		if r < lowRunes {
			f.low[r] = w
			return
		}
		if n := len(f.high); n > 0 && f.high[n-1].r >= r {
			sorted = false
		}
		f.high = append(f.high, runeAdvance{r, w})
	})
	if err != nil {
		return nil, err
	}
	if !sorted {
		f.high = sortAdvances(f.high)
	}
	f.high = slices.Clip(f.high)
	f.missing = adv(0)
	return f, nil
}

// cmap reads the Unicode character map, format 12 (full repertoire) when
// present, else format 4 (BMP), and gives each character and its glyph to
// glyph, in the order of the map's groups or segments (a font's own
// order, by character in a well-made one).
func (p *ttfParser) cmap(glyph func(r rune, g uint16)) error {
	c := p.tables["cmap"]
	var sub4, sub12 []byte
	for i := 0; i < int(p.u16(c, 2)); i++ {
		rec := 4 + 8*i
		platform, enc, off := p.u16(c, rec), p.u16(c, rec+2), int(p.u32(c, rec+4))
		if off >= len(c) {
			continue
		}
		sub := c[off:]
		switch format := p.u16(sub, 0); {
		case format == 12 && (platform == 3 && enc == 10 || platform == 0):
			sub12 = sub
		case format == 4 && (platform == 3 && enc == 1 || platform == 0):
			sub4 = sub
		}
	}
	switch {
	case sub12 != nil:
		groups := int(p.u32(sub12, 12))
		for i := 0; i < groups; i++ {
			g := 16 + 12*i
			start, end, gid := p.u32(sub12, g), p.u32(sub12, g+4), p.u32(sub12, g+8)
			if end < start || end-start > 0x10FFFF {
				return errors.New("bad cmap format 12 group")
			}
			for r := start; r <= end; r++ {
				glyph(rune(r), uint16(gid+r-start))
			}
		}
	case sub4 != nil:
		segs := int(p.u16(sub4, 6)) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		for s := 0; s < segs; s++ {
			end, start := p.u16(sub4, ends+2*s), p.u16(sub4, starts+2*s)
			delta, ro := p.u16(sub4, deltas+2*s), int(p.u16(sub4, ranges+2*s))
			for r := int(start); r <= int(end) && r != 0xFFFF; r++ {
				var g uint16
				if ro == 0 {
					g = uint16(r) + delta
				} else {
					gi := ranges + 2*s + ro + 2*(r-int(start))
					if g = p.u16(sub4, gi); g != 0 {
						g += delta
					}
				}
				if g != 0 {
					glyph(rune(r), g)
				}
			}
		}
	default:
		return errors.New("no Unicode cmap")
	}
	return nil
}
