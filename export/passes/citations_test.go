package passes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// works are the references the citation cases cite.
func works() []*doc.Reference {
	return []*doc.Reference{
		{Pos: at(1), ID: "cha2012", Names: "Cha", Author: "Cha, Victor", Title: "The Impossible State", Year: "2012"},
		{Pos: at(1), ID: "sj2019", Names: "Smith and Jones", Author: "Smith, Anna, and Bo Jones", Title: "Edge", Year: "2019"},
		{Pos: at(1), ID: "ada", Names: "Ada", Author: "Ada", Title: "Notes", Year: "1843"},
	}
}

// citedText renders inlines as a citation test reads them: a citation's
// links as {text→#target}, a citation span as ⟨…⟩.
func citedText(in []doc.Inline) string {
	var b strings.Builder
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			b.WriteString(n.Value)
		case *doc.Link:
			fmt.Fprintf(&b, "{%s→%s}", doc.PlainText(n.Content), n.URL)
		case *doc.Span:
			b.WriteString("⟨" + citedText(n.Content) + "⟩")
		default:
			fmt.Fprintf(&b, "%T", n)
		}
	}
	return b.String()
}

// TestCitations: pandoc's citation syntax, one form a case, set in the
// Chicago author-date style, each work a link to its entry.
func TestCitations(t *testing.T) {
	cases := []struct {
		name, text, want, warning string
	}{
		{"1 a work", "As shown [@cha2012].", "As shown ⟨({Cha 2012→#ref-cha2012})⟩.", ""},
		{"2 a prefix and a page: its number", "[see @cha2012, p. 33]", "⟨(see {Cha 2012→#ref-cha2012}, 33)⟩", ""},
		{"3 a locator without its comma", "[@cha2012 ch. 2]", "⟨({Cha 2012→#ref-cha2012}, ch. 2)⟩", ""},
		{"4 two works", "[@cha2012; also @sj2019, 4]", "⟨({Cha 2012→#ref-cha2012}; also {Smith and Jones 2019→#ref-sj2019}, 4)⟩", ""},
		{"5 the names left out", "Cha [-@cha2012] argues", "Cha ⟨({2012→#ref-cha2012})⟩ argues", ""},
		{"6 in the text", "As @cha2012 argues", "As ⟨{Cha (2012)→#ref-cha2012}⟩ argues", ""},
		{"7 in the text, with a locator", "As @cha2012 [pp. 33–35] argues", "As ⟨{Cha (2012, 33–35)→#ref-cha2012}⟩ argues", ""},
		{"8 in the text and bracketed in one text", "@ada wrote it [@cha2012].", "⟨{Ada (1843)→#ref-ada}⟩ wrote it ⟨({Cha 2012→#ref-cha2012})⟩.", ""},
		{"9 an unknown key in brackets: a warning, left as written", "[@cha2012; @nobody]", "[@cha2012; @nobody]", `citation [@cha2012; @nobody]: no reference has the id "nobody"`},
		{"10 an unknown key in the text: a handle, left alone", "ping @someone or @cha2012.", "ping @someone or ⟨{Cha (2012)→#ref-cha2012}⟩.", ""},
		{"11 an address is no citation", "write to me@cha2012", "write to me@cha2012", ""},
		{"12 a key ends before punctuation", "(see @cha2012.)", "(see ⟨{Cha (2012)→#ref-cha2012}⟩.)", ""},
		{"13 brackets without a key stay", "[p. 33] and [@]", "[p. 33] and [@]", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			para := p(2, txt(2, c.text))
			d := body(para)
			d.Meta.References = works()
			var diags diag.List
			Citations(d, true, &diags)
			if got := citedText(para.Content); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if got := warningText(&diags); c.warning == "" && got != "" || !strings.Contains(got, c.warning) {
				t.Errorf("warnings %q, want %q", got, c.warning)
			}
		})
	}
}

