// Package covers supplies the cover image of a book: either one the author
// gives (a JPEG or PNG, checked and passed through unchanged) or one
// generated from the title.
//
// A generated cover is a 1600×2560 PNG: a deep two-tone gradient, a motif of
// overlapping translucent circles, the title large in Noto Sans Bold, the
// subtitle in Noto Serif Italic, the authors in Noto Sans, and the
// publisher and date in small capitals along the foot. The colour scheme
// comes from a hash of the title, so a set of handouts for one class is
// visually distinct, and the same Info always gives byte-identical bytes.
package covers

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/pngenc"
	"golang.org/x/image/font/opentype"
)

// Info is what a generated cover shows.
type Info struct {
	Title, Subtitle string
	Authors         []string
	Publisher       string
	Date            string
}

// Image is a cover image ready to embed.
type Image struct {
	Name      string // file name with the extension of its format, e.g. "cover.png"
	MediaType string // "image/png" or "image/jpeg"
	Data      []byte
	Width     int
	Height    int
}

// Designer draws generated covers. It parses the faces a cover is set in
// when it draws its first cover and keeps them, so a batch of forty
// handouts parses them once, not forty times (that copying and parsing was
// 13% of a class set's CPU). Its zero value is ready to use, and it is
// safe for concurrent use.
type Designer struct {
	once  sync.Once
	faces faces
	err   error
	// rasters are the pixels of covers drawn and encoded, kept for the
	// next cover: a thumbnail's 2.3 MB, allocated and cleared for each
	// of forty handouts, then collected, was a tenth of a class set's
	// CPU. A cover is painted over every pixel (paintBackground first),
	// so what a raster held before does not show.
	rasters sync.Pool
	// fillers are the motif's rasterizers and masks, kept for the next
	// cover as the rasters are (each is cleared before it is drawn in).
	fillers sync.Pool
}

