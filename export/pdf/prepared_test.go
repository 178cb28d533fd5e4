package pdf

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/klauspost/compress/zlib"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/racebuild"
)

// TestPreparedImages: an image file begun while the layout runs is made
// ready once, as writeImages would make it, by no more workers than
// cores however many are begun; one not begun, or with nothing to
// prepare, is left to writeImages; after stop, one not yet running is not
// made.
func TestPreparedImages(t *testing.T) {
	data := encodePNG(40, 30, 6, func(x, y int) []byte { return []byte{byte(x), byte(y), 9, byte(x * y)} })
	img := &layout.ImageData{Key: "img1", Type: "png", Data: data}
	p := newPreparedImages(nil, nil)
	p.start(img)
	p.start(&layout.ImageData{Key: "img2", Type: "png", Data: data}) // the same file: begun once
	p.start(&layout.ImageData{Key: "img3", Type: "vector", Data: []byte("x")})
	if len(p.byKey) != 1 {
		t.Fatalf("%d images begun, want 1", len(p.byKey))
	}
	x, begun, err := p.take(img)
	if !begun || err != nil {
		t.Fatalf("take: begun %v, %v", begun, err)
	}
	want, err := prepareImage(&deflater{}, img)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(x, want) {
		t.Error("the image made ready differs from writeImages' own")
	}
	if _, begun, _ := p.take(&layout.ImageData{Type: "png", Data: bytes.Clone(data)}); begun {
		t.Error("an image not begun is taken")
	}
	if _, begun, _ := (*preparedImages)(nil).take(img); begun {
		t.Error("no preparations, yet an image is taken")
	}
	p.stop()

	// Many images: no more workers than cores, each image made ready.
	many := newPreparedImages(nil, nil)
	imgs := make([]*layout.ImageData, 40)
	for i := range imgs {
		imgs[i] = &layout.ImageData{Type: "png", Data: encodePNG(8+i, 5, 6, func(x, y int) []byte { return []byte{byte(x), byte(y), 1, byte(i)} })}
		many.start(imgs[i])
		many.mu.Lock()
		if many.workers > many.most {
			t.Errorf("%d workers, at most %d", many.workers, many.most)
		}
		many.mu.Unlock()
	}
	for i, im := range imgs {
		x, begun, err := many.take(im)
		want, _ := prepareImage(&deflater{}, im)
		if !begun || err != nil || !reflect.DeepEqual(x, want) {
			t.Fatalf("image %d: begun %v, %v, or not as writeImages makes it", i, begun, err)
		}
	}
	many.stop()

	stopped := newPreparedImages(nil, nil)
	stopped.stop()
	stopped.start(img)
	if _, _, err := stopped.take(img); !errors.Is(err, context.Canceled) {
		t.Errorf("after stop: %v, want context.Canceled", err)
	}
}

// TestPreparedDrawings: an SVG image the layout drew, as outlines or as
// pixels, is prepared ahead as a file is, once for every copy of it (the
// copies share the drawing), as writeImages would make it; one with no
// drawing is left to writeImages.
func TestPreparedDrawings(t *testing.T) {
	v := &layout.Vector{Width: 20, Height: 10, Shapes: []layout.Outline{{Color: layout.RGB{R: 200}, Alpha: 128, Subpaths: [][]layout.Point{{{X: 1, Y: 1}, {X: 9, Y: 1}, {X: 9, Y: 9}}}}}}
	var rgb bytes.Buffer
	zw := zlib.NewWriter(&rgb)
	zw.Write(bytes.Repeat([]byte{10, 20, 30}, 4))
	zw.Close()
	r := &layout.Raster{Width: 2, Height: 2, RGB: rgb.Bytes()}
	drawings := []*layout.ImageData{
		{Key: "img1", Type: "vector", Vector: v},
		{Key: "img2", Type: "raster", Raster: r},
	}
	p := newPreparedImages(nil, nil)
	defer p.stop()
	for _, img := range drawings {
		p.start(img)
		c := *img // the layout's copy, keyed anew
		c.Key = "img9"
		p.start(&c)
	}
	p.start(&layout.ImageData{Key: "img3", Type: "vector"})
	if len(p.byKey) != len(drawings) {
		t.Fatalf("%d images begun, want %d", len(p.byKey), len(drawings))
	}
	for _, img := range drawings {
		x, begun, err := p.take(img)
		want, werr := prepareImage(&deflater{}, img)
		if !begun || err != nil || werr != nil || !reflect.DeepEqual(x, want) {
			t.Errorf("%s: begun %v, %v, %v, or not as writeImages makes it", img.Type, begun, err, werr)
		}
	}
	if _, begun, _ := p.take(&layout.ImageData{Type: "vector"}); begun {
		t.Error("an image with no drawing is taken")
	}
}

