package book

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/options"
)

func load(t *testing.T, path string) (*Book, []diag.Diagnostic) {
	t.Helper()
	config, ok := Locate(path)
	if !ok {
		t.Fatalf("Locate(%s): not a book", path)
	}
	var diags diag.List
	b, err := Load(config, options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	return b, diags.Items()
}

// bookDir writes files (slash paths to their text) into a new directory
// and returns it.
func bookDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadMdBook loads an mdBook of the given book.toml and chapter files
// (SUMMARY.md among them, under src/), its diagnostics in diags.
func loadMdBook(t *testing.T, toml string, chapters map[string]string, diags *diag.List) *Book {
	t.Helper()
	files := map[string]string{"book.toml": toml}
	for k, v := range chapters {
		files[k] = v
	}
	b, err := Load(filepath.Join(bookDir(t, files), "book.toml"), options.Defaults(), diags)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// headings returns "level id text" for every top-level heading.
func headings(d *doc.Document) []string {
	var out []string
	for _, blk := range d.Blocks {
		if h, ok := blk.(*doc.Heading); ok {
			out = append(out, strings.Repeat("#", h.Level)+" "+h.Attr.ID+" "+doc.PlainText(h.Content))
		}
	}
	return out
}

// linkURLs returns the URLs of the links, in document order.
func linkURLs(d *doc.Document) []string {
	var out []string
	doc.Inspect(d, func(n doc.Node) bool {
		if l, ok := n.(*doc.Link); ok {
			out = append(out, l.URL)
		}
		return true
	})
	return out
}

func TestLocate(t *testing.T) {
	for _, tc := range []struct {
		path, want string
	}{
		{"testdata/collide", filepath.Join("testdata", "collide", "book.yaml")},
		{"testdata/collide/book.yaml", filepath.Join("testdata", "collide", "book.yaml")},
		{"testdata/summary", filepath.Join("testdata", "summary", "SUMMARY.md")},
		{"testdata/collide/one.md", ""},
		{"testdata", ""},
		{"testdata/nope", ""},
	} {
		got, ok := Locate(tc.path)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Locate(%s) = %q, %v; want %q", tc.path, got, ok, tc.want)
		}
	}
}

func TestBookYAMLIdsLinksAndNumbers(t *testing.T) {
	b, diags := load(t, "testdata/collide")
	if o := b.Options.Output; b.Name != "two-setups" || len(o.Formats) != 1 || o.Formats[0] != options.FormatEPUB || !o.NumberSections {
		t.Errorf("output: name %q %+v", b.Name, o)
	}
	if b.Options.PDF.ChapterStart != options.StartPage {
		t.Errorf("a book's chapters start at %q, want a new page", b.Options.PDF.ChapterStart)
	}
	if b.Doc.Meta.Title != "Two Setups" || b.Doc.Meta.Lang != "en" {
		t.Errorf("meta: %+v", b.Doc.Meta)
	}
	want := []string{
		"# first-chapter 1. First chapter",
		"## setup 1.1 Setup",
		"# second-chapter 2. Second chapter", // inserted from the title in book.yaml
		"## setup-2 2.1 Setup",               // the second "setup" in the book
		"# notes Notes",                      // appendix: not numbered
		"## setup-3 Setup",
	}
	if got := headings(b.Doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// one.md: other chapter's setup, the notes chapter, its own setup, a
	// missing id (pointed at the chapter), a file not in the book (kept);
	// two.md: back to one.md#setup.
	wantLinks := []string{"#setup-2", "#notes", "#setup", "#second-chapter", "missing.md", "#setup"}
	if got := linkURLs(b.Doc); strings.Join(got, " ") != strings.Join(wantLinks, " ") {
		t.Errorf("links: %q\nwant:   %q", got, wantLinks)
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	one := filepath.Join("testdata", "collide", "one.md")
	// The link to missing.md is left for the passes (CheckLinks) to
	// report, once for both outputs.
	for _, w := range []string{
		one + `:8:9: warning: broken link "part2/two.md#nowhere": part2/two.md has no heading or id "nowhere"`,
	} {
		if !strings.Contains(strings.Join(msgs, "\n"), w) {
			t.Errorf("missing diagnostic %s\ngot:\n%s", w, strings.Join(msgs, "\n"))
		}
	}
	if len(msgs) != 1 {
		t.Errorf("%d diagnostics, want 1:\n%s", len(msgs), strings.Join(msgs, "\n"))
	}
	// Each chapter keeps its own [^1]; the image path is rebased.
	var labels []string
	doc.Inspect(b.Doc, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.FootnoteDef:
			labels = append(labels, n.Label)
		case *doc.Image:
			if n.URL != "part2/square.png" {
				t.Errorf("image URL %q, want part2/square.png", n.URL)
			}
		}
		return true
	})
	if strings.Join(labels, "|") != "1|1 in part2/two.md" {
		t.Errorf("footnote labels %q", labels)
	}
}

func TestSummaryMarkdown(t *testing.T) {
	b, diags := load(t, "testdata/summary")
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d)
	}
	if b.Doc.Meta.Title != "My Summary Book" || len(b.Doc.Meta.Authors) != 1 {
		t.Errorf("meta %+v", b.Doc.Meta)
	}
	var got []string
	for _, c := range b.Chapters {
		got = append(got, c.Part.String()+":"+c.File+":"+string(rune('0'+c.Depth)))
	}
	want := "front:foreword.md:0 chapters:start.md:0 chapters:extra/install.md:1 appendix:colophon.md:0"
	if strings.Join(got, " ") != want {
		t.Errorf("chapters %q\nwant %q", strings.Join(got, " "), want)
	}
	wantH := []string{"# foreword Foreword", "# getting-started Getting started", "## installing Installing", "### prerequisites Prerequisites", "# colophon Colophon"}
	if h := headings(b.Doc); strings.Join(h, "\n") != strings.Join(wantH, "\n") {
		t.Errorf("headings %q", h)
	}
	if l := linkURLs(b.Doc); strings.Join(l, " ") != "#prerequisites #getting-started" {
		t.Errorf("links %q", l)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book.yaml", "title: Bad\ncolour: red\nchapters:\n  - a.md\n  - ../outside.md\n  - gone.md\n  - a.md\noutput:\n  toc_depth: deep\n  chapter_start: left\n  flavour: x\n")
	write("a.md", "# A\n")
	_, diags := load(t, dir)
	want := []string{
		`:2:1: warning: unknown front-matter key "colour"`,
		`:5:5: error: chapter "../outside.md" is outside the book's directory`,
		`:6:5: error: chapter "gone.md" cannot be read: no such file or directory`,
		`:7:5: warning: chapter "a.md" is listed twice (first at ` + filepath.Join(dir, "book.yaml") + `:4:5); it is in the book once, where first listed`,
		`:9:14: error: output key "toc_depth": "deep" is not a whole number from 1 to 6`,
		`:10:18: error: output key "chapter_start": "left": want none, page, right`,
		`:11:3: warning: unknown output key "flavour"`,
	}
	requireDiagnostics(t, diags, filepath.Join(dir, "book.yaml"), want)
}

