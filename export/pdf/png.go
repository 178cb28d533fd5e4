package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"

	"github.com/galley-pub/galley/internal/pngchunk"
)

// PNG images reach the PDF without being decoded whole: an opaque one of
// 8-bit gray, RGB or palette pixels as it is (its compressed data is a
// FlateDecode stream with the PNG predictors), and one with an alpha
// channel row by row, split into its colour and its soft mask as it is
// inflated, each still under the PNG's filters. Decoding a 4000×4000
// RGBA image whole took 64 MB, twice over; a row takes 16 KB. Any other
// PNG (16 bits, interlaced, tRNS transparency, malformed) is decoded.

// pngInfo is what the writer needs of a PNG's chunks.
type pngInfo struct {
	width, height int
	colorType     byte
	palette, idat []byte
	trns          bool
}

// readPNG reads the chunks of an 8-bit, non-interlaced PNG; it reports
// false for anything else.
func readPNG(data []byte) (pngInfo, bool) {
	var info pngInfo
	chunks, _, ok := pngchunk.Split(data)
	if !ok {
		return info, false
	}
	var idat [][]byte // the image data's chunks, joined at the end
	for _, c := range chunks {
		body := c.Data
		switch c.Type {
		case "IHDR":
			if len(body) < 13 || body[8] != 8 || body[12] != 0 { // 8 bits, not interlaced
				return info, false
			}
			info.width = int(uint32(body[0])<<24 | uint32(body[1])<<16 | uint32(body[2])<<8 | uint32(body[3]))
			info.height = int(uint32(body[4])<<24 | uint32(body[5])<<16 | uint32(body[6])<<8 | uint32(body[7]))
			info.colorType = body[9]
		case "PLTE":
			info.palette = body
		case "tRNS":
			info.trns = true
		case "IDAT":
			idat = append(idat, body)
		}
	}
	if len(idat) == 1 {
		info.idat = idat[0] // the file's own bytes: read, never written
	} else if len(idat) > 1 {
		info.idat = bytes.Join(idat, nil) // one allocation of the sum
	}
	ok = info.width > 0 && info.height > 0 && info.width <= 1<<16 && info.height <= 1<<16 && len(info.idat) > 0
	return info, ok
}

// pngPassthrough makes an opaque PNG of 8-bit gray, RGB or palette pixels
// an image as it is, or reports false.
func pngPassthrough(data []byte) (*xobject, bool) {
	info, ok := readPNG(data)
	if !ok || info.trns {
		return nil, false
	}
	var space string
	colors := 1
	switch info.colorType {
	case 0:
		space = "/DeviceGray"
	case 2:
		space, colors = "/DeviceRGB", 3
	case 3:
		if len(info.palette) == 0 || len(info.palette)%3 != 0 || len(info.palette) > 768 {
			return nil, false
		}
		space = fmt.Sprintf("[/Indexed/DeviceRGB %d<%X>]", len(info.palette)/3-1, info.palette)
	default:
		return nil, false
	}
	return &xobject{dict: fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace%s/BitsPerComponent 8%s",
		info.width, info.height, space, predicted(colors, info.width)), data: info.idat, compressed: true}, true
}

// pngAlphaSplit makes a PNG of 8-bit gray or RGB pixels with alpha an
// image and its soft mask, splitting it a row at a time, or reports
// false.
func pngAlphaSplit(data []byte) (*xobject, bool) {
	info, ok := readPNG(data)
	if !ok || info.colorType != 4 && info.colorType != 6 {
		return nil, false
	}
	space, colors := "/DeviceGray", 1
	if info.colorType == 6 {
		space, colors = "/DeviceRGB", 3
	}
	color, alpha, opaque, ok := splitAlpha(info)
	if !ok {
		return nil, false
	}
	x := &xobject{dict: fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace%s/BitsPerComponent 8%s", info.width, info.height, space, predicted(colors, info.width)),
		data: color, compressed: true}
	if !opaque {
		x.mask = &xobject{dict: fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray/BitsPerComponent 8%s", info.width, info.height, predicted(1, info.width)),
			data: alpha, compressed: true}
	}
	return x, true
}

// predicted is the DecodeParms of a FlateDecode image whose rows carry
// their PNG filters: colors samples a pixel, width pixels a row.
func predicted(colors, width int) string {
	return fmt.Sprintf("/DecodeParms<</Predictor 15/Colors %d/BitsPerComponent 8/Columns %d>>", colors, width)
}

