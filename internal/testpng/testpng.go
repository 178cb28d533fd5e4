// Package testpng assembles PNG files byte by byte, for tests that need
// a PNG no encoder writes: a header that lies about its size, or rows
// with chosen filters.
package testpng

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// File returns an 8-bit PNG of colour type colorType (2 RGB, 4 gray and
// alpha, 6 RGBA) whose header says width×height and whose image data is
// idat, already compressed.
func File(width, height uint32, colorType byte, idat []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	hdr := make([]byte, 13)
	binary.BigEndian.PutUint32(hdr[0:], width)
	binary.BigEndian.PutUint32(hdr[4:], height)
	hdr[8], hdr[9] = 8, colorType
	chunk("IHDR", hdr)
	chunk("IDAT", idat)
	chunk("IEND", nil)
	return b.Bytes()
}
