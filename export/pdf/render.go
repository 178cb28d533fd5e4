package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/layout/hyphen"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/fonts"
)

// Options configures Render: the PDF's settings as the options table has
// them, and what the build found for them.
type Options struct {
	Settings options.PDF
	TOCDepth int
	Fonts    *fonts.Set // the faces to set the text in, fallbacks included
	// Hyphenation supplies the hyphenation patterns, shared by a batch's
	// builds; nil loads them for this document.
	Hyphenation *hyphen.Cache
	// ThaiWords supplies the system's Thai word list, shared by a batch's
	// documents like Hyphenation; nil looks for it for this document.
	ThaiWords *thai.Cache
	Resources fs.FS // images are read from here, by relative path
	// NamedWidth measures text in a family an SVG image names
	// (layout.Options.NamedWidth); nil sets the image's labels unfitted.
	NamedWidth func(family string, bold bool, text string) (float64, bool)
	Cover      *layout.ImageData
	// CheckImage refuses a picture inside an SVG image that the build's
	// limits refuse (layout.Options.CheckImage); nil refuses none.
	CheckImage func(data []byte) error
	Modified   time.Time // creation and modification dates; zero → 1980-01-01
	// LaidPage, when set, is called with each page, in order, as soon as
	// it is laid out, before it is drawn (the EPUB takes its print page
	// list from them): on the layout's goroutine, while the layout goes
	// on. What it needs of the page's items it takes before it returns:
	// Render lets go of each page's items once the page is drawn, as a
	// book's texts are the most of its memory.
	LaidPage func(*layout.Page)
	// Laid, when set, is called once the pages are laid out (their items
	// may be gone: LaidPage had them).
	Laid func(*layout.Document)
	// Cancel, when closed, stops the layout at its next block and the
	// drawing at its next page: Render then returns context.Canceled.
	Cancel <-chan struct{}
	// Compressors, when set, lends the zlib compressors and keeps them
	// for the next PDF (a batch's); nil makes new ones.
	Compressors *Compressors
	// ShapedRuns, when set, lends the layout the words a batch's earlier
	// documents shaped (layout.Options.ShapedRuns).
	ShapedRuns *layout.ShapedRuns
	// StreamText, when set, is the least text, in bytes, of a document
	// whose pages are drawn as they are laid out (layout.Options.StreamText;
	// 0: 4 MiB).
	StreamText int
	// Out, when set, takes the file as it is written, a chunk at a time,
	// and Result has no Parts: a book's file is never held whole. On an
	// error, what Out took is no PDF.
	Out io.Writer
}

// Result is a rendered PDF.
type Result struct {
	// Parts are the file's bytes, in order, as the writer made them: a
	// long book's file is never copied into one slice (Bytes does). None
	// when Options.Out took them.
	Parts [][]byte
	Pages int // printed pages, before imposition onto sheets
}

// Bytes returns the file whole.
func (r Result) Bytes() []byte { return bytes.Join(r.Parts, nil) }

// Render does everything the PDF needs: it picks the paper, lays the
// document out, imposes the pages and draws them.
func Render(d *doc.Document, opts Options, diags *diag.List) (_ Result, err error) {
	defer guard.Error(&err)
	prepared := newPreparedImages(opts.Cancel, opts.Compressors)
	defer prepared.stop()
	how := drawing{modified: opts.Modified, cancel: opts.Cancel, tagged: true, release: true, prepared: prepared, keep: opts.Compressors, out: opts.Out}
	if opts.Settings.Imposition() != layout.OnePerSheet {
		return renderImposed(d, opts, diags, how)
	}
	// The pages are drawn as the layout makes them (layout.PageSink): a
	// long book's are never all held.
	dr, err := newDrawer(d, opts.Fonts, nil, how)
	if err != nil {
		return Result{}, err
	}
	ld, err := layOut(d, opts, diags, prepared, laidPages{dr, opts.LaidPage})
	if err != nil {
		dr.stop()
		return Result{}, err
	}
	if opts.Laid != nil {
		opts.Laid(ld)
	}
	out, err := dr.finish(ld.Bookmarks, ld.Images)
	if err != nil {
		return Result{}, err
	}
	return Result{Parts: out, Pages: len(ld.Pages)}, nil
}

