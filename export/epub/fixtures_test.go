package epub

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"testing/fstest"
	"time"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/passes"
)

// The test documents are built by hand, with the fields the passes would
// set (heading ids, outline, footnote numbers, appendix) filled in here.

const file = "test.md"

func at(line, col int) doc.Pos { return doc.Pos{File: file, Line: line, Col: col} }

func txt(s string) *doc.Text { return &doc.Text{Value: s} }

func para(line int, in ...doc.Inline) *doc.Paragraph {
	return &doc.Paragraph{Pos: at(line, 1), Content: in}
}

func heading(line, level int, id, title string) *doc.Heading {
	return &doc.Heading{Pos: at(line, 1), Level: level, Attr: doc.Attr{ID: id}, Content: []doc.Inline{txt(title)}}
}

// outline does what the outline pass does: every heading, in order.
func outline(d *doc.Document) []*doc.OutlineEntry {
	var out []*doc.OutlineEntry
	for _, b := range d.Blocks {
		doc.Inspect(b, func(n doc.Node) bool {
			if h, ok := n.(*doc.Heading); ok {
				out = append(out, &doc.OutlineEntry{Pos: h.Pos, Level: h.Level, ID: h.Attr.ID,
					Title: doc.PlainText(h.Content), Content: h.Content, Heading: h})
			}
			return true
		})
	}
	return out
}

