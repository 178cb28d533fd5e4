// Package export is galley's pipeline: it reads a Markdown file into the
// document tree once, runs the shared passes, renders the PDF handout and
// the EPUB e-book from that one tree concurrently, and writes each artifact
// atomically.
package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/epub"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/pdf"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
)

// MaxInputSize is the largest Markdown file galley reads.
const MaxInputSize = 64 << 20

// Format is an output format.
type Format string

// The formats.
const (
	PDF  Format = "pdf"
	EPUB Format = "epub"
)

// Options configures a build.
type Options struct {
	OutDir     string
	Formats    []Format // default: PDF and EPUB
	Paper      string   // "a4", "letter", "a5"; empty: from the document's lang
	CoverPath  string   // a given cover image; overrides the front matter's cover
	PDFCover   bool     // put the cover (given or generated) on the PDF's first page
	TOCDepth   int      // deepest heading level in the tables of contents (default 3)
	Impose     string   // PDF: "n-up-2" or "booklet" (A5 pages on A4 unless Paper is set); empty: one page a sheet
	HolePunch  bool     // PDF: a wider left margin for hole punching
	FontDirs   []string // PDF: directories searched for fallback fonts before the system's
	Ragged     bool     // PDF: body text ragged right instead of justified
	QR         bool     // PDF: a QR code beside each further-reading entry with a URL
	SplitLevel int      // EPUB: new file at headings of this level or higher (default 1)
	Footnotes  string   // EPUB: "chapter" (default: notes end each chapter) or "book" (a Notes file)
	EmbedFonts bool     // EPUB: pack the fonts the text is set in
	Modified   time.Time

	// ChapterStart is where a PDF chapter (a level-1 heading) starts:
	// "none" (default for a single file), "page" (default for a book) or
	// "right" (a right-hand, odd page).
	ChapterStart string
	// NoWrite renders every artifact and reports its diagnostics but
	// writes nothing (galley check).
	NoWrite bool
	// ResourcePaths are more directories images may be read from, after
	// the input's own; nothing outside them is read (see resolve.go).
	ResourcePaths []string
	SiteRoot      string // absolute image paths ("/img/a.png") resolve here; empty: refused
	AllowRemote   bool   // fetch http(s) images, within Limits
	Limits        Limits // zero fields take the defaults
}

// Artifact is one file a build wrote.
type Artifact struct {
	Format   Format
	Path     string
	Bytes    int
	SHA256   string // hex digest of the bytes
	Pages    int    // PDF: number of pages
	Chapters int    // EPUB: number of XHTML content documents in the spine
}

// Result is what a build of one input produced.
type Result struct {
	Input       string
	Book        bool // the input is a book (book.yaml or SUMMARY.md)
	Title       string
	Artifacts   []Artifact
	Diagnostics []diag.Diagnostic
}

// Builder builds documents. It holds what every build shares (the parsed
// font metrics) and is safe for concurrent use.
type Builder struct {
	fonts *fonts.Set
}

// NewBuilder loads the embedded fonts.
func NewBuilder() (*Builder, error) {
	set, err := fonts.LoadSet()
	if err != nil {
		return nil, err
	}
	return &Builder{fonts: set}, nil
}

// Read parses a Markdown file and runs the shared passes: the tree every
// renderer starts from.
// A directory holding book.yaml or SUMMARY.md, or such a file, is read as
// a book: its chapters assembled into one tree.
func (b *Builder) Read(path string, diags *diag.List) (*doc.Document, error) {
	d, _, _, err := b.load(path, nil, diags)
	return d, err
}

// readMarkdown reads and parses one Markdown file.
func readMarkdown(path string, diags *diag.List) (*doc.Document, error) {
	src, err := readInput(path)
	if err != nil {
		return nil, err
	}
	return markdown.Parse(path, src, diags), nil
}

func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if st.Size() > MaxInputSize {
		return nil, fmt.Errorf("%s: file is %d bytes, more than the limit of %d", path, st.Size(), MaxInputSize)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return buf.Bytes(), nil
}

// Build reads one Markdown file and writes its artifacts to opts.OutDir as
// NAME.pdf and NAME.epub. An error in the source (reported in the result's
// diagnostics) writes nothing.
func (b *Builder) Build(path string, opts Options) (*Result, error) {
	return b.BuildContext(context.Background(), path, opts)
}

