package layout

import (
	"testing"

	"github.com/galley-pub/galley/fonts"
)

// TestSVGStrokeWidths: a stroke is drawn at its width scaled by the
// transforms above it and by the drawing's own scale, as a browser draws
// it; oksvg stroked every line at its width in the drawing's pixels, a
// quarter of it at svgScale, and a group's scale(2) did not thicken it.
// A non-scaling stroke keeps its width in the image's units.
func TestSVGStrokeWidths(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60">` +
		`<line x1="0" y1="10" x2="100" y2="10" stroke="#ff0000" stroke-width="4"/>` +
		`<g transform="scale(2)"><line x1="0" y1="15" x2="50" y2="15" stroke="#0000ff" stroke-width="4"/></g>` +
		`<g transform="scale(2)"><line x1="0" y1="25" x2="50" y2="25" stroke="#00ff00" stroke-width="4" vector-effect="non-scaling-stroke"/></g></svg>`
	pic := drawnSVG(t, svg)
	for _, c := range []struct {
		x, y   int
		inked  bool
		reason string
	}{
		{50, 11, true, "1.5 units from a 4-unit line's centre"},
		{50, 13, false, "3 units from a 4-unit line's centre"},
		{50, 33, true, "3 units from the centre of a 4-unit line under scale(2)"},
		{50, 25, false, "5 units from the centre of a 4-unit line under scale(2), 8 units wide"},
		{50, 51, true, "1 unit from a non-scaling 4-unit line"},
		{50, 53, false, "3 units from a non-scaling 4-unit line"},
	} {
		if got := pixelAt(t, pic, c.x, c.y)[3] > 0; got != c.inked {
			t.Errorf("pixel (%d,%d), %s: inked %v, want %v", c.x, c.y, c.reason, got, c.inked)
		}
	}
}

// TestSVGDashesScaled: a dash pattern under a transform is scaled with
// it: 10-unit dashes under scale(2) ink 20 units and leave 20.
func TestSVGDashesScaled(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20">` +
		`<g transform="scale(2)"><line x1="0" y1="5" x2="50" y2="5" stroke="#000" stroke-width="2" stroke-dasharray="10 10"/></g></svg>`
	pic := drawnSVG(t, svg)
	for _, c := range []struct {
		x     int
		inked bool
	}{{5, true}, {15, true}, {25, false}, {35, false}, {45, true}, {55, true}, {65, false}} {
		if got := pixelAt(t, pic, c.x, 10)[3] > 0; got != c.inked {
			t.Errorf("pixel (%d,10): inked %v, want %v", c.x, got, c.inked)
		}
	}
}

// TestSVGUniformScale: a shape under scale(k), one factor, is drawn
// scaled by k both ways (oksvg read it as scale(k, 0) and flattened it
// to a line: matplotlib's glyphs, each a path under scale(0.015625), were
// drawn as dashes).
func TestSVGUniformScale(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` +
		`<g transform="translate(10 10) scale(0.5)"><rect width="100" height="100" fill="#ff0000"/></g>` +
		`<g transform="scale(0.25)"><rect x="240" y="240" width="100" height="100" fill="#0000ff"/></g></svg>`
	pic := drawnSVG(t, svg)
	for _, c := range []struct {
		x, y int
		want [4]uint32
	}{{15, 50, [4]uint32{255, 0, 0, 255}}, {55, 55, [4]uint32{255, 0, 0, 255}}, {65, 30, [4]uint32{0, 0, 0, 0}},
		{70, 80, [4]uint32{0, 0, 255, 255}}, {82, 82, [4]uint32{0, 0, 255, 255}}, {90, 90, [4]uint32{0, 0, 0, 0}}} {
		if got := pixelAt(t, pic, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d,%d) is %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

// TestSVGFontShorthand: text styled by the CSS font shorthand, as
// matplotlib writes its labels, is set at that size and in that family.
func TestSVGFontShorthand(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50">` +
		`<text x="10" y="30" style="font: italic bold 18px 'DejaVu Sans', sans-serif">Axis</text>` +
		`<text x="10" y="45" style="font: 12px serif; font-size: 9px">own size wins</text></svg>`
	chunks, _ := svgTextOf([]byte(svg))
	if len(chunks) != 2 || len(chunks[0].runs) != 1 || len(chunks[1].runs) != 1 {
		t.Fatalf("texts %+v, want 2 of a run each", chunks)
	}
	if r := chunks[0].runs[0]; r.size != 18 || r.font.Style != fonts.BoldItalic || r.named != "dejavu sans" {
		t.Errorf("shorthand text: size %v, style %v, family %q; want 18, BoldItalic, dejavu sans", r.size, r.font.Style, r.named)
	}
	if r := chunks[1].runs[0]; r.size != 9 {
		t.Errorf("font-size beside the shorthand: size %v, want 9", r.size)
	}
}