// laidPages gives each page laid out to laid, when set, then to the
// drawer.
type laidPages struct {
	*drawer
	laid func(*layout.Page)
}

// Add gives p to laid, then draws it.
func (l laidPages) Add(p *layout.Page) error {
	if l.laid != nil {
		l.laid(p)
	}
	return l.drawer.Add(p)
}

// renderImposed is Render for pages imposed on sheets: laid out whole,
// then placed on the sheets, which are drawn.
func renderImposed(d *doc.Document, opts Options, diags *diag.List, how drawing) (Result, error) {
	ld, err := layOut(d, opts, diags, how.prepared, nil)
	if err != nil {
		return Result{}, err
	}
	if opts.LaidPage != nil {
		for _, p := range ld.Pages {
			opts.LaidPage(p)
		}
	}
	if opts.Laid != nil {
		opts.Laid(ld)
	}
	if diags != nil {
		diags.Notef(d.Meta.Pos, "%s: the imposed PDF is not tagged (its sheets hold pages out of reading order); build without it for an accessible PDF", opts.Settings.Imposition())
	}
	sheets, err := layout.Impose(ld, opts.Settings.Imposition(), layout.SheetFor(ld.Paper))
	if err != nil {
		return Result{}, fmt.Errorf("pdf: %w", err)
	}
	out, err := drawUntil(sheets, d, how)
	if err != nil {
		return Result{}, err
	}
	return Result{Parts: out, Pages: len(ld.Pages)}, nil
}

// Layout lays the document out on the paper the settings and the
// document's language ask for, without drawing: Render's first step, and
// what an EPUB-only build needs for its print page list. When
// opts.LaidPage is set, it is given each page as it is made, as Render
// gives them, and the page's items are let go of after: the pages
// returned are empty. An EPUB-only build of the 13 MB bench book, which
// held them all, peaked at 581 MB resident.
func Layout(d *doc.Document, opts Options, diags *diag.List) (*layout.Document, error) {
	var sink layout.PageSink
	if opts.LaidPage != nil {
		sink = listedPages(opts.LaidPage)
	}
	return layOut(d, opts, diags, nil, sink)
}

// listedPages gives each page laid out to a function, then lets go of
// its items (layout.PageSink).
type listedPages func(*layout.Page)

// Add gives p to l and empties it.
func (l listedPages) Add(p *layout.Page) error {
	l(p)
	p.Items = nil
	return nil
}

// Drain has nothing to wait for.
func (l listedPages) Drain() error { return nil }

// layOut is Layout, giving prepared (when set) each image file the
// layout reads (layout.Options.ImageRead) to prepare on the cores the
// layout leaves (layout.Options.Busy), and the pages, as they are made,
// to pages when set (layout.Options.Pages).
func layOut(d *doc.Document, opts Options, diags *diag.List, prepared *preparedImages, pages layout.PageSink) (*layout.Document, error) {
	if d == nil {
		return nil, errors.New("pdf: no document")
	}
	paper, err := layout.PaperFor(opts.Settings, d.Meta.Lang)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	lo := layout.Options{Paper: paper, Fonts: opts.Fonts, Hyphenation: opts.Hyphenation, ThaiWords: opts.ThaiWords, TOCDepth: opts.TOCDepth, Resources: opts.Resources, Cover: opts.Cover,
		ChapterStart: opts.Settings.ChapterStart, RaggedRight: opts.Settings.RaggedRight, QR: opts.Settings.QR, Cancel: opts.Cancel,
		NamedWidth: opts.NamedWidth, CheckImage: opts.CheckImage, ShapedRuns: opts.ShapedRuns, Pages: pages, StreamText: opts.StreamText}
	if prepared != nil {
		lo.ImageRead, lo.Busy = prepared.start, prepared.layoutBusy
	}
	ld, err := layout.Layout(d, lo, diags)
	if err != nil {
		return nil, fmt.Errorf("pdf: layout: %w", err)
	}
	return ld, nil
}
