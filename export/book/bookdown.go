package book

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// BookdownFile is a bookdown book's configuration: a directory holding it
// is a book, its chapters the R Markdown files rmd_files lists, else every
// .Rmd file of the directory (and of rmd_subdir's) in the order of their
// names, index.Rmd first and those whose name starts with _ left out.
//
//	book_filename: "adv-r"
//	rmd_files: ["index.Rmd", "Introduction.Rmd", "Names-values.Rmd"]
//
// rmd_files may also be a mapping with a list for each output (html:,
// latex:); galley reads the html one, the e-book's. The book's title,
// authors, date, cover (cover-image) and bibliography are index.Rmd's
// front matter. As bookdown does, galley numbers the chapters and their
// sections unless _output.yml says number_sections: false. In the
// chapters, a level-1 heading "# (PART) Basics {-}" is a part's title
// page, and "# (APPENDIX) Appendix {-}" one after which the chapters are
// the appendix (bookdownParts); the reader reads the code chunks and the
// theorem environments, the passes bookdown's \@ref(label) references.
const BookdownFile = "_bookdown.yml"

// bookdownConfig is what galley reads of _bookdown.yml; its other keys
// (new_session, delete_merged_file, output_dir, language…) are about
// how bookdown builds a site.
type bookdownConfig struct {
	BookFilename string    `yaml:"book_filename"`
	RmdFiles     yaml.Node `yaml:"rmd_files"`
	RmdSubdir    yaml.Node `yaml:"rmd_subdir"`
}

// bookdownName is the artifacts' base name _bookdown.yml (its text src)
// gives as book_filename, or "".
func bookdownName(src []byte) string {
	var c bookdownConfig
	if yaml.Unmarshal(src, &c) != nil {
		return ""
	}
	name := strings.TrimSuffix(strings.TrimSpace(c.BookFilename), ".Rmd")
	if name == "" || name != filepath.Base(name) || name == "." || name == ".." {
		return ""
	}
	return name
}

// isBookdown reports whether dir holds a bookdown book's _bookdown.yml.
func isBookdown(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, BookdownFile))
	return err == nil && fi.Mode().IsRegular()
}

// readBookdown reads a bookdown book's _bookdown.yml (file, its text
// src): its chapters, its artifacts' name, and its numbering. The
// metadata is index.Rmd's, taken by assemble (metaFromFirst).
func (b *Book) readBookdown(file string, src []byte, diags *diag.List) doc.Meta {
	meta := doc.Meta{Pos: doc.Pos{File: file, Line: 1, Col: 1}}
	b.bookdown, b.metaFromFirst, b.letterAppendices = true, true, true
	var c bookdownConfig
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&c); err != nil && len(bytes.TrimSpace(src)) > 0 {
		diags.Errorf(meta.Pos, "_bookdown.yml cannot be read: %v", err)
		return meta
	}
	if name := bookdownName(src); name != "" {
		b.Name = name
	}
	files := &c.RmdFiles
	if files.Kind == yaml.MappingNode { // one list for each output
		files = mappingValue(files, "html", "latex")
	}
	switch {
	case files == nil || files.Kind == 0:
		b.bookdownDefaultChapters(meta.Pos, &c.RmdSubdir, diags)
	case files.Kind == yaml.SequenceNode:
		for _, e := range files.Content {
			if name := strings.TrimSpace(e.Value); e.Kind == yaml.ScalarNode && name != "" {
				b.Chapters = append(b.Chapters, Chapter{Part: Body, File: name, Pos: at(file, e)})
			}
		}
	default:
		diags.Errorf(at(file, files), "rmd_files must be a list of R Markdown files")
	}
	if b.bookdownNumbered() {
		b.numberChaptersAndSections(meta.Pos)
	}
	return meta
}

// mappingValue returns the value of the first of keys that mapping m
// has, or nil.
func mappingValue(m *yaml.Node, keys ...string) *yaml.Node {
	for _, key := range keys {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
	}
	return nil
}

