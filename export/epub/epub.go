// Package epub writes a document tree as an EPUB 3 e-book: an OPF package
// document with accessibility metadata, an EPUB 3 navigation document
// (table of contents, landmarks, print page list) and an EPUB 2 NCX, a
// title page, the body split into XHTML chapters with pop-up footnotes and
// the print edition's page-break markers, a further-reading appendix,
// images, optional fonts and a stylesheet, zipped with archive/zip so that
// the same input and modification time always give the same bytes.
package epub

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/internal/parallel"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/theme"
)

// Options configures Render.
type Options struct {
	// Modified is dcterms:modified and the time of every zip entry (from
	// SOURCE_DATE_EPOCH). The zero time means 1980-01-01T00:00:00Z.
	Modified time.Time
	// Settings are the e-book's settings as the options table has them:
	// SplitLevel starts a new XHTML file at each top-level heading of that
	// level or less (0: the default; a negative value keeps the whole body
	// in one file); EmbedFonts packs the Noto faces the text is set in,
	// each a subset holding only the glyphs of the characters the book
	// shows, with @font-face rules, so that the e-book looks the same on
	// every reader; Footnotes puts the notes at the end of the chapter that
	// first cites each (options.NotesPerChapter, the default, also "") or
	// all together in a Notes file after the last chapter (NotesPerBook).
	Settings options.EPUB
	// TOCDepth is the deepest heading level listed in the table of contents.
	// 0 (or less) means the default, 3.
	TOCDepth int
	// Cover is the cover image, or nil for no cover.
	Cover *Image
	// CoverArt, when set with Cover, is what the cover page shows instead
	// of Cover: the same cover drawn sharper (a generated cover's SVG),
	// while Cover stays the package's cover image for the readers that
	// take only a raster one.
	CoverArt *Image
	// Resources is where relative image paths are read from (the source
	// file's directory); nil means no image can be read.
	Resources fs.FS
	// PageBreaks are where the pages of the print edition start, in order;
	// nil means the e-book has no page list.
	PageBreaks []PageBreak
	// PrintSource names the print edition the page numbers come from (the
	// package's dc:source), e.g. "The Title, PDF handout (A4)".
	PrintSource string
	// Cancel, when closed, stops the rendering at its next chapter:
	// Render then returns context.Canceled.
	Cancel <-chan struct{}
	// Compressors, when set, lends the zip's deflate compressors and
	// keeps them for the next e-book (a batch's); nil makes new ones.
	Compressors *Compressors
}

// Image is an image file given whole, such as the cover.
type Image struct {
	Name      string // file name, e.g. "cover.png"
	MediaType string // e.g. "image/png"; sniffed from Data when empty
	Data      []byte
}

// Fixed names inside the container.
const (
	mimetypeName  = "mimetype"
	containerName = "META-INF/container.xml"
	packageName   = "EPUB/package.opf"
	contentDir    = "EPUB/"
	navName       = "nav.xhtml"
	ncxName       = "toc.ncx"
	styleName     = "style.css"
	coverName     = "cover.xhtml"
	titleName     = "title.xhtml"
	appendixName  = "appendix.xhtml"
	notesName     = "notes.xhtml"
	epubMediaType = "application/epub+zip"
)

// Render writes the document as an EPUB 3 file. Problems with the content
// (a missing image, a link to nowhere) are warnings in diags; err is for
// failures to produce a valid file, and for a panic while producing it.
func Render(d *doc.Document, opts Options, diags *diag.List) (_ []byte, err error) {
	defer guard.Error(&err)
	if d == nil {
		return nil, fmt.Errorf("epub: no document")
	}
	if diags == nil {
		diags = new(diag.List)
	}
	b := newBook(d, normalize(opts), diags)
	b.plan()
	if err := b.loadFaces(); err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	files, err := b.files()
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	out, err := writeZip(files, b.opts.Modified, b.opts.Compressors)
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	return out, nil
}

// normalize fills in the defaults of opts.
func normalize(opts Options) Options {
	epoch := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	opts.Modified = opts.Modified.UTC().Truncate(time.Second)
	if opts.Modified.Before(epoch) {
		opts.Modified = epoch // also the zero time: zip dates start in 1980
	}
	defaults := options.Defaults()
	if opts.Settings.SplitLevel == 0 {
		opts.Settings.SplitLevel = defaults.EPUB.SplitLevel
	}
	if opts.TOCDepth <= 0 {
		opts.TOCDepth = defaults.Output.TOCDepth
	}
	if opts.TOCDepth > 6 {
		opts.TOCDepth = 6
	}
	if opts.Settings.Footnotes != options.NotesPerBook {
		opts.Settings.Footnotes = options.NotesPerChapter
	}
	return opts
}

