package passes

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hà Nội", "hà-nội"},
		{"Thành phố Hồ Chí Minh", "thành-phố-hồ-chí-minh"},
		{"Ελληνική Σύνοψη", "ελληνική-σύνοψη"},
		{"Краткое Изложение", "краткое-изложение"},
		{"Trump’s “deal”: what's next?", "trumps-deal-whats-next"},
		{"  Spaces -- and — dashes ", "spaces----and--dashes"}, // as GitHub: each space a hyphen
		{"C++ & Go", "c--go"},
		{"Where's the `->` operator?", "wheres-the---operator"},
		{"1. Intro", "s-1-intro"}, // GitHub's #1-intro still finds it (CheckLinks)
		{"max_width", "max_width"},
		{"2019", "s-2019"},
		{"١٢٣ عربي", "s-١٢٣-عربي"},
		{"\u0301accent first", "s-\u0301accent-first"},
		{"µ and ª", "s--and-"}, // letters XML names do not allow
		{"日本語の見出し", "日本語の見出し"},
		{"مهندسی نرم\u200cافزار", "مهندسی-نرم\u200cافزار"}, // the joiners stay, as GitHub keeps them
		{"क्\u200dष", "क्\u200dष"},
		{"Ha\u0300 No\u0323\u0302i", "ha\u0300-no\u0323\u0302i"}, // decomposed marks are kept
		{"CLI Tools \u00a0[TOC]", "cli-tools-toc"},               // &nbsp; is dropped, as GitHub drops it
		{"a\tb", "ab"},
		{"!!!", "section"},
		{"", "section"},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsReservedID(t *testing.T) {
	for _, id := range []string{"further-reading", "recommended-reading", "links-cited", "toc", "cover", "title-page", "fn-1", "fn-12", "fnref-3", "fnref-3-2"} {
		if !IsReservedID(id) {
			t.Errorf("IsReservedID(%q) = false", id)
		}
	}
	for _, id := range []string{"further-reading-1", "fn-1-1", "fn-x", "fnref-", "s-fn-1", "intro", "tocs"} {
		if IsReservedID(id) {
			t.Errorf("IsReservedID(%q) = true", id)
		}
	}
}

// The tests below call one pass alone, so that each fails if its pass does
// nothing.

func TestAssignHeadingIDsAlone(t *testing.T) {
	d := body(h(1, 1, "Hà Nội"), h(2, 2, "Hà Nội"), hid(3, 2, "X", "further-reading"))
	var diags diag.List
	AssignHeadingIDs(d, &diags)
	var ids []string
	for _, b := range d.Blocks {
		ids = append(ids, b.(*doc.Heading).Attr.ID)
	}
	if got, want := strings.Join(ids, " "), "hà-nội hà-nội-1 further-reading-1"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
	if diags.Len() != 1 {
		t.Errorf("got %d diagnostics, want 1 (reserved id)", diags.Len())
	}
	if d.Outline != nil || d.Appendix != nil {
		t.Errorf("AssignHeadingIDs filled other parts")
	}
}

// TestHeadingLinks: a link a reader made to a heading by its text
// (doc.HeadingRefPrefix and the heading's position) goes to the id the
// heading gets: made from its text and made unique, or its own; one to a
// heading no longer in the tree goes to the id its text would make.
func TestHeadingLinks(t *testing.T) {
	to := func(n int, pos doc.Pos) *doc.Link {
		return &doc.Link{Pos: at(n), URL: doc.HeadingRefPrefix + pos.String(), Content: []doc.Inline{txt(n, "Gone heading")}}
	}
	links := []*doc.Link{to(1, at(2)), to(1, at(3)), to(1, at(4)), to(1, at(9))}
	p := &doc.Paragraph{Pos: at(1), Content: []doc.Inline{links[0], links[1], links[2], links[3]}}
	d := body(p, h(2, 1, "Intro"), h(3, 1, "Intro"), hid(4, 2, "Setup", "install"))
	var diags diag.List
	AssignHeadingIDs(d, &diags)
	var got []string
	for _, l := range links {
		got = append(got, l.URL)
	}
	if want := "#intro #intro-1 #install #gone-heading"; strings.Join(got, " ") != want {
		t.Errorf("URLs %q, want %q", strings.Join(got, " "), want)
	}
	if diags.Len() != 0 {
		t.Errorf("diagnostics %v", diags.Items())
	}
}

