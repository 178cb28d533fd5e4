package book

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// QuartoFile is a Quarto project's configuration: a directory holding one
// whose project type is book is a book, its chapters those book.chapters
// lists and its appendix book.appendices.
//
//	project:
//	  type: book
//	book:
//	  title: "R for Data Science (2e)"
//	  author: [Hadley Wickham, Mine Çetinkaya-Rundel]
//	  chapters:
//	    - index.qmd
//	    - part: whole-game.qmd   # a part's page: its file, or its title
//	      chapters: [data-visualize.qmd, data-transform.qmd]
//	  appendices: [contribute.qmd]
//
// As Quarto does, galley numbers the chapters and their sections unless
// number-sections is false; a chapter whose heading is {.unnumbered} (the
// index, a preface, a part's page) is not numbered. The chapters' code
// chunks are read by the Markdown reader (markdown's chunks.go).
const QuartoFile = "_quarto.yml"

// quartoConfig is what galley reads of _quarto.yml.
type quartoConfig struct {
	Project struct {
		Type string `yaml:"type"`
	} `yaml:"project"`
	Book           yaml.Node `yaml:"book"`
	Lang           string    `yaml:"lang"`
	Bibliography   yaml.Node `yaml:"bibliography"`
	NumberSections *bool     `yaml:"number-sections"`
	Format         map[string]struct {
		NumberSections *bool `yaml:"number-sections"`
	} `yaml:"format"`
}

// isQuartoBook reports whether dir holds a Quarto project of type book.
func isQuartoBook(dir string) bool {
	p := filepath.Join(dir, QuartoFile)
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > MaxFileSize {
		return false
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	var c quartoConfig
	return yaml.Unmarshal(src, &c) == nil && c.Project.Type == "book"
}

// readQuarto reads a Quarto book's _quarto.yml (file, its text src): its
// metadata, its chapters, and its numbering as the book's output
// settings.
func (b *Book) readQuarto(file string, src []byte, diags *diag.List) doc.Meta {
	meta := doc.Meta{Pos: doc.Pos{File: file, Line: 1, Col: 1}}
	var c quartoConfig
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&c); err != nil {
		diags.Errorf(meta.Pos, "_quarto.yml cannot be read: %v", err)
		return meta
	}
	meta.Lang = c.Lang
	b.letterAppendices, b.quarto = true, true
	b.quartoVars = readQuartoVariables(filepath.Join(b.Dir, "_variables.yml"), diags)
	meta.Bibliography = stringList(&c.Bibliography)
	bk := &c.Book
	if bk.Kind != yaml.MappingNode {
		diags.Errorf(meta.Pos, "_quarto.yml has no book: mapping")
		return meta
	}
	for i := 0; i+1 < len(bk.Content); i += 2 {
		k, v := bk.Content[i], bk.Content[i+1]
		switch k.Value {
		case "title":
			meta.Title = v.Value
		case "subtitle":
			meta.Subtitle = v.Value
		case "date":
			meta.Date = v.Value
		case "description", "abstract":
			meta.Description = v.Value
		case "cover-image":
			meta.Cover = v.Value
		case "author":
			meta.Authors = quartoAuthors(v)
		case "chapters":
			b.quartoChapters(file, Body, v, diags)
		case "appendices":
			b.quartoChapters(file, Appendix, v, diags)
		}
	}
	numbered := c.NumberSections == nil || *c.NumberSections
	for _, f := range c.Format {
		if f.NumberSections != nil && !*f.NumberSections {
			numbered = false
		}
	}
	if numbered {
		b.numberChaptersAndSections(meta.Pos)
	}
	return meta
}

// numberChaptersAndSections numbers the book's chapters and sections
// unless the command line says otherwise, as Quarto's and Jupyter
// Book's configurations ask (pos: where).
func (b *Book) numberChaptersAndSections(pos doc.Pos) {
	for _, name := range []string{"number-chapters", "number-sections"} {
		b.Output = append(b.Output, options.Assignment{Setting: options.Lookup(name), Value: "true", Pos: pos})
	}
}

