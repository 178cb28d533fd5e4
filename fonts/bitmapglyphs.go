package fonts

// A colour-bitmap face's glyph images (CBDT, located by CBLC), read from
// its file a glyph at a time. go-text reads a face's whole CBDT table
// when it opens the face (Noto Color Emoji's is 10 MB) and keeps it: a
// book with one emoji held 10 MB more for its whole build, to draw a
// few glyphs of 10 KB. The face is opened for the shaper without its
// bitmaps (layoutview hides CBDT and CBLC), and galley keeps only the
// index of the strike it draws.

import (
	"errors"
	"io"

	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// bitmapStrike is where the glyph images of a face's colour-bitmap strike
// lie: the index subtables of the strike drawn, and the CBDT table's
// place in the face's file.
type bitmapStrike struct {
	subtables []tables.BitmapSubtable
	data, n   int64 // the CBDT table: its offset in the file and its length
}

// readBitmapStrike reads the index of the colour bitmaps of face index of
// the font file r, whose loader is ld: the strike go-text draws when no
// size is asked for (the largest), and where the CBDT table lies.
func readBitmapStrike(r io.ReaderAt, index int, ld *ot.Loader) (*bitmapStrike, error) {
	raw, err := ld.RawTable(ot.MustNewTag("CBLC"))
	if err != nil {
		return nil, err
	}
	off, n, err := tableRange(r, index, "CBDT")
	if err != nil {
		return nil, err
	}
	return newBitmapStrike(raw, off, n)
}

// newBitmapStrike reads a CBLC table: the index of its largest strike,
// whose images lie in a CBDT table of n bytes at offset data.
func newBitmapStrike(cblc []byte, data, n int64) (*bitmapStrike, error) {
	loc, _, err := tables.ParseCBLC(cblc)
	if err != nil {
		return nil, err
	}
	if len(loc.BitmapSizes) == 0 {
		return nil, errors.New("CBLC: no strike")
	}
	best := 0
	for i, s := range loc.BitmapSizes {
		if max(s.PpemX, s.PpemY) > max(loc.BitmapSizes[best].PpemX, loc.BitmapSizes[best].PpemY) {
			best = i
		}
	}
	if s := loc.BitmapSizes[best]; s.PpemX == 0 || s.PpemY == 0 {
		return nil, errors.New("CBLC: the strike has no size")
	}
	return &bitmapStrike{subtables: loc.IndexSubTables[best], data: data, n: n}, nil
}

// glyph reads the PNG image of glyph gid from the face's file r, and its
// size in pixels; false when the strike has no PNG image for it.
func (s *bitmapStrike) glyph(r io.ReaderAt, gid uint16) (data []byte, w, h int, ok bool) {
	for _, sub := range s.subtables {
		if gid < uint16(sub.FirstGlyph) || gid > uint16(sub.LastGlyph) {
			continue
		}
		start, end, shared, found := locateGlyph(sub, gid)
		if !found || end <= start {
			return nil, 0, 0, false // the first subtable of its range answers (go-text's rule)
		}
		base := int64(sub.ImageDataOffset)
		if base+int64(end) > s.n {
			return nil, 0, 0, false
		}
		rec := make([]byte, end-start)
		if _, err := r.ReadAt(rec, s.data+base+int64(start)); err != nil {
			return nil, 0, 0, false
		}
		var m tables.SmallGlyphMetrics
		switch sub.ImageFormat {
		case 17:
			d, _, err := tables.ParseBitmapData17(rec)
			if err != nil {
				return nil, 0, 0, false
			}
			data, m = d.Image, d.SmallGlyphMetrics
		case 18:
			d, _, err := tables.ParseBitmapData18(rec)
			if err != nil {
				return nil, 0, 0, false
			}
			data, m = d.Image, d.SmallGlyphMetrics
		case 19:
			d, _, err := tables.ParseBitmapData19(rec)
			if err != nil || shared == nil {
				return nil, 0, 0, false
			}
			data, m = d.Image, *shared
		default:
			return nil, 0, 0, false // monochrome or unknown: not a PNG
		}
		if m.Width == 0 || m.Height == 0 {
			return nil, 0, 0, false
		}
		return data, int(m.Width), int(m.Height), true
	}
	return nil, 0, 0, false
}

// locateGlyph returns where glyph gid's record lies in an index subtable's
// image data ([start, end)), and the metrics its subtable gives every
// glyph (formats 2 and 5; else nil, each record carries its own).
func locateGlyph(sub tables.BitmapSubtable, gid uint16) (start, end uint32, shared *tables.SmallGlyphMetrics, found bool) {
	i := int(gid) - int(sub.FirstGlyph)
	switch x := sub.IndexData.(type) {
	case tables.IndexData1:
		if i+1 < len(x.SbitOffsets) {
			return uint32(x.SbitOffsets[i]), uint32(x.SbitOffsets[i+1]), nil, true
		}
	case tables.IndexData3:
		if i+1 < len(x.SbitOffsets) {
			return uint32(x.SbitOffsets[i]), uint32(x.SbitOffsets[i+1]), nil, true
		}
	case tables.IndexData2:
		return x.ImageSize * uint32(i), x.ImageSize * uint32(i+1), &x.BigMetrics.SmallGlyphMetrics, true
	case tables.IndexData4:
		for k := 0; k+1 < len(x.GlyphArray); k++ {
			if uint16(x.GlyphArray[k].GlyphID) == gid {
				return uint32(x.GlyphArray[k].SbitOffset), uint32(x.GlyphArray[k+1].SbitOffset), nil, true
			}
		}
	case tables.IndexData5:
		lo, hi := 0, len(x.GlyphIdArray)
		for lo < hi {
			mid := lo + (hi-lo)/2
			switch g := uint16(x.GlyphIdArray[mid]); {
			case g < gid:
				lo = mid + 1
			case g > gid:
				hi = mid
			default:
				return x.ImageSize * uint32(mid), x.ImageSize * uint32(mid+1), &x.BigMetrics.SmallGlyphMetrics, true
			}
		}
	}
	return 0, 0, nil, false
}
