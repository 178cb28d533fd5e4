package layout

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// TestOrderLine runs the line reordering on small lines of words, one
// behaviour each: a line is its boxes' texts separated by spaces (glue),
// written in logical order; want is the drawing order, left to right, its
// boxes separated by spaces and a box's pieces by "|". Each was checked
// against Chromium's rendering of the same text in a <p> of the same
// direction.
func TestOrderLine(t *testing.T) {
	e := &engine{m: newMeasurer(loadFonts(t), nil, "en"), stats: &lineStats{}}
	sty := e.m.styleID(runStyle{size: 10})
	for _, c := range []struct {
		n    int
		name string
		rtl  bool
		line string
		want string
	}{
		{1, "a left-to-right line stays", false, "one two three", "one two three"},
		{2, "a right-to-left line is reversed", true, "אחת שתיים שלוש", "שלוש שתיים אחת"},
		{3, "Hebrew inside English is reversed in place", false, "say שלום עולם now", "say עולם שלום now"},
		{4, "English inside Hebrew keeps its order", true, "אמר hello world אז", "אז hello world אמר"},
		{5, "numbers inside Arabic are each left to right, in the line's order", true, "عام 2024 10 مليون", "مليون 10 2024 عام"},
		{6, "a neutral between two runs of one direction joins them", true, "قال - كتب", "كتب - قال"},
		{7, "a neutral between runs of two directions takes the paragraph's", true, "abc - עברית", "עברית - abc"},
		{8, "a number after Hebrew in an English line goes with the Hebrew", false, "Hebrew: שלום עולם 123.", "Hebrew: 123 עולם שלום|."},
		{9, "Arabic digits after Arabic in an English line", false, "Arabic: مرحبا ١٢٣.", "Arabic: ١٢٣ مرحبا|."},
		{10, "a comma after Hebrew in an English line stays on the right", false, "עברית, English", "עברית|, English"},
		{11, "a number after English in an English line stays", false, "about שלום and 2024.", "about שלום and 2024."},
		{12, "a full stop after Latin in an Arabic line goes left, the brackets stay", true, "(rust-analyzer).", ".|(rust-analyzer)"},
		{13, "a number and its sign after Hebrew", false, "מחיר 50% off", "50% מחיר off"},
		{14, "Arabic digits in an English line, no letters", false, "pages ١٢ ٣٤", "pages ٣٤ ١٢"},
		{15, "a decimal number in Hebrew stays whole", true, "מחיר 3.14 שקל", "שקל 3.14 מחיר"},
		{16, "an all-English line with a number moves nothing", false, "chapter 3, page 4.", "chapter 3, page 4."},
	} {
		t.Run(fmt.Sprintf("%02d %s", c.n, c.name), func(t *testing.T) {
			var line []kpItem
			for i, w := range strings.Fields(c.line) {
				if i > 0 {
					line = append(line, glue(3, 1, 1))
				}
				line = append(line, box(w, 10, sty))
			}
			out := e.orderLine(line, c.rtl)
			var got strings.Builder
			for i, it := range out {
				switch {
				case it.kind == kGlue:
					got.WriteByte(' ')
				case it.kind == kBox:
					if i > 0 && out[i-1].kind == kBox {
						got.WriteByte('|')
					}
					got.WriteString(it.text)
					if it.w <= 0 {
						t.Errorf("%q has no width", it.text)
					}
				}
			}
			if g := got.String(); g != c.want {
				t.Errorf("got %q, want %q", g, c.want)
			}
		})
	}
}

