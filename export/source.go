package export

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/galley-pub/galley/export/book"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/fonts"
)

// source is what a build reads: one Markdown file or a book.
type source struct {
	book   bool
	dir    string      // where images and the cover are read from
	name   string      // base name of the artifacts
	output book.Output // a book's output options
}

// IsBook reports whether path names a book: a directory holding book.yaml
// or SUMMARY.md, or such a file itself.
func IsBook(path string) bool {
	_, ok := book.Locate(path)
	return ok
}

// load reads path (a Markdown file or a book) and runs the shared passes.
func (b *Builder) load(path string, fontDirs []string, diags *diag.List) (*doc.Document, source, *fonts.Set, error) {
	var (
		d   *doc.Document
		src source
	)
	if config, ok := book.Locate(path); ok {
		bk, err := book.Load(config, diags)
		if err != nil {
			return nil, src, nil, err
		}
		d = bk.Doc
		src = source{book: true, dir: bk.Dir, name: bk.Name, output: bk.Output}
	} else {
		var err error
		if d, err = readMarkdown(path, diags); err != nil {
			return nil, src, nil, err
		}
		src = source{dir: filepath.Dir(path), name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}
	}
	set, err := b.fontsFor(d, fontDirs)
	if err != nil {
		return nil, src, nil, err
	}
	passes.Run(d, passes.Options{Covers: set.Covers}, diags)
	return d, src, set, nil
}

// fontsFor returns the fonts that draw d: the embedded faces, and for
// characters none of them has, faces found under fontDirs and then the
// system's font directories.
func (b *Builder) fontsFor(d *doc.Document, fontDirs []string) (*fonts.Set, error) {
	var need []rune
	passes.CheckGlyphs(d, func(r rune) bool {
		if !b.fonts.Covers(r) {
			need = append(need, r)
		}
		return true
	}, &diag.List{})
	if len(need) == 0 {
		return b.fonts, nil
	}
	set, _, err := b.fonts.WithFallbacks(append(slices.Clone(fontDirs), fonts.SystemFontDirs()...), need)
	return set, err
}

// apply fills the options the caller left unset (zero) from a book's
// output options, then from the defaults: the command line and the
// environment override book.yaml, which overrides the defaults.
func (s source) apply(opts Options) Options {
	o := s.output
	if len(opts.Formats) == 0 {
		for _, f := range o.Formats {
			switch f := Format(strings.ToLower(strings.TrimSpace(f))); f {
			case PDF, EPUB:
				opts.Formats = append(opts.Formats, f)
			}
		}
	}
	if opts.Paper == "" {
		opts.Paper = strings.ToLower(o.Paper)
	}
	if opts.TOCDepth == 0 {
		opts.TOCDepth = o.TOCDepth
	}
	if opts.SplitLevel == 0 {
		opts.SplitLevel = o.SplitLevel
	}
	if opts.ChapterStart == "" {
		opts.ChapterStart = o.ChapterStart
	}
	if opts.ChapterStart == "" && s.book {
		opts.ChapterStart = "page"
	}
	return opts
}

// rendered is one artifact's bytes with what the manifest says about it.
type rendered struct {
	data     []byte
	pages    int
	chapters int
}

func (r rendered) artifact(f Format, path string) Artifact {
	sum := sha256.Sum256(r.data)
	return Artifact{Format: f, Path: path, Bytes: len(r.data), SHA256: hex.EncodeToString(sum[:]), Pages: r.pages, Chapters: r.chapters}
}

// spineDocuments counts the chapter XHTML files of an EPUB written by
// package epub (chapter-N.xhtml), the reader's chapters.
func spineDocuments(epubData []byte) int {
	zr, err := zip.NewReader(bytes.NewReader(epubData), int64(len(epubData)))
	if err != nil {
		return 0
	}
	n := 0
	for _, f := range zr.File {
		if base := path.Base(f.Name); strings.HasPrefix(base, "chapter-") && strings.HasSuffix(base, ".xhtml") {
			n++
		}
	}
	return n
}
