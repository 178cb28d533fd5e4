package passes

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/golden"
	"github.com/galley-pub/galley/fonts"
)

// realistic builds the golden test's document: a short article on the
// Hanoi summit with Vietnamese, Greek and Cyrillic headings, a repeated
// heading, footnotes defined out of order (one cited from a note, one never
// cited), repeated external links, front-matter further reading and a few
// characters the embedded fonts cannot draw.
func realistic() *doc.Document {
	return &doc.Document{
		Pos: at(1),
		Meta: doc.Meta{
			Pos: at(1), Title: "The 2019 Hanoi Summit", Authors: []string{"galley sample content"}, Lang: "en",
			FurtherReading: []*doc.Reference{
				{Pos: at(5), Title: "The Impossible State: North Korea, Past and Future", Author: "Victor Cha",
					Year: "2012", URL: "https://example.org/impossible-state"},
				{Pos: at(9), Title: "Korea: The Impossible Country", Author: "Daniel Tudor", Year: "2012"},
			},
		},
		Blocks: []doc.Block{
			h(20, 1, "Hà Nội"),
			p(21, txt(21, "In February 2019 the world turned to Hanoi."), ref(21, "venue"),
				&doc.Text{Pos: atc(21, 52), Value: " Kim Jong-un (김정은) met Donald Trump."}, ref(21, "names")),
			p(23, txt(23, "See "), link(23, "https://en.wikipedia.org/wiki/2019_North_Korea%E2%80%93United_States_Hanoi_Summit", "the summit"),
				txt(23, " and "), link(23, "https://example.org/impossible-state", "Cha’s book"), txt(23, ".")),
			h(25, 2, "Thành phố Hồ Chí Minh"),
			&doc.Callout{Pos: at(26), Kind: "note", Blocks: []doc.Block{
				h(27, 3, "Why Vietnam?"),
				p(28, txt(28, "A host on good terms with both sides 🤝."), ref(28, "venue")),
			}},
			h(30, 2, "Ελληνική σύνοψη"),
			h(31, 2, "Краткое изложение"),
			&doc.Table{Pos: at(32), Attr: doc.Attr{ID: "timeline"}, Header: &doc.TableRow{Pos: at(32), Cells: []*doc.TableCell{
				{Pos: at(32), Content: []doc.Inline{txt(32, "Date")}}, {Pos: atc(32, 8), Content: []doc.Inline{txt(32, "Event")}},
			}}, Rows: []*doc.TableRow{{Pos: at(34), Cells: []*doc.TableCell{
				{Pos: at(34), Content: []doc.Inline{txt(34, "27 Feb")}}, {Pos: atc(34, 10), Content: []doc.Inline{txt(34, "Dinner → talks")}},
			}}}},
			h(36, 2, "Hà Nội"),
			p(37, link(37, "https://en.wikipedia.org/wiki/2019_North_Korea%E2%80%93United_States_Hanoi_Summit", "Wikipedia"),
				txt(37, " again; back to "), link(37, "#hà-nội", "the start"), txt(37, ", the "), link(37, "#timeline", "timeline"),
				txt(37, " or the "), link(37, "#further-reading", "reading list"), txt(37, "; not "), link(38, "#aftermath", "the aftermath")),
			&doc.CodeBlock{Pos: at(40), Language: "text", Text: "27 Feb dinner → 28 Feb talks\n→ early departure ✈"},
		},
		Footnotes: []*doc.FootnoteDef{
			note(50, "spare", txt(50, "Never cited.")),
			note(51, "names", txt(51, "Korean names put the family name first."), ref(51, "romanisation")),
			note(52, "romanisation", txt(52, "Revised Romanisation: "), link(52, "https://www.korean.go.kr/", "korean.go.kr")),
			note(53, "venue", txt(53, "The Sofitel Legend Metropole.")),
		},
	}
}

// runRealistic runs the passes on the realistic document with the real
// font coverage.
func runRealistic(t *testing.T) (*doc.Document, *diag.List) {
	t.Helper()
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	d := realistic()
	var diags diag.List
	Run(d, Options{Covers: set.Covers}, &diags)
	return d, &diags
}

func dumpWithDiags(d *doc.Document, diags *diag.List) string {
	var b strings.Builder
	b.WriteString(doc.DumpString(d))
	b.WriteString("-- diagnostics --\n")
	for _, di := range diags.Items() {
		b.WriteString(di.String() + "\n")
	}
	return b.String()
}

// TestGoldenDocument compares the realistic document after Run, and the
// diagnostics, with testdata/document.golden.
func TestGoldenDocument(t *testing.T) {
	got := dumpWithDiags(runRealistic(t))
	golden.Check(t, filepath.Join("testdata", "document.golden"), []byte(got))
}

// TestIdempotent runs the passes twice: the tree and the diagnostics of
// each run must be the same.
func TestIdempotent(t *testing.T) {
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	d := realistic()
	var first, second diag.List
	Run(d, Options{Covers: set.Covers}, &first)
	dump1 := dumpWithDiags(d, &first)
	Run(d, Options{Covers: set.Covers}, &second)
	dump2 := dumpWithDiags(d, &second)
	if dump1 != dump2 {
		t.Errorf("second run differs:\n%s\n---\n%s", dump1, dump2)
	}
	if first.Len() == 0 || first.Len() != second.Len() {
		t.Errorf("diagnostics: %d, then %d", first.Len(), second.Len())
	}
	if n := len(d.Meta.FurtherReading[0].Cited); n != 1 {
		t.Errorf("further-reading entry cited %d times after two runs, want 1", n)
	}
}
