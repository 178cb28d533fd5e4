// Package subset cuts a TrueType font (glyf outlines) down to the glyphs
// a set of characters needs, so that an e-book carries a few tens of
// kilobytes of each face instead of the whole of it.
//
// The subset keeps glyph 0 (.notdef), the glyphs the font's character map
// gives the wanted characters and, recursively, the components of those
// that are composite; they are renumbered in their original order. The
// tables that hold glyph ids are rewritten (cmap, hmtx, loca, glyf, post
// as format 3) and the counts updated (maxp, hhea); the naming, metric
// and hinting tables that do not refer to glyphs (name, with the licence
// notice, OS/2, cvt, fpgm, prep, gasp) are kept as they are, and every
// other table (GSUB, GPOS, GDEF, kern, hdmx, DSIG and so on) is dropped.
// The output depends only on the input: the same font and characters
// always give the same bytes.
package subset

import (
	"encoding/binary"
	"fmt"
	"slices"
	"unicode/utf8"
)

var be = binary.BigEndian

// font is the parsed input: its tables and the glyph data Subset needs.
type font struct {
	tables    map[string][]byte
	numGlyphs int
	longLoca  bool
	loca      []byte
	glyf      []byte
	hmtx      []byte
	numHM     int // hhea.numberOfHMetrics
}

// Subset returns a copy of the TrueType font ttf holding only what draws
// runes: see the package documentation. Characters the font does not map
// are left out (they fall back to the reader's fonts). It fails on a font
// with CFF outlines, a font collection, or a malformed font, and never
// panics on bad input.
func Subset(ttf []byte, runes []rune) ([]byte, error) {
	f, mapped, err := parseMapped(ttf, runes)
	if err != nil {
		return nil, err
	}
	old, err := f.closure(mapped)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	out, err := f.write(old, mapped)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	return out, nil
}

// parseMapped parses ttf and maps the runes its character map has to
// their glyphs: rune → old glyph id, in rune order, each rune once.
func parseMapped(ttf []byte, runes []rune) (*font, []mapping, error) {
	f, err := parse(ttf)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: %w", err)
	}
	cm, err := readCmap(f.tables["cmap"])
	if err != nil {
		return nil, nil, fmt.Errorf("subset: cmap: %w", err)
	}
	wanted := slices.Clone(runes)
	slices.Sort(wanted)
	wanted = slices.Compact(wanted)
	var mapped []mapping
	for _, r := range wanted {
		if !utf8.ValidRune(r) {
			continue
		}
		g, err := cm.lookup(r)
		if err != nil {
			return nil, nil, fmt.Errorf("subset: cmap: %w", err)
		}
		if g != 0 && int(g) < f.numGlyphs {
			mapped = append(mapped, mapping{r, g})
		}
	}
	return f, mapped, nil
}

// mapping is one entry of a character map.
type mapping struct {
	r rune
	g uint16
}

// parse reads the table directory and checks the tables Subset rewrites.
func parse(ttf []byte) (*font, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("%d bytes is too short for a font", len(ttf))
	}
	switch v := be.Uint32(ttf); v {
	case 0x00010000, 0x74727565: // TrueType, 'true'
	case 0x4F54544F: // 'OTTO'
		return nil, fmt.Errorf("CFF outlines are not supported")
	case 0x74746366: // 'ttcf'
		return nil, fmt.Errorf("font collections are not supported")
	default:
		return nil, fmt.Errorf("not a TrueType font (version %#08x)", v)
	}
	n := int(be.Uint16(ttf[4:]))
	if 12+16*n > len(ttf) {
		return nil, fmt.Errorf("the table directory (%d tables) runs past the end of the file", n)
	}
	f := &font{tables: make(map[string][]byte, n)}
	for i := range n {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+length > uint64(len(ttf)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tag)
		}
		if _, dup := f.tables[tag]; dup {
			return nil, fmt.Errorf("table %q appears twice", tag)
		}
		f.tables[tag] = ttf[off : off+length : off+length]
	}
	for _, req := range []struct {
		tag  string
		size int
	}{{"head", 54}, {"hhea", 36}, {"maxp", 6}, {"cmap", 4}, {"hmtx", 0}, {"loca", 0}} {
		t, ok := f.tables[req.tag]
		if !ok {
			return nil, fmt.Errorf("no %q table", req.tag)
		}
		if len(t) < req.size {
			return nil, fmt.Errorf("table %q is %d bytes, too short", req.tag, len(t))
		}
	}
	glyf, ok := f.tables["glyf"]
	if !ok {
		return nil, fmt.Errorf("no \"glyf\" table: only TrueType outlines are supported")
	}
	head := f.tables["head"]
	if be.Uint32(head[12:]) != 0x5F0F3CF5 {
		return nil, fmt.Errorf("bad head.magicNumber %#x", be.Uint32(head[12:]))
	}
	switch be.Uint16(head[50:]) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return nil, fmt.Errorf("bad head.indexToLocFormat %d", int16(be.Uint16(head[50:])))
	}
	f.numGlyphs = int(be.Uint16(f.tables["maxp"][4:]))
	if f.numGlyphs == 0 {
		return nil, fmt.Errorf("the font has no glyphs")
	}
	f.glyf, f.loca = glyf, f.tables["loca"]
	entry := 2
	if f.longLoca {
		entry = 4
	}
	if len(f.loca) < entry*(f.numGlyphs+1) {
		return nil, fmt.Errorf("loca is %d bytes, too short for %d glyphs", len(f.loca), f.numGlyphs)
	}
	f.hmtx = f.tables["hmtx"]
	f.numHM = int(be.Uint16(f.tables["hhea"][34:]))
	if f.numHM == 0 || f.numHM > f.numGlyphs {
		return nil, fmt.Errorf("bad hhea.numberOfHMetrics %d for %d glyphs", f.numHM, f.numGlyphs)
	}
	if len(f.hmtx) < 4*f.numHM+2*(f.numGlyphs-f.numHM) {
		return nil, fmt.Errorf("hmtx is %d bytes, too short for %d glyphs", len(f.hmtx), f.numGlyphs)
	}
	return f, nil
}

