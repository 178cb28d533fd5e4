package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"

	gofont "github.com/go-text/typesetting/font"
)

// The index file (systemIndexFile) is indexMagic, then the files, then
// the CRC-32 (IEEE) of all that, in four bytes, little-endian:
//
//	files:  count, then each: path, modification time, size, face count, faces
//	face:   index, family, style (a byte), weight, stretch (float32 bits,
//	        four bytes each), range count, ranges
//	range:  its first character less the last of the range before (0 for
//	        the first), then its last less its first
//
// Counts and numbers are varints (encoding/binary), times and sizes
// signed; a string is its length, then its bytes.

// indexMagic opens an index file, with the version of its format.
const indexMagic = "galley system fonts 1\n"

// encodeIndex writes files as an index file.
func encodeIndex(files []indexedFile) []byte {
	b := []byte(indexMagic)
	b = binary.AppendUvarint(b, uint64(len(files)))
	for _, f := range files {
		b = appendString(b, f.path)
		b = binary.AppendVarint(b, f.modTime)
		b = binary.AppendVarint(b, f.size)
		b = binary.AppendUvarint(b, uint64(len(f.faces)))
		for _, face := range f.faces {
			b = binary.AppendUvarint(b, uint64(face.index))
			b = appendString(b, face.family)
			b = append(b, byte(face.aspect.Style))
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(face.aspect.Weight)))
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(face.aspect.Stretch)))
			b = binary.AppendUvarint(b, uint64(len(face.runes)))
			last := rune(0)
			for _, r := range face.runes {
				b = binary.AppendUvarint(b, uint64(r[0]-last))
				b = binary.AppendUvarint(b, uint64(r[1]-r[0]))
				last = r[1]
			}
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// appendString appends s as its length and its bytes.
func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decodeIndex reads an index file, by path; nil when data is not one of
// this version, whole and intact.
func decodeIndex(data []byte) map[string]indexedFile {
	if len(data) < len(indexMagic)+4 || !bytes.HasPrefix(data, []byte(indexMagic)) {
		return nil
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(sum) {
		return nil
	}
	d := &indexDecoder{b: body[len(indexMagic):]}
	n := d.count(1)
	out := make(map[string]indexedFile, n)
	for range n {
		f := indexedFile{path: d.string(), modTime: d.varint(), size: d.varint()}
		faces := d.count(1)
		for range faces {
			face := indexedFace{index: int(d.uvarint()), family: d.string()}
			face.aspect.Style = gofont.Style(d.byte())
			face.aspect.Weight = gofont.Weight(d.float32())
			face.aspect.Stretch = gofont.Stretch(d.float32())
			ranges := d.count(2)
			if ranges > 0 {
				face.runes = make(runeRanges, 0, ranges)
			}
			last := uint64(0)
			for range ranges {
				lo := last + d.uvarint()
				hi := lo + d.uvarint()
				if lo > unicodeMax || hi > unicodeMax || hi < lo || len(face.runes) > 0 && lo <= last {
					d.err = errors.New("ranges out of order")
				}
				face.runes = append(face.runes, [2]rune{rune(lo), rune(hi)})
				last = hi
			}
			f.faces = append(f.faces, face)
		}
		if d.err != nil {
			return nil
		}
		out[f.path] = f
	}
	if d.err != nil || len(d.b) != 0 {
		return nil
	}
	return out
}

// unicodeMax is the last Unicode character.
const unicodeMax = 0x10FFFF

// indexDecoder reads an index file's fields in turn; the first that
// cannot be read sets err, and every read after it gives zero.
type indexDecoder struct {
	b   []byte
	err error
}

// uvarint reads an unsigned varint.
func (d *indexDecoder) uvarint() uint64 { return readNumber(d, binary.Uvarint) }

// varint reads a signed varint.
func (d *indexDecoder) varint() int64 { return readNumber(d, binary.Varint) }

// readNumber reads a varint with read (binary.Uvarint or binary.Varint).
func readNumber[T uint64 | int64](d *indexDecoder, read func([]byte) (T, int)) T {
	if d.err != nil {
		return 0
	}
	v, n := read(d.b)
	if n <= 0 {
		d.err = errors.New("bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count of items each at least size bytes long, refusing
// one the bytes left cannot hold.
func (d *indexDecoder) count(size int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/size) {
		d.err = errors.New("count too large")
		return 0
	}
	return int(n)
}

// string reads a string.
func (d *indexDecoder) string() string {
	n := d.count(1)
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// byte reads a byte.
func (d *indexDecoder) byte() byte {
	if d.err != nil || len(d.b) < 1 {
		d.err = errors.New("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// float32 reads a float32's bits, little-endian.
func (d *indexDecoder) float32() float32 {
	if d.err != nil || len(d.b) < 4 {
		d.err = errors.New("truncated")
		return 0
	}
	v := math.Float32frombits(binary.LittleEndian.Uint32(d.b))
	d.b = d.b[4:]
	return v
}
