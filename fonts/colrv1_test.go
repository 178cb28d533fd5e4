package fonts

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/galley-pub/galley/internal/validate"
)

// near reports two colours within a rounding of each other.
func near(a, b [4]float32) bool {
	for j := range 4 {
		if math.Abs(float64(a[j]-b[j])) > 0.01 {
			return false
		}
	}
	return true
}

// testPainter paints with a palette of opaque red, green and blue.
func testPainter() *colrPainter {
	return &colrPainter{font: &gofont.Font{CPAL: gofont.CPAL{{
		{Red: 0xff, Alpha: 0xff}, {Green: 0xff, Alpha: 0xff}, {Blue: 0xff, Alpha: 0xff},
	}}}, w: 4, h: 4}
}

var (
	red   = [4]float32{1, 0, 0, 1}
	green = [4]float32{0, 1, 0, 1}
	blue  = [4]float32{0, 0, 1, 1}
)

// redToBlue is a colour line from red at 0 to blue at 1, extended by ext.
func redToBlue(ext tables.Extend) tables.ColorLine {
	return tables.ColorLine{Extend: ext, ColorStops: []tables.ColorStop{
		{StopOffset: 0, PaletteIndex: 0, Alpha: 1 << 14},
		{StopOffset: 1 << 14, PaletteIndex: 2, Alpha: 1 << 14},
	}}
}

// TestColorLine: a colour line interpolates between its stops, and pads,
// repeats or reflects past them.
func TestColorLine(t *testing.T) {
	cp := testPainter()
	for i, c := range []struct {
		ext  tables.Extend
		t    float64
		want [4]float32
	}{
		{tables.ExtendPad, 0, red},
		{tables.ExtendPad, 1, blue},
		{tables.ExtendPad, 0.5, [4]float32{0.5, 0, 0.5, 1}},
		{tables.ExtendPad, -3, red},
		{tables.ExtendPad, 7, blue},
		{tables.ExtendRepeat, 1.25, [4]float32{0.75, 0, 0.25, 1}},
		{tables.ExtendReflect, 1.25, [4]float32{0.25, 0, 0.75, 1}},
		{tables.ExtendReflect, -0.25, [4]float32{0.75, 0, 0.25, 1}},
	} {
		if got := cp.at(redToBlue(c.ext), c.t); !near(got, c.want) {
			t.Errorf("%d: extend %d at %g: %v, want %v", i+1, c.ext, c.t, got, c.want)
		}
	}
}

// TestGradients: where each gradient puts its colours, in glyph space.
func TestGradients(t *testing.T) {
	cp := testPainter()
	line := redToBlue(tables.ExtendPad)
	for i, c := range []struct {
		name string
		sh   shader
		x, y float64
		want [4]float32
	}{
		{"linear start", cp.linear(line, 0, 0, 100, 0, 0, 100), 0, 50, red},
		{"linear end", cp.linear(line, 0, 0, 100, 0, 0, 100), 100, -20, blue},
		{"linear middle", cp.linear(line, 0, 0, 100, 0, 0, 100), 50, 999, [4]float32{0.5, 0, 0.5, 1}},
		// p2 turns the lines of one colour: along p0–p2 = (100, 100), so
		// p1 = (100, 0) is projected onto the normal (50, −50).
		{"linear turned, on p0–p2", cp.linear(line, 0, 0, 100, 0, 100, 100), 70, 70, red},
		{"linear turned, at p1's projection", cp.linear(line, 0, 0, 100, 0, 100, 100), 50, -50, blue},
		{"radial centre", cp.radial(line, 0, 0, 0, 0, 0, 100), 0, 0, red},
		{"radial edge", cp.radial(line, 0, 0, 0, 0, 0, 100), 0, 100, blue},
		{"radial half", cp.radial(line, 0, 0, 0, 0, 0, 100), 30, 40, [4]float32{0.5, 0, 0.5, 1}},
		{"sweep start (east)", cp.sweep(line, 0, 0, -1<<14, 1<<14), 10, 0.001, red},
		// Counter-clockwise with y up: north is a quarter of the way.
		{"sweep north", cp.sweep(line, 0, 0, -1<<14, 1<<14), 0, 10, [4]float32{0.75, 0, 0.25, 1}},
		{"sweep west", cp.sweep(line, 0, 0, -1<<14, 1<<14), -10, 0, [4]float32{0.5, 0, 0.5, 1}},
	} {
		if got := c.sh(c.x, c.y); !near(got, c.want) {
			t.Errorf("%d: %s at %g,%g: %v, want %v", i+1, c.name, c.x, c.y, got, c.want)
		}
	}
}

