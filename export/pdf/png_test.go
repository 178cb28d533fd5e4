package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/png"
	"io"
	"testing"

	"github.com/galley-pub/galley/internal/testpng"
)

// encodePNG writes an 8-bit PNG of colour type ct (4: gray and alpha, 6:
// RGBA) whose row y uses filter y%5, so that every filter is met; pixel
// gives each pixel's channels.
func encodePNG(w, h int, ct byte, pixel func(x, y int) []byte) []byte {
	channels := map[byte]int{4: 2, 6: 4}[ct]
	stride := w * channels
	var raw bytes.Buffer
	prev := make([]byte, stride)
	for y := range h {
		row := make([]byte, 0, stride)
		for x := range w {
			row = append(row, pixel(x, y)...)
		}
		f := byte(y % 5)
		out := make([]byte, stride)
		for i := range row {
			var left, upLeft byte
			if i >= channels {
				left, upLeft = row[i-channels], prev[i-channels]
			}
			switch f {
			case 0:
				out[i] = row[i]
			case 1:
				out[i] = row[i] - left
			case 2:
				out[i] = row[i] - prev[i]
			case 3:
				out[i] = row[i] - byte((int(left)+int(prev[i]))/2)
			case 4:
				out[i] = row[i] - paeth(left, prev[i], upLeft)
			}
		}
		raw.WriteByte(f)
		raw.Write(out)
		prev = row
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	return testpng.File(uint32(w), uint32(h), ct, z.Bytes())
}

// TestSplitAlpha splits PNGs with alpha, every filter used, and checks the
// result, its rows' filters undone as the PDF's PNG predictors undo them,
// against the image Go's decoder reads: colour samples, alpha and
// opacity.
func TestSplitAlpha(t *testing.T) {
	inflate := func(b []byte) []byte {
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	type splitCase struct {
		name   string
		ct     byte
		pixel  func(x, y int) []byte
		opaque bool
	}
	cases := []splitCase{
		{"rgba", 6, func(x, y int) []byte { return []byte{byte(x * 7), byte(y * 13), byte((x + y) * 3), byte(x * y)} }, false},
		{"rgba-opaque", 6, func(x, y int) []byte { return []byte{byte(x * 5), byte(y), byte(x ^ y), 255} }, true},
		{"gray-alpha", 4, func(x, y int) []byte { return []byte{byte(x * y), byte(x + 3*y)} }, false},
		{"gray-alpha-opaque", 4, func(x, y int) []byte { return []byte{byte(x * y), 255} }, true},
	}
	// Opaque rows, then translucent ones from row top on: encodePNG's
	// filters go round (row y has filter y%5), so the first translucent
	// row is under each filter in turn, below opaque rows under each.
	for top := 5; top < 10; top++ {
		cases = append(cases,
			splitCase{fmt.Sprintf("rgba-opaque-above-%d", top), 6, func(x, y int) []byte {
				a := byte(255)
				if y >= top {
					a = byte(x*y + 1)
				}
				return []byte{byte(x * 3), byte(y * 5), byte(x + y), a}
			}, false},
			splitCase{fmt.Sprintf("gray-alpha-opaque-above-%d", top), 4, func(x, y int) []byte {
				a := byte(255)
				if y >= top && x == 40 {
					a = 254 // one pixel short of opaque
				}
				return []byte{byte(x ^ y), a}
			}, false})
	}
	for _, c := range cases {
		data := encodePNG(97, 23, c.ct, c.pixel)
		info, ok := readPNG(data)
		if !ok {
			t.Fatalf("%s: not read", c.name)
		}
		col, alpha, opaque, ok := splitAlpha(info)
		if !ok {
			t.Fatalf("%s: not split", c.name)
		}
		decoded, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want, wantAlpha, _ := samples(decoded, c.ct == 4)
		colors := map[byte]int{4: 1, 6: 3}[c.ct]
		if got := unpredict(t, inflate(col), 97, colors); !bytes.Equal(got, want) || opaque != c.opaque {
			t.Errorf("%s: the colour differs from the decoded image (opaque %v, want %v)", c.name, opaque, c.opaque)
		}
		if c.opaque {
			if alpha != nil {
				t.Errorf("%s: an opaque image has an alpha of %d bytes", c.name, len(alpha))
			}
			continue
		}
		if got := unpredict(t, inflate(alpha), 97, 1); !bytes.Equal(got, wantAlpha) {
			t.Errorf("%s: the alpha differs from the decoded image", c.name)
		}
	}
}

// unpredict undoes the PNG filters of rows of width pixels of colors
// samples each, each row led by its filter byte.
func unpredict(t *testing.T, data []byte, width, colors int) []byte {
	t.Helper()
	stride := width * colors
	if len(data)%(stride+1) != 0 {
		t.Fatalf("%d bytes are not rows of 1+%d", len(data), stride)
	}
	var out []byte
	prev := make([]byte, stride)
	for len(data) > 0 {
		row := append([]byte(nil), data[1:stride+1]...)
		if !unfilter(data[0], row, prev, colors) {
			t.Fatalf("filter %d", data[0])
		}
		out = append(out, row...)
		prev, data = row, data[stride+1:]
	}
	return out
}

// TestSplitAlphaHeader: image data whose zlib header is not deflate's,
// fails its check or asks for a preset dictionary is not split (the
// image is then decoded, and its error reported).
func TestSplitAlphaHeader(t *testing.T) {
	data := encodePNG(9, 4, 6, func(x, y int) []byte { return []byte{1, 2, 3, byte(x)} })
	info, ok := readPNG(data)
	if !ok {
		t.Fatal("not read")
	}
	if _, _, _, ok := splitAlpha(info); !ok {
		t.Fatal("a good header is refused")
	}
	for _, c := range []struct {
		name       string
		cmf, flags byte
	}{
		{"not deflate", 0x79, 0x9c},
		{"bad check", 0x78, 0x9d},
		{"preset dictionary", 0x78, 0xbb},
		{"empty", 0, 0},
	} {
		bad := info
		bad.idat = append([]byte{c.cmf, c.flags}, info.idat[2:]...)
		if c.name == "empty" {
			bad.idat = info.idat[:1]
		}
		if _, _, _, ok := splitAlpha(bad); ok {
			t.Errorf("%s: split", c.name)
		}
	}
}

// BenchmarkSplitAlpha splits a photograph-sized RGBA PNG (3000×1500, as
// the Rust book's figures are) into its colour and its soft mask.
func BenchmarkSplitAlpha(b *testing.B) {
	data := encodePNG(3000, 1500, 6, func(x, y int) []byte { return []byte{byte(x), byte(y), byte(x ^ y), byte(255 - x%7)} })
	b.SetBytes(3000 * 1500 * 4)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := pngAlphaSplit(data); !ok {
			b.Fatal("not split")
		}
	}
}

// unfilter undoes a PNG filter on row (samples bpp bytes apart) below
// prev, the row above unfiltered; it reports false for an unknown filter.
func unfilter(filter byte, row, prev []byte, bpp int) bool {
	switch filter {
	case 0:
	case 1: // Sub
		for i := bpp; i < len(row); i++ {
			row[i] += row[i-bpp]
		}
	case 2: // Up
		for i := range row {
			row[i] += prev[i]
		}
	case 3: // Average
		for i := range row {
			var left byte
			if i >= bpp {
				left = row[i-bpp]
			}
			row[i] += byte((int(left) + int(prev[i])) / 2)
		}
	case 4: // Paeth
		for i := range row {
			var a, c byte
			if i >= bpp {
				a, c = row[i-bpp], prev[i-bpp]
			}
			row[i] += paeth(a, prev[i], c)
		}
	default:
		return false
	}
	return true
}

// paeth is the Paeth predictor of PNG.
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestSplitRow splits rows of every width from 0 to 19 pixels, RGBA and
// gray with alpha, against the samples taken one at a time: the four
// pixels a step and the pixels after them.
func TestSplitRow(t *testing.T) {
	for _, channels := range []int{2, 4} {
		for w := range 20 {
			row := make([]byte, channels*w)
			for i := range row {
				row[i] = byte(i*37 + 11)
			}
			color, alpha := make([]byte, (channels-1)*w), make([]byte, w)
			splitRow(color, alpha, row, channels)
			var wantColor, wantAlpha []byte
			for x := range w {
				p := row[channels*x : channels*(x+1)]
				wantColor, wantAlpha = append(wantColor, p[:channels-1]...), append(wantAlpha, p[channels-1])
			}
			if !bytes.Equal(color, wantColor) || !bytes.Equal(alpha, wantAlpha) {
				t.Errorf("%d channels, %d pixels: colour %v alpha %v, want %v and %v", channels, w, color, alpha, wantColor, wantAlpha)
			}
		}
	}
}
