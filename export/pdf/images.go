package pdf

import (
	"bytes"
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
	case "png", "gif":
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
	chans := 3
	if gray {
		chans = 1
	}
	pix := make([]byte, 0, wd*ht*chans)
	alpha := make([]byte, 0, wd*ht)
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
			if gray {
				pix = append(pix, c.R)
			} else {
				pix = append(pix, c.R, c.G, c.B)
			}
			alpha = append(alpha, c.A)
			if c.A != 255 {
				opaque = false
			}
		}
	}
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
