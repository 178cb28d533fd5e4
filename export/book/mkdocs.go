package book

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/mdbook"
)

// MkDocsFile is a MkDocs site's configuration: a directory holding it is
// a book, its pages the ones its nav lists, in order, a section's name a
// part's page before its pages (nested ones as sub-chapters):
//
//	site_name: Physics 101
//	site_author: A. Teacher
//	docs_dir: docs
//	nav:
//	  - Home: index.md
//	  - Mechanics:
//	    - Forces: mechanics/forces.md
//	    - mechanics/energy.md
//	  - Source: https://example.org/repo
//
// A page's name in the nav titles it when it starts with no heading of
// its own. A link out of the site (an http or https URL) is no page and
// is left out. With no nav, the pages are every Markdown file under
// docs_dir: by directory, each directory's index first. The snippets of
// pymdownx.snippets, when markdown_extensions has it, are included
// (mdbook.Snippets); the pages' admonitions, tabs, marks and keys are
// read by the Markdown reader (markdown's mkdocs.go).
const MkDocsFile = "mkdocs.yml"

// isMkDocs reports whether dir holds a MkDocs site's mkdocs.yml.
func isMkDocs(dir string) bool {
	return fileIn(dir, MkDocsFile)
}

// mkdocsConfig is what galley reads of mkdocs.yml.
type mkdocsConfig struct {
	SiteName        string    `yaml:"site_name"`
	SiteAuthor      string    `yaml:"site_author"`
	SiteDescription string    `yaml:"site_description"`
	DocsDir         string    `yaml:"docs_dir"`
	Nav             yaml.Node `yaml:"nav"`
	Theme           yaml.Node `yaml:"theme"`
	Extensions      yaml.Node `yaml:"markdown_extensions"`
}

// readMkDocs reads a MkDocs site's mkdocs.yml (file, its text src): the
// metadata, and the pages as chapters.
func (b *Book) readMkDocs(file string, src []byte, diags *diag.List) doc.Meta {
	b.mkdocs = true
	meta := doc.Meta{Pos: doc.Pos{File: file, Line: 1, Col: 1}}
	var c mkdocsConfig
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&c); err != nil {
		diags.Errorf(meta.Pos, "mkdocs.yml cannot be read: %v", err)
		return meta
	}
	meta.Title, meta.Description = strings.TrimSpace(c.SiteName), strings.TrimSpace(c.SiteDescription)
	if a := strings.TrimSpace(c.SiteAuthor); a != "" {
		meta.Authors = []string{a}
	}
	meta.Lang = themeLanguage(&c.Theme)
	docsDir := firstNonEmpty(strings.TrimSpace(c.DocsDir), "docs")
	rel := filepath.Clean(filepath.FromSlash(docsDir))
	if !filepath.IsLocal(rel) {
		diags.Errorf(meta.Pos, "mkdocs.yml: docs_dir %q leads outside the site's directory", c.DocsDir)
		return meta
	}
	b.Dir = filepath.Join(filepath.Dir(file), rel)
	b.snippets = snippetsConfig(&c.Extensions)
	if c.Nav.Kind == 0 {
		b.mkdocsPages(file, diags)
		return meta
	}
	if c.Nav.Kind != yaml.SequenceNode {
		diags.Errorf(at(file, &c.Nav), "mkdocs.yml: nav must be a list of pages and sections")
		return meta
	}
	b.mkdocsNav(file, c.Nav.Content, 0, diags)
	return meta
}

// snippetsConfig reads the configuration of pymdownx.snippets from
// mkdocs.yml's markdown_extensions (a list of names, or of one-key
// mappings of a name to its settings): nil when the site does not use it.
func snippetsConfig(extensions *yaml.Node) *mdbook.Snippets {
	if extensions.Kind != yaml.SequenceNode {
		return nil
	}
	for _, e := range extensions.Content {
		var settings *yaml.Node
		switch {
		case e.Kind == yaml.ScalarNode && e.Value == "pymdownx.snippets":
		case e.Kind == yaml.MappingNode && len(e.Content) == 2 && e.Content[0].Value == "pymdownx.snippets":
			settings = e.Content[1]
		default:
			continue
		}
		s := &mdbook.Snippets{Base: []string{"."}}
		if settings == nil || settings.Kind != yaml.MappingNode {
			return s
		}
		for i := 0; i+1 < len(settings.Content); i += 2 {
			switch settings.Content[i].Value {
			case "base_path":
				s.Base = scalars(settings.Content[i+1])
			case "auto_append":
				s.AutoAppend = scalars(settings.Content[i+1])
			}
		}
		return s
	}
	return nil
}

// scalars is a scalar's value, or a list's scalars.
func scalars(n *yaml.Node) []string {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind == yaml.ScalarNode {
			out = append(out, c.Value)
		}
	}
	return out
}

// themeLanguage is theme.language, when the theme is a mapping.
func themeLanguage(theme *yaml.Node) string {
	if theme.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(theme.Content); i += 2 {
		if theme.Content[i].Value == "language" && theme.Content[i+1].Kind == yaml.ScalarNode {
			return strings.TrimSpace(theme.Content[i+1].Value)
		}
	}
	return ""
}

