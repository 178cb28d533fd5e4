package layout

import (
	"image"
	"testing"
)

// pixelAt returns the colour of an SVG image drawn by drawSVG at x, y of
// its view box (drawn at svgScale), as 8-bit channels and alpha.
func pixelAt(t *testing.T, pic image.Image, x, y int) [4]uint32 {
	t.Helper()
	r, g, b, a := pic.At(x*svgScale, y*svgScale).RGBA()
	return [4]uint32{r >> 8, g >> 8, b >> 8, a >> 8}
}

// TestSVGStyleSheets: an image styled by a style sheet, as Illustrator,
// Visio and draw.io write them, is drawn in its sheet's colours, with
// what the sheet or an attribute hides left out (display:none, a hidden
// group whose child is made visible again) and a style attribute
// winning over the sheet; oksvg alone filled every shape black and drew
// the hidden ones.
func TestSVGStyleSheets(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 10" style="fill:none">` +
		`<style><![CDATA[ /* Illustrator */ .st0{fill:#FF0000} .st1 {display:none} rect.blue, #b { fill: #0000ff } @media print { .st0 { fill: #00ff00 } } ]]></style>` +
		`<rect class="st0" x="0" width="10" height="10"/>` +
		`<rect class="st0 st1" x="10" width="10" height="10"/>` +
		`<rect class="blue" x="20" width="10" height="10"/>` +
		`<rect class="st0" x="30" width="10" height="10" style="fill:#00FF00"/>` +
		`<g visibility="hidden"><rect x="40" width="10" height="10" fill="#000"/><rect x="50" width="10" height="10" fill="#000" visibility="visible"/></g></svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	pic := drawnImage(t, img)
	for _, c := range []struct {
		x    int
		want [4]uint32
		what string
	}{
		{5, [4]uint32{255, 0, 0, 255}, "a class's fill"},
		{15, [4]uint32{0, 0, 0, 0}, "display:none from a class"},
		{25, [4]uint32{0, 0, 255, 255}, "a tag and class selector in a list"},
		{35, [4]uint32{0, 255, 0, 255}, "a style attribute over the sheet"},
		{45, [4]uint32{0, 0, 0, 0}, "a shape in a hidden group"},
		{55, [4]uint32{0, 0, 0, 255}, "a shape made visible in a hidden group"},
	} {
		if got := pixelAt(t, pic, c.x, 5); got != c.want {
			t.Errorf("%s: pixel %v, want %v", c.what, got, c.want)
		}
	}
}

// TestSVGStyleSheetCombinators: selectors with descendant and child
// combinators, as Mermaid writes its diagrams' sheets ("#mermaid-1 .node
// rect"), style the elements they select and no others, their
// specificity summed; rules with selectors that cannot apply in print
// (:hover) or that are not read (siblings, attributes) are passed over.
// They were passed over too, and Mermaid's boxes and arrowheads came out
// black.
func TestSVGStyleSheetCombinators(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" id="mermaid-1" viewBox="0 0 70 10">` +
		`<style>#mermaid-1 .node rect{fill:#ff0000} #mermaid-1 .node>rect.big{fill:#0000ff} .cluster > rect{fill:#00ff00}` +
		` g rect:hover{fill:#ffffff} rect + rect{fill:#ffffff} rect[x]{fill:#ffffff} #mermaid-1 .marker{fill:#00ff00;stroke:none}</style>` +
		`<defs><marker id="m" class="marker" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10"><rect width="10" height="10"/></marker></defs>` +
		`<g class="node"><rect x="0" width="10" height="10"/><g><rect x="10" width="10" height="10"/></g><rect class="big" x="20" width="10" height="10"/></g>` +
		`<g class="node"><g><rect class="big" x="30" width="10" height="10"/></g></g>` +
		`<g class="cluster"><g><rect x="40" width="10" height="10"/></g></g>` +
		`<rect x="50" width="10" height="10"/>` +
		`<path d="M55 0 L60 0" marker-end="url(#m)" stroke="#000"/></svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	pic := drawnImage(t, img)
	red, blue, green, black := [4]uint32{255, 0, 0, 255}, [4]uint32{0, 0, 255, 255}, [4]uint32{0, 255, 0, 255}, [4]uint32{0, 0, 0, 255}
	for _, c := range []struct {
		x    int
		want [4]uint32
		what string
	}{
		{5, red, "a descendant of the root's id and a class"},
		{15, red, "a descendant two groups down"},
		{25, blue, "a child with a class, more specific"},
		{35, red, "not a child: the descendant rule only"},
		{45, black, "not a child of the cluster"},
		{55, black, "outside every group"},
		{65, green, "a marker styled by its class"},
	} {
		if got := pixelAt(t, pic, c.x, 5); got != c.want {
			t.Errorf("%s: pixel %v, want %v", c.what, got, c.want)
		}
	}
}

// TestSVGGradientReferences: a gradient that takes its stops from
// another (Inkscape's href), its stops' colours in a style (Visio's), and
// used by a shape before it is defined, fills the shape with its
// colours; oksvg alone filled it black.
func TestSVGGradientReferences(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` +
		`<rect width="10" height="10" style="fill:url(#moved)"/>` +
		`<defs><linearGradient id="colours"><stop offset="0" style="stop-color:#00ff00;stop-opacity:1"/><stop offset="1" style="stop-color:#00ff00"/></linearGradient>` +
		`<linearGradient id="moved" xlink:href="#colours" x1="0" x2="1"/></defs></svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	if got := pixelAt(t, drawnImage(t, img), 5, 5); got != [4]uint32{0, 255, 0, 255} {
		t.Errorf("pixel %v, want the gradient's green", got)
	}
}

// TestSVGStyledText: the text of an image whose root is unfilled
// (Visio's style="fill:none") and whose texts take their fill and size
// from the sheet is set, in the sheet's colour and size; a text the sheet
// hides, or in a hidden group, is not, unless made visible again. Before,
// the root's fill:none hid every text of the image.
func TestSVGStyledText(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" style="fill:none">` +
		`<style>.st3{fill:#ff0000;font-size:20px} .gone{display:none}</style>` +
		`<text x="1" y="20" class="st3">Start</text><text x="1" y="40" class="st3 gone">Hidden</text>` +
		`<g visibility="hidden"><text x="1" y="60" fill="#000">Unseen</text><text x="1" y="80" fill="#000" visibility="visible">Seen</text></g></svg>`
	chunks, _ := svgTextOf(inheritStops(cascadeStyles([]byte(svg))))
	var got []string
	for _, c := range chunks {
		for _, r := range c.runs {
			got = append(got, r.text)
		}
	}
	if len(got) != 2 || got[0] != "Start" || got[1] != "Seen" {
		t.Fatalf("texts %q, want Start and Seen", got)
	}
	if r := chunks[0].runs[0]; r.color != (RGB{R: 255}) || r.size != 20 {
		t.Errorf("Start in %v at %gpx, want red at 20px", r.color, r.size)
	}
}

// TestSVGViewBoxOrigin: a view box that does not start at 0 (Mermaid's
// sequence diagrams start at -50) is drawn from its origin, scaled with
// the drawing: oksvg moved it unscaled, and the shapes came out off the
// text set over them.
func TestSVGViewBoxOrigin(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-50 -10 100 20"><rect x="-50" y="-10" width="10" height="20" fill="#ff0000"/>` +
		`<rect x="40" y="-10" width="10" height="20" fill="#0000ff"/></svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	pic := drawnImage(t, img)
	for _, c := range []struct {
		x, y int
		want [4]uint32
	}{{2, 10, [4]uint32{255, 0, 0, 255}}, {12, 10, [4]uint32{0, 0, 0, 0}}, {97, 10, [4]uint32{0, 0, 255, 255}}, {88, 10, [4]uint32{0, 0, 0, 0}}} {
		if got := pixelAt(t, pic, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d,%d) of the image is %v, want %v", c.x, c.y, got, c.want)
		}
	}
	if img.svg.viewBox != [4]float64{-50, -10, 100, 20} {
		t.Errorf("view box %v", img.svg.viewBox)
	}
}
