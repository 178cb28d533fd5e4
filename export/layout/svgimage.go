package layout

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image"
	"math"
	"strconv"
	"strings"
)

// The raster images inside an SVG image. oksvg draws no <image> element,
// and drawing programs embed pictures in their drawings as data: URLs
// (Inkscape's icons and screenshots, the Carpentries' file-system
// diagrams). The PDF draws each such picture as an image of its own,
// where the drawing places it, between the shapes painted before it and
// those painted after it: the drawing is cut into layers at each picture
// (svgLayer), so that an arrow drawn over a screenshot stays over it.

// svgPicture is a raster image an SVG image draws: its file, and the box
// it fills, in the drawing's user units.
type svgPicture struct {
	file       *ImageData // "png", "jpg" or "gif", its natural size in pixels
	x, y, w, h float64
}

// svgLayer is a picture of an SVG image and the shapes painted after it,
// up to the next picture: a drawing of the image's size (nil when it has
// no shapes).
type svgLayer struct {
	picture svgPicture
	drawing *ImageData
}

// svgPictureMark is the stroke-miterlimit of the empty path put in place
// of the n-th picture for oksvg (svgPictureMark + n), which keeps the
// path, in painting order, and reads its miter limit as it is written: no
// drawing gives a miter limit this large.
const svgPictureMark = 7.5e6

// svgPicturesOf reads the pictures an SVG image draws (its <image>
// elements, in painting order, whose transform only moves and scales
// them), and returns them, data with an empty marked path (svgPictureMark)
// before each, and how many of its <image> elements it leaves out: turned
// or skewed, cropped (preserveAspectRatio's slice), not a PNG, JPEG or
// GIF given as a data: URL. Pictures in definitions (<defs>, a <symbol>…) are drawn where a <use>
// names them, once inlineUses has copied them there.
func svgPicturesOf(data []byte) (pics []svgPicture, marked []byte, leftOut int) {
	if !bytes.Contains(bytes.ToLower(data), []byte("image")) {
		return nil, data, 0 // no <image> element: the image is not read twice (a Graphviz diagram's, a tenth of its drawing)
	}
	dec := newSVGDecoder(data)
	stack := svgStyles{{m: [6]float64{1, 0, 0, 1, 0, 0}, size: 16}}
	var at []int64 // where each picture's element starts in data
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			st, name := stack.open(tok)
			if name != "image" || st.hidden || st.invisible {
				break
			}
			pic, ok, shown := svgPictureAt(tok.Attr, st)
			switch {
			case ok:
				pics = append(pics, pic)
				at = append(at, start)
			case shown:
				leftOut++
			}
		case xml.EndElement:
			stack.close()
		}
	}
	if len(pics) == 0 {
		return nil, data, leftOut
	}
	var b bytes.Buffer
	from := int64(0)
	for i, off := range at {
		b.Write(data[from:off])
		b.WriteString(`<path d="M0 0" fill="none" stroke="none" stroke-miterlimit="`)
		b.WriteString(strconv.Itoa(svgPictureMark + i))
		b.WriteString(`"/>`)
		from = off
	}
	b.Write(data[from:])
	return pics, b.Bytes(), leftOut
}

// svgPictureAt reads an <image> element drawn in style st: the picture,
// and ok; or, when it cannot be drawn, whether it would show (an image
// sized zero shows nothing, as SVG says).
func svgPictureAt(attrs []xml.Attr, st svgTextStyle) (pic svgPicture, ok, shown bool) {
	file := dataURLImage(attr(attrs, "href"))
	w, h := -1.0, -1.0 // auto: the picture's own size
	if v := strings.TrimSpace(attr(attrs, "width")); v != "" && v != "auto" {
		w, _ = parseLength(v, st.size)
	}
	if v := strings.TrimSpace(attr(attrs, "height")); v != "" && v != "auto" {
		h, _ = parseLength(v, st.size)
	}
	if w == 0 || h == 0 {
		return svgPicture{}, false, false
	}
	m := st.m
	if file == nil || !(m[0] > 0 && m[3] > 0) || math.Abs(m[1])+math.Abs(m[2]) > 1e-9*(m[0]+m[3]) {
		return svgPicture{}, false, true
	}
	pw, ph := float64(file.Width), float64(file.Height)
	if w < 0 && h < 0 {
		w, h = pw, ph
	} else if w < 0 {
		w = h * pw / ph
	} else if h < 0 {
		h = w * ph / pw
	}
	x, y := firstLength(attr(attrs, "x"), st.size), firstLength(attr(attrs, "y"), st.size)
	x, y, w, h, ok = fitPicture(attr(attrs, "preserveAspectRatio"), x, y, w, h, pw, ph)
	if !ok {
		return svgPicture{}, false, true
	}
	return svgPicture{file: file, x: m[0]*x + m[4], y: m[3]*y + m[5], w: m[0] * w, h: m[3] * h}, true, true
}