// requireDiagnostics checks the diagnostics, each with the prefix trimmed,
// against want, in order.
func requireDiagnostics(t *testing.T, diags []diag.Diagnostic, prefix string, want []string) {
	t.Helper()
	var got []string
	for _, d := range diags {
		got = append(got, strings.TrimPrefix(d.String(), prefix))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestChapterSymlinks: a chapter that is a symbolic link out of the book
// (to /etc/passwd) is an error and nothing of it is read; a link to
// another file inside the book is followed.
func TestChapterSymlinks(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: T\nchapters:\n  - a.md\n  - inside.md\n  - pw.md\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nText.\n"), 0o644)
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte("# Secret\n\nroot:x:0:0\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, "pw.md")); err != nil {
		t.Skip(err)
	}
	os.Symlink("a.md", filepath.Join(dir, "inside.md"))
	var diags diag.List
	b, err := Load(filepath.Join(dir, "book.yaml"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	got := diags.Items()
	if len(got) != 1 || !strings.Contains(got[0].String(), `book.yaml:5:5: error: chapter "pw.md" cannot be read: a symbolic link leads outside the book's directory`) {
		t.Errorf("diagnostics %v", got)
	}
	if h := headings(b.Doc); len(h) != 2 {
		t.Errorf("headings %q: want a.md's and inside.md's (a link inside the book)", h)
	}
	var text strings.Builder
	doc.Dump(&text, b.Doc)
	if strings.Contains(text.String(), "root:x") {
		t.Errorf("the linked file was read:\n%s", text.String())
	}
}

// TestHTMLChapterLinks: mdBook's chapters link to each other's web pages
// (ch02.html#frag); those links become internal links like .md ones, and
// so do links to a directory whose README.md is a chapter (GitBook's
// "part/").
func TestHTMLChapterLinks(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "SUMMARY.md"), []byte("# Summary\n\n- [One](ch01.md)\n- [Two](ch02.md)\n- [Part](part/README.md)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ch01.md"), []byte("# One\n\nSee [two](ch02.html#the-part) and [its start](ch02.html), [the part](part/index.html), [its directory](part/) [again](./part).\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "part"), 0o755)
	os.WriteFile(filepath.Join(dir, "part", "README.md"), []byte("# Part\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ch02.md"), []byte("# Two\n\n## The part\n\nText.\n"), 0o644)
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	urls := linkURLs(b.Doc)
	if strings.Join(urls, " ") != "#the-part #two #part #part #part" {
		t.Errorf("links %q", urls)
	}
}

// TestChapterFragmentsAsGitHub: a link to another chapter's heading
// written in another case goes there, as GitHub finds it; one without
// the heading's accents goes there too, with a warning naming the id.
func TestChapterFragmentsAsGitHub(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n- [One](ch01.md)\n- [Two](ch02.md)\n",
		"ch01.md":    "# One\n\nSee [a](ch02.md#The-Part), [b](ch02.md#1-Intro) and [c](ch02.md#zaklady).\n",
		"ch02.md":    "# Two\n\n## The part\n\n## 1. Intro\n\n## Základy\n",
	})
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	if urls := linkURLs(b.Doc); strings.Join(urls, " ") != "#the-part #s-1-intro #základy" {
		t.Errorf("links %q", urls)
	}
	want := filepath.Join(dir, "ch01.md") + `:3:53: warning: broken link "ch02.md#zaklady": ch02.md has no id "zaklady"; did you mean "#základy"? (the link goes there)`
	if got := diags.Items(); len(got) != 1 || got[0].String() != want {
		t.Errorf("diagnostics %v\nwant %s", got, want)
	}
}

// TestSubChapterLevels: a sub-chapter written with "#" moves down one
// level; one written with "##" (as mdBook authors often do) keeps its
// levels, instead of being pushed to level 3.
func TestSubChapterLevels(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n- [Top](top.md)\n    - [Hash](hash.md)\n    - [Twohash](twohash.md)\n",
		"top.md":     "# Top\n", "hash.md": "# Hash\n\n## Hash part\n", "twohash.md": "## Twohash\n\n### Twohash part\n",
	})
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	want := []string{"# top Top", "## hash Hash", "### hash-part Hash part", "## twohash Twohash", "### twohash-part Twohash part"}
	if h := headings(b.Doc); strings.Join(h, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings %q", h)
	}
}

