package markdown

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TestCSLReferences: the front matter's references, CSL items as pandoc
// reads them, become the works the text cites: one case a field or form.
func TestCSLReferences(t *testing.T) {
	cases := []struct {
		name string
		item string // one CSL item in YAML, indented as a list entry
		want string // ID|Names|Author|Title|Year|Publisher|URL
	}{
		{"1 a book", "{id: cha2012, author: [{family: Cha, given: Victor}], title: The Impossible State, publisher: Ecco, publisher-place: New York, issued: {date-parts: [[2012, 3]]}}",
			"cha2012|Cha|Cha, Victor|The Impossible State|2012|New York: Ecco|"},
		{"2 two authors", "{id: sj, author: [{family: Smith, given: Anna}, {family: Jones, given: Bo}], title: T, issued: 2019}",
			"sj|Smith and Jones|Smith, Anna, and Bo Jones|T|2019||"},
		{"3 three authors", "{id: x, author: [{family: A}, {family: B}, {family: C}], title: T, issued: {year: 2001}}",
			"x|A, B, and C|A, B, and C|T|2001||"},
		{"4 four authors: et al.", "{id: x, author: [{family: A}, {family: B}, {family: C}, {family: D}], title: T, issued: '2001-05'}",
			"x|A et al.|A, B, C, and D|T|2001||"},
		{"5 an article: its journal, volume, issue and pages; a DOI its URL", "{id: lee, author: [{family: Lee}], title: Summit, container-title: Foreign Affairs, volume: 94, issue: 3, page: 45-67, issued: [{year: 2015}], DOI: 10.1000/xyz}",
			"lee|Lee|Lee|Summit|2015|Foreign Affairs 94 (3): 45–67|https://doi.org/10.1000/xyz"},
		{"6 an institution; no date", "{id: who, author: [{literal: World Health Organization}], title: Report}",
			"who|World Health Organization|World Health Organization|Report|n.d.||"},
		{"7 editors when no author", "{id: ed, editor: [{family: Ng, given: Li}], title: Essays, issued: 1999, URL: 'https://e.example/'}",
			"ed|Ng|Ng, Li, ed|Essays|1999||https://e.example/"},
		{"8 no names: the title", "{id: anon, title: Beowulf, issued: 1000}",
			"anon|Beowulf||Beowulf|1000||"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "---\ntitle: T\nreferences:\n  - " + c.item + "\n---\n\nText.\n"
			var dl diag.List
			d := Parse("doc.md", []byte(src), &dl)
			if len(dl.Items()) != 0 || len(d.Meta.References) != 1 {
				t.Fatalf("diagnostics %v, %d references", dl.Items(), len(d.Meta.References))
			}
			r := d.Meta.References[0]
			got := strings.Join([]string{r.ID, r.Names, r.Author, r.Title, r.Year, r.Publisher, r.URL}, "|")
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if r.Pos.Line != 4 {
				t.Errorf("position %v, want line 4", r.Pos)
			}
		})
	}
}

// TestCSLProblems: what cannot be read is reported where it is.
func TestCSLProblems(t *testing.T) {
	cases := []struct{ name, front, want string }{
		{"1 an item without an id", "references:\n  - {title: T}", "doc.md:3:5: error: reference has no id: the text cannot cite it"},
		{"2 not a list", "references: cha2012", `doc.md:2:13: error: front-matter key "references" must be a list of CSL items`},
		{"3 a file of another kind", "bibliography: refs.ris", `doc.md:2:15: warning: bibliography "refs.ris" is left out: galley reads BibTeX (.bib), CSL JSON (.json) and CSL YAML (.yaml)`},
		{"4 a CSL style", "csl: apa.csl", "doc.md:2:1: warning: csl: galley cites in the author-date style of the Chicago Manual, and does not read CSL styles"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var dl diag.List
			d := Parse("doc.md", []byte("---\n"+c.front+"\n---\n\nText.\n"), &dl)
			var got []string
			for _, x := range dl.Items() {
				got = append(got, x.String())
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
				t.Errorf("diagnostics %q\nwant %q", got, c.want)
			}
			if len(d.Meta.Bibliography) != 0 {
				t.Errorf("bibliography %v, want none", d.Meta.Bibliography)
			}
		})
	}
}

