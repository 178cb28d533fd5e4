package subset

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/galley-pub/galley/fonts"
)

// sample is text the subset tests keep: ASCII, accented Latin (composite
// glyphs in Noto), Vietnamese, Greek, Cyrillic and punctuation.
const sample = "Hello, World! 0123456789 éñÅőçÉ ăđơưếộ αβΩ ЖжЯ ’—“”…"

func noto(t testing.TB, f fonts.Family, s fonts.Style) []byte {
	t.Helper()
	data, err := fonts.Data(f, s)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustSubset(t testing.TB, ttf []byte, runes []rune) []byte {
	t.Helper()
	out, err := Subset(ttf, runes)
	if err != nil {
		t.Fatalf("Subset: %v", err)
	}
	return out
}

func mustParse(t testing.TB, data []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("sfnt.Parse: %v", err)
	}
	return f
}

// glyphOf returns the outline and advance of r in f, at 1000 ppem
// unhinted, and its glyph index.
func glyphOf(t *testing.T, f *sfnt.Font, r rune) (sfnt.GlyphIndex, sfnt.Segments, fixed.Int26_6) {
	t.Helper()
	var buf sfnt.Buffer
	x, err := f.GlyphIndex(&buf, r)
	if err != nil {
		t.Fatalf("GlyphIndex(%q): %v", r, err)
	}
	if x == 0 {
		return 0, nil, 0
	}
	ppem := fixed.I(1000)
	segs, err := f.LoadGlyph(&buf, x, ppem, nil)
	if err != nil {
		t.Fatalf("LoadGlyph(%q): %v", r, err)
	}
	segs = slices.Clone(segs)
	adv, err := f.GlyphAdvance(&buf, x, ppem, xfont.HintingNone)
	if err != nil {
		t.Fatalf("GlyphAdvance(%q): %v", r, err)
	}
	return x, segs, adv
}

// TestSubsetKeepsGlyphs subsets every face to the sample and wants each
// character drawn and advanced exactly as in the whole face, characters
// not asked for unmapped, few glyphs and a much smaller file.
func TestSubsetKeepsGlyphs(t *testing.T) {
	for _, fam := range fonts.Families() {
		for _, st := range fonts.Styles() {
			name := fonts.FileName(fam, st)
			if fam == fonts.Mono && st&fonts.Italic != 0 {
				continue // the upright faces again
			}
			t.Run(name, func(t *testing.T) {
				whole := noto(t, fam, st)
				out := mustSubset(t, whole, []rune(sample))
				t.Logf("%s: %d bytes → %d bytes for %d characters", name, len(whole), len(out), len([]rune(sample)))
				if len(out) > len(whole)/10 {
					t.Errorf("subset is %d bytes, more than a tenth of the face's %d", len(out), len(whole))
				}
				orig, sub := mustParse(t, whole), mustParse(t, out)
				if n := sub.NumGlyphs(); n < 40 || n > len([]rune(sample))+20 {
					t.Errorf("subset has %d glyphs (the face %d)", n, orig.NumGlyphs())
				}
				for _, r := range sample {
					ox, osegs, oadv := glyphOf(t, orig, r)
					if ox == 0 {
						t.Fatalf("the whole face lacks %q", r)
					}
					sx, ssegs, sadv := glyphOf(t, sub, r)
					if sx == 0 {
						t.Errorf("%q is not mapped in the subset", r)
						continue
					}
					if !slices.Equal(osegs, ssegs) {
						t.Errorf("%q: outline differs (%d segments, want %d)", r, len(ssegs), len(osegs))
					}
					if oadv != sadv {
						t.Errorf("%q: advance %v, want %v", r, sadv, oadv)
					}
				}
				for _, r := range "Qqxz€ЮΨ" {
					if x, _, _ := glyphOf(t, sub, r); x != 0 {
						t.Errorf("%q, not asked for, maps to glyph %d", r, x)
					}
				}
				verifyFile(t, out)
			})
		}
	}
}

// TestComposites checks that accented letters of the sample (é ñ ő; Å is
// a simple glyph) are composite glyphs in Noto Serif, so that
// TestSubsetKeepsGlyphs covers renumbered components, and that a subset of
// them alone keeps their components.
func TestComposites(t *testing.T) {
	whole := noto(t, fonts.Serif, fonts.Regular)
	f, cm := parseWithCmap(t, whole)
	for _, r := range "éñő" {
		g, err := cm.lookup(r)
		if err != nil || g == 0 {
			t.Fatalf("%q: glyph %d, %v", r, g, err)
		}
		data, err := f.glyph(int(g))
		if err != nil {
			t.Fatal(err)
		}
		comps, err := components(data)
		if err != nil || len(comps) < 2 {
			t.Errorf("%q (glyph %d): %d components, %v; want a composite", r, g, len(comps), err)
		}
	}
	out := mustSubset(t, whole, []rune("éñÅő"))
	orig, sub := mustParse(t, whole), mustParse(t, out)
	for _, r := range "éñÅő" {
		_, osegs, oadv := glyphOf(t, orig, r)
		_, ssegs, sadv := glyphOf(t, sub, r)
		if !slices.Equal(osegs, ssegs) || oadv != sadv || len(ssegs) == 0 {
			t.Errorf("%q: %d segments advance %v, want %d segments advance %v", r, len(ssegs), sadv, len(osegs), oadv)
		}
	}
	// .notdef, Å, three composites and their bases and accents, no more.
	if n := sub.NumGlyphs(); n < 9 || n > 13 {
		t.Errorf("subset of 4 composites has %d glyphs", n)
	}
	for _, r := range "eno" { // bases are components, not mapped characters
		if x, _, _ := glyphOf(t, sub, r); x != 0 {
			t.Errorf("%q maps to glyph %d", r, x)
		}
	}
	verifyFile(t, out)
}

