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
	be := binary.BigEndian
	// cmap: one format 12 subtable, ColorChar → O.
	cmap := be.AppendUint16(nil, 0)
	cmap = be.AppendUint16(cmap, 1)
	cmap = be.AppendUint16(cmap, 3)
	cmap = be.AppendUint16(cmap, 10)
	cmap = be.AppendUint32(cmap, 12)
	cmap = be.AppendUint16(cmap, 12)
	cmap = be.AppendUint16(cmap, 0)
	cmap = be.AppendUint32(cmap, 16+12)
	cmap = be.AppendUint32(cmap, 0)
	cmap = be.AppendUint32(cmap, 1)
	cmap = be.AppendUint32(cmap, ColorChar)
	cmap = be.AppendUint32(cmap, ColorChar)
	cmap = be.AppendUint32(cmap, uint32(o))
	// COLR version 0: O's layers are O (palette 0) and . (palette 1).
	colr := be.AppendUint16(nil, 0)
	colr = be.AppendUint16(colr, 1)
	colr = be.AppendUint32(colr, 14)
	colr = be.AppendUint32(colr, 20)
	colr = be.AppendUint16(colr, 2)
	colr = be.AppendUint16(colr, uint16(o))
	colr = be.AppendUint16(colr, 0)
	colr = be.AppendUint16(colr, 2)
	colr = be.AppendUint16(colr, uint16(o))
	colr = be.AppendUint16(colr, 0)
	colr = be.AppendUint16(colr, uint16(dot))
	colr = be.AppendUint16(colr, 1)
	// CPAL version 0: one palette of two colours, stored blue, green, red, alpha.
	cpal := be.AppendUint16(nil, 0)
	cpal = be.AppendUint16(cpal, 2)
	cpal = be.AppendUint16(cpal, 1)
	cpal = be.AppendUint16(cpal, 2)
	cpal = be.AppendUint32(cpal, 14)
	cpal = be.AppendUint16(cpal, 0)
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