// BuildContext is Build that stops when ctx is done: before rendering,
// after it and before each artifact is renamed into place, so that an
// interrupted build leaves no partial file and the previous artifacts
// intact.
func (b *Builder) BuildContext(ctx context.Context, path string, opts Options) (*Result, error) {
	res := &Result{Input: path}
	var diags diag.List
	defer func() { res.Diagnostics = diags.Items() }()

	d, src, set, err := b.load(path, opts.FontDirs, &diags)
	if err != nil {
		return res, err
	}
	res.Book = src.book
	opts = src.apply(opts)
	res.Title = d.Meta.Title
	resources, err := b.prepare(ctx, d, src.dir, opts, &diags)
	if err != nil {
		return res, err
	}
	defer resources.Close()
	formats := opts.Formats
	if len(formats) == 0 {
		formats = []Format{PDF, EPUB}
	}
	// The cover (generated: a large PNG to encode) is drawn while the PDF
	// is laid out; only what shows it waits for it.
	cover := b.startCover(d, path, resources, formats, opts)
	printCover, err := cover.waitFor(PDF, opts) // nil at once without --pdf-cover
	if err != nil {
		_, err = cover.wait(&diags)
		return res, err
	}
	printed, err := b.layoutPrint(d, set, path, resources, printCover, opts, formats, &diags)
	if err != nil {
		cover.wait(&diags)
		return res, err
	}

	outputs := make([]rendered, len(formats))
	errs := make([]error, len(formats))
	lists := make([]diag.List, len(formats))
	var wg sync.WaitGroup
	for i, f := range formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			img, err := cover.waitFor(f, opts)
			if err != nil {
				return // reported by cover.wait below
			}
			outputs[i], errs[i] = b.render(f, d, path, resources, img, printed, opts, &lists[i])
		}()
	}
	wg.Wait()
	if _, err := cover.wait(&diags); err != nil {
		return res, err
	}
	for i := range formats {
		diags.Merge(&lists[i])
	}
	if err := errors.Join(errs...); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}

	arts := make([]Artifact, len(formats))
	data := make([][]byte, len(formats))
	for i, f := range formats {
		arts[i] = outputs[i].artifact(f, filepath.Join(opts.OutDir, src.name+"."+string(f)))
		data[i] = outputs[i].data
	}
	if !opts.NoWrite {
		if err := writeAll(ctx, arts, data, path); err != nil {
			return res, err
		}
	}
	res.Artifacts = arts
	return res, nil
}

// render writes one format. The PDF draws the pages laid out in print; the
// EPUB takes its print page list from them.
func (b *Builder) render(f Format, d *doc.Document, path string, resources fs.FS, cover *covers.Image, printed *printLayout, opts Options, diags *diag.List) (rendered, error) {
	switch f {
	case PDF:
		pages := len(printed.pages.Pages) // printed pages, before any imposition onto sheets
		ld, err := layout.Impose(printed.pages, layout.Imposition(opts.Impose), layout.SheetFor(printed.paper))
		if err != nil {
			return rendered{}, fmt.Errorf("%s: PDF: %w", path, err)
		}
		out, err := pdf.Draw(ld, d.Meta, opts.Modified)
		if err != nil {
			return rendered{}, fmt.Errorf("%s: PDF: %w", path, err)
		}
		return rendered{data: out, pages: pages}, nil
	case EPUB:
		eo := epub.Options{Modified: opts.Modified, SplitLevel: opts.SplitLevel, TOCDepth: opts.TOCDepth, Resources: resources,
			PageBreaks: printPages(d, printed.pages), PrintSource: printSource(d, printed.paper), Footnotes: opts.Footnotes,
			EmbedFonts: opts.EmbedFonts}
		if cover != nil {
			eo.Cover = &epub.Image{Name: cover.Name, MediaType: cover.MediaType, Data: cover.Data}
		}
		out, err := epub.Render(d, eo, diags)
		if err != nil {
			return rendered{}, fmt.Errorf("%s: EPUB: %w", path, err)
		}
		return rendered{data: out, chapters: spineDocuments(out)}, nil
	}
	return rendered{}, fmt.Errorf("unknown format %q", f)
}

// cover finds the cover: the --cover file, else the front matter's cover
// (relative to the source), else a generated one.
func (b *Builder) cover(d *doc.Document, path string, resources *resolver, opts Options, diags *diag.List) (*covers.Image, error) {
	if opts.CoverPath != "" {
		img, err := covers.Load(opts.CoverPath)
		if err != nil {
			return nil, err
		}
		return img, nil
	}
	if c := d.Meta.Cover; c != "" {
		rel := filepath.ToSlash(filepath.Clean(c))
		if !fs.ValidPath(rel) {
			diags.Errorf(d.Meta.Pos, "cover %q is outside the document's directory", c)
			return nil, diags.Err()
		}
		data, err := resources.resolveLocal(rel)
		if err != nil {
			diags.Errorf(d.Meta.Pos, "cover %q: %v", c, err)
			return nil, diags.Err()
		}
		img, err := covers.FromBytes(rel, data)
		if err != nil {
			diags.Errorf(d.Meta.Pos, "cover: %v", err)
			return nil, diags.Err()
		}
		return img, nil
	}
	return covers.Generate(covers.Info{
		Title:     d.Meta.Title,
		Subtitle:  d.Meta.Subtitle,
		Authors:   d.Meta.Authors,
		Publisher: d.Meta.Publisher,
		Date:      d.Meta.Date,
	})
}

func imageType(mediaType string) string {
	switch mediaType {
	case "image/jpeg":
		return "jpg"
	case "image/gif":
		return "gif"
	}
	return "png"
}

// PaperFor returns the paper named by flag, or, when flag is empty, US
// Letter for documents in the languages of countries that use it (en-US,
// en-CA, es-MX, …) and A4 for everything else.
func PaperFor(flag, lang string) (layout.Paper, error) {
	if flag == "" {
		flag = "a4"
		l := strings.ToLower(lang)
		for _, region := range []string{"-us", "-ca", "-mx", "-ph", "-cl", "-co", "-ve"} {
			if strings.HasSuffix(l, region) {
				flag = "letter"
			}
		}
	}
	p, ok := layout.PaperByName(flag)
	if !ok {
		return layout.Paper{}, fmt.Errorf("unknown paper %q (want a4, letter or a5)", flag)
	}
	return p, nil
}