// article is like content/hanoi-summit.md after the passes.
func article() (*doc.Document, Options) {
	d := &doc.Document{
		Pos: at(1, 1),
		Meta: doc.Meta{
			Pos:         at(1, 1),
			Title:       "The 2019 Hanoi Summit",
			Subtitle:    "Background, expectations and aftermath of the second Trump–Kim meeting",
			Authors:     []string{"galley sample content"},
			Publisher:   "galley",
			Date:        "2026-11-28",
			Lang:        "en",
			Description: "A short classroom reading on the second summit between Kim Jong-un and Donald Trump.",
			Keywords:    []string{"Hanoi Summit", "North Korea", "diplomacy"},
		},
		Blocks: []doc.Block{
			heading(30, 1, "the-background-of-the-2019-hanoi-summit", "The Background of the 2019 Hanoi Summit"),
			para(32, txt("In February 2019, the world turned its eyes to Hanoi, Vietnam, as two powerful leaders gathered for their second summit.")),
			heading(34, 1, "the-expectations-of-the-hanoi-summit", "The Expectations of the Hanoi Summit"),
			para(36, txt("The summit aimed to build on the "), &doc.Emphasis{Pos: at(36, 33), Content: []doc.Inline{txt("tentative")}},
				txt(" progress made in Singapore; observers spoke of a “historic” chance & the world’s hopes.")),
			heading(38, 1, "key-moments-of-the-summit", "Key Moments of the Summit"),
			para(40, &doc.Strong{Pos: at(40, 1), Content: []doc.Inline{txt("The breakdown")}}, txt(" came over sanctions relief.")),
			heading(42, 1, "the-aftermath-of-the-hanoi-summit", "The Aftermath of the Hanoi Summit"),
			para(44, txt("Both leaders returned to their countries empty-handed.")),
			heading(46, 2, "reactions-to-the-summits-outcome", "Reactions to the Summit’s Outcome"),
			para(48, txt("Global reactions ranged from concern to skepticism.")),
			heading(50, 1, "impact-on-future-relations", "Impact on Future Relations"),
			para(52, txt("The summit remains a critical case study in international relations.")),
			&doc.Callout{Pos: at(54, 1), Kind: "note", Title: []doc.Inline{txt("Fun Fact")}, Blocks: []doc.Block{
				heading(56, 2, "a-notable-venue-of-historical-diplomacy", "A Notable Venue of Historical Diplomacy"),
				para(58, txt("Hanoi was chosen for its history as a city that moved from conflict to diplomacy.")),
			}},
		},
		Appendix: &doc.Appendix{
			Pos: at(1, 1), Attr: doc.Attr{ID: "further-reading"}, Title: "Further reading",
			Groups: []*doc.ReferenceGroup{{
				Pos: at(1, 1), Attr: doc.Attr{ID: "recommended-reading"}, Title: "Recommended reading",
				Entries: []*doc.Reference{
					{Pos: at(18, 5), Title: "The Impossible State: North Korea, Past and Future", Author: "Victor Cha",
						Publisher: "Ecco", Year: "2012", ISBN: "978-0-06-199850-8"},
					{Pos: at(23, 5), Title: "Korea: The Impossible Country", Author: "Daniel Tudor",
						Publisher: "Tuttle Publishing", Year: "2012", ISBN: "978-0-8048-4252-5"},
				},
			}},
		},
	}
	d.Outline = outline(d)
	return d, Options{Modified: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
}

// testPNG is a small image of the given size, the same bytes every time.
func testPNG(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(40 * x), uint8(60 * y), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testBook has three chapters and exercises every kind of node: an image
// used twice, a table, footnotes referenced more than once and across
// chapters, code, a task list, a definition list, internal links between
// chapters, raw HTML with a script and an onclick, and a cover.
func testBook(t testing.TB) (*doc.Document, Options) {
	fn1 := &doc.FootnoteDef{Pos: at(90, 1), Label: "first", Number: 1, Blocks: []doc.Block{
		para(90, txt("The first note, with "), &doc.Code{Pos: at(90, 20), Value: "code"}, txt(".")),
	}}
	fn2 := &doc.FootnoteDef{Pos: at(92, 1), Label: "second", Number: 2, Blocks: []doc.Block{
		para(92, txt("The second note.")),
		para(94, txt("Its second paragraph.")),
	}}
	unused := &doc.FootnoteDef{Pos: at(96, 1), Label: "unused", Blocks: []doc.Block{para(96, txt("Never cited."))}}
	ref := func(line int, label string, n int) *doc.FootnoteRef {
		return &doc.FootnoteRef{Pos: at(line, 40), Label: label, Number: n}
	}
	link := func(line int, url string, content ...doc.Inline) *doc.Link {
		return &doc.Link{Pos: at(line, 5), URL: url, Content: content}
	}
	img := func(line int) *doc.Image {
		return &doc.Image{Pos: at(line, 1), URL: "images/diagram.png", Alt: "A diagram of the pipeline"}
	}
	d := &doc.Document{
		Pos: at(1, 1),
		Meta: doc.Meta{
			Pos:        at(1, 1),
			Title:      "A Test Book <&>",
			Authors:    []string{"Ada Lovelace", "Charles Babbage"},
			Publisher:  "galley",
			Date:       "2025-03",
			Lang:       "en-GB",
			Identifier: "urn:isbn:9780000000002",
			Rights:     "CC BY 4.0",
			Keywords:   []string{"testing"},
		},
		Blocks: []doc.Block{
			para(10, txt("A preface before the first chapter.")),
			heading(12, 1, "getting-started", "Getting started"),
			para(14, txt("Start here"), ref(14, "first", 1), txt(", then see "),
				link(14, "#tables", txt("the tables")), txt(" or "), link(14, "#2", txt("section 3.1")), txt(".")),
			&doc.Figure{Pos: at(16, 1), Image: img(16), Caption: []doc.Inline{txt("The pipeline")}},
			para(18, txt("Inline: "), img(18), txt(" (the same image).")),
			&doc.CodeBlock{Pos: at(20, 1), Language: "go", Text: "func main() {\n\tfmt.Println(\"<hi> & bye\")\n}"},
			&doc.List{Pos: at(25, 1), Kind: doc.TaskList, Tight: true, Items: []*doc.ListItem{
				{Pos: at(25, 1), Task: doc.TaskDone, Blocks: []doc.Block{para(25, txt("write the reader"))}},
				{Pos: at(26, 1), Task: doc.TaskOpen, Blocks: []doc.Block{para(26, txt("write the packager"))}},
			}},
			heading(28, 3, "deep-detail", "Deep detail"),
			para(30, txt("A level jump from h1 to h3.")),
			heading(32, 1, "tables", "Tables"),
			&doc.Table{Pos: at(34, 1), Align: []doc.Alignment{doc.AlignLeft, doc.AlignCenter, doc.AlignRight},
				Header: &doc.TableRow{Pos: at(34, 1), Cells: []*doc.TableCell{
					{Content: []doc.Inline{txt("Name")}}, {Content: []doc.Inline{txt("Kind")}}, {Content: []doc.Inline{txt("Count")}}}},
				Rows: []*doc.TableRow{
					{Pos: at(36, 1), Cells: []*doc.TableCell{
						{Content: []doc.Inline{txt("apples")}}, {Content: []doc.Inline{txt("fruit")}}, {Content: []doc.Inline{txt("3")}}}},
					{Pos: at(37, 1), Cells: []*doc.TableCell{
						{Content: []doc.Inline{&doc.Code{Value: "x<y"}}}, {Content: []doc.Inline{txt("code")}}, {Content: []doc.Inline{txt("10")}}}},
				}},
			para(39, txt("Again the first note"), ref(39, "first", 1), txt(" and a second one"), ref(39, "second", 2), txt(".")),
			&doc.DefinitionList{Pos: at(41, 1), Items: []*doc.Definition{{
				Pos: at(41, 1), Term: []doc.Inline{txt("EPUB")},
				Definitions: []*doc.DefinitionBody{{Pos: at(42, 3), Blocks: []doc.Block{para(42, txt("An e-book format."))}}},
			}}},
			&doc.RawHTML{Pos: at(44, 1), HTML: `<div class="box" onclick="steal()" style="color:red"><p>Raw <b>bold</b> &amp; &copy; <a href="javascript:alert(1)">bad</a> <a href="https://example.org/">good</a><br></p><script>alert("x")</script></div>`},
			para(46, txt("Press "), &doc.RawInline{Pos: at(46, 7), HTML: "<kbd>"}, txt("Ctrl"), &doc.RawInline{Pos: at(46, 16), HTML: "</kbd>"},
				txt(" and "), &doc.RawInline{Pos: at(46, 25), HTML: `<span onclick="x()">`}, txt("left open"),
				&doc.RawInline{Pos: at(46, 40), HTML: "<script>"}, txt("."), &doc.RawInline{Pos: at(46, 45), HTML: "</em>"}),
			&doc.List{Pos: at(48, 1), Kind: doc.OrderedList, Start: 3, Items: []*doc.ListItem{
				{Pos: at(48, 1), Blocks: []doc.Block{para(48, txt("third")), para(50, txt("more about the third"))}},
				{Pos: at(52, 1), Blocks: []doc.Block{para(52, txt("fourth"))}},
			}},
			heading(54, 1, "odds-and-ends", "Odds and ends"),
			heading(56, 2, "2", "Second thoughts"),
			&doc.BlockQuote{Pos: at(58, 1), Blocks: []doc.Block{para(58, txt("A quotation."))}},
			&doc.ThematicBreak{Pos: at(60, 1)},
			para(62, &doc.Strikethrough{Content: []doc.Inline{txt("struck")}}, &doc.LineBreak{},
				txt("back to the "), link(62, "#getting-started", txt("start")), txt(", the "),
				link(62, "https://example.com/a b?q=1&r=2", txt("web")), txt(", a third reference"), ref(62, "first", 1), txt(".")),
		},
		Footnotes: []*doc.FootnoteDef{fn1, fn2, unused},
		Appendix: &doc.Appendix{
			Pos: at(1, 1), Attr: doc.Attr{ID: "further-reading"}, Title: "Further reading",
			Groups: []*doc.ReferenceGroup{
				{Pos: at(1, 1), Attr: doc.Attr{ID: "recommended-reading"}, Title: "Recommended reading",
					Entries: []*doc.Reference{{Pos: at(5, 3), Title: "Structure and Interpretation", Author: "Abelson & Sussman",
						Publisher: "MIT Press", Year: "1985", Note: "The wizard book."}}},
				{Pos: at(1, 1), Attr: doc.Attr{ID: "links-cited"}, Title: "Links cited",
					Entries: []*doc.Reference{{Pos: at(62, 5), Title: "web", URL: "https://example.com/a b?q=1&r=2", Cited: []doc.Pos{at(62, 5)}}}},
			},
		},
	}
	d.Outline = outline(d)
	passes.Highlight(d) // the code's classes, as a build's passes give them
	opts := Options{
		PageBreaks:  testPageBreaks(d),
		PrintSource: "A Test Book, PDF handout (A4)",
		Modified:    time.Date(2025, 3, 1, 8, 30, 0, 0, time.UTC),
		Cover:       &Image{Name: "cover.png", MediaType: "image/png", Data: testPNG(t, 6, 9)},
		Resources:   fstest.MapFS{"images/diagram.png": {Data: testPNG(t, 4, 3)}},
	}
	return d, opts
}

// testPageBreaks are print pages starting at the title page, inside a code
// block, inside a sentence, at a heading and at an appendix group; an
// unlabelled break and a repeated label are ignored.
func testPageBreaks(d *doc.Document) []PageBreak {
	var code, jump doc.Node
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.CodeBlock:
			code = n
		case *doc.Text:
			if n.Value == "A level jump from h1 to h3." {
				jump = n
			}
		}
		return true
	})
	return []PageBreak{
		{Label: "1"},
		{Label: "2", Contents: true}, // the top of the printed contents
		{Label: "3", Contents: true, Anchor: "odds-and-ends"}, // an entry of the contents
		{Label: "4", Node: code, Offset: len("func main() {\n\t")},
		{Label: "", Node: code, Offset: 1},
		{Label: "5", Node: jump, Offset: len("A level ")},
		{Label: "5", Node: jump, Offset: 1},
		{Label: "6", Anchor: "odds-and-ends"},
		{Label: "7", Anchor: "links-cited"},
	}
}
