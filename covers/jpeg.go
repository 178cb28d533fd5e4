package covers

import (
	"image"
	"math/bits"
)

// encodeJPEG encodes img, whose bounds begin at the origin as a cover's
// pixels do, as a baseline JPEG (ITU-T T.81) at quality (1–100,
// libjpeg's scale): YCbCr with the chroma sampled 2×2 (4:2:0), the
// quantization tables of Annex K scaled as libjpeg scales them, and the
// Huffman tables of Annex K. It does what image/jpeg's encoder does for
// an RGBA image in about a quarter of the time: the colours of a 2×2
// square are averaged before they are converted, not after; the
// transform is the separable floating-point one of Arai, Agui and
// Nakajima with its scale folded into the quantization; a block of one
// colour is coded from its DC coefficient alone; a 16×16 square of the
// same pixels as the square before it (a cover's dithered gradient
// repeats along each row) takes that square's coefficients; and only the
// coefficients that are not zero are visited when a block is written.
// The e-book's raster cover was two thirds of a class set's CPU, most of
// it in image/jpeg.
func encodeJPEG(img *image.RGBA, quality int) []byte {
	return encodeJPEGReusing(img, quality, true)
}

// encodeJPEGReusing is encodeJPEG, taking a square's coefficients from
// the square before it when their pixels are the same only if reuse is
// set (the tests compare both ways).
func encodeJPEGReusing(img *image.RGBA, quality int, reuse bool) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	e := jpegEncoder{tables: newJPEGTables(quality), out: make([]byte, 0, w*h/8+1024)}
	e.headers(w, h)
	var luma [4]jpegBlock
	var cb, cr jpegBlock
	var q [6]quantized // the square's: four luma blocks, Cb, Cr
	var prevY, prevCb, prevCr int32
	for my := 0; my < h; my += 16 {
		for mx := 0; mx < w; mx += 16 {
			if !reuse || !sameAsLeft(img, mx, my) {
				mcuSamples(img, mx, my, &luma, &cb, &cr)
				for i := range luma {
					e.quantize(&luma[i], 0, &q[i])
				}
				e.quantize(&cb, 1, &q[4])
				e.quantize(&cr, 1, &q[5])
			}
			for i := range 4 {
				prevY = e.block(&q[i], 0, prevY)
			}
			prevCb = e.block(&q[4], 1, prevCb)
			prevCr = e.block(&q[5], 1, prevCr)
		}
	}
	e.flush()
	e.out = append(e.out, 0xFF, 0xD9) // EOI
	return e.out
}

// sameAsLeft reports whether the 16×16 pixels at x0, y0 of img, all
// inside it, are those of the 16×16 to their left.
func sameAsLeft(img *image.RGBA, x0, y0 int) bool {
	b := img.Bounds()
	if x0 < 16 || x0+16 > b.Dx() || y0+16 > b.Dy() {
		return false
	}
	for y := y0; y < y0+16; y++ {
		row := img.Pix[y*img.Stride+4*(x0-16) : y*img.Stride+4*(x0+16)]
		if string(row[:64]) != string(row[64:]) {
			return false
		}
	}
	return true
}

// jpegBlock is an 8×8 block of samples, level-shifted, in rows.
type jpegBlock [64]float32

// mcuSamples fills the four luma blocks (left to right, top to bottom)
// and the two chroma blocks of the 16×16 pixels at x0, y0 of img. Pixels
// past the image's right or bottom edge repeat its last column or row.
func mcuSamples(img *image.RGBA, x0, y0 int, luma *[4]jpegBlock, cb, cr *jpegBlock) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if x0+16 <= w && y0+16 <= h {
		samples(img.Pix[y0*img.Stride+4*x0:], img.Stride, luma, cb, cr)
		return
	}
	var edge [16 * 16 * 4]uint8 // the pixels, the edge repeated
	for y := range 16 {
		row := img.Pix[min(y0+y, h-1)*img.Stride:]
		for x := range 16 {
			o := 4 * min(x0+x, w-1)
			copy(edge[(y*16+x)*4:(y*16+x)*4+4], row[o:o+4])
		}
	}
	samples(edge[:], 16*4, luma, cb, cr)
}

