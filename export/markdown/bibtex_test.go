package markdown

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
)

// TestBibTeX: a BibTeX file's entries, one form a case, read as the
// works the text cites: ID|Names|Author|Title|Year|Publisher|URL.
func TestBibTeX(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"1 a book, braced values, an address", `@book{cha2012, author = {Cha, Victor}, title = {The Impossible {State} of {\TeX}book}, publisher = {Ecco}, address = {New York}, year = 2012}`,
			"cha2012|Cha|Cha, Victor|The Impossible State of TeXbook|2012|New York: Ecco|"},
		{"2 an article: quoted values, pages with --, a DOI", `@Article{lee15,
  author  = "Sung-Yoon Lee and Bo Jones",
  title   = "The {Pyongyang} Summit",
  journal = "Foreign Affairs", volume = 94, number = "3", pages = "45--67",
  year    = "2015", doi = {10.1000/xyz},
}`, "lee15|Lee and Jones|Lee, Sung-Yoon, and Bo Jones|The Pyongyang Summit|2015|Foreign Affairs 94 (3): 45–67|https://doi.org/10.1000/xyz"},
		{"3 TeX accents and letters", `@book{g, author = {G{\"o}del, Kurt and Erd\H{o}s, P\'{a}l and {\AA}str\"om, Karl and Stra\ss{}e, Anna}, title = {{\"U}ber die Vollst\"andigkeit---ein Beweis}, year = {1930}}`,
			"g|Gödel et al.|Gödel, Kurt, Pál Erdős, Karl Åström, and Anna Straße|Über die Vollständigkeit—ein Beweis|1930||"},
		{"4 an institution braced whole; a macro joined with #", `@string{who = "World Health"} @techreport{w, author = {{World Health Organization}}, title = who # " Report", institution = {WHO}, year = 2020}`,
			"w|World Health Organization|World Health Organization|World Health Report|2020|WHO|"},
		{"5 comments and a preamble are skipped; parentheses close an entry", `@comment{x = {y}} @preamble{"\newcommand"} Text between. @misc(m, title = {Mis}, url = {https://m.example/})`,
			"m|Mis||Mis|n.d.||https://m.example/"},
		{"6 editors, a date field", `@collection{e, editor = {Ng, Li}, title = {Essays}, date = {1999-05-01}}`,
			"e|Ng|Ng, Li, ed|Essays|1999||"},
		{"7 a web page: howpublished's \\url, a ~ and an escape kept in it", `@misc{esapi, title = {{OWASP ESAPI}}, howpublished = {\url{https://owasp.example/~team/a\_b.pdf}}}`,
			"esapi|OWASP ESAPI||OWASP ESAPI|n.d.||https://owasp.example/~team/a_b.pdf"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var dl diag.List
			refs := ReadBibliography("refs.bib", []byte(c.src), &dl)
			if len(dl.Items()) != 0 || len(refs) != 1 {
				t.Fatalf("diagnostics %v, %d works", dl.Items(), len(refs))
			}
			r := refs[0]
			if got := strings.Join([]string{r.ID, r.Names, r.Author, r.Title, r.Year, r.Publisher, r.URL}, "|"); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if r.Pos.File != "refs.bib" || r.Pos.Line < 1 {
				t.Errorf("position %v", r.Pos)
			}
		})
	}
}

// TestBibTeXProblems: an entry that cannot be read is an error at its @
// (or at the field), and the entries after it are still read.
func TestBibTeXProblems(t *testing.T) {
	src := "@book{a, title = {A}, year = 2001}\n@book{b, title {B}}\n@book{c, title = {C}}\n@book{d, title = {D\n"
	var dl diag.List
	refs := ReadBibliography("refs.bib", []byte(src), &dl)
	var ids []string
	for _, r := range refs {
		ids = append(ids, r.ID)
	}
	var got []string
	for _, d := range dl.Items() {
		got = append(got, d.String())
	}
	if strings.Join(ids, " ") != "a c" || len(got) != 2 ||
		!strings.HasPrefix(got[0], "refs.bib:2:") || !strings.Contains(got[0], `expected a field (name = value) in entry "b"`) ||
		!strings.HasPrefix(got[1], "refs.bib:4:1: error: bibliography: this entry is never closed") {
		t.Errorf("works %v, diagnostics %q", ids, got)
	}
}