// TestUnlistedHeading: a heading of class unlisted (pandoc's; kramdown's
// .no_toc) is left out of the outline, which the tables of contents are
// made of; the headings under it stay.
func TestUnlistedHeading(t *testing.T) {
	hidden := hid(2, 2, "Table of contents", "toc-title")
	hidden.Attr.Classes = []string{doc.UnlistedClass}
	d := body(hid(1, 1, "Top", "top"), hidden, hid(3, 3, "Under", "under"))
	BuildOutline(d)
	var got []string
	for _, e := range d.Outline {
		got = append(got, e.ID)
	}
	if strings.Join(got, " ") != "top under" {
		t.Errorf("outline %q, want top and under", got)
	}
}

func TestBuildOutlineAlone(t *testing.T) {
	in := hid(2, 3, "", "x")
	in.Content = []doc.Inline{txt(2, "Inner "), &doc.Strong{Pos: at(2), Content: []doc.Inline{txt(2, "bold")}}}
	d := withNotes(body(hid(1, 1, "Top", "top"), &doc.BlockQuote{Pos: at(2), Blocks: []doc.Block{in}}),
		&doc.FootnoteDef{Pos: at(9), Label: "n", Blocks: []doc.Block{hid(9, 2, "In a note", "note")}})
	BuildOutline(d)
	if len(d.Outline) != 2 {
		t.Fatalf("outline has %d entries, want 2 (the note's heading left out)", len(d.Outline))
	}
	e := d.Outline[1]
	if e.Level != 3 || e.ID != "x" || e.Title != "Inner bold" || e.Heading != in || len(e.Content) != 2 || e.Pos != at(2) {
		t.Errorf("entry = %+v", *e)
	}
	BuildOutline(d)
	if len(d.Outline) != 2 {
		t.Errorf("second BuildOutline gives %d entries", len(d.Outline))
	}
}

func TestNumberFootnotesAlone(t *testing.T) {
	d := withNotes(body(p(1, ref(1, "z"), ref(2, "y"), ref(3, "z"))),
		note(5, "y", txt(5, "Y")), note(6, "x", txt(6, "X")), note(7, "z", txt(7, "Z")))
	var diags diag.List
	NumberFootnotes(d, &diags)
	var got []string
	for _, f := range d.Footnotes {
		got = append(got, f.Label+"="+string(rune('0'+f.Number)))
	}
	if strings.Join(got, " ") != "z=1 y=2 x=0" {
		t.Errorf("notes %v, want z=1 y=2 x=0", got)
	}
	refs := d.Blocks[0].(*doc.Paragraph).Content
	if refs[0].(*doc.FootnoteRef).Number != 1 || refs[1].(*doc.FootnoteRef).Number != 2 || refs[2].(*doc.FootnoteRef).Number != 1 {
		t.Errorf("reference numbers wrong: %s", doc.DumpString(d.Blocks[0]))
	}
	if items := diags.Items(); len(items) != 1 || items[0].Message != "footnote [^x] is never referenced" || items[0].Pos != at(6) {
		t.Errorf("diagnostics %v", items)
	}
}

func TestBuildAppendixAlone(t *testing.T) {
	book := &doc.Reference{Pos: at(2), Title: "Book", URL: "https://b.example/"}
	d := withReading(body(p(4, link(4, "https://b.example/", "b"), link(5, "https://w.example/", "w"))), book)
	d.Meta.Pos = at(1)
	BuildAppendix(d)
	BuildAppendix(d) // citations are not added twice
	a := d.Appendix
	if a == nil || a.Attr.ID != "further-reading" || a.Title != "Further reading" || a.Pos != at(1) || len(a.Groups) != 2 {
		t.Fatalf("appendix = %s", doc.DumpString(d))
	}
	if g := a.Groups[0]; g.Attr.ID != "recommended-reading" || g.Title != "Recommended reading" || len(g.Entries) != 1 || g.Entries[0] != book {
		t.Errorf("first group = %s", doc.DumpString(g))
	}
	if len(book.Cited) != 1 || book.Cited[0] != at(4) {
		t.Errorf("book cited at %v, want [4:1]", book.Cited)
	}
	g := a.Groups[1]
	if g.Attr.ID != "links-cited" || g.Title != "Links cited" || len(g.Entries) != 1 || g.Entries[0].URL != "https://w.example/" || g.Entries[0].Title != "w" {
		t.Errorf("second group = %s", doc.DumpString(g))
	}

	d.Meta.FurtherReading = nil
	d.Blocks = nil
	BuildAppendix(d)
	if d.Appendix != nil {
		t.Errorf("appendix with nothing to list: %s", doc.DumpString(d.Appendix))
	}
}

