package layout

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/svgclean"
	"github.com/klauspost/compress/zlib"
	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// svgScale is how many units of its drawing an SVG image gets per CSS
// pixel of its natural size: pixels (4 gives 384 dpi at full size), or,
// for outlines, the grain their curves are cut into lines at (rasterx
// flattens them to a fraction of a unit, 1/64 precise).
const svgScale = 4

// maxSVGPixels bounds the longer side of the drawing, in those units:
// 300 dpi across the widest block an image is drawn in (A4's or Letter's
// paper less its margins, about 6.5 in), so a large diagram is not drawn
// at 600 dpi to be scaled down (the Rust book's 50 diagrams took 3.3 s at
// 4000 as pixels), nor its curves cut finer than print shows.
const maxSVGPixels = 2000

// isSVG reports an SVG image by its name or its first bytes.
func isSVG(name string, data []byte) bool {
	if strings.HasSuffix(strings.ToLower(name), ".svg") {
		return true
	}
	return svgclean.Sniff(data)
}

// svgImage is what the layout sets of an SVG image besides its drawing:
// its text (svgTextOf), in the user units of its view box.
type svgImage struct {
	viewBox [4]float64 // x, y, width, height
	chunks  []svgChunk
	skipped int // text elements not set (on a path it cannot read, or flattened)
	rasters int // <image> elements shown that the PDF leaves out (svgPicturesOf)
	// layers are the pictures the image draws, each with the shapes
	// painted after it (the image's own drawing holds those before the
	// first).
	layers []svgLayer
}

// forOksvg rewrites what oksvg cannot read in an SVG image into what it
// can and draws the same: uses of its own elements as copies of them
// (inlineUses), then the rest (forOksvgInlined).
func forOksvg(data []byte) []byte {
	return forOksvgInlined(inlineUses(withoutRelativeSize(data)))
}

// forOksvgInlined rewrites an SVG image whose uses are inlined: markers
// drawn where they are named (expandMarkers), strokes at their scaled
// width (strokesForOksvg), a transform list as its one matrix, and its
// paints as colours oksvg reads (paintsForOksvg).
func forOksvgInlined(data []byte) []byte {
	return paintsForOksvg(composeTransforms(strokesForOksvg(expandMarkers(data))))
}

// rootTag is an SVG image's root start tag.
var rootTag = regexp.MustCompile(`<svg\b[^>]*>`)

// rootSize is a width or height of the root element with a unit: its
// number and its unit.
var rootSize = regexp.MustCompile(`(\s(?:width|height)\s*=\s*["']\s*)([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(%|in|cm|mm|pt|pc|em|ex)(\s*["'])`)

