package subset

import (
	"fmt"
	"slices"
)

// write assembles the subset font: the kept glyphs old (old ids, glyph 0
// first; the new id of old[i] is i) and the character map mapped (rune → old id).
func (f *font) write(old []uint16, mapped []mapping) ([]byte, error) {
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}
	tables := map[string][]byte{}

	// glyf and loca, with the components of composites renumbered.
	var glyf []byte
	offsets := make([]int, 0, len(old)+1)
	for _, g := range old {
		data, err := f.glyph(int(g))
		if err != nil {
			return nil, err
		}
		comps, err := components(data)
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		if len(glyf)+len(data) > len(f.glyf)+4*len(old) {
			// Only glyphs sharing data could add up to more than the whole
			// table: a malformed loca that would make the output explode.
			return nil, fmt.Errorf("glyph %d: the glyphs' data overlaps", g)
		}
		offsets = append(offsets, len(glyf))
		start := len(glyf)
		glyf = append(glyf, data...)
		for _, off := range comps {
			c := be.Uint16(data[off:])
			id, ok := newID[c]
			if !ok {
				return nil, fmt.Errorf("glyph %d: component %d not in the subset", g, c)
			}
			be.PutUint16(glyf[start+off:], id)
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets = append(offsets, len(glyf))
	loca, longLoca := locaOf(offsets, len(glyf))
	tables["glyf"], tables["loca"] = glyf, loca

	// hmtx, as short as trailing equal advances allow, and hhea.
	advs, lsbs := make([]uint16, len(old)), make([]uint16, len(old))
	var maxAdv uint16
	for i, g := range old {
		advs[i], lsbs[i] = f.metric(int(g))
		maxAdv = max(maxAdv, advs[i])
	}
	numHM := len(old)
	for numHM > 1 && advs[numHM-2] == advs[numHM-1] {
		numHM--
	}
	var hmtx []byte
	for i := range old {
		if i < numHM {
			hmtx = be.AppendUint16(hmtx, advs[i])
		}
		hmtx = be.AppendUint16(hmtx, lsbs[i])
	}
	tables["hmtx"] = hmtx
	hhea := slices.Clone(f.tables["hhea"])
	be.PutUint16(hhea[10:], maxAdv) // advanceWidthMax
	be.PutUint16(hhea[34:], uint16(numHM))
	tables["hhea"] = hhea

	maxp := slices.Clone(f.tables["maxp"])
	be.PutUint16(maxp[4:], uint16(len(old)))
	tables["maxp"] = maxp

	ms := make([]mapping, len(mapped))
	for i, m := range mapped {
		ms[i] = mapping{m.r, newID[m.g]}
	}
	cmap, err := writeCmap(ms)
	if err != nil {
		return nil, fmt.Errorf("cmap: %w", err)
	}
	tables["cmap"] = cmap

	if post := f.postV3(); post != nil {
		tables["post"] = post
	}
	// The tables copied unchanged: they do not refer to glyph ids.
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "gasp", "name", "prep"} {
		if t, ok := f.tables[tag]; ok {
			tables[tag] = t
		}
	}
	if os2 := tables["OS/2"]; len(os2) >= 68 && len(ms) > 0 {
		os2 = slices.Clone(os2)
		be.PutUint16(os2[64:], uint16(min(ms[0].r, 0xFFFF)))         // usFirstCharIndex
		be.PutUint16(os2[66:], uint16(min(ms[len(ms)-1].r, 0xFFFF))) // usLastCharIndex
		tables["OS/2"] = os2
	}
	tables["head"] = f.head(longLoca)
	return assemble(tables), nil
}

