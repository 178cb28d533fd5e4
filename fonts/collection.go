package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// faceFile returns face index of a font file as a file of its own: the
// file itself when it is one face, else (a collection, .ttc or .otc) a
// new file of that face's tables, each copied once to a four-byte
// boundary with the checksum the collection gives it. go-text's WriteTTF
// would copy each table three times (read, padded to checksum it,
// written): for a CJK face of 16 MB, a third of a second.
func faceFile(data []byte, index int) ([]byte, error) {
	d, err := faceDirectory(bytes.NewReader(data), index)
	if err != nil {
		return nil, err
	}
	if string(data[:4]) != "ttcf" {
		return data, nil
	}
	dir := int(d)
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

// faceDirectory returns where the table directory of face index of the
// font file or collection r starts (its first 12 bytes are in the file).
// faceFile and tableRange both find the face's tables from it.
func faceDirectory(r io.ReaderAt, index int) (int64, error) {
	var head [12]byte
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return 0, errors.New("not a font file")
	}
	if string(head[:4]) != "ttcf" {
		if index != 0 {
			return 0, fmt.Errorf("face %d of a file of one face", index)
		}
		return 0, nil
	}
	n := int(binary.BigEndian.Uint32(head[8:]))
	var at [4]byte
	if index < 0 || index >= n {
		return 0, fmt.Errorf("face %d of a collection of %d", index, n)
	} else if _, err := r.ReadAt(at[:], 12+4*int64(index)); err != nil {
		return 0, fmt.Errorf("face %d of a collection of %d", index, n)
	}
	dir := int64(binary.BigEndian.Uint32(at[:]))
	if _, err := r.ReadAt(head[:], dir); err != nil {
		return 0, errors.New("the face's table directory is outside the file")
	}
	return dir, nil
}

// faceTable returns table tag of face index of a font file or collection
// as a slice of the file, or nil when the face or the table is not there
// or lies outside the file.
func faceTable(data []byte, index int, tag string) []byte {
	off, n, err := tableRange(bytes.NewReader(data), index, tag)
	if err != nil || off+n > int64(len(data)) {
		return nil
	}
	return data[off : off+n : off+n]
}

// tableRange returns where table tag of face index of the font file or
// collection r lies: its offset and length, from the face's table
// directory (as much of it as the file holds).
func tableRange(r io.ReaderAt, index int, tag string) (off, n int64, err error) {
	dir, err := faceDirectory(r, index)
	if err != nil {
		return 0, 0, err
	}
	var count [2]byte
	if _, err := r.ReadAt(count[:], dir+4); err != nil {
		return 0, 0, err
	}
	entries := make([]byte, 16*int(binary.BigEndian.Uint16(count[:])))
	read, err := r.ReadAt(entries, dir+12)
	if err != nil && err != io.EOF {
		return 0, 0, err
	}
	for rec := entries[:read]; len(rec) >= 16; rec = rec[16:] {
		if string(rec[:4]) == tag {
			return int64(binary.BigEndian.Uint32(rec[8:])), int64(binary.BigEndian.Uint32(rec[12:])), nil
		}
	}
	return 0, 0, fmt.Errorf("no %s table", tag)
}
