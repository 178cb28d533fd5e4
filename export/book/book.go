// Package book reads a multi-file book — a directory with a book.yaml, an
// mdBook-style SUMMARY.md listing chapter files, a Carpentries lesson's
// config.yaml, a Quarto book's _quarto.yml, a Jupyter Book's _toc.yml or
// a bookdown book's _bookdown.yml — and assembles the chapters
// into one document tree: headings get book-wide unique ids, links between
// chapter files (`[see](ch2.md#setup)`) become internal links (`#setup`),
// image paths become relative to the book's directory, and chapters and
// sections can be numbered. The renderers then see one document, so the
// cross-file links work in the PDF and in the EPUB alike.
package book

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/mdbook"
	"github.com/galley-pub/galley/export/options"
)

// The file names that make a directory a book, in order of preference
// (with TOMLFile between them).
const (
	ConfigFile  = "book.yaml"
	SummaryFile = "SUMMARY.md"
)

// MaxFileSize is the largest chapter or configuration file read.
const MaxFileSize = 64 << 20

// Part is the part of a book a chapter belongs to.
type Part int

// The parts, in reading order.
const (
	Front    Part = iota // preface, foreword: never numbered
	Body                 // the chapters proper
	Appendix             // appendices: lettered in some numbered books (Book.letterAppendices), else not numbered
)

// String names the part as in book.yaml.
func (p Part) String() string {
	switch p {
	case Front:
		return "front"
	case Appendix:
		return "appendix"
	}
	return "chapters"
}

// Chapter is one chapter file of the book.
type Chapter struct {
	Part  Part
	File  string  // path relative to the book's directory, slash-separated; "" for a part's page that is only its Title
	Title string  // the title given in the chapter list, if any
	Depth int     // nesting in SUMMARY.md: 0 for a chapter, 1 for a sub-chapter…
	Pos   doc.Pos // where the chapter list names it
}

// Book is a loaded book.
type Book struct {
	Dir    string // where the chapters are: the book's directory, or book.toml's src
	Root   string // the book's directory, as given: nothing outside it is read
	Config string // path of book.yaml, book.toml or SUMMARY.md
	Name   string // base name of the artifacts
	// Output is book.yaml's `output:` section, as settings of the options
	// table; Options is the build's options with them applied.
	Output   []options.Assignment
	Options  options.Options
	Chapters []Chapter
	Doc      *doc.Document // the assembled tree, before the shared passes
	// Included are the files the chapters' includes brought in, sorted:
	// a change to one changes the book (galley watch).
	Included []string

	// mdBook is set for a book of mdBook's (SUMMARY.md, book.toml), whose
	// code hides lines as mdBook's web pages do (hideLines), by
	// hidelines' prefixes (book.toml's) besides Rust's "# ".
	mdBook    bool
	hidelines map[string]string
	// docsify is set for a docsify site (docsify.go), whose pages have
	// docsify's callouts.
	docsify bool
	// mkdocs is set for a MkDocs site (mkdocs.go), whose pages are in
	// MkDocs' Markdown; snippets is its pymdownx.snippets' settings, when
	// it includes files so.
	mkdocs   bool
	snippets *mdbook.Snippets
	// mdx is set for a Docusaurus site (docusaurus.go), whose pages are
	// MDX.
	mdx bool
	// obsidian is set for a book in an Obsidian vault, whose chapters are
	// notes in Obsidian's Markdown (markdown.ObsidianVault).
	obsidian bool
	// mathJax is set for an mdBook with mathjax-support: its chapters'
	// \\( … \\) and \\[ … \\] are formulas (markdown.Syntax).
	mathJax bool
	// katex is set for an mdBook that runs mdbook-katex: its dollar math
	// is read by its rules (markdown.Syntax).
	katex bool
	// ruleIDs is set for a book that runs the Rust Reference's
	// mdbook-spec preprocessor: its r[rule.name] lines are link targets
	// (ruleAnchors).
	ruleIDs bool
	// unrun names book.toml's preprocessors that galley does not run,
	// whose {{%…}} directive lines are left out (otherDirectives).
	unrun []string
	// figureDirs are where a lesson's images are looked for when not
	// beside their page (siteImage); nil for other books.
	figureDirs []string
	// bookdown is set for a bookdown book, whose chapters' part headings
	// are read (bookdownParts); metaFromFirst for a book whose metadata
	// is its first chapter's front matter (bookdown's index.Rmd).
	bookdown, metaFromFirst bool
	// letterAppendices is set for a book whose appendices are lettered
	// when its chapters are numbered ("A. Title", "A.1"), as Quarto's and
	// bookdown's are; other books' appendices (mdBook's suffix
	// chapters, a lesson's glossary) are not numbered.
	letterAppendices bool
	// quarto is set for a Quarto book, whose chapters' shortcodes are
	// read (mdbook.ExpandQuarto), quartoVars its _variables.yml.
	quarto     bool
	quartoVars map[string]string
}

