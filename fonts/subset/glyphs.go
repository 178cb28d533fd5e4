package subset

import (
	"fmt"
	"slices"
)

// Glyphs returns a copy of the TrueType font ttf holding only the glyphs
// gids (ids in ttf), for a PDF that selects glyphs by id rather than by
// character: glyph 0, the glyphs asked for and the components of the
// composites among them, renumbered in ascending order of their old ids.
// The second result gives the new id of each glyph asked for. The subset's
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
	old, err := f.closure(wanted)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: %w", err)
	}
	out, err := f.write(old, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: %w", err)
	}
	newID := make(map[uint16]uint16, len(gids))
	for _, g := range gids {
		i, _ := slices.BinarySearch(old, g)
		newID[g] = uint16(i)
	}
	return out, newID, nil
}