// TestSummaryComments: HTML comments in SUMMARY.md (a translation keeps
// the original's chapter list in them) are skipped without a warning,
// and the chapters around them are read; other raw HTML still warns.
func TestSummaryComments(t *testing.T) {
	dir := t.TempDir()
	summary := "<!--\n# The Book\n-->\n# 本\n\n<!--\n- [Getting Started](ch01.md)\n-->\n- [事始め](ch01.md)\n\n<!-- a --> <!-- b -->\n\n<div>not a comment</div>\n\n- [二](ch02.md)\n"
	os.WriteFile(filepath.Join(dir, "SUMMARY.md"), []byte(summary), 0o644)
	os.WriteFile(filepath.Join(dir, "ch01.md"), []byte("# 事始め\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ch02.md"), []byte("# 二\n"), 0o644)
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Chapters) != 2 || b.Chapters[0].Title != "事始め" || b.Chapters[1].File != "ch02.md" {
		t.Errorf("chapters %+v", b.Chapters)
	}
	items := diags.Items()
	if len(items) != 1 || !strings.Contains(items[0].String(), "SUMMARY.md:13:1: warning: SUMMARY.md: only headings") {
		t.Errorf("diagnostics %v, want one for the <div>", items)
	}
}

// TestBookTOMLAuthor: book.toml's single "author", as some books write it,
// is the book's author, without a warning.
func TestBookTOMLAuthor(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.toml"), []byte("[book]\ntitle = \"本\"\nauthor = \"Steve Klabnik and Carol Nichols\"\nlanguage = \"ja\"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "src"), 0o755)
	os.WriteFile(filepath.Join(dir, "src", "SUMMARY.md"), []byte("- [一](ch01.md)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "src", "ch01.md"), []byte("# 一\n"), 0o644)
	var diags diag.List
	b, err := Load(filepath.Join(dir, "book.toml"), options.Defaults(), &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	if a := b.Doc.Meta.Authors; len(a) != 1 || a[0] != "Steve Klabnik and Carol Nichols" {
		t.Errorf("authors %q", a)
	}
}

// TestChapterAnchorsBeforeHeading: a chapter that keeps an HTML comment
// and an anchor for its old heading's links before its "#" heading (63
// chapters of the Rust book do) starts with that heading, once, the
// anchor after it; a chapter whose first text is a paragraph still gets
// its title from SUMMARY.md.
func TestChapterAnchorsBeforeHeading(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "SUMMARY.md"), []byte("# Summary\n\n- [Packages](ch07.md)\n- [Plain](plain.md)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ch07.md"), []byte("<!-- Old headings. Do not remove or links may break. -->\n\n<a id=\"managing-growing-projects\"></a>\n\n# Packages\n\nText.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "plain.md"), []byte("<!-- note -->\n\nJust text.\n"), 0o644)
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	want := []string{"# packages Packages", "# plain Plain"}
	if h := headings(b.Doc); strings.Join(h, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings %q, want %q", h, want)
	}
	if h, ok := b.Doc.Blocks[0].(*doc.Heading); !ok {
		t.Errorf("the book starts with %T, want the chapter's heading", b.Doc.Blocks[0])
	} else if p, ok := b.Doc.Blocks[2].(*doc.Paragraph); !ok || len(p.Content) != 1 {
		t.Errorf("after the heading %v: %T, want the anchor's paragraph", h.Content, b.Doc.Blocks[2])
	}
}

// TestLinkBaseChapterRelative: with a link base, a link from a chapter in
// a subdirectory to a page of the site that is no chapter (mdBook's
// ../../std/index.html, or another book's ../../rustc/json.md, which mdBook
// links as json.html) is made relative to the book's directory, for the
// passes to resolve; links to chapters are still the book's own.
func TestLinkBaseChapterRelative(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "SUMMARY.md"), []byte("# Summary\n\n- [One](one.md)\n- [Vec](vec/vec.md)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "one.md"), []byte("# One\n\nSee [std](../std/index.html).\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "vec"), 0o755)
	os.WriteFile(filepath.Join(dir, "vec", "vec.md"), []byte("# Vec\n\n[NonNull](../../std/ptr/struct.NonNull.html#new), [one](../one.html), [alloc](alloc.html), [json](../../rustc/json.md#fmt).\n"), 0o644)
	opts := options.Defaults()
	opts.Output.LinkBase = "https://doc.rust-lang.org/nomicon/"
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), opts, &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	urls := linkURLs(b.Doc)
	if got, want := strings.Join(urls, " "), "../std/index.html ../std/ptr/struct.NonNull.html#new #one vec/alloc.html ../rustc/json.html#fmt"; got != want {
		t.Errorf("links %q, want %q", got, want)
	}
	// Without a link base, the other book's page is left as written for
	// the passes, which leave it out with a hint at --link-base: it is no
	// broken chapter link.
	var plain diag.List
	if _, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &plain); err != nil || plain.Len() > 0 {
		t.Errorf("without a link base: %v %v", err, plain.Items())
	}
}

// TestIncludeFromResourcePath: mdBook's own guide includes
// ../../../examples/…, outside the book. The command line's
// --resource-path directory lets the include be read; a book that does
// not allow it gets a positioned error.
func TestIncludeFromResourcePath(t *testing.T) {
	top := t.TempDir()
	guide, examples := filepath.Join(top, "guide"), filepath.Join(top, "examples")
	os.MkdirAll(filepath.Join(guide, "src"), 0o755)
	os.MkdirAll(examples, 0o755)
	os.WriteFile(filepath.Join(guide, "book.toml"), []byte("[book]\ntitle = \"Guide\"\n"), 0o644)
	os.WriteFile(filepath.Join(guide, "src", "SUMMARY.md"), []byte("# Summary\n\n- [Pre](pre.md)\n"), 0o644)
	os.WriteFile(filepath.Join(guide, "src", "pre.md"), []byte("# Pre\n\n```rust\n{{#include ../../examples/nop.rs}}\n```\n"), 0o644)
	os.WriteFile(filepath.Join(examples, "nop.rs"), []byte("fn nop() {}\n"), 0o644)

	var refused diag.List
	if _, err := Load(filepath.Join(guide, "book.toml"), options.Defaults(), &refused); err != nil || refused.Len() != 1 ||
		!strings.HasPrefix(refused.Items()[0].String(), filepath.Join(guide, "src", "pre.md")+":4:1: error:") {
		t.Errorf("without --resource-path: %v %v", err, refused.Items())
	}

	opts := options.Defaults()
	opts.Resources.Paths = []string{examples}
	var diags diag.List
	b, err := Load(filepath.Join(guide, "book.toml"), opts, &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	code, ok := b.Doc.Blocks[1].(*doc.CodeBlock)
	if !ok || code.Text != "fn nop() {}" && code.Text != "fn nop() {}\n" {
		t.Errorf("blocks %#v", b.Doc.Blocks)
	}
}

// TestPreprocessorWarnings: a preprocessor galley does not run (the Rust
// Reference's mdbook-spec) is a warning at its table in book.toml; mdBook's
// own and those whose work galley does are not, nor is MathJax
// (TestMathJax).
func TestPreprocessorWarnings(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "src"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.toml"), []byte("[book]\ntitle = \"Ref\"\n\n[preprocessor.links]\n\n[preprocessor.trpl-note]\n\n[preprocessor.spec]\ncommand = \"cargo run --manifest-path tools/mdbook-spec/Cargo.toml\"\n\n[output.html]\nmathjax-support = true\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "src", "SUMMARY.md"), []byte("# Summary\n\n- [One](one.md)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "src", "one.md"), []byte("# One\n"), 0o644)
	var diags diag.List
	if _, err := Load(filepath.Join(dir, "book.toml"), options.Defaults(), &diags); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "book.toml")
	want := []string{
		file + `:8:1: warning: book.toml: galley does not run mdBook's preprocessor "spec" (cargo run --manifest-path tools/mdbook-spec/Cargo.toml); what it would change in the chapters is left as written`,
	}
	requireDiagnostics(t, diags.Items(), "", want)
}

// TestMathJax: in an mdBook with mathjax-support, \\( … \\) is an inline
// formula and \\[ … \\] a displayed one, as MathJax sets them; without it
// they are text, as the Markdown reads them.
func TestMathJax(t *testing.T) {
	chapter := "# One\n\nInline \\\\( a^2 + b^2 \\\\) and `\\\\(code\\\\)`.\n\n\\\\[\n\\frac{1}{2}\n\\\\]\n"
	if got, want := bookFormulas(t, "\n[output.html]\nmathjax-support = true\n", chapter), []string{"inline a^2 + b^2", "display \\frac{1}{2}"}; !slices.Equal(got, want) {
		t.Errorf("with mathjax-support: formulas %q, want %q", got, want)
	}
	if got := bookFormulas(t, "", chapter); got != nil {
		t.Errorf("without mathjax-support: formulas %q, want none", got)
	}
}

// TestKaTeX: in an mdBook that runs mdbook-katex, dollar math is read by
// its rules ($ x $ with spaces is a formula); without it, by pandoc's.
func TestKaTeX(t *testing.T) {
	chapter := "# One\n\nAn example, $ \\pi(\\theta) $, and a regular \\$ symbol.\n"
	if got, want := bookFormulas(t, "\n[preprocessor.katex]\n", chapter), []string{`inline \pi(\theta)`}; !slices.Equal(got, want) {
		t.Errorf("with mdbook-katex: formulas %q, want %q", got, want)
	}
	if got := bookFormulas(t, "", chapter); got != nil {
		t.Errorf("without mdbook-katex: formulas %q, want none", got)
	}
}

// bookFormulas loads an mdBook of one chapter whose book.toml has more
// after its [book] table, with no warning, and returns its formulas:
// each "inline" or "display", and its TeX.
func bookFormulas(t *testing.T, more, chapter string) []string {
	t.Helper()
	dir := bookDir(t, map[string]string{"SUMMARY.md": "# Summary\n\n- [One](one.md)\n", "one.md": chapter})
	os.WriteFile(filepath.Join(dir, "book.toml"), []byte("[book]\ntitle = \"Math\"\nsrc = \".\"\n"+more), 0o644)
	var diags diag.List
	b, err := Load(filepath.Join(dir, "book.toml"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), "", nil)
	var formulas []string
	doc.Inspect(b.Doc, func(n doc.Node) bool {
		if s, ok := n.(*doc.Span); ok {
			if tex, display, ok := s.Formula(); ok {
				kind := "inline"
				if display {
					kind = "display"
				}
				formulas = append(formulas, kind+" "+tex)
			}
		}
		return true
	})
	return formulas
}

// TestUnknownKeyOncePerBook: a front-matter key galley does not know
// (Comprehensive Rust's "minutes:", for its own preprocessor, in 324
// chapters) is one warning for the book, at its first chapter, with how
// many more have it; other warnings are each their own.
func TestUnknownKeyOncePerBook(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n- [Three](three.md)\n",
		"one.md":     "---\nminutes: 5\n---\n# One\n",
		"two.md":     "---\nminutes: 10\nsession: Morning\n---\n# Two\n",
		"three.md":   "---\nminutes: 15\n---\n# Three\n",
	})
	var diags diag.List
	if _, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags); err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(dir, "one.md") + `:2:1: warning: unknown front-matter key "minutes" (2 more chapters have it)`,
		filepath.Join(dir, "two.md") + `:3:1: warning: unknown front-matter key "session"`,
	}
	requireDiagnostics(t, diags.Items(), "", want)
}