// raster returns pixels of the given size for a cover, one let go of by
// an earlier cover when it has that size.
func (d *Designer) raster(w, h int) *image.RGBA {
	if img, ok := d.rasters.Get().(*image.RGBA); ok && img.Rect == image.Rect(0, 0, w, h) {
		return img
	}
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// loadFaces returns the designer's faces, parsing them the first time.
func (d *Designer) loadFaces() (faces, error) {
	d.once.Do(func() { d.faces, d.err = parseFaces() })
	return d.faces, d.err
}

// coverPNG is how a generated cover is encoded: the same bytes under
// every Go release (pngenc), its rows unfiltered, which its flat colours
// compress better so. BenchmarkEncode compares it with image/png alone.
func coverPNG() pngenc.Encoder { return pngenc.Encoder{Level: 7, Unfiltered: true} }

// Generate draws a 1600×2560 PNG cover, for print (the PDF's first page).
// Same Info → byte-identical PNG. The result is named "cover.png" with
// media type "image/png".
func (d *Designer) Generate(info Info) (*Image, error) {
	img, err := d.render(info, 1)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = coverPNG().Encode(&buf, img)
	d.rasters.Put(img)
	if err != nil {
		return nil, fmt.Errorf("covers: encoding the cover: %w", err)
	}
	return &Image{
		Name:      "cover.png",
		MediaType: "image/png",
		Data:      buf.Bytes(),
		Width:     coverWidth,
		Height:    coverHeight,
	}, nil
}

// EBook draws what an e-book shows of a generated cover, from one
// composition:
//   - thumbnail, the package's cover image: a 600×960 JPEG named
//     "cover.jpg", for the readers that take only a raster one (calibre's
//     AZW3 for Kindle finds no cover in an SVG), at a tenth of the PNG's
//     cost;
//   - art, what its cover page shows: the same composition as Generate's
//     PNG (gradient, motif, rule, text) as SVG, named "cover.svg", the
//     text as the fonts' glyph outlines so that no font is needed to show
//     it; a few milliseconds of work against the PNG's 150, and it scales
//     to any screen.
//
// Same Info → byte-identical JPEG and SVG.
func (d *Designer) EBook(info Info) (thumbnail, art *Image, err error) {
	c, err := d.compose(info)
	if err != nil {
		return nil, nil, err
	}
	if thumbnail, err = d.thumbnail(c); err != nil {
		return nil, nil, err
	}
	if art, err = coverSVG(c, info); err != nil {
		return nil, nil, err
	}
	return thumbnail, art, nil
}

// thumbnail is EBook's JPEG of the composition c.
func (d *Designer) thumbnail(c composition) (*Image, error) {
	img, err := d.paint(c, 0.375)
	if err != nil {
		return nil, err
	}
	data := encodeJPEG(img, 88)
	b := img.Bounds()
	d.rasters.Put(img)
	return &Image{Name: "cover.jpg", MediaType: "image/jpeg", Data: data, Width: b.Dx(), Height: b.Dy()}, nil
}

// composition is a generated cover's design, before it is drawn as
// pixels (render) or as SVG (coverSVG): its palette, the seed of its
// motif, its rules and its placed text.
type composition struct {
	pal    palette
	seed   uint64
	rules  []rule
	blocks []textBlock
}

// rule is a filled rectangle: the accent bar above the title, the hairline
// above the footer.
type rule struct {
	r image.Rectangle
	c color.NRGBA
}

// compose lays out the cover of info.
func (d *Designer) compose(info Info) (composition, error) {
	fs, err := d.loadFaces()
	if err != nil {
		return composition{}, err
	}
	pal := paletteFor(info.Title)
	lay, err := layoutCover(info, fs, pal)
	if err != nil {
		return composition{}, err
	}
	c := composition{pal: pal, seed: seedFor(info.Title), blocks: lay.blocks,
		rules: []rule{{image.Rect(margin, ruleTop, margin+ruleWidth, ruleTop+ruleHeight), pal.accent}}}
	if lay.footerRule > 0 {
		c.rules = append(c.rules, rule{image.Rect(margin, lay.footerRule, coverWidth-margin, lay.footerRule+2), withAlpha(pal.text, 0.35)})
	}
	return c, nil
}

// render draws the cover as pixels, scale times its 1600×2560.
func (d *Designer) render(info Info, scale float64) (*image.RGBA, error) {
	c, err := d.compose(info)
	if err != nil {
		return nil, err
	}
	return d.paint(c, scale)
}

// paint draws the composition c as pixels, scale times 1600×2560.
func (d *Designer) paint(c composition, scale float64) (*image.RGBA, error) {
	img := d.raster(int(math.Round(coverWidth*scale)), int(math.Round(coverHeight*scale)))
	paintBackground(img, c.pal)
	f, _ := d.fillers.Get().(*circleFiller)
	if f == nil {
		f = &circleFiller{}
	}
	paintMotif(img, f, c.pal, c.seed, scale)
	d.fillers.Put(f)
	for _, r := range c.rules {
		paintRect(img, r.r, r.c, scale)
	}
	for _, b := range c.blocks {
		if err := paintText(img, b, scale); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// parseFaces parses the embedded fonts the cover is set in.
func parseFaces() (faces, error) {
	load := func(f fonts.Family, s fonts.Style, tracking float64) (typeface, error) {
		data, err := fonts.Data(f, s)
		if err != nil {
			return typeface{}, fmt.Errorf("covers: %w", err)
		}
		ft, err := opentype.Parse(data)
		if err != nil {
			return typeface{}, fmt.Errorf("covers: parsing %s: %w", fonts.FileName(f, s), err)
		}
		return typeface{font: ft, tracking: tracking}, nil
	}
	var fs faces
	var err error
	if fs.title, err = load(fonts.Sans, fonts.Bold, -0.01); err != nil {
		return fs, err
	}
	if fs.subtitle, err = load(fonts.Serif, fonts.Italic, 0); err != nil {
		return fs, err
	}
	if fs.authors, err = load(fonts.Sans, fonts.Regular, 0); err != nil {
		return fs, err
	}
	fs.small = fs.authors
	fs.small.tracking = 0.14
	return fs, nil
}