// TestTables checks which tables the subset keeps, that the licence
// notice is still in the name table, and post format 3.
func TestTables(t *testing.T) {
	whole := noto(t, fonts.Serif, fonts.Regular)
	out := mustSubset(t, whole, []rune("galley"))
	in, got := tableTags(t, whole), tableTags(t, out)
	t.Logf("tables: %v → %v", in, got)
	for _, tag := range []string{"GSUB", "GPOS", "GDEF", "kern", "hdmx", "LTSH", "VDMX", "DSIG"} {
		if slices.Contains(got, tag) {
			t.Errorf("subset keeps %q", tag)
		}
	}
	for _, tag := range []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"} {
		if slices.Contains(in, tag) && !slices.Contains(got, tag) {
			t.Errorf("subset drops %q", tag)
		}
	}
	var buf sfnt.Buffer
	lic, err := mustParse(t, out).Name(&buf, sfnt.NameIDLicense)
	if err != nil || !strings.Contains(lic, "SIL Open Font License, Version 1.1") {
		t.Errorf("licence name %q, %v", lic, err)
	}
	f, err := parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if v := binary.BigEndian.Uint32(f.tables["post"]); v != 0x00030000 || len(f.tables["post"]) != 32 {
		t.Errorf("post version %#x, %d bytes", v, len(f.tables["post"]))
	}
}

// TestDeterministic subsets twice, the runes in different orders and
// repeated, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	whole := noto(t, fonts.Sans, fonts.Bold)
	rs := []rune(sample)
	a := mustSubset(t, whole, rs)
	rev := slices.Clone(rs)
	slices.Reverse(rev)
	b := mustSubset(t, whole, append(rev, rs...))
	if !bytes.Equal(a, b) {
		t.Error("two subsets of the same characters differ")
	}
}

// TestEmptyAndAll: no characters give .notdef alone; every character of
// the face gives all its mapped glyphs, each unchanged.
func TestEmptyAndAll(t *testing.T) {
	whole := noto(t, fonts.Mono, fonts.Regular)
	out := mustSubset(t, whole, nil)
	if n := mustParse(t, out).NumGlyphs(); n != 1 {
		t.Errorf("empty subset has %d glyphs", n)
	}
	verifyFile(t, out)

	_, cm := parseWithCmap(t, whole)
	var all []rune
	for r := rune(0); r <= 0x10FFFF; r++ {
		if g, _ := cm.lookup(r); g != 0 {
			all = append(all, r)
		}
	}
	out = mustSubset(t, whole, all)
	t.Logf("all %d characters: %d bytes → %d bytes", len(all), len(whole), len(out))
	verifyFile(t, out)
	orig, sub := mustParse(t, whole), mustParse(t, out)
	for _, r := range all {
		_, osegs, oadv := glyphOf(t, orig, r)
		sx, ssegs, sadv := glyphOf(t, sub, r)
		if sx == 0 || !slices.Equal(osegs, ssegs) || oadv != sadv {
			t.Errorf("U+%04X: glyph %d differs", r, sx)
		}
	}
}

// TestCmapRoundTrip writes a character map with characters beyond the
// Basic Multilingual Plane and reads every mapping back from each
// subtable.
func TestCmapRoundTrip(t *testing.T) {
	var ms []mapping
	for _, r := range []rune{'A', 'B', 'C', 'E', 'é', 0x4E00, 0xFFFD, 0x1F600, 0x1F601, 0x10FFFD} {
		ms = append(ms, mapping{r, uint16(len(ms) + 1)})
	}
	ms[3].g = 9 // break the run
	data, err := writeCmap(ms)
	if err != nil {
		t.Fatal(err)
	}
	if n := binary.BigEndian.Uint16(data[2:]); n != 4 {
		t.Errorf("%d encoding records, want 4", n)
	}
	c, err := readCmap(data)
	if err != nil {
		t.Fatal(err)
	}
	if c.format != 12 {
		t.Errorf("read format %d, want 12", c.format)
	}
	bmp, err := format4(ms)
	if err != nil {
		t.Fatal(err)
	}
	c4 := &cmap{format: 4, data: bmp}
	if err := c4.check(); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if g, err := c.lookup(m.r); g != m.g || err != nil {
			t.Errorf("format 12: U+%04X → %d, %v; want %d", m.r, g, err, m.g)
		}
		want := m.g
		if m.r > 0xFFFF {
			want = 0
		}
		if g, err := c4.lookup(m.r); g != want || err != nil {
			t.Errorf("format 4: U+%04X → %d, %v; want %d", m.r, g, err, want)
		}
	}
	for _, r := range []rune{0, 'D', 'F', 0xFFFF, 0x1F602} {
		if g, _ := c.lookup(r); g != 0 {
			t.Errorf("unmapped U+%04X → %d", r, g)
		}
		if g, _ := c4.lookup(r); g != 0 {
			t.Errorf("format 4: unmapped U+%04X → %d", r, g)
		}
	}
}

