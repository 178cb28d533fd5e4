package covers

import (
	"bytes"
	"encoding/xml"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/pngenc"
	"github.com/galley-pub/galley/internal/racebuild"
	"golang.org/x/text/unicode/norm"
)

var sampleOut = flag.String("sample", "", "also write the sample cover to this PNG file")

func sampleInfo() Info {
	return Info{
		Title:    "The 2019 Hanoi Summit",
		Subtitle: "Background, expectations and aftermath",
		Authors:  []string{"galley sample content"},
	}
}

func TestGenerateIsAReproduciblePNG(t *testing.T) {
	img, err := new(Designer).Generate(sampleInfo())
	if err != nil {
		t.Fatal(err)
	}
	if img.Name != "cover.png" || img.MediaType != "image/png" || img.Width != 1600 || img.Height != 2560 {
		t.Errorf("got %s %s %d×%d", img.Name, img.MediaType, img.Width, img.Height)
	}
	dec, err := png.Decode(bytes.NewReader(img.Data))
	if err != nil {
		t.Fatalf("cover does not decode: %v", err)
	}
	if b := dec.Bounds(); b.Dx() != 1600 || b.Dy() != 2560 {
		t.Errorf("decoded size %v", b)
	}
	again, err := new(Designer).Generate(sampleInfo())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img.Data, again.Data) {
		t.Error("two calls with the same Info gave different bytes")
	}
	if *sampleOut != "" {
		if err := os.WriteFile(*sampleOut, img.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTitlesGetDifferentPalettes(t *testing.T) {
	titles := []string{
		"The 2019 Hanoi Summit", "Photosynthesis", "The French Revolution", "Linear Algebra I",
		"Plate Tectonics", "Romeo and Juliet", "Cell Division", "The Cold War",
		"Probability", "Organic Chemistry", "World War I", "Climate and Weather",
	}
	seen := map[string]bool{}
	for _, title := range titles {
		seen[paletteFor(title).name] = true
	}
	if len(seen) < 4 {
		t.Errorf("12 titles used only %d palettes: %v", len(seen), seen)
	}
	if paletteFor("Cell Division").name != paletteFor("  cell   division ").name {
		t.Error("case and spacing changed the palette")
	}
}

func TestEveryPaletteIsDeep(t *testing.T) {
	for _, p := range palettes() {
		for _, c := range []struct{ r, g, b uint8 }{{p.top.R, p.top.G, p.top.B}, {p.bottom.R, p.bottom.G, p.bottom.B}} {
			if lum := 0.2126*float64(c.r) + 0.7152*float64(c.g) + 0.0722*float64(c.b); lum > 90 {
				t.Errorf("%s: background luminance %.0f is too light for white type", p.name, lum)
			}
		}
	}
}

// allText lays out the hardest case: every field long, one word wider than
// the page.
func allText() Info {
	title := strings.Repeat("Proceedings of the interdisciplinary symposium on ", 3) +
		"Pneumonoultramicroscopicsilicovolcanoconiosisandfriends"
	title = title[:200]
	return Info{
		Title:     title,
		Subtitle:  strings.Repeat("A subtitle that goes on and on, ", 8),
		Authors:   []string{"Alexandra Featherstonehaugh", "Bartholomew Cholmondeley", "Chidi Anagonye", "Dương Thị Thu Hà"},
		Publisher: "Department of Extremely Long Publisher Names, University of Somewhere",
		Date:      "1 September 2025",
	}
}

func TestLongTextStaysInsideTheMargins(t *testing.T) {
	fs, err := parseFaces()
	if err != nil {
		t.Fatal(err)
	}
	info := allText()
	lay, err := layoutCover(info, fs, paletteFor(info.Title))
	if err != nil {
		t.Fatal(err)
	}
	safe := safeArea()
	var title textBlock
	for i, b := range lay.blocks {
		if !b.box.In(safe) {
			t.Errorf("%s box %v leaves the safe area %v", b.role, b.box, safe)
		}
		for _, other := range lay.blocks[:i] {
			if b.box.Overlaps(other.box) {
				t.Errorf("%s box %v overlaps %s box %v", b.role, b.box, other.role, other.box)
			}
		}
		if b.role == "title" {
			title = b
		}
	}
	// The title is never cut off: every character is on some line.
	var got strings.Builder
	for _, l := range title.lines {
		got.WriteString(l.text)
	}
	if strings.ReplaceAll(info.Title, " ", "") != strings.ReplaceAll(got.String(), " ", "") {
		t.Errorf("title lost characters:\n%q\n%q", info.Title, got.String())
	}
	if len(title.lines) < 4 || title.style.size >= 172 {
		t.Errorf("long title set in %d lines at %gpx; expected it to wrap and shrink", len(title.lines), title.style.size)
	}
	if _, err := new(Designer).Generate(info); err != nil {
		t.Fatal(err)
	}
}

func TestBalancedLines(t *testing.T) {
	fs, err := parseFaces()
	if err != nil {
		t.Fatal(err)
	}
	st, err := fs.title.at(172)
	if err != nil {
		t.Fatal(err)
	}
	lines := balance(st, "The 2019 Hanoi Summit", 1312*64)
	if len(lines) != 2 || lines[0] != "The 2019" {
		t.Errorf("lines = %q, want the break after 2019", lines)
	}
}

func TestNonLatinTitlesRender(t *testing.T) {
	for _, title := range []string{
		"Hội nghị Thượng đỉnh Hà Nội",
		norm.NFD.String("Hội nghị Thượng đỉnh Hà Nội"), // composed before drawing
		"Η Σύνοδος Κορυφής του Ανόι",
		"Саммит в Ханое",
	} {
		info := Info{Title: title}
		fs, err := parseFaces()
		if err != nil {
			t.Fatal(err)
		}
		if got := fs.title.clean(title); got != norm.NFC.String(title) {
			t.Errorf("%q: characters dropped: %q", title, got)
		}
		pal := paletteFor(title)
		lay, err := layoutCover(info, fs, pal)
		if err != nil {
			t.Fatal(err)
		}
		img, err := new(Designer).render(info, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(lay.blocks) != 1 {
			t.Fatalf("%q: %d blocks", title, len(lay.blocks))
		}
		box := lay.blocks[0].box
		if ink := inkedFraction(img, box, pal); ink < 0.15 {
			t.Errorf("%q: only %.1f%% of the title box %v is inked", title, 100*ink, box)
		}
	}
}

// inkedFraction is the share of pixels in r far from the background colour.
func inkedFraction(img *image.RGBA, r image.Rectangle, pal palette) float64 {
	bg := image.NewRGBA(img.Bounds())
	paintBackground(bg, pal)
	inked := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			a, b := img.RGBAAt(x, y), bg.RGBAAt(x, y)
			if int(a.R)+int(a.G)+int(a.B)-int(b.R)-int(b.G)-int(b.B) > 150 {
				inked++
			}
		}
	}
	return float64(inked) / float64(r.Dx()*r.Dy())
}

func TestMissingGlyphsAreSkipped(t *testing.T) {
	fs, err := parseFaces()
	if err != nil {
		t.Fatal(err)
	}
	in := "Emoji 😀 \u0007bell\u200b \U000F0000 \ufffe  and   日本語"
	if got, want := fs.title.clean(in), "Emoji bell and"; got != want {
		t.Errorf("clean(%q) = %q, want %q", in, got, want)
	}
	for _, info := range []Info{{}, {Title: "😀😀😀"}, {Title: "\xff\xfe bad UTF-8", Authors: []string{"", " "}}} {
		if _, err := new(Designer).Generate(info); err != nil {
			t.Errorf("Generate(%+v): %v", info, err)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, err := new(Designer).Generate(sampleInfo()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode encodes a cover as Generate does (pngenc, its rows
// unfiltered), filtered, and with image/png alone (whose bytes depend on
// the Go release: its compress/flate), reporting the PNG's size.
func BenchmarkEncode(b *testing.B) {
	img, err := new(Designer).render(sampleInfo(), 1)
	if err != nil {
		b.Fatal(err)
	}
	encoders := []struct {
		name string
		enc  func(io.Writer, image.Image) error
	}{
		{"pngenc-unfiltered-7", coverPNG().Encode},
		{"pngenc-filtered-7", pngenc.Encoder{Level: 7}.Encode},
		{"image-png-default", png.Encode},
		{"image-png-best", (&png.Encoder{CompressionLevel: png.BestCompression}).Encode},
	}
	for _, e := range encoders {
		b.Run(e.name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := e.enc(&buf, img); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "png-bytes")
		})
	}
}

func BenchmarkRender(b *testing.B) {
	for b.Loop() {
		if _, err := new(Designer).render(sampleInfo(), 1); err != nil {
			b.Fatal(err)
		}
	}
}

// ebookCovers is EBook's two covers of info, failing the test on an
// error.
func ebookCovers(t *testing.T, d *Designer, info Info) (thumbnail, art *Image) {
	t.Helper()
	thumbnail, art, err := d.EBook(info)
	if err != nil {
		t.Fatal(err)
	}
	return thumbnail, art
}

// thumbnailOf is EBook's JPEG of info alone, failing the test on an
// error.
func thumbnailOf(t *testing.T, d *Designer, info Info) *Image {
	t.Helper()
	c, err := d.compose(info)
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.thumbnail(c)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestCoverSVG: the SVG cover is well-formed XML, byte-identical for the
// same Info, draws the title as outlines (no text, no font), carries the
// title for accessibility, and differs from another title's.
func TestCoverSVG(t *testing.T) {
	info := Info{Title: "Rivers & <Bends>", Subtitle: "Field work", Authors: []string{"A. Teacher"}, Publisher: "School", Date: "2026-11-28"}
	_, a := ebookCovers(t, new(Designer), info)
	_, b := ebookCovers(t, new(Designer), info)
	if !bytes.Equal(a.Data, b.Data) || a.Name != "cover.svg" || a.MediaType != "image/svg+xml" || a.Width != 1600 || a.Height != 2560 {
		t.Fatalf("%s %s %dx%d, deterministic %v", a.Name, a.MediaType, a.Width, a.Height, bytes.Equal(a.Data, b.Data))
	}
	dec := xml.NewDecoder(bytes.NewReader(a.Data))
	paths, title := 0, ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "text" || el.Name.Local == "font" {
				t.Errorf("the SVG needs a font: <%s>", el.Name.Local)
			}
			if el.Name.Local == "path" {
				paths++
			}
			if el.Name.Local == "title" {
				tok, _ := dec.Token()
				title = string(tok.(xml.CharData))
			}
		}
	}
	if title != info.Title || paths < 4 { // title, subtitle, authors, footer
		t.Errorf("title %q, %d paths", title, paths)
	}
	_, other := ebookCovers(t, new(Designer), Info{Title: "Another lesson"})
	if bytes.Equal(other.Data, a.Data) || len(a.Data) > 100_000 {
		t.Errorf("%d bytes; same as another title's: %v", len(a.Data), bytes.Equal(other.Data, a.Data))
	}
}

// TestThumbnail: the e-book's raster cover is a 600×960 JPEG, the same for
// the same Info.
func TestThumbnail(t *testing.T) {
	a, _ := ebookCovers(t, new(Designer), sampleInfo())
	b, _ := ebookCovers(t, new(Designer), sampleInfo())
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(a.Data))
	if err != nil || cfg.Width != 600 || cfg.Height != 960 || a.Width != 600 || a.MediaType != "image/jpeg" || !bytes.Equal(a.Data, b.Data) {
		t.Errorf("%v %+v %s %dx%d", err, cfg, a.MediaType, a.Width, a.Height)
	}
}

// TestEBook: the e-book's two covers drawn from one composition are
// byte for byte those drawn each from a composition of its own.
func TestEBook(t *testing.T) {
	for _, info := range []Info{sampleInfo(), {Title: "Zebra", Authors: []string{"A. Teacher"}}} {
		d := new(Designer)
		thumb, art := ebookCovers(t, d, info)
		wantThumb := thumbnailOf(t, d, info)
		c, err := d.compose(info)
		if err != nil {
			t.Fatal(err)
		}
		wantArt, err := coverSVG(c, info)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(thumb.Data, wantThumb.Data) || thumb.Name != "cover.jpg" || !bytes.Equal(art.Data, wantArt.Data) || art.Name != "cover.svg" {
			t.Errorf("%q: EBook's covers differ from those of compositions of their own", info.Title)
		}
	}
}

// TestRastersReused: a designer draws each cover in pixels, and its
// motif with a rasterizer and mask, an earlier cover let go of
// (Designer.raster, Designer.fillers), and nothing of that cover shows: a
// batch's covers, drawn one after another through one designer, at both
// sizes, are byte for byte those a fresh designer draws.
func TestRastersReused(t *testing.T) {
	// The pixels are kept in a sync.Pool, which a collection empties and
	// which hands a goroutine what it put only on the same processor:
	// for the look into the pool below to be sure, one processor and no
	// collections while the test runs (it is not parallel: no other test
	// runs meanwhile). The race detector's pools drop things on purpose.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	infos := []Info{
		sampleInfo(),
		{Title: "Zebra"},
		{Title: "Lesson 7 on rivers and the long, slow work of water on stone", Subtitle: "Year 5", Authors: []string{"A. Teacher"}, Publisher: "School", Date: "2026"},
		sampleInfo(),
	}
	d := new(Designer)
	for i, info := range infos {
		thumb := thumbnailOf(t, d, info)
		if img, ok := d.rasters.Get().(*image.RGBA); !ok || img.Rect != image.Rect(0, 0, 600, 960) {
			if !racebuild.Enabled {
				t.Fatalf("%d: the thumbnail's pixels were not kept for the next cover", i)
			}
		} else {
			d.rasters.Put(img)
		}
		fresh := thumbnailOf(t, new(Designer), info)
		if !bytes.Equal(thumb.Data, fresh.Data) {
			t.Errorf("%d: %q's thumbnail drawn over an earlier cover's pixels differs from a fresh one", i, info.Title)
		}
		if i%2 == 1 { // now and then the print cover, in pixels of its own size
			big, err := d.Generate(info)
			if err != nil {
				t.Fatal(err)
			}
			freshBig, err := new(Designer).Generate(info)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(big.Data, freshBig.Data) {
				t.Errorf("%d: %q's cover differs from a fresh designer's", i, info.Title)
			}
		}
	}
}

// TestBlendMaskAsDrawMask: blendMask paints a colour through a mask
// exactly as draw.DrawMask does (uniform source, draw.Over): over random
// pixels, through masks of every value, runs of zeros longer and shorter
// than eight and full coverage, in areas of odd widths away from the
// origin, with opaque, translucent and transparent colours.
func TestBlendMaskAsDrawMask(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	colours := []color.NRGBA{{255, 255, 255, 255}, {0, 0, 0, 0}, {200, 30, 90, 128}, {17, 250, 3, 224}, {90, 90, 240, 1}}
	for trial := range 40 {
		w, h := 1+rng.IntN(40), 1+rng.IntN(12)
		area := image.Rect(3, 5, 3+w, 5+h)
		mask := image.NewAlpha(image.Rect(0, 0, w, h))
		for i := range mask.Pix {
			switch rng.IntN(4) {
			case 0, 1:
				mask.Pix[i] = 0
			case 2:
				mask.Pix[i] = 255
			default:
				mask.Pix[i] = uint8(rng.IntN(256))
			}
		}
		if trial%5 == 0 { // a long run of zeros, then a covered pixel
			for i := range min(len(mask.Pix), 19) {
				mask.Pix[i] = 0
			}
		}
		got := image.NewRGBA(image.Rect(0, 0, 50, 20))
		for i := range got.Pix {
			got.Pix[i] = uint8(rng.IntN(256))
		}
		if trial%2 == 1 {
			// The background's rows, repeating every four pixels with a
			// pixel now and then that does not, under runs of full
			// coverage (blendCovered's case).
			for y := range got.Rect.Dy() {
				row := got.Pix[y*got.Stride : (y+1)*got.Stride]
				for x := 16; x < len(row); x++ {
					row[x] = row[x-16]
				}
				row[4*rng.IntN(50)+rng.IntN(4)]++
			}
			for i := range mask.Pix {
				if rng.IntN(8) > 0 {
					mask.Pix[i] = 255
				}
			}
		}
		want := image.NewRGBA(got.Rect)
		copy(want.Pix, got.Pix)
		c := colours[trial%len(colours)]
		blendMask(got, area, c, mask)
		draw.DrawMask(want, area, image.NewUniform(c), image.Point{}, mask, image.Point{}, draw.Over)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Fatalf("trial %d (%dx%d, colour %v): blendMask differs from draw.DrawMask", trial, w, h, c)
		}
	}
}

// TestAppendNum: a coordinate is written as strconv.FormatFloat writes it
// rounded to hundredths: whole numbers, one and two decimals, negative
// values, values that round to zero from below ("-0"), halves, and large
// and random ones.
func TestAppendNum(t *testing.T) {
	want := func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
	values := []float64{0, 1, -1, 0.5, -0.5, 0.05, -0.05, 0.004, -0.004, 0.005, -0.005, 0.015, 12.345, -12.345,
		99.999, 100, 1600, 2560.125, 1e9 + 0.07, -1e9 - 0.07, 1e15, 1e17, math.Copysign(0, -1)}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		values = append(values, (rng.Float64()-0.5)*4000, float64(rng.IntN(400000)-200000)/100)
	}
	for _, v := range values {
		if got := string(appendNum(nil, v)); got != want(v) {
			t.Fatalf("appendNum(%v) = %q, want %q", v, got, want(v))
		}
	}
}
