package book

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// A docsify site is a book as it stands: a directory with docsify's
// sidebar (_sidebar.md), a list of links as SUMMARY.md's, whose pages are
// named as docsify names them ("/" the README.md, "/guide" or "guide" the
// file guide.md), its title the name its index.html gives docsify
// (window.$docsify = { name: '…' }), else its first page's heading. Its
// pages' "!> …" and "?> …" paragraphs are docsify's callouts
// (markdown.Syntax.Docsify).

// DocsifyFile is docsify's sidebar.
const DocsifyFile = "_sidebar.md"

// isDocsify reports whether dir holds a docsify sidebar.
func isDocsify(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, DocsifyFile))
	return err == nil && fi.Mode().IsRegular()
}

// docsifyName is the name index.html gives docsify.
var docsifyName = regexp.MustCompile(`\bname\s*:\s*(?:'([^'\n]*)'|"([^"\n]*)")`)

// readDocsify reads a docsify sidebar: its chapters, each page's file as
// docsify names it, and the book's title from index.html.
func (b *Book) readDocsify(config string, src []byte, diags *diag.List) doc.Meta {
	meta, chapters := readSummary(config, src, diags)
	for i := range chapters {
		chapters[i].File = docsifyPage(chapters[i].File)
	}
	b.Chapters = chapters
	if meta.Title == "" {
		if page, err := readFile(filepath.Join(filepath.Dir(config), "index.html")); err == nil {
			if m := docsifyName.FindSubmatch(page); m != nil {
				meta.Title = strings.TrimSpace(string(m[1]) + string(m[2]))
			}
		}
	}
	return meta
}

// docsifyPage is the file a docsify link names: "/" and "" its README.md,
// a directory's "/part/" its README.md, "/guide" or "guide" guide.md; a
// fragment or query goes.
func docsifyPage(link string) string {
	link, _, _ = strings.Cut(link, "#")
	link, _, _ = strings.Cut(link, "?")
	link = strings.TrimPrefix(link, "/")
	switch {
	case link == "" || strings.HasSuffix(link, "/"):
		return link + "README.md"
	case path.Ext(link) == "":
		return link + ".md"
	}
	return link
}