// Configurations names the files Locate finds a book's directory by, for
// messages about a directory that is not a book.
const Configurations = "book.yaml, book.toml or SUMMARY.md (mdBook), _sidebar.md (docsify), a _quarto.yml of project type book (Quarto), _toc.yml (Jupyter Book), _bookdown.yml (bookdown), or config.yaml and episodes/ (a Carpentries lesson)"

// Locate reports whether path names a book: a directory holding book.yaml,
// book.toml or SUMMARY.md, docsify's _sidebar.md, a Workbench lesson's config.yaml, a Quarto
// book's _quarto.yml, a Jupyter Book's _toc.yml or a bookdown book's
// _bookdown.yml, or such a file itself. It returns the configuration
// file.
func Locate(path string) (config string, ok bool) {
	st, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	if st.IsDir() {
		for _, name := range []string{ConfigFile, TOMLFile, SummaryFile} {
			p := filepath.Join(path, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return p, true
			}
		}
		if isDocsify(path) {
			return filepath.Join(path, DocsifyFile), true
		}
		if isWorkbench(path) {
			return filepath.Join(path, WorkbenchFile), true
		}
		if isQuartoBook(path) {
			return filepath.Join(path, QuartoFile), true
		}
		if isJupyterBook(path) {
			return filepath.Join(path, JupyterBookFile), true
		}
		if isBookdown(path) {
			return filepath.Join(path, BookdownFile), true
		}
		if isMkDocs(path) {
			return filepath.Join(path, MkDocsFile), true
		}
		if config, ok := isDocusaurus(path); ok {
			return config, true
		}
		return "", false
	}
	switch filepath.Base(path) {
	case ConfigFile, TOMLFile, SummaryFile, DocsifyFile:
		return path, true
	case WorkbenchFile:
		return path, isWorkbench(filepath.Dir(path))
	case QuartoFile:
		return path, isQuartoBook(filepath.Dir(path))
	case JupyterBookFile, BookdownFile, MkDocsFile:
		return path, true
	}
	if slices.Contains(DocusaurusFiles, filepath.Base(path)) {
		_, ok := isDocusaurus(filepath.Dir(path))
		return path, ok
	}
	return "", false
}

// Load reads the book whose configuration file is config (see Locate) and
// assembles its chapters, with base (the command line's options) and
// book.yaml's `output:` section combined as Book.Options. Problems in the
// sources go to diags; err is for a configuration file that cannot be read
// at all, and for output settings that exclude each other.
func Load(config string, base options.Options, diags *diag.List) (*Book, error) {
	src, err := readFile(config)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(config)
	b := &Book{Dir: dir, Root: dir, Config: config, obsidian: markdown.ObsidianVault(dir)}
	b.Name = dirName(dir)
	var meta doc.Meta
	switch filepath.Base(config) {
	case SummaryFile:
		b.mdBook = true
		meta, b.Chapters = readSummary(config, src, diags)
	case DocsifyFile:
		b.docsify = true
		meta = b.readDocsify(config, src, diags)
	case TOMLFile:
		b.mdBook = true
		if meta, err = b.readTOML(config, src, diags); err != nil {
			return nil, err
		}
	case WorkbenchFile:
		meta = b.readWorkbench(config, src, diags)
	case QuartoFile:
		meta = b.readQuarto(config, src, diags)
	case JupyterBookFile:
		meta = b.readJupyterBook(config, src, diags)
	case BookdownFile:
		meta = b.readBookdown(config, src, diags)
	case MkDocsFile:
		meta = b.readMkDocs(config, src, diags)
	case DocusaurusFiles[0], DocusaurusFiles[1], DocusaurusFiles[2]:
		meta = b.readDocusaurus(config, src, diags)
	default:
		meta = markdown.ParseMeta(config, src, bookKey, diags)
		b.readConfig(config, src, diags)
	}
	if b.Options, err = base.ForBook(b.Output); err != nil {
		return nil, err
	}
	if b.Options.Output.Name != "" {
		b.Name = b.Options.Output.Name
	}
	if len(b.Chapters) == 0 {
		diags.Errorf(meta.Pos, "the book lists no chapters")
	}
	b.Doc = assemble(b, meta, diags)
	return b, nil
}

