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

// bookdownBook is a bookdown book laid out as rstudio/bookdown-demo and
// hadley/adv-r lay out theirs: _bookdown.yml (with or without
// rmd_files), index.Rmd holding the book's front matter and its
// preface, a part's heading before a chapter's in one file, and the
// appendix's heading before the chapters after it.
func bookdownBook(config string, files map[string]string) map[string]string {
	book := map[string]string{
		"_bookdown.yml": config,
		"index.Rmd": "---\ntitle: \"A Minimal Book\"\nauthor: \"Yihui Xie\"\ndate: \"`r Sys.Date()`\"\nsite: bookdown::bookdown_site\n" +
			"output: bookdown::gitbook\ndocumentclass: book\ncover-image: images/cover.png\n---\n\n# Prerequisites {-}\n\nSee Chapter \\@ref(intro).\n",
		"01-intro.Rmd":     "# (PART) Basics {-}\n\n# Introduction {#intro}\n\n## Labels\n\nText.\n",
		"02-methods.Rmd":   "# Methods\n\n## Math\n",
		"_ignored.Rmd":     "# Not a chapter\n",
		"90-appendix.Rmd":  "# (APPENDIX) Appendix {-}\n\n# More to Say\n\n## Details\n",
		"images/cover.png": "(an image)",
	}
	for k, v := range files {
		book[k] = v
	}
	return book
}

// TestBookdownBook: a bookdown book's directory is a book, its chapters
// rmd_files' (the html list of a mapping), else its .Rmd files in the
// order of their names with index.Rmd first and _ files left out; its
// metadata index.Rmd's front matter (an R-code date reported and left
// out, the cover found from the book's directory); its chapters and
// sections numbered, unless _output.yml says number_sections: false; a
// (PART) heading a part's unnumbered title, and the chapters from the
// (APPENDIX) heading on the appendix, lettered when the chapters are
// numbered ("A. More to Say", "A.1 Details").
func TestBookdownBook(t *testing.T) {
	const numbered = "Prerequisites|Basics|1. Introduction|2. Methods|Appendix|A. More to Say"
	const unnumbered = "Prerequisites|Basics|Introduction|Methods|Appendix|More to Say"
	for _, c := range []struct {
		name, config string
		files        map[string]string
		artifacts    string
		titles       string
		sections     string
	}{
		{"listed", "book_filename: \"demo\"\nrmd_files: [\"index.Rmd\", \"01-intro.Rmd\", \"02-methods.Rmd\", \"90-appendix.Rmd\"]\n", nil,
			"demo", numbered, "1.1 Labels|2.1 Math|A.1 Details"},
		{"listed for each output", "rmd_files:\n  html: [\"index.Rmd\", \"01-intro.Rmd\", \"02-methods.Rmd\", \"90-appendix.Rmd\"]\n  latex: [\"index.Rmd\"]\n", nil,
			"BOOK", numbered, "1.1 Labels|2.1 Math|A.1 Details"},
		{"by name", "delete_merged_file: true\n", nil, "BOOK", numbered, "1.1 Labels|2.1 Math|A.1 Details"},
		{"unnumbered", "new_session: yes\n", map[string]string{"_output.yml": "bookdown::gitbook:\n  number_sections: false\n"},
			"BOOK", unnumbered, "Labels|Math|Details"},
	} {
		dir := bookDir(t, bookdownBook(c.config, c.files))
		config, ok := Locate(dir)
		if !ok || filepath.Base(config) != BookdownFile {
			t.Fatalf("%s: Locate(%s) = %q, %v; want its _bookdown.yml", c.name, dir, config, ok)
		}
		var diags diag.List
		b, err := Load(config, options.Defaults(), &diags)
		if err != nil {
			t.Fatal(err)
		}
		want := "index.Rmd:4:7: warning: date `r Sys.Date()` is R code, which galley does not run: the document has no date"
		if got := fmt.Sprint(diags.Items()); diags.Len() != 1 || !strings.Contains(got, want) {
			t.Errorf("%s: diagnostics %s, want only %q", c.name, got, want)
		}
		var parts []string
		for _, ch := range b.Chapters {
			parts = append(parts, ch.File)
		}
		if got, want := strings.Join(parts, " "), "index.Rmd 01-intro.Rmd 02-methods.Rmd 90-appendix.Rmd"; got != want {
			t.Errorf("%s: chapters %s, want %s", c.name, got, want)
		}
		if want := strings.ReplaceAll(c.artifacts, "BOOK", filepath.Base(dir)); b.Name != want || ArtifactName(config) != want {
			t.Errorf("%s: artifacts named %q (ArtifactName %q), want %q", c.name, b.Name, ArtifactName(config), want)
		}
		m := b.Doc.Meta
		if m.Title != "A Minimal Book" || strings.Join(m.Authors, ", ") != "Yihui Xie" || m.Date != "" || m.Cover != "images/cover.png" || filepath.Base(m.File) != "index.Rmd" {
			t.Errorf("%s: meta %+v", c.name, m)
		}
		var titles, sections, chapterNumbers []string
		doc.Inspect(b.Doc, func(n doc.Node) bool {
			if h, ok := n.(*doc.Heading); ok && h.Level == 1 {
				titles = append(titles, doc.PlainText(h.Content))
				if v, ok := h.Attr.Get(doc.ChapterNumberKey); ok {
					chapterNumbers = append(chapterNumbers, v)
				}
			} else if ok {
				sections = append(sections, doc.PlainText(h.Content))
			}
			return true
		})
		if got := strings.Join(titles, "|"); got != c.titles {
			t.Errorf("%s: chapter titles %q, want %q", c.name, got, c.titles)
		}
		if got := strings.Join(sections, "|"); got != c.sections {
			t.Errorf("%s: sections %q, want %q", c.name, got, c.sections)
		}
		// The numbered chapters' headings carry their numbers, for the
		// passes' numbering of figures ("Figure 2.1").
		if got, want := strings.Join(chapterNumbers, " "), map[bool]string{true: "1 2 A", false: ""}[c.titles == numbered]; got != want {
			t.Errorf("%s: chapter numbers %q, want %q", c.name, got, want)
		}
	}
}

// TestBookdownEmpty: a _bookdown.yml that is not YAML is an error at its
// file, and a book with no R Markdown file lists no chapters.
func TestBookdownEmpty(t *testing.T) {
	for _, c := range []struct{ config, want string }{
		{"rmd_files: [\"index.Rmd\"\n", "_bookdown.yml:1:1: error: _bookdown.yml cannot be read"},
		{"rmd_files: index.Rmd\n", "_bookdown.yml:1:12: error: rmd_files must be a list of R Markdown files"},
		{"book_filename: x\n", "_bookdown.yml:1:1: error: the book lists no chapters"},
	} {
		dir := bookDir(t, map[string]string{"_bookdown.yml": c.config, "README.md": "# Not a chapter\n"})
		var diags diag.List
		if _, err := Load(filepath.Join(dir, BookdownFile), options.Defaults(), &diags); err != nil || !strings.Contains(fmt.Sprint(diags.Items()), c.want) {
			t.Errorf("%q: %v %v, want %q", c.config, err, diags.Items(), c.want)
		}
	}
}
