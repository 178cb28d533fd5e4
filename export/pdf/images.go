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

	"github.com/galley-pub/galley/export/layout"
)

// maxImages bounds the document's distinct images.
const maxImages = 100000

// writeImages writes each image once and returns the resource name of
// each key, "Im1"…, and the objects to list in the pages' resources.
func writeImages(w *writer, images []*layout.ImageData) (map[string]string, map[string]ref, error) {
	if len(images) > maxImages {
		return nil, nil, fmt.Errorf("pdf: %d images, more than %d", len(images), maxImages)
	}
	names := map[string]string{}
	refs := map[string]ref{}
	for i, img := range images {
		if img == nil || img.Key == "" {
			return nil, nil, fmt.Errorf("pdf: image %d has no key", i+1)
		}
		if _, dup := names[img.Key]; dup {
			return nil, nil, fmt.Errorf("pdf: image key %q is used twice", img.Key)
		}
		r, err := writeImage(w, img)
		if err != nil {
			return nil, nil, fmt.Errorf("pdf: image %q: %w", img.Key, err)
		}
		res := fmt.Sprintf("Im%d", i+1)
		names[img.Key], refs[res] = res, r
	}
	return names, refs, nil
}

// writeImage writes one image XObject: a JPEG as it is (DCTDecode), any
// other image decoded and stored with Flate, its alpha as a soft mask.
func writeImage(w *writer, img *layout.ImageData) (ref, error) {
	switch strings.ToLower(img.Type) {
	case "jpg", "jpeg":
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(img.Data))
		if err != nil {
			return 0, err
		}
		space, decode := "/DeviceRGB", ""
		switch cfg.ColorModel {
		case color.GrayModel:
			space = "/DeviceGray"
		case color.CMYKModel:
			space, decode = "/DeviceCMYK", "/Decode[1 0 1 0 1 0 1 0]" // Adobe's inverted CMYK
		}
		r := w.alloc()
		w.stream(r, fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace%s/BitsPerComponent 8%s/Filter/DCTDecode",
			cfg.Width, cfg.Height, space, decode), img.Data, false)
		return r, nil
	case "png":
		if r, ok := pngPassthrough(w, img.Data); ok {
			return r, nil
		}
		if r, ok := pngAlphaSplit(w, img.Data); ok {
			return r, nil
		}
	case "raster":
		return writeRaster(w, img.Raster)
	case "vector":
		return writeVector(w, img.Vector)
	case "gif":
	default:
		return 0, fmt.Errorf("unsupported type %q", img.Type)
	}
	m, _, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return 0, err
	}
	b := m.Bounds()
	wd, ht := b.Dx(), b.Dy()
	if wd <= 0 || ht <= 0 {
		return 0, fmt.Errorf("empty image %dx%d", wd, ht)
	}
	gray := false
	switch m.(type) {
	case *image.Gray, *image.Gray16:
		gray = true
	}
	pix, alpha, opaque := samples(m, gray)
	r := w.alloc()
	smask := ""
	var mask ref
	if !opaque {
		mask = w.alloc()
		smask = "/SMask " + mask.String()
	}
	space := "/DeviceRGB"
	if gray {
		space = "/DeviceGray"
	}
	w.stream(r, fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace%s/BitsPerComponent 8%s", wd, ht, space, smask), w.z.deflate(pix), true)
	if !opaque {
		w.stream(mask, fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray/BitsPerComponent 8", wd, ht), w.z.deflate(alpha), true)
	}
	return r, nil
}

// writeRaster writes an image the layout drew: its planes are already
// compressed as Flate reads them.
func writeRaster(w *writer, rs *layout.Raster) (ref, error) {
	if rs == nil || rs.Width <= 0 || rs.Height <= 0 || len(rs.RGB) == 0 {
		return 0, errors.New("empty raster")
	}
	return writePlanes(w, rs.Width, rs.Height, "/DeviceRGB", rs.RGB, rs.Alpha), nil
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
