package covers

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"
)

// psnr is the peak signal-to-noise ratio, in dB, of got (decoded) against
// want over the red, green and blue of every pixel; +Inf when they are
// equal.
func psnr(want *image.RGBA, got image.Image) float64 {
	var se float64
	r := want.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			o := want.PixOffset(x, y)
			cr, cg, cb, _ := got.At(x, y).RGBA()
			for k, c := range [3]uint32{cr >> 8, cg >> 8, cb >> 8} {
				d := float64(want.Pix[o+k]) - float64(c)
				se += d * d
			}
		}
	}
	return 10 * math.Log10(255*255/(se/float64(3*r.Dx()*r.Dy())))
}

// stdJPEG is image/jpeg's encoding of img at quality, the reference the
// cover's encoder is held to.
func stdJPEG(t testing.TB, img image.Image, quality int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// decodeJPEG decodes data with image/jpeg, failing the test if it cannot
// or if the image is not w×h.
func decodeJPEG(t *testing.T, data []byte, w, h int) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("image/jpeg cannot decode it: %v", err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("decoded as %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
	}
	return img
}

// TestEncodeJPEGCover: a cover encoded at the thumbnail's quality decodes
// to its pixels as closely as image/jpeg's encoding does (PSNR within
// 0.3 dB, and over 40 dB), in about as many bytes, and the same each time.
func TestEncodeJPEGCover(t *testing.T) {
	img, err := new(Designer).render(sampleInfo(), 0.375)
	if err != nil {
		t.Fatal(err)
	}
	ours := encodeJPEG(img, 88)
	std := stdJPEG(t, img, 88)
	got := psnr(img, decodeJPEG(t, ours, 600, 960))
	want := psnr(img, decodeJPEG(t, std, 600, 960))
	if got < 40 || got < want-0.3 {
		t.Errorf("PSNR %.2f dB; image/jpeg's %.2f dB", got, want)
	}
	if n, m := len(ours), len(std); n > m*105/100 {
		t.Errorf("%d bytes; image/jpeg's %d", n, m)
	}
	if !bytes.Equal(ours, encodeJPEG(img, 88)) {
		t.Error("two encodings of one image differ")
	}
	t.Logf("%d bytes, %.2f dB; image/jpeg: %d bytes, %.2f dB", len(ours), got, len(std), want)
}

// TestEncodeJPEGCases: images of sizes that are not whole MCUs (the edge
// repeated), of noise (every AC symbol and long zero runs), of one colour
// (the flat blocks' shortcut) and at the ends of the quality scale decode
// to their size and as closely as image/jpeg's encoding of them.
func TestEncodeJPEGCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fill := map[string]func(x, y int) [3]uint8{
		"noise": func(x, y int) [3]uint8 {
			return [3]uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
		},
		"gradient": func(x, y int) [3]uint8 { return [3]uint8{uint8(x * 7), uint8(y * 5), uint8(x*3 + y*2)} },
		"flat":     func(x, y int) [3]uint8 { return [3]uint8{200, 120, 40} },
		"stripes": func(x, y int) [3]uint8 {
			if (x/3+y/5)%2 == 0 {
				return [3]uint8{255, 255, 255}
			}
			return [3]uint8{0, 0, 0}
		},
	}
	for _, name := range []string{"noise", "gradient", "flat", "stripes"} {
		for _, size := range [][2]int{{1, 1}, {7, 9}, {16, 16}, {17, 33}, {33, 17}, {64, 48}} {
			for _, quality := range []int{1, 50, 88, 100} {
				w, h := size[0], size[1]
				img := image.NewRGBA(image.Rect(0, 0, w, h))
				for y := range h {
					for x := range w {
						c := fill[name](x, y)
						copy(img.Pix[img.PixOffset(x, y):], []uint8{c[0], c[1], c[2], 255})
					}
				}
				got := psnr(img, decodeJPEG(t, encodeJPEG(img, quality), w, h))
				want := psnr(img, decodeJPEG(t, stdJPEG(t, img, quality), w, h))
				if got < want-1 && got < 45 {
					t.Errorf("%s %dx%d quality %d: PSNR %.2f dB; image/jpeg's %.2f dB", name, w, h, quality, got, want)
				}
			}
		}
	}
}

