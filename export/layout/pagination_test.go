package layout

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/internal/bookgen"
)

// repoRoot is the repository's top directory, from this package's.
const repoRoot = "../.."

// readMarkdown parses Markdown and runs the shared passes, as a build does.
func readMarkdown(t *testing.T, path string, src []byte) (*doc.Document, *diag.List) {
	t.Helper()
	var diags diag.List
	d := markdown.Parse(path, src, &diags)
	passes.Run(d, passes.Options{Covers: loadFonts(t).Covers}, &diags)
	return d, &diags
}

// checkAll lays d out and runs every layout check on the result.
func checkAll(t *testing.T, d *doc.Document, fsys fs.FS, p Paper) (*Document, *lineStats) {
	t.Helper()
	set := loadFonts(t)
	out, stats, err := layoutWithStats(d, Options{Paper: p, Fonts: set, Resources: fsys}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, set, p)
	checkBreaks(t, stats.sheets)
	for _, p := range noteProblems(stats.sheets, stats.noteRows) {
		t.Error(p)
	}
	if entries := tocEntries(d, 3); countHeadings(entries, d.Appendix) >= 4 {
		checkTOC(t, out, entries, p)
	}
	return out, stats
}

// markdownFiles lists the content and every Markdown file under a testdata
// directory of the repository.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(repoRoot, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (e.Name() == ".git" || e.Name() == "node_modules") {
			return filepath.SkipDir
		}
		dir := filepath.Base(filepath.Dir(path))
		if !e.IsDir() && strings.HasSuffix(path, ".md") && (dir == "testdata" || dir == "content") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("found only %v", files)
	}
	return files
}

// TestMarkdownFiles lays out the seed content and every Markdown file under
// testdata on each paper and checks the pages.
func TestMarkdownFiles(t *testing.T) {
	for _, path := range markdownFiles(t) {
		t.Run(strings.TrimPrefix(path, repoRoot+"/"), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, diags := readMarkdown(t, path, src)
			if err := diags.Err(); err != nil {
				t.Skipf("the file is meant to fail: %v", err)
			}
			for _, p := range []Paper{A4(), Letter(), A5()} {
				checkAll(t, d, os.DirFS(filepath.Dir(path)), p)
			}
		})
	}
}

// bookScale makes the generated book (internal/bookgen) about 300 A4
// pages.
const bookScale = 0.6

// TestGeneratedBook lays out a generated book of about 300 pages and checks
// every page: text inside the block, no overlaps, no widows, orphans or
// stranded headings, and a printed contents whose page numbers are right.
func TestGeneratedBook(t *testing.T) {
	dir := t.TempDir()
	if _, err := bookgen.Write(dir, "book.md", bookScale); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "book.md"))
	if err != nil {
		t.Fatal(err)
	}
	d, diags := readMarkdown(t, "book.md", src)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	images := os.DirFS(dir)
	out, stats := checkAll(t, d, images, A4())
	if len(out.Pages) < 300 {
		t.Errorf("the generated book has %d pages, want at least 300", len(out.Pages))
	}
	a5, _ := checkAll(t, d, images, A5())
	t.Logf("on A5: %d pages", len(a5.Pages))
	r := slices.Clone(stats.ratios)
	slices.Sort(r)
	t.Logf("%d pages; %d justified lines; inter-word stretch ratio min %.3f median %.3f max %.3f; %d lines too loose to justify, set ragged", len(out.Pages), len(r), r[0], r[len(r)/2], r[len(r)-1], stats.ragged)
}

// TestBreakProblemsFindsBadBreaks shows that the pagination check catches
// each kind of bad break.
func TestBreakProblemsFindsBadBreaks(t *testing.T) {
	line := func(text string, i, n int) placed {
		return placed{row: &vrow{items: []Item{&Text{Text: text}}, line: int32(i), lines: int32(n)}}
	}
	heading := placed{row: &vrow{items: []Item{&Text{Text: "Stranded"}}, heading: true}}
	figure := placed{row: &vrow{items: []Item{&ImageItem{}}, figure: true}}
	caption := placed{row: &vrow{items: []Item{&Text{Text: "Caption"}}, caption: true, lines: 1}}
	sheets := []*sheet{
		{rows: []placed{line("a", 0, 1), heading}},
		{rows: []placed{line("b", 0, 1), line("orphan", 0, 3)}},
		{rows: []placed{line("c", 1, 3), line("d", 2, 3)}},
		{rows: []placed{line("widow", 2, 3), line("e", 0, 1)}},
		{rows: []placed{line("f", 0, 1), figure}},
		{rows: []placed{caption}},
	}
	got := breakProblems(sheets)
	want := []string{"heading \"Stranded\" stranded", "orphan", "widow", "its caption \"Caption\""}
	if len(got) != len(want) {
		t.Fatalf("problems = %q, want %d", got, len(want))
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("problem %d = %q, want it to mention %q", i, got[i], w)
		}
	}
	if p := breakProblems(sheets[2:3]); len(p) != 0 {
		t.Errorf("one page has no breaks to judge, got %q", p)
	}
}