// TestHiddenCodeLines: an mdBook hides rustdoc's set-up lines in its Rust
// code ("# " and a "#" alone; "##" shows a "#") and, in other languages,
// the lines of book.toml's hidelines prefix; galley leaves them out as its
// readers see the code. A book.yaml book (galley's own) keeps every line.
func TestHiddenCodeLines(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "src"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.toml"), []byte("[book]\ntitle = \"Code\"\n\n[output.html.code.hidelines]\npython = \"~\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "src", "SUMMARY.md"), []byte("# Summary\n\n- [One](one.md)\n"), 0o644)
	chapter := "# One\n\n```rust,ignore\n# use std::mem;\n#![allow(unused)]\nfn main() {\n    # let hidden = 1;\n    ##[derive(Debug)]\n    #[derive(Clone)]\n#\n}\n```\n\n```python\n~import os\nprint(1)\n```\n\n```text\n# a comment\n```\n"
	os.WriteFile(filepath.Join(dir, "src", "one.md"), []byte(chapter), 0o644)
	var diags diag.List
	b, err := Load(filepath.Join(dir, "book.toml"), options.Defaults(), &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	var got []string
	doc.Inspect(b.Doc, func(n doc.Node) bool {
		if cb, ok := n.(*doc.CodeBlock); ok {
			got = append(got, cb.Text)
		}
		return true
	})
	want := []string{"#![allow(unused)]\nfn main() {\n    #[derive(Debug)]\n    #[derive(Clone)]\n}", "print(1)", "# a comment"}
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("code\n%s\nwant\n%s", strings.Join(got, "\n--\n"), strings.Join(want, "\n--\n"))
	}

	yaml := t.TempDir()
	os.WriteFile(filepath.Join(yaml, "book.yaml"), []byte("title: Code\nchapters:\n  - one.md\n"), 0o644)
	os.WriteFile(filepath.Join(yaml, "one.md"), []byte(chapter), 0o644)
	b, err = Load(filepath.Join(yaml, "book.yaml"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	if cb, ok := b.Doc.Blocks[1].(*doc.CodeBlock); !ok || !strings.HasPrefix(cb.Text, "# use std::mem;") {
		t.Errorf("a book.yaml book's code: %#v", b.Doc.Blocks[1])
	}
}

// TestRuleAnchors: a book that runs the Rust Reference's mdbook-spec marks
// its rules with r[name] lines; each is an anchor of id "r-name" (links
// to it resolve, across chapters too), printed as nothing, on the line it
// was. A book without that preprocessor keeps such a line as text.
func TestRuleAnchors(t *testing.T) {
	chapters := map[string]string{
		"src/SUMMARY.md": "# Summary\n\n- [Items](items.md)\n- [Links](links.md)\n",
		"src/items.md":   "# Items\n\nr[items.intro]\nAn item is a component.\n\nr[items.kinds]\n## Kinds\n\nText.\n",
		"src/links.md":   "# Links\n\nSee [the intro](items.md#r-items.intro) and [kinds](items.md#r-items.kinds).\n",
	}
	var diags diag.List
	b := loadMdBook(t, "[book]\ntitle = \"Ref\"\n\n[preprocessor.spec]\n", chapters, &diags)
	for _, d := range diags.Items() {
		if !strings.Contains(d.Message, `preprocessor "spec"`) {
			t.Errorf("diagnostic: %s", d)
		}
	}
	if urls := strings.Join(linkURLs(b.Doc), " "); urls != "#r-items.intro #r-items.kinds" {
		t.Errorf("links %q", urls)
	}
	var text []string
	doc.Inspect(b.Doc, func(n doc.Node) bool {
		if p, ok := n.(*doc.Paragraph); ok {
			text = append(text, doc.PlainText(p.Content))
			if s, ok := p.Content[0].(*doc.Span); ok && s.Attr.ID == "r-items.intro" && s.Pos.Line != 3 {
				t.Errorf("the rule's anchor is at line %d, want 3", s.Pos.Line)
			}
		}
		return true
	})
	if strings.Contains(strings.Join(text, "|"), "r[") {
		t.Errorf("a rule line printed: %q", text)
	}

	b = loadMdBook(t, "[book]\ntitle = \"Ref\"\n", chapters, &diag.List{})
	if p, ok := b.Doc.Blocks[1].(*doc.Paragraph); !ok || !strings.HasPrefix(doc.PlainText(p.Content), "r[items.intro]") {
		t.Errorf("without mdbook-spec: %#v", b.Doc.Blocks[1])
	}
}

// TestRuleLinks: in a book that runs mdbook-spec, a link reference
// definition whose destination is a rule's name, and a rule's name in
// brackets alone, lead to the rule's anchor, in its chapter or another
// (in a subdirectory too), as mdbook-spec makes them; a chapter's own
// definition of a rule's name wins, and bracketed text that names no
// rule stays text. Without mdbook-spec nothing changes.
func TestRuleLinks(t *testing.T) {
	chapters := map[string]string{
		"src/SUMMARY.md":  "# Summary\n\n- [Items](items.md)\n- [Deep](sub/deep.md)\n",
		"src/items.md":    "# Items\n\nr[items.intro]\nAn item. See [the rule][items.kinds] and [sub.deep].\n\nr[items.kinds]\n## Kinds\n\n[the rule]: items.kinds\n",
		"src/sub/deep.md": "# Deep\n\nr[sub.deep]\nBack to [items.intro], on to [sub.deep], not [no.such.rule], and [mine].\n\n[mine]: items.intro\n[items.intro]: https://example.com/own\n",
	}
	build := func(toml string) *doc.Document { return loadMdBook(t, toml, chapters, &diag.List{}).Doc }
	d := build("[book]\ntitle = \"Ref\"\n\n[preprocessor.spec]\n")
	want := "#r-items.kinds #r-sub.deep https://example.com/own #r-sub.deep #r-items.intro"
	if urls := strings.Join(linkURLs(d), " "); urls != want {
		t.Errorf("links\n%q, want\n%q", urls, want)
	}
	var text []string
	doc.Inspect(d, func(n doc.Node) bool {
		if p, ok := n.(*doc.Paragraph); ok {
			text = append(text, doc.PlainText(p.Content))
		}
		return true
	})
	all := strings.Join(text, "|")
	if !strings.Contains(all, "[no.such.rule]") || strings.Contains(all, "[sub.deep]") || strings.Contains(all, "]:") {
		t.Errorf("text %q", all)
	}
	d = build("[book]\ntitle = \"Ref\"\n")
	if urls := strings.Join(linkURLs(d), " "); strings.Contains(urls, "#r-") || !strings.Contains(urls, "https://example.com/own") {
		t.Errorf("without mdbook-spec, links %q", urls)
	}
}

// TestOtherDirectives: in a book whose book.toml names a preprocessor
// galley does not run, a line that is only a {{%…}} directive is left
// out with a warning at its line; one in fenced code, or inside a line of
// text, stays. Without such a preprocessor, every one stays.
func TestOtherDirectives(t *testing.T) {
	chapter := "# Day 1\n\n{{%segment outline}}\n\nText with {{%inline}} in it.\n\n```text\n{{%segment outline}}\n```\n\n  {{%session outline}}\n"
	build := func(toml string) (*doc.Document, []string) {
		var diags diag.List
		b := loadMdBook(t, toml, map[string]string{"src/SUMMARY.md": "# Summary\n\n- [Day 1](day1.md)\n", "src/day1.md": chapter}, &diags)
		var msgs []string
		for _, d := range diags.Items() {
			if !strings.Contains(d.Message, "book.toml: galley does not run") {
				msgs = append(msgs, fmt.Sprintf("%d:%d: %s", d.Pos.Line, d.Pos.Col, d.Message))
			}
		}
		return b.Doc, msgs
	}
	text := func(d *doc.Document) string {
		var out []string
		doc.Inspect(d, func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.Paragraph:
				out = append(out, doc.PlainText(n.Content))
			case *doc.CodeBlock:
				out = append(out, "code:"+n.Text)
			}
			return true
		})
		return strings.Join(out, "|")
	}
	d, msgs := build("[book]\ntitle = \"Course\"\n\n[preprocessor.course]\nverbose = false\n")
	want := []string{
		"3:1: {{%segment outline}} is a directive of a preprocessor galley does not run (book.toml: course); it is left out",
		"11:1: {{%session outline}} is a directive of a preprocessor galley does not run (book.toml: course); it is left out",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if got := text(d); got != "Text with {{%inline}} in it.|code:{{%segment outline}}" {
		t.Errorf("text %q", got)
	}
	d, msgs = build("[book]\ntitle = \"Course\"\n")
	if len(msgs) > 0 || !strings.Contains(text(d), "{{%session outline}}") {
		t.Errorf("without an unrun preprocessor: %q, %q", msgs, text(d))
	}
}

// TestNumberHeadingsUnnumbered: a heading of the class unnumbered
// (pandoc's {-}) gets no number, and the sections after it go on from
// the last numbered one.
func TestNumberHeadingsUnnumbered(t *testing.T) {
	h := func(level int, text string, classes ...string) *doc.Heading {
		return &doc.Heading{Level: level, Attr: doc.Attr{Classes: classes}, Content: []doc.Inline{&doc.Text{Value: text}}}
	}
	d := &doc.Document{Blocks: []doc.Block{h(1, "Intro"), h(2, "A"), h(2, "Aside", "unnumbered"), h(2, "B"), h(1, "Preface", "unnumbered")}}
	numberHeadings(d, "3", true)
	var got []string
	for _, b := range d.Blocks {
		got = append(got, doc.PlainText(b.(*doc.Heading).Content))
	}
	if want := "3. Intro|3.1 A|Aside|3.2 B|Preface"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestNoHeadingRefsInMdBook: an mdBook's "[Setup]" is text, as its
// Markdown (pulldown-cmark, CommonMark) reads it, and not a link to the
// heading "# Setup", as pandoc's implicit heading references make it in
// a file galley reads alone.
func TestNoHeadingRefsInMdBook(t *testing.T) {
	chapter := "# Setup\n\nSee [Setup].\n"
	dir := bookDir(t, map[string]string{"SUMMARY.md": "# Summary\n\n- [One](one.md)\n", "one.md": chapter})
	os.WriteFile(filepath.Join(dir, "book.toml"), []byte("[book]\ntitle = \"Refs\"\nsrc = \".\"\n"), 0o644)
	var diags diag.List
	b, err := Load(filepath.Join(dir, "book.toml"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	links := func(d *doc.Document) (n int) {
		doc.Inspect(d, func(x doc.Node) bool {
			if _, ok := x.(*doc.Link); ok {
				n++
			}
			return true
		})
		return n
	}
	if n := links(b.Doc); n != 0 || !strings.Contains(doc.DumpString(b.Doc), `"See [Setup]."`) {
		t.Errorf("the mdBook has %d links, want none:\n%s", n, doc.DumpString(b.Doc))
	}
	if n := links(markdown.Parse("one.md", []byte(chapter), nil)); n != 1 {
		t.Errorf("the file alone has %d links, want 1", n)
	}
}

// TestGitBookSummary: a GitBook's SUMMARY.md: its "Table of contents"
// heading names the list, not the book; a list item of text alone titles
// the group of chapters under it (a part's page, its heading at its
// depth); a group's page listed again as its first chapter is in the
// book once, with a warning.
func TestGitBookSummary(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"SUMMARY.md": "# Table of contents\n\n* [Intro](README.md)\n* Exercises\n  * Part 1\n    * [Lab 1](lab1.md)\n* [Loops](loops/README.md)\n  * [for](loops/README.md)\n  * [while](loops/while.md)\n",
		"README.md":  "# Intro\n", "lab1.md": "# Lab 1\n", "loops/README.md": "# Loops\n", "loops/while.md": "# While\n",
	})
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), filepath.Join(dir, "SUMMARY.md"),
		[]string{`:8:5: warning: chapter "loops/README.md" is listed twice (first at ` + filepath.Join(dir, "SUMMARY.md") + `:7:3); it is in the book once, where first listed`})
	if b.Doc.Meta.Title != "" {
		t.Errorf("title %q, want none", b.Doc.Meta.Title)
	}
	want := []string{"# intro Intro", "# exercises Exercises", "## part-1 Part 1", "### lab-1 Lab 1", "# loops Loops", "## while While"}
	if h := headings(b.Doc); strings.Join(h, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings %q\nwant %q", h, want)
	}
}