// fitPicture places a picture of pw×ph pixels in the box x, y, w, h as
// preserveAspectRatio says: stretched to it ("none"), or as large as it
// fits, kept in proportion, aligned in the box as the value's xMin…YMax
// says (xMidYMid when it says none). A picture cropped to fill the box
// ("slice") is not placed: ok is false.
func fitPicture(aspect string, x, y, w, h, pw, ph float64) (px, py, pwid, phgt float64, ok bool) {
	f := strings.Fields(aspect)
	if len(f) > 0 && f[0] == "defer" {
		f = f[1:]
	}
	align := "xMidYMid"
	if len(f) > 0 {
		align = f[0]
	}
	if align == "none" {
		return x, y, w, h, true
	}
	if len(f) > 1 && f[1] == "slice" {
		return 0, 0, 0, 0, false
	}
	k := math.Min(w/pw, h/ph)
	fw, fh := pw*k, ph*k
	switch {
	case strings.HasPrefix(align, "xMid"):
		x += (w - fw) / 2
	case strings.HasPrefix(align, "xMax"):
		x += w - fw
	}
	switch {
	case strings.HasSuffix(align, "YMid"):
		y += (h - fh) / 2
	case strings.HasSuffix(align, "YMax"):
		y += h - fh
	}
	return x, y, fw, fh, true
}

// dataURLImage reads a data: URL holding a PNG, JPEG or GIF file in
// base64 (whose text may be broken into lines, as Inkscape writes it):
// the image, sized, without a key; nil for any other URL.
func dataURLImage(url string) *ImageData {
	rest, ok := strings.CutPrefix(strings.TrimSpace(url), "data:")
	if !ok {
		return nil
	}
	head, payload, ok := strings.Cut(rest, ",")
	if !ok || !strings.HasSuffix(strings.ToLower(strings.TrimSpace(head)), ";base64") {
		return nil
	}
	payload = strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, payload)
	data, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		if data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "=")); err != nil {
			return nil
		}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil
	}
	switch format {
	case "jpeg":
		format = "jpg"
	case "png", "gif":
	default:
		return nil
	}
	return &ImageData{Type: format, Data: data, Width: cfg.Width, Height: cfg.Height}
}

// svgLayers returns the items that draw an SVG image's pictures, each
// followed by the layer of its drawing painted after it, over the image
// drawn at x, w by h (its row's top at 0), and how many pictures the
// limits refuse (Options.CheckImage). A picture wholly outside the
// drawing is not drawn, as the drawing clips it. Each picture and layer
// is an image of the document's, kept once for the SVG image at ref.
func (f *flow) svgLayers(ref string, img *ImageData, x, w, h float64) (items []Item, refused int) {
	s := img.svg
	if s == nil || len(s.layers) == 0 || !(s.viewBox[2] > 0 && s.viewBox[3] > 0) {
		return nil, 0
	}
	p, err := resolve(ref)
	if err != nil {
		return nil, 0 // the image was read from ref: it resolves
	}
	kx, ky := w/s.viewBox[2], h/s.viewBox[3]
	for i, l := range s.layers {
		pic := l.picture
		px, py, pw, ph := x+(pic.x-s.viewBox[0])*kx, (pic.y-s.viewBox[1])*ky, pic.w*kx, pic.h*ky
		switch {
		case f.e.images.check != nil && f.e.images.check(pic.file.Data) != nil:
			refused++
		case pw > 0 && ph > 0 && px < x+w && px+pw > x && py < h && py+ph > 0:
			file := f.e.images.part(p, "picture-"+strconv.Itoa(i+1), pic.file)
			items = append(items, &ImageItem{X: px, Y: py, W: pw, H: ph, Key: file.Key})
		}
		if l.drawing != nil {
			d := f.e.images.part(p, "layer-"+strconv.Itoa(i+1), l.drawing)
			items = append(items, &ImageItem{X: x, Y: 0, W: w, H: h, Key: d.Key})
		}
	}
	return items, refused
}
