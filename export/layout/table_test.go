package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

// wideTable is a table of ncol columns, each cell holding a long word.
func wideTable(ncol, nrow int) *doc.Table {
	cell := func(s string) *doc.TableCell { return &doc.TableCell{Content: []doc.Inline{txt(s)}} }
	t := &doc.Table{Header: &doc.TableRow{}}
	for c := range ncol {
		t.Align = append(t.Align, doc.AlignDefault)
		t.Header.Cells = append(t.Header.Cells, cell(fmt.Sprintf("Column%d", c)))
	}
	for r := range nrow {
		row := &doc.TableRow{}
		for c := range ncol {
			row.Cells = append(row.Cells, cell(fmt.Sprintf("characteristically%d and more words %d", c, r)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// TestWideTablesShrink sets tables too wide for the column: the type
// shrinks (to no less than the minimum) and every word stays inside the
// text block; a table that fits keeps the normal size; one whose widest
// words do not fit even in the smallest type goes on landscape pages, in
// type as large as fits there.
func TestWideTablesShrink(t *testing.T) {
	set := loadFonts(t)
	for _, c := range []struct {
		ncol      int
		min, max  float64
		landscape bool
	}{
		{3, tableSize - 0.31, tableSize, false},
		{6, minTableSize * (tableSize - 0.3) / tableSize, tableSize - 0.5, false},
		{7, minTableSize, tableSize, true},
		{30, minTableSize * (tableSize - 0.3) / tableSize, minTableSize, true},
	} {
		tr := newTree("Tables", "")
		tr.add(tr.heading(1, "A wide table"), ptext(words(1, 40)), wideTable(c.ncol, 40), ptext(words(2, 40)))
		out, stats, err := layoutWithStats(tr.d, Options{Paper: A4(), Fonts: set}, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkLayout(t, out, set, A4())
		checkBreaks(t, stats.sheets)
		lo, hi := 100.0, 0.0
		for _, pg := range out.Pages {
			for _, it := range textItems(pg.Items) {
				if tx, ok := it.(*Text); ok && tx.Y > 0 && (strings.HasPrefix(tx.Text, "Col") || strings.HasPrefix(tx.Text, "char")) {
					lo, hi = min(lo, tx.Size), max(hi, tx.Size)
					if turned := pg.Width > pg.Height; turned != c.landscape {
						t.Fatalf("%d columns: table text %q on a page %gx%g, want landscape %v", c.ncol, tx.Text, pg.Width, pg.Height, c.landscape)
					}
				}
			}
		}
		if lo < c.min-0.01 || hi > c.max+0.01 {
			t.Errorf("%d columns: table type from %.2f to %.2f pt, want within %.2f–%.2f", c.ncol, lo, hi, c.min, c.max)
		}
		if len(out.Pages) < 2 {
			t.Errorf("%d columns: the 40-row table should continue on a second page", c.ncol)
		}
	}
}

// TestOverlongContent lays out a table cell and a footnote each longer than
// a page: the row runs on across pages under its repeated header, the note
// continues at the foot of the following pages, and nothing leaves the text
// block.
func TestOverlongContent(t *testing.T) {
	set := loadFonts(t)
	tr := newTree("Overlong", "")
	big := &doc.Table{Align: []doc.Alignment{doc.AlignDefault, doc.AlignDefault},
		Header: &doc.TableRow{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("Key")}}, {Content: []doc.Inline{txt("Value")}}}},
		Rows:   []*doc.TableRow{{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("x")}}, {Content: []doc.Inline{txt(words(3, 3000))}}}}}}
	tr.add(tr.heading(1, "Long cell"), ptext(words(1, 40)), big)
	tr.add(tr.heading(1, "Long note"), para(txt(words(2, 30)), tr.note(words(5, 3000))), ptext(words(4, 200)))
	out, stats, err := layoutWithStats(tr.d, Options{Paper: A4(), Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, set, A4())
	checkBreaks(t, stats.sheets)
	if p := noteProblems(stats.sheets, stats.noteRows); len(p) != 0 {
		t.Errorf("footnote problems: %q", p)
	}
	g := newGeometry(A4())
	headers, notePages := 0, 0
	for _, pg := range out.Pages {
		notes := false
		for _, it := range textItems(pg.Items) {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			if tx.Text == "Value" && tx.Font.Family == fonts.Sans {
				headers++
			}
			if tx.Size == smallSize && tx.Y > g.top && tx.Y < g.bottom {
				notes = true
			}
		}
		if notes {
			notePages++
		}
	}
	if headers < 3 {
		t.Errorf("the table's header is on %d pages, want it repeated on each page the long row runs over", headers)
	}
	if notePages < 3 {
		t.Errorf("the long footnote is on %d pages, want it continued", notePages)
	}
}

// TestTableColumnParts sets a table of 120 columns, too wide for the page
// even in the smallest type on landscape pages: it is set on them, in
// parts of its columns, each after the first repeating the first column
// as furniture. Every cell is set once as the table's (no cell lost, none
// cut into letters), each step is a warning, and nothing leaves the page;
// the heading goes with the table, and the text after it is upright.
func TestTableColumnParts(t *testing.T) {
	set := loadFonts(t)
	tr := newTree("Tables", "")
	tr.add(tr.heading(1, "A very wide table"), wideTable(120, 3), ptext(words(2, 40)))
	var diags diag.List
	out, stats, err := layoutWithStats(tr.d, Options{Paper: A4(), Fonts: set}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, set, A4())
	checkBreaks(t, stats.sheets)
	set1, repeats := map[string]int{}, 0
	for _, pg := range out.Pages {
		turned := pg.Width > pg.Height
		for _, it := range textItems(pg.Items) {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			switch tx.Src.(type) {
			case *doc.TableCell, *doc.Heading:
				if !turned {
					t.Errorf("page %d (%gx%g): %q of the table or its heading upright", pg.Number, pg.Width, pg.Height, tx.Text)
				}
			case *doc.Paragraph:
				if turned {
					t.Errorf("page %d (%gx%g): %q after the table on a landscape page", pg.Number, pg.Width, pg.Height, tx.Text)
				}
			}
			table := strings.HasPrefix(tx.Text, "characteristically") || strings.HasPrefix(tx.Text, "Column")
			if !table {
				continue
			}
			if tx.Src == nil {
				if tx.Text == "Column0" || strings.HasPrefix(tx.Text, "characteristically0") {
					repeats++
				}
				continue
			}
			set1[tx.Text]++
		}
	}
	for c := range 120 {
		if n := set1[fmt.Sprintf("Column%d", c)]; n != 1 {
			t.Errorf("header of column %d set %d times as the table's", c, n)
		}
		if n := set1[fmt.Sprintf("characteristically%d", c)]; n != 3 {
			t.Errorf("column %d: its 3 cells' first words set %d times as the table's", c, n)
		}
	}
	var msgs []string
	for _, d := range diags.Items() {
		msgs = append(msgs, d.Message)
	}
	if len(msgs) != 3 || !strings.Contains(msgs[0], "set on landscape pages") || !strings.Contains(msgs[1], "shrunk to 6.5 pt") ||
		!strings.Contains(msgs[2], "in 14 parts of its columns, each repeating the first") {
		t.Errorf("warnings %q, want the landscape pages, the shrinking and 14 parts (24 upright)", msgs)
	}
	// Each part after the first repeats the first column (header and 3
	// rows); a header repeated at the top of a page repeats it again.
	if repeats < 4*13 {
		t.Errorf("%d repeated first-column texts, want at least 4 (header and 3 rows) per part after the first", repeats)
	}
}

// TestColumnGroups: as many columns as fit in each part, every part after
// the first starting with column 0, a column too wide alone in its part.
func TestColumnGroups(t *testing.T) {
	for i, c := range []struct {
		least []float64
		width float64
		want  string
	}{
		{[]float64{10, 10, 10}, 30, "[[0 1 2]]"},
		{[]float64{10, 10, 10, 10}, 25, "[[0 1] [0 2] [0 3]]"},
		{[]float64{10, 20, 5, 5, 5}, 30, "[[0 1] [0 2 3 4]]"},
		{[]float64{10, 50, 10}, 30, "[[0] [0 1] [0 2]]"},
		{[]float64{40}, 30, "[[0]]"},
	} {
		if got := fmt.Sprint(columnGroups(c.least, c.width)); got != c.want {
			t.Errorf("case %d: %s, want %s", i+1, got, c.want)
		}
	}
}

// TestTurnedGeometry: the landscape page of a table is the paper turned,
// and under --hole-punch its head and foot, one of which is the punched
// edge, both clear the holes.
func TestTurnedGeometry(t *testing.T) {
	for _, p := range []Paper{A4(), Letter(), {Name: "a4", Width: 595.28, Height: 841.89, HolePunch: true}} {
		g := turnedGeometry(p)
		if g.pageW != p.Height || g.pageH != p.Width || g.columns != 1 {
			t.Errorf("%+v: turned %gx%g in %d columns", p, g.pageW, g.pageH, g.columns)
		}
		if !(g.headerY > 0 && g.headerY < g.top && g.top < g.bottom && g.bottom < g.footerY && g.footerY < g.pageH) {
			t.Errorf("%+v: head %g, block %g–%g, foot %g on a page %g tall", p, g.headerY, g.top, g.bottom, g.footerY, g.pageH)
		}
		// The holes reach 15 mm from the edge (12 mm to their centres, 6 mm wide).
		holes := 15 * 72 / 25.4
		if p.HolePunch && (g.top < holePunchMargin || g.bottom > g.pageH-holePunchMargin || g.headerY-smallSize < holes || g.footerY > g.pageH-holes) {
			t.Errorf("hole punch: block %g–%g, head at %g, foot at %g on a page %g tall: want the block %g and the head and foot %g from the edges",
				g.top, g.bottom, g.headerY, g.footerY, g.pageH, holePunchMargin, holes)
		}
	}
}

// TestTableRightToLeft: in an Arabic document a table's first column is
// on the right, and a cell's Arabic text starts at its right edge; in an
// English document the same table runs left to right.
func TestTableRightToLeft(t *testing.T) {
	for _, lang := range []string{"ar", "en"} {
		tr := newTree("T", "")
		tr.d.Meta.Lang = lang
		tr.add(&doc.Table{Align: []doc.Alignment{doc.AlignDefault, doc.AlignDefault},
			Header: &doc.TableRow{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("الاسم")}}, {Content: []doc.Inline{txt("الدرجة")}}}},
			Rows:   []*doc.TableRow{{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("أحمد")}}, {Content: []doc.Inline{txt("٩٥")}}}}}})
		out, err := Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		x := map[string]*Text{}
		for _, it := range textItems(out.Pages[0].Items) {
			if tx, ok := it.(*Text); ok {
				x[tx.Text] = tx
			}
		}
		first, second, a := x["الاسم"], x["الدرجة"], x["أحمد"]
		if first == nil || second == nil || a == nil {
			t.Fatalf("%s: texts %v", lang, x)
		}
		if rtl := lang == "ar"; (first.X > second.X) != rtl {
			t.Errorf("%s: first column at %g, second at %g", lang, first.X, second.X)
		}
		if lang == "ar" && math.Abs((a.X+a.Width)-(first.X+first.Width)) > 0.5 {
			t.Errorf("ar: the cells of the first column do not end together: %g, %g", a.X+a.Width, first.X+first.Width)
		}
	}
}

