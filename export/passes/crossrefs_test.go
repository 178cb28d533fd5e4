package passes

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TestCrossReferences: Quarto's cross-references, one form a case, in a
// document with a section, a figure and a table Quarto numbers, and a
// figure it does not.
func TestCrossReferences(t *testing.T) {
	cases := []struct {
		name, text, want, warning string
	}{
		{"1 a section: a link printing its title", "See @sec-intro.", "See {Getting started→#sec-intro}.", ""},
		{"2 in brackets, and without its prefix", "[@sec-intro] and -@sec-intro", "{Getting started→#sec-intro} and {Getting started→#sec-intro}", ""},
		{"3 a figure and a table: their numbers", "as @fig-map and [@tbl-data] show", "as {Figure\u00a01→#fig-map} and {Table\u00a01→#tbl-data} show", ""},
		{"4 an id nothing has: a warning", "See [@sec-none].", "See [@sec-none].",
			"t.md:2:1: warning: Quarto's cross-reference [@sec-none] is printed as written: nothing has the id sec-none"},
		{"5 an address, and a handle, are none", "me@sec-ops.org and @secretary", "me@sec-ops.org and @secretary", ""},
		{"6 a listing: a warning", "see @lst-code", "see @lst-code",
			"t.md:2:1: warning: Quarto's cross-reference @lst-code is printed as written: galley numbers no listings"},
		{"7 without its prefix, a figure's number alone", "Figures -@fig-map and 2", "Figures {1→#fig-map} and 2", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			para := p(2, txt(2, c.text))
			fig := &doc.Figure{Pos: at(3), Image: &doc.Image{Pos: at(3), Attr: doc.Attr{ID: "fig-map"}, URL: "map.png"}, Caption: []doc.Inline{txt(3, "A map")}}
			other := &doc.Figure{Pos: at(4), Image: &doc.Image{Pos: at(4), URL: "b.png"}, Caption: []doc.Inline{txt(4, "Unlabelled")}}
			table := &doc.Table{Pos: at(5), Attr: doc.Attr{ID: "tbl-data"}, Caption: []doc.Inline{txt(5, "Data")}}
			d := body(hid(1, 2, "Getting started", "sec-intro"), para, fig, other, table)
			var diags diag.List
			CrossReferences(d, &diags)
			for i := range 2 { // and again: numbered once
				if fig.Attr.ID != "fig-map" || doc.PlainText(fig.Caption) != "Figure\u00a01: A map" || doc.PlainText(other.Caption) != "Unlabelled" || doc.PlainText(table.Caption) != "Table\u00a01: Data" {
					t.Errorf("run %d: figure #%s %q, %q, table %q", i+1, fig.Attr.ID, doc.PlainText(fig.Caption), doc.PlainText(other.Caption), doc.PlainText(table.Caption))
				}
				CrossReferences(d, &diag.List{})
			}
			if got := citedText(para.Content); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if got := warningText(&diags); got != c.warning {
				t.Errorf("warnings %q, want %q", got, c.warning)
			}
		})
	}
}