// TestObsidianNotes: notes kept in an Obsidian vault (.obsidian above
// them), listed in a SUMMARY.md whose links percent-encode their names
// ("Other%20note.md"), link to each other with [[Other note]] and
// [[Other note#Part two]]: each goes to the chapter or its heading, with
// no warning.
func TestObsidianNotes(t *testing.T) {
	dir := bookDir(t, map[string]string{
		".obsidian/app.json": "{}",
		"SUMMARY.md":         "# Summary\n\n- [Start](Start.md)\n- [Other note](Other%20note.md)\n",
		"Start.md":           "# Start\n\nSee [[Other note]] and [[Other note#Part two|there]].\n",
		"Other note.md":      "# Other note\n\n## Part two\n\nBack to [[Start]].\n",
	})
	var diags diag.List
	b, err := Load(filepath.Join(dir, "SUMMARY.md"), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), "", nil)
	if l := linkURLs(b.Doc); strings.Join(l, " ") != "#other-note #part-two #start" {
		t.Errorf("links %q", l)
	}
}

// TestDocsify: a docsify site is a book: its _sidebar.md lists the pages
// as docsify names them ("/" the README.md, "guide" guide.md, "/parts/"
// a README.md), its title is the name index.html gives docsify, a link
// to "guide" goes to that chapter, and "!> " and "?> " paragraphs are
// docsify's callouts, important and a tip.
func TestDocsify(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"_sidebar.md":     "- [Home](/)\n- [Guide](guide)\n- [Parts](/parts/)\n",
		"index.html":      "<script>window.$docsify = { name: 'My Course', loadSidebar: true }</script>\n",
		"README.md":       "# Home\n\nRead the [guide](guide) first.\n",
		"guide.md":        "# Guide\n\n!> Mind the **gap**.\n\n?> A tip.\n\nPlain > text.\n",
		"parts/README.md": "# Parts\n",
	})
	if config, ok := Locate(dir); !ok || filepath.Base(config) != DocsifyFile {
		t.Fatalf("Locate(%s) = %q, %v", dir, config, ok)
	}
	var diags diag.List
	b, err := Load(filepath.Join(dir, DocsifyFile), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), "", nil)
	var files []string
	for _, ch := range b.Chapters {
		files = append(files, ch.File)
	}
	if strings.Join(files, " ") != "README.md guide.md parts/README.md" || b.Doc.Meta.Title != "My Course" {
		t.Errorf("chapters %q, title %q", files, b.Doc.Meta.Title)
	}
	if l := linkURLs(b.Doc); strings.Join(l, " ") != "#guide" {
		t.Errorf("links %q", l)
	}
	dump := doc.DumpString(b.Doc)
	for _, want := range []string{`Callout 3:1 kind="important"`, `Text 3:4 value="Mind the "`, `Callout 5:1 kind="tip"`, `value="Plain > text."`} {
		if !strings.Contains(dump, want) {
			t.Errorf("the book lacks %s:\n%s", want, dump)
		}
	}
}