// cssPixelsPer are the CSS pixels in a unit of length.
var cssPixelsPer = map[string]float64{"in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 96.0 / 72, "pc": 16, "em": 16, "ex": 8}

// withoutRelativeSize gives the root element's width and height in CSS
// pixels, as oksvg reads them: a length in inches, centimetres, points…
// (Visio's width="10.639929in") is converted, and one in percent is
// dropped, as it fills whatever holds the image and says nothing of its
// size, which its view box gives. oksvg reads either as an error and
// drops the view box after it (the Embedded Rust book's rust_layers.svg,
// width="100%" height="100%" viewBox="0 0 1104 632", and the Carpentries'
// Visio flow chart came out sizeless).
func withoutRelativeSize(data []byte) []byte {
	loc := rootTag.FindIndex(data)
	if loc == nil || !rootSize.Match(data[loc[0]:loc[1]]) {
		return data
	}
	tag := rootSize.ReplaceAllFunc(data[loc[0]:loc[1]], func(m []byte) []byte {
		sub := rootSize.FindSubmatch(m)
		unit := string(sub[3])
		if unit == "%" {
			return nil
		}
		v, err := strconv.ParseFloat(string(sub[2]), 64)
		if err != nil {
			return nil
		}
		return slices.Concat(sub[1], strconv.AppendFloat(nil, v*cssPixelsPer[unit], 'f', 3, 64), sub[4])
	})
	return slices.Concat(data[:loc[0]], tag, data[loc[1]:])
}

// drawSVG draws an SVG image (the subset of SVG that oksvg reads: paths,
// shapes, gradients; no text), its style sheets applied (cascadeStyles)
// and its gradients' stops inherited (inheritStops), as outlines
// (Vector), or, when it paints
// with a gradient, as pixels at svgScale (Raster). The image's size is
// its natural size in CSS pixels (naturalSize), and its text is what the
// layout sets over the drawing.
func drawSVG(data []byte) (img *ImageData, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("cannot draw the SVG image: %v", r)
		}
	}()
	data = inheritStops(cascadeStyles(data))
	sized := withoutRelativeSize(data)
	pics, marked, leftOut := svgPicturesOf(inlineUses(sized))
	icon, err := oksvg.ReadIconStream(bytes.NewReader(forOksvgInlined(marked)), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, fmt.Errorf("cannot read the SVG image: %w", err)
	}
	vw, vh := icon.ViewBox.W, icon.ViewBox.H
	if !(vw > 0 && vh > 0) || math.IsInf(vw, 0) || math.IsInf(vh, 0) {
		return nil, errors.New("the SVG image has no size (no viewBox, width or height)")
	}
	nw, nh := naturalSize(sized, vw, vh)
	k := math.Min(svgScale*nw/vw, maxSVGPixels/math.Max(vw, vh)) // drawing units per view box unit
	pw, ph := max(1, int(math.Ceil(vw*k))), max(1, int(math.Ceil(vh*k)))
	fitIcon(icon, pw, ph)
	img = &ImageData{Width: max(1, int(math.Round(nw))), Height: max(1, int(math.Round(nh))),
		svg: &svgImage{viewBox: [4]float64{icon.ViewBox.X, icon.ViewBox.Y, vw, vh}}}
	img.svg.chunks, img.svg.skipped = svgTextOf(data)
	img.svg.rasters = leftOut
	drawings := drawLayers(icon, pictureLayers(icon.SVGPaths, len(pics)), pw, ph)
	img.Type, img.Vector, img.Raster = drawings[0].Type, drawings[0].Vector, drawings[0].Raster
	for i, p := range pics {
		layer := svgLayer{picture: p}
		if d := drawings[i+1]; d != nil {
			d.Width, d.Height = img.Width, img.Height
			layer.drawing = d
		}
		img.svg.layers = append(img.svg.layers, layer)
	}
	return img, nil
}

// pictureLayers cuts an image's paths, in painting order, at the marked
// paths that stand for its n pictures (svgPicturesOf): the paths before
// the first, then those after each picture. A mark oksvg did not keep
// leaves its picture's layer empty, the picture drawn after the one
// before it.
func pictureLayers(paths []oksvg.SvgPath, n int) [][]oksvg.SvgPath {
	layers := make([][]oksvg.SvgPath, n+1)
	cur := 0
	for _, p := range paths {
		if k := p.MiterLimit - svgPictureMark; k >= 0 && k < float64(n) && k == math.Trunc(k) {
			cur = max(cur, int(k)+1)
			continue
		}
		layers[cur] = append(layers[cur], p)
	}
	return layers
}

// drawLayers draws each layer's paths onto pw by ph units, under the
// icon's transform: as outlines (Vector), or, when a path of any layer
// paints with a gradient, as pixels (Raster). A layer after the first
// with no paths is nil.
func drawLayers(icon *oksvg.SvgIcon, layers [][]oksvg.SvgPath, pw, ph int) []*ImageData {
	outlines, ok := eachLayer(layers, func(paths []oksvg.SvgPath) (*ImageData, bool) {
		rec := &outlineRecorder{out: &Vector{Width: float64(pw), Height: float64(ph)}, nonZero: true}
		drawPaths(icon, paths, rasterx.NewDasher(pw, ph, rec))
		return &ImageData{Type: "vector", Vector: rec.out}, rec.err == nil
	})
	if ok {
		return outlines
	}
	pixels, _ := eachLayer(layers, func(paths []oksvg.SvgPath) (*ImageData, bool) {
		rgba := image.NewRGBA(image.Rect(0, 0, pw, ph))
		drawPaths(icon, paths, rasterx.NewDasher(pw, ph, newBoxScanner(rgba)))
		return &ImageData{Type: "raster", Raster: newRaster(rgba)}, true
	})
	return pixels
}

