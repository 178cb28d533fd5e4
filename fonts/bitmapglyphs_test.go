package fonts

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	"github.com/galley-pub/galley/internal/validate"
)

// colorEmojiFile is Debian's colour emoji face (fonts-noto-color-emoji):
// CBDT bitmaps, no outlines.
const colorEmojiFile = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"

// TestBitmapStrikeAsGoText reads every glyph of Noto Color Emoji a glyph
// at a time from its file, and compares each with the image go-text gives
// from the whole CBDT table it reads: the same PNG bytes and size, for
// the same glyphs.
func TestBitmapStrikeAsGoText(t *testing.T) {
	data, err := os.ReadFile(colorEmojiFile)
	if err != nil {
		validate.Missing(t, "Noto Color Emoji", "apt-get install fonts-noto-color-emoji")
	}
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	whole, err := gofont.NewFont(lds[0])
	if err != nil {
		t.Fatal(err)
	}
	face := gofont.NewFace(whole)
	strike, err := readBitmapStrike(bytes.NewReader(data), 0, lds[0])
	if err != nil {
		t.Fatal(err)
	}
	maxp, err := lds[0].RawTable(ot.MustNewTag("maxp"))
	if err != nil || len(maxp) < 6 {
		t.Fatalf("maxp: %v", err)
	}
	n, drawn := int(binary.BigEndian.Uint16(maxp[4:])), 0
	for gid := range n + 2 { // and two glyphs the face has not
		want, wantOK := face.GlyphDataBitmap(gofont.GID(gid))
		wantOK = wantOK && want.Format == gofont.PNG && want.Width > 0 && want.Height > 0
		got, w, h, ok := strike.glyph(bytes.NewReader(data), uint16(gid))
		if ok != wantOK {
			t.Fatalf("glyph %d: drawn %v, go-text %v", gid, ok, wantOK)
		}
		if !ok {
			continue
		}
		drawn++
		if !bytes.Equal(got, want.Data) || w != want.Width || h != want.Height {
			t.Fatalf("glyph %d: %d bytes %dx%d, go-text %d bytes %dx%d", gid, len(got), w, h, len(want.Data), want.Width, want.Height)
		}
	}
	if drawn < 3000 {
		t.Errorf("%d of %d glyphs drawn, want Noto Color Emoji's 3000 and more", drawn, n)
	}
}

// bitmapCase is a colour-bitmap strike of one index subtable over glyphs
// 10 to 12 and what each glyph reads as.
type bitmapCase struct {
	name        string
	indexFormat uint16
	imageFormat uint16
	want        map[uint16]string // a glyph's image; absent: none drawn
}

// TestBitmapStrikeFormats reads glyphs through index subtables of each
// format (1 to 5) with images of each PNG format (17, 18, 19), glyph 11
// without an image where the format allows, from tables built here.
func TestBitmapStrikeFormats(t *testing.T) {
	cases := []bitmapCase{
		{"1/17: offsets, small metrics", 1, 17, map[uint16]string{10: "png-a", 12: "png-c"}},
		{"1/18: offsets, big metrics", 1, 18, map[uint16]string{10: "png-a", 12: "png-c"}},
		{"2/19: one size, metrics in the index", 2, 19, map[uint16]string{10: "png-a", 11: "png-b", 12: "png-c"}},
		{"3/17: 16-bit offsets", 3, 17, map[uint16]string{10: "png-a", 12: "png-c"}},
		{"4/17: sparse glyphs", 4, 17, map[uint16]string{10: "png-a", 12: "png-c"}},
		{"5/19: sparse, one size", 5, 19, map[uint16]string{10: "png-a", 12: "png-c"}},
		{"1/1: monochrome bitmaps are not PNG", 1, 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cblc, cbdt := bitmapTables(t, c)
			strike, err := newBitmapStrike(cblc, 0, int64(len(cbdt)))
			if err != nil {
				t.Fatal(err)
			}
			for gid := uint16(8); gid <= 14; gid++ {
				data, w, h, ok := strike.glyph(bytes.NewReader(cbdt), gid)
				want, drawn := c.want[gid]
				if ok != drawn || ok && (string(data) != want || w != 7 || h != 9) {
					t.Errorf("glyph %d: %q %dx%d %v, want %q 7x9 %v", gid, data, w, h, ok, want, drawn)
				}
			}
			short, err := newBitmapStrike(cblc, 0, int64(len(cbdt))-3)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, _, ok := short.glyph(bytes.NewReader(cbdt), 12); ok {
				t.Error("glyph 12 read past the end of its table")
			}
		})
	}
}