func TestMkDocs(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"mkdocs.yml": "site_name: Physics 101\nsite_author: A. Teacher\ntheme:\n  name: material\n  language: fr\n" +
			"markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n" +
			"nav:\n  - Home: index.md\n  - Mechanics:\n    - Forces: mechanics/forces.md\n    - mechanics/energy.md\n" +
			"  - Source: https://example.org/repo\n  - Missing: gone.md\n",
		"docs/index.md":            "# Physics\n\n!!! tip\n    Read [forces](mechanics/forces.md).\n",
		"docs/mechanics/forces.md": "# Forces\n",
		"docs/mechanics/energy.md": "Energy has no heading.\n",
	})
	if config, ok := Locate(dir); !ok || filepath.Base(config) != MkDocsFile {
		t.Fatalf("Locate(%s) = %q, %v", dir, config, ok)
	}
	var diags diag.List
	b, err := Load(filepath.Join(dir, MkDocsFile), options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), dir+string(filepath.Separator), []string{`mkdocs.yml:15:14: error: page "gone.md" of mkdocs.yml's nav is not in the site's docs directory`})
	var chapters []string
	for _, ch := range b.Chapters {
		chapters = append(chapters, fmt.Sprintf("%s|%s|%d", ch.File, ch.Title, ch.Depth))
	}
	if got := strings.Join(chapters, " "); got != "index.md|Home|0 |Mechanics|0 mechanics/forces.md|Forces|1 mechanics/energy.md||1" {
		t.Errorf("chapters %s", got)
	}
	if m := b.Doc.Meta; m.Title != "Physics 101" || strings.Join(m.Authors, ",") != "A. Teacher" || m.Lang != "fr" {
		t.Errorf("meta %q %q %q", m.Title, m.Authors, m.Lang)
	}
	if l := linkURLs(b.Doc); strings.Join(l, " ") != "#forces" {
		t.Errorf("links %q", l)
	}
	if dump := doc.DumpString(b.Doc); !strings.Contains(dump, `Callout 3:1 kind="tip"`) {
		t.Errorf("the admonition is no callout:\n%s", dump)
	}

	// With no nav, every page, each directory's index first.
	dir = bookDir(t, map[string]string{
		"mkdocs.yml":       "site_name: Notes\ndocs_dir: pages\n",
		"pages/b.md":       "# B\n",
		"pages/a/x.md":     "# X\n",
		"pages/a/index.md": "# A\n",
		"pages/index.md":   "# Home\n",
		"pages/z.md":       "# Z\n",
	})
	diags = diag.List{}
	if b, err = Load(filepath.Join(dir, MkDocsFile), options.Defaults(), &diags); err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), "", nil)
	var files []string
	for _, ch := range b.Chapters {
		files = append(files, ch.File)
	}
	if got := strings.Join(files, " "); got != "index.md b.md z.md a/index.md a/x.md" {
		t.Errorf("pages %s", got)
	}

	// A nav entry naming a directory, as mkdocs-literate-nav reads one: its
	// README.md, then the pages its list links to, in that order; with
	// no such list, every page of the directory by name.
	dir = bookDir(t, map[string]string{
		"mkdocs.yml":           "site_name: Dirs\nnav:\n  - Guide: guide/\n  - More: more\n",
		"docs/guide/README.md": "# Guide\n\n- [Second](b.md)\n- [First](a.md)\n- [Out](https://x.org)\n",
		"docs/guide/a.md":      "# A\n",
		"docs/guide/b.md":      "# B\n",
		"docs/guide/c.md":      "# C, not in the list\n",
		"docs/more/index.md":   "# More\n",
		"docs/more/y.md":       "# Y\n",
		"docs/more/x.md":       "# X\n",
	})
	diags = diag.List{}
	if b, err = Load(filepath.Join(dir, MkDocsFile), options.Defaults(), &diags); err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), "", nil)
	chapters = nil
	for _, ch := range b.Chapters {
		chapters = append(chapters, fmt.Sprintf("%s|%s|%d", ch.File, ch.Title, ch.Depth))
	}
	if got := strings.Join(chapters, " "); got != "guide/README.md|Guide|0 guide/b.md||1 guide/a.md||1 more/index.md|More|0 more/x.md||1 more/y.md||1" {
		t.Errorf("chapters %s", got)
	}

	// pymdownx.snippets: a line's file, a block's files, an escaped line,
	// lines of a file, one not found, and the files appended to every page.
	dir = bookDir(t, map[string]string{
		"mkdocs.yml": "site_name: Snips\nmarkdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n      base_path: [includes, .]\n" +
			"      auto_append:\n        - links.md\n",
		"docs/index.md": "# Home\n\n--8<-- \"note.md\"\n\n;--8<-- \"note.md\"\n\n--8<--\nnote.md\npart.md:2:2\n--8<--\n\n" +
			"--8<-- 'gone.md'\n\nSee [MkDocs][mkdocs].\n",
		"includes/note.md":  "Included note.\n",
		"includes/links.md": "[mkdocs]: https://www.mkdocs.org\n",
		"includes/part.md":  "one\ntwo\nthree\n",
	})
	diags = diag.List{}
	if b, err = Load(filepath.Join(dir, MkDocsFile), options.Defaults(), &diags); err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), dir+string(filepath.Separator), []string{
		`docs/index.md:12:1: warning: the snippet "gone.md" is not found under the site's snippet base paths (includes, .); it is left out`})
	var texts []string
	doc.Inspect(b.Doc, func(n doc.Node) bool {
		if t, ok := n.(*doc.Text); ok {
			texts = append(texts, t.Value)
		}
		return true
	})
	if got := strings.Join(texts, "|"); got != `Home|Included note.|–8<– “note.md”|Included note. two|See |MkDocs|.` {
		t.Errorf("texts %s", got)
	}
	if l := linkURLs(b.Doc); strings.Join(l, " ") != "https://www.mkdocs.org" {
		t.Errorf("links %q", l)
	}

	dir = bookDir(t, map[string]string{"mkdocs.yml": "site_name: Out\ndocs_dir: ../elsewhere\n"})
	diags = diag.List{}
	if _, err = Load(filepath.Join(dir, MkDocsFile), options.Defaults(), &diags); err != nil {
		t.Fatal(err)
	}
	if d := diags.Items(); len(d) == 0 || !strings.Contains(d[0].Message, `docs_dir "../elsewhere" leads outside the site's directory`) {
		t.Errorf("diagnostics %v", d)
	}
}

