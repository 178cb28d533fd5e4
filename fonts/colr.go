package fonts

import (
	"bytes"
	"image"
	"image/color"
	"math"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/galley-pub/galley/internal/pngenc"
)

// Colour glyphs of layers (COLR version 0, with its CPAL palette), as
// Twemoji Mozilla and older Segoe UI Emoji have them: each glyph is a
// stack of the face's own glyphs, each filled with a palette colour. The
// layout draws such a face's text as images, as it does colour bitmaps;
// colorGlyphImage paints them.

// colorGlyphPixels is the height of a layered glyph's image, its em: as
// Noto Color Emoji's bitmaps have 136 pixels.
const colorGlyphPixels = 136

// colorGlyphImage paints glyph gid of a face with colour layers into a
// PNG an em tall and as wide as its advance, its baseline an eighth of
// the height from the foot (where the layout stands colour glyphs), by
// colrPainter: its layers (version 0) or its paint graph (version 1), or,
// a glyph without either, its own outline in black; ok is false only for
// a glyph with nothing to paint.
func colorGlyphImage(f *gofont.Font, gid uint16) (data []byte, w, h int, ok bool) {
	// go-text reads a COLR table's records without checking their bounds
	// (a malformed one panicked in colr0.paintForGlyph, FuzzPaintGraph):
	// such a glyph has nothing to paint.
	defer func() {
		if recover() != nil {
			data, w, h, ok = nil, 0, 0, false
		}
	}()
	face := gofont.NewFace(f)
	scale := float64(colorGlyphPixels) / float64(max(1, f.Upem()))
	w, h = int(math.Round(float64(face.HorizontalAdvance(gofont.GID(gid)))*scale)), colorGlyphPixels
	if w <= 0 {
		w = h
	}
	baseline := float64(h) * 7 / 8
	// A glyph without layers is its own outline, in the text's colour.
	var paint tables.PaintTable = tables.PaintGlyph{GlyphID: gid, Paint: tables.PaintSolid{PaletteIndex: 0xFFFF, Alpha: 1 << 14}}
	if c, found := face.GlyphDataColor(gofont.GID(gid)); found {
		if ls, v0 := c.Paint.(tables.PaintColrLayersResolved); !v0 || len(ls) > 0 {
			paint = c.Paint
		}
	}
	img, ok := paintGlyph(f, face, gid, paint, w, h, affine{a: scale, d: -scale, f: baseline})
	if !ok {
		return nil, 0, 0, false
	}
	return encodeGlyph(img, w, h)
}

// encodeGlyph is a painted glyph as a PNG, compressed for speed (it is
// decoded again when the PDF draws it), the same bytes under every Go
// release (pngenc).
func encodeGlyph(img image.Image, w, h int) ([]byte, int, int, bool) {
	var b bytes.Buffer
	if err := (pngenc.Encoder{Level: 1}).Encode(&b, img); err != nil {
		return nil, 0, 0, false
	}
	return b.Bytes(), w, h, true
}

// paletteColor is entry i of a face's first palette; 0xFFFF, or an entry
// the palette lacks, is the text's colour (black).
func paletteColor(f *gofont.Font, i uint16, text color.NRGBA) color.NRGBA {
	if i == 0xFFFF || len(f.CPAL) == 0 || int(i) >= len(f.CPAL[0]) {
		return text
	}
	c := f.CPAL[0][i]
	return color.NRGBA{R: c.Red, G: c.Green, B: c.Blue, A: c.Alpha}
}

// hasColorLayers reports a face whose glyphs have colour layers.
func hasColorLayers(f *gofont.Font) bool {
	return f != nil && f.COLR != nil && len(f.CPAL) > 0
}