// TestBookdownReferences: bookdown's \@ref(label) prints the number
// alone of a section (its heading's, as a numbered book has it, else its
// text), a figure or a table labelled in its caption ((\#fig:label),
// removed from it) and a statement (a theorem, bookdown's or Quarto's,
// numbered by its word); an equation's is NumberEquations'.
func TestBookdownReferences(t *testing.T) {
	cases := []struct {
		name, text, want, warning string
	}{
		{"1 a numbered section: its number", `Section \@ref(spread)`, "Section {1.2→#spread}", ""},
		{"2 an unnumbered one: its text", `the @ref(preface)`, "the {Preface→#preface}", ""},
		{"3 a figure and a table", `Figure @ref(fig:drawn), Table @ref(tab:scores)`, "Figure {1→#fig:drawn}, Table {1→#tab:scores}", ""},
		{"4 statements", `Theorems @ref(thm:cheb) and @thm-second, Definition @ref(def:var)`,
			"Theorems {1→#thm:cheb} and {Theorem\u00a02→#thm-second}, Definition {1→#def:var}", ""},
		{"5 a label nothing has: a warning", `see @ref(thm:none).`, `see @ref(thm:none).`,
			"t.md:2:1: warning: bookdown's cross-reference @ref(thm:none) is printed as written: nothing has the id thm:none"},
		{"6 an equation's is not set here", `(@ref(eq:one))`, `(@ref(eq:one))`, ""},
		{"7 an appendix's section: its letter and number", `Appendix @ref(details)`, "Appendix {A.1→#details}", ""},
	}
	statement := func(n int, word, id string) (*doc.Div, *doc.Callout) {
		box := &doc.Callout{Pos: at(n), Kind: "important", Title: []doc.Inline{txt(n, word+" (Named)")}}
		return &doc.Div{Pos: at(n), Attr: doc.Attr{ID: id, KV: []doc.KV{{Key: doc.StatementKey, Value: word}}}, Blocks: []doc.Block{box}}, box
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			para := p(2, txt(2, c.text))
			numbered := &doc.Heading{Pos: at(1), Level: 2, Attr: doc.Attr{ID: "spread"}, Content: []doc.Inline{txt(1, "1.2 "), txt(1, "Spread")}}
			fig := &doc.Figure{Pos: at(3), Image: &doc.Image{Pos: at(3), URL: "map.png"}, Caption: []doc.Inline{txt(3, "(#fig:drawn) A drawn figure.")}}
			table := &doc.Table{Pos: at(4), Caption: []doc.Inline{txt(4, "(#tab:scores) Scores")}}
			thm, thmBox := statement(5, "Theorem", "thm:cheb")
			def, defBox := statement(6, "Definition", "def:var")
			second, _ := statement(7, "Theorem", "thm-second")
			unlabelled, _ := statement(8, "Remark", "")
			appendix := &doc.Heading{Pos: at(9), Level: 2, Attr: doc.Attr{ID: "details"}, Content: []doc.Inline{txt(9, "A.1 "), txt(9, "Details")}}
			d := body(hid(1, 1, "Preface", "preface"), numbered, para, fig, table, thm, def, second, unlabelled, appendix)
			var diags diag.List
			CrossReferences(d, &diags)
			for i := range 2 { // and again: numbered once
				if fig.Attr.ID != "fig:drawn" || doc.PlainText(fig.Caption) != "Figure\u00a01: A drawn figure." || table.Attr.ID != "tab:scores" || doc.PlainText(table.Caption) != "Table\u00a01: Scores" ||
					doc.PlainText(thmBox.Title) != "Theorem\u00a01 (Named)" || doc.PlainText(defBox.Title) != "Definition\u00a01 (Named)" {
					t.Errorf("run %d: figure #%s %q, table #%s %q, statements %q %q", i+1, fig.Attr.ID, doc.PlainText(fig.Caption), table.Attr.ID, doc.PlainText(table.Caption),
						doc.PlainText(thmBox.Title), doc.PlainText(defBox.Title))
				}
				CrossReferences(d, &diag.List{})
			}
			if got := citedText(para.Content); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if got := warningText(&diags); got != c.warning {
				t.Errorf("warnings %q, want %q", got, c.warning)
			}
		})
	}
}

// TestChapterNumbering: in a numbered book (its chapters' headings with
// doc.ChapterNumberKey), each numbered chapter numbers its figures,
// tables and statements from 1 after its own number, and an unnumbered
// chapter's run on through the book; references print those numbers, and
// Quarto's to a numbered chapter, section or appendix "Chapter 2",
// "Section 2.1", "Appendix A" (the number alone with -@).
func TestChapterNumbering(t *testing.T) {
	chapter := func(n int, title, number string) *doc.Heading {
		x := h(n, 1, title)
		if number != "" {
			x.Attr.Set(doc.ChapterNumberKey, number)
		}
		return x
	}
	figure := func(n int, id string) *doc.Figure {
		return &doc.Figure{Pos: at(n), Attr: doc.Attr{ID: id}, Image: &doc.Image{Pos: at(n), URL: "x.png"}, Caption: []doc.Inline{txt(n, "Cap")}}
	}
	box := &doc.Callout{Pos: at(5), Kind: "important", Title: []doc.Inline{txt(5, "Theorem")}}
	thm := &doc.Div{Pos: at(5), Attr: doc.Attr{ID: "thm-a", KV: []doc.KV{{Key: doc.StatementKey, Value: "Theorem"}}}, Blocks: []doc.Block{box}}
	para := p(11, txt(11, "See @fig-b, @ref(fig:c), @fig-d, @tbl-e and @thm-a."))
	sections := p(12, txt(12, "In @sec-pre, @sec-two, @sec-two-one (-@sec-two-one) and @sec-app."))
	preface, two, app := chapter(1, "Preface", ""), chapter(3, "2. Two", "2"), chapter(13, "A. Tables", "A")
	preface.Attr.ID, two.Attr.ID, app.Attr.ID = "sec-pre", "sec-two", "sec-app"
	d := body(
		preface, figure(2, "fig-a"),
		two, figure(4, "fig-b"), thm, figure(6, "fig:c"), hid(6, 2, "2.1 One", "sec-two-one"),
		chapter(7, "Interlude", ""), figure(8, "fig-d"),
		chapter(9, "3. Three", "3"), &doc.Table{Pos: at(10), Attr: doc.Attr{ID: "tbl-e"}, Caption: []doc.Inline{txt(10, "Data")}},
		para, sections, app)
	var diags diag.List
	CrossReferences(d, &diags)
	var got []string
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Figure:
			got = append(got, doc.PlainText(n.Caption))
		case *doc.Table:
			got = append(got, doc.PlainText(n.Caption))
		case *doc.Callout:
			got = append(got, doc.PlainText(n.Title))
		}
		return true
	})
	want := "Figure\u00a01: Cap|Figure\u00a02.1: Cap|Theorem\u00a02.1|Figure\u00a02.2: Cap|Figure\u00a02: Cap|Table\u00a03.1: Data"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("names\n got  %q\nwant %q", g, want)
	}
	if g, w := citedText(para.Content), "See {Figure\u00a02.1→#fig-b}, {2.2→#fig:c}, {Figure\u00a02→#fig-d}, {Table\u00a03.1→#tbl-e} and {Theorem\u00a02.1→#thm-a}."; g != w {
		t.Errorf("references\n got  %s\nwant %s", g, w)
	}
	if g, w := citedText(sections.Content), "In {Preface→#sec-pre}, {Chapter\u00a02→#sec-two}, {Section\u00a02.1→#sec-two-one} ({2.1→#sec-two-one}) and {Appendix\u00a0A→#sec-app}."; g != w {
		t.Errorf("section references\n got  %s\nwant %s", g, w)
	}
	if diags.Len() != 0 {
		t.Errorf("warnings %v", diags.Items())
	}
}