// samples is mcuSamples of the 16×16 pixels at the start of pix, rows
// stride bytes apart. The samples are JFIF's, rounded to integers as
// 8-bit samples are (in 16-bit fixed point).
func samples(pix []uint8, stride int, luma *[4]jpegBlock, cb, cr *jpegBlock) {
	for y := 0; y < 16; y += 2 {
		top, bottom := pix[y*stride:y*stride+64:y*stride+64], pix[(y+1)*stride:(y+1)*stride+64:(y+1)*stride+64]
		blks := luma[(y>>3)<<1:]
		for x := 0; x < 16; x += 2 {
			blk := &blks[x>>3]
			at := (y&7)<<3 | x&7
			p, q := top[4*x:4*x+8:4*x+8], bottom[4*x:4*x+8:4*x+8]
			r0, g0, b0 := int32(p[0]), int32(p[1]), int32(p[2])
			r1, g1, b1 := int32(p[4]), int32(p[5]), int32(p[6])
			r2, g2, b2 := int32(q[0]), int32(q[1]), int32(q[2])
			r3, g3, b3 := int32(q[4]), int32(q[5]), int32(q[6])
			blk[at] = lumaSample(r0, g0, b0)
			blk[at+1] = lumaSample(r1, g1, b1)
			blk[at+8] = lumaSample(r2, g2, b2)
			blk[at+9] = lumaSample(r3, g3, b3)
			r, g, bl := r0+r1+r2+r3, g0+g1+g2+g3, b0+b1+b2+b3 // four times the mean
			c := (y>>1)<<3 | x>>1
			cb[c] = float32((-11059*r - 21709*g + 32768*bl + 1<<17) >> 18)
			cr[c] = float32((32768*r - 27439*g - 5329*bl + 1<<17) >> 18)
		}
	}
}

// lumaSample is the level-shifted Y of a colour: 0.299 R + 0.587 G +
// 0.114 B − 128, rounded.
func lumaSample(r, g, b int32) float32 {
	return float32((19595*r+38470*g+7471*b+1<<15)>>16 - 128)
}

// jpegEncoder is an encoding in progress: the tables, the bytes written
// and the entropy-coded bits not yet written.
type jpegEncoder struct {
	tables *jpegTables
	out    []byte
	bits   uint64 // the low nbits are still to be written
	nbits  uint
}