// TestReadBibliography: a bibliography file of CSL JSON (a list, as
// Zotero exports it), or of CSL YAML (pandoc's mapping with its
// references), and a broken one reported at its line.
func TestReadBibliography(t *testing.T) {
	json := `[
  {"id": "a", "author": [{"family": "Ada"}], "title": "One", "issued": {"date-parts": [[1843]]}},
  {"id": "b", "title": "Two"}
]`
	yamlFile := "references:\n- id: c\n  title: Three\n  issued: 1900\n"
	for _, c := range []struct{ name, src, want string }{
		{"refs.json", json, "a Ada 1843|b Two n.d."},
		{"refs.yaml", yamlFile, "c Three 1900"},
	} {
		var dl diag.List
		refs := ReadBibliography(c.name, []byte(c.src), &dl)
		var got []string
		for _, r := range refs {
			got = append(got, r.ID+" "+r.Names+" "+r.Year)
		}
		if strings.Join(got, "|") != c.want || len(dl.Items()) != 0 {
			t.Errorf("%s: %q, diagnostics %v; want %q", c.name, got, dl.Items(), c.want)
		}
		if len(refs) > 0 && refs[0].Pos.File != c.name {
			t.Errorf("%s: position %v names another file", c.name, refs[0].Pos)
		}
	}
	var dl diag.List
	if refs := ReadBibliography("bad.json", []byte("[\n  {\"id\": \"a\",\n  \"title\" \"x\"}\n]"), &dl); len(refs) != 0 || len(dl.Items()) != 1 ||
		!strings.HasPrefix(dl.Items()[0].String(), "bad.json:2:1: error: bibliography: did not find expected ',' or '}'") {
		t.Errorf("broken JSON: %d references, diagnostics %v; want none and one error at the item (line 2)", len(refs), dl.Items())
	}
}

// TestCitableFurtherReading: a further-reading entry with an id is a work
// the text can cite, named by its authors' family names.
func TestCitableFurtherReading(t *testing.T) {
	for _, c := range []struct{ author, names string }{
		{"Barbara Demick", "Demick"},
		{"Cha, Victor", "Cha"},
		{"Anna Smith and Bo Jones", "Smith and Jones"},
		{"A. Ng; B. Li & C. Wu; D. Ho", "Ng et al."},
		{"", "Nothing to Envy"},
	} {
		var dl diag.List
		d := Parse("doc.md", []byte("---\nfurther_reading:\n  - {id: w, title: Nothing to Envy, author: \""+c.author+"\"}\n---\n"), &dl)
		if len(dl.Items()) != 0 || len(d.Meta.FurtherReading) != 1 {
			t.Fatalf("%q: diagnostics %v", c.author, dl.Items())
		}
		if r := d.Meta.FurtherReading[0]; r.ID != "w" || r.Names != c.names || r.Year != "n.d." {
			t.Errorf("%q: id %q, names %q, year %q; want w, %q, n.d.", c.author, r.ID, r.Names, r.Year, c.names)
		}
	}
}

// TestOmit: the fenced divs of the classes Syntax.Omit names are left
// out with all they hold, by their name (::: solution) or a class
// ({.instructor}, any case); others stay. A heading left out defines no
// link reference by its text ([Answers] stays text).
func TestOmit(t *testing.T) {
	src := "Task. [Answers].\n\n::: solution\n# Answers\nThe answer.\n:::\n\n::: {.note .Instructor}\nTeach it so.\n:::\n\n::: challenge\nTry it.\n\n:::: solution\nNested answer.\n::::\n:::\n"
	var dl diag.List
	d := ParseLines("doc.md", []byte(src), nil, Syntax{Omit: []string{"solution", "instructor"}}, &dl)
	got := doc.DumpString(d)
	for _, gone := range []string{"answer", "Teach"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q is still there:\n%s", gone, got)
		}
	}
	if !strings.Contains(got, "Try it.") || !strings.Contains(got, `"Task. [Answers]."`) || len(dl.Items()) != 0 {
		t.Errorf("what stays is gone, or diagnostics %v:\n%s", dl.Items(), got)
	}
	if all := doc.DumpString(Parse("doc.md", []byte(src), nil)); !strings.Contains(all, "The answer.") || !strings.Contains(all, "Teach it so.") ||
		!strings.Contains(all, `url="galley-heading:doc.md:4:1"`) {
		t.Errorf("without Omit, every div stays:\n%s", all)
	}
}
