package layout

import (
	"math"
	"testing"
)

// TestSVGTextOnPath: a textPath's characters are set one by one along
// its path (a vertical line turns them a quarter, clockwise), from its
// startOffset and anchor; text on a path that is not there, and text
// after a textPath, are left out and counted.
func TestSVGTextOnPath(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 200" width="200" height="200">
<defs><path id="down" d="M 20 20 L 20 180"/><path id="across" d="M 0 0 L 100 0" transform="translate(50 100)"/></defs>
<text font-size="10"><textPath xlink:href="#down">ABC</textPath></text>
<text font-size="10" text-anchor="middle"><textPath href="#across" startOffset="50%">mid</textPath> after</text>
<text><textPath href="#nowhere">Lost</textPath></text>
</svg>`
	chunks, skipped := svgTextOf([]byte(svg))
	if len(chunks) != 2 || skipped != 2 {
		t.Fatalf("%d chunks, %d skipped: %+v; want 2 chunks and 2 skipped (the missing path, the text after a path)", len(chunks), skipped, chunks)
	}
	if p := chunks[1].onPath; p == nil || len(p.points) != 2 || p.points[0] != [2]float64{50, 100} || p.points[1] != [2]float64{150, 100} {
		t.Errorf("the translated path: %+v", chunks[1].onPath)
	}
	img, all, diags := layoutSVGFigure(t, svg, Options{})
	var texts []*Text
	for _, tx := range all {
		if tx.Turn != nil {
			texts = append(texts, tx)
		}
	}
	if img == nil || len(texts) != 6 {
		t.Fatalf("image %v, %d texts on paths, want 6 (A B C m i d)", img, len(texts))
	}
	k := img.W / 200
	// Down the vertical line: each character turned a quarter clockwise,
	// one under the other from the path's start.
	y := img.Y + 20*k
	for i, want := range []string{"A", "B", "C"} {
		tx := texts[i]
		if tx.Text != want || !sameTurn(*tx.Turn, Turn{A: 0, B: 1, C: -1, D: 0}) || math.Abs(tx.X-(img.X+20*k)) > 0.01 || math.Abs(tx.Y-y) > 0.01 {
			t.Errorf("%q at %g,%g turned %v; want %q at %g,%g turned a quarter", tx.Text, tx.X, tx.Y, *tx.Turn, want, img.X+20*k, y)
		}
		y += tx.Width
	}
	// Across the translated line, centred on its middle.
	first, last := texts[3], texts[5]
	if mid := (first.X + last.X + last.Width) / 2; math.Abs(mid-(img.X+100*k)) > 0.01 || math.Abs(first.Y-(img.Y+100*k)) > 0.01 {
		t.Errorf("%q…%q centred at %g on %g, want %g on %g", first.Text, last.Text, mid, first.Y, img.X+100*k, img.Y+100*k)
	}
	if diags.Len() != 1 {
		t.Errorf("diagnostics %v, want the one warning for the text left out", diags.Items())
	}
}

// TestPathFlatten: curves are cut into lines that end where they do; a
// path that cannot be read gives no points.
func TestPathFlatten(t *testing.T) {
	pts := svgPathDef{d: "M0 0 Q 50 100 100 0 C 100 50 200 50 200 0"}.flatten()
	if len(pts) != 33 || pts[16] != [2]float64{100, 0} || pts[32] != [2]float64{200, 0} {
		t.Errorf("%d points, the ends of the curves %v and %v", len(pts), pts[min(16, len(pts)-1)], pts[len(pts)-1])
	}
	if l := pathLength([][2]float64{{0, 0}, {3, 4}, {3, 10}}); l != 11 {
		t.Errorf("length %g, want 11", l)
	}
	if p, dir, ok := pointAt([][2]float64{{0, 0}, {3, 4}, {3, 10}}, 7); !ok || p != [2]float64{3, 6} || dir != [2]float64{0, 1} {
		t.Errorf("at 7: %v %v %v", p, dir, ok)
	}
	for _, bad := range []svgPathDef{{d: ""}, {d: "M0 0 L 10 10", transform: "shear(1)"}} {
		if pts := bad.flatten(); pts != nil {
			t.Errorf("%+v: %v, want none", bad, pts)
		}
	}
}