// TestCitationsInRun: in a whole run the works cited are the appendix's
// first group, "References" (id refs), in author-date order, each entry
// the target of its citations; a run again gives the same; with no
// appendix the citations are text; a document with no references is
// left alone; a further-reading entry with an id is cited where it is.
func TestCitationsInRun(t *testing.T) {
	build := func(contents AppendixContents) *doc.Document {
		d := body(hid(1, 1, "Intro", "intro"),
			p(2, txt(2, "Late [@sj2019], early [@cha2012], read @demick.")),
			&doc.Div{Pos: at(3), Blocks: []doc.Block{p(3, &doc.Emphasis{Pos: at(3), Content: []doc.Inline{txt(3, "see [@cha2012]")}})}})
		d.Meta.References = works()
		d.Meta.FurtherReading = []*doc.Reference{{Pos: at(1), ID: "demick", Names: "Demick", Title: "Nothing to Envy", Year: "2009"}}
		var diags diag.List
		Run(d, Options{Appendix: contents}, &diags)
		if len(diags.Items()) != 0 {
			t.Errorf("diagnostics %v", diags.Items())
		}
		return d
	}
	d := build(ReferencesAndLinks)
	a := d.Appendix
	if a == nil || len(a.Groups) < 2 || a.Groups[0].Attr.ID != "refs" || a.Groups[0].Title != "References" {
		t.Fatalf("appendix: %s", doc.DumpString(a))
	}
	var listed []string
	for _, r := range a.Groups[0].Entries {
		listed = append(listed, fmt.Sprintf("%s×%d", r.ID, len(r.Citations)))
	}
	if got := strings.Join(listed, " "); got != "cha2012×2 sj2019×1" {
		t.Errorf("references listed: %s, want cha2012×2 sj2019×1 (Ada's, not cited, left out)", got)
	}
	if r := d.Meta.FurtherReading[0]; len(r.Citations) != 1 || a.Groups[1].Entries[0] != r {
		t.Errorf("the further-reading entry: %d citations, in group %q", len(r.Citations), a.Groups[1].Title)
	}
	before := doc.DumpString(d)
	var again diag.List
	Run(d, Options{Appendix: ReferencesAndLinks}, &again)
	if after := doc.DumpString(d); after != before || len(again.Items()) != 0 {
		t.Errorf("a second run changed the tree (or warned %v):\n%s\n---\n%s", again.Items(), before, after)
	}

	if d := build(NoAppendix); strings.Contains(doc.DumpString(d), "#ref-") || !strings.Contains(citedText(d.Blocks[1].(*doc.Paragraph).Content), "⟨(Smith and Jones 2019)⟩") {
		t.Errorf("with no appendix, citations are text:\n%s", citedText(d.Blocks[1].(*doc.Paragraph).Content))
	}

	plain := body(p(1, txt(1, "Mail @cha2012 [@cha2012].")))
	Run(plain, Options{Appendix: ReferencesAndLinks}, &diag.List{})
	if got := citedText(plain.Blocks[0].(*doc.Paragraph).Content); got != "Mail @cha2012 [@cha2012]." {
		t.Errorf("a document without references: %s", got)
	}
}

// TestCitationSuffixes: two works cited by the same names in the same
// year are told apart by a letter after the year, in their titles'
// order, in the citations and the list; a work alone keeps its year, and
// a second run gives the same.
func TestCitationSuffixes(t *testing.T) {
	para := p(2, txt(2, "[@late; @early] and @other, then [-@late]."))
	d := body(para)
	d.Meta.References = []*doc.Reference{
		{Pos: at(1), ID: "late", Names: "Cha", Author: "Cha", Title: "Later Book", Year: "2012"},
		{Pos: at(1), ID: "early", Names: "Cha", Author: "Cha", Title: "Earlier Book", Year: "2012"},
		{Pos: at(1), ID: "other", Names: "Cha", Author: "Cha", Title: "Other", Year: "2013"},
		{Pos: at(1), ID: "uncited", Names: "Cha", Author: "Cha", Title: "A", Year: "2012"},
	}
	var diags diag.List
	Run(d, Options{Appendix: ReferencesAndLinks}, &diags)
	want := "⟨({Cha 2012b→#ref-late}; {Cha 2012a→#ref-early})⟩ and ⟨{Cha (2013)→#ref-other}⟩, then ⟨({2012b→#ref-late})⟩."
	if got := citedText(para.Content); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var suffixes []string
	for _, r := range d.Appendix.Groups[0].Entries {
		suffixes = append(suffixes, r.ID+":"+r.Year+r.Suffix)
	}
	if got := strings.Join(suffixes, " "); got != "early:2012a late:2012b other:2013" {
		t.Errorf("the list: %s", got)
	}
	Run(d, Options{Appendix: ReferencesAndLinks}, &diags)
	if got := citedText(para.Content); got != want || d.Meta.References[0].Suffix != "b" {
		t.Errorf("a second run: %s, suffix %q", got, d.Meta.References[0].Suffix)
	}
}