// eachLayer draws each layer with draw, the first whatever it holds, the
// others nil when empty; not ok when a drawing is not.
func eachLayer(layers [][]oksvg.SvgPath, draw func([]oksvg.SvgPath) (*ImageData, bool)) ([]*ImageData, bool) {
	out := make([]*ImageData, len(layers))
	for i, paths := range layers {
		if i > 0 && len(paths) == 0 {
			continue
		}
		img, ok := draw(paths)
		if !ok {
			return nil, false
		}
		out[i] = img
	}
	return out, true
}

// drawPaths draws paths, in order, under the icon's transform.
func drawPaths(icon *oksvg.SvgIcon, paths []oksvg.SvgPath, d *rasterx.Dasher) {
	for j := range paths {
		paths[j].DrawTransformed(d, 1, icon.Transform)
	}
}

// rootLength is a width or height of an SVG image's root element.
var rootLength = regexp.MustCompile(`\s(width|height)\s*=\s*["']([^"']*)["']`)

// naturalSize is the size an SVG image is drawn at, in CSS pixels, as a
// browser draws it: its root's width and height (which withoutRelativeSize
// gave in pixels), the one it leaves out in its view box's proportion,
// else its view box's (vw by vh). Inkscape's width="55mm" viewBox="0 0 55
// 29" is 208 pixels wide, not 55; graphviz's width="332pt" 443. A width
// and height out of the view box's proportion are not kept: the drawing
// fills the box it is drawn in, and would be stretched; the height
// follows the width.
func naturalSize(data []byte, vw, vh float64) (w, h float64) {
	loc := rootTag.FindIndex(data)
	if loc == nil {
		return vw, vh
	}
	for _, m := range rootLength.FindAllSubmatch(data[loc[0]:loc[1]], -1) {
		n, ok := parseLength(string(m[2]), 16)
		if !ok || !(n > 0) || math.IsInf(n, 0) {
			continue
		}
		if string(m[1]) == "width" {
			w = n
		} else {
			h = n
		}
	}
	switch {
	case w > 0:
		return w, w * vh / vw
	case h > 0:
		return h * vw / vh, h
	}
	return vw, vh
}

// fitIcon sets an icon to draw its view box onto pw by ph pixels: the
// view box's origin at the drawing's, scaled with it (oksvg's SetTarget
// moves it unscaled: a diagram whose view box starts at -50, Mermaid's
// sequence diagrams, was drawn off its text), and its strokes scaled with
// it too, which oksvg does not do (strokesForOksvg gave them the image's
// own transforms' scale).
func fitIcon(icon *oksvg.SvgIcon, pw, ph int) {
	sx, sy := float64(pw)/icon.ViewBox.W, float64(ph)/icon.ViewBox.H
	icon.Transform = rasterx.Identity.Scale(sx, sy).Translate(-icon.ViewBox.X, -icon.ViewBox.Y)
	k := math.Sqrt(sx * sy)
	for i := range icon.SVGPaths {
		p := &icon.SVGPaths[i].PathStyle
		p.LineWidth *= k
		p.DashOffset *= k
		p.Dash = slices.Clone(p.Dash)
		for j := range p.Dash {
			p.Dash[j] *= k
		}
	}
}

// newRaster splits a drawing into its colour and alpha planes, the colour
// no longer premultiplied, and compresses each at zlib's fastest level
// (the PDF keeps them as they are). Encoding the drawing as a PNG, which
// the PDF then decoded and split, took 30% of a real book's CPU.
func newRaster(img *image.RGBA) *Raster {
	b := img.Bounds()
	rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
	alpha := make([]byte, 0, b.Dx()*b.Dy())
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		for i := 0; i+3 < len(row); i += 4 {
			r, g, bl, a := row[i], row[i+1], row[i+2], row[i+3]
			if a != 255 && a != 0 {
				r, g, bl = uint8(uint(r)*255/uint(a)), uint8(uint(g)*255/uint(a)), uint8(uint(bl)*255/uint(a))
			}
			rgb = append(rgb, r, g, bl)
			alpha = append(alpha, a)
			opaque = opaque && a == 255
		}
	}
	out := &Raster{Width: b.Dx(), Height: b.Dy(), RGB: deflate(rgb)}
	if !opaque {
		out.Alpha = deflate(alpha)
	}
	return out
}

// deflate compresses data with zlib at its fastest level.
func deflate(data []byte) []byte {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed) // a constant level: no error
	zw.Write(data)                                   // a bytes.Buffer: no error
	zw.Close()
	return b.Bytes()
}
