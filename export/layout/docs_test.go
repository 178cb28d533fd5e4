package layout

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing/fstest"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/passes"
	"github.com/galley-pub/galley/internal/pngenc"
)

// Builders for hand-made document trees, with the fields the passes would
// set (heading ids, outline, footnote numbers, appendix) filled in.

func txt(s string) *doc.Text { return &doc.Text{Value: s} }

func para(in ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: in} }

func ptext(s string) *doc.Paragraph { return para(txt(s)) }

// treeBuilder numbers headings and footnotes as the passes do.
type treeBuilder struct {
	d   *doc.Document
	ids map[string]int
}

func newTree(title, subtitle string) *treeBuilder {
	return &treeBuilder{d: &doc.Document{Meta: doc.Meta{Title: title, Subtitle: subtitle, Authors: []string{"galley sample content"}, Date: "2026-11-28", Lang: "en"}}, ids: map[string]int{}}
}

// heading makes a heading with a unique id and records it in the outline.
func (t *treeBuilder) heading(level int, title string) *doc.Heading {
	id := strings.ToLower(strings.Join(strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}), "-"))
	if n := t.ids[id]; n > 0 {
		t.ids[id]++
		id = fmt.Sprintf("%s-%d", id, n)
	} else {
		t.ids[id] = 1
	}
	h := &doc.Heading{Attr: doc.Attr{ID: id}, Level: level, Content: []doc.Inline{txt(title)}}
	t.d.Outline = append(t.d.Outline, &doc.OutlineEntry{Level: level, ID: id, Title: title, Content: h.Content, Heading: h})
	return h
}

func (t *treeBuilder) add(bs ...doc.Block) { t.d.Blocks = append(t.d.Blocks, bs...) }

// note adds a footnote and returns a reference to it.
func (t *treeBuilder) note(text string) *doc.FootnoteRef {
	n := len(t.d.Footnotes) + 1
	label := fmt.Sprint("n", n)
	t.d.Footnotes = append(t.d.Footnotes, &doc.FootnoteDef{Label: label, Number: n, Blocks: []doc.Block{ptext(text)}})
	return &doc.FootnoteRef{Label: label, Number: n}
}

func (t *treeBuilder) appendix(groups ...*doc.ReferenceGroup) {
	t.d.Appendix = &doc.Appendix{Attr: doc.Attr{ID: "further-reading"}, Title: "Further reading", Groups: groups}
}

