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

// lesson is a Carpentries Workbench lesson, as swcarpentry/shell-novice
// lays one out: config.yaml, index.md, episodes/ with their figures in
// episodes/fig, learners/ (setup, a glossary using an episode's figure),
// instructors/.
func lesson(learners string) map[string]string {
	return map[string]string{
		"config.yaml": "carpentry: 'swc'\ntitle: 'The Unix Shell'\nlang: en\nlife_cycle: 'stable'\nepisodes:\n- 02-filedir.md\n- 01-intro.md\n" +
			"learners: " + learners + "\ninstructors:\nprofiles:\n",
		"index.md":               "---\nsite: sandpaper::sandpaper_site\n---\n\nThe shell has been around longer than its users.\n",
		"episodes/01-intro.md":   "---\ntitle: Introducing the Shell\nteaching: 5\nexercises: 0\n---\n\n## What is the Shell?\n\nSee [files](02-filedir.md) and the [setup](../learners/setup.md).\n",
		"episodes/02-filedir.md": "---\ntitle: Navigating Files\n---\n\n## Home\n\n![](fig/home.png){alt='A home directory'}\n",
		"episodes/fig/home.png":  "(an image)",
		"learners/setup.md":      "---\ntitle: Setup\n---\n\n## Download files\n\nUnzip them.\n",
		"learners/reference.md":  "---\ntitle: 'Summary of Basic Commands'\n---\n\n## Glossary\n\n![](fig/home.png){alt='Again'}\n",
		"learners/discuss.md":    "---\ntitle: Discussion\n---\n\n## Alphabet Soup\n\nText.\n",
		"instructors/notes.md":   "---\ntitle: Instructor Notes\n---\n\nNot for learners.\n",
	}
}

// TestWorkbenchLesson: a Workbench lesson's directory is a book: its
// title and language from config.yaml, the summary and setup first, the
// episodes in config.yaml's order, the learners' pages after them (in
// learners: order, else by name), the instructors' pages left out. Each
// page's front-matter title heads it above its first section, links
// between pages are internal, and a learners' page's fig/ image is found
// in episodes/fig, as the lesson's site finds it.
func TestWorkbenchLesson(t *testing.T) {
	for _, c := range []struct {
		learners string
		appendix []string
	}{
		{"", []string{"Discussion", "Summary of Basic Commands"}},
		{"\n- reference.md\n- setup.md\n- discuss.md", []string{"Summary of Basic Commands", "Discussion"}},
	} {
		dir := bookDir(t, lesson(c.learners))
		config, ok := Locate(dir)
		if !ok || filepath.Base(config) != WorkbenchFile {
			t.Fatalf("Locate(%s) = %q, %v; want its config.yaml", dir, config, ok)
		}
		var diags diag.List
		b, err := Load(config, options.Defaults(), &diags)
		if err != nil || diags.Len() > 0 {
			t.Fatalf("learners %q: %v %v", c.learners, err, diags.Items())
		}
		var files []string
		for _, ch := range b.Chapters {
			files = append(files, ch.Part.String()+":"+ch.File)
		}
		want := "front:index.md front:learners/setup.md chapters:episodes/02-filedir.md chapters:episodes/01-intro.md"
		if got := strings.Join(files, " "); !strings.HasPrefix(got, want) || strings.Contains(got, "instructors") {
			t.Errorf("chapters %s, want %s then the learners' pages", got, want)
		}
		if b.Doc.Meta.Title != "The Unix Shell" || b.Doc.Meta.Lang != "en" {
			t.Errorf("meta %+v", b.Doc.Meta)
		}
		var titles []string
		var images []string
		var links []string
		doc.Inspect(b.Doc, func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.Heading:
				if n.Level == 1 {
					titles = append(titles, doc.PlainText(n.Content))
				}
			case *doc.Image:
				images = append(images, n.URL+"="+n.Alt)
			case *doc.Link:
				links = append(links, n.URL)
			}
			return true
		})
		wantTitles := append([]string{"Setup", "Navigating Files", "Introducing the Shell"}, c.appendix...)
		if strings.Join(titles, "|") != strings.Join(wantTitles, "|") {
			t.Errorf("chapter titles %q, want %q", titles, wantTitles)
		}
		if strings.Join(images, " ") != "episodes/fig/home.png=A home directory episodes/fig/home.png=Again" {
			t.Errorf("images %q, want both in episodes/fig", images)
		}
		if strings.Join(links, " ") != "#navigating-files #setup" {
			t.Errorf("links %q, want internal", links)
		}
	}
}

// TestWorkbenchNotALesson: config.yaml without an episodes directory is
// not a book (a site's configuration, say); one with no episodes listed
// is an error at its file.
func TestWorkbenchNotALesson(t *testing.T) {
	if _, ok := Locate(bookDir(t, map[string]string{"config.yaml": "title: x\n", "index.md": "# x\n"})); ok {
		t.Error("a config.yaml with no episodes directory is taken for a lesson")
	}
	dir := bookDir(t, map[string]string{"config.yaml": "title: x\nepisodes:\n", "episodes/a.md": "# a\n"})
	var diags diag.List
	if _, err := Load(filepath.Join(dir, WorkbenchFile), options.Defaults(), &diags); err != nil || !strings.Contains(fmt.Sprint(diags.Items()), "config.yaml:1:1: error: config.yaml lists no episodes") {
		t.Errorf("%v %v", err, diags.Items())
	}
}
