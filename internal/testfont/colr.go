// Package testfont builds font files for tests that need a kind of face
// no package installs: faces with colour layers (COLR versions 0 and 1),
// made from the embedded Noto Sans so that their glyphs and licence are
// galley's own.
package testfont

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	"github.com/galley-pub/galley/fonts"
)

// ColorChar is the character the colour face draws: a private-use one,
// which no embedded face has, so that the face is a fallback for it.
const ColorChar = '\uE000'

// Red and Blue are its layers' colours.
var (
	Red  = [3]uint8{0xd0, 0x10, 0x10}
	Blue = [3]uint8{0x10, 0x20, 0xc0}
)

// COLR returns a TrueType face whose cmap maps ColorChar to the glyph of
// Noto Sans's "O", drawn in colour layers (COLR version 0 with a CPAL
// palette): the "O" in Red, a "." in Blue over it.
func COLR(t testing.TB) []byte {
	t.Helper()
	return colorFace(t, func(o, dot uint16) (colr, cpal []byte) {
		// COLR version 0: one base glyph record (O, layers 0 and 1) at
		// offset 14, two layer records at offset 20: O in palette entry
		// 0, . in 1.
		colr = u16(u32(u32(u16(nil, 0, 1), 14), 20), 2)
		colr = u16(colr, o, 0, 2, o, 0, dot, 1)
		return colr, palette(Red, Blue)
	})
}

// Green is the third colour of COLRv1's palette.
var Green = [3]uint8{0x10, 0xa0, 0x30}

// COLRv1 returns a TrueType face whose cmap maps ColorChar to the glyph
// of Noto Sans's "O", drawn by a paint graph (COLR version 1): two layers
// (PaintColrLayers), the "O" filled with a linear gradient from Red at
// its left edge to Blue at its advance (PaintGlyph, PaintLinearGradient),
// and a "." in solid Green moved right by half the O's advance
// (PaintTranslate, PaintGlyph, PaintSolid).
func COLRv1(t testing.TB) []byte {
	t.Helper()
	return colorFace(t, func(o, dot uint16) (colr, cpal []byte) {
		const advance = 800 // about the O's, in font units
		// The header (34 bytes), then each table at the offset noted.
		colr = u16(nil, 1, 0)             // version 1, no version 0 records
		colr = u32(colr, 0, 0)            // their offsets
		colr = u16(colr, 0)               // no layer records
		colr = u32(colr, 34, 50, 0, 0, 0) // BaseGlyphList, LayerList; no clips or variations
		// 34: BaseGlyphList: one record, O's paint at 44 (10 from 34).
		colr = u32(colr, 1)
		colr = u32(u16(colr, o), 10)
		// 44: PaintColrLayers: 2 layers from 0.
		colr = u32(append(colr, 1, 2), 0)
		// 50: LayerList: two paints, at 62 and 99 (12 and 49 from 50).
		colr = u32(colr, 2, 12, 49)
		// 62: PaintGlyph O, its paint at 68 (6 on).
		colr = u16(append(colr, 10, 0, 0, 6), o)
		// 68: PaintLinearGradient, its colour line at 84 (16 on), from
		// (0, 0) to (advance, 0), lines of one colour upright.
		colr = append(colr, 4, 0, 0, 16)
		colr = u16(colr, 0, 0, advance, 0, 0, 100)
		// 84: ColorLine: pad, two stops: Red at 0, Blue at 1, opaque.
		colr = append(colr, 0)
		colr = u16(colr, 2, 0, 0, 0x4000, 0x4000, 1, 0x4000)
		// 99: PaintTranslate by (advance/2, 0), its paint at 107 (8 on).
		colr = u16(append(colr, 14, 0, 0, 8), advance/2, 0)
		// 107: PaintGlyph ., its paint at 113 (6 on).
		colr = u16(append(colr, 10, 0, 0, 6), dot)
		// 113: PaintSolid, palette entry 2, opaque.
		colr = u16(append(colr, 2), 2, 0x4000)
		return colr, palette(Red, Blue, Green)
	})
}

// WithCOLR returns the colour face with colr as its COLR table (a test's
// own, or arbitrary bytes) and COLRv1's palette.
func WithCOLR(t testing.TB, colr []byte) []byte {
	t.Helper()
	return colorFace(t, func(uint16, uint16) ([]byte, []byte) { return colr, palette(Red, Blue, Green) })
}

// COLRTable returns the COLR table of a face this package built.
func COLRTable(t testing.TB, face []byte) []byte {
	t.Helper()
	ld, err := ot.NewLoader(bytes.NewReader(face))
	if err != nil {
		t.Fatal(err)
	}
	colr, err := ld.RawTable(ot.MustNewTag("COLR"))
	if err != nil {
		t.Fatal(err)
	}
	return colr
}

// palette is a CPAL table (version 0) of one palette of colours, stored
// blue, green, red, alpha.
func palette(colors ...[3]uint8) []byte {
	n := uint16(len(colors))
	cpal := u16(u32(u16(nil, 0, n, 1, n), 14), 0)
	for _, c := range colors {
		cpal = append(cpal, c[2], c[1], c[0], 0xff)
	}
	return cpal
}

func u16(b []byte, vs ...uint16) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	return b
}

func u32(b []byte, vs ...uint32) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// colorFace returns Noto Sans with a cmap that maps ColorChar to its "O",
// and the COLR and CPAL tables tables makes of the glyph ids of "O" and
// ".".
func colorFace(t testing.TB, tables func(o, dot uint16) (colr, cpal []byte)) []byte {
	t.Helper()
	data, err := fonts.Data(fonts.Sans, fonts.Regular)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	o, ok1 := f.NominalGlyph('O')
	dot, ok2 := f.NominalGlyph('.')
	if !ok1 || !ok2 {
		t.Fatal("Noto Sans has no O or .")
	}
	ld, err := ot.NewLoader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// cmap: one format 12 subtable (Windows, full Unicode, at offset 12),
	// of one group: ColorChar → O.
	cmap := u32(u16(nil, 0, 1, 3, 10), 12)
	cmap = u32(u16(cmap, 12, 0), 16+12, 0, 1, ColorChar, ColorChar, uint32(o))
	colr, cpal := tables(uint16(o), uint16(dot))
	replaced := map[ot.Tag][]byte{ot.MustNewTag("cmap"): cmap, ot.MustNewTag("COLR"): colr, ot.MustNewTag("CPAL"): cpal}
	var tabs []ot.Table
	for _, tag := range ld.Tables() {
		if _, ok := replaced[tag]; ok {
			continue
		}
		raw, err := ld.RawTable(tag)
		if err != nil {
			t.Fatal(err)
		}
		tabs = append(tabs, ot.Table{Tag: tag, Content: raw})
	}
	for _, tag := range []string{"COLR", "CPAL", "cmap"} {
		tabs = append(tabs, ot.Table{Tag: ot.MustNewTag(tag), Content: replaced[ot.MustNewTag(tag)]})
	}
	slices.SortFunc(tabs, func(a, b ot.Table) int { return cmp.Compare(a.Tag, b.Tag) })
	return ot.WriteTTF(tabs)
}
