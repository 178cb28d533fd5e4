package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

// placedText is a text found on a laid-out page.
type placedText struct {
	page int // index in the pages
	text Text
}

// textsOf returns the texts of the pages' items, words one by one, in
// page and drawing order.
func textsOf(pages []*Page) []placedText {
	var out []placedText
	for pi, p := range pages {
		for _, it := range p.Items {
			switch it := it.(type) {
			case *Text:
				out = append(out, placedText{pi, *it})
			case *Words:
				for i := range it.Len() {
					out = append(out, placedText{pi, it.Text(i)})
				}
			}
		}
	}
	return out
}

// TestTallCellRunsOn: a table's row taller than half a page runs on
// across pages, each cell cut between its own lines. A code block's
// ground is cut with its lines and stays in the text block, no line is
// lost, set twice or drawn over the header repeated on the next page, the
// first page is filled, and a heading in the cell is bookmarked.
func TestTallCellRunsOn(t *testing.T) {
	var code, words []string
	for i := range 90 {
		code = append(code, fmt.Sprintf("step%02d()", i))
	}
	for i := range 150 {
		words = append(words, fmt.Sprintf("w%03d", i))
	}
	heading := &doc.Heading{Level: 2, Attr: doc.Attr{ID: "tall-listing"}, Content: []doc.Inline{txt("Tall listing")}}
	cellText := &doc.TableCell{Content: []doc.Inline{txt(strings.Join(words, " "))}}
	table := &doc.Table{Align: []doc.Alignment{0, 0},
		Header: &doc.TableRow{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("Name")}}, {Content: []doc.Inline{txt("Listing")}}}}, Rows: []*doc.TableRow{
			{Cells: []*doc.TableCell{cellText, {Blocks: []doc.Block{heading, &doc.CodeBlock{Text: strings.Join(code, "\n")}}}}},
			{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("Short")}}, {Content: []doc.Inline{txt("after")}}}},
		}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{ptext("Before the table."), table}}
	out := layoutWithoutWarnings(t, d)
	if len(out.Pages) < 2 {
		t.Fatalf("%d page: want the row to run on", len(out.Pages))
	}
	texts := textsOf(out.Pages)
	// Every line of the code and every word of the text cell once, in
	// reading order.
	for _, want := range [][]string{code, words} {
		wanted := map[string]bool{}
		for _, w := range want {
			wanted[w] = true
		}
		var got []placedText
		for _, pt := range texts {
			if wanted[pt.text.Text] {
				got = append(got, pt)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%d of %d texts like %q set", len(got), len(want), want[0])
		}
		for i, pt := range got {
			if pt.text.Text != want[i] {
				t.Fatalf("text %d is %q, want %q", i, pt.text.Text, want[i])
			}
			if i == 0 || pt.page != got[i-1].page {
				continue
			}
			if prev := got[i-1].text; pt.text.Y < prev.Y || pt.text.Y == prev.Y && pt.text.X <= prev.X {
				t.Errorf("%s at %.1f, %.1f does not follow %s at %.1f, %.1f on page %d", pt.text.Text, pt.text.X, pt.text.Y, prev.Text, prev.X, prev.Y, pt.page+1)
			}
		}
	}
	for pi, p := range out.Pages {
		var first, last *Text // the page's first and last lines of code
		var header, footer *Text
		for _, pt := range texts {
			switch {
			case pt.page != pi:
			case strings.HasPrefix(pt.text.Text, "step"):
				if first == nil {
					first = &pt.text
				}
				last = &pt.text
			case pt.text.Text == "Listing":
				header = &pt.text
			case strings.HasPrefix(pt.text.Text, "Page") || pt.text.Text == fmt.Sprint(pi+1):
				footer = &pt.text
			}
		}
		if first == nil {
			continue
		}
		var grounds []*Rect
		for _, it := range p.Items {
			if r, ok := it.(*Rect); ok && r.Fill != nil && r.X < first.X && r.X+r.W > first.X+first.Width {
				grounds = append(grounds, r)
			}
		}
		// The ground is drawn a part of the row at a time; the parts'
		// grounds meet.
		if len(grounds) == 0 {
			t.Fatalf("page %d: no ground behind the code", pi+1)
		}
		g := *grounds[0]
		for _, r := range grounds[1:] {
			if math.Abs(r.Y-(g.Y+g.H)) > 0.01 || r.X != g.X || r.W != g.W {
				t.Errorf("page %d: the code's ground %+v does not go on from %+v", pi+1, *r, g)
			}
			g.H = r.Y + r.H - g.Y
		}
		if g.Y > first.Y-first.Size || g.Y+g.H < last.Y || g.Y+g.H > last.Y+2*last.Size {
			t.Errorf("page %d: the code's ground %.1f–%.1f does not hold its lines %.1f–%.1f closely", pi+1, g.Y, g.Y+g.H, first.Y, last.Y)
		}
		if footer != nil && g.Y+g.H > footer.Y-footer.Size {
			t.Errorf("page %d: the code's ground ends at %.1f, over the footer at %.1f", pi+1, g.Y+g.H, footer.Y)
		}
		if pi > 0 && (header == nil || first.Y-first.Size < header.Y+header.Size*0.3) {
			t.Errorf("page %d: the first line of code at %.1f meets the repeated header %+v", pi+1, first.Y, header)
		}
		if pi == 0 && footer != nil && footer.Y-last.Y > p.Height/8 {
			t.Errorf("page 1 ends its code at %.1f, %.1f above its footer: want the page filled", last.Y, footer.Y-last.Y)
		}
	}
	found := false
	for _, b := range out.Bookmarks {
		found = found || b.Title == "Tall listing" && b.Page == 1
	}
	if !found {
		t.Errorf("bookmarks %+v: want the cell's heading on page 1", out.Bookmarks)
	}
}

// TestTallCellWithNote: a tall row whose cell refers to a footnote near
// its top, below half a page of text, is cut on that page with room for
// the note at its foot, not moved whole to the next page.
func TestTallCellWithNote(t *testing.T) {
	tb := newTree("", "")
	var words []doc.Inline
	for i := range 900 {
		words = append(words, txt(fmt.Sprintf("w%03d ", i)))
		if i == 10 {
			words = append(words, tb.note("The note of the cell."))
		}
	}
	table := &doc.Table{Align: []doc.Alignment{0}, Rows: []*doc.TableRow{{Cells: []*doc.TableCell{{Content: words}}}}}
	tb.add(ptext(strings.Repeat("Filler text before the table. ", 90)), table)
	out, err := Layout(tb.d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	page := map[string]int{}
	for _, pt := range textsOf(out.Pages) {
		if _, seen := page[pt.text.Text]; !seen {
			page[pt.text.Text] = pt.page
		}
	}
	if p, ok := page["w000"]; !ok || p != 0 {
		t.Errorf("the row starts on page %d: want page 1", p+1)
	}
	if p, ok := page["note"]; !ok || p != page["w010"] {
		t.Errorf("the note is on page %d, its reference on page %d", p+1, page["w010"]+1)
	}
}