// TestNoteProblemsFindsMisplacedNotes shows that the footnote check catches
// a note that begins on another page than its reference, and a lost line.
func TestNoteProblemsFindsMisplacedNotes(t *testing.T) {
	n1, n2 := []*vrow{{h: 10}, {h: 10}}, []*vrow{{h: 10}}
	notes := map[int][]*vrow{1: n1, 2: n2}
	ref := func(n int) placed { return placed{row: &vrow{extra: &rowExtra{notes: []int{n}}}} }
	good := []*sheet{{rows: []placed{ref(1)}, notes: n1[:1]}, {rows: []placed{ref(2)}, notes: []*vrow{n1[1], n2[0]}}}
	if p := noteProblems(good, notes); len(p) != 0 {
		t.Errorf("a note continued on the next page is fine, got %q", p)
	}
	bad := []*sheet{{rows: []placed{ref(1), ref(2)}, notes: n1}, {notes: n2}}
	if p := noteProblems(bad, notes); len(p) != 1 || !strings.Contains(p[0], "footnote 2 is referred to here but begins elsewhere") {
		t.Errorf("problems = %q", p)
	}
	lost := []*sheet{{rows: []placed{ref(1)}, notes: n1[:1]}}
	if p := noteProblems(lost, notes); len(p) != 1 || !strings.Contains(p[0], "set 0 times") {
		t.Errorf("problems = %q", p)
	}
}

// TestLeadInKeptWithCode: a one-line paragraph before a code block
// ("Filename: src/main.rs"), a paragraph ending with a colon, and a code
// block before its mdBook caption (a span of class "caption"; a figure
// takes such a caption in) never end a page apart from what they lead
// into. Each is laid out after 0 to 60 lines of text, so that some layout
// puts it at the foot of a page.
func TestLeadInKeptWithCode(t *testing.T) {
	fsys := fstest.MapFS{"fig.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60"><rect width="100" height="60" fill="#8ac"/></svg>`)}}
	for _, c := range []struct {
		what, src, lead, led string
	}{
		{"filename", "Filename: src/main.rs\n\n```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n", "Filename:", "fn"},
		{"colon", "Now the long paragraph that leads into the program, which runs over more than one line of the text block as it goes on and on:\n\n```\n$ cargo run\n   Compiling\n```\n", "on:", "$"},
		{"caption", "```\n$ cargo build\n   Compiling\n```\n\n<span class=\"caption\">Listing 2-2: The output</span>\n", "$", "Listing"},
	} {
		t.Run(c.what, func(t *testing.T) {
			t.Parallel()
			for n := 0; n <= 60; n++ {
				src := "# Test\n\n" + strings.Repeat("One line of text.\n\n", n) + c.src
				d, _ := readMarkdown(t, "lead.md", []byte(src))
				out, _ := checkAll(t, d, fsys, A4())
				leadPage, ledPage := -1, -1
				for _, pg := range out.Pages {
					for _, it := range textItems(pg.Items) {
						switch it := it.(type) {
						case *Text:
							if c.lead != "" && strings.Contains(it.Text, c.lead) && leadPage < 0 {
								leadPage = pg.Number
							}
							if strings.Contains(it.Text, c.led) && ledPage < 0 {
								ledPage = pg.Number
							}
						case *ImageItem:
							if c.lead == "" && leadPage < 0 {
								leadPage = pg.Number
							}
						}
					}
				}
				if leadPage < 0 || leadPage != ledPage {
					t.Errorf("after %d lines: %q on page %d, %q on page %d", n, c.lead, leadPage, c.led, ledPage)
				}
			}
		})
	}
}

