// Package export is galley's pipeline: it reads a Markdown file into the
// document tree once, runs the shared passes, renders the PDF handout and
// the EPUB e-book from that one tree concurrently, and writes each artifact
// atomically.
package export

import (
	"bytes"
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
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/export/pdf"
	"github.com/galley-pub/galley/export/pdf/layout"
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
	SplitLevel int      // EPUB: new file at headings of this level or higher (default 1)
	Modified   time.Time
}

// Artifact is one file a build wrote.
type Artifact struct {
	Format Format
	Path   string
	Bytes  int
}

// Result is what a build of one input produced.
type Result struct {
	Input       string
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
func (b *Builder) Read(path string, diags *diag.List) (*doc.Document, error) {
	src, err := readInput(path)
	if err != nil {
		return nil, err
	}
	d := markdown.Parse(path, src, diags)
	passes.Run(d, passes.Options{Covers: b.fonts.Covers}, diags)
	return d, nil
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
	res := &Result{Input: path}
	var diags diag.List
	defer func() { res.Diagnostics = diags.Items() }()

	d, err := b.Read(path, &diags)
	if err != nil {
		return res, err
	}
	res.Title = d.Meta.Title
	if err := diags.Err(); err != nil {
		return res, err
	}
	formats := opts.Formats
	if len(formats) == 0 {
		formats = []Format{PDF, EPUB}
	}
	// The cover (generated: a large PNG to encode) is drawn while the PDF
	// is laid out; only the renderers that show it wait for it.
	cover := b.startCover(d, path, formats, opts)

	outputs := make([][]byte, len(formats))
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
			outputs[i], errs[i] = b.render(f, d, path, img, opts, &lists[i])
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

	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	for i, f := range formats {
		out := filepath.Join(opts.OutDir, base+"."+string(f))
		if err := writeAtomic(out, outputs[i], path); err != nil {
			return res, err
		}
		res.Artifacts = append(res.Artifacts, Artifact{Format: f, Path: out, Bytes: len(outputs[i])})
	}
	return res, nil
}

func (b *Builder) render(f Format, d *doc.Document, path string, cover *covers.Image, opts Options, diags *diag.List) ([]byte, error) {
	resources := os.DirFS(filepath.Dir(path))
	switch f {
	case PDF:
		paper, err := PaperFor(opts.Paper, d.Meta.Lang)
		if err != nil {
			return nil, err
		}
		lo := layout.Options{Paper: paper, Fonts: b.fonts, TOCDepth: opts.TOCDepth, Resources: resources}
		if opts.PDFCover && cover != nil {
			lo.Cover = &layout.ImageData{Key: "cover", Type: imageType(cover.MediaType), Data: cover.Data, Width: cover.Width, Height: cover.Height}
		}
		out, err := pdf.Render(d, pdf.Options{Layout: lo, Modified: opts.Modified}, diags)
		if err != nil {
			return nil, fmt.Errorf("%s: PDF: %w", path, err)
		}
		return out, nil
	case EPUB:
		eo := epub.Options{Modified: opts.Modified, SplitLevel: opts.SplitLevel, TOCDepth: opts.TOCDepth, Resources: resources}
		if cover != nil {
			eo.Cover = &epub.Image{Name: cover.Name, MediaType: cover.MediaType, Data: cover.Data}
		}
		out, err := epub.Render(d, eo, diags)
		if err != nil {
			return nil, fmt.Errorf("%s: EPUB: %w", path, err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// cover finds the cover: the --cover file, else the front matter's cover
// (relative to the source), else a generated one.
func (b *Builder) cover(d *doc.Document, path string, opts Options, diags *diag.List) (*covers.Image, error) {
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
		img, err := covers.Load(filepath.Join(filepath.Dir(path), filepath.FromSlash(rel)))
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

// writeAtomic writes data to path through a temporary file in the same
// directory, renamed into place, so that a reader never sees a partial
// artifact and a failed build leaves the previous one intact. It refuses to
// overwrite the input.
func writeAtomic(path string, data []byte, input string) error {
	if same(path, input) {
		return fmt.Errorf("%s: refusing to overwrite the input file", path)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	ok = true
	return nil
}

func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