// articleDoc is the sample article: title, six sections, a sub-section, a
// callout with a heading inside, and two books in further reading.
func articleDoc() *doc.Document {
	t := newTree("The 2019 Hanoi Summit", "Background, expectations and aftermath of the second Trump–Kim meeting")
	t.add(t.heading(1, "The Background of the 2019 Hanoi Summit"),
		ptext("In February 2019, the world turned its eyes to Hanoi, Vietnam, as two powerful leaders, North Korea’s Kim Jong-un and United States President Donald Trump, gathered for their second summit. Following a historic first meeting in Singapore the previous year, expectations were high regarding potential breakthroughs in nuclear disarmament and peace between the two nations. However, as events unfolded, the summit fell short of achieving a concrete agreement, raising questions about the future of diplomatic relations."),
		t.heading(1, "The Expectations of the Hanoi Summit"),
		ptext("The 2019 Hanoi Summit aimed to build on the tentative progress made in Singapore by discussing the denuclearization of the Korean Peninsula and navigating the complex issues surrounding sanctions imposed on North Korea. Both leaders arrived with their own agendas: Trump sought to bolster his foreign policy accomplishments ahead of the 2020 electoral campaign, while Kim aimed to ease the crippling economic sanctions on his country. However, divergent aspirations led to a stalemate."),
		t.heading(1, "Key Moments of the Summit"),
		ptext("During the meetings, Kim Jong-un and Donald Trump engaged in discussions that touched on a variety of topics, yet they ultimately failed to agree on a mutual framework for denuclearization. The breakdown of negotiations came when the North Korean leader refused to dismantle key nuclear facilities without significant concessions from the U.S., particularly regarding sanctions relief. This critical moment highlighted the mistrust and misalignment in priorities between the two nations."),
		t.heading(1, "The Aftermath of the Hanoi Summit"),
		ptext("The collapse of the 2019 Hanoi Summit was a significant setback for diplomatic efforts aimed at resolving one of the world’s most persistent security crises. Following the meeting, both leaders returned to their countries empty-handed, with Kim expressed disappointment and Trump labeling the outcome as expected given the circumstances."),
		t.heading(2, "Reactions to the Summit’s Outcome"),
		ptext("Global reactions to the failed summit ranged from concern to skepticism. Analysts believed that the absence of an agreement meant both nations might revert to old hostilities, reducing the hopes for peace. Kim Jong-un insisted on the need for a more flexible approach from the U.S., while Trump maintained his hardline stance on the necessity of complete denuclearization."),
		t.heading(1, "Impact on Future Relations"),
		ptext("Despite hopes for a diplomatic thaw, the breakdown of the Hanoi Summit emphasized the complexities of achieving lasting peace on the Korean Peninsula. The ensuing months saw a return to hostile rhetoric from both sides, showcasing the fragility of diplomatic negotiations. As of today, the summit remains a critical case study in international relations, illustrating the challenges of bridging significant political divides."),
	)
	t.add(&doc.Callout{Kind: "note", Title: []doc.Inline{txt("Fun Fact")}, Blocks: []doc.Block{
		t.heading(2, "A Notable Venue of Historical Diplomacy"),
		ptext("Hanoi, the capital of Vietnam, was chosen for this summit due to its significant history as a city that effectively transitioned from a zone of conflict to one of diplomacy. Not only did it provide a neutral ground for negotiations, but it also symbolized the potential for reconciliation, drawing parallels to Vietnam’s own reconciliation with the United States."),
	}})
	t.add(t.heading(1, "Additional Resources"),
		t.heading(2, "Recommended Reading on the 2019 Hanoi Summit"),
		para(txt("For deeper insights into the complexities of North Korea’s international relations, consider reading “The Impossible State: North Korea, Past and Future” by Victor Cha, and “Korea: The Impossible Country” by Daniel Tudor.")))
	t.appendix(&doc.ReferenceGroup{Attr: doc.Attr{ID: "recommended-reading"}, Title: "Recommended reading", Entries: []*doc.Reference{
		{Title: "The Impossible State: North Korea, Past and Future", Author: "Victor Cha", Publisher: "Ecco", Year: "2012", ISBN: "978-0-06-199850-8"},
		{Title: "Korea: The Impossible Country", Author: "Daniel Tudor", Publisher: "Tuttle Publishing", Year: "2012", ISBN: "978-0-8048-4252-5"},
	}})
	return t.d
}

// words is deterministic filler text: n words from a fixed list.
func words(seed, n int) string {
	list := strings.Fields("the summit of leaders produced a framework for negotiation while analysts debated sanctions relief and verification regimes across the peninsula during several months of careful diplomacy yet progress remained elusive because mistrust endured on both sides of the table")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(list[(seed*7+i*i*3+i)%len(list)])
	}
	b.WriteByte('.')
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// testPNG is a small deterministic PNG image.
func testPNG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 160, 255})
		}
	}
	var b bytes.Buffer
	if err := (pngenc.Encoder{Level: 6}).Encode(&b, img); err != nil { // the same bytes under every Go release: the goldens give its size
		panic(err)
	}
	return b.Bytes()
}

