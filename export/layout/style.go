package layout

import (
	"math"

	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// hexColor is a colour written as 0xRRGGBB, so that the palette can be
// constants.
type hexColor uint32

// rgb converts the colour.
func (h hexColor) rgb() RGB { return RGB{uint8(h >> 16), uint8(h >> 8), uint8(h)} }

// The colours of the handout.
const (
	black     hexColor = 0x1a1a1a
	grey      hexColor = 0x6b6b6b
	lightGrey hexColor = 0xc8c8c8
	linkBlue  hexColor = 0x1a478a
	codeBg    hexColor = 0xf3f3f1
	quoteRule hexColor = 0xbdbdbd
	tocInk    hexColor = 0x8a8a8a
)

// The type scale: sizes in points.
const (
	bodySize     = 10.5
	leadingRatio = 1.36
	codeSize     = 8.8
	codeLeading  = 11.6
	smallSize    = 8.5 // running head, footer, footnotes
	noteLeading  = 10.8
	captionSize  = 9
	tableSize    = 9.2
	titleSize    = 23
	subtitleSize = 13
	tocSize      = 10
)

// headingSize returns the font size of a heading level.
func headingSize(level int) float64 {
	switch level {
	case 1:
		return 16.5
	case 2:
		return 13.2
	case 3:
		return 11.5
	}
	return bodySize
}

// headingSpace returns the space above and below a heading of level.
func headingSpace(level int) (above, below float64) {
	switch level {
	case 1:
		return 20, 7
	case 2:
		return 15, 5
	}
	return 11, 3.5
}

// themeColor converts a colour of the theme's table.
func themeColor(c theme.Color) RGB {
	r, g, b := c.RGB()
	return RGB{r, g, b}
}

// roleFont is the face the theme's table gives a role.
func roleFont(r theme.Role) FontRef {
	f, s := r.Face()
	return FontRef{Family: f, Style: s}
}

// geometry is where things go on a page.
type geometry struct {
	pageW, pageH float64
	left, right  float64 // x of the text block's edges
	wideL, wideR float64 // x of the wide block's edges: the paper less its margins, for tables too wide for the text block
	fullL, fullR float64 // x of the edges of all the columns together: where the running head and footer go
	columns      int     // columns on a page; left…right is the first
	colStep      float64 // from one column's left edge to the next's
	top, bottom  float64 // y of the text block's edges
	headerY      float64 // baseline of the running head
	footerY      float64 // baseline of the footer
}

// holePunchMargin is the left margin that clears punched holes: 30 mm
// (holes sit 12 mm from the edge and are 6 mm wide).
const holePunchMargin = 30 * 72 / 25.4

// measureEms is the widest the text block gets, in ems of body text:
// about 66 characters of Noto Serif a line, as in a LaTeX article, in the
// 45–75 that read well (the full width of A4 less 64 pt margins held 95).
const measureEms = 31

func newGeometry(p Paper) geometry {
	side := math.Min(64, p.Width*0.11)
	vert := math.Min(72, p.Height*0.085)
	measure := math.Min(p.Width-2*side, measureEms*bodySize)
	left := (p.Width - measure) / 2
	right := left + measure
	wideL := side
	if p.HolePunch {
		wideL = math.Max(side, holePunchMargin)
		left = math.Max(left, holePunchMargin)
	}
	g := geometry{
		pageW: p.Width, pageH: p.Height,
		left: left, right: right,
		wideL: wideL, wideR: p.Width - side,
		fullL: left, fullR: right, columns: 1,
		top: vert, bottom: p.Height - vert,
		headerY: vert - 24, footerY: p.Height - vert + 32,
	}
	if p.Columns > 1 {
		// Columns share the wide block, a gutter of 1.5 em between them; a
		// table stays in its column.
		n := float64(p.Columns)
		col := (g.wideR - g.wideL - (n-1)*columnGutter) / n
		g.columns, g.colStep = p.Columns, col+columnGutter
		g.left, g.right = g.wideL, g.wideL+col
		g.fullL, g.fullR = g.wideL, g.wideR
		g.wideL, g.wideR = g.left, g.right
	}
	return g
}

// turnedGeometry is the geometry of paper p turned to landscape, for a
// table too wide for it upright: one column, the head and foot where they
// are upright. Under --hole-punch the punched edge is the top or the
// bottom, as the page is turned one way or the other, so both clear it.
func turnedGeometry(p Paper) geometry {
	g := newGeometry(Paper{Name: p.Name, Width: p.Height, Height: p.Width})
	if p.HolePunch {
		shift := holePunchMargin - g.top
		if shift > 0 {
			g.top, g.bottom = g.top+shift, g.bottom-shift
			g.headerY, g.footerY = g.headerY+shift, g.footerY-shift
		}
	}
	return g
}

// columnGutter is the space between two columns.
const columnGutter = 1.5 * bodySize

func (g geometry) width() float64 { return g.right - g.left }

// lineMetrics returns the distance from a line box's top to its baseline for
// text of size in a line of the given leading.
func lineMetrics(face *fonts.Face, size, leading float64) float64 {
	asc := face.Ascent * size / 1000
	desc := -face.Descent * size / 1000
	return (leading-(asc+desc))/2 + asc
}

// height is the height of the text block.
func (g geometry) height() float64 { return g.bottom - g.top }
