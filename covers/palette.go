package covers

import (
	"hash/fnv"
	"image/color"
	"strings"

	"github.com/galley-pub/galley/internal/splitmix"
)

// palette is the colour scheme of one generated cover.
type palette struct {
	name        string
	top, bottom color.NRGBA // background gradient, top to bottom
	accent      color.NRGBA // the dominant shape and the rule above the title
	second      color.NRGBA // a cooler or softer shape colour
	third       color.NRGBA // a small contrasting shape
	title       color.NRGBA
	subtitle    color.NRGBA
	text        color.NRGBA // authors, publisher and date
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xff} }

// palettes returns the curated colour schemes: deep grounds that carry white
// type, each with one warm accent and two supporting tints.
func palettes() []palette {
	return []palette{
		{
			name: "midnight",
			top:  rgb(0x1b, 0x33, 0x5e), bottom: rgb(0x0b, 0x17, 0x33),
			accent: rgb(0xf2, 0xa9, 0x3b), second: rgb(0x45, 0x7b, 0x9d), third: rgb(0xa8, 0xda, 0xdc),
			title: rgb(0xfb, 0xf8, 0xf1), subtitle: rgb(0xc4, 0xe3, 0xe4), text: rgb(0xdc, 0xe4, 0xee),
		},
		{
			name: "evergreen",
			top:  rgb(0x1f, 0x4e, 0x47), bottom: rgb(0x0c, 0x26, 0x23),
			accent: rgb(0xe9, 0xc4, 0x6a), second: rgb(0x2a, 0x9d, 0x8f), third: rgb(0xf4, 0xa2, 0x61),
			title: rgb(0xfb, 0xf8, 0xf1), subtitle: rgb(0xf0, 0xde, 0xb4), text: rgb(0xdb, 0xe8, 0xe3),
		},
		{
			name: "claret",
			top:  rgb(0x6b, 0x1e, 0x33), bottom: rgb(0x36, 0x0b, 0x1a),
			accent: rgb(0xf7, 0xb2, 0x67), second: rgb(0xc4, 0x45, 0x69), third: rgb(0xf4, 0xe1, 0xc1),
			title: rgb(0xfd, 0xf6, 0xee), subtitle: rgb(0xf7, 0xc5, 0x9f), text: rgb(0xf0, 0xdc, 0xd8),
		},
		{
			name: "aubergine",
			top:  rgb(0x3d, 0x24, 0x56), bottom: rgb(0x1c, 0x0f, 0x2d),
			accent: rgb(0x7e, 0xd6, 0xc1), second: rgb(0x9b, 0x6b, 0xd3), third: rgb(0xf2, 0x84, 0x82),
			title: rgb(0xfb, 0xf8, 0xff), subtitle: rgb(0xcd, 0xb8, 0xf0), text: rgb(0xe2, 0xda, 0xef),
		},
		{
			name: "slate",
			top:  rgb(0x33, 0x42, 0x4d), bottom: rgb(0x14, 0x1b, 0x21),
			accent: rgb(0xff, 0x7f, 0x50), second: rgb(0x5c, 0x7a, 0x89), third: rgb(0xf2, 0xd0, 0xa4),
			title: rgb(0xfa, 0xf8, 0xf5), subtitle: rgb(0xf2, 0xd0, 0xa4), text: rgb(0xd9, 0xe0, 0xe4),
		},
		{
			name: "rust",
			top:  rgb(0x80, 0x36, 0x16), bottom: rgb(0x42, 0x17, 0x09),
			accent: rgb(0xf6, 0xd1, 0x86), second: rgb(0xd0, 0x62, 0x45), third: rgb(0x8f, 0xb8, 0xa8),
			title: rgb(0xff, 0xf8, 0xec), subtitle: rgb(0xf6, 0xd1, 0x86), text: rgb(0xf3, 0xe1, 0xd3),
		},
	}
}

// seedFor hashes the title, ignoring case and surrounding space, so that a
// title always gets the same scheme and shapes.
func seedFor(title string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(strings.Join(strings.Fields(title), " "))))
	mixer := rng{splitmix.Source{State: h.Sum64()}} // spread FNV's bits so that every palette is used
	return mixer.Next()
}

// paletteFor picks the colour scheme for a title.
func paletteFor(title string) palette {
	p := palettes()
	return p[seedFor(title)%uint64(len(p))]
}

// withAlpha returns c with its alpha scaled to a (0–1).
func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(a*255 + 0.5)
	return c
}

// rng is a splitmix.Source with the draws this package needs.
type rng struct{ splitmix.Source }

// between returns a value in [lo, hi).
func (r *rng) between(lo, hi float64) float64 {
	return lo + (hi-lo)*float64(r.Next()>>11)/float64(1<<53)
}
