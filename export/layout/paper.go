package layout

import (
	"io/fs"
	"strings"

	"github.com/galley-pub/galley/fonts"
)

// Paper is a sheet size in points.
type Paper struct {
	Name          string
	Width, Height float64
	HolePunch     bool // a left margin of at least 30 mm, clear of punched holes
}

// A4 is ISO A4, 210 × 297 mm.
func A4() Paper { return Paper{Name: "a4", Width: 595.28, Height: 841.89} }

// Letter is US Letter, 8.5 × 11 in.
func Letter() Paper { return Paper{Name: "letter", Width: 612, Height: 792} }

// A5 is ISO A5, 148 × 210 mm.
func A5() Paper { return Paper{Name: "a5", Width: 419.53, Height: 595.28} }

// PaperByName returns the paper called name ("a4", "letter" or "a5", in any
// case).
func PaperByName(name string) (Paper, bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "a4":
		return A4(), true
	case "letter", "us-letter":
		return Letter(), true
	case "a5":
		return A5(), true
	}
	return Paper{}, false
}

// Options configures Layout.
type Options struct {
	Paper     Paper
	Fonts     *fonts.Set
	TOCDepth  int        // deepest heading level in the printed TOC (default 3)
	Resources fs.FS      // images are read from here, by relative path
	Cover     *ImageData // when set, page 1 is this image, full page, and the handout follows
	// ChapterStart is where a level-1 heading of the main text starts:
	// "" or "none" (where it falls), "page" (a new page) or "right" (a new
	// right-hand page: an odd printed page number, after a blank page if
	// needed). Books use it; handouts keep the default.
	ChapterStart string

	RaggedRight bool // body text flush left and ragged right (not hyphenated), instead of justified
	QR          bool // a QR code beside each further-reading entry with a URL
}

// TextBlock returns the edges of the text block on paper p: body text lies
// between left and right and between top and bottom; the running head and
// the page number sit in the margins above and below.
func (p Paper) TextBlock() (left, top, right, bottom float64) {
	g := newGeometry(p)
	return g.left, g.top, g.right, g.bottom
}