// TestAppendixContents: --appendix references lists the front matter's
// references alone (a reference cited still has its citation), and none
// makes no appendix.
func TestAppendixContents(t *testing.T) {
	build := func(contents AppendixContents) (*doc.Document, *doc.Reference) {
		book := &doc.Reference{Pos: at(2), Title: "Book", URL: "https://b.example/"}
		d := withReading(body(p(4, link(4, "https://b.example/", "b"), link(5, "https://w.example/", "w"))), book)
		d.Meta.Pos = at(1)
		Run(d, Options{Appendix: contents}, &diag.List{})
		return d, book
	}
	d, book := build(ReferencesOnly)
	if a := d.Appendix; a == nil || len(a.Groups) != 1 || a.Groups[0].Attr.ID != "recommended-reading" || len(book.Cited) != 1 {
		t.Errorf("references only: %s", doc.DumpString(d))
	}
	if d, _ := build(NoAppendix); d.Appendix != nil {
		t.Errorf("no appendix: %s", doc.DumpString(d.Appendix))
	}
	if d, _ := build(ReferencesAndLinks); d.Appendix == nil || len(d.Appendix.Groups) != 2 {
		t.Errorf("references and links: %s", doc.DumpString(d))
	}
}

func TestCheckLinksAlone(t *testing.T) {
	d := body(hid(1, 1, "A", "a"), p(2, link(2, "#a", "ok"), link(3, "#b", "broken"), link(4, "", "empty"), link(5, "https://x.example/", "web")))
	var diags diag.List
	CheckLinks(d, "", &diags)
	var got []string
	for _, di := range diags.Items() {
		got = append(got, di.String())
	}
	want := `t.md:3:1: warning: broken internal link "#b"|t.md:4:1: warning: link has an empty URL`
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
}

func TestCheckGlyphsAlone(t *testing.T) {
	d := body(p(1, txt(1, "x☃y☃")))
	var diags diag.List
	CheckGlyphs(d, fakeCovers, &diags)
	if items := diags.Items(); len(items) != 1 || items[0].Pos != atc(1, 2) || !strings.Contains(items[0].Message, `no font draws 1 symbol character (U+2603 "☃")`) {
		t.Errorf("diagnostics %v", items)
	}
}