func TestDocusaurus(t *testing.T) {
	dir := bookDir(t, map[string]string{
		"docusaurus.config.js":        "const config = {\n  title: 'My Course',\n  themeConfig: {navbar: {title: 'Nav'}},\n};\n",
		"docs/intro.md":               "---\nsidebar_position: 1\n---\n\n# Intro\n\nimport X from './x';\n\n![logo](/img/logo.png)\n",
		"docs/zeta.md":                "# Zeta, no position\n",
		"docs/_partial.mdx":           "A partial, no page.\n",
		"docs/basics/_category_.json": `{"label": "The Basics", "position": 2}`,
		"docs/basics/02-second.md":    "# Second\n",
		"docs/basics/01-first.mdx":    "# First\n\n<Tabs>\n<TabItem value=\"a\" label=\"A\">\n\nTab A.\n\n</TabItem>\n</Tabs>\n",
		"docs/basics/img/x.md.txt":    "not a page",
		"docs/extras/index.md":        "# Extras\n",
		"docs/extras/more.md":         "# More\n",
		"docs/extras/_category_.yml":  "label: Extras\nposition: 3\n",
		"static/img/logo.png":         "",
	})
	config, ok := Locate(dir)
	if !ok || filepath.Base(config) != "docusaurus.config.js" {
		t.Fatalf("Locate(%s) = %q, %v", dir, config, ok)
	}
	var diags diag.List
	b, err := Load(config, options.Defaults(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	requireDiagnostics(t, diags.Items(), "", nil)
	var chapters []string
	for _, ch := range b.Chapters {
		chapters = append(chapters, fmt.Sprintf("%s|%s|%d", ch.File, ch.Title, ch.Depth))
	}
	if got := strings.Join(chapters, " "); got != "intro.md||0 |The Basics|0 basics/01-first.mdx||1 basics/02-second.md||1 extras/index.md|Extras|0 extras/more.md||1 zeta.md||0" {
		t.Errorf("chapters %s", got)
	}
	if b.Doc.Meta.Title != "My Course" {
		t.Errorf("title %q", b.Doc.Meta.Title)
	}
	if o := b.Options.Resources.SiteRoot; o != filepath.Join(dir, "static") {
		t.Errorf("site root %q", o)
	}
	dump := doc.DumpString(b.Doc)
	for _, want := range []string{`Div 3:1 attr={.tabs}`, `value="A"`, `value="Tab A."`} {
		if !strings.Contains(dump, want) {
			t.Errorf("the book lacks %s:\n%s", want, dump)
		}
	}
	if strings.Contains(dump, "import X") || strings.Contains(dump, "partial") {
		t.Errorf("the book prints an import or a partial:\n%s", dump)
	}
}