// glyph returns the glyf data of glyph g (empty for a glyph with no
// outline).
func (f *font) glyph(g int) ([]byte, error) {
	if g < 0 || g >= f.numGlyphs {
		return nil, fmt.Errorf("glyph %d out of range (%d glyphs)", g, f.numGlyphs)
	}
	var start, end uint64
	if f.longLoca {
		start, end = uint64(be.Uint32(f.loca[4*g:])), uint64(be.Uint32(f.loca[4*g+4:]))
	} else {
		start, end = 2*uint64(be.Uint16(f.loca[2*g:])), 2*uint64(be.Uint16(f.loca[2*g+2:]))
	}
	if start > end || end > uint64(len(f.glyf)) {
		return nil, fmt.Errorf("glyph %d: bad loca offsets %d–%d (glyf is %d bytes)", g, start, end, len(f.glyf))
	}
	return f.glyf[start:end:end], nil
}

// metric returns the advance width and left side bearing of glyph g.
func (f *font) metric(g int) (adv, lsb uint16) {
	if g < f.numHM {
		return be.Uint16(f.hmtx[4*g:]), be.Uint16(f.hmtx[4*g+2:])
	}
	return be.Uint16(f.hmtx[4*(f.numHM-1):]), be.Uint16(f.hmtx[4*f.numHM+2*(g-f.numHM):])
}

// closure returns the old ids of the glyphs the subset keeps, ascending:
// glyph 0, the mapped glyphs and every component of a kept composite.
func (f *font) closure(mapped []mapping) ([]uint16, error) {
	keep := make([]bool, f.numGlyphs)
	keep[0] = true
	stack := []int{0}
	for _, m := range mapped {
		if !keep[m.g] {
			keep[m.g] = true
			stack = append(stack, int(m.g))
		}
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		data, err := f.glyph(g)
		if err != nil {
			return nil, err
		}
		comps, err := components(data)
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		for _, off := range comps {
			c := int(be.Uint16(data[off:]))
			if c >= f.numGlyphs {
				return nil, fmt.Errorf("glyph %d: component %d out of range (%d glyphs)", g, c, f.numGlyphs)
			}
			if !keep[c] {
				keep[c] = true
				stack = append(stack, c)
			}
		}
	}
	var old []uint16
	for g, k := range keep {
		if k {
			old = append(old, uint16(g))
		}
	}
	return old, nil
}

// The flags of a composite glyph's component.
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	haveInstruction = 0x0100
)

// components returns the offsets, within a glyph's data, of the glyph ids
// of its components: none for a simple or empty glyph.
func components(data []byte) ([]int, error) {
	if len(data) == 0 {
		return nil, nil
	}
	if len(data) < 10 {
		return nil, fmt.Errorf("%d bytes is too short for a glyph header", len(data))
	}
	if int16(be.Uint16(data)) >= 0 {
		return nil, nil
	}
	var offs []int
	for pos := 10; ; {
		if pos+4 > len(data) {
			return nil, fmt.Errorf("composite glyph truncated at byte %d", pos)
		}
		flags := be.Uint16(data[pos:])
		offs = append(offs, pos+2)
		pos += 4
		if flags&argsAreWords != 0 {
			pos += 4
		} else {
			pos += 2
		}
		switch {
		case flags&haveScale != 0:
			pos += 2
		case flags&haveXYScale != 0:
			pos += 4
		case flags&haveTwoByTwo != 0:
			pos += 8
		}
		if pos > len(data) {
			return nil, fmt.Errorf("composite glyph truncated at byte %d", pos)
		}
		if flags&moreComponents == 0 {
			return offs, nil
		}
	}
}
