package layout

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // register the GIF decoder for DecodeConfig
	_ "image/jpeg" // register the JPEG decoder
	_ "image/png"  // register the PNG decoder
	"io/fs"
	"math"
	"net/url"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/internal/notimage"
	"github.com/galley-pub/galley/fonts"
)

// imageStore loads each image once and gives it a unique key.
type imageStore struct {
	fsys  fs.FS
	byRef map[string]*ImageData
	order []*ImageData
	paths []string // the path of each of order
	// ahead waits for the figures' images read ahead of the layout to be
	// found (readAhead), and gives them by path; nil: none. A layout's
	// stores share it.
	ahead func() (map[string]*aheadImage, error)
	// read, when set, is told of each file image (PNG, JPEG, GIF) once
	// it is read (Options.ImageRead).
	read func(*ImageData)
	// check, when set, refuses a picture inside an SVG image
	// (Options.CheckImage).
	check func([]byte) error
}

// aheadImage is a figure's image read (an SVG one drawn, any other sized)
// by whoever claims it first: a worker of readAhead, or the layout when
// it gets there before the workers.
type aheadImage struct {
	path    string
	claimed atomic.Bool
	done    chan struct{} // closed once the fields below are set
	img     *ImageData
	err     error
}

// ready reads the image unless another goroutine has claimed it, and
// waits for it.
func (a *aheadImage) ready(s *imageStore) {
	if a.claimed.CompareAndSwap(false, true) {
		a.img, a.err = s.readFile(a.path)
		close(a.done)
	}
	<-a.done
}

func newImageStore(fsys fs.FS, read func(*ImageData), check func([]byte) error) *imageStore {
	return &imageStore{fsys: fsys, byRef: map[string]*ImageData{}, read: read, check: check}
}

// resolve turns a reference relative to the resources into a path in
// them.
func resolve(ref string) (string, error) {
	if strings.Contains(ref, "://") || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "//") {
		return "", errors.New("remote images are not fetched")
	}
	if u, err := url.PathUnescape(ref); err == nil {
		ref = u
	}
	if strings.HasPrefix(ref, "/") {
		return "", errors.New("absolute paths are not allowed")
	}
	p := path.Clean(ref)
	if !fs.ValidPath(p) || p == "." {
		return "", errors.New("the path leads outside the document's directory")
	}
	return p, nil
}

// readAhead reads the document's figures' images on goroutines of their
// own, in document order, while the layout sets the text before them:
// an SVG image is drawn (drawing them in line was a quarter of a real
// book's layout), any other sized, and told of (read) so that the PDF
// prepares it meanwhile. The layout still numbers and keeps the images
// in the order it meets them (load). The figures are found on a goroutine
// too (a walk of the whole tree: 36 ms of the 13 MB bench book's), while
// the layout starts; load waits for them. Workers stop at stop.
func (s *imageStore) readAhead(d *doc.Document, stop <-chan struct{}) {
	if s.fsys == nil {
		return
	}
	s.ahead = guard.Go(func() (map[string]*aheadImage, error) {
		byPath := map[string]*aheadImage{}
		var queue []*aheadImage
		doc.Inspect(d, func(n doc.Node) bool {
			fig, ok := n.(*doc.Figure)
			if !ok || fig.Image == nil || fig.Image.Unavailable {
				return true
			}
			p, err := resolve(fig.Image.URL)
			if err != nil || byPath[p] != nil {
				return true // load reports it
			}
			a := &aheadImage{path: p, done: make(chan struct{})}
			byPath[p] = a
			queue = append(queue, a)
			return true
		})
		next := make(chan *aheadImage, len(queue))
		for _, a := range queue {
			next <- a
		}
		close(next)
		for range min(runtime.GOMAXPROCS(0), len(queue)) {
			go func() {
				for a := range next {
					select {
					case <-stop:
						return
					default:
					}
					a.ready(s)
				}
			}()
		}
		return byPath, nil
	})
}

// aheadFound waits for the figures read ahead to be found, and returns
// them by path (nil: none); a panic finding them is raised here, on the
// layout's goroutine.
func (s *imageStore) aheadFound() map[string]*aheadImage {
	if s.ahead == nil {
		return nil
	}
	byPath, err := s.ahead()
	if err != nil {
		panic(err) // a *guard.Panic, raised again as itself
	}
	return byPath
}