// TestPreparedImagesOnCoresLeft: images are prepared on the cores the
// layout leaves (layoutBusy): none while its goroutines hold every core,
// by one worker once it leaves one, by a worker a core (at most one an
// image) once it is done.
func TestPreparedImagesOnCoresLeft(t *testing.T) {
	p := newPreparedImages(nil, nil)
	defer p.stop()
	workers := func() int {
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.workers
	}
	p.layoutBusy(p.cores + 1) // more goroutines than cores: none left
	imgs := make([]*layout.ImageData, 3)
	for i := range imgs {
		imgs[i] = &layout.ImageData{Type: "png", Data: encodePNG(8+i, 5, 6, func(x, y int) []byte { return []byte{byte(x), byte(y), 1, byte(i)} })}
		p.start(imgs[i])
	}
	if n := workers(); n != 0 {
		t.Fatalf("%d workers while the layout holds every core", n)
	}
	for _, im := range imgs {
		select {
		case <-p.byKey[preparedKey(im)].done:
			t.Fatal("an image prepared while the layout holds every core")
		default:
		}
	}
	p.layoutBusy(p.cores - 1)
	if n := workers(); n != 1 {
		t.Errorf("%d workers on the one core left, want 1", n)
	}
	if _, begun, err := p.take(imgs[0]); !begun || err != nil {
		t.Fatalf("take: begun %v, %v", begun, err)
	}
	p.layoutBusy(0)
	for i, im := range imgs {
		x, begun, err := p.take(im)
		want, _ := prepareImage(&deflater{}, im)
		if !begun || err != nil || !reflect.DeepEqual(x, want) {
			t.Fatalf("image %d: begun %v, %v, or not as writeImages makes it", i, begun, err)
		}
	}
}

