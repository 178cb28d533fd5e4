package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"time"
)

// writeZip packs the files into a zip archive in the given order. The first
// file (the mimetype) is stored uncompressed with no extra field and no
// data descriptor, as EPUB requires; the others are deflated. Every entry
// carries the same modification time, so equal input gives equal bytes.
func writeZip(files []zipFile, modified time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, f := range files {
		var err error
		if i == 0 {
			err = writeStored(zw, f, modified)
		} else {
			err = writeDeflated(zw, f, modified)
		}
		if err != nil {
			return nil, fmt.Errorf("zipping %s: %w", f.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("closing the zip archive: %w", err)
	}
	return buf.Bytes(), nil
}

// writeStored writes an uncompressed entry whose local header holds the
// sizes and checksum. The time goes into the MS-DOS fields only: setting
// FileHeader.Modified would add an extended-timestamp extra field, which
// the mimetype entry must not have.
func writeStored(zw *zip.Writer, f zipFile, modified time.Time) error {
	date, clock := msDosTime(modified)
	h := &zip.FileHeader{
		Name:               f.name,
		Method:             zip.Store,
		CRC32:              crc32.ChecksumIEEE(f.data),
		CompressedSize64:   uint64(len(f.data)),
		UncompressedSize64: uint64(len(f.data)),
		ModifiedDate:       date,
		ModifiedTime:       clock,
	}
	w, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(f.data)
	return err
}

// writeDeflated compresses an entry itself so that the local header holds
// the sizes (no data descriptor), which old readers handle best. CreateRaw
// ignores FileHeader.Modified, so the time is written here: in the MS-DOS
// fields and, to the second and unambiguously UTC, in an extended-timestamp
// extra field as Info-ZIP and archive/zip write it.
func writeDeflated(zw *zip.Writer, f zipFile, modified time.Time) error {
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(f.data); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	date, clock := msDosTime(modified)
	h := &zip.FileHeader{
		Name:               f.name,
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(f.data),
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: uint64(len(f.data)),
		ModifiedDate:       date,
		ModifiedTime:       clock,
		Extra:              extendedTime(modified),
	}
	w, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(comp.Bytes())
	return err
}

// msDosTime converts t (UTC) to the MS-DOS date and time fields of a zip
// header, which count from 1980 in two-second steps.
func msDosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	switch {
	case t.Year() < 1980:
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// extendedTime is the Info-ZIP extended-timestamp extra field (0x5455)
// holding the modification time.
func extendedTime(t time.Time) []byte {
	b := make([]byte, 9)
	binary.LittleEndian.PutUint16(b[0:], 0x5455)
	binary.LittleEndian.PutUint16(b[2:], 5)
	b[4] = 1 // the modification time is present
	binary.LittleEndian.PutUint32(b[5:], uint32(t.Unix()))
	return b
}
