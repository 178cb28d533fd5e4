package layout

import (
	"bytes"
	"compress/zlib"
	"image"
	"io"
	"math"
	"os"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

// TestSVGTextOf reads the text of testdata/water-cycle.svg: each chunk's
// position in the image's user units (transforms applied), its turn, its
// anchor, and each run's size, face and colour.
func TestSVGTextOf(t *testing.T) {
	data, err := os.ReadFile("testdata/water-cycle.svg")
	if err != nil {
		t.Fatal(err)
	}
	chunks, skipped := svgTextOf(data)
	type want struct {
		x, y   float64
		turn   Turn
		anchor string
		text   string
		size   float64
		font   FontRef
		color  RGB
	}
	upright := Turn{A: 1, D: 1}
	wants := []want{
		{200, 40, upright, "middle", "Water cycle", 22, FontRef{Family: fonts.Sans, Style: fonts.Bold}, RGB{0x1f, 0x4e, 0x8c}},
		{80, 135, upright, "middle", "Sun", 14, FontRef{Family: fonts.Sans}, RGB{}},
		{160 + 1.5*50, 90 + 1.5*20, upright, "middle", "Evaporation", 15, FontRef{Family: fonts.Serif}, RGB{0x33, 0x33, 0x33}},
		{160 + 1.5*50, 90 + 1.5*38, upright, "middle", "from the sea", 15, FontRef{Family: fonts.Serif, Style: fonts.Italic}, RGB{}},
		{30, 200, upright, "start", "rain → river → sea", 12, FontRef{Family: fonts.Mono}, RGB{200, 30, 30}},
		{30, 216, upright, "start", "and again", 12, FontRef{Family: fonts.Mono}, RGB{0, 128, 0}},
		{370, 200, Turn{A: 0, B: -1, C: 1, D: 0}, "start", "turned", 11, FontRef{Family: fonts.Serif}, RGB{}},
	}
	if len(chunks) != len(wants) || skipped != 0 {
		t.Fatalf("%d chunks, %d skipped: %+v; want %d and none skipped", len(chunks), skipped, chunks, len(wants))
	}
	for i, w := range wants {
		c := chunks[i]
		if math.Abs(c.x-w.x) > 1e-9 || math.Abs(c.y-w.y) > 1e-9 || !sameTurn(c.turn, w.turn) || c.anchor != w.anchor || len(c.runs) != 1 {
			t.Errorf("chunk %d: at %g,%g turned %v %s with %d runs, want %g,%g turned %v %s with one", i, c.x, c.y, c.turn, c.anchor, len(c.runs), w.x, w.y, w.turn, w.anchor)
			continue
		}
		r := c.runs[0]
		if r.text != w.text || math.Abs(r.size-w.size) > 1e-9 || r.font != w.font || r.color != w.color {
			t.Errorf("chunk %d: %q %gpx %v %v, want %q %gpx %v %v", i, r.text, r.size, r.font, r.color, w.text, w.size, w.font, w.color)
		}
	}
}

// sameTurn reports two turns equal to within rounding.
func sameTurn(a, b Turn) bool {
	return math.Abs(a.A-b.A)+math.Abs(a.B-b.B)+math.Abs(a.C-b.C)+math.Abs(a.D-b.D) < 1e-9
}

// TestSVGTextSkewed: skewed and unevenly stretched text is set under its
// transform, at its scale; text under a transform that flattens it is
// counted as left out (text on a path is TestSVGTextOnPath's).
func TestSVGTextSkewed(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<text x="10" y="20" transform="skewX(45)">Slanted</text>
<text x="10" y="40" transform="scale(4 1)">Wide</text>
<text x="10" y="60" transform="scale(0 2)">Flat</text>
<defs><path id="p" d="M10 80 L190 80"/></defs>
<text><textPath href="#p">On a path</textPath></text>
</svg>`
	chunks, skipped := svgTextOf([]byte(svg))
	if len(chunks) != 3 || skipped != 1 || chunks[2].onPath == nil {
		t.Fatalf("%d chunks, %d skipped: %+v; want 3 (the last on its path) and 1", len(chunks), skipped, chunks)
	}
	// skewX(45) is matrix(1 0 1 1 0 0), of area 1; scale(4 1) has area 4,
	// so its text is set twice as large and stretched 2:½.
	for i, w := range []struct {
		x, y, size float64
		turn       Turn
		text       string
	}{
		{10 + 20, 20, 16, Turn{A: 1, C: 1, D: 1}, "Slanted"},
		{40, 40, 32, Turn{A: 2, D: 0.5}, "Wide"},
	} {
		c := chunks[i]
		if math.Abs(c.x-w.x) > 1e-9 || math.Abs(c.y-w.y) > 1e-9 || !sameTurn(c.turn, w.turn) || c.runs[0].text != w.text || math.Abs(c.runs[0].size-w.size) > 1e-9 {
			t.Errorf("chunk %d: %q at %g,%g, %gpx, turned %v; want %q at %g,%g, %gpx, turned %v", i, c.runs[0].text, c.x, c.y, c.runs[0].size, c.turn, w.text, w.x, w.y, w.size, w.turn)
		}
	}
}

// TestSVGTextTransforms: transform lists compose in order, and what turns
// text (or cannot be read) is reported.
func TestSVGTextTransforms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want [6]float64
		ok   bool
	}{
		{"translate(10,20)", [6]float64{1, 0, 0, 1, 10, 20}, true},
		{"translate(10 20) scale(2)", [6]float64{2, 0, 0, 2, 10, 20}, true},
		{"scale(2) translate(10 20)", [6]float64{2, 0, 0, 2, 20, 40}, true},
		{"matrix(1 0 0 1 5 6)", [6]float64{1, 0, 0, 1, 5, 6}, true},
		{"rotate(0)", [6]float64{1, 0, 0, 1, 0, 0}, true},
		{"rotate(90)", [6]float64{math.Cos(math.Pi / 2), 1, -1, math.Cos(math.Pi / 2), 0, 0}, true},
		{"rotate(90 10 10)", [6]float64{math.Cos(math.Pi / 2), 1, -1, math.Cos(math.Pi / 2), 20, 0}, true},
		{"skewX(0)", [6]float64{1, 0, 0, 1, 0, 0}, true},
		{"shear(1)", [6]float64{1, 0, 0, 1, 0, 0}, false},
		{"translate(1", [6]float64{1, 0, 0, 1, 0, 0}, false},
	} {
		got, ok := parseTransform(c.in)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("parseTransform(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestSVGTextSet lays out a figure of the SVG: its texts are set over the
// image, scaled with it, centred where the anchor says, the rotated one
// turned, in the figure's structure (no node of their own), with no
// warning.
func TestSVGTextSet(t *testing.T) {
	data, err := os.ReadFile("testdata/water-cycle.svg")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"water.svg": {Data: data}}
	tr := newTree("SVG", "")
	tr.add(&doc.Figure{Image: &doc.Image{URL: "water.svg", Alt: "The water cycle"}})
	var diags diag.List
	set := loadFonts(t)
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: set, Resources: fsys}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, set, A4())
	if diags.Len() != 0 {
		t.Errorf("diagnostics %v, want none", diags.Items())
	}
	img, all := imageAndTexts(out.Pages[0].Items)
	texts := byText(all)
	if img == nil {
		t.Fatal("no image")
	}
	k := img.W / 400 // the view box is 400 wide
	title := texts["Water cycle"]
	if title == nil {
		t.Fatalf("no title set; texts %v", texts)
	}
	if mid := title.X + title.Width/2; math.Abs(mid-(img.X+200*k)) > 0.01 {
		t.Errorf("the title is centred at %g, want %g", mid, img.X+200*k)
	}
	if math.Abs(title.Y-(img.Y+40*k)) > 0.01 || math.Abs(title.Size-22*k) > 0.01 {
		t.Errorf("the title's baseline %g in %gpt, want %g in %gpt", title.Y, title.Size, img.Y+40*k, 22*k)
	}
	rain := texts["rain → river → sea"]
	if rain == nil || math.Abs(rain.X-(img.X+30*k)) > 0.01 || rain.Color != (RGB{200, 30, 30}) {
		t.Errorf("the red line: %+v, want it from x %g", rain, img.X+30*k)
	}
	if tx := texts["turned"]; tx == nil || tx.Turn == nil || !sameTurn(*tx.Turn, Turn{A: 0, B: -1, C: 1, D: 0}) || math.Abs(tx.X-(img.X+370*k)) > 0.01 || math.Abs(tx.Y-(img.Y+200*k)) > 0.01 {
		t.Errorf("the rotated label: %+v, want it turned -90° from %g,%g", tx, img.X+370*k, img.Y+200*k)
	}
	for _, s := range []string{"Water cycle", "Sun", "Evaporation", "from the sea", "rain → river → sea", "and again"} {
		if tx := texts[s]; tx == nil || tx.Src != tr.d.Blocks[len(tr.d.Blocks)-1] {
			t.Errorf("%q: %+v, want it set as the figure's", s, tx)
		}
	}
}

// TestSVGTransformLists: a group under a list of transforms is drawn
// where the list puts it (oksvg reads one transform; composeTransforms
// gives it the matrix of the list).
func TestSVGTransformLists(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 240" width="400" height="240">` +
		`<g transform="translate(160 90) scale(1.5)"><rect x="0" y="0" width="100" height="50" fill="#ff0000"/></g></svg>`
	img := drawnSVG(t, svg)
	// Inside the rectangle (160…310 × 90…165), and just outside it.
	for _, c := range []struct {
		x, y   int
		filled bool
	}{{170, 95, true}, {305, 160, true}, {315, 100, false}, {200, 170, false}} {
		_, _, _, a := img.At(c.x*svgScale, c.y*svgScale).RGBA()
		if (a > 0) != c.filled {
			t.Errorf("pixel at %d,%d: alpha %x, want filled %v", c.x, c.y, a, c.filled)
		}
	}
}

// TestSVGTransparentPaint: a graphviz diagram's background, painted
// "transparent", no longer stops oksvg from drawing the image, and the
// rest of it is drawn.
func TestSVGTransparentPaint(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">` +
		`<polygon fill="#ffffff" stroke="transparent" points="0,0 100,0 100,50 0,50"/>` +
		`<rect x="10" y="10" width="30" height="20" style="fill:#ff0000;stroke: transparent"/></svg>`
	img := drawnSVG(t, svg)
	if r, g, b, _ := img.At(20*svgScale, 20*svgScale).RGBA(); r>>8 != 255 || g != 0 || b != 0 {
		t.Errorf("inside the red rectangle: %x %x %x", r, g, b)
	}
	if r, g, b, _ := img.At(80*svgScale, 40*svgScale).RGBA(); r>>8 != 255 || g>>8 != 255 || b>>8 != 255 {
		t.Errorf("the white background: %x %x %x", r, g, b)
	}
}

// drawnSVG draws an SVG image as the layout does, and paints it.
func drawnSVG(t *testing.T, svg string) image.Image {
	t.Helper()
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	return drawnImage(t, img)
}

// drawnImage paints an image the layout drew: its outlines, or its pixels.
func drawnImage(t *testing.T, img *ImageData) image.Image {
	t.Helper()
	switch {
	case img.Vector != nil:
		return paintVector(img.Vector)
	case img.Raster != nil:
		return rasterImage(t, img.Raster)
	}
	t.Fatalf("%s image %q has no drawing", img.Type, img.Key)
	return nil
}

// rasterImage reads a raster's planes back into an image.
func rasterImage(t *testing.T, out *Raster) image.Image {
	t.Helper()
	inflate := func(data []byte, n int) []byte {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil || len(b) != n {
			t.Fatalf("a plane of %d bytes (%v), want %d", len(b), err, n)
		}
		return b
	}
	n := out.Width * out.Height
	rgb := inflate(out.RGB, 3*n)
	alpha := make([]byte, n)
	if out.Alpha != nil {
		alpha = inflate(out.Alpha, n)
	} else {
		for i := range alpha {
			alpha[i] = 255
		}
	}
	img := image.NewNRGBA(image.Rect(0, 0, out.Width, out.Height))
	for i := range n {
		copy(img.Pix[4*i:], rgb[3*i:3*i+3])
		img.Pix[4*i+3] = alpha[i]
	}
	return img
}

// TestSVGTextNamedFamily fits a label to the width of the family the
// image names (graphviz's "Times,serif"): stretched along its baseline
// by that width over ours, its anchor kept, a rotated label stretched
// along its own baseline. A generic family, or one not installed, is set
// unfitted.
func TestSVGTextNamedFamily(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100">
<text x="200" y="20" text-anchor="middle" font-family="Times,serif" font-size="14">index</text>
<text x="10" y="40" font-family="serif" font-size="14">index</text>
<text x="10" y="60" font-family="Nowhere Sans" font-size="14">index</text>
<text x="300" y="90" font-family="'Times'" font-size="14" transform="rotate(-90 300 90)">turned</text>
</svg>`
	set := loadFonts(t)
	asked := map[string]bool{}
	narrow := func(family string, bold bool, text string) (float64, bool) {
		asked[family] = true
		if family != "times" { // the layout reads the list in lower case
			return 0, false
		}
		return 0.4 * float64(len(text)), true // 0.4 em a letter
	}
	img, all, _ := layoutSVGFigure(t, svg, Options{Fonts: set, NamedWidth: narrow})
	var texts []*Text
	for _, tx := range all {
		if tx.Text == "index" || tx.Text == "turned" {
			texts = append(texts, tx)
		}
	}
	if img == nil || len(texts) != 4 {
		t.Fatalf("image %v, %d texts; want the image and 4", img, len(texts))
	}
	k := img.W / 400
	size := 14 * k
	ours := set.Face(FontRef{Family: fonts.Serif}.Family, 0).Width("index", size)
	fit := 0.4 * 5 * size / ours
	times, generic, missing, turned := texts[0], texts[1], texts[2], texts[3]
	if times.Turn == nil || math.Abs(times.Turn.A-fit) > 0.02 || times.Turn.B != 0 || times.Turn.D != 1 {
		t.Errorf("Times: turn %+v, want stretched by %.3f", times.Turn, fit)
	}
	if mid := times.X + times.Width*fit/2; times.Turn != nil && math.Abs(mid-(img.X+200*k)) > 0.05 { // Width is along the unstretched baseline
		t.Errorf("Times: centred at %g, want %g", mid, img.X+200*k)
	}
	if generic.Turn != nil || missing.Turn != nil {
		t.Errorf("generic %+v, not installed %+v: want both unfitted", generic.Turn, missing.Turn)
	}
	if asked["serif"] || !asked["nowhere sans"] {
		t.Errorf("families asked for: %v; want Nowhere Sans and not serif", asked)
	}
	// rotate(-90): the baseline runs up the page; the stretch is along it.
	fit = 0.4 * 6 * size / set.Face(FontRef{Family: fonts.Serif}.Family, 0).Width("turned", size)
	if tu := turned.Turn; tu == nil || math.Abs(tu.A) > 1e-9 || math.Abs(tu.B+fit) > 0.02 || math.Abs(tu.C-1) > 1e-9 || math.Abs(tu.D) > 1e-9 {
		t.Errorf("turned: %+v, want the baseline up the page, stretched by %.3f", tu, fit)
	}
}

// layoutSVGFigure lays out a figure of one SVG image on A4 with opts
// (its fonts loaded when it has none) and returns the image's item, the
// texts of the first page and the diagnostics.
func layoutSVGFigure(t *testing.T, svg string, opts Options) (*ImageItem, []*Text, *diag.List) {
	t.Helper()
	tr := newTree("SVG", "")
	tr.add(&doc.Figure{Image: &doc.Image{URL: "d.svg", Alt: "A diagram"}})
	opts.Paper, opts.Resources = A4(), fstest.MapFS{"d.svg": {Data: []byte(svg)}}
	if opts.Fonts == nil {
		opts.Fonts = loadFonts(t)
	}
	var diags diag.List
	out, err := Layout(tr.d, opts, &diags)
	if err != nil {
		t.Fatal(err)
	}
	img, texts := imageAndTexts(out.Pages[0].Items)
	return img, texts, &diags
}
