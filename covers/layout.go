package covers

import (
	"image"
	"image/color"
	"math"
	"strings"

	"golang.org/x/image/math/fixed"
)

// The cover's geometry, in pixels.
const (
	coverWidth  = 1600
	coverHeight = 2560
	margin      = 144 // every piece of text stays this far inside the edges

	ruleTop      = 1236 // the short accent bar above the title
	ruleHeight   = 12
	ruleWidth    = 128
	titleTop     = 1316 // top of the title's first line box
	blockGap     = 96   // between the title area, the authors and the footer
	footerBottom = coverHeight - margin
	subtitleGap  = 28 // between the title's last line box and the subtitle's first
)

// safeArea is the part of the cover that text may occupy.
func safeArea() image.Rectangle {
	return image.Rect(margin, margin, coverWidth-margin, coverHeight-margin)
}

// faces holds the typefaces of a cover.
type faces struct {
	title, subtitle, authors, small typeface
}

// placedLine is one line of text at its position on the cover.
type placedLine struct {
	text        string
	x, baseline float64
}

// textBlock is a piece of cover text, broken into lines and placed.
type textBlock struct {
	role  string // title, subtitle, authors, publisher or date
	style styled
	color color.NRGBA
	lines []placedLine
	box   image.Rectangle // union of the line boxes and the inked pixels
}

// coverLayout is where everything goes on a generated cover.
type coverLayout struct {
	blocks     []textBlock
	footerRule int // y of the hairline above publisher and date; 0 for none
}

// layoutCover places the text of info on the cover. It never lets text leave
// the safe area: long text is set smaller, and text that cannot fit even at
// the smallest size is shortened with an ellipsis.
func layoutCover(info Info, fs faces, pal palette) (coverLayout, error) {
	var lay coverLayout
	safe := safeArea()
	width := float64(safe.Dx())

	// Footer: publisher on the left, date on the right, on one baseline.
	date, err := fit(fs.small, strings.ToUpper(fs.small.clean(info.Date)), fitSpec{
		maxSize: 30, minSize: 22, step: 2, leading: 1.4, width: width / 2, height: 50,
	})
	if err != nil {
		return lay, err
	}
	pubWidth := width
	if len(date.lines) > 0 {
		pubWidth = width - fix(date.style.width(date.lines[0])) - 64
	}
	pub, err := fit(fs.small, strings.ToUpper(fs.small.clean(info.Publisher)), fitSpec{
		maxSize: 30, minSize: 22, step: 2, leading: 1.4, width: pubWidth, height: 100,
	})
	if err != nil {
		return lay, err
	}
	bottom := float64(footerBottom)
	if len(pub.lines)+len(date.lines) > 0 {
		lastBaseline := bottom - max(pub.descent, date.descent)
		pubTop := lastBaseline - float64(len(pub.lines)-1)*pub.lineHeight - pub.ascent
		dateTop := lastBaseline - date.ascent
		top := math.Min(pubTop, dateTop)
		lay.footerRule = int(top) - 40
		lay.add("publisher", pub, pal.text, float64(safe.Min.X), pubTop, false)
		lay.add("date", date, pal.text, float64(safe.Max.X), dateTop, true)
		bottom = float64(lay.footerRule) - blockGap + 24
	}

	// Authors stand on the footer, bottom-aligned.
	authors, err := fit(fs.authors, fs.authors.clean(strings.Join(info.Authors, ", ")), fitSpec{
		maxSize: 56, minSize: 30, step: 2, leading: 1.3, width: width, height: 220,
	})
	if err != nil {
		return lay, err
	}
	if len(authors.lines) > 0 {
		top := bottom - authors.height()
		lay.add("authors", authors, pal.text, float64(safe.Min.X), top, false)
		bottom = top - blockGap
	}

	// Title and subtitle share what is left, the subtitle taking at most
	// two fifths of it.
	area := bottom - titleTop
	sub, err := fit(fs.subtitle, fs.subtitle.clean(info.Subtitle), fitSpec{
		maxSize: 68, minSize: 34, step: 2, leading: 1.3, width: width - 24, height: math.Min(330, area*0.4),
	})
	if err != nil {
		return lay, err
	}
	titleHeight := area
	if len(sub.lines) > 0 {
		titleHeight -= sub.height() + subtitleGap
	}
	title, err := fit(fs.title, fs.title.clean(info.Title), fitSpec{
		maxSize: 172, minSize: 40, step: 2, leading: 1.1, width: width, height: titleHeight,
	})
	if err != nil {
		return lay, err
	}
	top := float64(titleTop)
	if len(title.lines) > 0 {
		lay.add("title", title, pal.title, float64(safe.Min.X), top, false)
		top += title.height() + subtitleGap
	}
	lay.add("subtitle", sub, pal.subtitle, float64(safe.Min.X), top, false)
	return lay, nil
}

// add places fitted text with its first line box's top at top, starting at x
// (or ending at x when alignRight).
func (l *coverLayout) add(role string, f fitted, c color.NRGBA, x, top float64, alignRight bool) {
	if len(f.lines) == 0 {
		return
	}
	b := textBlock{role: role, style: f.style, color: c}
	for i, s := range f.lines {
		w := fix(f.style.width(s))
		lx := x
		if alignRight {
			lx = x - w
		}
		base := top + f.ascent + float64(i)*f.lineHeight
		// Pull overhanging glyphs (an italic A, a J) back inside the edge.
		ink := inkBounds(f.style, s, lx, base)
		if alignRight && float64(ink.Max.X) > x {
			lx -= float64(ink.Max.X) - x
		} else if !alignRight && float64(ink.Min.X) < x {
			lx += x - float64(ink.Min.X)
		}
		ink = inkBounds(f.style, s, lx, base)
		b.lines = append(b.lines, placedLine{text: s, x: lx, baseline: base})
		lineBox := image.Rect(int(math.Floor(lx)), int(math.Floor(base-f.ascent)),
			int(math.Ceil(lx+w)), int(math.Ceil(base+f.descent)))
		b.box = b.box.Union(lineBox).Union(ink)
	}
	l.blocks = append(l.blocks, b)
}

// inkBounds is the pixel rectangle the glyphs of a line cover.
func inkBounds(st styled, s string, x, baseline float64) image.Rectangle {
	var r image.Rectangle
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(baseline * 64))}
	prev := rune(-1)
	for _, c := range s {
		if prev >= 0 {
			dot.X += st.face.Kern(prev, c) + st.track
		}
		b, adv, ok := st.face.GlyphBounds(c)
		if ok && b.Max.X > b.Min.X {
			g := image.Rect((dot.X + b.Min.X).Floor(), (dot.Y + b.Min.Y).Floor(),
				(dot.X + b.Max.X).Ceil(), (dot.Y + b.Max.Y).Ceil())
			r = r.Union(g)
		}
		dot.X += adv
		prev = c
	}
	return r
}