// bookdownDefaultChapters lists the book's chapters as bookdown does
// without rmd_files: the .Rmd files of its directory, and of the
// subdirectories rmd_subdir names (true: all of them), sorted by path,
// index.Rmd first, a file whose name starts with _ left out.
func (b *Book) bookdownDefaultChapters(pos doc.Pos, subdir *yaml.Node, diags *diag.List) {
	var dirs []string // subdirectories to read, "" for all
	switch subdir.Kind {
	case yaml.ScalarNode:
		if subdir.Value == "true" || subdir.Value == "yes" {
			dirs = []string{""}
		}
	case yaml.SequenceNode:
		for _, e := range subdir.Content {
			if d := path.Clean(strings.Trim(e.Value, "/")); e.Kind == yaml.ScalarNode && fs.ValidPath(d) && d != "." {
				dirs = append(dirs, d)
			}
		}
	}
	var names []string
	err := fs.WalkDir(os.DirFS(b.Dir), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != "." && (strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") || !bookdownSubdir(p, dirs)) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.EqualFold(path.Ext(p), ".rmd") && !strings.HasPrefix(e.Name(), "_") && e.Type().IsRegular() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		diags.Errorf(pos, "the book's directory cannot be read: %v", err)
		return
	}
	slices.SortStableFunc(names, func(x, y string) int {
		switch xi, yi := strings.EqualFold(x, "index.Rmd"), strings.EqualFold(y, "index.Rmd"); {
		case xi && !yi:
			return -1
		case yi && !xi:
			return 1
		}
		return strings.Compare(x, y)
	})
	for _, name := range names {
		b.Chapters = append(b.Chapters, Chapter{Part: Body, File: name, Pos: pos})
	}
}

// bookdownSubdir reports whether directory p is one whose files are
// chapters (dirs: rmd_subdir's, "" for all).
func bookdownSubdir(p string, dirs []string) bool {
	for _, d := range dirs {
		if d == "" || p == d || strings.HasPrefix(p, d+"/") || strings.HasPrefix(d, p+"/") {
			return true
		}
	}
	return false
}

// bookdownNumbered reports whether the book's sections are numbered: as
// bookdown's formats do unless _output.yml sets number_sections: false
// for one of them.
func (b *Book) bookdownNumbered() bool {
	src, err := readFile(filepath.Join(b.Dir, "_output.yml"))
	if err != nil {
		return true
	}
	var formats map[string]struct {
		NumberSections *bool `yaml:"number_sections"`
	}
	if yaml.Unmarshal(src, &formats) != nil {
		return true
	}
	for _, f := range formats {
		if f.NumberSections != nil && !*f.NumberSections {
			return false
		}
	}
	return true
}

// Bookdown's headings that are no chapter's: "# (PART) Title {-}" is a
// part's title page, "# (APPENDIX) Title {-}" the appendix's.
const (
	partMarker     = "(PART)"
	appendixMarker = "(APPENDIX)"
)

// bookdownParts reads the part headings of a chapter of a bookdown book:
// each loses its marker and is unnumbered, a part's title. It reports
// whether the chapter has the appendix's heading: the chapters after it
// are the appendix.
func bookdownParts(d *doc.Document) (appendix bool) {
	for _, blk := range d.Blocks {
		h, ok := blk.(*doc.Heading)
		if !ok || h.Level != 1 || len(h.Content) == 0 {
			continue
		}
		t, ok := h.Content[0].(*doc.Text)
		if !ok {
			continue
		}
		for _, marker := range []string{partMarker, appendixMarker} {
			if rest, found := strings.CutPrefix(t.Value, marker); found {
				t.Value = strings.TrimLeft(rest, " \t")
				if !h.Attr.HasClass("unnumbered") {
					h.Attr.Classes = append(h.Attr.Classes, "unnumbered")
				}
				h.Attr.Classes = append(h.Attr.Classes, "part")
				appendix = appendix || marker == appendixMarker
			}
		}
	}
	return appendix
}

// fillMeta sets each field of dst that is empty to src's: a book's
// metadata that is its first chapter's front matter.
func fillMeta(dst *doc.Meta, src doc.Meta) {
	if dst.Title == "" && src.Title != "" && src.Pos.IsValid() {
		dst.Pos = src.Pos // where the title is: a warning about the metadata points there
	}
	for _, f := range []struct{ dst, src *string }{
		{&dst.Title, &src.Title}, {&dst.Subtitle, &src.Subtitle}, {&dst.Date, &src.Date}, {&dst.Description, &src.Description},
		{&dst.Cover, &src.Cover}, {&dst.Lang, &src.Lang}, {&dst.Publisher, &src.Publisher}, {&dst.Identifier, &src.Identifier}, {&dst.Rights, &src.Rights},
	} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	if len(dst.Authors) == 0 {
		dst.Authors = src.Authors
	}
	if len(dst.Keywords) == 0 {
		dst.Keywords = src.Keywords
	}
}
