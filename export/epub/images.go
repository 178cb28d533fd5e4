package epub

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"

	"golang.org/x/image/webp"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/notimage"
	"github.com/galley-pub/galley/export/svgclean"
	"github.com/galley-pub/galley/internal/pngenc"
)

// resource is an image packed into the e-book.
type resource struct {
	id        string // manifest id
	href      string // relative to the package document, "images/img-1.png"
	mediaType string
	data      []byte
}

// loadCover packs opts.Cover, or returns nil (with a warning when the image
// cannot be used).
func (b *book) loadCover() *resource {
	if b.opts.Cover == nil {
		return nil
	}
	return b.loadImage(b.opts.Cover, "cover-image", "images/cover")
}

// loadImage packs an image given whole as id at base plus its extension,
// or returns nil with a warning when it cannot be used.
func (b *book) loadImage(c *Image, id, base string) *resource {
	data, mt := c.Data, c.MediaType
	if sniffed := sniff(data); mt == "" || sniffed != "" && sniffed != mt {
		mt = sniffed
	}
	data, mt, ok := usable(data, mt)
	if !ok {
		b.diags.Warnf(b.d.Meta.Pos, "cover %q is not a PNG, JPEG, GIF, SVG or WebP image; the e-book has no cover", c.Name)
		return nil
	}
	return &resource{id: id, href: base + extension(mt), mediaType: mt, data: data}
}

// planImage notes an image's missing alt text and packs the file it points to,
// once per path. Problems are warnings at the image; an image that cannot
// be packed is shown as its alt text.
func (b *book) planImage(img *doc.Image) {
	if strings.TrimSpace(img.Alt) == "" && !img.Decorative() {
		b.allAlt = false // the passes warned
	}
	u, err := url.Parse(img.URL)
	switch {
	case img.Unavailable:
		return // the build reported it, for both outputs: the alt text is shown
	case img.URL == "":
		b.diags.Warnf(img.Pos, "image has no path")
		return
	case err != nil:
		b.diags.Warnf(img.Pos, "image %q: %v", img.URL, err)
		return
	case u.Scheme != "" || u.Host != "":
		b.diags.Warnf(img.Pos, "image %q is remote; e-books carry their own images, so its alt text is shown instead", img.URL)
		return
	}
	p := u.Path
	if path.IsAbs(p) || !fs.ValidPath(path.Clean(p)) {
		b.diags.Warnf(img.Pos, "image %q is outside the document's directory; its alt text is shown instead", img.URL)
		return
	}
	p = path.Clean(p)
	if r, seen := b.imageByPath[p]; seen {
		b.imageAt[img] = r
		return
	}
	r := b.readImage(img, p)
	b.imageByPath[p] = r
	b.imageAt[img] = r
	if r != nil {
		b.images = append(b.images, r)
	}
}

func (b *book) readImage(img *doc.Image, p string) *resource {
	if b.opts.Resources == nil {
		b.diags.Warnf(img.Pos, "image %q cannot be read: no resource directory; its alt text is shown instead", img.URL)
		return nil
	}
	data, err := fs.ReadFile(b.opts.Resources, p)
	if err != nil {
		b.diags.Warnf(img.Pos, "image %q cannot be read (%v); its alt text is shown instead", img.URL, err)
		return nil
	}
	packed, mt, ok := usable(data, sniff(data))
	if !ok {
		if kind := notimage.Describe(data); kind != "" {
			b.diags.Warnf(img.Pos, "image %q: the file is %s, not a PNG, JPEG, GIF, SVG or WebP image; its alt text is shown instead", img.URL, kind)
		} else {
			b.diags.Warnf(img.Pos, "image %q is not a PNG, JPEG, GIF, SVG or WebP image; its alt text is shown instead", img.URL)
		}
		return nil
	}
	n := strconv.Itoa(len(b.images) + 1)
	return &resource{id: "img-" + n, href: "images/img-" + n + extension(mt), mediaType: mt, data: packed}
}

// webpAsPNG is how a WebP image is written as a PNG: its rows filtered
// (a photograph's compress much better so), the same bytes under every
// Go release (pngenc).
func webpAsPNG() pngenc.Encoder { return pngenc.Encoder{Level: 7} }

// usable returns the image in a core media type of EPUB 3.0: WebP is not
// one, so it is converted to PNG.
func usable(data []byte, mt string) ([]byte, string, bool) {
	switch mt {
	case "image/png", "image/jpeg", "image/gif", "image/svg+xml":
		return data, mt, true
	case "image/webp":
		im, err := webp.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, "", false
		}
		var buf bytes.Buffer
		if err := webpAsPNG().Encode(&buf, im); err != nil {
			return nil, "", false
		}
		return buf.Bytes(), "image/png", true
	}
	return nil, "", false
}

// sniff returns the media type of an image from its first bytes, or "".
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "image/webp"
	case svgclean.Sniff(data):
		return "image/svg+xml"
	}
	return ""
}

func extension(mediaType string) string {
	switch mediaType {
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	case "image/svg+xml":
		return ".svg"
	}
	return ".png"
}
