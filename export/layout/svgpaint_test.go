package layout

import (
	"math"
	"testing"
)

// TestCSSColor: the colours CSS writes, as the text layer and oksvg's
// paints take them.
func TestCSSColor(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  RGB
		alpha float64
		ok    bool
	}{
		{"teal", RGB{0, 128, 128}, 1, true},
		{"RebeccaPurple", RGB{0x66, 0x33, 0x99}, 1, true},
		{"transparent", RGB{}, 0, true},
		{"#f80", RGB{255, 136, 0}, 1, true},
		{"#f808", RGB{255, 136, 0}, 0.533, true},
		{"#ff8800", RGB{255, 136, 0}, 1, true},
		{"#ff880080", RGB{255, 136, 0}, 0.502, true},
		{"rgb(10%, 20%, 30%)", RGB{26, 51, 77}, 1, true},
		{"rgba(232,232,232, 0.8)", RGB{232, 232, 232}, 0.8, true},
		{"rgb(10 20 30 / 50%)", RGB{10, 20, 30}, 0.5, true},
		{"rgb(300, -5, 0)", RGB{255, 0, 0}, 1, true},
		{"hsl(120, 100%, 50%)", RGB{0, 255, 0}, 1, true},
		{"hsla(240deg 100% 25% / 0.3)", RGB{0, 0, 128}, 0.3, true},
		{"hsl(0, 0%, 100%)", RGB{255, 255, 255}, 1, true},
		{"#ggg", RGB{}, 0, false},
		{"#12345", RGB{}, 0, false},
		{"rgb(1, 2)", RGB{}, 0, false},
		{"lab(50% 40 59)", RGB{}, 0, false},
		{"notacolour", RGB{}, 0, false},
		{"rgb(NaN, 0, 0)", RGB{}, 0, false},
	} {
		got, alpha, ok := cssColor(c.in)
		if ok != c.ok || got != c.want || math.Abs(alpha-c.alpha) > 0.001 {
			t.Errorf("cssColor(%q) = %v, %.3f, %v; want %v, %.3f, %v", c.in, got, alpha, ok, c.want, c.alpha, c.ok)
		}
	}
}

// TestPaintsForOksvg: the paints oksvg refuses (the whole image with
// them) are written as colours it reads, their alpha as the paint's
// opacity; the ones it reads are left as they are.
func TestPaintsForOksvg(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<rect fill="rgba(232,232,232, 0.8)"/>`, `<rect fill="#e8e8e8" fill-opacity="0.8"/>`},
		{`<rect style="opacity:0.5;fill:rgba(232,232,232, 0.8);stroke:#0008"/>`, `<rect style="opacity:0.5;fill:#e8e8e8;fill-opacity:0.8;stroke:#000000;stroke-opacity:0.5333"/>`},
		{`<stop offset="0" stop-color="hsla(0,100%,50%,.5)"/>`, `<stop offset="0" stop-color="#ff0000" stop-opacity="0.5"/>`},
		{`<rect fill='transparent' stroke="rebeccapurple"/>`, `<rect fill="none" stroke="#663399"/>`},
		{`<rect fill="inherit" stroke="currentColor"/>`, `<rect stroke="black"/>`},
		{`<rect fill="red" stroke="#abc" style="fill:rgb(1,2,3);stroke:url(#g)"/>`, `<rect fill="red" stroke="#abc" style="fill:rgb(1,2,3);stroke:url(#g)"/>`},
		{`<rect data-fill="rgba(1,2,3,.5)" fill-opacity="0.5"/>`, `<rect data-fill="rgba(1,2,3,.5)" fill-opacity="0.5"/>`},
		{`<style>.a{fill:rgba(0,0,255,.25)}</style>`, `<style>.a{fill:#0000ff;fill-opacity:0.25}</style>`},
	} {
		if got := string(paintsForOksvg([]byte(c.in))); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
	// oksvg reads each of them, drawn in its colour and opacity
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10">` +
		`<rect width="10" height="10" fill="rgba(255,0,0,0.5)"/><rect x="10" width="10" height="10" fill="#00ff0080"/>` +
		`<rect x="20" width="10" height="10" style="fill:rgb(0 0 255 / 100%)"/><rect x="30" width="10" height="10" fill="currentColor"/></svg>`
	img, err := drawSVG([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	pic := drawnImage(t, img)
	for _, c := range []struct {
		x    int
		want [4]uint32
	}{{5, [4]uint32{127, 0, 0, 127}}, {15, [4]uint32{0, 128, 0, 128}}, {25, [4]uint32{0, 0, 255, 255}}, {35, [4]uint32{0, 0, 0, 255}}} {
		if got := pixelAt(t, pic, c.x, 5); got != c.want {
			t.Errorf("pixel at %d is %v, want %v", c.x, got, c.want)
		}
	}
}

// TestMayRewritePaints: the test before an image's paints are rewritten
// lets by each paint oksvgPaint rewrites, in any case, and passes over a
// Graphviz drawing's names and #rrggbb colours.
func TestMayRewritePaints(t *testing.T) {
	for i, c := range []struct {
		in   string
		want bool
	}{
		{`<g fill="none" stroke="black"><path fill="#FFFFFF" stroke="#000"/></g>`, false},
		{`<rect fill="#0008"/>`, true},
		{`<rect fill="#00ff0080"/>`, true},
		{`<rect fill="#ABCDEF"/>`, false},
		{`<rect style="fill:RGBA(1,2,3,.5)"/>`, true},
		{`<rect fill="CurrentColor"/>`, true},
		{`<rect fill="Transparent"/>`, true},
		{`<rect stroke="RebeccaPurple"/>`, true},
		{`<rect fill="inherit"/>`, true},
		{`<stop stop-color="hsl(0,100%,50%)"/>`, true}, // read as it is, but the test cannot tell
		{`<a href="#abcd">`, true},                     // nor this from a colour
		{``, false},
	} {
		if got := mayRewritePaints([]byte(c.in)); got != c.want {
			t.Errorf("%d: mayRewritePaints(%s) = %v, want %v", i, c.in, got, c.want)
		}
	}
}

// FuzzMayRewritePaints: whenever the rewriting changes an image, the
// test before it let the image by, so that no paint oksvg cannot read is
// left as it is.
func FuzzMayRewritePaints(f *testing.F) {
	for _, s := range []string{`<rect fill="rgba(1,2,3,.5)"/>`, `<rect fill="#0008" stroke="red"/>`, `<g style="fill:#abc;stroke:currentColor">`,
		`<rect fill='transparent'/>`, `<stop stop-color="HSLA(0,1%,2%,.3)"/>`, `<path fill="#12345678"/>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, svg string) {
		if !mayRewritePaints([]byte(svg)) && string(rewritePaints([]byte(svg))) != svg {
			t.Errorf("rewritePaints changes %q, which mayRewritePaints passed over", svg)
		}
	})
}
