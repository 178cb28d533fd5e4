// Package layoutview opens a font for go-text with the tables that only
// draw glyphs hidden: what shaping and measuring need, without the
// outlines. go-text's font.NewFont parses every table it knows, among
// them each glyph's outline (glyf) and the whole CFF, which galley never
// asks go-text for: its PDF subsets the font program from the file, and
// its layout needs the character map, the metrics and the layout tables.
// A book's faces took 17 MB of parsed TrueType outlines and, with a CJK
// fallback, its 16 MB CFF table read and parsed again, for nothing.
//
// A face with colour glyphs in layers or sbix bitmaps (COLR, sbix, SVG) is
// opened whole, since they are drawn from go-text's tables. Colour bitmaps
// in CBDT are hidden too: galley reads them from the file a glyph at a
// time (go-text would read Noto Color Emoji's 10 MB table whole).
package layoutview

import (
	"encoding/binary"
	"errors"
	"io"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// hidden reports the tables hidden from go-text: outlines (glyf, loca,
// CFF), glyph names (post), monochrome bitmaps (EBDT, EBLC) and colour
// ones (CBDT, CBLC), each parsed whole when present, and none used to
// shape or measure.
func hidden(tag string) bool {
	switch tag {
	case "glyf", "loca", "CFF ", "post", "EBDT", "EBLC", "CBDT", "CBLC":
		return true
	}
	return false
}

// colour reports the tables of a face with colour glyphs, which is
// opened whole.
func colour(tag string) bool {
	switch tag {
	case "COLR", "sbix", "SVG ":
		return true
	}
	return false
}

// NewFont opens face index of the font file r (a collection or a single
// face, index 0) as go-text's font.NewFont would, with the tables only
// drawing needs hidden. r is read while the font is opened and whenever
// go-text reads a table later (it reads them all at once here): it must
// stay open until NewFont returns.
func NewFont(r io.ReaderAt, size int64, index int) (*gofont.Font, error) {
	v := &view{r: r, size: size}
	if err := v.hideTables(index); err != nil {
		return nil, err
	}
	lds, err := ot.NewLoaders(v)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(lds) {
		return nil, errors.New("no such face in the font file")
	}
	return gofont.NewFont(lds[index])
}

// view is a font file read through ReadAt, with some of its table
// directory's tags replaced (patches, by the offset of the tag).
type view struct {
	r       io.ReaderAt
	size    int64
	pos     int64
	patches map[int64][4]byte
}

// hideTables renames the hidden tables of face index in the file's table
// directory, unless the face has colour glyphs. A file that is not a
// plain font or collection (WOFF, dfont) is left as it is.
func (v *view) hideTables(index int) error {
	var head [12]byte
	if _, err := v.r.ReadAt(head[:], 0); err != nil {
		return err
	}
	dir := int64(0) // where the face's table directory starts
	switch string(head[:4]) {
	case "\x00\x01\x00\x00", "OTTO", "true":
	case "ttcf":
		n := int(binary.BigEndian.Uint32(head[8:12]))
		if index < 0 || index >= n {
			return nil // NewLoaders or NewFont says what is wrong
		}
		var off [4]byte
		if _, err := v.r.ReadAt(off[:], 12+4*int64(index)); err != nil {
			return err
		}
		dir = int64(binary.BigEndian.Uint32(off[:]))
	default:
		return nil
	}
	var count [2]byte
	if _, err := v.r.ReadAt(count[:], dir+4); err != nil {
		return err
	}
	n := int64(binary.BigEndian.Uint16(count[:]))
	entries := make([]byte, 16*n)
	if _, err := v.r.ReadAt(entries, dir+12); err != nil {
		return err
	}
	patches := map[int64][4]byte{}
	for i := int64(0); i < n; i++ {
		switch tag := string(entries[16*i : 16*i+4]); {
		case colour(tag):
			return nil
		case hidden(tag):
			// A tag no table has, and go-text asks for none.
			patches[dir+12+16*i] = [4]byte{0, 0, 0, byte(i)}
		}
	}
	v.patches = patches
	return nil
}

// ReadAt reads the file, its patched tags replaced.
func (v *view) ReadAt(p []byte, off int64) (int, error) {
	n, err := v.r.ReadAt(p, off)
	for at, tag := range v.patches {
		for k := range int64(4) {
			if i := at + k - off; i >= 0 && i < int64(n) {
				p[i] = tag[k]
			}
		}
	}
	return n, err
}

// Read reads from the current position.
func (v *view) Read(p []byte) (int, error) {
	if v.pos >= v.size {
		return 0, io.EOF
	}
	n, err := v.ReadAt(p, v.pos)
	v.pos += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

// Seek sets the position of the next Read.
func (v *view) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += v.pos
	case io.SeekEnd:
		offset += v.size
	default:
		return 0, errors.New("bad whence")
	}
	if offset < 0 {
		return 0, errors.New("negative position")
	}
	v.pos = offset
	return offset, nil
}
