package subset

import (
	"fmt"
	"sort"
)

// cmap is the Unicode subtable of a font's character map that Subset reads:
// format 4 (the Basic Multilingual Plane) or format 12 (all of Unicode).
type cmap struct {
	format int
	data   []byte // the subtable, from its format field to the end of the table
	segs   int    // format 4: segCount; format 12: numGroups
}

// readCmap picks the best Unicode subtable of a cmap table: format 12
// (platform 0, or 3 encoding 10) before format 4 (platform 0, or 3
// encoding 1).
func readCmap(t []byte) (*cmap, error) {
	if len(t) < 4 {
		return nil, fmt.Errorf("%d bytes is too short", len(t))
	}
	n := int(be.Uint16(t[2:]))
	if 4+8*n > len(t) {
		return nil, fmt.Errorf("%d encoding records run past the end of the table", n)
	}
	var best *cmap
	for i := range n {
		rec := t[4+8*i:]
		platform, encoding, off := be.Uint16(rec), be.Uint16(rec[2:]), uint64(be.Uint32(rec[4:]))
		unicode := platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)
		if !unicode || off+2 > uint64(len(t)) {
			continue
		}
		sub := t[off:]
		format := int(be.Uint16(sub))
		if format != 4 && format != 12 || best != nil && best.format >= format {
			continue
		}
		c := &cmap{format: format, data: sub}
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("format %d subtable (platform %d, encoding %d): %w", format, platform, encoding, err)
		}
		best = c
	}
	if best == nil {
		return nil, fmt.Errorf("no Unicode subtable of format 4 or 12")
	}
	return best, nil
}

// check reads the subtable's size and checks that its arrays fit.
func (c *cmap) check() error {
	d := c.data
	if c.format == 4 {
		if len(d) < 14 {
			return fmt.Errorf("header truncated")
		}
		c.segs = int(be.Uint16(d[6:])) / 2
		if 16+8*c.segs > len(d) {
			return fmt.Errorf("%d segments run past the end of the table", c.segs)
		}
		return nil
	}
	if len(d) < 16 {
		return fmt.Errorf("header truncated")
	}
	groups := uint64(be.Uint32(d[12:]))
	if 16+12*groups > uint64(len(d)) {
		return fmt.Errorf("%d groups run past the end of the table", groups)
	}
	c.segs = int(groups)
	return nil
}

// lookup returns the glyph the subtable maps r to, 0 for none.
func (c *cmap) lookup(r rune) (uint16, error) {
	d := c.data
	if c.format == 12 {
		i := sort.Search(c.segs, func(i int) bool { return be.Uint32(d[16+12*i+4:]) >= uint32(r) })
		if i == c.segs {
			return 0, nil
		}
		g := d[16+12*i:]
		start, startGlyph := be.Uint32(g), be.Uint32(g[8:])
		if uint32(r) < start {
			return 0, nil
		}
		id := uint64(startGlyph) + uint64(uint32(r)-start)
		if id > 0xFFFF {
			return 0, fmt.Errorf("U+%04X maps to glyph %d, out of range", r, id)
		}
		return uint16(id), nil
	}
	if r > 0xFFFF {
		return 0, nil
	}
	n := c.segs
	ends, starts, deltas, ranges := 14, 16+2*n, 16+4*n, 16+6*n
	i := sort.Search(n, func(i int) bool { return be.Uint16(d[ends+2*i:]) >= uint16(r) })
	if i == n {
		return 0, nil
	}
	start, delta, ro := be.Uint16(d[starts+2*i:]), be.Uint16(d[deltas+2*i:]), int(be.Uint16(d[ranges+2*i:]))
	if uint16(r) < start {
		return 0, nil
	}
	if ro == 0 {
		return uint16(r) + delta, nil
	}
	at := ranges + 2*i + ro + 2*int(uint16(r)-start)
	if at+2 > len(d) {
		return 0, fmt.Errorf("U+%04X: glyph index array entry past the end of the table", r)
	}
	g := be.Uint16(d[at:])
	if g == 0 {
		return 0, nil
	}
	return g + delta, nil
}