// TestCheckGlyphsEmbeddedFonts checks with the real coverage of the
// embedded Noto fonts: the scripts of the sample content are drawn; Korean,
// CJK and emoji are not.
func TestCheckGlyphsEmbeddedFonts(t *testing.T) {
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	covered := "Hà Nội, Thành phố Hồ Chí Minh — “Ελληνικά” ‘Русский’ … ½ → € ©"
	d := body(p(1, txt(1, covered)), p(2, txt(2, "Kim 김 and 金 😀")), &doc.CodeBlock{Pos: at(3), Language: "go", Text: "x := \"ü\""})
	d.Meta = doc.Meta{Pos: at(1), Title: "Title 🎓", Authors: []string{"Nguyễn Văn A"}}
	var diags diag.List
	CheckGlyphs(d, set.Covers, &diags)
	var got []string
	for _, di := range diags.Items() {
		got = append(got, di.String())
	}
	cjk := "; the PDF prints an empty box for each: install fonts-noto-cjk, or pass --font-dir with a font that has them"
	want := []string{
		`t.md:1:1: warning: no font draws 2 symbol characters (U+1F393 "🎓", U+1F600 "😀"); the PDF prints an empty box for each: install fonts-symbola or fonts-noto-core, or pass --font-dir with a font that has them`,
		`t.md:2:5: warning: no font draws 1 Hangul character (U+AE40 "김")` + cjk,
		`t.md:2:11: warning: no font draws 1 Han character (U+91D1 "金")` + cjk,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRunWithoutCoversSkipsGlyphs(t *testing.T) {
	d := body(p(1, txt(1, "😀")))
	var diags diag.List
	Run(d, Options{}, &diags)
	if diags.Len() != 0 {
		t.Errorf("glyph check ran without Covers: %v", diags.Items())
	}
}

// TestGitHubFragments: a link written for GitHub to a heading whose id
// starts with a digit ("#1-intro") reaches it ("#s-1-intro"), silently.
func TestGitHubFragments(t *testing.T) {
	h := &doc.Heading{Pos: doc.Pos{File: "t.md", Line: 1, Col: 1}, Level: 1, Content: []doc.Inline{&doc.Text{Value: "1. Intro"}}}
	l := &doc.Link{Pos: doc.Pos{File: "t.md", Line: 3, Col: 1}, URL: "#1-intro", Content: []doc.Inline{&doc.Text{Value: "see"}}}
	d := &doc.Document{Blocks: []doc.Block{h, &doc.Paragraph{Content: []doc.Inline{l}}}}
	var diags diag.List
	Run(d, Options{}, &diags)
	if h.Attr.ID != "s-1-intro" || l.URL != "#s-1-intro" || diags.Len() != 0 {
		t.Errorf("id %q, link %q, diagnostics %v", h.Attr.ID, l.URL, diags.Items())
	}
}

// TestCheckAltText: an image with no alt text is a warning at its
// position, unless marked decorative; every image described or decorative
// keeps the accessibility claims.
func TestCheckAltText(t *testing.T) {
	img := func(line int, alt string, classes ...string) *doc.Image {
		return &doc.Image{Pos: at(line), URL: "x.png", Alt: alt, Attr: doc.Attr{Classes: classes}}
	}
	d := body(p(1, img(1, "A map")), p(2, img(2, "")), p(3, img(3, " ", doc.DecorativeClass)),
		&doc.Figure{Pos: at(4), Image: img(4, "")})
	var diags diag.List
	CheckAltText(d, &diags)
	var got []string
	for _, di := range diags.Items() {
		got = append(got, di.String())
	}
	want := `t.md:2:1: warning: image "x.png" has no alt text: describe it, or mark it {.decorative} (alt="" in HTML) if it only decorates|` +
		`t.md:4:1: warning: image "x.png" has no alt text: describe it, or mark it {.decorative} (alt="" in HTML) if it only decorates`
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
	if doc.AllImagesDescribed(d) {
		t.Error("two images lack alt text")
	}
	d = body(p(1, img(1, "A map")), p(3, img(3, "", doc.DecorativeClass)))
	if !doc.AllImagesDescribed(d) {
		t.Error("every image is described or decorative")
	}
}

// TestResolveLinks makes relative links absolute against the link base,
// and leaves fragments, other schemes and absolute URLs as they are.
func TestResolveLinks(t *testing.T) {
	links := []*doc.Link{
		{URL: "../std/ptr/struct.NonNull.html#method.new"},
		{URL: "reference/index.html"},
		{URL: "#local"},
		{URL: "https://example.org/x"},
		{URL: "mailto:a@example.org"},
		{URL: "/root.html"},
	}
	d := &doc.Document{}
	for _, l := range links {
		d.Blocks = append(d.Blocks, &doc.Paragraph{Content: []doc.Inline{l}})
	}
	ResolveLinks(d, "https://doc.rust-lang.org/nomicon/")
	want := []string{
		"https://doc.rust-lang.org/std/ptr/struct.NonNull.html#method.new",
		"https://doc.rust-lang.org/nomicon/reference/index.html",
		"#local",
		"https://example.org/x",
		"mailto:a@example.org",
		"https://doc.rust-lang.org/root.html",
	}
	for i, l := range links {
		if l.URL != want[i] {
			t.Errorf("link %d: %q, want %q", i, l.URL, want[i])
		}
	}
}

// TestCheckUndrawnCode: a code block in a language that others draw as a
// diagram is a warning at its position; code blocks in programming
// languages, a block with no language and a math block (the reader
// makes GitHub's a formula) are not.
func TestCheckUndrawnCode(t *testing.T) {
	block := func(line int, lang string) *doc.CodeBlock {
		return &doc.CodeBlock{Pos: doc.Pos{File: "t.md", Line: line, Col: 1}, Language: lang, Text: "x"}
	}
	d := &doc.Document{Blocks: []doc.Block{
		block(1, "mermaid"), block(2, "go"), block(3, " Math "), block(4, ""),
		&doc.BlockQuote{Blocks: []doc.Block{block(5, "plantuml")}}, block(6, "latex"), block(7, "svgbob"),
	}}
	var diags diag.List
	CheckUndrawnCode(d, &diags)
	var got []string
	for _, dg := range diags.Items() {
		got = append(got, dg.String())
	}
	want := []string{
		`t.md:1:1: warning: a "mermaid" block is a Mermaid diagram, which galley does not draw; its source is printed as code`,
		`t.md:5:1: warning: a "plantuml" block is a PlantUML diagram, which galley does not draw; its source is printed as code`,
		`t.md:7:1: warning: a "svgbob" block is a Svgbob diagram, which galley does not draw; its source is printed as code`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSuggestID(t *testing.T) {
	ids := slices.Values([]string{"set-up", "základy", "cli-tools-toc", "intro", "intro-1"})
	for _, tc := range []struct{ frag, want string }{
		{"Set up", "set-up"},                // the heading's text
		{"zaklady", "základy"},              // without its accent
		{"ZAKLADY!", "základy"},             // case and punctuation
		{"cli-tools--toc", "cli-tools-toc"}, // mdBook's no-break space
		{"Intro", "intro"},                  // of two near, the first
		{"setup", ""},                       // a letter run is not a word run
		{"", ""},
	} {
		if got := SuggestID(tc.frag, ids); got != tc.want {
			t.Errorf("SuggestID(%q) = %q, want %q", tc.frag, got, tc.want)
		}
	}
}

// TestNumberExamples: example lists number on through the document,
// "(@label)" in the text is its example's number wherever it is (before
// the example too, and in a note), an unknown label stays as written, a
// label given twice is a warning with the second anchor dropped, and a
// list that is not an example list is left alone.
func TestNumberExamples(t *testing.T) {
	item := func(line int, label, text string) *doc.ListItem {
		var content []doc.Inline
		if label != "" {
			content = append(content, &doc.Span{Pos: at(line), Attr: doc.Attr{ID: doc.ExampleAnchor(label)}})
		}
		content = append(content, &doc.Text{Value: text})
		return &doc.ListItem{Pos: at(line), Blocks: []doc.Block{&doc.Paragraph{Content: content}}}
	}
	examples := func(items ...*doc.ListItem) *doc.List {
		return &doc.List{Kind: doc.OrderedList, Start: 1, Attr: doc.Attr{Classes: []string{doc.ExampleClass}}, Items: items}
	}
	ref := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "See (@b) and (@c), not (@z) or (@"}}}
	other := &doc.List{Kind: doc.OrderedList, Start: 1, Items: []*doc.ListItem{item(9, "", "x")}}
	dup := item(7, "a", "dup")
	note := &doc.FootnoteDef{Number: 1, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "(@c)."}}}}}
	d := &doc.Document{Blocks: []doc.Block{
		ref,
		examples(item(2, "a", "one"), item(3, "", "two"), item(4, "b", "three")),
		other,
		examples(item(6, "c", "four"), dup),
	}, Footnotes: []*doc.FootnoteDef{note}}
	var diags diag.List
	NumberExamples(d, &diags)
	if got := doc.PlainText(ref.Content); got != "See (3) and (4), not (@z) or (@" {
		t.Errorf("references: %q", got)
	}
	if got := doc.PlainText(note.Blocks[0].(*doc.Paragraph).Content); got != "(4)." {
		t.Errorf("the note's reference: %q", got)
	}
	if s1, s2, s3 := d.Blocks[1].(*doc.List).Start, d.Blocks[3].(*doc.List).Start, other.Start; s1 != 1 || s2 != 4 || s3 != 1 {
		t.Errorf("starts %d, %d and the other list's %d; want 1, 4, 1", s1, s2, s3)
	}
	if first := dup.Blocks[0].(*doc.Paragraph).Content[0]; first != nil {
		if _, isSpan := first.(*doc.Span); isSpan {
			t.Error("the duplicate label's anchor is kept")
		}
	}
	var got []string
	for _, dg := range diags.Items() {
		got = append(got, dg.String())
	}
	if want := "t.md:7:1: warning: example label @a is given to example 1 already; this one is (5)"; strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestSelfLinks: a link to the document's own file goes inside it (to
