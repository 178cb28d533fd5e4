package export

import (
	"fmt"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// checkImage refuses images whose header announces more pixels than the
// limits allow: decoding them would allocate width × height × 4 bytes
// however small the file (a decompression bomb). Bytes that are not a
// known raster format pass; the renderers decide what to do with them.
func checkImage(l options.Limits, data []byte) error {
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
func checkTree(l options.Limits, d *doc.Document, diags *diag.List) {
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