// TestTransforms: the paint transforms turn, skew and scale about their
// centres, counter-clockwise with y up.
func TestTransforms(t *testing.T) {
	for i, c := range []struct {
		name         string
		m            affine
		x, y, wx, wy float64
	}{
		{"rotate a quarter", rotateAbout(0.5, 0, 0), 1, 0, 0, 1},
		{"rotate about a centre", rotateAbout(1, 10, 10), 11, 10, 9, 10},
		{"scale about a centre", scaleAbout(2, 3, 10, 10), 11, 11, 12, 13},
		{"skew x by 45°", skewAbout(-0.25, 0, 0, 0), 0, 1, 1, 1},
		{"translate, then scale", scaleAbout(2, 2, 0, 0).then(translate(1, 0)), 0, 0, 2, 0},
	} {
		x, y := c.m.apply(c.x, c.y)
		if math.Abs(x-c.wx) > 1e-9 || math.Abs(y-c.wy) > 1e-9 {
			t.Errorf("%d: %s: %g,%g → %g,%g, want %g,%g", i+1, c.name, c.x, c.y, x, y, c.wx, c.wy)
		}
		if inv, ok := c.m.inverse(); ok {
			if bx, by := inv.apply(x, y); math.Abs(bx-c.x) > 1e-9 || math.Abs(by-c.y) > 1e-9 {
				t.Errorf("%d: %s: the inverse gives %g,%g", i+1, c.name, bx, by)
			}
		}
	}
}

// TestCompose: the composite modes on opaque and half-covered colours.
func TestCompose(t *testing.T) {
	half := [4]float32{0, 0, 0.5, 0.5} // blue at half alpha, premultiplied
	grey := [4]float32{0.5, 0.5, 0.5, 1}
	for i, c := range []struct {
		mode tables.CompositeMode
		s, b [4]float32
		want [4]float32
	}{
		{tables.CompositeSrcOver, half, red, [4]float32{0.5, 0, 0.5, 1}},
		{tables.CompositeDestOver, half, red, red},
		{tables.CompositeSrcIn, red, half, [4]float32{0.5, 0, 0, 0.5}},
		{tables.CompositeDestOut, half, red, [4]float32{0.5, 0, 0, 0.5}},
		{tables.CompositeClear, red, blue, [4]float32{}},
		{tables.CompositeMultiply, grey, red, [4]float32{0.5, 0, 0, 1}},
		{tables.CompositeScreen, grey, red, [4]float32{1, 0.5, 0.5, 1}},
		{tables.CompositeDifference, grey, red, [4]float32{0.5, 0.5, 0.5, 1}},
		{tables.CompositeXor, red, blue, [4]float32{}},
		{tables.CompositeHslHue, half, red, [4]float32{0.5, 0, 0.5, 1}}, // drawn as source-over
		{tables.CompositeDarken, green, red, [4]float32{0, 0, 0, 1}},
	} {
		if got := compose(c.mode, c.s, c.b); !near(got, c.want) {
			t.Errorf("%d: mode %d: %v on %v: %v, want %v", i+1, c.mode, c.s, c.b, got, c.want)
		}
	}
}

// notoColrV1 returns the files of Google's Noto Color Emoji in COLR
// version 1 as npm's @fontsource/noto-color-emoji ships them (WOFF, one
// file per range of characters), made plain OpenType in dir.
func notoColrV1(t *testing.T, dir string) {
	roots := []string{"/usr/lib/node_modules", "/usr/local/lib/node_modules"}
	if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		roots = append([]string{strings.TrimSpace(string(out))}, roots...)
	}
	var files []string
	for _, r := range roots {
		if files, _ = filepath.Glob(filepath.Join(r, "@fontsource/noto-color-emoji/files/*-400-normal.woff")); len(files) > 0 {
			break
		}
	}
	if len(files) == 0 {
		validate.Missing(t, "Noto Color Emoji in COLR version 1", "npm install -g @fontsource/noto-color-emoji")
	}
	for _, f := range files {
		woff, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sfnt, err := woffToSFNT(woff)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), ".woff")+".ttf"), sfnt, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// woffToSFNT unpacks a WOFF (version 1) font: its tables, each