// assemble writes the tables as a font file: the table directory sorted by
// tag, each table at a four-byte boundary with its checksum, and
// head.checkSumAdjustment set so that the whole file sums to 0xB1B0AFBA.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	n := len(tags)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	out := be.AppendUint32(nil, 0x00010000)
	for _, v := range []int{n, 16 * searchRange, entrySelector, 16 * (n - searchRange)} {
		out = be.AppendUint16(out, uint16(v))
	}
	off := 12 + 16*n
	headAt := -1
	for _, tag := range tags {
		t := tables[tag]
		if tag == "head" {
			headAt = off
		}
		out = append(out, tag...)
		out = be.AppendUint32(out, checksum(t))
		out = be.AppendUint32(out, uint32(off))
		out = be.AppendUint32(out, uint32(len(t)))
		off += (len(t) + 3) &^ 3
	}
	for _, tag := range tags {
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the sum of the data as big-endian 32-bit words, the last
// padded with zeros.
func checksum(data []byte) uint32 {
	var sum uint32
	for len(data) >= 4 {
		sum += be.Uint32(data)
		data = data[4:]
	}
	if len(data) > 0 {
		var last [4]byte
		copy(last[:], data)
		sum += be.Uint32(last[:])
	}
	return sum
}

// writeSameIDs assembles a font whose glyphs keep their ids: the glyphs
// keep (ascending) keep their outlines, every other glyph is empty. hmtx,
// hhea and maxp are unchanged, and so are the tables that refer to glyph
// ids (GSUB, GPOS, GDEF); the character map holds mapped.
func (f *font) writeSameIDs(keep []uint16, mapped []mapping) ([]byte, error) {
	tables := map[string][]byte{}
	var glyf []byte
	offsets := make([]int, 0, f.numGlyphs+1)
	k := 0
	for g := range f.numGlyphs {
		offsets = append(offsets, len(glyf))
		if k < len(keep) && int(keep[k]) == g {
			k++
			data, err := f.glyph(g)
			if err != nil {
				return nil, err
			}
			if len(glyf)+len(data) > len(f.glyf)+4*f.numGlyphs {
				return nil, fmt.Errorf("glyph %d: the glyphs' data overlaps", g)
			}
			glyf = append(glyf, data...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	offsets = append(offsets, len(glyf))
	loca, longLoca := locaOf(offsets, len(glyf))
	tables["glyf"], tables["loca"] = glyf, loca
	cmap, err := writeCmap(mapped)
	if err != nil {
		return nil, fmt.Errorf("cmap: %w", err)
	}
	tables["cmap"] = cmap
	if post := f.postV3(); post != nil {
		tables["post"] = post
	}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "gasp", "name", "prep", "hhea", "hmtx", "maxp", "GDEF", "GSUB", "GPOS"} {
		if t, ok := f.tables[tag]; ok {
			tables[tag] = t
		}
	}
	tables["head"] = f.head(longLoca)
	return assemble(tables), nil
}

// locaOf encodes the glyphs' offsets in glyf (glyfLen bytes long) as a loca
// table, long when the short form cannot reach, and says which.
func locaOf(offsets []int, glyfLen int) ([]byte, bool) {
	long := glyfLen > 2*0xFFFF
	var loca []byte
	for _, off := range offsets {
		if long {
			loca = be.AppendUint32(loca, uint32(off))
		} else {
			loca = be.AppendUint16(loca, uint16(off/2))
		}
	}
	return loca, long
}

// postV3 is the font's post table as version 3 (no glyph names), or nil
// when it has none.
func (f *font) postV3() []byte {
	post := f.tables["post"]
	if len(post) < 32 {
		return nil
	}
	post = slices.Clone(post[:32])
	be.PutUint32(post, 0x00030000)
	return post
}

// head is the font's head table for a subset: checkSumAdjustment zero (set
// once the file is complete) and the loca format given.
func (f *font) head(longLoca bool) []byte {
	head := slices.Clone(f.tables["head"])
	be.PutUint32(head[8:], 0)
	be.PutUint16(head[50:], 0)
	if longLoca {
		be.PutUint16(head[50:], 1)
	}
	return head
}
