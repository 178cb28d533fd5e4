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
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/book"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/epub"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/layout/hyphen"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/mdbook"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/export/pdf"
	"github.com/galley-pub/galley/fonts"
)

// MaxInputSize is the largest Markdown file galley reads.
const MaxInputSize = 64 << 20

// Format is an output format.
type Format = options.Format

// The formats.
const (
	PDF  = options.FormatPDF
	EPUB = options.FormatEPUB
)

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
	// Read lists the local files the build read or looked for (sources,
	// book configuration, images, the cover), sorted: a change to any of
	// them changes the artifacts (galley watch).
	Read []string
	// Stdout is the one artifact's bytes when the output directory is
	// options.StdPath ("-o -"): the caller writes them to standard output.
	Stdout []byte
}

// Builder builds documents. It holds what every build of a batch shares
// (the fonts, parsed and read once; the hyphenation patterns, loaded once
// per language) and is safe for concurrent use.
type Builder struct {
	fonts       *fonts.Set
	hyphenation *hyphen.Cache        // each language's patterns, loaded once
	thaiWords   *thai.Cache          // the system's Thai word list, read once
	fallbacks   *fonts.FallbackCache // the system's faces the builds drew with, loaded once
	covers      *covers.Designer     // the generated covers' faces, parsed once
	zips        *epub.Compressors    // the e-books' deflate compressors, kept for the next
	pdfZips     *pdf.Compressors     // the PDFs' zlib compressors, kept for the next
	shaped      *layout.ShapedRuns   // a batch's words shaped in the embedded faces, kept for the next (nil: not kept)
	lexers      *passes.Lexers       // the code's lexers, looked up and prepared once
}

// NewBuilder loads the embedded fonts.
func NewBuilder() (*Builder, error) {
	set, err := fonts.LoadSet()
	if err != nil {
		return nil, err
	}
	return &Builder{fonts: set, hyphenation: &hyphen.Cache{}, thaiWords: &thai.Cache{}, fallbacks: &fonts.FallbackCache{}, covers: &covers.Designer{}, zips: &epub.Compressors{}, pdfZips: &pdf.Compressors{}, lexers: &passes.Lexers{}}, nil
}

// Read parses a Markdown file and runs the shared passes: the tree every
// renderer starts from.
// A directory holding book.yaml or SUMMARY.md, or such a file, is read as
// a book: its chapters assembled into one tree.
func (b *Builder) Read(path string, diags *diag.List) (*doc.Document, error) {
	in, err := b.load(path, options.Defaults(), diags)
	if err == nil {
		in.highlighted()
		passes.Check(in.doc, in.checks, diags)
	}
	return in.doc, err
}

// readMarkdown reads and parses one Markdown file, its quotation marks
// those of the language opts give (the command line's -M lang=…), the
// fenced divs of the classes they omit left out. A Quarto document (.qmd)
// has its shortcodes read first, its includes from its own directory; a
// note of an Obsidian vault is read in Obsidian's Markdown, and a page of
// a Jekyll site with its Liquid (jekyllSiteURL). It returns the files
// read: path, and those its includes brought in.
func readMarkdown(path string, opts options.Options, diags *diag.List) (*doc.Document, []string, error) {
	lang, omit := metadataLang(opts.Output), opts.Output.Omit
	read := []string{path}
	src, err := readInput(path)
	if err != nil {
		return nil, read, err
	}
	var origins []doc.Pos
	if strings.EqualFold(filepath.Ext(path), ".qmd") && bytes.Contains(src, []byte("{{<")) {
		root, err := os.OpenRoot(filepath.Dir(path))
		if err != nil {
			return nil, read, err
		}
		defer root.Close()
		ex := mdbook.ExpandQuarto(root, nil, filepath.Base(path), path, src, nil, diags)
		src, origins = ex.Text, ex.Origins
		read = mergeSorted(ex.Files(), read)
	}
	dir := filepath.Dir(path)
	syntax := markdown.Syntax{Lang: lang, Omit: omit, Obsidian: markdown.ObsidianVault(dir), Liquid: markdown.JekyllSite(dir), Hugo: markdown.HugoSite(dir),
		MkDocs: markdown.MkDocsSite(dir), MDX: strings.EqualFold(filepath.Ext(path), ".mdx") || markdown.DocusaurusSite(dir)}
	if syntax.Liquid {
		syntax.SiteURL = jekyllSiteURL(dir, opts.Resources.SiteRoot)
	}
	return markdown.ParseLines(path, src, origins, syntax, diags), read, nil
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
		return nil, fmt.Errorf("%s: is a directory, and not a book: a book's directory holds %s; give its Markdown files instead", path, book.Configurations)
	}
	if st.Size() > MaxInputSize {
		return nil, fmt.Errorf("%s: file is %d bytes, more than the limit of %d", path, st.Size(), MaxInputSize)
	}
	return readAll(f, path, st.Size())
}

