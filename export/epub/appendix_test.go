package epub

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TestLongAppendix: an appendix of more entries than a file holds goes
// on in further files, each in the spine and the manifest, every entry
// once and in order, a group's heading only where it starts, and a page
// of the print edition that starts in a later file marked there. One
// that fits stays one file.
func TestLongAppendix(t *testing.T) {
	t.Parallel()
	build := func(links int) *doc.Document {
		d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{heading(1, 1, "a", "A"), para(2, txt("x"))}}
		var cited []*doc.Reference
		for i := range links {
			u := fmt.Sprintf("https://example.com/a/long/path/to/page/number/%05d/of/the/site.html", i)
			cited = append(cited, &doc.Reference{Pos: at(2, 1), Title: fmt.Sprintf("Link %05d", i), URL: u})
		}
		d.Appendix = &doc.Appendix{Pos: at(2, 1), Attr: doc.Attr{ID: "further-reading"}, Title: "Further reading", Groups: []*doc.ReferenceGroup{
			{Pos: at(1, 1), Attr: doc.Attr{ID: "recommended-reading"}, Title: "Recommended reading", Entries: []*doc.Reference{{Pos: at(1, 1), Title: "A book"}}},
			{Pos: at(2, 1), Attr: doc.Attr{ID: "links-cited"}, Title: "Links cited", Entries: cited},
		}}
		d.Outline = outline(d)
		return d
	}
	const links = 4000 // about 850 KB of XHTML
	d := build(links)
	late := d.Appendix.Groups[1].Entries[3500]
	opts := Options{PageBreaks: []PageBreak{{Label: "1"}, {Label: "2", Node: d.Appendix}, {Label: "3", Node: late}}}
	files, msgs := renderFiles(t, d, opts)
	if len(msgs) > 0 {
		t.Errorf("diagnostics: %q", msgs)
	}
	var names []string
	for name := range files {
		if strings.HasPrefix(name, "appendix") {
			names = append(names, name)
		}
	}
	if len(names) < 4 {
		t.Fatalf("%d appendix files, want 4 or more: %v", len(names), names)
	}
	entry := regexp.MustCompile(`<li>(?:<span [^>]*/>)?<cite>Link (\d{5})</cite>`)
	next := 0
	for i := range names {
		name := "appendix.xhtml"
		if i > 0 {
			name = fmt.Sprintf("appendix-%d.xhtml", i+1)
		}
		text, ok := files[name]
		if !ok {
			t.Fatalf("no %s among %v", name, names)
		}
		if len(text) > 260<<10 {
			t.Errorf("%s is %d KB, more than Calibre's 260", name, len(text)>>10)
		}
		for _, m := range entry.FindAllStringSubmatch(text, -1) {
			if m[1] != fmt.Sprintf("%05d", next) {
				t.Fatalf("%s: entry %s where %05d was next", name, m[1], next)
			}
			next++
		}
		mustContain(t, "package.opf", files["package.opf"], `<item id="`+strings.TrimSuffix(name, ".xhtml")+`" href="`+name+`"`,
			`<itemref idref="`+strings.TrimSuffix(name, ".xhtml")+`"/>`)
		if i == 0 {
			mustContain(t, name, text, `<h1>Further reading</h1>`, `<h2>Links cited</h2>`, `id="page-2"`)
			continue
		}
		mustContain(t, name, text, `<section epub:type="appendix" role="doc-appendix" aria-label="Further reading">`, `<section aria-label="Links cited">`)
		if strings.Contains(text, "<h1>") || strings.Contains(text, "<h2>") {
			t.Errorf("%s repeats a heading", name)
		}
		if strings.Contains(text, "Link 03500<") != strings.Contains(text, `id="page-3"`) {
			t.Errorf("%s: page 3's marker is not in the file of the entry it starts at", name)
		}
	}
	if next != links {
		t.Errorf("%d entries written, want %d", next, links)
	}
	mustContain(t, "nav.xhtml", files["nav.xhtml"], `href="appendix.xhtml#page-2"`, `href="appendix.xhtml#links-cited"`)
	if !regexp.MustCompile(`href="appendix-\d\.xhtml#page-3"`).MatchString(files["nav.xhtml"]) {
		t.Errorf("the page list does not link page 3 into a later appendix file")
	}
	out, err := Render(d, opts, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "long.epub")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	epubcheck(t, p)

	short, _ := renderFiles(t, build(10), Options{})
	if _, ok := short["appendix-2.xhtml"]; ok || short["appendix.xhtml"] == "" {
		t.Errorf("a short appendix is not one file")
	}
}
