package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// faceFile returns face index of a font file as a file of its own: the
// file itself when it is one face, else (a collection, .ttc or .otc) a
// new file of that face's tables, each copied once to a four-byte
// boundary with the checksum the collection gives it. go-text's WriteTTF
// would copy each table three times (read, padded to checksum it,
// written): for a CJK face of 16 MB, a third of a second.
func faceFile(data []byte, index int) ([]byte, error) {
	dir, err := faceDirectory(data, index)
	if err != nil {
		return nil, err
	}
	if string(data[:4]) != "ttcf" {
		return data, nil
	}
	be16 := func(off int) int { return int(binary.BigEndian.Uint16(data[off:])) }
	be32 := func(off int) int { return int(binary.BigEndian.Uint32(data[off:])) }
	tables := be16(dir + 4)
	head := 12 + 16*tables
	if dir+head > len(data) {
		return nil, errors.New("the face's table directory is outside the file")
	}
	size := head
	for i := range tables {
		rec := dir + 12 + 16*i
		off, n := be32(rec+8), be32(rec+12)
		if off < 0 || n < 0 || off+n > len(data) {
			return nil, fmt.Errorf("table %q is outside the file", data[rec:rec+4])
		}
		size += (n + 3) &^ 3
		if size > 2*len(data) { // tables listed over and over
			return nil, errors.New("the face's tables are larger than the file")
		}
	}
	out := make([]byte, size)
	copy(out, data[dir:dir+12]) // sfnt version, table count, search hints
	pos := head
	for i := range tables {
		rec, to := dir+12+16*i, out[12+16*i:]
		off, n := be32(rec+8), be32(rec+12)
		copy(to[:8], data[rec:rec+8]) // tag, checksum
		binary.BigEndian.PutUint32(to[8:], uint32(pos))
		binary.BigEndian.PutUint32(to[12:], uint32(n))
		copy(out[pos:], data[off:off+n])
		pos += (n + 3) &^ 3
	}
	return out, nil
}

// faceDirectory returns where the table directory of face index of a
// font file or collection starts.
func faceDirectory(data []byte, index int) (int, error) {
	if len(data) < 12 {
		return 0, errors.New("not a font file")
	}
	if string(data[:4]) != "ttcf" {
		if index != 0 {
			return 0, fmt.Errorf("face %d of a file of one face", index)
		}
		return 0, nil
	}
	be32 := func(off int) int { return int(binary.BigEndian.Uint32(data[off:])) }
	if n := be32(8); index < 0 || index >= n || 12+4*(index+1) > len(data) {
		return 0, fmt.Errorf("face %d of a collection of %d", index, n)
	}
	dir := be32(12 + 4*index)
	if dir < 0 || dir+12 > len(data) {
		return 0, errors.New("the face's table directory is outside the file")
	}
	return dir, nil
}

// faceTable returns table tag of face index of a font file or collection
// as a slice of the file, or nil when the face or the table is not there
// or lies outside the file.
func faceTable(data []byte, index int, tag string) []byte {
	dir, err := faceDirectory(data, index)
	if err != nil {
		return nil
	}
	be16 := func(off int) int { return int(binary.BigEndian.Uint16(data[off:])) }
	be32 := func(off int) int { return int(binary.BigEndian.Uint32(data[off:])) }
	for i := range be16(dir + 4) {
		rec := dir + 12 + 16*i
		if rec+16 > len(data) {
			return nil
		}
		if string(data[rec:rec+4]) == tag {
			off, n := be32(rec+8), be32(rec+12)
			if off < 0 || n < 0 || off+n > len(data) || off+n < off {
				return nil
			}
			return data[off : off+n : off+n]
		}
	}
	return nil
}