// readAll reads a source (named name in errors) of at most MaxInputSize
// bytes, size of them expected (0: unknown).
func readAll(r io.Reader, name string, size int64) ([]byte, error) {
	if r == nil {
		return nil, fmt.Errorf("%s: nothing to read", name)
	}
	data, err := readUpTo(r, size, MaxInputSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxInputSize {
		return nil, fmt.Errorf("%s: more than the limit of %d bytes", name, MaxInputSize)
	}
	return data, nil
}

// readUpTo reads r to its end, or to one byte past limit (which the
// caller refuses), into a buffer of size, the bytes expected (0:
// unknown): a 13 MB file or a screenshot's megabytes are not copied
// through the buffers of doubling sizes io.ReadAll grows.
func readUpTo(r io.Reader, size, limit int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, min(max(size, 0), limit)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Build reads one Markdown file or book and writes its artifacts to
// opts.Output.Dir as NAME.pdf and NAME.epub. An error in the source
// (reported in the result's diagnostics) writes nothing. opts starts from
// options.Defaults(); a book's book.yaml sets what opts.Given leaves.
func (b *Builder) Build(path string, opts options.Options) (*Result, error) {
	return b.BuildContext(context.Background(), path, opts)
}

// BuildContext is Build that stops when ctx is done: before rendering,
// during it (the layout at its next block, the drawing at its next page,
// the EPUB at its next chapter), after it and before each artifact is
// renamed into place, so that an interrupted build stops within a moment,
// leaves no partial file and the previous artifacts intact.
func (b *Builder) BuildContext(ctx context.Context, path string, opts options.Options) (_ *Result, err error) {
	return b.buildContext(ctx, path, opts, false)
}

// buildContext is BuildContext; with dateByInput, the outputs are dated
// by the modification time of the files read (ModTime), once the images
// are.
func (b *Builder) buildContext(ctx context.Context, path string, opts options.Options, dateByInput bool) (_ *Result, err error) {
	res := &Result{Input: path}
	var diags diag.List
	defer func() { res.Diagnostics = diags.Items() }()
	defer func() {
		if err != nil && errors.As(err, new(*guard.Panic)) {
			if !strings.HasPrefix(err.Error(), path+":") {
				err = fmt.Errorf("%s: %w", path, err)
			}
			err = fmt.Errorf("%w (a bug in galley or a library it uses: please report it)", err)
		}
	}()
	defer guard.Error(&err)
	if err := opts.Validate(); err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	in, err := b.loadContext(ctx, path, opts, &diags)
	res.Read = in.read
	if err != nil {
		return res, err
	}
	defer in.highlighted() // on an error too (it is done once)
	d, opts := in.doc, in.opts
	res.Book, res.Title = in.book, d.Meta.Title
	// The resources are checked while the code's last blocks are
	// highlighted: neither needs the other (the Rust book's highlighting
	// ended on one core for 30 ms, its images took 20).
	resources, err := b.prepare(ctx, d, in.dir, in.root, opts, &diags)
	in.highlighted()
	if err != nil {
		passes.Check(d, in.checks, &diags)
		return res, err
	}
	// The checks that only read the tree run beside the renderers, their
	// warnings after the renderers' (a fixed place: the same order every
	// build).
	checked := startChecks(d, in.checks)
	defer func() {
		if cerr := checked(&diags); cerr != nil && err == nil {
			err = fmt.Errorf("%s: %w", path, cerr)
		}
	}()
	defer func() { res.Read = mergeSorted(res.Read, resources.files()) }()
	defer resources.Close()
	formats := opts.Output.Formats
	// The cover (generated: a large PNG to encode) is drawn while the PDF
	// is laid out; only what shows it waits for it.
	cover := b.startCover(d, resources, formats, opts)
	if dateByInput && opts.Run.Modified.IsZero() { // the renderers date what they write
		opts.Run.Modified = ModTime(path, mergeSorted(in.read, resources.files()))
	}
	// The PDF is written to its file as it is made (a book's is never
	// held whole): a temporary file, renamed into place with the other
	// artifacts once all are written, removed on an error.
	var pdfFile *stagingFile
	if slices.Contains(formats, PDF) && opts.Output.Dir != options.StdPath && !opts.Run.NoWrite {
		if pdfFile, err = openStaging(filepath.Join(opts.Output.Dir, in.name+"."+string(PDF)), path); err != nil {
			return res, err
		}
		defer func() {
			if pdfFile != nil {
				pdfFile.discard()
			}
		}()
	}
	outputs, err := b.render(ctx, d, in.fonts, path, resources, cover, pdfFile, opts, &diags)
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("%s: %w", path, err) // the cover, if still drawn, is dropped
	}
	if cerr := cover.wait(&diags); cerr != nil {
		return res, cerr
	}
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}

	arts := make([]Artifact, len(formats))
	data := make([][][]byte, len(formats))
	written := make([]*stagingFile, len(formats))
	for i, f := range formats {
		if f == PDF && pdfFile != nil {
			arts[i], written[i] = pdfFile.artifact(f, outputs[f].pages), pdfFile
			continue
		}
		arts[i] = outputs[f].artifact(f, filepath.Join(opts.Output.Dir, in.name+"."+string(f)))
		data[i] = outputs[f].parts
	}
	switch {
	case opts.Output.Dir == options.StdPath:
		arts[0].Path, res.Stdout = options.StdPath, bytes.Join(data[0], nil)
	case !opts.Run.NoWrite:
		pdfFile = nil // writeAll's to rename or remove
		if err := writeAll(ctx, arts, data, written, path); err != nil {
			return res, err
		}
	}
	res.Artifacts = arts
	return res, nil
}