// TestNumberRef: MyST's {numref} links (doc.NumberRefKey) print the number
// of a MyST figure (doc.NumberedClass, numbered whatever its id) or of a
// numbered section, in their template, else the thing's name; a template
// with no number, or a link to nothing numbered, keeps its text.
func TestNumberRef(t *testing.T) {
	numref := func(n int, target, template, text string) *doc.Link {
		return &doc.Link{Pos: at(n), URL: "#" + target, Attr: doc.Attr{KV: []doc.KV{{Key: doc.NumberRefKey, Value: template}}}, Content: []doc.Inline{txt(n, text)}}
	}
	ch := h(1, 1, "2. Two")
	ch.Attr.Set(doc.ChapterNumberKey, "2")
	fig := &doc.Figure{Pos: at(2), Attr: doc.Attr{ID: "gdp_plot", Classes: []string{doc.NumberedClass}}, Image: &doc.Image{Pos: at(2), URL: "g.png"}, Caption: []doc.Inline{txt(2, "GDP")}}
	links := []*doc.Link{
		numref(4, "gdp_plot", "", "gdp_plot"),
		numref(4, "gdp_plot", "Fig. %s", "Fig. %s"),
		numref(4, "gdp_plot", "Plot {number}", "Plot {number}"),
		numref(4, "gdp_plot", "the plot", "the plot"),
		numref(4, "growth", "", "growth"),
		numref(4, "unnumbered", "", "unnumbered"),
		numref(4, "nothing", "", "nothing"),
	}
	para := p(4)
	for i, l := range links {
		if i > 0 {
			para.Content = append(para.Content, txt(4, "|"))
		}
		para.Content = append(para.Content, l)
	}
	d := body(ch, fig, hid(3, 2, "2.1 Growth", "growth"), hid(3, 2, "Notes", "unnumbered"), para)
	for run := range 2 { // and again: the same
		var diags diag.List
		CrossReferences(d, &diags)
		if got, want := citedText(para.Content), "{Figure\u00a02.1→#gdp_plot}|{Fig. 2.1→#gdp_plot}|{Plot 2.1→#gdp_plot}|{the plot→#gdp_plot}|{Section\u00a02.1→#growth}|{unnumbered→#unnumbered}|{nothing→#nothing}"; got != want {
			t.Errorf("run %d:\n got  %s\nwant %s", run+1, got, want)
		}
		if diags.Len() != 0 {
			t.Errorf("warnings %v", diags.Items())
		}
	}
	// Hungarian and Lithuanian put the number first: the caption and
	// the name say so, and a template still finds the number.
	for _, tc := range []struct{ lang, caption, refs string }{
		{"hu", "2.1.\u00a0ábra: GDP", "{2.1.\u00a0ábra→#gdp_plot}|{Fig. 2.1→#gdp_plot}"},
		{"lt", "2.1\u00a0pav.: GDP", "{2.1\u00a0pav.→#gdp_plot}|{Fig. 2.1→#gdp_plot}"},
	} {
		ch := h(1, 1, "2. Two")
		ch.Attr.Set(doc.ChapterNumberKey, "2")
		fig := &doc.Figure{Pos: at(2), Attr: doc.Attr{ID: "gdp_plot", Classes: []string{doc.NumberedClass}}, Image: &doc.Image{Pos: at(2), URL: "g.png"}, Caption: []doc.Inline{txt(2, "GDP")}}
		para := p(4, numref(4, "gdp_plot", "", "gdp_plot"), txt(4, "|"), numref(4, "gdp_plot", "Fig. %s", "Fig. %s"))
		d := body(ch, fig, para)
		d.Meta.Lang = tc.lang
		CrossReferences(d, &diag.List{})
		if got := doc.PlainText(fig.Caption); got != tc.caption {
			t.Errorf("%s: caption %q, want %q", tc.lang, got, tc.caption)
		}
		if got := citedText(para.Content); got != tc.refs {
			t.Errorf("%s: %s, want %s", tc.lang, got, tc.refs)
		}
	}
}