// TestRightToLeftDocument lays out an Arabic document (drawn with the
// fonts' empty boxes: no Arabic face is needed to place the words): its
// paragraphs end on the right, a list's bullets and a quote's rule are on
// the right, and a line's first word is its rightmost.
func TestRightToLeftDocument(t *testing.T) {
	words := strings.Repeat("كلمة عربية طويلة ", 30)
	d := &doc.Document{Meta: doc.Meta{Title: "عنوان", Lang: "ar"}, Blocks: []doc.Block{
		ptext("أول " + words),
		&doc.List{Kind: doc.BulletList, Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{ptext("عنصر")}}}},
		&doc.BlockQuote{Blocks: []doc.Block{ptext("اقتباس " + words)}},
	}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := newGeometry(A4())
	mid := (g.left + g.right) / 2
	var first, item, bullet *Text
	var bar *Rect
	for _, it := range textItems(out.Pages[0].Items) {
		switch it := it.(type) {
		case *Text:
			switch it.Text {
			case "أول":
				first = it
			case "عنصر":
				item = it
			case "•":
				bullet = it
			}
		case *Rect:
			if it.W == 2 {
				bar = it
			}
		}
	}
	if first == nil || item == nil || bullet == nil || bar == nil {
		t.Fatalf("missing: first word %v, item %v, bullet %v, quote rule %v", first, item, bullet, bar)
	}
	if first.X+first.Width < g.right-0.5 {
		t.Errorf("the paragraph's first word ends at %.1f, not at the right edge %.1f", first.X+first.Width, g.right)
	}
	if bullet.X < item.X+item.Width || bullet.X < mid {
		t.Errorf("the bullet at %.1f is not right of its item (%.1f–%.1f)", bullet.X, item.X, item.X+item.Width)
	}
	if bar.X < mid {
		t.Errorf("the quote's rule is at %.1f, on the left", bar.X)
	}
}

// TestMonoFastPath checks that printable ASCII in the monospaced faces,
// set from the character map without the shaper, gets the glyphs and
// advances the shaper gives it.
func TestMonoFastPath(t *testing.T) {
	sh := newShaper(loadFonts(t), "en")
	var ascii strings.Builder
	for c := byte(0x20); c < 0x7f; c++ {
		ascii.WriteByte(c)
	}
	text := ascii.String() + " fi ffl -> != <= www ::"
	for _, f := range []FontRef{{Family: fonts.Mono}, {Family: fonts.Mono, Style: fonts.Bold}} {
		fast := sh.monoASCII(f, text)
		var hb shaping.HarfbuzzShaper
		runes := []rune(text)
		out := hb.Shape(shaping.Input{Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: sh.face(f),
			Size: fixed.I(shapeUnits), Script: language.Latin, Language: language.NewLanguage("en")})
		if len(out.Glyphs) != len(fast.glyphs) {
			t.Fatalf("%v: %d glyphs, the shaper %d", f, len(fast.glyphs), len(out.Glyphs))
		}
		for i, g := range out.Glyphs {
			if uint16(g.GlyphID) != fast.glyphs[i].ID || units(g.Advance) != fast.glyphs[i].Advance || g.XOffset != 0 {
				t.Errorf("%v: %q: glyph %d advance %.2f, the shaper %d %.2f", f, text[i], fast.glyphs[i].ID, fast.glyphs[i].Advance, g.GlyphID, units(g.Advance))
			}
		}
	}
}

// TestBlockDirectionFromText: in a document of either direction, a list
// and a quote whose text starts in the other direction are set in that
// one (doc.Direction), as GitHub's dir="auto" shows them: the list's
// markers on the side its text starts, the quote's rule likewise. A list
// with no letters keeps the column's direction.
func TestBlockDirectionFromText(t *testing.T) {
	for _, c := range []struct {
		lang, item, quote string
		rtl               bool // the list and quote are set right to left
	}{
		{"en", "عنصر", "اقتباس عربي", true},
		{"en", "item", "a quote", false},
		{"ar", "item", "a quote", false},
		{"ar", "عنصر", "اقتباس عربي", true},
		{"en", "2024", "— 42 —", false},
		{"he", "2024", "— 42 —", true},
	} {
		d := &doc.Document{Meta: doc.Meta{Lang: c.lang}, Blocks: []doc.Block{
			&doc.List{Kind: doc.BulletList, Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{ptext(c.item)}}}},
			&doc.BlockQuote{Blocks: []doc.Block{ptext(c.quote)}},
		}}
		texts, bar := setTexts(t, d)
		item, bullet := texts[c.item], texts["•"]
		if item == nil || bullet == nil || bar == nil {
			t.Fatalf("%s %q: missing: item %v, bullet %v, quote rule %v", c.lang, c.item, item, bullet, bar)
		}
		if right := bullet.X > item.X; right != c.rtl {
			t.Errorf("%s %q: the bullet at %.1f, the item at %.1f: bullet on the right %v, want %v", c.lang, c.item, bullet.X, item.X, right, c.rtl)
		}
		g := newGeometry(A4())
		if right := bar.X > (g.left+g.right)/2; right != c.rtl {
			t.Errorf("%s %q: the quote's rule at %.1f: on the right %v, want %v", c.lang, c.quote, bar.X, right, c.rtl)
		}
	}
}