// loadContext is load, which cannot stop half-way (a 13 MB file takes
// seconds to parse), run so that a cancelled build returns at once: the
// loading then finishes on its own and is dropped, diagnostics and all.
func (b *Builder) loadContext(ctx context.Context, path string, opts options.Options, diags *diag.List) (input, error) {
	type loaded struct {
		in    input
		err   error
		diags diag.List
	}
	done := make(chan *loaded, 1)
	go func() {
		l := &loaded{}
		defer func() { done <- l }()
		defer guard.Error(&l.err)
		l.in, l.err = b.load(path, opts, &l.diags)
	}()
	select {
	case <-ctx.Done():
		return input{}, fmt.Errorf("%s: %w", path, ctx.Err())
	case l := <-done:
		diags.Merge(&l.diags)
		return l.in, l.err
	}
}

// render runs the renderers the formats ask for, concurrently: the PDF
// (pdf.Render: paper, layout, imposition, drawing) and the EPUB, whose
// print page list comes from the PDF's pages once they are laid out. An
// EPUB-only build lays the pages out for that list alone and does not
// report the layout's warnings (they are about a PDF not made). The PDF
// is written to pdfFile as it is made, when that is set.
func (b *Builder) render(ctx context.Context, d *doc.Document, set *fonts.Set, path string, resources *resolver, cover *pendingCover, pdfFile *stagingFile, opts options.Options, diags *diag.List) (map[Format]rendered, error) {
	po := pdf.Options{Settings: opts.PDF, TOCDepth: opts.Output.TOCDepth, Fonts: set, Hyphenation: b.hyphenation, ThaiWords: b.thaiWords, Resources: resources,
		NamedWidth: b.fallbacks.NamedWidth, Modified: opts.Run.Modified, Cancel: ctx.Done(), Compressors: b.pdfZips, ShapedRuns: b.shaped,
		CheckImage: func(data []byte) error { return checkImage(opts.Limits, data) }}
	if pdfFile != nil {
		po.Out = pdfFile // a nil *stagingFile would be an Out that is not nil
	}
	// The EPUB's print page list is made from the pages as they are laid
	// out, before the PDF draws each (and lets go of its texts). A build
	// with no EPUB makes none. laid is closed once the list is sent, or
	// when the pages are not laid out.
	laid := make(chan printEdition, 1)
	listing := false // po.Laid was called: it closes laid
	if slices.Contains(opts.Output.Formats, EPUB) {
		// The tree's reading order is made while the first pages are laid
		// out; a page that needs it waits for it.
		order := guard.Go(func() (map[doc.Node]int, error) { return readingOrder(d), nil })
		var ed printEdition // a panic making it is raised by the EPUB, whose error it becomes
		lister := newPageLister(d, func() map[doc.Node]int {
			m, err := order()
			guard.Raise(asPanic(err))
			return m
		})
		po.LaidPage = func(p *layout.Page) {
			if ed.panic == nil {
				defer guard.Catch(&ed.panic)
				lister.add(p)
			}
		}
		po.Laid = func(ld *layout.Document) {
			listing = true
			defer close(laid)
			ed.pages, ed.source = lister.breaks, printSource(d, ld.Paper)
			lister.order = nil // the reading order (a 13 MB book's, 14 MB) is let go of
			laid <- ed
		}
	}
	var (
		pdfOut, epubOut   rendered
		pdfErr, epubErr   error
		pdfDiag, epubDiag diag.List
		wg                sync.WaitGroup
	)
	if slices.Contains(opts.Output.Formats, PDF) {
		wg.Go(func() {
			defer func() {
				if !listing {
					close(laid)
				}
			}()
			defer guard.Error(&pdfErr)
			if po.Cover, pdfErr = cover.forPDF(opts); pdfErr != nil {
				return // reported by cover.wait
			}
			var res pdf.Result
			if res, pdfErr = pdf.Render(d, po, &pdfDiag); pdfErr == nil {
				pdfOut = rendered{parts: res.Parts, pages: res.Pages}
			}
		})
	} else {
		wg.Go(func() {
			defer func() {
				if !listing {
					close(laid)
				}
			}()
			defer guard.Error(&pdfErr)
			ld, err := pdf.Layout(d, po, nil) // the pages given to po.LaidPage as made
			if err == nil && po.Laid != nil {
				po.Laid(ld)
			}
			pdfErr = err
		})
	}
	if slices.Contains(opts.Output.Formats, EPUB) {
		wg.Go(func() {
			defer guard.Error(&epubErr)
			edition, ok := <-laid
			img, art, err := cover.forEPUB()
			if !ok || err != nil {
				return // the PDF's or the cover's error is reported
			}
			guard.Raise(edition.panic)
			epubOut, epubErr = b.renderEPUB(ctx, d, edition, resources, img, art, opts, &epubDiag)
		})
	}
	wg.Wait()
	diags.Merge(&pdfDiag)
	diags.Merge(&epubDiag)
	if pdfErr != nil {
		return nil, fmt.Errorf("%s: PDF: %w", path, pdfErr)
	}
	if epubErr != nil {
		return nil, fmt.Errorf("%s: EPUB: %w", path, epubErr)
	}
	return map[Format]rendered{PDF: pdfOut, EPUB: epubOut}, nil
}