// bookKey reports whether key belongs to book.yaml rather than to the
// document metadata.
func bookKey(key string) bool {
	switch key {
	case "front", "chapters", "appendix", "output":
		return true
	}
	return false
}

func readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: file is %d bytes, more than the limit of %d", path, st.Size(), MaxFileSize)
	}
	return os.ReadFile(path)
}

// readConfig reads the chapter lists and the output options of book.yaml.
// The metadata keys are read by markdown.ParseMeta.
func (b *Book) readConfig(file string, src []byte, diags *diag.List) {
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&root); err != nil || len(root.Content) == 0 {
		return // ParseMeta has reported it
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "front":
			b.chapterList(file, Front, v, diags)
		case "chapters":
			b.chapterList(file, Body, v, diags)
		case "appendix":
			b.chapterList(file, Appendix, v, diags)
		case "output":
			b.Output = options.FromYAML(file, v, diags)
		}
	}
}

func at(file string, n *yaml.Node) doc.Pos { return doc.Pos{File: file, Line: n.Line, Col: n.Column} }

// chapterList reads a list of chapter files: each entry is a path, or a
// mapping with `file` and an optional `title`.
func (b *Book) chapterList(file string, part Part, v *yaml.Node, diags *diag.List) {
	if v.Kind != yaml.SequenceNode {
		diags.Errorf(at(file, v), "%q must be a list of chapter files", part.String())
		return
	}
	for _, e := range v.Content {
		ch := Chapter{Part: part, Pos: at(file, e)}
		switch e.Kind {
		case yaml.ScalarNode:
			ch.File = e.Value
		case yaml.MappingNode:
			for i := 0; i+1 < len(e.Content); i += 2 {
				switch key, val := e.Content[i].Value, e.Content[i+1]; key {
				case "file":
					ch.File = val.Value
				case "title":
					ch.Title = val.Value
				default:
					diags.Warnf(at(file, e.Content[i]), "unknown chapter key %q (want file, title)", key)
				}
			}
		default:
			diags.Errorf(at(file, e), "a chapter must be a file name or a mapping with file and title")
			continue
		}
		if strings.TrimSpace(ch.File) == "" {
			diags.Errorf(at(file, e), "chapter entry has no file")
			continue
		}
		b.Chapters = append(b.Chapters, ch)
	}
}

// dirName is the name of the book's directory, the artifacts' default
// base name.
func dirName(dir string) string {
	name := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil && (name == "." || name == string(filepath.Separator)) {
		name = filepath.Base(abs)
	}
	return name
}

// ArtifactName is the base name of the artifacts of the book whose
// configuration file is config, as Load will find it (book.yaml's
// output.name, else the directory's name), read without loading the book:
// a batch checks with it that no two inputs write the same files.
func ArtifactName(config string) string {
	name := dirName(filepath.Dir(config))
	if filepath.Base(config) == BookdownFile {
		if src, err := readFile(config); err == nil {
			return firstNonEmpty(bookdownName(src), name)
		}
		return name
	}
	if filepath.Base(config) != ConfigFile {
		return name
	}
	src, err := readFile(config)
	if err != nil {
		return name
	}
	var y struct {
		Output struct {
			Name string `yaml:"name"`
		} `yaml:"output"`
	}
	if yaml.Unmarshal(src, &y) == nil && y.Output.Name != "" {
		return y.Output.Name
	}
	return name
}
