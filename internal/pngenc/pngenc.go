// Package pngenc writes PNG images whose bytes do not depend on the Go
// release galley is built with. image/png converts the pixels and
// chooses each row's filter; its compression, Go's compress/flate, is
// replaced by klauspost's deflate, a module go.mod pins. Go 1.27's
// compress/flate, a new implementation, made the same generated cover
// 25% larger than Go 1.26's did (177 KB against 141 KB), and a screenshot
// 32% larger; through this package both are the same bytes under either.
package pngenc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"

	"github.com/klauspost/compress/zlib"

	"github.com/galley-pub/galley/internal/pngchunk"
)

// Encoder writes PNG images.
type Encoder struct {
	// Level is the deflate level, 1 (fastest) to 9 (smallest).
	Level int
	// Unfiltered leaves every row unfiltered: flat colours, a generated
	// cover's, compress better so (126 KB against 145 KB filtered, at
	// level 7), photographs much worse.
	Unfiltered bool
}

// Encode writes img to w as a PNG.
func (e Encoder) Encode(w io.Writer, img image.Image) error {
	if e.Level < 1 || e.Level > 9 {
		return fmt.Errorf("pngenc: level %d is not 1 to 9", e.Level)
	}
	// image/png filters the rows unless it stores them (NoCompression);
	// its own compression, undone below, is the quickest it has.
	level := png.BestSpeed
	if e.Unfiltered {
		level = png.NoCompression
	}
	var first bytes.Buffer
	if e.Unfiltered {
		b := img.Bounds()
		first.Grow(b.Dx()*b.Dy()*4 + b.Dy() + 1024) // stored rows: as long as the pixels
	}
	if err := (&png.Encoder{CompressionLevel: level}).Encode(&first, img); err != nil {
		return fmt.Errorf("pngenc: %w", err)
	}
	return recompress(w, first.Bytes(), e.Level)
}

// maxIDAT is the most data an IDAT chunk written holds (a chunk may hold
// up to 2 GiB).
const maxIDAT = 1 << 20

// recompress writes the PNG file p to w with its image data inflated and
// deflated again at level, in IDAT chunks of maxIDAT bytes or fewer; its
// other chunks are kept, in order.
func recompress(w io.Writer, p []byte, level int) error {
	if !bytes.HasPrefix(p, []byte(pngchunk.Signature)) {
		return errors.New("pngenc: not a PNG file")
	}
	chunks, rest, ok := pngchunk.Split(p)
	switch {
	case !ok:
		return errors.New("pngenc: a chunk longer than the file")
	case rest > 0:
		return errors.New("pngenc: a truncated chunk")
	}
	var before, after []pngchunk.Chunk
	var idat []io.Reader // the image data's pieces, read as one stream
	idatLen := 0
	seen := false
	for _, c := range chunks {
		switch {
		case c.Type == "IDAT":
			idat, idatLen, seen = append(idat, bytes.NewReader(c.Data)), idatLen+len(c.Data), true
		case seen:
			after = append(after, c)
		default:
			before = append(before, c)
		}
	}
	zr, err := zlib.NewReader(io.MultiReader(idat...))
	if err != nil {
		return fmt.Errorf("pngenc: %w", err)
	}
	var rows bytes.Buffer
	if len(before) > 0 && before[0].Type == "IHDR" {
		rows.Grow(rowBytes(before[0].Data) + bytes.MinRead) // ReadFrom wants room for its last read
	}
	if _, err := rows.ReadFrom(zr); err != nil {
		return fmt.Errorf("pngenc: %w", err)
	}
	var packed bytes.Buffer
	zw, err := zlib.NewWriterLevel(&packed, level)
	if err != nil {
		return fmt.Errorf("pngenc: %w", err)
	}
	if _, err := zw.Write(rows.Bytes()); err != nil {
		return fmt.Errorf("pngenc: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("pngenc: %w", err)
	}
	out := make([]byte, 0, len(p)-idatLen+packed.Len()+packed.Len()/maxIDAT*12+12)
	out = append(out, pngchunk.Signature...)
	for _, c := range before {
		out = pngchunk.Append(out, c)
	}
	for data := packed.Bytes(); len(data) > 0; {
		n := min(len(data), maxIDAT)
		out = pngchunk.Append(out, pngchunk.Chunk{Type: "IDAT", Data: data[:n]})
		data = data[n:]
	}
	for _, c := range after {
		out = pngchunk.Append(out, c)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("pngenc: %w", err)
	}
	return nil
}

// rowBytes is the length of the filtered rows of a non-interlaced image
// whose IHDR chunk's data is ihdr (a filter byte, then the row's samples,
// each row), 0 when ihdr is short or the size implausible: a hint.
func rowBytes(ihdr []byte) int {
	if len(ihdr) < 13 {
		return 0
	}
	w, h := uint64(binary.BigEndian.Uint32(ihdr)), uint64(binary.BigEndian.Uint32(ihdr[4:]))
	channels := map[byte]uint64{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ihdr[9]]
	n := (w*channels*uint64(ihdr[8])+7)/8*h + h
	if channels == 0 || n > 1<<30 {
		return 0
	}
	return int(n)
}