// asPanic is err when it is a panic caught (guard.Go's error), else nil.
func asPanic(err error) *guard.Panic {
	p, _ := err.(*guard.Panic)
	return p
}

// printEdition is what the EPUB says of the PDF: where its pages start
// (the print page list) and its name (dc:source).
type printEdition struct {
	pages  []epub.PageBreak
	source string
	panic  *guard.Panic // of making them: a bug the EPUB reports
}

// renderEPUB writes the e-book, its print page list taken from the PDF's
// laid-out pages.
func (b *Builder) renderEPUB(ctx context.Context, d *doc.Document, edition printEdition, resources fs.FS, cover, coverArt *covers.Image, opts options.Options, diags *diag.List) (rendered, error) {
	eo := epub.Options{Settings: opts.EPUB, Modified: opts.Run.Modified, TOCDepth: opts.Output.TOCDepth, Resources: resources,
		PageBreaks: edition.pages, PrintSource: edition.source, Cancel: ctx.Done(), Compressors: b.zips}
	if cover != nil {
		eo.Cover = &epub.Image{Name: cover.Name, MediaType: cover.MediaType, Data: cover.Data}
	}
	if coverArt != nil {
		eo.CoverArt = &epub.Image{Name: coverArt.Name, MediaType: coverArt.MediaType, Data: coverArt.Data}
	}
	out, err := epub.Render(d, eo, diags)
	if err != nil {
		return rendered{}, err
	}
	return rendered{parts: [][]byte{out}, chapters: spineDocuments(out)}, nil
}

// printSource names the print edition in the EPUB (dc:source).
func printSource(d *doc.Document, paper layout.Paper) string {
	title := strings.TrimSpace(d.Meta.Title)
	if title == "" {
		title = "Untitled"
	}
	return title + ", PDF handout (" + strings.ToUpper(paper.Name) + ")"
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