// TestTightItemInListDirection: a tight list's items are set in the
// list's direction, as HTML sets an <li> without <p>: a Hebrew name in
// an English list of languages stands by its marker on the left, not at
// the far right of the line; a loose item's paragraph takes its own
// text's direction.
func TestTightItemInListDirection(t *testing.T) {
	for _, tight := range []bool{true, false} {
		d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
			&doc.List{Kind: doc.BulletList, Tight: tight, Items: []*doc.ListItem{{Blocks: []doc.Block{ptext("English")}}, {Blocks: []doc.Block{ptext("עברית")}}}},
		}}
		texts, _ := setTexts(t, d)
		he := texts["עברית"]
		if he == nil {
			t.Fatal("the Hebrew item is not set")
		}
		g := newGeometry(A4())
		if left := he.X < (g.left+g.right)/2; left != tight {
			t.Errorf("tight %v: the Hebrew item at %.1f: on the left %v, want %v", tight, he.X, left, tight)
		}
	}
}

// setTexts lays d out and returns its first page's texts by their text
// and the quote rule, if any.
func setTexts(t *testing.T, d *doc.Document) (map[string]*Text, *Rect) {
	t.Helper()
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]*Text{}
	var bar *Rect
	for _, it := range textItems(out.Pages[0].Items) {
		switch it := it.(type) {
		case *Text:
			texts[it.Text] = it
		case *Rect:
			if it.W == 2 {
				bar = it
			}
		}
	}
	return texts, bar
}

// TestAlignedDiv: a div's align="center" sets its paragraphs and headings
// centred and ragged, as GitHub shows a README's header, and a heading's
// own centres it; the text after them is the column's again.
func TestAlignedDiv(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		&doc.Div{Attr: doc.Attr{KV: []doc.KV{{Key: "align", Value: "center"}}}, Blocks: []doc.Block{
			&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "Centred"}}},
			ptext("Middle"),
		}},
		&doc.Heading{Level: 1, Attr: doc.Attr{KV: []doc.KV{{Key: "align", Value: "center"}}}, Content: []doc.Inline{&doc.Text{Value: "Title"}}},
		ptext("After"),
	}}
	texts, _ := setTexts(t, d)
	g := newGeometry(A4())
	mid := (g.left + g.right) / 2
	for _, w := range []string{"Centred", "Middle", "Title"} {
		tx := texts[w]
		if tx == nil {
			t.Fatalf("%q is not set", w)
		}
		if c := tx.X + tx.Width/2; c < mid-1 || c > mid+1 {
			t.Errorf("%q is centred at %.1f, want %.1f", w, c, mid)
		}
	}
	if after := texts["After"]; after == nil || after.X > g.left+1 {
		t.Errorf("the paragraph after the div is not at the left edge: %+v", after)
	}
}

// TestDivDirection: a div whose dir attribute is rtl sets what it holds
// right to left whatever its text's direction, as HTML inherits dir: an
// English paragraph ends on the right, a list's bullet is right of its
// English item; the paragraph after the div is English again, on the
// left.
func TestDivDirection(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{
		&doc.Div{Attr: doc.Attr{KV: []doc.KV{{Key: "dir", Value: "rtl"}}}, Blocks: []doc.Block{
			ptext("Text"),
			&doc.List{Kind: doc.BulletList, Items: []*doc.ListItem{{Blocks: []doc.Block{ptext("Item")}}}},
		}},
		ptext("After"),
	}}
	texts, _ := setTexts(t, d)
	g := newGeometry(A4())
	inside, item, bullet, after := texts["Text"], texts["Item"], texts["•"], texts["After"]
	if inside == nil || item == nil || bullet == nil || after == nil {
		t.Fatalf("missing: %v %v %v %v", inside, item, bullet, after)
	}
	if inside.X+inside.Width < g.right-0.5 {
		t.Errorf("the paragraph in the div ends at %.1f, not at the right edge %.1f", inside.X+inside.Width, g.right)
	}
	if bullet.X < item.X+item.Width {
		t.Errorf("the bullet at %.1f is not right of its item (%.1f–%.1f)", bullet.X, item.X, item.X+item.Width)
	}
	if after.X > g.left+0.5 {
		t.Errorf("the paragraph after the div starts at %.1f, not at the left edge %.1f", after.X, g.left)
	}
}

