package book

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// JupyterBookFile is a Jupyter Book's table of contents: a directory
// holding it is a book, its pages the root and then the chapters the
// file lists, in parts or not, their sections as sub-chapters; the
// title and authors come from _config.yml beside it.
//
//	format: jb-book
//	root: intro
//	parts:
//	- caption: Economic Data
//	  numbered: true
//	  chapters:
//	  - file: long_run_growth
//	    sections:
//	    - file: growth_data
//
// A part's caption is a page of its own before its chapters. A file is
// named without its extension: galley reads NAME.md (MyST); a notebook
// (NAME.ipynb) is reported and left out. Chapters and sections are
// numbered when a part, or the table, says numbered: true. An image path
// that starts with / is the book's directory's, as Sphinx reads it. The
// pages' MyST directives and code cells are read by the Markdown reader
// (markdown's myst.go).
const JupyterBookFile = "_toc.yml"

// jbEntry is one entry of _toc.yml: a page (file) and what it holds, or a
// part (caption) and its chapters.
type jbEntry struct {
	File     string    `yaml:"file"`
	Title    string    `yaml:"title"`
	Caption  string    `yaml:"caption"`
	Numbered any       `yaml:"numbered"`
	Chapters []jbEntry `yaml:"chapters"`
	Sections []jbEntry `yaml:"sections"`
	Parts    []jbEntry `yaml:"parts"`
	Root     string    `yaml:"root"`
	Format   string    `yaml:"format"`
}

// isJupyterBook reports whether dir holds a Jupyter Book's _toc.yml.
func isJupyterBook(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, JupyterBookFile))
	return err == nil && fi.Mode().IsRegular()
}

// readJupyterBook reads a Jupyter Book's _toc.yml (file, its text src)
// and its _config.yml: the metadata, the pages as chapters, and the
// numbering as the book's output settings.
func (b *Book) readJupyterBook(file string, src []byte, diags *diag.List) doc.Meta {
	meta := doc.Meta{Pos: doc.Pos{File: file, Line: 1, Col: 1}}
	var toc jbEntry
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&toc); err != nil {
		diags.Errorf(meta.Pos, "_toc.yml cannot be read: %v", err)
		return meta
	}
	b.readJupyterConfig(&meta, diags)
	if toc.Root == "" {
		diags.Errorf(meta.Pos, "_toc.yml names no root page")
		return meta
	}
	numbered := false
	b.jbPage(file, Front, toc.Root, meta.Pos, 0, diags)
	b.jbEntries(file, toc.Chapters, 0, &numbered, diags)
	b.jbEntries(file, toc.Sections, 0, &numbered, diags) // jb-article
	for _, p := range toc.Parts {
		if p.Caption != "" {
			b.Chapters = append(b.Chapters, Chapter{Part: Body, Title: p.Caption, Pos: meta.Pos})
		}
		numbered = numbered || isNumbered(p.Numbered)
		b.jbEntries(file, p.Chapters, 0, &numbered, diags)
	}
	// Sphinx reads an image path that starts with / from the book's
	// directory.
	b.Output = append(b.Output, options.Assignment{Setting: options.Lookup("site-root"), Value: b.Dir, Pos: meta.Pos})
	if numbered || isNumbered(toc.Numbered) {
		b.numberChaptersAndSections(meta.Pos)
	}
	return meta
}

// isNumbered reads numbered: true, or a depth (numbered: 2).
func isNumbered(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case int:
		return v > 0
	}
	return false
}

// jbEntries adds the pages of a list of chapters or sections, at depth.
func (b *Book) jbEntries(file string, entries []jbEntry, depth int, numbered *bool, diags *diag.List) {
	for _, e := range entries {
		*numbered = *numbered || isNumbered(e.Numbered)
		pos := doc.Pos{File: file, Line: 1, Col: 1}
		if e.File == "" {
			if e.Title != "" || e.Caption != "" {
				b.Chapters = append(b.Chapters, Chapter{Part: Body, Title: firstNonEmpty(e.Title, e.Caption), Depth: depth, Pos: pos})
			}
		} else {
			b.jbPage(file, Body, e.File, pos, depth, diags)
		}
		b.jbEntries(file, e.Sections, depth+1, numbered, diags)
		b.jbEntries(file, e.Chapters, depth+1, numbered, diags)
	}
}

// jbPage adds the page named (without its extension) by name.
func (b *Book) jbPage(file string, part Part, name string, pos doc.Pos, depth int, diags *diag.List) {
	name = strings.TrimSpace(name)
	for _, ext := range []string{"", ".md", ".ipynb", ".rst"} {
		if path.Ext(name) != "" && ext != "" {
			break
		}
		if !fileIn(b.Dir, name+ext) {
			continue
		}
		switch path.Ext(name + ext) {
		case ".ipynb", ".rst":
			diags.Warnf(pos, "page %q is a %s file, which galley does not read: it is left out", name+ext, strings.TrimPrefix(path.Ext(name+ext), "."))
			return
		}
		b.Chapters = append(b.Chapters, Chapter{Part: part, File: name + ext, Depth: depth, Pos: pos})
		return
	}
	diags.Errorf(pos, "page %q of _toc.yml is not in the book (no %s.md)", name, name)
}

// readJupyterConfig reads the title, authors, language and bibliography
// files of the book's _config.yml, if it has one.
func (b *Book) readJupyterConfig(meta *doc.Meta, diags *diag.List) {
	p := filepath.Join(b.Dir, "_config.yml")
	src, err := readFile(p)
	if err != nil {
		return
	}
	var c struct {
		Title        string   `yaml:"title"`
		Author       string   `yaml:"author"`
		Description  string   `yaml:"description"`
		Language     string   `yaml:"language"`
		Bibliography []string `yaml:"bibtex_bibfiles"`
		Sphinx       struct {
			Config struct {
				Language string `yaml:"language"`
			} `yaml:"config"`
		} `yaml:"sphinx"`
	}
	if err := yaml.Unmarshal(src, &c); err != nil {
		diags.Warnf(doc.Pos{File: p, Line: 1, Col: 1}, "_config.yml is not read: %v", err)
		return
	}
	meta.Title, meta.Description = c.Title, c.Description
	meta.Lang = firstNonEmpty(c.Language, c.Sphinx.Config.Language)
	meta.Bibliography = c.Bibliography
	for _, a := range strings.FieldsFunc(c.Author, func(r rune) bool { return r == '&' || r == ',' }) {
		if a = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(a), "and ")); a != "" {
			meta.Authors = append(meta.Authors, a)
		}
	}
}
