package passes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// Small constructors for hand-built trees. Every node of line n sits at
// column 1 of that line in file t.md.
func at(n int) doc.Pos              { return doc.Pos{File: "t.md", Line: n, Col: 1} }
func atc(n, col int) doc.Pos        { return doc.Pos{File: "t.md", Line: n, Col: col} }
func txt(n int, s string) *doc.Text { return &doc.Text{Pos: at(n), Value: s} }
func ref(n int, label string) *doc.FootnoteRef {
	return &doc.FootnoteRef{Pos: at(n), Label: label}
}
func h(n, level int, s string) *doc.Heading {
	return &doc.Heading{Pos: at(n), Level: level, Content: []doc.Inline{txt(n, s)}}
}
func hid(n, level int, s, id string) *doc.Heading {
	x := h(n, level, s)
	x.Attr.ID = id
	return x
}
func p(n int, in ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Pos: at(n), Content: in} }
func link(n int, url, s string) *doc.Link {
	return &doc.Link{Pos: at(n), URL: url, Content: []doc.Inline{txt(n, s)}}
}
func note(n int, label string, in ...doc.Inline) *doc.FootnoteDef {
	return &doc.FootnoteDef{Pos: at(n), Label: label, Blocks: []doc.Block{p(n, in...)}}
}

// warningText is the diagnostics of l, each as it prints, joined by |.
func warningText(l *diag.List) string {
	var out []string
	for _, w := range l.Items() {
		out = append(out, w.String())
	}
	return strings.Join(out, "|")
}

func body(bs ...doc.Block) *doc.Document { return &doc.Document{Pos: at(1), Blocks: bs} }
func withNotes(d *doc.Document, fs ...*doc.FootnoteDef) *doc.Document {
	d.Footnotes = fs
	return d
}
func withTitle(d *doc.Document, title string) *doc.Document {
	d.Meta.Pos, d.Meta.Title = at(1), title
	return d
}
func withReading(d *doc.Document, rs ...*doc.Reference) *doc.Document {
	d.Meta.FurtherReading = rs
	return d
}

// fakeCovers stands for the PDF fonts in the cases: it draws everything
// below U+2600 (Latin, Greek, Cyrillic, punctuation, arrows) and nothing
// from the symbols on (☃, ✓, CJK, Hangul).
func fakeCovers(r rune) bool { return r < 0x2600 }

// summary prints, one per line, what the passes derived: the outline, the
// footnote numbers of references and notes, the appendix, then the
// diagnostics.
func summary(d *doc.Document, diags *diag.List) string {
	var b strings.Builder
	for _, e := range d.Outline {
		fmt.Fprintf(&b, "h%d #%s %q\n", e.Level, e.ID, e.Title)
	}
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.FootnoteRef:
			fmt.Fprintf(&b, "ref %s=%d\n", n.Label, n.Number)
		case *doc.Link:
			if strings.HasPrefix(n.URL, "#") {
				fmt.Fprintf(&b, "link %s\n", n.URL)
			}
		}
		return true
	})
	for _, f := range d.Footnotes {
		fmt.Fprintf(&b, "note %s=%d\n", f.Label, f.Number)
	}
	if a := d.Appendix; a != nil {
		fmt.Fprintf(&b, "appendix #%s %q @%d\n", a.Attr.ID, a.Title, a.Line)
		for _, g := range a.Groups {
			fmt.Fprintf(&b, "  group #%s %q @%d\n", g.Attr.ID, g.Title, g.Line)
			for _, r := range g.Entries {
				fmt.Fprintf(&b, "    %q <%s> cited", r.Title, r.URL)
				for _, c := range r.Cited {
					fmt.Fprintf(&b, " %d", c.Line)
				}
				b.WriteByte('\n')
			}
		}
	}
	for _, di := range diags.Items() {
		fmt.Fprintf(&b, "%s\n", di)
	}
	return b.String()
}

