// Package pngchunk splits a PNG file into its chunks and writes chunks:
// the one walk of a PNG's layout that the PDF writer (which reads a PNG's
// image data as it is), pngenc (which compresses it again) and the tests'
// hand-made PNGs share. It checks neither the chunks' CRCs nor their
// order; its callers check what they need.
package pngchunk

import (
	"encoding/binary"
	"hash/crc32"
)

// Signature is the eight bytes a PNG file starts with.
const Signature = "\x89PNG\r\n\x1a\n"

// Chunk is one chunk of a PNG file: its type ("IHDR", "IDAT"…) and its
// data, a slice of the file's bytes.
type Chunk struct {
	Type string
	Data []byte
}

// Split returns the chunks of the PNG file data, in order, and how many
// bytes follow the last whole chunk (too few to hold another). ok is
// false when data does not start with the signature or a chunk's length
// runs past its end.
func Split(data []byte) (chunks []Chunk, rest int, ok bool) {
	if len(data) < len(Signature) || string(data[:len(Signature)]) != Signature {
		return nil, 0, false
	}
	p := len(Signature)
	for ; p+12 <= len(data); p += 12 + len(chunks[len(chunks)-1].Data) {
		n := uint64(binary.BigEndian.Uint32(data[p:]))
		if n > uint64(len(data)-p-12) {
			return chunks, 0, false
		}
		chunks = append(chunks, Chunk{Type: string(data[p+4 : p+8]), Data: data[p+8 : p+8+int(n)]})
	}
	return chunks, len(data) - p, true
}

// Append appends c to b as written in a file: its length, type, data and
// CRC.
func Append(b []byte, c Chunk) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(c.Data)))
	b = append(b, c.Type...)
	b = append(b, c.Data...)
	crc := crc32.NewIEEE()
	crc.Write([]byte(c.Type))
	crc.Write(c.Data)
	return binary.BigEndian.AppendUint32(b, crc.Sum32())
}
