package export

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/galley-pub/galley/export/book"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

// input is what a build reads: one Markdown file or a book, parsed, with
// the shared passes run and its options settled.
type input struct {
	doc   *doc.Document
	book  bool
	dir   string          // where images and the cover are read from
	root  string          // a book's directory, which dir (its chapters') is in; else dir
	name  string          // base name of the artifacts
	opts  options.Options // the build's options, a book's book.yaml applied
	fonts *fonts.Set      // the faces that draw it, fallbacks included
	read  []string        // the source files read, sorted
	// checks are the options of the passes that only read the tree
	// (passes.Check), which load leaves for the build to run.
	checks passes.Options
	// highlighted waits for the code's highlighting, which load leaves
	// running, and gives the code blocks their tokens (passes.StartHighlight's
	// finish): the build checks the resources first, which read no token.
	highlighted func()
}

// IsBook reports whether path names a book: a directory holding book.yaml
// or SUMMARY.md, or such a file itself.
func IsBook(path string) bool {
	_, ok := book.Locate(path)
	return ok
}

// load reads path (a Markdown file or a book) and runs the shared passes.
func (b *Builder) load(path string, opts options.Options, diags *diag.List) (input, error) {
	in := input{opts: opts}
	if config, ok := book.Locate(path); ok {
		bk, err := book.Load(config, opts, diags)
		in.read = []string{config}
		if err != nil {
			return in, err
		}
		for _, ch := range bk.Chapters {
			in.read = append(in.read, filepath.Join(bk.Dir, filepath.FromSlash(ch.File)))
		}
		in.read = mergeSorted(in.read, bk.Included)
		in.doc, in.book, in.dir, in.root, in.name, in.opts = bk.Doc, true, bk.Dir, bk.Root, bk.Name, bk.Options
	} else if path == options.StdPath {
		src, err := readAll(opts.Run.Stdin, "standard input", 0)
		if err != nil {
			return in, err
		}
		in.doc, in.dir = markdown.ParseLines("<stdin>", src, nil, markdown.Syntax{Lang: metadataLang(opts.Output), Omit: opts.Output.Omit}, diags), "."
	} else {
		d, read, err := readMarkdown(path, opts, diags)
		in.read = read
		if err != nil {
			return in, err
		}
		in.doc, in.dir, in.name = d, filepath.Dir(path), strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		if o := opts.Output; o.NumberChapters || o.NumberSections {
			diags.Warnf(d.Pos, "number-chapters and number-sections number a book's chapters; this input is a single file")
		}
	}
	for _, m := range in.opts.Output.Metadata {
		if err := markdown.SetMeta(&in.doc.Meta, m.Key, m.Value); err != nil {
			return in, fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := in.readBibliography(diags); err != nil {
		return in, err
	}
	if path == options.StdPath {
		in.name = slug(in.doc.Meta.Title, "stdin")
	}
	if opts.Output.Name != "" {
		in.name = opts.Output.Name
	}
	// The characters the embedded faces lack are found in the tree as read;
	// the faces that have them are looked for (the system's font index
	// read, their files opened) while the other passes change the tree.
	// The search starts before the highlighting: started after, it waited
	// for a core until the passes were done, and the build for it (the
	// Rust book's, 45 to 70 ms).
	need := b.fontNeeds(in.doc)
	found := b.startFallbacks(need, in.opts.PDF.FontDirs)
	if need.thai {
		b.thaiWords.Prefetch() // the layout breaks Thai lines with it
	}
	// The code is highlighted (on every core but this one) while the fonts
	// the document needs are found and the other passes run: those need
	// no tokens, and are mostly one core's work (a real book's fallback
	// faces, a tenth of a second; the passes over a 13 MB book, half a
	// second). Waiting for it, this core cuts what is left.
	highlighted := passes.StartHighlight(in.doc, b.lexers)
	defer func() {
		if in.highlighted == nil {
			highlighted() // on an error, the highlighting is waited for here
		}
	}()
	contents := map[options.Appendix]passes.AppendixContents{
		options.AppendixAll: passes.ReferencesAndLinks, options.AppendixReferences: passes.ReferencesOnly, options.AppendixNone: passes.NoAppendix,
	}[in.opts.Output.Appendix] // Validate checked the value
	po := passes.Options{LinkBase: in.opts.Output.LinkBase, Highlighted: true, Appendix: contents}
	if !in.book && path != options.StdPath {
		po.Self = filepath.Base(path)
	}
	passes.Transform(in.doc, po, diags)
	set, err := found()
	if err != nil {
		return in, err
	}
	if err := set.SystemFontsError(); err != nil {
		diags.Warnf(in.doc.Pos, "%v; the characters the embedded fonts lack are not looked for in its fonts", err)
	}
	in.fonts = set
	po.Covers = set.Covers
	in.checks = po // passes.Check runs beside the renderers (startChecks)
	in.highlighted = highlighted
	return in, nil
}

// startFallbacks finds, on its own goroutine, the fonts that draw what
// need names: the embedded faces, and faces found under fontDirs and then
// the system's font directories. The returned function waits for them.
// Nothing is looked for when the embedded faces draw everything.
func (b *Builder) startFallbacks(need fontNeed, fontDirs []string) func() (*fonts.Set, error) {
	if len(need.text) == 0 {
		return func() (*fonts.Set, error) { return b.fonts, nil }
	}
	return guard.Go(func() (*fonts.Set, error) {
		body, _ := theme.Body.Face()
		set, _, err := b.fonts.WithFallbacks(fonts.FallbackOptions{Dirs: fontDirs, System: true, Lang: need.lang, Serif: body == fonts.Serif,
			Code: need.code, Cache: b.fallbacks}, need.text)
		return set, err
	})
}

// rendered is one artifact's bytes, in parts as its renderer made them
// (a long PDF's are never copied into one slice), with what the
// manifest says about it.
type rendered struct {
	parts    [][]byte
	pages    int
	chapters int
}

func (r rendered) artifact(f Format, path string) Artifact {
	h, n := sha256.New(), 0
	for _, p := range r.parts {
		h.Write(p)
		n += len(p)
	}
	return Artifact{Format: f, Path: path, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil)), Pages: r.pages, Chapters: r.chapters}
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

// mergeSorted merges two sorted lists of paths, without duplicates.
func mergeSorted(a, b []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
}

// slug makes a file name of a title: its letters and digits in lower case,
// runs of anything else as one hyphen; else fallback.
func slug(title, fallback string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}

// metadataLang is the language the command line's metadata gives
// (-M lang=…), "" when it gives none.
func metadataLang(o options.Output) string {
	lang, _ := o.MetadataValue("lang")
	return lang
}

// readBibliography adds the works of the document's bibliography files
// (BibTeX, CSL JSON or CSL YAML, named relative to it) to its
// references, each file read as an image is: from inside the document's
// directory (a book's), no larger than the limits allow. A file that
// does not exist is a warning (its citations are each one too); one
// that cannot be read is an error at the front matter, which fails the
// build once the resources are checked.
func (in *input) readBibliography(diags *diag.List) error {
	files := in.doc.Meta.Bibliography
	if len(files) == 0 {
		return nil
	}
	r, err := newResolver(in.dir, in.root, in.opts)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range files {
		data, err := r.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			// A book's R code often writes it (knitr::write_bib), which
			// galley does not run.
			diags.Warnf(in.doc.Meta.Pos, "bibliography %q does not exist: the works only it lists are not cited", f)
			continue
		}
		if err != nil {
			diags.Errorf(in.doc.Meta.Pos, "bibliography %q: %v", f, err)
			continue
		}
		name := filepath.Join(in.dir, filepath.FromSlash(f))
		in.read = append(in.read, name)
		in.doc.Meta.References = append(in.doc.Meta.References, markdown.ReadBibliography(name, data, diags)...)
	}
	return nil
}
