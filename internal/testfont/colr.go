// Package testfont builds font files for tests that need a kind of face
// no package installs: a face with colour layers (COLR), made from the
// embedded Noto Sans so that its glyphs and licence are galley's own.
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
	u16 := func(b []byte, vs ...uint16) []byte {
		for _, v := range vs {
			b = binary.BigEndian.AppendUint16(b, v)
		}
		return b
	}
	u32 := func(b []byte, vs ...uint32) []byte {
		for _, v := range vs {
			b = binary.BigEndian.AppendUint32(b, v)
		}
		return b
	}
	// cmap: one format 12 subtable (Windows, full Unicode, at offset 12),
	// of one group: ColorChar → O.
	cmap := u32(u16(nil, 0, 1, 3, 10), 12)
	cmap = u32(u16(cmap, 12, 0), 16+12, 0, 1, ColorChar, ColorChar, uint32(o))
	// COLR version 0: one base glyph record (O, layers 0 and 1) at offset
	// 14, two layer records at offset 20: O in palette entry 0, . in 1.
	colr := u16(u32(u32(u16(nil, 0, 1), 14), 20), 2)
	colr = u16(colr, uint16(o), 0, 2, uint16(o), 0, uint16(dot), 1)
	// CPAL version 0: one palette of two colours, its records at offset 14,
	// stored blue, green, red, alpha.
	cpal := u16(u32(u16(nil, 0, 2, 1, 2), 14), 0)
	cpal = append(cpal, Red[2], Red[1], Red[0], 0xff, Blue[2], Blue[1], Blue[0], 0xff)
	replaced := map[ot.Tag][]byte{ot.MustNewTag("cmap"): cmap, ot.MustNewTag("COLR"): colr, ot.MustNewTag("CPAL"): cpal}
	var tables []ot.Table
	for _, tag := range ld.Tables() {
		if _, ok := replaced[tag]; ok {
			continue
		}
		raw, err := ld.RawTable(tag)
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, ot.Table{Tag: tag, Content: raw})
	}
	for _, tag := range []string{"COLR", "CPAL", "cmap"} {
		tables = append(tables, ot.Table{Tag: ot.MustNewTag(tag), Content: replaced[ot.MustNewTag(tag)]})
	}
	slices.SortFunc(tables, func(a, b ot.Table) int { return cmp.Compare(a.Tag, b.Tag) })
	return ot.WriteTTF(tables)
}