// quartoChapters reads a list of book.chapters or book.appendices: a file
// name, or a part (part: its page's file, or its title; chapters: its
// chapters).
func (b *Book) quartoChapters(file string, part Part, v *yaml.Node, diags *diag.List) {
	if v.Kind != yaml.SequenceNode {
		diags.Errorf(at(file, v), "book.%s must be a list of chapter files", map[Part]string{Body: "chapters", Appendix: "appendices"}[part])
		return
	}
	for _, e := range v.Content {
		switch e.Kind {
		case yaml.ScalarNode:
			b.quartoChapter(file, part, e, diags)
		case yaml.MappingNode:
			for i := 0; i+1 < len(e.Content); i += 2 {
				switch key, val := e.Content[i].Value, e.Content[i+1]; key {
				case "part":
					if strings.HasSuffix(val.Value, ".qmd") || strings.HasSuffix(val.Value, ".md") {
						b.quartoChapter(file, part, val, diags)
					} else { // a title: a page of its own
						b.Chapters = append(b.Chapters, Chapter{Part: part, Title: val.Value, Pos: at(file, val)})
					}
				case "chapters":
					b.quartoChapters(file, part, val, diags)
				case "href", "file":
					b.quartoChapter(file, part, val, diags)
				default:
					diags.Warnf(at(file, e.Content[i]), "unknown key %q of a book.chapters entry (want part, chapters)", key)
				}
			}
		default:
			diags.Errorf(at(file, e), "a chapter must be a file name or a part")
		}
	}
}

// quartoChapter adds the chapter file named by v.
func (b *Book) quartoChapter(file string, part Part, v *yaml.Node, diags *diag.List) {
	name := strings.TrimSpace(v.Value)
	switch {
	case name == "":
		diags.Errorf(at(file, v), "chapter entry has no file")
	case strings.HasSuffix(name, ".ipynb"):
		diags.Warnf(at(file, v), "chapter %q is a Jupyter notebook, which galley does not read: it is left out", name)
	default:
		b.Chapters = append(b.Chapters, Chapter{Part: part, File: name, Pos: at(file, v)})
	}
}

// quartoAuthors reads book.author: a name, a list of names, or a list of
// mappings with a name (a string, or given and family).
func quartoAuthors(v *yaml.Node) []string {
	if v.Kind == yaml.ScalarNode {
		return []string{v.Value}
	}
	var names []string
	for _, e := range v.Content {
		switch e.Kind {
		case yaml.ScalarNode:
			names = append(names, e.Value)
		case yaml.MappingNode:
			if n := authorName(e); n != "" {
				names = append(names, n)
			}
		}
	}
	return names
}

// authorName is the name of an author given as a mapping.
func authorName(m *yaml.Node) string {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "name" {
			continue
		}
		v := m.Content[i+1]
		if v.Kind == yaml.ScalarNode {
			return v.Value
		}
		var given, family string
		for j := 0; j+1 < len(v.Content); j += 2 {
			switch v.Content[j].Value {
			case "given":
				given = v.Content[j+1].Value
			case "family":
				family = v.Content[j+1].Value
			}
		}
		return strings.TrimSpace(given + " " + family)
	}
	return ""
}

// stringList reads a string or a list of strings.
func stringList(v *yaml.Node) []string {
	switch v.Kind {
	case yaml.ScalarNode:
		return []string{v.Value}
	case yaml.SequenceNode:
		var out []string
		for _, e := range v.Content {
			if e.Kind == yaml.ScalarNode {
				out = append(out, e.Value)
			}
		}
		return out
	}
	return nil
}

// readQuartoVariables reads a Quarto project's _variables.yml, if it has
// one: its scalar values by name, a nested one's by its dotted path
// (course.name), for the {{< var >}} shortcode.
func readQuartoVariables(file string, diags *diag.List) map[string]string {
	src, err := readFile(file)
	if err != nil {
		return nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) == 0 {
		if err != nil {
			diags.Warnf(doc.Pos{File: file, Line: 1, Col: 1}, "_variables.yml is not read: %v", err)
		}
		return nil
	}
	vars := map[string]string{}
	var walk func(prefix string, n *yaml.Node)
	walk = func(prefix string, n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(prefix+n.Content[i].Value+".", n.Content[i+1])
			}
		case yaml.ScalarNode:
			vars[strings.TrimSuffix(prefix, ".")] = n.Value
		}
	}
	walk("", root.Content[0])
	return vars
}
