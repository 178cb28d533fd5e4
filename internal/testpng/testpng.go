// Package testpng assembles PNG files byte by byte, for tests that need
// a PNG no encoder writes: a header that lies about its size, or rows
// with chosen filters.
package testpng

import (
	"encoding/binary"

	"github.com/galley-pub/galley/internal/pngchunk"
)

// File returns an 8-bit PNG of colour type colorType (2 RGB, 4 gray and
// alpha, 6 RGBA) whose header says width×height and whose image data is
// idat, already compressed.
func File(width, height uint32, colorType byte, idat []byte) []byte {
	hdr := make([]byte, 13)
	binary.BigEndian.PutUint32(hdr[0:], width)
	binary.BigEndian.PutUint32(hdr[4:], height)
	hdr[8], hdr[9] = 8, colorType
	b := []byte(pngchunk.Signature)
	b = pngchunk.Append(b, pngchunk.Chunk{Type: "IHDR", Data: hdr})
	b = pngchunk.Append(b, pngchunk.Chunk{Type: "IDAT", Data: idat})
	return pngchunk.Append(b, pngchunk.Chunk{Type: "IEND"})
}
