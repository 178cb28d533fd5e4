package pdf

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/galley-pub/galley/export/layout"
)

// maxImages bounds the document's distinct images; see breakWidthTie.
const maxImages = 100000

// registerImages hands each image's bytes to fpdf once, under its key.
func registerImages(f *fpdf.Fpdf, images []*layout.ImageData) error {
	if len(images) > maxImages {
		return fmt.Errorf("pdf: %d images, more than %d", len(images), maxImages)
	}
	seen := map[string]bool{}
	for i, img := range images {
		if img == nil || img.Key == "" {
			return fmt.Errorf("pdf: image %d has no key", i+1)
		}
		if seen[img.Key] {
			return fmt.Errorf("pdf: image key %q is used twice", img.Key)
		}
		seen[img.Key] = true
		typ := strings.ToLower(img.Type)
		switch typ {
		case "png", "jpg", "jpeg", "gif":
		default:
			return fmt.Errorf("pdf: image %q: unsupported type %q", img.Key, img.Type)
		}
		info := f.RegisterImageOptionsReader(img.Key, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(img.Data))
		if err := f.Error(); err != nil {
			return fmt.Errorf("pdf: image %q: %w", img.Key, err)
		}
		if info == nil {
			return fmt.Errorf("pdf: image %q could not be read", img.Key)
		}
		if err := breakWidthTie(info, i); err != nil {
			return fmt.Errorf("pdf: image %q: %w", img.Key, err)
		}
	}
	return nil
}

// imageKeys is the set of registered image keys.
func imageKeys(images []*layout.ImageData) map[string]bool {
	keys := make(map[string]bool, len(images))
	for _, img := range images {
		if img != nil {
			keys[img.Key] = true
		}
	}
	return keys
}

// breakWidthTie makes fpdf write images in a fixed order. Even with
// SetCatalogSort, fpdf v0.12.0 orders image objects by pixel width alone,
// starting from Go's randomized map order, so two images of equal width
// would swap places between runs and the output would not be reproducible.
//
// The width is only reachable through the image's Gob encoding, so this
// decodes it, adds index·1e-6 to the width and encodes it back: the order
// becomes (width, index) while /Width, written as int(w), is unchanged.
// The field list mirrors ImageInfoType.GobEncode in fpdf v0.12.0.
func breakWidthTie(info *fpdf.ImageInfoType, index int) error {
	raw, err := info.GobEncode()
	if err != nil {
		return fmt.Errorf("reading image info: %w", err)
	}
	var (
		data, smask, pal []byte
		n, bpc           int
		w, h, scale, dpi float64
		cs, filter, dp   string
		trns             []int
	)
	fields := []any{&data, &smask, &n, &w, &h, &cs, &pal, &bpc, &filter, &dp, &trns, &scale, &dpi}
	dec := gob.NewDecoder(bytes.NewReader(raw))
	for _, fld := range fields {
		if err := dec.Decode(fld); err != nil {
			return fmt.Errorf("reading image info: %w", err)
		}
	}
	if w != float64(int(w)) {
		return errors.New("reading image info: unexpected fractional width")
	}
	w += float64(index) * 1e-6

	var out bytes.Buffer
	enc := gob.NewEncoder(&out)
	for _, fld := range []any{data, smask, n, w, h, cs, pal, bpc, filter, dp, trns, scale, dpi} {
		if err := enc.Encode(fld); err != nil {
			return fmt.Errorf("writing image info: %w", err)
		}
	}
	if err := info.GobDecode(out.Bytes()); err != nil {
		return fmt.Errorf("writing image info: %w", err)
	}
	return nil
}