// splitAlpha inflates the rows of a PNG with alpha (colour type 4 or 6)
// one at a time and splits each into its colour samples and its alpha,
// still filtered: a PNG filter predicts each byte from the same channel's
// bytes (bpp apart), so each part, under its row's filter, is that filter
// of the part alone. It returns the parts, each compressed with its rows'
// filter bytes (the PDF's PNG predictors undo them), and whether every
// pixel is opaque, in which case alpha is nil.
//
// The alpha is compressed only from its first row that is not wholly
// opaque: a screenshot saved with an alpha channel is opaque throughout,
// and its alpha was a quarter of the bytes compressed for nothing. The
// rows before that one are written unfiltered, all 255, which is what
// they decode to: the row after them, predicted from the row above under
// its own filter, decodes the same.
func splitAlpha(info pngInfo) (color, alpha []byte, opaque, ok bool) {
	channels := 2
	if info.colorType == 6 {
		channels = 4
	}
	zr, ok := pngRows(info.idat)
	if !ok {
		return nil, nil, false, false
	}
	stride := info.width * channels
	cur := make([]byte, stride+1)
	var colorBuf, alphaBuf bytes.Buffer
	colorZ, _ := zlib.NewWriterLevel(&colorBuf, zlib.BestSpeed)
	var alphaZ *zlib.Writer
	colorRow, alphaRow := make([]byte, 1+info.width*(channels-1)), make([]byte, 1+info.width)
	under := newOpaqueRows(info.width)
	for y := range info.height {
		if _, err := io.ReadFull(zr, cur); err != nil {
			return nil, nil, false, false
		}
		f, row := cur[0], cur[1:]
		if f > 4 {
			return nil, nil, false, false
		}
		colorRow[0], alphaRow[0] = f, f
		splitRow(colorRow[1:], alphaRow[1:], row, channels)
		colorZ.Write(colorRow)
		if alphaZ == nil {
			if under.opaque(f, alphaRow[1:]) {
				continue
			}
			alphaZ, _ = zlib.NewWriterLevel(&alphaBuf, zlib.BestSpeed)
			above := append([]byte{0}, under[0]...) // filter None, all 255
			for range y {
				alphaZ.Write(above)
			}
		}
		alphaZ.Write(alphaRow)
	}
	colorZ.Close()
	if alphaZ == nil {
		return colorBuf.Bytes(), nil, true, true
	}
	alphaZ.Close()
	return colorBuf.Bytes(), alphaBuf.Bytes(), false, true
}

// opaqueRows holds, for each PNG filter, what it makes of a row of alpha
// samples all 255 under a row all 255 (None: 255s; Sub: 255, then 0s; Up
// and Paeth: 0s; Average: 128, then 0s): a filtered row equal to its
// filter's is wholly opaque when the row above is.
type opaqueRows [5][]byte

func newOpaqueRows(width int) *opaqueRows {
	var o opaqueRows
	for f, first := range [5]byte{255, 255, 0, 128, 0} {
		o[f] = make([]byte, width)
		if f == 0 {
			for i := range o[f] {
				o[f][i] = 255
			}
		}
		if width > 0 {
			o[f][0] = first
		}
	}
	return &o
}

// opaque reports whether alpha, a row under filter f (0 to 4) below a
// wholly opaque row, is wholly opaque.
func (o *opaqueRows) opaque(f byte, alpha []byte) bool { return bytes.Equal(alpha, o[f]) }

// pngRows reads the rows of a PNG's image data, a zlib stream: its
// deflate data, the header checked and the checksum not (the rows are
// read up to their end, never to the stream's, where it would be
// checked).
func pngRows(idat []byte) (io.Reader, bool) {
	if len(idat) < 2 || idat[0]&0x0f != 8 || (uint16(idat[0])<<8|uint16(idat[1]))%31 != 0 || idat[1]&0x20 != 0 {
		return nil, false // not deflate, a bad header check, or a preset dictionary
	}
	return flate.NewReader(bytes.NewReader(idat[2:])), true
}

// splitRow splits row, pixels of channels samples the last of which is
// alpha, into color (the other samples) and alpha.
func splitRow(color, alpha, row []byte, channels int) {
	n := min(len(row)/channels, len(alpha), len(color)/(channels-1))
	if channels == 4 {
		row, color, alpha = row[:4*n], color[:3*n], alpha[:n]
		// Four RGBA pixels a step, as two words: 12 bytes of colour and 4
		// of alpha out (1.7 times the speed of a byte at a time).
		j := 0
		for ; j+4 <= n; j += 4 {
			p := row[4*j : 4*j+16 : 4*j+16]
			a, b := binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(p[8:])
			c := color[3*j : 3*j+12 : 3*j+12]
			binary.LittleEndian.PutUint64(c, a&0xffffff|a>>8&0xffffff000000|b<<48)
			binary.LittleEndian.PutUint32(c[8:], uint32(b>>16)&0xff|uint32(b>>24)&0xffffff00)
			binary.LittleEndian.PutUint32(alpha[j:j+4:j+4], uint32(a>>24)&0xff|uint32(a>>48)&0xff00|uint32(b>>8)&0xff0000|uint32(b>>32)&0xff000000)
		}
		for ; j < n; j++ {
			p, c := row[4*j:4*j+4:4*j+4], color[3*j:3*j+3:3*j+3]
			c[0], c[1], c[2], alpha[j] = p[0], p[1], p[2], p[3]
		}
		return
	}
	row, color, alpha = row[:2*n], color[:n], alpha[:n]
	for j := range alpha {
		color[j], alpha[j] = row[2*j], row[2*j+1]
	}
}
