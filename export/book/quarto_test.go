package book

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// quartoBook is a Quarto book laid out as hadley/r4ds lays out its own:
// _quarto.yml listing an index, parts (a part's page as a file, or its
// title alone) with their chapters, and appendices; chapters of .qmd
// with code chunks, a figure made by knitr::include_graphics, and
// cross-references between chapters.
func quartoBook(numbering string) map[string]string { // numbering: the end of _quarto.yml
	return map[string]string{
		"_quarto.yml": "project:\n  type: book\n  output-dir: _book\n\nbook:\n  title: \"R for Data Science (2e)\"\n" +
			"  author:\n    - Hadley Wickham\n    - name: {given: Mine, family: Çetinkaya-Rundel}\n  date: 2023-07-18\n" +
			"  chapters:\n    - index.qmd\n    - part: whole-game.qmd\n      chapters:\n        - data-tidy.qmd\n" +
			"    - part: \"Program\"\n      chapters:\n        - functions.qmd\n        - notebook.ipynb\n" +
			"  appendices:\n    - contribute.qmd\n\nlang: en\n" + numbering + "\n",
		"index.qmd":      "# Welcome {.unnumbered}\n\nThis is the book.\n",
		"whole-game.qmd": "# Whole game {#sec-whole-game .unnumbered}\n\n```{r}\n#| echo: false\nsource(\"_common.R\")\n```\n\nAn overview, as in @fig-tidy.\n",
		"data-tidy.qmd": "---\nfreeze: true\n---\n\n# Data tidying {#sec-data-tidy}\n\n## Tidy data\n\n```{r}\n#| label: fig-tidy\n#| echo: false\n#| fig-cap: The rules.\n" +
			"knitr::include_graphics(\"images/tidy-1.png\")\n```\n\nSee @sec-functions.\n",
		"images/tidy-1.png": "(an image)",
		"functions.qmd":     "# Functions {#sec-functions}\n\n## Vector functions\n\n```{r}\nf <- function(x) x\n```\n",
		"contribute.qmd":    "# Contributing {#sec-contributing}\n\nThanks.\n",
	}
}

// TestQuartoBook: a Quarto book's directory is a book, its _quarto.yml
// read for the title, authors, date and language, the chapters in their
// order (a part's page, its file or its title alone, before its
// chapters), the appendices after them; a notebook chapter is reported
// and left out. Chapters and sections are numbered as Quarto numbers
// them, those of an {.unnumbered} chapter not, the appendices lettered
// ("A. Contributing"), unless number-sections is false.
func TestQuartoBook(t *testing.T) {
	for _, c := range []struct {
		numbering string
		titles    string
		sections  string
	}{
		{"format:\n  html:\n    theme: cosmo", "Welcome|Whole game|1. Data tidying|Program|2. Functions|A. Contributing", "1.1 Tidy data|2.1 Vector functions"},
		{"number-sections: false", "Welcome|Whole game|Data tidying|Program|Functions|Contributing", "Tidy data|Vector functions"},
		{"format:\n  pdf:\n    number-sections: false", "Welcome|Whole game|Data tidying|Program|Functions|Contributing", "Tidy data|Vector functions"},
	} {
		dir := bookDir(t, quartoBook(c.numbering))
		config, ok := Locate(dir)
		if !ok || filepath.Base(config) != QuartoFile {
			t.Fatalf("Locate(%s) = %q, %v; want its _quarto.yml", dir, config, ok)
		}
		var diags diag.List
		b, err := Load(config, options.Defaults(), &diags)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"_quarto.yml:19:11: warning: chapter \"notebook.ipynb\" is a Jupyter notebook, which galley does not read: it is left out",
			"whole-game.qmd:3:1: warning: 1 code chunk is not run (galley runs no code): what running it prints, its text, tables and plots, is not shown; it shows nothing at all (its code is hidden)",
			"functions.qmd:5:1: warning: 1 code chunk is not run (galley runs no code): what running it prints, its text, tables and plots, is not shown",
		}
		got := fmt.Sprint(diags.Items())
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("numbering %q: diagnostics %s, want %q", c.numbering, got, w)
			}
		}
		if n := diags.Len(); n != len(want) {
			t.Errorf("numbering %q: %d diagnostics, want %d: %s", c.numbering, n, len(want), got)
		}
		var parts []string
		for _, ch := range b.Chapters {
			parts = append(parts, ch.Part.String()+":"+firstNonEmpty(ch.File, "«"+ch.Title+"»"))
		}
		if got, want := strings.Join(parts, " "), "chapters:index.qmd chapters:whole-game.qmd chapters:data-tidy.qmd chapters:«Program» chapters:functions.qmd appendix:contribute.qmd"; got != want {
			t.Errorf("chapters %s, want %s", got, want)
		}
		m := b.Doc.Meta
		if m.Title != "R for Data Science (2e)" || strings.Join(m.Authors, ", ") != "Hadley Wickham, Mine Çetinkaya-Rundel" || m.Date != "2023-07-18" || m.Lang != "en" {
			t.Errorf("meta %+v", m)
		}
		var titles, sections, figures []string
		doc.Inspect(b.Doc, func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.Heading:
				if n.Level == 1 {
					titles = append(titles, doc.PlainText(n.Content))
				} else {
					sections = append(sections, doc.PlainText(n.Content))
				}
			case *doc.Figure:
				figures = append(figures, n.Attr.ID+"="+n.Image.URL+"="+doc.PlainText(n.Caption))
			}
			return true
		})
		if got := strings.Join(titles, "|"); got != c.titles {
			t.Errorf("numbering %q: chapter titles %q, want %q", c.numbering, got, c.titles)
		}
		if got := strings.Join(sections, "|"); got != c.sections {
			t.Errorf("numbering %q: sections %q, want %q", c.numbering, got, c.sections)
		}
		if got := strings.Join(figures, " "); got != "fig-tidy=images/tidy-1.png=The rules." {
			t.Errorf("figures %q", got)
		}
	}
}