// zipFile is one entry of the container: its data, and once deflated
// (packer) its deflated data (nil: stored as it is), checksum and size.
// A file deflated may have let go of its data.
type zipFile struct {
	name   string
	data   []byte
	packed []byte
	crc    uint32
	size   int
	done   bool // deflated: packed, crc and size are set
}

// files renders every file of the container, in container order: the
// mimetype, the container, the package document, then the content in
// reading order, the navigation, the stylesheet, the fonts and the images.
// The content is written first: the navigation and the package list only
// the page markers it holds, and the fonts keep only the characters the
// files before them show.
//
// The chapters and the appendix's pages, the most of a book's bytes, are
// deflated on the other cores as they are made, and let go of once
// deflated, unless the embedded fonts are to be subset to the characters
// they show.
func (b *book) files() (_ []*zipFile, err error) {
	pk := newPacker(b.opts.Compressors, len(b.faces) == 0)
	defer func() {
		if werr := pk.wait(); err == nil {
			err = werr
		}
	}()
	// The images are deflated first, while the chapters are written: last,
	// they were the build's last work, on one core (the Rust book's four
	// screenshots, 20 ms, a core idle).
	images := make([]*zipFile, len(b.images))
	for i, r := range b.images {
		images[i] = &zipFile{name: contentDir + r.href, data: r.data}
		pk.add(images[i])
	}
	title := b.titlePage()
	// The chapters are written on every core (their warnings kept apart,
	// then given in order), and deflated as they are made.
	chapters := make([]*zipFile, len(b.chapters))
	warned := make([]diag.List, len(b.chapters))
	err = parallel.Each(len(b.chapters), func() (struct{}, error) { return struct{}{}, nil }, func(_ struct{}, i int) error {
		select {
		case <-b.opts.Cancel:
			return context.Canceled
		default:
		}
		c := b.chapters[i]
		chapters[i] = &zipFile{name: contentDir + c.name, data: b.chapterPage(c, &warned[i])}
		pk.add(chapters[i])
		return nil
	})
	for i := range warned {
		b.diags.Merge(&warned[i])
	}
	if err != nil {
		return nil, err
	}
	var notes []byte
	if b.hasEndnotes() {
		notes = b.endnotesPage()
	}
	appendix := make([]*zipFile, len(b.appendixFiles))
	for i, f := range b.appendixFiles {
		appendix[i] = &zipFile{name: contentDir + f.name, data: b.appendixPage(f)}
		pk.add(appendix[i])
	}
	out := []*zipFile{
		{name: mimetypeName, data: []byte(epubMediaType)},
		{name: containerName, data: []byte(containerXML)},
		{name: packageName, data: b.packageDocument()},
	}
	add := func(name string, data []byte) {
		out = append(out, &zipFile{name: contentDir + name, data: data})
	}
	if b.cover != nil {
		add(coverName, b.coverPage())
	}
	add(titleName, title)
	add(navName, b.navDocument())
	out = append(out, chapters...)
	if notes != nil {
		add(notesName, notes)
	}
	out = append(out, appendix...)
	add(ncxName, b.ncxDocument())
	css, err := styleFS.ReadFile(styleName)
	if err != nil {
		return nil, fmt.Errorf("reading the stylesheet: %w", err)
	}
	css = append(css, theme.CSS(len(b.faces) > 0)...)
	if len(b.faces) > 0 {
		css = append(css, b.fontsCSS()...) // one stylesheet per page (EPUBCheck CSS-012)
	}
	add(styleName, css)
	if len(b.faces) > 0 {
		if err := b.subsetFaces(shownRunes(out)); err != nil {
			return nil, err
		}
	}
	for _, f := range b.faces {
		add(f.href, f.data)
	}
	if b.coverArt != nil {
		add(b.coverArt.href, b.coverArt.data)
	}
	if b.cover != nil {
		add(b.cover.href, b.cover.data)
	}
	return append(out, images...), nil
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="` + packageName + `" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`
