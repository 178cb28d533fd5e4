package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // GIF images are decoded and stored as Flate
	"image/jpeg"
	_ "image/png" // so are PNG images
	"strings"

	_ "golang.org/x/image/webp" // and WebP images

	"github.com/galley-pub/galley/export/layout"
)

// maxImages bounds the document's distinct images.
const maxImages = 100000

// xobject is an image XObject made ready to write: its dictionary's
// entries besides /Length, /Filter and /SMask, its data (compressed for
// FlateDecode when compressed says so), and its soft mask, if any.
type xobject struct {
	dict       string
	data       []byte
	compressed bool
	mask       *xobject
}

// writeAt writes the XObject as object r, its soft mask first.
func (x *xobject) writeAt(w *writer, r ref) {
	dict := x.dict
	if x.mask != nil {
		m := w.alloc()
		w.stream(m, x.mask.dict, x.mask.data, x.mask.compressed)
		dict += "/SMask " + m.String()
	}
	w.stream(r, dict, x.data, x.compressed)
}

// planes is an image of width×height samples in colour space space from
// its compressed colour plane, with its compressed alpha plane as its
// soft mask unless alpha is nil (an opaque image).
func planes(width, height int, space string, color, alpha []byte) *xobject {
	x := &xobject{dict: fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace%s/BitsPerComponent 8", width, height, space),
		data: color, compressed: true}
	if alpha != nil {
		x.mask = &xobject{dict: fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray/BitsPerComponent 8", width, height),
			data: alpha, compressed: true}
	}
	return x
}

// prepareImage makes one image XObject ready: a JPEG as it is
// (DCTDecode), a PNG as its chunks allow (pngPassthrough, pngAlphaSplit),
// a drawing of the layout's as its planes or its outlines, and any other
// image decoded and stored with Flate, its alpha as a soft mask. z
// compresses what needs compressing.
func prepareImage(z *deflater, img *layout.ImageData) (*xobject, error) {
	switch strings.ToLower(img.Type) {
	case "jpg", "jpeg":
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(img.Data))
		if err != nil {
			return nil, err
		}
		space, decode := "/DeviceRGB", ""
		switch cfg.ColorModel {
		case color.GrayModel:
			space = "/DeviceGray"
		case color.CMYKModel:
			space, decode = "/DeviceCMYK", "/Decode[1 0 1 0 1 0 1 0]" // Adobe's inverted CMYK
		}
		return &xobject{dict: fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace%s/BitsPerComponent 8%s/Filter/DCTDecode",
			cfg.Width, cfg.Height, space, decode), data: img.Data}, nil
	case "png":
		if x, ok := pngPassthrough(img.Data); ok {
			return x, nil
		}
		if x, ok := pngAlphaSplit(img.Data); ok {
			return x, nil
		}
	case "raster":
		rs := img.Raster
		if rs == nil || rs.Width <= 0 || rs.Height <= 0 || len(rs.RGB) == 0 {
			return nil, errors.New("empty raster")
		}
		return planes(rs.Width, rs.Height, "/DeviceRGB", rs.RGB, rs.Alpha), nil
	case "vector":
		return vectorForm(z, img.Vector)
	case "gif", "webp":
	default:
		return nil, fmt.Errorf("unsupported type %q", img.Type)
	}
	m, _, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return nil, err
	}
	b := m.Bounds()
	wd, ht := b.Dx(), b.Dy()
	if wd <= 0 || ht <= 0 {
		return nil, fmt.Errorf("empty image %dx%d", wd, ht)
	}
	gray := false
	switch m.(type) {
	case *image.Gray, *image.Gray16:
		gray = true
	}
	pix, alpha, opaque := samples(m, gray)
	space := "/DeviceRGB"
	if gray {
		space = "/DeviceGray"
	}
	var mask []byte
	if !opaque {
		mask = z.deflate(alpha)
	}
	return planes(wd, ht, space, z.deflate(pix), mask), nil
}

// samples returns an image's colour samples (one a pixel if gray, else
// three) and its alpha, and whether it is opaque. The common kinds of
// image are read from their pixel arrays; any other through At.
func samples(m image.Image, gray bool) (pix, alpha []byte, opaque bool) {
	b := m.Bounds()
	wd, ht := b.Dx(), b.Dy()
	chans := 3
	if gray {
		chans = 1
	}
	pix = make([]byte, 0, wd*ht*chans)
	alpha = make([]byte, 0, wd*ht)
	opaque = true
	put := func(r, g, bl, a uint8) {
		if gray {
			pix = append(pix, r)
		} else {
			pix = append(pix, r, g, bl)
		}
		alpha = append(alpha, a)
		if a != 255 {
			opaque = false
		}
	}
	switch im := m.(type) {
	case *image.NRGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := im.Pix[im.PixOffset(b.Min.X, y):im.PixOffset(b.Max.X, y)]
			for i := 0; i+3 < len(row); i += 4 {
				put(row[i], row[i+1], row[i+2], row[i+3])
			}
		}
	case *image.RGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := im.Pix[im.PixOffset(b.Min.X, y):im.PixOffset(b.Max.X, y)]
			for i := 0; i+3 < len(row); i += 4 {
				r, g, bl, a := row[i], row[i+1], row[i+2], row[i+3]
				if a != 255 && a != 0 { // premultiplied: undo it
					r, g, bl = uint8(uint(r)*255/uint(a)), uint8(uint(g)*255/uint(a)), uint8(uint(bl)*255/uint(a))
				}
				put(r, g, bl, a)
			}
		}
	case *image.Gray:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for _, v := range im.Pix[im.PixOffset(b.Min.X, y):im.PixOffset(b.Max.X, y)] {
				put(v, v, v, 255)
			}
		}
	case *image.Paletted:
		pal := make([]color.NRGBA, len(im.Palette))
		for i, c := range im.Palette {
			pal[i] = color.NRGBAModel.Convert(c).(color.NRGBA)
		}
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for _, v := range im.Pix[im.PixOffset(b.Min.X, y):im.PixOffset(b.Max.X, y)] {
				var c color.NRGBA // an index past the palette is transparent black
				if int(v) < len(pal) {
					c = pal[v]
				}
				put(c.R, c.G, c.B, c.A)
			}
		}
	default:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
				put(c.R, c.G, c.B, c.A)
			}
		}
	}
	return pix, alpha, opaque
}
