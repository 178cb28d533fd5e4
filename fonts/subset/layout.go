package subset

import (
	"bytes"
	"fmt"
	"slices"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/galley-pub/galley/fonts/internal/layoutview"
)

// WithLayout returns a copy of the TrueType font ttf that draws runes and
// keeps its OpenType layout tables (GSUB, GPOS, GDEF), so that a reading
// system still kerns and forms ligatures with it. Glyph ids do not change,
// since those tables refer to them: every glyph slot stays, but only the
// glyphs that can be drawn keep their outlines. Those are glyph 0, the
// glyphs the character map gives runes, every glyph GSUB's default
// features can substitute for them (its closure: single, multiple,
// alternate and ligature substitutions, over each such lookup, whatever its
// context) and the
// components of composites. The character map holds runes only. It is
// larger than Subset's (the layout tables stay whole) and never panics on
// bad input.
func WithLayout(ttf []byte, runes []rune) ([]byte, error) {
	f, mapped, err := parseMapped(ttf, runes)
	if err != nil {
		return nil, err
	}
	keep := make([]bool, f.numGlyphs)
	keep[0] = true
	for _, m := range mapped {
		keep[m.g] = true
	}
	if ft, err := layoutview.NewFont(bytes.NewReader(ttf), int64(len(ttf)), 0); err == nil {
		gsubClosure(ft.GSUB, keep)
	}
	var reached []mapping
	for g, k := range keep {
		if k {
			reached = append(reached, mapping{g: uint16(g)})
		}
	}
	old, err := f.closure(reached)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	out, err := f.writeSameIDs(old, mapped)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	return out, nil
}

// defaultFeatures are the GSUB features shapers apply without being
// asked: composition, localized forms, ligatures, contextual forms, and
// the joining and reordering forms of Arabic and Indic scripts. Optional
// ones (small capitals, stylistic sets, old-style figures…) are left out,
// and so are the glyphs only they would substitute.
var defaultFeatures = []string{"ccmp", "locl", "rlig", "liga", "clig", "calt", "rclt", "rvrn", "init", "medi", "med2",
	"fina", "fin2", "fin3", "isol", "nukt", "akhn", "rphf", "rkrf", "pref", "blwf", "abvf", "half", "pstf", "vatu",
	"cjct", "pres", "abvs", "blws", "psts", "haln", "ljmo", "vjmo", "tjmo", "mset", "stch"}

// closureLookups marks the lookups the closure follows: those of the
// default features, and those no feature names (they run only when a
// contextual lookup calls them).
func closureLookups(gsub gofont.GSUB) []bool {
	use := make([]bool, len(gsub.Lookups))
	named := make([]bool, len(gsub.Lookups))
	for _, f := range gsub.Features {
		def := slices.Contains(defaultFeatures, f.Tag.String())
		for _, i := range f.LookupListIndices {
			if int(i) < len(use) {
				named[i] = true
				use[i] = use[i] || def
			}
		}
	}
	for i := range use {
		use[i] = use[i] || !named[i]
	}
	return use
}

// gsubClosure adds to keep every glyph a substitution of closureLookups
// can make from the kept glyphs, until no lookup adds more.
func gsubClosure(gsub gofont.GSUB, keep []bool) {
	has := func(g tables.GlyphID) bool { return int(g) < len(keep) && keep[g] }
	use := closureLookups(gsub)
	for changed := true; changed; {
		changed = false
		add := func(g tables.GlyphID) {
			if int(g) < len(keep) && !keep[g] {
				keep[g] = true
				changed = true
			}
		}
		for li, l := range gsub.Lookups {
			if !use[li] {
				continue
			}
			for _, sub := range l.Subtables {
				covered := func(visit func(g tables.GlyphID, i int)) {
					cov := sub.Cov()
					if cov == nil {
						return
					}
					for g := range keep {
						if !keep[g] {
							continue
						}
						if i, ok := cov.Index(tables.GlyphID(g)); ok {
							visit(tables.GlyphID(g), i)
						}
					}
				}
				switch s := sub.(type) {
				case tables.SingleSubs:
					covered(func(g tables.GlyphID, i int) {
						switch d := s.Data.(type) {
						case tables.SingleSubstData1:
							add(tables.GlyphID(int(g) + int(d.DeltaGlyphID)))
						case tables.SingleSubstData2:
							if i < len(d.SubstituteGlyphIDs) {
								add(d.SubstituteGlyphIDs[i])
							}
						}
					})
				case tables.MultipleSubs:
					covered(func(_ tables.GlyphID, i int) {
						if i < len(s.Sequences) {
							for _, g := range s.Sequences[i].SubstituteGlyphIDs {
								add(g)
							}
						}
					})
				case tables.AlternateSubs:
					covered(func(_ tables.GlyphID, i int) {
						if i < len(s.AlternateSets) {
							for _, g := range s.AlternateSets[i].AlternateGlyphIDs {
								add(g)
							}
						}
					})
				case tables.LigatureSubs:
					covered(func(_ tables.GlyphID, i int) {
						if i >= len(s.LigatureSets) {
							return
						}
						for _, lig := range s.LigatureSets[i].Ligatures {
							if !slices.ContainsFunc(lig.ComponentGlyphIDs, func(c tables.GlyphID) bool { return !has(c) }) {
								add(lig.LigatureGlyph)
							}
						}
					})
				case tables.ReverseChainSingleSubs:
					covered(func(_ tables.GlyphID, i int) {
						if i < len(s.SubstituteGlyphIDs) {
							add(s.SubstituteGlyphIDs[i])
						}
					})
				}
			}
		}
	}
}