// TestAnchorParagraphTakesNoRoom: a paragraph that is only an anchor (an
// <a id> kept for old links) takes no room: the heading after it is where
// it would be without it, and the anchor is at the heading's line.
func TestAnchorParagraphTakesNoRoom(t *testing.T) {
	headingY := func(src string) (float64, map[string]float64) {
		d, _ := readMarkdown(t, "a.md", []byte(src))
		out, _ := checkAll(t, d, fstest.MapFS{}, A4())
		anchors := map[string]float64{}
		for _, a := range out.Pages[0].Anchors {
			anchors[a.ID] = a.Y
		}
		return anchors["heading"], anchors
	}
	without, _ := headingY("# Title\n\nText before.\n\n## Heading\n\nText after.\n")
	with, anchors := headingY("# Title\n\nText before.\n\n<a id=\"old\"></a>\n\n## Heading\n\nText after.\n\n<a id=\"end\"></a>\n")
	if with != without {
		t.Errorf("the heading after an anchor paragraph is at %g, at %g without it", with, without)
	}
	if y, ok := anchors["old"]; !ok || y != with {
		t.Errorf("the anchor is at %g (%v), want the heading's %g", y, ok, with)
	}
	if _, ok := anchors["end"]; !ok {
		t.Errorf("the anchor that ends the document is lost: %v", anchors)
	}
}

// TestPageBreak: a page break (\newpage) starts a new page; at the head
// of the document, or twice in a row, or before a heading that starts a
// page of its own (--chapter-start page), it makes no blank page.
func TestPageBreak(t *testing.T) {
	brk := func() doc.Block { return &doc.Div{Attr: doc.Attr{Classes: []string{doc.PageBreakClass}}} }
	h1 := func(s string) doc.Block {
		return &doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Value: s}}}
	}
	for _, c := range []struct {
		name   string
		start  options.ChapterStart
		blocks []doc.Block
		pages  []string // each page's words, the furniture left out
	}{
		{"a break starts a page", "", []doc.Block{ptext("One"), brk(), ptext("Two")}, []string{"One", "Two"}},
		{"at the head of the document", "", []doc.Block{brk(), ptext("One")}, []string{"One"}},
		{"twice in a row", "", []doc.Block{ptext("One"), brk(), brk(), ptext("Two")}, []string{"One", "Two"}},
		{"before a heading that starts a page", options.StartPage, []doc.Block{h1("A"), ptext("One"), brk(), h1("B"), ptext("Two")}, []string{"A One", "B Two"}},
	} {
		d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: c.blocks}
		out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t), ChapterStart: c.start}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, pg := range out.Pages {
			var words []string
			for _, it := range textItems(pg.Items) {
				if tx, ok := it.(*Text); ok && tx.Text != "Page" && tx.Text != "of" && strings.Trim(tx.Text, "0123456789") != "" {
					words = append(words, tx.Text)
				}
			}
			got = append(got, strings.Join(words, " "))
		}
		if strings.Join(got, " | ") != strings.Join(c.pages, " | ") {
			t.Errorf("%s: pages %q, want %q", c.name, got, c.pages)
		}
	}
}

// TestWritingSpace: a space (\vspace{200pt}) leaves that much room after
// the line before it, and stays on that line's page: wherever the
// question falls, the room to answer it is below it on its page.
func TestWritingSpace(t *testing.T) {
	g := newGeometry(A4())
	space := &doc.Div{Attr: doc.Attr{Classes: []string{doc.SpaceClass}, KV: []doc.KV{{Key: "height", Value: "200pt"}}}}
	for n := 30; n < 60; n += 3 {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, ptext("Filler"))
		}
		blocks = append(blocks, ptext("Question"), space, ptext("Answer"))
		out, err := Layout(&doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: blocks}, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var q, a *Text
		qPage, aPage := 0, 0
		for i, pg := range out.Pages {
			for _, it := range textItems(pg.Items) {
				if tx, ok := it.(*Text); ok && tx.Text == "Question" {
					q, qPage = tx, i
				} else if ok && tx.Text == "Answer" {
					a, aPage = tx, i
				}
			}
		}
		if q == nil || a == nil {
			t.Fatalf("%d fillers: the question or the answer is not set", n)
		}
		if q.Y+200 > g.bottom+0.5 {
			t.Errorf("%d fillers: the question at y %.1f leaves no 200 pt of room below it (the page ends at %.1f)", n, q.Y, g.bottom)
		}
		if aPage == qPage && a.Y-q.Y < 200 {
			t.Errorf("%d fillers: the answer is %.1f pt below the question, want 200 and more", n, a.Y-q.Y)
		}
	}
}