// longDoc is a synthetic document that spans many pages, with every kind of
// block, and the resources its figure needs.
func longDoc() (*doc.Document, fstest.MapFS) {
	t := newTree("A Long Synthetic Handout for Layout Tests", "Every kind of block, many times over")
	fsys := fstest.MapFS{"img/chart.png": {Data: testPNG(640, 360)}}
	for s := 1; s <= 32; s++ {
		t.add(t.heading(1, fmt.Sprintf("Section %d: %s", s, strings.TrimSuffix(words(s, 4), "."))))
		t.add(para(txt(words(s, 60)+" "), &doc.Strong{Content: []doc.Inline{txt("Bold words")}}, txt(" and "),
			&doc.Emphasis{Content: []doc.Inline{txt("italic words")}}, txt(" and "),
			&doc.Strong{Content: []doc.Inline{&doc.Emphasis{Content: []doc.Inline{txt("both at once")}}}}, txt(", then "),
			&doc.Code{Value: "inline_code()"}, txt(" and a "),
			&doc.Link{URL: "https://example.org/summit/" + fmt.Sprint(s), Content: []doc.Inline{txt("link that may well run across a line break")}},
			txt(" and "), &doc.Strikethrough{Content: []doc.Inline{txt("struck text")}}, txt(". "+words(s+1, 30)), t.note(words(s+2, 14+s%3*12)),
			txt(" "+words(s+3, 25))))
		switch s % 6 {
		case 0:
			t.add(&doc.List{Kind: doc.BulletList, Tight: true, Items: []*doc.ListItem{
				{Blocks: []doc.Block{ptext(words(s, 12))}},
				{Blocks: []doc.Block{ptext(words(s+1, 25)), &doc.List{Kind: doc.BulletList, Tight: true, Items: []*doc.ListItem{
					{Blocks: []doc.Block{ptext(words(s+2, 8))}}, {Blocks: []doc.Block{ptext(words(s+3, 18))}}}}}},
				{Blocks: []doc.Block{ptext(words(s+4, 6))}},
			}})
		case 1:
			t.add(&doc.Table{Align: []doc.Alignment{doc.AlignLeft, doc.AlignRight, doc.AlignCenter},
				Header: &doc.TableRow{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("Topic")}}, {Content: []doc.Inline{txt("Year")}}, {Content: []doc.Inline{txt("Outcome")}}}},
				Rows:   tableRows(s, 4+s%3*8)})
		case 2:
			t.add(&doc.CodeBlock{Language: "go", Text: "func main() {\n\tfmt.Println(\"hello, summit\") // a comment that is long enough to wrap past the right edge of the code block box\n}\n\n// ↪ arrows and ünïcödé"})
		case 3:
			t.add(t.heading(2, fmt.Sprintf("Sub-section %d.1", s)), ptext(words(s+5, 40)),
				&doc.List{Kind: doc.OrderedList, Start: 1, Items: []*doc.ListItem{
					{Blocks: []doc.Block{ptext(words(s, 10))}}, {Blocks: []doc.Block{ptext(words(s+1, 30))}}}},
				&doc.List{Kind: doc.TaskList, Tight: true, Items: []*doc.ListItem{
					{Task: doc.TaskDone, Blocks: []doc.Block{ptext("Done task")}}, {Task: doc.TaskOpen, Blocks: []doc.Block{ptext("Open task")}}}})
		case 4:
			t.add(&doc.Figure{Image: &doc.Image{URL: "img/chart.png", Alt: "A chart"}, Caption: []doc.Inline{txt("Figure: " + words(s, 9))}},
				&doc.BlockQuote{Blocks: []doc.Block{ptext(words(s, 35))}},
				&doc.DefinitionList{Items: []*doc.Definition{{Term: []doc.Inline{txt("Term")}, Definitions: []*doc.DefinitionBody{{Blocks: []doc.Block{ptext(words(s, 20))}}}}}})
		case 5:
			t.add(&doc.Callout{Kind: "warning", Blocks: []doc.Block{ptext(words(s, 50)), ptext(words(s+1, 50))}},
				&doc.ThematicBreak{}, &doc.RawHTML{HTML: "<p>Raw <b>HTML</b> &amp; text</p><!-- dropped -->"},
				ptext("Supercalifragilisticexpialidociousandevenlongerwordthatcannotpossiblyfitonasinglelineofthehandoutbody ok."))
		}
	}
	t.add(&doc.Figure{Image: &doc.Image{URL: "missing.png", Alt: "A missing picture"}, Caption: []doc.Inline{txt("This image is missing")}})
	t.appendix(&doc.ReferenceGroup{Attr: doc.Attr{ID: "recommended-reading"}, Title: "Recommended reading", Entries: []*doc.Reference{
		{Title: "The Impossible State", Author: "Victor Cha", Publisher: "Ecco", Year: "2012", ISBN: "978-0-06-199850-8", Note: "A history."},
	}}, &doc.ReferenceGroup{Attr: doc.Attr{ID: "links-cited"}, Title: "Links cited", Entries: []*doc.Reference{
		{Title: "Example", URL: "https://example.org/summit/1"}, {URL: "https://example.org/a/very/long/path/that/goes/on/and/on/for/quite/a/while/index.html"},
	}})
	passes.Highlight(t.d) // the code's colours, as a build's passes give them
	return t.d, fsys
}

func tableRows(seed, n int) []*doc.TableRow {
	var rows []*doc.TableRow
	for i := range n {
		rows = append(rows, &doc.TableRow{Cells: []*doc.TableCell{
			{Content: []doc.Inline{txt(words(seed+i, 3+i%4))}},
			{Content: []doc.Inline{txt(fmt.Sprint(2000 + i))}},
			{Content: []doc.Inline{txt(words(seed*2+i, 5+i%9))}},
		}})
	}
	return rows
}