// TestTableRowSpan: a cell spanning rows is set once, at the top of its
// rows, and the light rules between those rows stop short of its column,
// so that it reads as one cell; the rule under its last row, and every
// rule of a table without spans, runs the table's width. A cell spanning
// columns wraps across them.
func TestTableRowSpan(t *testing.T) {
	cell := func(s string, cols, rows int) *doc.TableCell {
		return &doc.TableCell{Content: []doc.Inline{txt(s)}, ColSpan: cols, RowSpan: rows}
	}
	table := &doc.Table{Align: []doc.Alignment{0, 0, 0}, Rows: []*doc.TableRow{
		{Cells: []*doc.TableCell{cell("tall", 1, 3), cell("b1", 1, 1), cell("c1", 1, 1)}},
		{Cells: []*doc.TableCell{cell("b2", 1, 1), cell("c2", 1, 1)}},
		{Cells: []*doc.TableCell{cell("b3", 1, 1), cell("c3", 1, 1)}},
		{Cells: []*doc.TableCell{cell("wide across all three columns of this table, as long as a sentence can be", 3, 1)}},
		{Cells: []*doc.TableCell{cell("last", 1, 1)}},
	}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{table}}
	out := layoutWithoutWarnings(t, d)
	g := newGeometry(A4())
	var rules []*Line
	x := map[string]float64{}
	for _, it := range out.Pages[0].Items {
		switch it := it.(type) {
		case *Line:
			if it.Width == 0.3 {
				rules = append(rules, it)
			}
		case *Text:
			x[it.Text] = it.X
		case *Words:
			for i := range it.Len() {
				w := it.Text(i)
				x[w.Text] = w.X
			}
		}
	}
	if len(rules) != 4 {
		t.Fatalf("%d light rules, want 4 (under the first four rows)", len(rules))
	}
	for i, r := range rules[:2] { // inside the span: from the second column on
		if math.Abs(r.X1-x["b1"]+cellPadX) > 0.5 || math.Abs(r.X2-(g.left+g.width())) > 0.5 {
			t.Errorf("rule %d under the spanning cell: %.1f–%.1f, want %.1f–%.1f", i, r.X1, r.X2, x["b1"]-cellPadX, g.left+g.width())
		}
	}
	for i, r := range rules[2:] {
		if math.Abs(r.X1-g.left) > 0.5 || math.Abs(r.X2-(g.left+g.width())) > 0.5 {
			t.Errorf("rule %d: %.1f–%.1f, want the table's width", i+2, r.X1, r.X2)
		}
	}
	if x["tall"] >= x["b1"] || x["as"] <= x["b1"] {
		t.Errorf("tall at %.1f, b1 at %.1f, a word of the wide cell at %.1f: want the wide cell's line to run past the first column", x["tall"], x["b1"], x["as"])
	}
}

