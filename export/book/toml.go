package book

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TOMLFile is mdBook's configuration file: a directory holding it is a
// book whose chapters are listed by SUMMARY.md in its source directory.
const TOMLFile = "book.toml"

// mdBookConfig is what galley reads of book.toml: the [book] table.
type mdBookConfig struct {
	Book struct {
		Title       string   `toml:"title"`
		Authors     []string `toml:"authors"`
		Author      string   `toml:"author"` // one author, as some books write it (rust-lang-ja/book-ja)
		Language    string   `toml:"language"`
		Description string   `toml:"description"`
		Src         string   `toml:"src"`
		// Multilingual is an mdBook key that mdBook itself ignores.
		Multilingual bool `toml:"multilingual"`
	} `toml:"book"`
	// Preprocessor is mdBook's [preprocessor.NAME] tables: programs that
	// rewrite the chapters before mdBook renders them.
	Preprocessor map[string]struct {
		Command string `toml:"command"`
	} `toml:"preprocessor"`
	Output struct {
		HTML struct {
			MathJax bool `toml:"mathjax-support"`
			Code    struct {
				// Hidelines maps a language to the prefix of the
				// lines mdBook hides in its code (python = "~").
				Hidelines map[string]string `toml:"hidelines"`
			} `toml:"code"`
		} `toml:"html"`
	} `toml:"output"`
}

// handledPreprocessor reports the preprocessors whose work galley does
// itself or that change nothing in a book built in its own language:
// mdBook's links ({{#include}} and the others, which galley expands) and
// index (README.md as a directory's index.html, which galley's links
// follow); the Rust book's trpl-listing (its <Listing> elements, which
// galley reads) and trpl-note (its "> Note:" quotations, which stay
// quotations); mdbook-i18n-helpers' gettext (a translation's text, which
// a build in the source language does not use); mdbook-admonish (its
// ```admonish blocks, which galley reads as callouts).
func handledPreprocessor(name string) bool {
	switch name {
	case "links", "index", "trpl-listing", "trpl-note", "gettext", "admonish",
		"katex": // mdbook-katex's $ … $ and $$ … $$ are the reader's formulas
		return true
	}
	return false
}

// warnUnhonoured warns, at its line in book.toml (file, its text src), of
// what mdBook would do for the book that galley does not: each
// preprocessor that galley does not run.
func warnUnhonoured(file string, src []byte, c mdBookConfig, diags *diag.List) {
	lines := strings.Split(string(src), "\n")
	// lineOf is the position of the first line that starts with one of
	// prefixes, else of the file's first line.
	lineOf := func(prefixes ...string) doc.Pos {
		at := doc.Pos{File: file, Line: 1, Col: 1}
		for i, l := range lines {
			l = strings.TrimSpace(l)
			for _, p := range prefixes {
				if strings.HasPrefix(l, p) {
					at.Line = i + 1
					return at
				}
			}
		}
		return at
	}
	for _, name := range slices.Sorted(maps.Keys(c.Preprocessor)) {
		if handledPreprocessor(name) {
			continue
		}
		at := lineOf("[preprocessor."+name+"]", "[preprocessor."+name+".", `[preprocessor."`+name+`"`)
		what := ""
		if cmd := strings.TrimSpace(c.Preprocessor[name].Command); cmd != "" {
			what = " (" + cmd + ")"
		}
		diags.Warnf(at, "book.toml: galley does not run mdBook's preprocessor %q%s; what it would change in the chapters is left as written", name, what)
	}
}

// readTOML reads book.toml (file, its text src) and the SUMMARY.md of its
// source directory into b: the book's metadata (book.toml's over
// SUMMARY.md's), chapters, the source directory, which the chapters are
// relative to, and the prefixes of hidden code lines. Its other tables
// (build, output, preprocessors) are for mdBook.
func (b *Book) readTOML(file string, src []byte, diags *diag.List) (doc.Meta, error) {
	var c mdBookConfig
	at := doc.Pos{File: file, Line: 1, Col: 1}
	if md, err := toml.Decode(string(src), &c); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			at.Line, at.Col = pe.Position.Line, pe.Position.Col
		}
		diags.Errorf(at, "book.toml: %v", err)
		return doc.Meta{Pos: at}, nil
	} else if und := md.Undecoded(); len(und) > 0 && len(und[0]) > 0 && und[0][0] == "book" {
		diags.Warnf(at, "book.toml: [book] key %q is not used by galley", und[0].String())
	}
	warnUnhonoured(file, src, c, diags)
	srcDir := strings.TrimSpace(c.Book.Src)
	if srcDir == "" {
		srcDir = "src"
	}
	rel := filepath.Clean(filepath.FromSlash(srcDir))
	if !filepath.IsLocal(rel) {
		diags.Errorf(at, "book.toml: src %q leads outside the book's directory", c.Book.Src)
		return doc.Meta{Pos: at}, nil
	}
	dir := filepath.Join(filepath.Dir(file), rel)
	summary := filepath.Join(dir, SummaryFile)
	text, err := readFile(summary)
	if err != nil {
		return doc.Meta{}, fmt.Errorf("%s: the book's %s: %w", file, SummaryFile, err)
	}
	meta, chapters := readSummary(summary, text, diags)
	if c.Book.Title != "" {
		meta.Title = c.Book.Title
	}
	if len(c.Book.Authors) > 0 {
		meta.Authors = c.Book.Authors
	} else if a := strings.TrimSpace(c.Book.Author); a != "" {
		meta.Authors = []string{a}
	}
	if c.Book.Language != "" {
		meta.Lang = c.Book.Language
	}
	if c.Book.Description != "" {
		meta.Description = c.Book.Description
	}
	meta.Pos = at
	b.Chapters, b.Dir, b.hidelines, b.mathJax = chapters, dir, c.Output.HTML.Code.Hidelines, c.Output.HTML.MathJax
	_, b.katex = c.Preprocessor["katex"]
	_, b.ruleIDs = c.Preprocessor["spec"]
	for _, name := range slices.Sorted(maps.Keys(c.Preprocessor)) {
		if !handledPreprocessor(name) {
			b.unrun = append(b.unrun, name)
		}
	}
	return meta, nil
}