// TestRenderPreparesImages: a document's figures, made ready while it is
// laid out, give the PDF the same bytes as when each is made ready after.
func TestRenderPreparesImages(t *testing.T) {
	d, opts := figures(t)
	var diags diag.List
	res, err := Render(d, opts, &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	ld, err := Layout(d, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ld.Images) != 4 {
		t.Fatalf("%d images, want 4", len(ld.Images))
	}
	after, err := joined(drawUntil(ld, d, drawing{modified: modified, tagged: true}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Bytes(), after) {
		t.Error("the PDF with its images made ready during the layout differs from the one with them made after")
	}
}

// TestCompressorsReused: PDFs drawn with compressors an earlier PDF
// used (a batch's Compressors: the page drawers', the image makers', the
// object streams' and the writer's) are byte for byte those drawn with
// new ones: figures, forty pages of text, the figures again.
func TestCompressorsReused(t *testing.T) {
	figs, figOpts := figures(t)
	text := &doc.Document{Meta: doc.Meta{Title: "Pages", Lang: "en"}}
	for i := range 400 {
		text.Blocks = append(text.Blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: strings.Repeat(fmt.Sprintf("Paragraph %d of many words. ", i), 6)}}})
	}
	textOpts := figOpts
	textOpts.Resources = nil
	shared := &Compressors{}
	for i, c := range []struct {
		d    *doc.Document
		opts Options
	}{{figs, figOpts}, {text, textOpts}, {figs, figOpts}, {text, textOpts}} {
		fresh, err := Render(c.d, c.opts, &diag.List{})
		if err != nil {
			t.Fatal(err)
		}
		c.opts.Compressors = shared
		reused, err := Render(c.d, c.opts, &diag.List{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh.Bytes(), reused.Bytes()) || fresh.Pages != reused.Pages {
			t.Errorf("%d: the PDF drawn with a batch's compressors differs from one drawn with new ones", i)
		}
		if c.d == text && fresh.Pages < 10 {
			t.Fatalf("%d pages of text, want many", fresh.Pages)
		}
	}
	// The compressors are kept in a sync.Pool, which a collection empties
	// and which hands a goroutine only what was put on its processor or
	// shared from another's: for the look into it to be sure, one more
	// PDF is drawn on one processor with no collections (not a parallel
	// test: no other runs meanwhile). The race detector's pools drop
	// things on purpose.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	textOpts.Compressors = shared
	if _, err := Render(text, textOpts, &diag.List{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := shared.pool.Get().(*zlib.Writer); !ok && !racebuild.Enabled {
		t.Error("no compressor was kept for the next PDF")
	}
}

// figures is a document of figures, PNG, GIF and 16-bit PNG, and the
// options that read them.
func figures(t *testing.T) (*doc.Document, Options) {
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"alpha.png": {Data: encodePNG(60, 20, 6, func(x, y int) []byte { return []byte{byte(x * 4), byte(y * 9), 200, byte(x + y)} })},
		"gray.png":  {Data: encodePNG(30, 30, 4, func(x, y int) []byte { return []byte{byte(x * y), 255} })},
		"grid.gif":  {Data: encodeGIF(t, 24, 16)},
		"deep.png":  {Data: encodePNG16(t, 20, 10)},
	}
	d := &doc.Document{Meta: doc.Meta{Title: "Figures", Lang: "en"}}
	// The GIF and the 16-bit PNG are read through image.Decode and
	// compressed by the worker that makes them ready.
	for _, u := range []string{"alpha.png", "gray.png", "alpha.png", "grid.gif", "deep.png"} {
		d.Blocks = append(d.Blocks, &doc.Figure{Image: &doc.Image{URL: u, Alt: u}, Caption: []doc.Inline{&doc.Text{Value: u}}})
	}
	return d, Options{Settings: options.PDF{Paper: options.PaperA4}, Fonts: set, TOCDepth: 3, Modified: modified, Resources: fsys}
}

// encodeGIF is a w×h GIF of a few colours, one transparent.
func encodeGIF(t *testing.T, w, h int) []byte {
	t.Helper()
	pal := color.Palette{color.Transparent, color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255}}
	m := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for y := range h {
		for x := range w {
			m.SetColorIndex(x, y, uint8((x/4+y/4)%3))
		}
	}
	var b bytes.Buffer
	if err := gif.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// encodePNG16 is a w×h PNG of 16 bits a sample, which the PDF cannot take
// as it is.
func encodePNG16(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA64(x, y, color.RGBA64{uint16(x * 3000), uint16(y * 6000), 40000, 65535})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWebPImage: a WebP image (GitBook's assets have them) is decoded
// and stored as its pixels, as a GIF is, not refused.
func TestWebPImage(t *testing.T) {
	// A 1×1 lossless WebP.
	data, err := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	if err != nil {
		t.Fatal(err)
	}
	x, err := prepareImage(&deflater{}, &layout.ImageData{Key: "img1", Type: "webp", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(x.dict, "/Width 1/Height 1/ColorSpace/DeviceRGB") || len(x.data) == 0 {
		t.Errorf("the image's dictionary is %q, its data %d bytes", x.dict, len(x.data))
	}
}