// its fragment, checked as any other, or to the heading it starts with);
// one to another file, or under another directory, stays a link to a
// file, and one to a web page of that name a web link; with no heading
// at the start, a link to the file alone is a warning that says so.
func TestSelfLinks(t *testing.T) {
	cases := []struct {
		name, url, want, warning string
		first                    bool // the document starts with its heading
	}{
		{"1 the fragment", "notes.md#setup", "#setup", "", true},
		{"2 the fragment as GitHub finds it, the path written from here", "./notes.md#Setup", "#setup", "", true},
		{"3 the file alone: its first heading", "notes.md", "#setup", "", true},
		{"4 a fragment it does not have", "notes.md#nowhere", "#nowhere", `broken internal link "#nowhere"`, true},
		{"5 another file", "other.md#setup", "other.md#setup", `points to a file that is not part of the document`, true},
		{"6 the same name in another directory", "sub/notes.md", "sub/notes.md", `points to a file that is not part of the document`, true},
		{"7 the file alone, no heading at its start", "notes.md", "notes.md", `link "notes.md" is to this document itself, which starts with no heading`, false},
		{"8 a web page of that name", "https://example.org/notes.md#setup", "https://example.org/notes.md#setup", "", true},
		{"9 a scheme in capitals", "HTTPS://example.org/notes.md", "HTTPS://example.org/notes.md", "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := link(3, c.url, "here")
			blocks := []doc.Block{hid(1, 2, "Setup", "setup"), p(3, l)}
			if !c.first {
				blocks = []doc.Block{p(3, l), hid(1, 2, "Setup", "setup")}
			}
			d := body(blocks...)
			var diags diag.List
			Run(d, Options{Self: "notes.md", Appendix: NoAppendix}, &diags)
			var got []string
			for _, di := range diags.Items() {
				got = append(got, di.String())
			}
			if l.URL != c.want || (c.warning == "") != (len(got) == 0) || c.warning != "" && !strings.Contains(strings.Join(got, "|"), c.warning) {
				t.Errorf("link %q, warnings %q; want %q, %q", l.URL, got, c.want, c.warning)
			}
		})
	}
}