// load reads and sizes the image at a reference relative to the resources.
func (s *imageStore) load(ref string) (*ImageData, error) {
	p, err := resolve(ref)
	if err != nil {
		return nil, err
	}
	if img, ok := s.byRef[p]; ok {
		return img, nil
	}
	if s.fsys == nil {
		return nil, errors.New("no resource directory")
	}
	if a := s.aheadFound()[p]; a != nil {
		a.ready(s)
		if a.err != nil {
			return nil, a.err
		}
		img := *a.img // the reading's, shared: the store numbers its own copy
		return s.add(p, &img), nil
	}
	img, err := s.readFile(p)
	if err != nil {
		return nil, err
	}
	return s.add(p, img), nil
}

// readFile reads the image at path p of the resources, an SVG image
// drawn, any other sized, and tells of it (read).
func (s *imageStore) readFile(p string) (*ImageData, error) {
	data, err := fs.ReadFile(s.fsys, p)
	if err != nil {
		return nil, err
	}
	if isSVG(p, data) {
		img, err := drawSVG(data)
		if err == nil && s.read != nil {
			s.read(img)
		}
		return img, err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if kind := notimage.Describe(data); kind != "" {
			return nil, fmt.Errorf("the file is %s, not an image", kind)
		}
		return nil, fmt.Errorf("cannot read the image: %w", err)
	}
	if format == "jpeg" {
		format = "jpg"
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errors.New("the image is empty")
	}
	img := &ImageData{Type: format, Data: data, Width: cfg.Width, Height: cfg.Height}
	if s.read != nil {
		s.read(img)
	}
	return img, nil
}

// add keeps an image read from path p, keyed by the order the layout met
// the images in.
func (s *imageStore) add(p string, img *ImageData) *ImageData {
	img.Key = "img" + strconv.Itoa(len(s.order)+1)
	s.byRef[p] = img
	s.order = append(s.order, img)
	s.paths = append(s.paths, p)
	return img
}

// part keeps an image made of the image at path p (a picture inside an
// SVG image, a layer of its drawing) once, as p#name, and tells of it as
// of a file read (read).
func (s *imageStore) part(p, name string, img *ImageData) *ImageData {
	key := p + "#" + name
	if have, ok := s.byRef[key]; ok {
		return have
	}
	c := *img
	if s.read != nil {
		s.read(&c)
	}
	return s.add(key, &c)
}

// fork returns a store for a part of the document laid out apart
// (chapters): the same files and drawings made ahead, and images and
// numbers of its own.
func (s *imageStore) fork() *imageStore {
	return &imageStore{fsys: s.fsys, byRef: map[string]*ImageData{}, ahead: s.ahead, read: s.read, check: s.check}
}

// merge takes in the images a part's store read, in the order the part
// met them, as if s had met them itself after its own: an image s has
// keeps s's number, a new one takes the next. It returns the part's
// keys that change, old to new.
func (s *imageStore) merge(part *imageStore) map[string]string {
	keys := map[string]string{}
	for i, img := range part.order {
		old := img.Key
		if have, ok := s.byRef[part.paths[i]]; ok {
			keys[old] = have.Key
			continue
		}
		if s.add(part.paths[i], img); img.Key != old {
			keys[old] = img.Key
		}
	}
	return keys
}

// figure lays out an image centred in the column, no wider than the column
// and no taller than 60% of the page, with its caption below in small italic.
// A missing image becomes a framed box holding the alt text.
func (f *flow) figure(fig *doc.Figure) {
	if fig.Image == nil {
		return
	}
	row := f.figureImage(fig.Image)
	if fig.Attr.ID != "" {
		row.ext().anchors = append(row.ext().anchors, fig.Attr.ID)
	}
	if len(fig.Caption) == 0 {
		f.add(row)
		return
	}
	row.kwn = true
	row.figure = true
	f.add(row)
	f.space(5)
	sty := runStyle{font: FontRef{Family: fonts.Serif, Style: fonts.Italic}, size: captionSize, color: grey.rgb()}
	cw := f.w * 0.85
	rows := f.e.setParagraph(f.e.m.tokenize(fig.Caption, sty), paraSpec{x: f.x + (f.w-cw)/2, widths: []float64{cw}, align: doc.AlignCenter, leading: captionSize * 1.3, base: sty})
	for _, r := range rows {
		r.caption = true
	}
	f.addRows(rows)
}