// mkdocsNav adds the pages and sections of a nav list, at depth.
func (b *Book) mkdocsNav(file string, items []*yaml.Node, depth int, diags *diag.List) {
	for _, e := range items {
		switch e.Kind {
		case yaml.ScalarNode:
			b.mkdocsPage(file, "", e, depth, diags)
		case yaml.MappingNode:
			if len(e.Content) != 2 {
				diags.Errorf(at(file, e), "mkdocs.yml: a nav entry must be one name and its page or section")
				continue
			}
			title, v := strings.TrimSpace(e.Content[0].Value), e.Content[1]
			switch v.Kind {
			case yaml.ScalarNode:
				b.mkdocsPage(file, title, v, depth, diags)
			case yaml.SequenceNode:
				b.Chapters = append(b.Chapters, Chapter{Part: Body, Title: title, Depth: depth, Pos: at(file, e)})
				b.mkdocsNav(file, v.Content, depth+1, diags)
			default:
				diags.Errorf(at(file, v), "mkdocs.yml: %q must name a page or hold a list of pages", title)
			}
		default:
			diags.Errorf(at(file, e), "mkdocs.yml: a nav entry must be a page, or a name and its page or section")
		}
	}
}

// mkdocsPage adds the page a nav entry names (v, under title), unless it
// is a link out of the site.
func (b *Book) mkdocsPage(file, title string, v *yaml.Node, depth int, diags *diag.List) {
	name := strings.TrimSpace(v.Value)
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") || strings.HasPrefix(name, "mailto:") {
		return // a link in the site's menu, no page
	}
	name = strings.TrimPrefix(name, "/")
	if st, err := os.Stat(filepath.Join(b.Dir, filepath.FromSlash(name))); err == nil && st.IsDir() && name != "" {
		b.mkdocsDir(file, title, path.Clean(name), v, depth, diags)
		return
	}
	if !fileIn(b.Dir, name) {
		diags.Errorf(at(file, v), "page %q of mkdocs.yml's nav is not in the site's docs directory", v.Value)
		return
	}
	b.Chapters = append(b.Chapters, Chapter{Part: Body, File: name, Title: title, Depth: depth, Pos: at(file, v)})
}

// navLink is a list item that is a link to a Markdown page, as
// mkdocs-literate-nav reads a directory's nav file.
var navLink = regexp.MustCompile(`(?m)^[ \t]*[-*+][ \t]+\[[^\]]*\]\(<?([^)\s>]+\.md)>?\)[ \t]*$`)

// mkdocsDir adds the section a nav entry that names a directory (dir,
// under title) stands for, as mkdocs-literate-nav reads one: its index
// page (README.md or index.md), then the pages its list of links names,
// in order, or, with no such list, every page of the directory by name.
func (b *Book) mkdocsDir(file, title, dir string, v *yaml.Node, depth int, diags *diag.List) {
	var index string
	for _, name := range []string{"README.md", "index.md"} {
		if fileIn(b.Dir, path.Join(dir, name)) {
			index = path.Join(dir, name)
			break
		}
	}
	b.Chapters = append(b.Chapters, Chapter{Part: Body, File: index, Title: title, Depth: depth, Pos: at(file, v)})
	var pages []string
	if index != "" {
		if src, err := readFile(filepath.Join(b.Dir, filepath.FromSlash(index))); err == nil {
			for _, m := range navLink.FindAllSubmatch(src, -1) {
				p := path.Join(dir, string(m[1]))
				if fileIn(b.Dir, p) && p != index && !slices.Contains(pages, p) {
					pages = append(pages, p)
				}
			}
		}
	}
	if len(pages) == 0 {
		entries, err := os.ReadDir(filepath.Join(b.Dir, filepath.FromSlash(dir)))
		if err != nil {
			diags.Errorf(at(file, v), "mkdocs.yml: reading %s: %v", dir, err)
			return
		}
		for _, e := range entries {
			if p := path.Join(dir, e.Name()); e.Type().IsRegular() && strings.EqualFold(path.Ext(p), ".md") && p != index {
				pages = append(pages, p)
			}
		}
	}
	for _, p := range pages {
		b.Chapters = append(b.Chapters, Chapter{Part: Body, File: p, Depth: depth + 1, Pos: at(file, v)})
	}
}

// mkdocsPages adds, for a site with no nav, every Markdown file under the
// docs directory: by directory, its index.md (or README.md) first, then
// its other pages by name, then its subdirectories'.
func (b *Book) mkdocsPages(file string, diags *diag.List) {
	var pages []string
	err := filepath.WalkDir(b.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != b.Dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(p), ".md") {
			rel, err := filepath.Rel(b.Dir, p)
			if err == nil {
				pages = append(pages, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		diags.Errorf(doc.Pos{File: file, Line: 1, Col: 1}, "mkdocs.yml: reading the docs directory: %v", err)
	}
	// A page's key: its directory, then its index first, then its name;
	// a directory's pages come before its subdirectories'.
	key := func(p string) string {
		dir, base := path.Split(p)
		if b := strings.ToLower(base); b == "index.md" || b == "readme.md" {
			return dir + "\x00"
		}
		return dir + "\x01" + base
	}
	slices.SortFunc(pages, func(x, y string) int { return strings.Compare(key(x), key(y)) })
	for _, p := range pages {
		b.Chapters = append(b.Chapters, Chapter{Part: Body, File: p, Pos: doc.Pos{File: file, Line: 1, Col: 1}})
	}
}

// mkdocsImage returns where an image of page rel is: beside the page, or,
// for a path that is not (raw HTML's <img src="../../assets/x.png">),
// from the page's URL, which MkDocs makes a directory of its name
// (setup/colors.md is setup/colors/): MkDocs rewrites a Markdown image's
// path, not HTML's.
func (b *Book) mkdocsImage(rel string) func(url, dir string) string {
	return func(url, dir string) string {
		p := path.Join(dir, url)
		if fileIn(b.Dir, p) {
			return p
		}
		base := path.Base(rel)
		stem := strings.TrimSuffix(base, path.Ext(base))
		if s := strings.ToLower(stem); s == "index" || s == "readme" {
			return p
		}
		if q := path.Join(dir, stem, url); fileIn(b.Dir, q) {
			return q
		}
		return p
	}
}
