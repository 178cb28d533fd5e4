package layout

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/galley-pub/galley/export/layout/hyphen"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/fonts"
)

// Paper is a sheet size in points.
type Paper struct {
	Name          string
	Width, Height float64
	HolePunch     bool // a left margin of at least 30 mm, clear of punched holes
	Columns       int  // columns of text on a page; 0 or 1: one
}

// A4 is ISO A4, 210 × 297 mm.
func A4() Paper { return Paper{Name: "a4", Width: 595.28, Height: 841.89} }

// Letter is US Letter, 8.5 × 11 in.
func Letter() Paper { return Paper{Name: "letter", Width: 612, Height: 792} }

// A5 is ISO A5, 148 × 210 mm.
func A5() Paper { return Paper{Name: "a5", Width: 419.53, Height: 595.28} }

// PaperFor returns the paper the settings ask for. PaperAuto is A5 for a
// booklet (two A5 pages make an A4 sheet), else US Letter for documents in
// the languages of countries that use it (en-US, en-CA, es-MX, …) and A4
// for everything else.
func PaperFor(s options.PDF, lang string) (Paper, error) {
	name := s.Paper
	if name == options.PaperAuto && s.Imposition() == options.Booklet {
		name = options.PaperA5
	}
	if name == options.PaperAuto {
		name = options.PaperA4
		l := strings.ToLower(lang)
		for _, region := range []string{"-us", "-ca", "-mx", "-ph", "-cl", "-co", "-ve"} {
			if strings.HasSuffix(l, region) {
				name = options.PaperLetter
			}
		}
	}
	var p Paper
	switch name {
	case options.PaperA4:
		p = A4()
	case options.PaperLetter:
		p = Letter()
	case options.PaperA5:
		p = A5()
	default:
		return Paper{}, fmt.Errorf("unknown paper %q (want a4, letter or a5)", name)
	}
	p.HolePunch = s.HolePunch
	p.Columns = s.Columns
	return p, nil
}

// Options configures Layout.
type Options struct {
	Paper     Paper
	Fonts     *fonts.Set
	TOCDepth  int        // deepest heading level in the printed TOC (default 3)
	Resources fs.FS      // images are read from here, by relative path
	Cover     *ImageData // when set, page 1 is this image, full page, and the handout follows
	// ChapterStart is where a level-1 heading of the main text starts:
	// where it falls (none, also ""), on a new page, or on a new right-hand
	// page (an odd printed page number, after a blank page if needed).
	ChapterStart options.ChapterStart

	// Hyphenation, when set, supplies the hyphenation patterns (loaded
	// once for a batch); nil loads them for this layout.
	Hyphenation *hyphen.Cache
	// ThaiWords, when set, supplies the system's Thai word list (loaded
	// once for a batch); nil looks for it for this layout, when the
	// document has Thai.
	ThaiWords *thai.Cache
	// ShapedRuns, when set, lends the runs earlier documents of a batch
	// shaped in the embedded faces and keeps this one's; nil shapes
	// every word anew.
	ShapedRuns *ShapedRuns

	RaggedRight bool // body text flush left and ragged right (not hyphenated), instead of justified
	QR          bool // a QR code beside each further-reading entry with a URL

	// NamedWidth, when set, measures text in ems in a family an SVG image
	// names (fonts.FallbackCache.NamedWidth): the image's labels are
	// fitted to the widths it was drawn for.
	NamedWidth func(family string, bold bool, text string) (float64, bool)

	// ImageRead, when set, is told of each image file (PNG, JPEG, GIF)
	// the layout reads, once it is read and sized, and of each SVG image
	// (or layer of one) it draws, as outlines or pixels, before the layout
	// is done: a renderer can prepare it meanwhile. A figure's image is
	// read ahead of the text before it. It is called from the layout's
	// goroutines, any number at once; the image's Type, Data, Vector and
	// Raster do not change after it (its Key does: the layout numbers its
	// images as it meets them).
	ImageRead func(*ImageData)

	// Busy, when set, is told how many goroutines the layout keeps at
	// work each time that changes: 1 once it begins, more while the parts
	// of a long document are set at once, fewer as they end, and 0 when
	// Layout returns. A renderer with work that can wait for the cores
	// the layout leaves (the PDF's images) does it on those: the layout's
	// last part and its pagination run alone on one core, and the others
	// would wait idle.
	Busy func(goroutines int)

	// CheckImage, when set, refuses an image file the build's limits
	// refuse (more pixels than decoding may allocate). The layout asks it
	// of the pictures inside SVG images, which the build did not read as
	// files; one refused is left out, with a warning.
	CheckImage func(data []byte) error

	// Cancel, when closed, stops the layout at its next block: Layout
	// then returns context.Canceled.
	Cancel <-chan struct{}

	// Pages, when set, takes each page as soon as it is final, in order,
	// while a long document's later parts are still being set (PageSink):
	// the pages are then never all held at once. Layout still returns
	// them, as Pages left them, with their pending slots filled. A short
	// document's pages are all given at the end.
	Pages PageSink
	// StreamText is the least text, in bytes, of a document whose pages
	// Pages takes as they are made: such a document is cut into parts of
	// an eighth of it each, a few set at a time. 0 means 4 MiB, parts of
	// 512 KiB (streamText). A shorter document is laid out whole and its
	// pages given at the end, which costs less than the parts do.
	StreamText int

	// parts and partText, when set, replace the number of cores and
	// minPartText in cutting a document into parts (chapters), and
	// entryChunk replaces entryChunk in setting the further reading
	// ahead: for tests.
	parts, partText, entryChunk int
}

// WideBlock returns the left and right edges of the wide block on paper p:
// the paper less its margins, where a table too wide for the text block
// goes.
func (p Paper) WideBlock() (left, right float64) {
	g := newGeometry(p)
	return g.wideL, g.wideR
}

// TextBlock returns the edges of the text block on paper p: body text lies
// between left and right and between top and bottom; the running head and
// the page number sit in the margins above and below.
func (p Paper) TextBlock() (left, top, right, bottom float64) {
	g := newGeometry(p)
	return g.left, g.top, g.right, g.bottom
}