// figureImage is the row of a figure's image: the image scaled to fit, or
// a placeholder for one that cannot be shown (one the build reported,
// doc.Image.Unavailable, without a warning of the layout's own).
func (f *flow) figureImage(im *doc.Image) *vrow {
	if im.Unavailable {
		return f.placeholder(im.Alt)
	}
	img, err := f.e.images.load(im.URL)
	if err != nil {
		f.e.diags.Warnf(im.Pos, "image %q: %v; printing a placeholder", im.URL, err)
		return f.placeholder(im.Alt)
	}
	w, h := float64(img.Width)*0.75, float64(img.Height)*0.75
	maxH := min(f.e.g.pageH*0.6, f.e.g.bottom-f.e.g.top-4*f.leading)
	scale := min(1, f.w/w, maxH/h)
	w, h = w*scale, h*scale
	x := f.x + (f.w-w)/2
	row := &vrow{h: h}
	row.items = []Item{&ImageItem{X: x, Y: 0, W: w, H: h, Key: img.Key}}
	pictures, refused := f.svgLayers(im.URL, img, x, w, h)
	row.items = append(row.items, pictures...)
	row.items = append(row.items, f.svgText(img.svg, x, w, h)...)
	if img.svg != nil && (img.svg.skipped > 0 || img.svg.rasters+refused > 0) && !img.warned {
		img.warned = true
		if img.svg.skipped > 0 {
			f.e.diags.Warnf(im.Pos, "image %q: the PDF leaves out %d of this SVG image's text elements (on a path it cannot read, after a text path, or flattened by a transform); the EPUB has them", im.URL, img.svg.skipped)
		}
		if n := img.svg.rasters + refused; n > 0 {
			f.e.diags.Warnf(im.Pos, "image %q: the PDF leaves out %d of the raster images (<image> elements) inside this SVG image (turned or skewed, cropped, not a PNG, JPEG or GIF in a data: URL, or over the image limits); the EPUB has them", im.URL, n)
		}
	}
	return row
}

// placeholder is a framed box with the alt text, where an image is missing.
func (f *flow) placeholder(alt string) *vrow {
	w := f.w * 0.7
	x := f.x + (f.w-w)/2
	sty := runStyle{font: FontRef{Family: fonts.Sans, Style: fonts.Italic}, size: captionSize, color: grey.rgb()}
	if strings.TrimSpace(alt) == "" {
		alt = "image not available"
	}
	lead := captionSize * 1.3
	lines := f.e.setParagraph(f.e.m.plainTokens(alt, sty), paraSpec{x: x + 8, widths: []float64{w - 16}, align: doc.AlignCenter, leading: lead, base: sty})
	h := max(60, float64(len(lines))*lead+24)
	stroke := lightGrey.rgb()
	row := &vrow{h: h, items: []Item{&Rect{X: x, Y: 0, W: w, H: h, Stroke: &stroke, LineWidth: 0.8}}}
	top := (h - float64(len(lines))*lead) / 2
	for i, l := range lines {
		for _, it := range l.items {
			row.items = append(row.items, movedInPlace(it, 0, top+float64(i)*lead))
		}
	}
	return row
}

// inlineImage loads an image set in a line of text, or reports false
// (no resources, or an image that cannot be read: its alt text is set).
func (m measurer) inlineImage(n *doc.Image) (*ImageData, bool) {
	if m.images == nil || n == nil || n.Unavailable || strings.TrimSpace(n.URL) == "" {
		return nil, false
	}
	img, err := m.images.load(n.URL)
	if err != nil || img.Width <= 0 || img.Height <= 0 {
		return nil, false
	}
	return img, true
}

// inlineImageSize is the size an image set in a line of text of size
// (points) is drawn at: its natural size (its width or height attribute,
// in CSS pixels, else the image's own, 0.75 pt a pixel), no taller than
// the text's line (1.2 × size), its proportions kept.
func inlineImageSize(img *ImageData, n *doc.Image, size float64) (w, h float64) {
	aspect := float64(img.Width) / float64(img.Height)
	h = float64(img.Height) * 0.75
	if v, ok := cssPixels(n.Attr, "height"); ok {
		h = v * 0.75
	} else if v, ok := cssPixels(n.Attr, "width"); ok {
		h = v * 0.75 / aspect
	}
	h = min(h, 1.2*size)
	return h * aspect, h
}

// cssPixels reads an attribute that is a length in CSS pixels ("40",
// "40px"); a percentage or anything else is not one.
func cssPixels(a doc.Attr, key string) (float64, bool) {
	v, ok := a.Get(key)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "px"), 64)
	if err != nil || !(f > 0) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}
