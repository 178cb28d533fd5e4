package pngenc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// gradient is a deterministic test image: smooth colour, a band of
// transparency (alpha below 255) when alpha is set.
func gradient(w, h int, alpha bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			a := uint8(255)
			if alpha && y > h/2 {
				a = uint8(x * 255 / w)
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 256), a})
		}
	}
	return img
}

// paletted is a small image of four colours.
func paletted() *image.Paletted {
	img := image.NewPaletted(image.Rect(0, 0, 33, 17), color.Palette{color.Black, color.White, color.NRGBA{200, 30, 30, 255}, color.NRGBA{0, 0, 255, 128}})
	for y := range 17 {
		for x := range 33 {
			img.SetColorIndex(x, y, uint8((x/4+y/3)%4))
		}
	}
	return img
}

// Each case encodes an image and decodes it with image/png: the same
// pixels, whatever the level and filtering.
func TestRoundTrip(t *testing.T) {
	gray := image.NewGray16(image.Rect(0, 0, 20, 10))
	for y := range 10 {
		for x := range 20 {
			gray.SetGray16(x, y, color.Gray16{uint16(x*3000 + y*7)})
		}
	}
	cases := []struct {
		name string
		img  image.Image
		enc  Encoder
	}{
		{"1 opaque colour, filtered, level 7", gradient(64, 48, false), Encoder{Level: 7}},
		{"2 translucent colour, filtered, level 1", gradient(64, 48, true), Encoder{Level: 1}},
		{"3 translucent colour, unfiltered, level 9", gradient(64, 48, true), Encoder{Level: 9, Unfiltered: true}},
		{"4 palette with a translucent entry (PLTE, tRNS)", paletted(), Encoder{Level: 6}},
		{"5 16-bit grey", gray, Encoder{Level: 5, Unfiltered: true}},
		{"6 one pixel", gradient(1, 1, false), Encoder{Level: 7}},
	}
	for _, c := range cases {
		var b bytes.Buffer
		if err := c.enc.Encode(&b, c.img); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := png.Decode(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("%s: image/png cannot read it: %v", c.name, err)
		}
		if got.Bounds() != c.img.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", c.name, got.Bounds(), c.img.Bounds())
		}
		for y := got.Bounds().Min.Y; y < got.Bounds().Max.Y; y++ {
			for x := got.Bounds().Min.X; x < got.Bounds().Max.X; x++ {
				r0, g0, b0, a0 := c.img.At(x, y).RGBA()
				r1, g1, b1, a1 := got.At(x, y).RGBA()
				if r0 != r1 || g0 != g1 || b0 != b1 || a0 != a1 {
					t.Fatalf("%s: pixel %d,%d is %v, want %v", c.name, x, y, got.At(x, y), c.img.At(x, y))
				}
			}
		}
	}
}

// The bytes written are the same under every Go release: these digests
// hold under Go 1.26, whose compress/flate image/png used to compress
// with, and under 1.27, whose new one compressed the same rows otherwise
// (CI builds with 1.27, go.mod's toolchain). A change of klauspost's
// module may change them: check the sizes, then update the digests.
func TestSameBytes(t *testing.T) {
	cases := []struct {
		name string
		img  image.Image
		enc  Encoder
		want string
	}{
		{"1 filtered, level 7", gradient(200, 120, true), Encoder{Level: 7}, "3b2b9b4f49821c6f"},
		{"2 unfiltered, level 7", gradient(200, 120, false), Encoder{Level: 7, Unfiltered: true}, "711d60a2a07bd70f"},
		{"3 palette, level 1", paletted(), Encoder{Level: 1}, "44fcc036012b2446"},
	}
	for _, c := range cases {
		var b bytes.Buffer
		if err := c.enc.Encode(&b, c.img); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		sum := sha256.Sum256(b.Bytes())
		if got := hex.EncodeToString(sum[:8]); got != c.want {
			t.Errorf("%s: %d bytes, digest %s, want %s", c.name, b.Len(), got, c.want)
		}
	}
}

// Image data longer than maxIDAT is cut in several IDAT chunks, which
// image/png reads as one stream.
func TestLongImageData(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 700, 700))
	seed := uint32(1)
	for i := range img.Pix {
		seed = seed*1664525 + 1013904223
		img.Pix[i] = uint8(seed >> 24) // noise: it does not compress
	}
	var b bytes.Buffer
	if err := (Encoder{Level: 1, Unfiltered: true}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b.Bytes(), []byte("IDAT")); n < 2 {
		t.Errorf("%d IDAT chunks for %d bytes, want several", n, b.Len())
	}
	got, err := png.Decode(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.(*image.NRGBA).Pix, img.Pix) {
		t.Error("the pixels read back differ")
	}
}

// Bad levels and bad files are errors.
func TestErrors(t *testing.T) {
	img := gradient(4, 4, false)
	for _, level := range []int{0, 10, -1} {
		if err := (Encoder{Level: level}).Encode(&bytes.Buffer{}, img); err == nil || !strings.Contains(err.Error(), "not 1 to 9") {
			t.Errorf("level %d: error %v", level, err)
		}
	}
	if err := (Encoder{Level: 6}).Encode(&bytes.Buffer{}, image.NewRGBA(image.Rect(0, 0, 0, 3))); err == nil || !strings.HasPrefix(err.Error(), "pngenc: ") {
		t.Errorf("an empty image: error %v, want image/png's, wrapped", err)
	}
	var good bytes.Buffer
	if err := png.Encode(&good, img); err != nil {
		t.Fatal(err)
	}
	files := []struct {
		name string
		data []byte
		want string
	}{
		{"1 not a PNG", []byte("GIF89a"), "not a PNG"},
		{"2 truncated", good.Bytes()[:len(good.Bytes())-5], "truncated"},
		{"3 a chunk longer than the file", append(good.Bytes()[:8:8], 0x7f, 0, 0, 0, 'I', 'H', 'D', 'R', 0, 0, 0, 0), "longer than the file"},
		{"4 image data not zlib", append([]byte("\x89PNG\r\n\x1a\n"), 0, 0, 0, 2, 'I', 'D', 'A', 'T', 1, 2, 0, 0, 0, 0), "pngenc: zlib"},
	}
	for _, f := range files {
		err := recompress(&bytes.Buffer{}, f.data, 6)
		if err == nil || !strings.Contains(err.Error(), f.want) {
			t.Errorf("%s: error %v, want one saying %q", f.name, err, f.want)
		}
	}
}