// bitmapTables builds a CBLC of one strike (two sizes, the larger drawn)
// and its CBDT for case c: glyphs 10, 11 and 12, whose images are
// "png-a", "png-b" (or none) and "png-c", each 7×9 pixels.
func bitmapTables(t *testing.T, c bitmapCase) (cblc, cbdt []byte) {
	t.Helper()
	be16 := func(b []byte, v ...uint16) []byte {
		for _, x := range v {
			b = binary.BigEndian.AppendUint16(b, x)
		}
		return b
	}
	be32 := func(b []byte, v ...uint32) []byte {
		for _, x := range v {
			b = binary.BigEndian.AppendUint32(b, x)
		}
		return b
	}
	small := []byte{9, 7, 0, 9, 7}        // height, width, bearings, advance
	big := []byte{9, 7, 0, 9, 7, 0, 0, 9} // and the vertical ones
	const size = 16                       // every record of a one-size format, padded
	images := []string{"png-a", "png-b", "png-c"}
	sparse := c.indexFormat == 4 || c.indexFormat == 5
	if !sparse && c.indexFormat != 2 {
		images[1] = "" // an empty record: no image
	}
	cbdt = be16(nil, 3, 0)
	var offsets []uint32
	for _, img := range images {
		offsets = append(offsets, uint32(len(cbdt)-4))
		if img == "" || sparse && img == "png-b" {
			continue
		}
		rec := []byte{}
		switch c.imageFormat {
		case 17, 1:
			rec = append(append(rec, small...), be32(nil, uint32(len(img)))...)
		case 18:
			rec = append(append(rec, big...), be32(nil, uint32(len(img)))...)
		case 19:
			rec = be32(rec, uint32(len(img)))
		}
		rec = append(rec, img...)
		if c.indexFormat == 2 || c.indexFormat == 5 {
			rec = append(rec, make([]byte, size-len(rec))...)
		}
		cbdt = append(cbdt, rec...)
	}
	offsets = append(offsets, uint32(len(cbdt)-4))
	sub := be16(nil, c.indexFormat, c.imageFormat)
	sub = be32(sub, 4) // the images start after CBDT's version
	switch c.indexFormat {
	case 1:
		sub = be32(sub, offsets...)
	case 3:
		for _, o := range offsets {
			sub = be16(sub, uint16(o))
		}
	case 2:
		sub = append(be32(sub, size), big...)
	case 4:
		sub = be32(sub, 2)
		sub = be16(sub, 10, uint16(offsets[0]), 12, uint16(offsets[2]), 0, uint16(offsets[3]))
	case 5:
		sub = append(be32(sub, size), big...)
		sub = be16(be32(sub, 2), 10, 12)
	}
	array := be16(nil, 10, 12)
	array = be32(array, 8) // the subtable after this one-entry array
	index := append(array, sub...)
	strike := func(ppem uint8, at uint32) []byte {
		b := be32(nil, at, uint32(len(index)), 1, 0)
		b = append(b, make([]byte, 24)...) // line metrics
		b = be16(b, 10, 12)
		return append(b, ppem, ppem, 32, 1)
	}
	first := uint32(8 + 2*48)
	cblc = be16(nil, 3, 0)
	cblc = be32(cblc, 2)
	cblc = append(cblc, strike(20, first+uint32(len(index)))...) // a smaller strike, its index broken
	cblc = append(cblc, strike(109, first)...)
	cblc = append(cblc, index...)
	broken := append([]byte{}, index...)
	binary.BigEndian.PutUint16(broken[0:], 20) // a range that holds none of the glyphs
	binary.BigEndian.PutUint16(broken[2:], 21)
	return append(cblc, broken...), cbdt
}