// TestTableCellBlocks: a cell of blocks (a list, then a code block) is
// set inside its column, each list item on a line of its own below the
// one before, the code's ground inside the cell, and the row as tall as
// those blocks; the next row starts below them.
func TestTableCellBlocks(t *testing.T) {
	list := &doc.List{Kind: doc.BulletList, Tight: true, Items: []*doc.ListItem{
		{Blocks: []doc.Block{ptext("first point")}}, {Blocks: []doc.Block{ptext("second point")}}}}
	code := &doc.CodeBlock{Text: "peel(apple)"}
	table := &doc.Table{Align: []doc.Alignment{0, 0}, Rows: []*doc.TableRow{
		{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("Apples")}}, {Blocks: []doc.Block{list, code}}}},
		{Cells: []*doc.TableCell{{Content: []doc.Inline{txt("Pears")}}, {Content: []doc.Inline{txt("after")}}}},
	}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{table}}
	out := layoutWithoutWarnings(t, d)
	at := map[string]Text{}
	var ground *Rect
	for _, it := range out.Pages[0].Items {
		switch it := it.(type) {
		case *Rect:
			if it.Fill != nil && ground == nil {
				ground = it
			}
		case *Text:
			at[it.Text] = *it
		case *Words:
			for i := range it.Len() {
				w := it.Text(i)
				at[w.Text] = w
			}
		}
	}
	first, second, peel, apples, after := at["first"], at["second"], at["peel(apple)"], at["Apples"], at["after"]
	if first.Text == "" || second.Text == "" || peel.Text == "" || after.Text == "" {
		t.Fatalf("texts missing: %v", at)
	}
	if !(first.Y == apples.Y && second.Y > first.Y && peel.Y > second.Y && after.Y > peel.Y) {
		t.Errorf("baselines: first %.1f (Apples %.1f), second %.1f, code %.1f, next row %.1f", first.Y, apples.Y, second.Y, peel.Y, after.Y)
	}
	if first.X != second.X || first.X <= apples.X+apples.Width {
		t.Errorf("the items start at %.1f and %.1f, right of Apples' end %.1f", first.X, second.X, apples.X+apples.Width)
	}
	if ground == nil || ground.X < apples.X+apples.Width || ground.Y > peel.Y || ground.Y+ground.H < peel.Y || ground.Y+ground.H > after.Y {
		t.Errorf("the code's ground %+v is not in its cell around %.1f, above the next row at %.1f", ground, peel.Y, after.Y)
	}
}

// TestTableAnchor: a table with an id (Quarto's {#tbl-data} on its
// caption, or pandoc's) is an anchor at its caption, for the links to
// it, with and without a caption.
func TestTableAnchor(t *testing.T) {
	for _, caption := range [][]doc.Inline{{txt("Data")}, nil} {
		tb := wideTable(2, 2)
		tb.Attr.ID, tb.Caption = "tbl-data", caption
		d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{txt("Before.")}}, tb}}
		out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var anchor *Anchor
		var first float64 // the top of the table's first text: its caption's, or its header's
		for i, a := range out.Pages[0].Anchors {
			if a.ID == "tbl-data" {
				anchor = &out.Pages[0].Anchors[i]
			}
		}
		for _, it := range textItems(out.Pages[0].Items) {
			if x, ok := it.(*Text); ok && (x.Text == "Data" || x.Text == "Column0") && first == 0 {
				first = x.Y - x.Size
			}
		}
		if anchor == nil || first == 0 || anchor.Y > first+0.5 || anchor.Y < first-20 {
			t.Errorf("caption %v: anchor %v, the table's first text's top at %.1f", caption != nil, anchor, first)
		}
	}
}