// headers writes the markers before the entropy-coded data: SOI, JFIF,
// the quantization tables, the frame (baseline, three components, luma
// sampled 2×2), the Huffman tables and the scan.
func (e *jpegEncoder) headers(w, h int) {
	t := e.tables
	e.out = append(e.out, 0xFF, 0xD8)
	e.out = append(e.out, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0)
	e.out = append(e.out, 0xFF, 0xDB, 0, 2+2*65)
	for i := range 2 {
		e.out = append(e.out, uint8(i))
		for _, n := range jpegZigzag {
			e.out = append(e.out, t.quant[i][n])
		}
	}
	e.out = append(e.out, 0xFF, 0xC0, 0, 17, 8, uint8(h>>8), uint8(h), uint8(w>>8), uint8(w), 3,
		1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	n := 2
	for _, s := range jpegHuffmanSpecs {
		n += 17 + len(s.values)
	}
	e.out = append(e.out, 0xFF, 0xC4, uint8(n>>8), uint8(n))
	for _, s := range jpegHuffmanSpecs {
		e.out = append(e.out, s.class)
		e.out = append(e.out, s.counts[:]...)
		e.out = append(e.out, s.values...)
	}
	e.out = append(e.out, 0xFF, 0xDA, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0)
}

// quantized is a block's coefficients, quantized, in zigzag order, and
// which of them are not zero (bit k for coefficient k).
type quantized struct {
	q       [64]int32
	nonzero uint64
}

// quantize transforms the block b of component class c (0 luma, 1
// chroma) and quantizes it into q.
func (e *jpegEncoder) quantize(b *jpegBlock, c int, q *quantized) {
	recip := &e.tables.recip[c]
	if flat(b) {
		// One colour (a cover's gradient is that in many blocks): the
		// transform is its DC coefficient alone, 64 times the sample.
		q.q = [64]int32{int32(64*b[0]*recip[0]+16384.5) - 16384}
		q.nonzero = 1
		return
	}
	fdct(b)
	q.nonzero = 0
	for k, n := range jpegZigzag {
		// Rounded to nearest: the offset makes the conversion's
		// truncation a floor (coefficients stay within ±2048).
		v := int32(b[n]*recip[n]+16384.5) - 16384
		q.q[k] = v
		q.nonzero |= uint64(uint32(v|-v)>>31) << k
	}
}

// block writes the quantized block q of component class c, whose
// previous block's DC coefficient was prev, and returns this block's.
// Only its coefficients that are not zero are visited.
func (e *jpegEncoder) block(q *quantized, c int, prev int32) int32 {
	dc, ac := &e.tables.codes[2*c], &e.tables.codes[2*c+1]
	size, extra := magnitude(q.q[0] - prev)
	e.write(uint32(dc[size].code)<<size|extra, dc[size].size+size)
	last := 0 // the last coefficient written
	for nz := q.nonzero &^ 1; nz != 0; nz &= nz - 1 {
		k := bits.TrailingZeros64(nz)
		run := k - last - 1
		for ; run > 15; run -= 16 {
			e.emit(ac[0xF0]) // sixteen zeros
		}
		size, extra := magnitude(q.q[k])
		c := ac[uint8(run)<<4|size]
		e.write(uint32(c.code)<<size|extra, c.size+size)
		last = k
	}
	if last < 63 {
		e.emit(ac[0x00]) // end of block
	}
	return q.q[0]
}

// flat reports whether every sample of b is the same.
func flat(b *jpegBlock) bool {
	for _, v := range b[1:] {
		if v != b[0] {
			return false
		}
	}
	return true
}

// magnitude returns the size category of v and the bits that say it
// within its category (T.81 F.1.2.1): v itself when positive, v-1 when
// negative, in size bits.
func magnitude(v int32) (uint8, uint32) {
	a := v
	if v < 0 {
		a, v = -v, v-1
	}
	size := uint8(bits.Len32(uint32(a)))
	return size, uint32(v) & (1<<size - 1)
}

// emit writes a Huffman code.
func (e *jpegEncoder) emit(c huffmanCode) { e.write(uint32(c.code), c.size) }

// write writes the low n bits of v, most significant first, stuffing a
// zero byte after each 0xFF byte.
func (e *jpegEncoder) write(v uint32, n uint8) {
	e.bits = e.bits<<n | uint64(v)
	e.nbits += uint(n)
	for e.nbits >= 8 {
		e.nbits -= 8
		c := uint8(e.bits >> e.nbits)
		e.out = append(e.out, c)
		if c == 0xFF {
			e.out = append(e.out, 0)
		}
	}
}

// flush pads the last byte with one bits.
func (e *jpegEncoder) flush() {
	if e.nbits > 0 {
		e.write(1<<(8-e.nbits)-1, uint8(8-e.nbits))
	}
}

// fdct is the forward DCT of b in place, each coefficient scaled by
// 8·s(u)·s(v), s being aanScale: the scale jpegTables.recip takes out.
func fdct(b *jpegBlock) {
	for i := 0; i < 64; i += 8 {
		fdct8(b, i, 1)
	}
	for i := range 8 {
		fdct8(b, i, 8)
	}
}

// fdct8 transforms the eight samples of b from at, step apart (a row or
// a column), by the factorisation of Arai, Agui and Nakajima.
func fdct8(b *jpegBlock, at, step int) {
	d0, d1, d2, d3 := b[at], b[at+step], b[at+2*step], b[at+3*step]
	d4, d5, d6, d7 := b[at+4*step], b[at+5*step], b[at+6*step], b[at+7*step]
	t0, t7 := d0+d7, d0-d7
	t1, t6 := d1+d6, d1-d6
	t2, t5 := d2+d5, d2-d5
	t3, t4 := d3+d4, d3-d4

	t10, t13 := t0+t3, t0-t3
	t11, t12 := t1+t2, t1-t2
	b[at] = t10 + t11
	b[at+4*step] = t10 - t11
	z1 := (t12 + t13) * 0.707106781
	b[at+2*step] = t13 + z1
	b[at+6*step] = t13 - z1

	t10, t11, t12 = t4+t5, t5+t6, t6+t7
	z5 := (t10 - t12) * 0.382683433
	z2 := 0.541196100*t10 + z5
	z4 := 1.306562965*t12 + z5
	z3 := t11 * 0.707106781
	z11, z13 := t7+z3, t7-z3
	b[at+5*step] = z13 + z2
	b[at+3*step] = z13 - z2
	b[at+step] = z11 + z4
	b[at+7*step] = z11 - z4
}

// aanScale is s(k) = √2·cos(kπ/16), s(0) = 1: the factors the AAN
// transform leaves on its coefficients.
var aanScale = [8]float64{1, 1.387039845, 1.306562965, 1.175875602, 1, 0.785694958, 0.541196100, 0.275899379}

// jpegZigzag is the zigzag order of T.81 Figure 5: the index, in rows,
// of each coefficient in the order they are coded.
var jpegZigzag = [64]uint8{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
}

// jpegTables are an encoding's quantization tables (luma, chroma; in
// rows), their reciprocals with the transform's scale, and the Huffman
// codes of each symbol (DC and AC luma, DC and AC chroma).
type jpegTables struct {
	quant [2][64]uint8
	recip [2][64]float32
	codes [4][256]huffmanCode
}

// huffmanCode is a symbol's code: its low size bits.
type huffmanCode struct {
	code uint16
	size uint8
}

// newJPEGTables returns the tables of an encoding at quality, scaled as
// libjpeg scales Annex K's tables (its jpeg_quality_scaling).
func newJPEGTables(quality int) *jpegTables {
	quality = min(max(quality, 1), 100)
	scale := 200 - 2*quality
	if quality < 50 {
		scale = 5000 / quality
	}
	t := &jpegTables{}
	for c, base := range [2]*[64]uint8{&annexKLuma, &annexKChroma} {
		for n, v := range base {
			q := min(max((int(v)*scale+50)/100, 1), 255)
			t.quant[c][n] = uint8(q)
			t.recip[c][n] = float32(1 / (float64(q) * aanScale[n/8] * aanScale[n%8] * 8))
		}
	}
	for i, s := range jpegHuffmanSpecs {
		code, k := uint16(0), 0
		for size, count := range s.counts {
			for range count {
				t.codes[i][s.values[k]] = huffmanCode{code: code, size: uint8(size + 1)}
				code++
				k++
			}
			code <<= 1
		}
	}
	return t
}

// annexKLuma and annexKChroma are the quantization tables of T.81 Annex
// K.1 (Tables K.1 and K.2), in rows.
var (
	annexKLuma = [64]uint8{
		16, 11, 10, 16, 24, 40, 51, 61,
		12, 12, 14, 19, 26, 58, 60, 55,
		14, 13, 16, 24, 40, 57, 69, 56,
		14, 17, 22, 29, 51, 87, 80, 62,
		18, 22, 37, 56, 68, 109, 103, 77,
		24, 35, 55, 64, 81, 104, 113, 92,
		49, 64, 78, 87, 103, 121, 120, 101,
		72, 92, 95, 98, 112, 100, 103, 99,
	}
	annexKChroma = [64]uint8{
		17, 18, 24, 47, 99, 99, 99, 99,
		18, 21, 26, 66, 99, 99, 99, 99,
		24, 26, 56, 99, 99, 99, 99, 99,
		47, 66, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
	}
)

// huffmanSpec is a Huffman table as DHT gives it: its class and id
// byte, how many codes there are of each length (1 to 16 bits), and the
// symbols in the order of their codes.
type huffmanSpec struct {
	class  uint8
	counts [16]uint8
	values []uint8
}

// jpegHuffmanSpecs are the tables of T.81 Annex K.3 (Tables K.3 to
// K.6): DC and AC luma, DC and AC chroma.
var jpegHuffmanSpecs = [4]huffmanSpec{
	{0x00, [16]uint8{0, 1, 5, 1, 1, 1, 1, 1, 1}, []uint8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
	{0x10, [16]uint8{0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 125}, []uint8{
		0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
		0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
		0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
		0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
		0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
		0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
		0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
		0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
		0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
		0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
		0xf9, 0xfa,
	}},
	{0x01, [16]uint8{0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1}, []uint8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
	{0x11, [16]uint8{0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 119}, []uint8{
		0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
		0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
		0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
		0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
		0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
		0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
		0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
		0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
		0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
		0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
		0xf9, 0xfa,
	}},
}