// TestPunctuationAfterOtherDirection: the comma after a Hebrew word in
// an English paragraph is set on its right, where the paragraph's
// direction puts it, not on its left inside the Hebrew word; the full
// stop after a number that follows Hebrew is on the right of the line.
func TestPunctuationAfterOtherDirection(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{ptext("Say עברית, English"), ptext("Hebrew: שלום 123.")}}
	texts, _ := setTexts(t, d)
	he, comma, num, stop := texts["עברית"], texts[","], texts["123"], texts["."]
	if he == nil || comma == nil || num == nil || stop == nil {
		t.Fatalf("missing: %v %v %v %v (%v)", he, comma, num, stop, texts)
	}
	if comma.X < he.X+he.Width-0.5 {
		t.Errorf("the comma at %.1f is not right of the Hebrew word (%.1f–%.1f)", comma.X, he.X, he.X+he.Width)
	}
	if shalom := texts["שלום"]; shalom == nil || num.X > shalom.X || stop.X < shalom.X+shalom.Width-0.5 {
		t.Errorf("want the number left of שלום and the full stop right of it: %v %v %v", num, shalom, stop)
	}
}

// TestRightToLeftContents: a right-to-left document's contents are
// mirrored: each title at the right edge, its page number at the left
// edge, and the leader dots between them, as the left-to-right contents
// have them the other way round.
func TestRightToLeftContents(t *testing.T) {
	for _, rtl := range []bool{false, true} {
		lang, title := "en", "Chapter"
		if rtl {
			lang, title = "ar", "فصل"
		}
		tr := newTree("T", "")
		tr.d.Meta.Lang = lang
		for i := range 4 {
			tr.add(tr.heading(1, title+" "+string(rune('a'+i))), ptext("x"))
		}
		out, err := Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		g := newGeometry(A4())
		var titles, leaders, numbers []*Text
		for _, it := range textItems(out.Pages[0].Items) {
			tx, ok := it.(*Text)
			if !ok || tx.ContentsTitle {
				continue
			}
			switch {
			case strings.HasPrefix(tx.Text, ". ."):
				leaders = append(leaders, tx)
			case tx.Contents && strings.Trim(tx.Text, "0123456789") == "":
				numbers = append(numbers, tx)
			case tx.Contents && tx.Text == title:
				titles = append(titles, tx)
			}
		}
		if len(titles) != 4 || len(leaders) != 4 || len(numbers) != 4 {
			t.Fatalf("rtl %v: %d titles, %d leaders, %d numbers; want 4 each", rtl, len(titles), len(leaders), len(numbers))
		}
		for i := range 4 {
			ti, le, nu := titles[i], leaders[i], numbers[i]
			left, right := ti, nu // left to right: the title, the leaders, the number
			if rtl {
				left, right = nu, ti
			}
			if left.X+left.Width > le.X || le.X+le.Width > right.X {
				t.Errorf("rtl %v, entry %d: %q at %.1f, leaders %.1f–%.1f, %q at %.1f: not in order", rtl, i+1, left.Text, left.X, le.X, le.X+le.Width, right.Text, right.X)
			}
			if le.Width < 100 {
				t.Errorf("rtl %v, entry %d: the leaders are %.1f pt long", rtl, i+1, le.Width)
			}
			if rtl && (nu.X > g.left+0.5 || ti.X+ti.Width < g.right-0.5) {
				t.Errorf("entry %d: the number at %.1f, the title ending at %.1f; want the left edge %.1f and the right %.1f", i+1, nu.X, ti.X+ti.Width, g.left, g.right)
			}
		}
	}
}

