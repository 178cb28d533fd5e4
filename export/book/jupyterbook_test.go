package book

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// TestJupyterBook: a Jupyter Book's directory (_toc.yml, as
// QuantEcon/lecture-python-intro lays one out) is a book: _config.yml's
// title and authors, the root page first, each part's caption a page
// before its chapters, a chapter's sections below it, a notebook
// reported and left out, a page missing an error; numbered: true numbers
// the chapters, and an image path starting with / is the book's.
func TestJupyterBook(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"_toc.yml":         "format: jb-book\nroot: intro\nparts:\n- caption: Foundations\n  numbered: true\n  chapters:\n  - file: ar1\n    sections:\n    - file: ar1_more\n  - file: nb\n  - file: gone\n",
		"_config.yml":      "title: A First Course\nauthor: Thomas J. Sargent & John Stachurski\n",
		"intro.md":         "---\njupytext:\n  text_representation: {}\nkernelspec:\n  name: python3\n---\n\n# Introduction\n\nWelcome.\n",
		"ar1.md":           "(ar1)=\n# AR1 Processes\n\n## Overview\n\n![A plot](/_static/plot.png)\n",
		"ar1_more.md":      "# More\n\nSee {ref}`ar1`.\n",
		"nb.ipynb":         "{}",
		"_static/plot.png": "(an image)",
	})
	config, ok := Locate(dir)
	if !ok || filepath.Base(config) != JupyterBookFile {
		t.Fatalf("Locate(%s) = %q, %v; want its _toc.yml", dir, config, ok)
	}
	var diags diag.List
	b, err := Load(config, options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(diags.Items())
	for _, w := range []string{`warning: page "nb.ipynb" is a ipynb file, which galley does not read: it is left out`, `error: page "gone" of _toc.yml is not in the book (no gone.md)`} {
		if !strings.Contains(got, w) {
			t.Errorf("diagnostics %s, want %q", got, w)
		}
	}
	if diags.Len() != 2 {
		t.Errorf("%d diagnostics, want 2: %s", diags.Len(), got)
	}
	var pages []string
	for _, ch := range b.Chapters {
		pages = append(pages, fmt.Sprintf("%s:%s:%d", ch.Part, firstNonEmpty(ch.File, "«"+ch.Title+"»"), ch.Depth))
	}
	if got, want := strings.Join(pages, " "), "front:intro.md:0 chapters:«Foundations»:0 chapters:ar1.md:0 chapters:ar1_more.md:1"; got != want {
		t.Errorf("pages %s, want %s", got, want)
	}
	if m := b.Doc.Meta; m.Title != "A First Course" || strings.Join(m.Authors, "|") != "Thomas J. Sargent|John Stachurski" {
		t.Errorf("meta %+v", m)
	}
	if !b.Options.Output.NumberChapters || b.Options.Resources.SiteRoot != dir {
		t.Errorf("numbering %v, site root %q; want numbered, %s", b.Options.Output.NumberChapters, b.Options.Resources.SiteRoot, dir)
	}
	var titles []string
	doc.Inspect(b.Doc, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok && h.Level <= 2 {
			titles = append(titles, doc.PlainText(h.Content))
		}
		return true
	})
	if got, want := strings.Join(titles, "|"), "Introduction|Foundations|1. AR1 Processes|1.1 Overview|More"; got != want {
		t.Errorf("titles %q, want %q", got, want)
	}
}