// TestEncodeJPEGReuse: taking a square's coefficients from the square to
// its left when their pixels are the same gives the bytes computing them
// gives: on the cover, on rows of repeated squares, and on repeated
// squares but one that differs from its neighbour in one pixel (at its
// last byte, so that the comparison must reach it).
func TestEncodeJPEGReuse(t *testing.T) {
	cover, err := new(Designer).render(sampleInfo(), 0.375)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	repeated := image.NewRGBA(image.Rect(0, 0, 80, 40))
	for y := range 40 {
		for x := range 16 {
			c := []uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
			for k := 0; k < 80; k += 16 {
				copy(repeated.Pix[repeated.PixOffset(x+k, y):], c)
			}
		}
	}
	odd := image.NewRGBA(repeated.Rect)
	copy(odd.Pix, repeated.Pix)
	odd.Pix[odd.PixOffset(47, 15)+2] ^= 0x40 // the third square's last pixel's blue
	for name, img := range map[string]*image.RGBA{"cover": cover, "repeated": repeated, "one pixel off": odd} {
		got, want := encodeJPEGReusing(img, 88, true), encodeJPEGReusing(img, 88, false)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: reusing squares gives other bytes (%d against %d)", name, len(got), len(want))
		}
	}
	if !sameAsLeft(repeated, 16, 0) || sameAsLeft(odd, 48, 0) || sameAsLeft(odd, 32, 0) || sameAsLeft(repeated, 64, 32) {
		t.Error("sameAsLeft: a square's likeness to its left one misjudged")
	}
}

// TestJPEGZigzag: the coding order visits every coefficient once, each
// next to the one before (along a row, a column or a diagonal), starting
// at the DC coefficient.
func TestJPEGZigzag(t *testing.T) {
	seen := map[uint8]bool{}
	for k, n := range jpegZigzag {
		if seen[n] || n > 63 {
			t.Fatalf("%d: %d again or out of the block", k, n)
		}
		seen[n] = true
		if k == 0 {
			if n != 0 {
				t.Fatalf("starts at %d", n)
			}
			continue
		}
		p := jpegZigzag[k-1]
		dr, dc := int(n/8)-int(p/8), int(n%8)-int(p%8)
		if dr*dr > 1 || dc*dc > 1 || (dr == 0 && dc == 0) {
			t.Errorf("%d: %d does not neighbour %d", k, n, p)
		}
	}
}

// TestJPEGHuffmanTables: each Annex K table lists as many symbols as its
// counts say, and its codes are a prefix code that no code of all one
// bits ends (T.81 C: such a code is reserved).
func TestJPEGHuffmanTables(t *testing.T) {
	tables := newJPEGTables(88)
	for i, s := range jpegHuffmanSpecs {
		n := 0
		for _, c := range s.counts {
			n += int(c)
		}
		if n != len(s.values) {
			t.Fatalf("table %d: counts say %d symbols, %d listed", i, n, len(s.values))
		}
		var codes []huffmanCode
		for _, v := range s.values {
			c := tables.codes[i][v]
			if c.code == 1<<c.size-1 {
				t.Errorf("table %d: symbol %#x has the all-ones code", i, v)
			}
			codes = append(codes, c)
		}
		for a, x := range codes {
			for b, y := range codes {
				if a != b && x.size <= y.size && y.code>>(y.size-x.size) == x.code {
					t.Fatalf("table %d: code of %#x is a prefix of %#x's", i, s.values[a], s.values[b])
				}
			}
		}
	}
}

// BenchmarkThumbnailEncode measures encoding a cover at the thumbnail's
// size and quality: encodeJPEG against image/jpeg.
func BenchmarkThumbnailEncode(b *testing.B) {
	img, err := new(Designer).render(sampleInfo(), 0.375)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("galley", func(b *testing.B) {
		for b.Loop() {
			encodeJPEG(img, 88)
		}
	})
	b.Run("image-jpeg", func(b *testing.B) {
		for b.Loop() {
			stdJPEG(b, img, 88)
		}
	})
}
