package layout

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// glyphs is a drawing in the manner of cairo's (Comprehensive Rust's CXX
// diagram): letters as symbols in defs, each drawn by a use at its place;
// a plain path in defs drawn by a use with a transform of its own.
const glyphs = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="40" viewBox="0 0 100 40">
<defs>
<g>
<symbol overflow="visible" id="glyph0-0"><path style="stroke:none;" d=""/></symbol>
<symbol overflow="visible" id="glyph0-1"><path style="stroke:none;" d="M 0 0 L 10 0 L 10 -10 L 0 -10 Z"/></symbol>
</g>
<path id="bar" d="M 0 0 L 20 0 L 20 4 L 0 4 Z"/>
</defs>
<rect width="100" height="40" fill="#fff"/>
<g style="fill:rgb(0%,0%,0%);fill-opacity:1;">
  <use xlink:href="#glyph0-1" x="5" y="20"/>
  <use xlink:href="#glyph0-1" x="40" y="20"/>
</g>
<use href="#bar" fill="#000" transform="translate(60,0)" y="30"/>
</svg>`

// TestUsesDrawn: each use draws what it names where it says; before
// inlineUses, oksvg drew none of them (it keeps one definition, and no
// symbol).
func TestUsesDrawn(t *testing.T) {
	img, err := drawSVG([]byte(glyphs))
	if err != nil {
		t.Fatal(err)
	}
	if img.Vector == nil {
		t.Fatalf("drawn as %q, want outlines", img.Type)
	}
	got := paintVector(img.Vector)
	scale := float64(got.Bounds().Dx()) / 100
	dark := func(x, y float64) bool {
		i := got.PixOffset(int(x*scale), int(y*scale))
		return got.Pix[i] < 100
	}
	for _, p := range [][2]float64{{10, 15}, {45, 15}, {70, 32}} {
		if !dark(p[0], p[1]) {
			t.Errorf("(%g, %g) is not drawn", p[0], p[1])
		}
	}
	for _, p := range [][2]float64{{25, 15}, {10, 32}, {90, 15}} {
		if dark(p[0], p[1]) {
			t.Errorf("(%g, %g) is drawn, where nothing is", p[0], p[1])
		}
	}
}

// TestInlineUses, in cases: what a use becomes.
func TestInlineUses(t *testing.T) {
	for i, c := range []struct{ in, want string }{
		// No use: the very bytes.
		{`<svg><path d="M0 0"/></svg>`, `<svg><path d="M0 0"/></svg>`},
		// A symbol: its children in a group, moved.
		{`<svg><symbol id="s"><path d="M1 1"/></symbol><use href="#s" x="2" y="3" fill="red"/></svg>`,
			`<svg><symbol id="s"><path d="M1 1"></path></symbol><g fill="red" transform="translate(2,3)"><path d="M1 1"></path></g></svg>`},
		// Another element: a copy without its id, after the use's own transform.
		{`<svg><path id="p" d="M0 0"/><use xlink:href="#p" transform="scale(2)" x="1"/></svg>`,
			`<svg><path id="p" d="M0 0"></path><g transform="scale(2) translate(1,0)"><path d="M0 0"></path></g></svg>`},
		// A use of nothing there stays.
		{`<svg><use href="#none"/></svg>`, `<svg><use href="#none"></use></svg>`},
	} {
		if got := string(inlineUses([]byte(c.in))); got != c.want {
			t.Errorf("case %d:\n got %s\nwant %s", i+1, got, c.want)
		}
	}
}

// TestInlineUsesBounded: a use inside what it names, and uses that
// double at every level, end: the first at maxUseDepth, the second when
// the copies pass maxUseGrowth times the image (it is then drawn as it
// is).
func TestInlineUsesBounded(t *testing.T) {
	self := []byte(`<svg><g id="a"><path d="M0 0"/><use href="#a" x="1"/></g></svg>`)
	if got := inlineUses(self); bytes.Count(got, []byte("<path")) != maxUseDepth+1 {
		t.Errorf("%d paths from a use of itself:\n%s", bytes.Count(got, []byte("<path")), got)
	}
	var b strings.Builder
	b.WriteString(`<svg><g id="l0"><path d="M0 0 L1 1"/></g>`)
	for i := 1; i <= 30; i++ {
		id, prev := strconv.Itoa(i), strconv.Itoa(i-1)
		b.WriteString(`<g id="l` + id + `"><use href="#l` + prev + `"/><use href="#l` + prev + `"/></g>`)
	}
	b.WriteString(`</svg>`)
	in := []byte(b.String())
	if got := inlineUses(in); !bytes.Equal(got, in) {
		t.Errorf("a doubling image grew to %d bytes from %d", len(got), len(in))
	}
}

// FuzzInlineUses: any bytes come back without a panic, as they were or
// inlined within the growth bound, and inlining what has no use to
// inline changes nothing.
func FuzzInlineUses(f *testing.F) {
	for _, s := range []string{glyphs, `<svg><g id="a"><use href="#a"/></g></svg>`, `<svg><use href="#x" x="1e999"/><symbol id="x"/></svg>`,
		`<svg><use xlink:href="#p"/><path id="p"/><use href="#p" transform="rotate(9)"/></svg>`, `<use`, `<svg><use href="#a"></svg>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := inlineUses(data)
		if len(got) > maxUseGrowth*len(data)+64*1024 {
			t.Fatalf("%d bytes from %d", len(got), len(data))
		}
		if !bytes.Contains(data, []byte("<use")) && !bytes.Equal(got, data) {
			t.Fatalf("changed an image with no use")
		}
	})
}