// TestRightToLeftListLabels: a right-to-left ordered list's markers are
// drawn as Chromium draws them, the delimiter on the number's left (".1",
// "(1" mirrored from "1)"); a left-to-right list's as written.
func TestRightToLeftListLabels(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		delim      doc.NumberDelim
		want       string
	}{
		{"ar", "أولاً", doc.Period, ".1"},
		{"ar", "أولاً", doc.OneParen, "(1"},
		{"ar", "أولاً", doc.TwoParens, "(1)"},
		{"en", "First", doc.Period, "1."},
	} {
		d := &doc.Document{Meta: doc.Meta{Lang: c.lang}, Blocks: []doc.Block{
			&doc.List{Kind: doc.OrderedList, Start: 1, Delim: c.delim, Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{ptext(c.text)}}}},
		}}
		texts, _ := setTexts(t, d)
		if texts[c.want] == nil {
			t.Errorf("%s %v: no marker %q among %v", c.lang, c.delim, c.want, slices.Collect(maps.Keys(texts)))
		}
	}
}

// TestMirroredBrackets: a bracket in a right-to-left run is drawn with
// its mirror's glyph, as Chromium draws "(كلمة)": the bracket is set in
// the text face and the letters in the Arabic one, so it is a run of its
// own, and one after emphasis a box of its own, neither with a strong
// character to say its direction. In a left-to-right run a bracket stays
// itself.
func TestMirroredBrackets(t *testing.T) {
	set, _, err := loadFonts(t).WithFallbacks(fonts.FallbackOptions{System: true}, []rune("كלمةמילה"))
	if err != nil || !set.Covers('ك') || !set.Covers('מ') {
		validate.Missing(t, "system fonts that draw Arabic and Hebrew", "apt-get install fonts-noto-core")
	}
	for _, c := range []struct {
		name, lang string
		content    []doc.Inline
		mirrored   bool
	}{
		{"Arabic words in brackets", "ar", []doc.Inline{&doc.Text{Value: "نص (كلمة) و [قوس] و {معقوف} و <زاوية>."}}, true},
		{"emphasis in brackets", "ar", []doc.Inline{&doc.Text{Value: "نص ("}, &doc.Strong{Content: []doc.Inline{&doc.Text{Value: "مهم"}}}, &doc.Text{Value: ") نص."}}, true},
		{"Hebrew in brackets", "he", []doc.Inline{&doc.Text{Value: "טקסט (מילה) טקסט."}}, true},
		{"English in brackets in an Arabic line", "ar", []doc.Inline{&doc.Text{Value: "نص (English words) نص."}}, false},
		{"English in brackets", "en", []doc.Inline{&doc.Text{Value: "Some (bracketed) words [here]."}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &doc.Document{Meta: doc.Meta{Lang: c.lang}, Blocks: []doc.Block{&doc.Paragraph{Content: c.content}}}
			out, err := Layout(d, Options{Paper: A4(), Fonts: set}, nil)
			if err != nil {
				t.Fatal(err)
			}
			sh := newShaper(set, c.lang)
			seen := 0
			for _, it := range textItems(out.Pages[0].Items) {
				tx, ok := it.(*Text)
				if !ok {
					continue
				}
				for _, g := range tx.Glyphs {
					if g.ID == 0 {
						t.Errorf("%q in %v has a glyph missing", tx.Text, tx.Font)
					}
					r := []rune(tx.Text[g.Cluster:])[0]
					if !strings.ContainsRune("()[]{}<>", r) {
						continue
					}
					seen++
					drawn := r
					if c.mirrored {
						drawn = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<'}[r]
					}
					if want := sh.shape(tx.Font, string(drawn)).glyphs[0].ID; g.ID != want {
						t.Errorf("%q of %q is glyph %d, want %d (the glyph of %q)", r, tx.Text, g.ID, want, drawn)
					}
				}
			}
			if seen < 2 {
				t.Errorf("%d brackets drawn, want at least 2", seen)
			}
		})
	}
}