// symbolHint ends the warning about symbols no font draws.
const symbolHint = `; the PDF prints an empty box for each: install fonts-symbola or fonts-noto-core, or pass --font-dir with a font that has them`

// TestCases runs Run on small hand-built trees, one behaviour each.
func TestCases(t *testing.T) {
	for _, tc := range []struct {
		n    int
		name string
		doc  *doc.Document
		want []string
	}{
		{1, "plain ASCII heading", body(h(1, 1, "Introduction")),
			[]string{`h1 #introduction "Introduction"`}},
		{2, "Vietnamese keeps letters and diacritics", body(h(1, 1, "Hà Nội")),
			[]string{`h1 #hà-nội "Hà Nội"`}},
		{3, "upper case is lowered in every script", body(h(1, 2, "THÀNH PHỐ HỒ CHÍ MINH")),
			[]string{`h2 #thành-phố-hồ-chí-minh "THÀNH PHỐ HỒ CHÍ MINH"`}},
		{4, "punctuation and curly apostrophes dropped", body(h(1, 2, "The Summit’s outcome: ‘no deal’, Feb. 28!")),
			[]string{`h2 #the-summits-outcome-no-deal-feb-28 "The Summit’s outcome: ‘no deal’, Feb. 28!"`}},
		{5, "as on GitHub: each space a hyphen, hyphens kept, other dashes dropped", body(h(1, 1, "  Before -- and — after  ")),
			[]string{`h1 #before----and--after "  Before -- and — after  "`}},
		{6, "Greek and Cyrillic", body(h(1, 1, "Ελληνικά Κείμενα"), h(2, 2, "Русский язык")),
			[]string{`h1 #ελληνικά-κείμενα "Ελληνικά Κείμενα"`, `h2 #русский-язык "Русский язык"`,
				`t.md:1:1: warning: no language is declared, and 57% of the text's letters are Greek (Grek): the outputs call the text English (en) and print their page numbers, quotation marks and captions as English does; declare the text's language where its title is, e.g. lang: el (Greek), or language = "el" in a book.toml`}},
		{7, "the title is the plain text of styled content", body(&doc.Heading{Pos: at(1), Level: 1, Content: []doc.Inline{
			txt(1, "Kim "), &doc.Emphasis{Pos: at(1), Content: []doc.Inline{txt(1, "and")}}, txt(1, " "), &doc.Code{Pos: at(1), Value: "Trump"}, ref(1, "x")}}),
			[]string{`h1 #kim-and-trump "Kim and Trump"`, `ref x=0`, `t.md:1:1: warning: footnote [^x] is not defined`}},
		{8, "duplicates get -1, -2", body(h(1, 1, "Intro"), h(2, 1, "Intro"), h(3, 1, "Intro")),
			[]string{`h1 #intro "Intro"`, `h1 #intro-1 "Intro"`, `h1 #intro-2 "Intro"`}},
		{9, "a generated suffix skips an id the text already has", body(h(1, 1, "Intro 1"), h(2, 1, "Intro"), h(3, 1, "Intro")),
			[]string{`h1 #intro-1 "Intro 1"`, `h1 #intro "Intro"`, `h1 #intro-2 "Intro"`}},
		{10, "an explicit id is kept and wins over an earlier generated one", body(h(1, 1, "Intro"), hid(2, 1, "Other", "intro")),
			[]string{`h1 #intro-1 "Intro"`, `h1 #intro "Other"`}},
		{11, "duplicate explicit ids are reported and made unique", body(hid(1, 1, "A", "x"), hid(2, 1, "B", "x")),
			[]string{`h1 #x "A"`, `h1 #x-1 "B"`, `t.md:2:1: warning: id "x" is already in use; using "x-1"`}},
		{12, "a reserved explicit id is reported, and the document's links to it follow it", body(hid(4, 1, "Contents", "toc"), p(5, link(5, "#toc", "back"))),
			[]string{`h1 #toc-1 "Contents"`, `link #toc-1`, `t.md:4:1: warning: id "toc" is reserved; using "toc-1", and the links to it follow`}},
		{13, "leading digits get s-, as XML names cannot start with one", body(h(1, 1, "2019 in review"), h(2, 1, "١٢٣")),
			[]string{`h1 #s-2019-in-review "2019 in review"`, `h1 #s-١٢٣ "١٢٣"`}},
		{14, "nothing usable gives section", body(h(1, 1, "?!…"), h(2, 2, "")),
			[]string{`h1 #section "?!…"`, `h2 #section-1 ""`}},
		{15, "reserved ids are never generated; links written to the heading follow it", body(h(1, 1, "Further reading"), h(2, 1, "TOC"), h(3, 1, "Links cited"), h(4, 1, "Cover"),
			p(5, link(5, "#toc", "t"), link(5, "#cover", "c"))),
			[]string{`h1 #further-reading-1 "Further reading"`, `h1 #toc-1 "TOC"`, `h1 #links-cited-1 "Links cited"`, `h1 #cover-1 "Cover"`, `link #toc-1`, `link #cover-1`}},
		{16, "footnote-shaped ids get s-", body(h(1, 1, "fn 1"), h(2, 1, "fnref 2"), h(3, 1, "fnref 2 3")),
			[]string{`h1 #s-fn-1 "fn 1"`, `h1 #s-fnref-2 "fnref 2"`, `h1 #s-fnref-2-3 "fnref 2 3"`}},
		{17, "headings inside callouts, quotes, list items and definitions", body(
			&doc.Callout{Pos: at(1), Kind: "note", Blocks: []doc.Block{h(2, 2, "Inside callout")}},
			&doc.BlockQuote{Pos: at(3), Blocks: []doc.Block{h(3, 3, "Quoted")}},
			&doc.List{Pos: at(4), Items: []*doc.ListItem{{Pos: at(4), Blocks: []doc.Block{h(4, 4, "Listed")}}}},
			&doc.DefinitionList{Pos: at(5), Items: []*doc.Definition{{Pos: at(5), Term: []doc.Inline{txt(5, "T")},
				Definitions: []*doc.DefinitionBody{{Pos: at(6), Blocks: []doc.Block{h(6, 5, "Defined")}}}}}}),
			[]string{`h2 #inside-callout "Inside callout"`, `h3 #quoted "Quoted"`, `h4 #listed "Listed"`, `h5 #defined "Defined"`}},
		{18, "explicit ids on other nodes are taken first and are link targets", body(
			&doc.Table{Pos: at(1), Attr: doc.Attr{ID: "results"}}, h(2, 1, "Results"), p(3, link(3, "#results", "t"))),
			[]string{`h1 #results-1 "Results"`, `link #results`}},
		{19, "footnotes numbered by first reference, repeats share", withNotes(body(p(1, ref(1, "b"), ref(1, "a"), ref(2, "b"))),
			note(5, "a", txt(5, "A")), note(6, "b", txt(6, "B"))),
			[]string{`ref b=1`, `ref a=2`, `ref b=1`, `note b=1`, `note a=2`}},
		{20, "an unreferenced note goes last, unnumbered, reported", withNotes(body(p(1, ref(1, "a"))),
			note(5, "unused", txt(5, "U")), note(6, "a", txt(6, "A"))),
			[]string{`ref a=1`, `note a=1`, `note unused=0`, `t.md:5:1: warning: footnote [^unused] is never referenced`}},
		{21, "an undefined note is reported at the reference", body(p(3, txt(3, "x"), &doc.FootnoteRef{Pos: atc(3, 9), Label: "nope"})),
			[]string{`ref nope=0`, `t.md:3:9: warning: footnote [^nope] is not defined`}},
		{22, "a note cited in a note is numbered when that note is reached", withNotes(body(p(1, ref(1, "outer"), ref(1, "last"))),
			note(5, "inner", txt(5, "I")), note(6, "outer", ref(6, "inner")), note(7, "last", txt(7, "L"))),
			[]string{`ref outer=1`, `ref last=2`, `ref inner=3`,
				`note outer=1`, `note last=2`, `note inner=3`}},
		{23, "a reference only from an unreferenced note does not count", withNotes(body(p(1, txt(1, "none"))),
			note(5, "a", ref(5, "b")), note(6, "b", txt(6, "B"))),
			[]string{`ref b=0`, `note a=0`, `note b=0`,
				`t.md:5:1: warning: footnote [^a] is never referenced`, `t.md:6:1: warning: footnote [^b] is never referenced`}},
		{24, "labels match ignoring case; a second definition is reported", withNotes(body(p(1, ref(1, "Note"))),
			note(5, "note", txt(5, "N")), note(6, "note", txt(6, "again"))),
			[]string{`ref Note=1`, `note note=1`, `note note=0`,
				`t.md:6:1: warning: footnote [^note] is defined more than once; the first definition is used`}},
		{25, "links cited, deduplicated, in order of first citation", body(p(1,
			link(1, "https://b.example/", "B"), link(2, "https://a.example/", "A"), link(3, "https://b.example/", "B again"))),
			[]string{`appendix #further-reading "Further reading" @1`, `  group #links-cited "Links cited" @1`,
				`    "B" <https://b.example/> cited 1 3`, `    "A" <https://a.example/> cited 2`}},
		{26, "an autolink's title is its URL; mailto and http count, ftp is left out", body(p(1,
			link(1, "https://x.example/", "https://x.example/"), link(2, "mailto:me@x.example", "me@x.example"),
			link(3, "ftp://f.example/a", "files"), link(4, "HTTP://UP.example/", "up"))),
			[]string{`appendix #further-reading "Further reading" @1`, `  group #links-cited "Links cited" @1`,
				`    "https://x.example/" <https://x.example/> cited 1`, `    "mailto:me@x.example" <mailto:me@x.example> cited 2`,
				`    "up" <HTTP://UP.example/> cited 4`,
				`t.md:3:1: warning: link "ftp://f.example/a" uses the unsupported scheme "ftp"; the link is left out of both outputs, its text kept`}},
		{27, "internal, relative and other-scheme links are not cited", body(hid(1, 1, "A", "a"),
			p(2, link(2, "#a", "A"), link(3, "other.md", "O"), link(4, "tel:+1", "T"), link(5, "javascript:x()", "J"))),
			[]string{`h1 #a "A"`, `link #a`,
				`t.md:3:1: warning: link "other.md" points to a file that is not part of the document; the link is left out of both outputs, its text kept (--link-base URL resolves such links against where the document is published)`,
				`t.md:4:1: warning: link "tel:+1" uses the unsupported scheme "tel"; the link is left out of both outputs, its text kept`, `t.md:5:1: warning: link "javascript:x()" uses the unsupported scheme "javascript"; the link is left out of both outputs, its text kept`}},
		{28, "links in headings and notes are cited, notes after the text", withNotes(body(
			&doc.Heading{Pos: at(1), Level: 1, Content: []doc.Inline{link(1, "https://h.example/", "H")}}, p(2, ref(2, "n"), link(3, "https://t.example/", "T"))),
			note(9, "n", link(9, "https://n.example/", "N"))),
			[]string{`h1 #h "H"`, `ref n=1`, `note n=1`, `appendix #further-reading "Further reading" @1`, `  group #links-cited "Links cited" @1`,
				`    "H" <https://h.example/> cited 1`, `    "T" <https://t.example/> cited 3`, `    "N" <https://n.example/> cited 9`}},
		{29, "front-matter reading first; a URL it names is not cited again", withReading(body(
			p(5, link(5, "https://book.example/", "the book"), link(6, "https://web.example/", "web"), link(7, "https://book.example/", "again"))),
			&doc.Reference{Pos: at(2), Title: "Book", Author: "Au", URL: "https://book.example/"}, &doc.Reference{Pos: at(3), Title: "Paper"}),
			[]string{`appendix #further-reading "Further reading" @2`,
				`  group #recommended-reading "Recommended reading" @2`, `    "Book" <https://book.example/> cited 5 7`, `    "Paper" <> cited`,
				`  group #links-cited "Links cited" @6`, `    "web" <https://web.example/> cited 6`}},
		{30, "no reading and no links: no appendix", body(p(1, txt(1, "plain"))), nil},
		{31, "a broken internal link is reported; one with a guess goes there", body(h(1, 1, "Set up"), h(2, 1, "Základy"),
			p(3, link(3, "#setup", "see"), link(4, "#Set up", "see"), link(5, "#zaklady", "see"), link(6, "#Zaklady!", "see"))),
			[]string{`h1 #set-up "Set up"`, `h1 #základy "Základy"`, `link #setup`, `link #set-up`, `link #základy`, `link #základy`,
				`t.md:3:1: warning: broken internal link "#setup"`, `t.md:4:1: warning: broken internal link "#Set up"; did you mean "#set-up"? (the link goes there)`,
				`t.md:5:1: warning: broken internal link "#zaklady"; did you mean "#základy"? (the link goes there)`,
				`t.md:6:1: warning: broken internal link "#Zaklady!"; did you mean "#základy"? (the link goes there)`}},
		{44, "a web link that is not a valid URL is reported and not cited", body(p(2,
			link(2, "http://localhost:port", "local"), link(3, "https://../", "dots"), link(4, "https://ok.example/", "ok"))),
			[]string{`appendix #further-reading "Further reading" @4`, `  group #links-cited "Links cited" @4`, `    "ok" <https://ok.example/> cited 4`,
				`t.md:2:1: warning: link "http://localhost:port" is not a valid URL: invalid port ":port" after host; the link is left out of both outputs, its text kept`,
				`t.md:3:1: warning: link "https://../" is not a valid URL: it has no valid host name; the link is left out of both outputs, its text kept`}},
		{43, "a fragment GitHub finds in another case, with the name prefix or with its user-content- prefix goes to that id", body(h(1, 1, "Set up"), h(2, 1, "1. Intro"), h(3, 1, "Úvod"),
			p(4, link(4, "#Set-Up", "a"), link(5, "#1-Intro", "b"), link(6, "#%C3%9Avod", "c"), link(7, "#ÚVOD", "d"),
				link(8, "#user-content-set-up", "e"), link(9, "#user-content-Úvod", "f"))),
			[]string{`h1 #set-up "Set up"`, `h1 #s-1-intro "1. Intro"`, `h1 #úvod "Úvod"`, `link #set-up`, `link #s-1-intro`, `link #úvod`, `link #úvod`,
				`link #set-up`, `link #úvod`}},
		{32, "links to headings, notes, references and the appendix resolve, percent-encoded too", withReading(withNotes(body(
			h(1, 1, "Hà Nội"), p(2, link(2, "#h%C3%A0-n%E1%BB%99i", "x"), link(2, "#fn-1", "n"), link(2, "#fnref-1-2", "r"),
				link(2, "#further-reading", "a"), link(2, "#recommended-reading", "g"), ref(2, "a"), ref(3, "a"))),
			note(5, "a", txt(5, "A"))), &doc.Reference{Title: "B"}),
			[]string{`h1 #hà-nội "Hà Nội"`, `link #h%C3%A0-n%E1%BB%99i`, `link #fn-1`, `link #fnref-1-2`, `link #further-reading`, `link #recommended-reading`,
				`ref a=1`, `ref a=1`, `note a=1`, `appendix #further-reading "Further reading" @0`,
				`  group #recommended-reading "Recommended reading" @0`, `    "B" <> cited`}},
		{33, "reserved ids that do not exist are broken links", body(p(2, link(2, "#fn-1", "n"), link(3, "#links-cited", "l"), link(4, "#toc", "t"), link(5, "#", "top"))),
			[]string{`link #fn-1`, `link #links-cited`, `link #toc`, `link #`,
				`t.md:2:1: warning: broken internal link "#fn-1"`, `t.md:3:1: warning: broken internal link "#links-cited"`,
				`t.md:4:1: warning: broken internal link "#toc"`, `t.md:5:1: warning: broken internal link "#"`}},
		{34, "an empty URL is reported", body(p(4, link(4, "", "nothing"), link(5, "  ", "blank"))),
			[]string{`t.md:4:1: warning: link has an empty URL`, `t.md:5:1: warning: link has an empty URL`}},
		{35, "a character outside the BMP is reported once, at its first column", body(p(3, txt(3, "ab😀c"), txt(4, "😀 again"))),
			[]string{`t.md:3:3: warning: no font draws 1 symbol character (U+1F600 "😀")` + symbolHint}},
		{36, "uncovered characters: one report per script, naming each character once", body(p(2, txt(2, "snow ☃☃ ✓ 𝔸"))),
			[]string{`t.md:2:6: warning: no font draws 3 symbol characters (U+2603 "☃", U+2713 "✓", U+1D538 "𝔸")` + symbolHint}},
		{37, "covered text is quiet", body(p(1, txt(1, "Hà Nội — “αβγ” ‘Жж’ … → ½"))), nil},
		{38, "joiners, selectors and soft hyphens are invisible", body(p(1, txt(1, "a\u200db\ufe0fc\u00ad\U000e0067\t"))), nil},
		{39, "fenced code counts lines from the line after the fence, columns from the block's", body(
			&doc.CodeBlock{Pos: atc(5, 3), Text: "ok\nx ☃ 😀"}),
			[]string{`t.md:7:5: warning: no font draws 2 symbol characters (U+2603 "☃", U+1F600 "😀")` + symbolHint}},
		{40, "indented code starts at its own position", body(&doc.CodeBlock{Pos: atc(5, 5), Text: "a\n  ☃"}),
			[]string{`t.md:6:7: warning: no font draws 1 symbol character (U+2603 "☃")` + symbolHint}},
		{41, "front matter, alt text, inline code, cells, link text and headings are checked", withTitle(withReading(body(
			h(2, 1, "Snow ☃"), p(3, &doc.Image{Pos: at(3), URL: "x.png", Alt: "𝔸 symbol"}, &doc.Code{Pos: atc(4, 2), Value: "f(✓)"}),
			&doc.Table{Pos: at(6), Rows: []*doc.TableRow{{Pos: at(6), Cells: []*doc.TableCell{{Pos: at(6), Content: []doc.Inline{txt(6, "★")}}}}}},
			p(7, link(7, "https://x.example/", "♥"))), &doc.Reference{Pos: at(1), Title: "Book ♪"}), "Title ☂"),
			[]string{`h1 #snow- "Snow ☃"`, `appendix #further-reading "Further reading" @1`,
				`  group #recommended-reading "Recommended reading" @1`, `    "Book ♪" <> cited`,
				`  group #links-cited "Links cited" @7`, `    "♥" <https://x.example/> cited 7`,
				`t.md:1:1: warning: no font draws 7 symbol characters (U+2602 "☂", U+2603 "☃", U+1D538 "𝔸", U+2713 "✓", U+2605 "★" and 2 more)` + symbolHint}},
		{42, "an extended autolink's title is its URL", body(p(8, link(8, "http://www.example.org/hanoi", "www.example.org/hanoi"))),
			[]string{`appendix #further-reading "Further reading" @8`, `  group #links-cited "Links cited" @8`,
				`    "http://www.example.org/hanoi" <http://www.example.org/hanoi> cited 8`}},
	} {
		t.Run(fmt.Sprintf("%02d %s", tc.n, tc.name), func(t *testing.T) {
			var diags diag.List
			d := tc.doc
			Run(d, Options{Covers: fakeCovers}, &diags)
			want := strings.Join(tc.want, "\n")
			if want != "" {
				want += "\n"
			}
			if got := summary(d, &diags); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