// TestCheckGlyphsASCIIShortcut: checking texts with checkText, which
// skips an ASCII text whose characters are all checked already, asks the
// coverage about the same characters in the same order, and reports the
// same ones at the same places, as checking every character
// (checkRunes): random texts of ASCII with newlines, some non-ASCII,
// against a coverage lacking some ASCII letters and controls.
func TestCheckGlyphsASCIIShortcut(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcdefgh \n\t.,XYZ~\x01\x7féß☃")
	for round := range 200 {
		texts := make([]string, 1+rng.IntN(12))
		for i := range texts {
			var b strings.Builder
			for range rng.IntN(10) {
				r := alphabet[rng.IntN(len(alphabet))]
				if round%2 == 0 && r >= 0x80 {
					r = 'a' // half the rounds: ASCII only
				}
				b.WriteRune(r)
			}
			texts[i] = b.String()
		}
		run := func(shortcut bool) ([]rune, string) {
			var asked []rune
			covers := func(r rune) bool {
				asked = append(asked, r)
				return !strings.ContainsRune("bXZ~\x7f☃", r)
			}
			g := newGlyphChecker(covers)
			for i, s := range texts {
				if shortcut {
					g.checkText(s, atc(i+1, 1))
				} else {
					g.checkRunes(s, atc(i+1, 1))
				}
			}
			var diags diag.List
			g.report(&diags)
			var out []string
			for _, d := range diags.Items() {
				out = append(out, d.String())
			}
			return asked, strings.Join(out, "\n")
		}
		askedFast, gotFast := run(true)
		askedAll, gotAll := run(false)
		if string(askedFast) != string(askedAll) || gotFast != gotAll {
			t.Fatalf("texts %q:\nasked %q, reported\n%s\nwant asked %q, reported\n%s", texts, askedFast, gotFast, askedAll, gotAll)
		}
	}
	g := newGlyphChecker(nil)
	for _, c := range []struct {
		s    string
		want bool
	}{{"", true}, {"\n", true}, {"a", false}, {"é", false}} {
		if got := g.checkedASCII(c.s); got != c.want {
			t.Errorf("nothing checked: checkedASCII(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
