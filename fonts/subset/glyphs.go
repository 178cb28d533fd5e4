package subset

import "fmt"

// Glyphs returns a copy of the TrueType font ttf holding only the glyphs
// gids (ids in ttf), for a PDF that selects glyphs by id rather than by
// character: glyph 0, the glyphs asked for and the components of the
// composites among them, renumbered in that order (the glyphs asked for
// in the order given, then the components not among them, ascending):
// a PDF drawn page by page numbers each glyph as it first meets it. The
// second result gives the new id of each glyph asked for. The subset's
// character map is empty: a PDF's text maps to Unicode through its own
// ToUnicode map. Like Subset, it never panics on bad input.
func Glyphs(ttf []byte, gids []uint16) ([]byte, map[uint16]uint16, error) {
	f, err := parse(ttf)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: %w", err)
	}
	wanted := make([]mapping, 0, len(gids))
	for _, g := range gids {
		if int(g) >= f.numGlyphs {
			return nil, nil, fmt.Errorf("subset: glyph %d out of range (%d glyphs)", g, f.numGlyphs)
		}
		wanted = append(wanted, mapping{g: g})
	}
	kept, err := f.closure(wanted)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: %w", err)
	}
	order, newID := inOrder(gids, len(kept))
	for _, g := range kept { // the components, after the glyphs asked for
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(order))
			order = append(order, g)
		}
	}
	out, err := f.write(order, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: %w", err)
	}
	return out, newID, nil
}

// inOrder returns glyph 0 then gids, each once, in that order, and the
// position of each: the subset's new ids. n is room to make for more.
func inOrder(gids []uint16, n int) ([]uint16, map[uint16]uint16) {
	order := make([]uint16, 1, max(n, len(gids)+1))
	newID := make(map[uint16]uint16, cap(order))
	newID[0] = 0
	for _, g := range gids {
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(order))
			order = append(order, g)
		}
	}
	return order, newID
}