// TestMalformed feeds truncated, random and corrupted fonts: an error or a
// font, never a panic.
func TestMalformed(t *testing.T) {
	whole := mustSubset(t, noto(t, fonts.Serif, fonts.Italic), []rune(sample))
	rs := []rune(sample)
	for _, n := range []int{0, 4, 11, 12, 100, 300, len(whole) / 3, len(whole) / 2, len(whole) - 200} {
		if _, err := Subset(whole[:n], rs); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	if _, err := Subset(junk, rs); err == nil {
		t.Error("random bytes: no error")
	}
	for _, v := range []string{"OTTO", "ttcf", "wOFF"} {
		if _, err := Subset(append([]byte(v), whole[4:]...), rs); err == nil {
			t.Errorf("%s font: no error", v)
		}
	}
	for i := range 2000 { // corrupted bytes: must not panic
		bad := slices.Clone(whole)
		for range 1 + i%8 {
			bad[rng.IntN(len(bad))] = byte(rng.Uint32())
		}
		if out, err := Subset(bad, rs); err == nil {
			if _, err := Subset(out, rs); err != nil && !strings.HasPrefix(err.Error(), "subset: ") {
				t.Errorf("error without the package prefix: %v", err)
			}
		}
	}
}

// FuzzSubset subsets arbitrary bytes: an error or a font that subsets
// again to the same bytes, never a panic.
func FuzzSubset(f *testing.F) {
	f.Add(mustSubset(f, noto(f, fonts.Serif, fonts.Regular), []rune("Aé")), "Aé")
	f.Add(mustSubset(f, noto(f, fonts.Mono, fonts.Regular), []rune("{x}")), "x}")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		out, err := Subset(data, []rune(text))
		if err != nil {
			return
		}
		again, err := Subset(out, []rune(text))
		if err != nil {
			t.Fatalf("subsetting the subset: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatal("subsetting the subset changes it")
		}
	})
}

// tableTags lists a font's tables, in directory order.
func tableTags(t *testing.T, data []byte) []string {
	t.Helper()
	n := int(binary.BigEndian.Uint16(data[4:]))
	var tags []string
	for i := range n {
		tags = append(tags, string(data[12+16*i:16+16*i]))
	}
	return tags
}

// verifyFile checks a font file's structure independently of the package:
// the directory's search fields, tags in order, tables inside the file at
// four-byte boundaries and not overlapping, each table's checksum (head's
// without checkSumAdjustment), and the whole file summing to 0xB1B0AFBA.
func verifyFile(t *testing.T, data []byte) {
	t.Helper()
	sum := func(b []byte) uint32 {
		var s uint32
		for i := 0; i < len(b); i += 4 {
			var w [4]byte
			copy(w[:], b[i:min(i+4, len(b))])
			s += binary.BigEndian.Uint32(w[:])
		}
		return s
	}
	if len(data)%4 != 0 {
		t.Errorf("file length %d is not a multiple of 4", len(data))
	}
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(data[off:])) }
	n := u16(4)
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	if got, want := fmt.Sprint(u16(6), u16(8), u16(10)), fmt.Sprint(16*pow, bitsLen(pow)-1, 16*n-16*pow); got != want {
		t.Errorf("searchRange, entrySelector, rangeShift = %s, want %s", got, want)
	}
	prevTag, end := "", 12+16*n
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		ck, off, length := binary.BigEndian.Uint32(rec[4:]), int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if tag <= prevTag {
			t.Errorf("table %q after %q", tag, prevTag)
		}
		prevTag = tag
		if off%4 != 0 || off < end || off+length > len(data) {
			t.Errorf("table %q at %d+%d: misplaced (previous end %d, file %d)", tag, off, length, end, len(data))
			continue
		}
		end = off + length
		tb := slices.Clone(data[off : off+length])
		if tag == "head" {
			binary.BigEndian.PutUint32(tb[8:], 0)
		}
		if got := sum(tb); got != ck {
			t.Errorf("table %q checksum %#x, directory says %#x", tag, got, ck)
		}
	}
	if s := sum(data); s != 0xB1B0AFBA {
		t.Errorf("whole-file checksum %#x, want 0xB1B0AFBA", s)
	}
}

// bitsLen is the number of bits needed for n.
func bitsLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}

// parseWithCmap parses a font and its character map, failing the test on
// an error.
func parseWithCmap(t *testing.T, data []byte) (*font, *cmap) {
	t.Helper()
	f, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	cm, err := readCmap(f.tables["cmap"])
	if err != nil {
		t.Fatal(err)
	}
	return f, cm
}