// zlib-compressed or stored, under an OpenType table directory.
func woffToSFNT(woff []byte) ([]byte, error) {
	if len(woff) < 44 || string(woff[:4]) != "wOFF" {
		return nil, io.ErrUnexpectedEOF
	}
	be := binary.BigEndian
	n := int(be.Uint16(woff[12:]))
	type table struct {
		tag, sum uint32
		data     []byte
	}
	var ts []table
	for i := range n {
		e := woff[44+20*i:]
		off, clen, olen := be.Uint32(e[4:]), be.Uint32(e[8:]), be.Uint32(e[12:])
		data := woff[off : off+clen]
		if clen < olen {
			r, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				return nil, err
			}
			if data, err = io.ReadAll(r); err != nil {
				return nil, err
			}
		}
		ts = append(ts, table{be.Uint32(e), be.Uint32(e[16:]), data})
	}
	sel := 0
	for 2<<sel <= n {
		sel++
	}
	out := be.AppendUint32(nil, be.Uint32(woff[4:]))
	out = be.AppendUint16(out, uint16(n))
	out = be.AppendUint16(out, uint16(16<<sel))
	out = be.AppendUint16(out, uint16(sel))
	out = be.AppendUint16(out, uint16(16*n-16<<sel))
	at := 12 + 16*n
	var body []byte
	for _, tb := range ts {
		out = be.AppendUint32(out, tb.tag)
		out = be.AppendUint32(out, tb.sum)
		out = be.AppendUint32(out, uint32(at+len(body)))
		out = be.AppendUint32(out, uint32(len(tb.data)))
		body = append(body, tb.data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...), nil
}

// TestNotoColorEmojiV1: Noto Color Emoji's paint graphs (gradients,
// transforms, composites) come out in colour, as Chromium draws them: 😀
// a yellow face shaded by its gradients, 🌈 its bands. Before, a version 1
// glyph was painted in black from its outline.
func TestNotoColorEmojiV1(t *testing.T) {
	dir := t.TempDir()
	notoColrV1(t, dir)
	base, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		char  rune
		name  string
		check func(r, g, b uint8) bool // the colour most of the glyph's pixels are
	}{
		{'😀', "yellow", func(r, g, b uint8) bool { return r > 200 && g > 150 && b < 120 }},
		{'🌈', "a band's", func(r, g, b uint8) bool { return max(r, g, b)-min(r, g, b) > 100 }},
	} {
		set, _, err := base.WithFallbacks(FallbackOptions{Dirs: []string{dir}}, []rune{c.char})
		if err != nil || len(set.Fallbacks()) != 1 || !set.IsColor(set.Fallbacks()[0]) {
			t.Fatalf("%c: fallbacks %v, %v; want a colour face", c.char, set.Fallbacks(), err)
		}
		fam := set.Fallbacks()[0]
		gid, ok := set.Font(fam, Regular).NominalGlyph(c.char)
		if !ok {
			t.Fatalf("%c: no glyph", c.char)
		}
		data, w, h, ok := set.GlyphImage(fam, uint16(gid))
		if !ok {
			t.Fatalf("%c: nothing painted", c.char)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		colours, share, opaque := tally(img, c.check)
		if colours < 200 || opaque < w*h/4 {
			t.Errorf("%c: %d colours on %d opaque pixels of %d×%d: want a shaded glyph", c.char, colours, opaque, w, h)
		}
		if share < 0.5 {
			t.Errorf("%c: %.0f%% of its pixels are %s, want most", c.char, 100*share, c.name)
		}
	}
}

// tally counts an image's distinct opaque colours and its opaque pixels,
// and the share of those that are as is wants.
func tally(img image.Image, is func(r, g, b uint8) bool) (colours int, share float64, opaque int) {
	seen := map[[3]uint8]bool{}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a>>8 < 0xf0 {
				continue
			}
			opaque++
			k := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}
			seen[k] = true
			if is(k[0], k[1], k[2]) {
				n++
			}
		}
	}
	return len(seen), float64(n) / float64(max(1, opaque)), opaque
}
