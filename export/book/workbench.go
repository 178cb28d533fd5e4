package book

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// WorkbenchFile is the configuration of a lesson of the Carpentries'
// Workbench (sandpaper): a directory holding it and an episodes
// directory is a book, the lesson as its learners read it.
//
//	title: 'The Unix Shell'
//	lang: en
//	episodes:
//	- 01-intro.md
//	learners:
//	- reference.md
//
// Its front matter is the lesson's summary (index.md) and setup
// (learners/setup.md), its chapters the episodes in the order listed,
// and its appendix the learners' pages (learners:, else all of
// learners/ by name: the glossary, discussion, resources). The
// instructors' and profiles' pages, which the lesson's site shows only
// in its instructor view, are not in it.
const WorkbenchFile = "config.yaml"

// workbenchDirs are a lesson's page directories; the site puts their
// figures in one folder, so a page's fig/x.png may be in any of them.
var workbenchDirs = []string{"episodes", "learners", "instructors", "profiles"}

// isWorkbench reports whether dir is a Workbench lesson: config.yaml and
// an episodes directory.
func isWorkbench(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, WorkbenchFile))
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	fi, err = os.Stat(filepath.Join(dir, "episodes"))
	return err == nil && fi.IsDir()
}

// readWorkbench reads a lesson's config.yaml (file, its text src): its
// title and language, and its pages as chapters.
func (b *Book) readWorkbench(file string, src []byte, diags *diag.List) doc.Meta {
	meta := doc.Meta{Pos: doc.Pos{File: file, Line: 1, Col: 1}}
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		diags.Errorf(meta.Pos, "config.yaml is not a mapping of the lesson's keys")
		return meta
	}
	b.figureDirs = workbenchDirs
	lists := map[string]*yaml.Node{}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "title":
			meta.Title = v.Value
		case "lang":
			meta.Lang = v.Value
		case "episodes", "learners":
			lists[k.Value] = v
		}
	}
	start := meta.Pos
	for _, f := range []string{"index.md", "learners/setup.md"} {
		if fileIn(b.Dir, f) {
			b.Chapters = append(b.Chapters, Chapter{Part: Front, File: f, Pos: start})
		}
	}
	b.workbenchList(file, Body, "episodes", lists["episodes"], diags)
	if !slices.ContainsFunc(b.Chapters, func(c Chapter) bool { return c.Part == Body }) {
		diags.Errorf(start, "config.yaml lists no episodes")
	}
	if l := lists["learners"]; l != nil && len(l.Content) > 0 {
		b.workbenchList(file, Appendix, "learners", l, diags)
		return meta
	}
	entries, _ := os.ReadDir(filepath.Join(b.Dir, "learners"))
	for _, e := range entries { // by name, as the site orders them
		if name := e.Name(); e.Type().IsRegular() && strings.HasSuffix(name, ".md") && name != "setup.md" {
			b.Chapters = append(b.Chapters, Chapter{Part: Appendix, File: "learners/" + name, Pos: start})
		}
	}
	return meta
}

// workbenchList reads one of config.yaml's lists of pages (key, in dir
// key/), as part.
func (b *Book) workbenchList(file string, part Part, key string, v *yaml.Node, diags *diag.List) {
	if v == nil {
		return
	}
	if v.Kind != yaml.SequenceNode {
		diags.Errorf(at(file, v), "%q must be a list of the lesson's %s files", key, key)
		return
	}
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode || strings.TrimSpace(e.Value) == "" {
			diags.Errorf(at(file, e), "an entry of %q must be a file name", key)
			continue
		}
		if key == "learners" && e.Value == "setup.md" {
			continue // in the front matter, after the summary
		}
		b.Chapters = append(b.Chapters, Chapter{Part: part, File: key + "/" + e.Value, Pos: at(file, e)})
	}
}

// fileIn reports whether the book's directory holds the regular file
// rel (slash-separated).
func fileIn(dir, rel string) bool {
	fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil && fi.Mode().IsRegular()
}

// siteImage returns where the image url of a chapter in dir is, relative
// to the book: beside the chapter, or, in a lesson, as the lesson's site
// finds an image that is not, the same relative path in another of its
// page directories (a glossary's fig/x.svg, in episodes/fig).
func (b *Book) siteImage(url, dir string) string {
	if len(b.figureDirs) == 0 && dir == "." {
		return url
	}
	if len(b.figureDirs) == 0 || fileIn(b.Dir, path.Join(dir, url)) {
		return path.Join(dir, url)
	}
	for _, d := range b.figureDirs {
		if d != dir && fileIn(b.Dir, path.Join(d, url)) {
			return path.Join(d, url)
		}
	}
	return path.Join(dir, url)
}