// writeCmap builds a cmap table for the mappings (rune → new glyph id,
// sorted by rune): a format 4 subtable for the Basic Multilingual Plane,
// for platform 0 encoding 3 and platform 3 encoding 1, and, when some rune
// lies beyond it, a format 12 subtable for all of them, for platform 0
// encoding 4 and platform 3 encoding 10.
func writeCmap(ms []mapping) ([]byte, error) {
	f4, err := format4(ms)
	if err != nil {
		return nil, err
	}
	var f12 []byte
	if len(ms) > 0 && ms[len(ms)-1].r > 0xFFFF {
		f12 = format12(ms)
	}
	type record struct {
		platform, encoding uint16
		wide               bool // the format 12 subtable
	}
	recs := []record{{0, 3, false}, {3, 1, false}}
	if f12 != nil {
		recs = []record{{0, 3, false}, {0, 4, true}, {3, 1, false}, {3, 10, true}}
	}
	off4 := 4 + 8*len(recs)
	off12 := off4 + len(f4)
	out := make([]byte, 4, off12+len(f12))
	be.PutUint16(out[2:], uint16(len(recs)))
	for _, rec := range recs {
		off := off4
		if rec.wide {
			off = off12
		}
		out = be.AppendUint16(out, rec.platform)
		out = be.AppendUint16(out, rec.encoding)
		out = be.AppendUint32(out, uint32(off))
	}
	out = append(out, f4...)
	return append(out, f12...), nil
}

// format4 builds a format 4 subtable of the mappings in the Basic
// Multilingual Plane: one segment, with idDelta and no glyph index array,
// for each run of consecutive characters mapped to consecutive glyphs, and
// the final segment for U+FFFF.
func format4(ms []mapping) ([]byte, error) {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, m := range ms {
		if m.r >= 0xFFFF {
			break
		}
		r := uint16(m.r)
		if len(segs) > 0 {
			last := &segs[len(segs)-1]
			if r == last.end+1 && m.g == r+last.delta {
				last.end = r
				continue
			}
		}
		segs = append(segs, seg{r, r, m.g - r})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	length := 16 + 8*n
	if length > 0xFFFF {
		return nil, fmt.Errorf("%d segments do not fit a format 4 subtable", n)
	}
	searchRange, entrySelector := 2, 0
	for searchRange*2 <= 2*n {
		searchRange *= 2
		entrySelector++
	}
	out := make([]byte, 0, length)
	for _, v := range []int{4, length, 0, 2 * n, searchRange, entrySelector, 2*n - searchRange} {
		out = be.AppendUint16(out, uint16(v))
	}
	for _, s := range segs {
		out = be.AppendUint16(out, s.end)
	}
	out = be.AppendUint16(out, 0) // reservedPad
	for _, s := range segs {
		out = be.AppendUint16(out, s.start)
	}
	for _, s := range segs {
		out = be.AppendUint16(out, s.delta)
	}
	for range segs {
		out = be.AppendUint16(out, 0) // idRangeOffset
	}
	return out, nil
}

// format12 builds a format 12 subtable of the mappings: one group for each
// run of consecutive characters mapped to consecutive glyphs.
func format12(ms []mapping) []byte {
	type group struct{ start, end, glyph uint32 }
	var groups []group
	for _, m := range ms {
		r, g := uint32(m.r), uint32(m.g)
		if len(groups) > 0 {
			last := &groups[len(groups)-1]
			if r == last.end+1 && g == last.glyph+(r-last.start) {
				last.end = r
				continue
			}
		}
		groups = append(groups, group{r, r, g})
	}
	out := be.AppendUint16(nil, 12)
	out = be.AppendUint16(out, 0)
	out = be.AppendUint32(out, uint32(16+12*len(groups)))
	out = be.AppendUint32(out, 0) // language
	out = be.AppendUint32(out, uint32(len(groups)))
	for _, g := range groups {
		out = be.AppendUint32(out, g.start)
		out = be.AppendUint32(out, g.end)
		out = be.AppendUint32(out, g.glyph)
	}
	return out
}
