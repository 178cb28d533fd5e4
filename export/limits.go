package export

import (
	"fmt"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Limits bound what one build reads and holds, so that a hostile document
// gets a clear error instead of exhausting memory or time. A zero field
// takes its default.
type Limits struct {
	MaxImageBytes  int64         // one image file (default 32 MiB)
	MaxImageSide   int           // pixels per side (default 16384)
	MaxImagePixels int64         // width × height, what decoding allocates (default 40 million)
	MaxDepth       int           // nesting of the tree's nodes: lists, quotes, emphasis (default 64)
	MaxFootnotes   int           // footnote definitions (default 50000)
	MaxRemoteBytes int64         // one remote image (default 16 MiB)
	RemoteTimeout  time.Duration // one remote fetch (default 30 s)
}

// defaultLimits are the limits of a build whose Options set none.
func defaultLimits() Limits {
	return Limits{
		MaxImageBytes:  32 << 20,
		MaxImageSide:   16384,
		MaxImagePixels: 40_000_000,
		MaxDepth:       64,
		MaxFootnotes:   50000,
		MaxRemoteBytes: 16 << 20,
		RemoteTimeout:  30 * time.Second,
	}
}

func (l Limits) withDefaults() Limits {
	d := defaultLimits()
	if l.MaxImageBytes > 0 {
		d.MaxImageBytes = l.MaxImageBytes
	}
	if l.MaxImageSide > 0 {
		d.MaxImageSide = l.MaxImageSide
	}
	if l.MaxImagePixels > 0 {
		d.MaxImagePixels = l.MaxImagePixels
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxFootnotes > 0 {
		d.MaxFootnotes = l.MaxFootnotes
	}
	if l.MaxRemoteBytes > 0 {
		d.MaxRemoteBytes = l.MaxRemoteBytes
	}
	if l.RemoteTimeout > 0 {
		d.RemoteTimeout = l.RemoteTimeout
	}
	return d
}

// checkImage refuses images whose header announces more pixels than the
// limits allow: decoding them would allocate width × height × 4 bytes
// however small the file (a decompression bomb). Bytes that are not a
// known raster format pass; the renderers decide what to do with them.
func (l Limits) checkImage(data []byte) error {
	cfg, format, err := imageConfig(data)
	if err != nil {
		return nil
	}
	if cfg.Width > l.MaxImageSide || cfg.Height > l.MaxImageSide || int64(cfg.Width)*int64(cfg.Height) > l.MaxImagePixels {
		return fmt.Errorf("the %s image is %d×%d pixels, more than the limit of %d per side and %d in all",
			format, cfg.Width, cfg.Height, l.MaxImageSide, l.MaxImagePixels)
	}
	return nil
}

// checkTree reports a tree nested deeper than the limit (at its first
// too-deep node: one error, not thousands) and more footnotes than the
// limit. Renderers recurse over the tree, so depth bounds their stacks.
func (l Limits) checkTree(d *doc.Document, diags *diag.List) {
	v := &depthVisitor{max: l.MaxDepth}
	doc.Walk(v, d)
	if v.deepest != nil {
		diags.Errorf(v.deepest.Position(), "the document is nested more than %d levels deep (lists, block quotes, emphasis, links); flatten it", l.MaxDepth)
	}
	if n := len(d.Footnotes); n > l.MaxFootnotes {
		diags.Errorf(d.Footnotes[l.MaxFootnotes].Pos, "the document has %d footnotes, more than the limit of %d", n, l.MaxFootnotes)
	}
}

// depthVisitor finds the first node deeper than max.
type depthVisitor struct {
	depth, max int
	deepest    doc.Node
}

// Visit tracks the depth: Walk calls Visit(nil) after a node's children.
func (v *depthVisitor) Visit(n doc.Node) doc.Visitor {
	if n == nil {
		v.depth--
		return nil
	}
	if v.deepest != nil {
		return nil
	}
	v.depth++
	if v.depth > v.max {
		v.deepest = n
		v.depth--
		return nil
	}
	return v
}