// TestQuartoNotABook: a Quarto project that is not a book (a website) is
// not read as one; a book's _quarto.yml with no book: mapping is an
// error at its file.
func TestQuartoNotABook(t *testing.T) {
	if _, ok := Locate(bookDir(t, map[string]string{"_quarto.yml": "project:\n  type: website\n", "index.qmd": "# x\n"})); ok {
		t.Error("a Quarto website is taken for a book")
	}
	dir := bookDir(t, map[string]string{"_quarto.yml": "project:\n  type: book\n"})
	var diags diag.List
	if _, err := Load(filepath.Join(dir, QuartoFile), options.Defaults(), &diags); err != nil || !strings.Contains(fmt.Sprint(diags.Items()), "_quarto.yml:1:1: error: _quarto.yml has no book: mapping") {
		t.Errorf("%v %v", err, diags.Items())
	}
}

// TestQuartoShortcodesInBook: a Quarto book's chapters have their
// shortcodes read, {{< var >}} from _variables.yml (a nested key by its
// dotted path) and {{< include >}} from the book's directory.
func TestQuartoShortcodesInBook(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"_quarto.yml":    "project:\n  type: book\nbook:\n  title: Course\n  chapters: [index.qmd]\n",
		"_variables.yml": "course:\n  name: Statistics 101\nterm: Autumn\n",
		"_shared.qmd":    "Shared text.\n",
		"index.qmd":      "# Welcome\n\n{{< var course.name >}}, {{< var term >}} term.\n\n{{< include /_shared.qmd >}}\n",
	})
	var diags diag.List
	b, err := Load(filepath.Join(dir, QuartoFile), options.Defaults(), &diags)
	if err != nil || diags.Len() != 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	var paras []string
	doc.Inspect(b.Doc, func(n doc.Node) bool {
		if p, ok := n.(*doc.Paragraph); ok {
			paras = append(paras, doc.PlainText(p.Content))
		}
		return true
	})
	if got, want := strings.Join(paras, "|"), "Statistics 101, Autumn term.|Shared text."; got != want {
		t.Errorf("paragraphs %q, want %q", got, want)
	}
	if want := []string{filepath.Join(dir, "_shared.qmd")}; !slices.Equal(b.Included, want) {
		t.Errorf("included %q, want %q (for galley watch)", b.Included, want)
	}
}
