package layout

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/golden"
	"github.com/galley-pub/galley/export/theme"
	"github.com/galley-pub/galley/fonts"
)

func loadFonts(t *testing.T) *fonts.Set {
	t.Helper()
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// layoutWithoutWarnings lays d out on A4 in the embedded fonts, failing
// the test on an error and reporting any warning.
func layoutWithoutWarnings(t *testing.T, d *doc.Document) *Document {
	t.Helper()
	var diags diag.List
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags.Items()) != 0 {
		t.Errorf("warnings: %v", diags.Items())
	}
	return out
}

func dump(t *testing.T, d *Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := d.Dump(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestArticle(t *testing.T) {
	var diags diag.List
	out, err := Layout(articleDoc(), Options{Paper: A4(), Fonts: loadFonts(t)}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.Len() != 0 {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	golden.Check(t, "testdata/"+"article.golden", dump(t, out))
	checkLayout(t, out, loadFonts(t), A4())
	checkTOC(t, out, tocEntries(articleDoc(), 3), A4())
	if len(out.Pages) < 2 {
		t.Errorf("the article with its appendix should take at least 2 pages, got %d", len(out.Pages))
	}
	var titles []string
	for _, b := range out.Bookmarks {
		titles = append(titles, b.Title)
	}
	for _, want := range []string{"Impact on Future Relations", "A Notable Venue of Historical Diplomacy", "Further reading", "Recommended reading"} {
		if !slices.Contains(titles, want) {
			t.Errorf("no bookmark %q in %q", want, titles)
		}
	}
}

func TestLongDocument(t *testing.T) {
	d, fsys := longDoc()
	var diags diag.List
	out, stats, err := layoutWithStats(d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/"+"long.golden", dump(t, out))
	checkLayout(t, out, loadFonts(t), A4())
	checkTOC(t, out, tocEntries(d, 3), A4())
	checkBreaks(t, stats.sheets)
	for _, p := range noteProblems(stats.sheets, stats.noteRows) {
		t.Error(p)
	}
	if len(out.Pages) < 10 {
		t.Errorf("pages = %d, want many", len(out.Pages))
	}
	if items := diags.Items(); len(items) != 1 {
		t.Errorf("want one warning for the missing image, got %v", items)
	}
	if len(out.Images) != 1 || out.Images[0].Width != 640 {
		t.Errorf("images = %+v", out.Images)
	}
	r := slices.Clone(stats.ratios)
	slices.Sort(r)
	if len(r) == 0 {
		t.Fatal("no justified lines")
	}
	t.Logf("%d pages; %d justified lines; inter-word stretch ratio min %.3f median %.3f max %.3f; %d lines too loose to justify, set ragged", len(out.Pages), len(r), r[0], r[len(r)/2], r[len(r)-1], stats.ragged)
}

// TestVeryLongParagraph lays out one paragraph longer than maxOptimalItems
// (about 60,000 words): broken line by line, its lines stay within the
// text block and every word is set.
func TestVeryLongParagraph(t *testing.T) {
	set := loadFonts(t)
	tr := newTree("Long", "")
	tr.add(ptext(words(3, 60000)))
	out, stats, err := layoutWithStats(tr.d, Options{Paper: A4(), Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, set, A4())
	checkBreaks(t, stats.sheets)
	n := 0
	for _, pg := range out.Pages {
		for _, it := range textItems(pg.Items) {
			if tx, ok := it.(*Text); ok && tx.Src != nil {
				n += len(strings.Fields(tx.Text))
			}
		}
	}
	if n < 60000 {
		t.Errorf("%d words set, want 60000", n)
	}
}

// TestWordsInTheDocumentsLanguage: the printed contents' title, the
// footer and a callout's title are in the document's language, and the
// footer of a right-to-left language reads right to left (its first word
// rightmost).
func TestWordsInTheDocumentsLanguage(t *testing.T) {
	set := loadFonts(t)
	for _, c := range []struct {
		lang  string
		words []string
	}{
		{"fr", []string{"Table", "des", "matières", "Avertissement", "Page", "1", "sur"}},
		{"de-AT", []string{"Inhalt", "Warnung", "Seite", "von"}},
	} {
		tr := newTree("Cahier", "")
		tr.d.Meta.Lang = c.lang
		for _, h := range []string{"Un", "Deux", "Trois", "Quatre"} {
			tr.add(tr.heading(1, h), &doc.Paragraph{Content: []doc.Inline{txt("Texte.")}})
		}
		tr.add(&doc.Callout{Kind: "warning", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{txt("w")}}}})
		out, err := Layout(tr.d, Options{Paper: A4(), Fonts: set}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, texts := imageAndTexts(out.Pages[0].Items)
		seen := byText(texts)
		for _, w := range c.words {
			if seen[w] == nil {
				t.Errorf("%s: %q not on page 1", c.lang, w)
			}
		}
	}
	tr := newTree("درس", "")
	tr.d.Meta.Lang = "ar"
	tr.add(&doc.Paragraph{Content: []doc.Inline{txt("نص.")}})
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, texts := imageAndTexts(out.Pages[0].Items)
	x := byText(texts)
	page, of := x["صفحة"], x["من"]
	if page == nil || of == nil || page.X < of.X {
		t.Errorf("ar footer: %q %v, %q %v; want the first word rightmost", "صفحة", page, "من", of)
	}
}

// imageAndTexts returns the last image among items and their texts, in
// order.
func imageAndTexts(items []Item) (*ImageItem, []*Text) {
	var img *ImageItem
	var texts []*Text
	for _, it := range textItems(items) {
		switch it := it.(type) {
		case *ImageItem:
			img = it
		case *Text:
			texts = append(texts, it)
		}
	}
	return img, texts
}

// byText indexes texts by what they say (the last of equal ones).
func byText(texts []*Text) map[string]*Text {
	out := map[string]*Text{}
	for _, t := range texts {
		out[t.Text] = t
	}
	return out
}

// textItems is items with each Words run's words as the texts they stand
// for, and each slot's items in its place, in order: what the tests look
// for in pages and rows.
func textItems(items []Item) []Item {
	var out []Item
	for it := range Flat(items) {
		if w, ok := it.(*Words); ok {
			for i := range w.words {
				t := w.Text(i)
				out = append(out, &t)
			}
			continue
		}
		out = append(out, it)
	}
	return out
}

// TestUnderline: a span of the class underline (pandoc's [x]{.underline})
// or u (<u>) draws one line under its words and the space between them,
// just below the baseline; the text around it none.
func TestUnderline(t *testing.T) {
	for _, class := range []string{"underline", "u", "ins"} {
		d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
			&doc.Text{Value: "Plain "},
			&doc.Span{Attr: doc.Attr{Classes: []string{class}}, Content: []doc.Inline{&doc.Text{Value: "under lined"}}},
			&doc.Text{Value: " plain."},
		}}}}
		out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var lines []*Line
		texts := map[string]*Text{}
		for _, it := range textItems(out.Pages[0].Items) {
			switch it := it.(type) {
			case *Line:
				if it.Y1 == it.Y2 && it.Width < 1 {
					lines = append(lines, it)
				}
			case *Text:
				texts[it.Text] = it
			}
		}
		under, lined := texts["under"], texts["lined"]
		if under == nil || lined == nil {
			t.Fatalf("%s: the underlined words are not set", class)
		}
		var found []*Line
		for _, l := range lines {
			if l.Y1 > under.Y && l.Y1 < under.Y+under.Size*0.3 {
				found = append(found, l)
			}
		}
		if len(found) != 1 {
			t.Fatalf("%s: %d lines under the text's baseline, want 1", class, len(found))
		}
		if l := found[0]; math.Abs(l.X1-under.X) > 0.01 || math.Abs(l.X2-(lined.X+lined.Width)) > 0.01 {
			t.Errorf("%s: the line runs %.1f–%.1f, want %.1f–%.1f", class, l.X1, l.X2, under.X, lined.X+lined.Width)
		}
	}
}

// TestHighlight: highlighted text (<mark>) stands on a ground of the
// theme's colour drawn before it, as wide as its words.
func TestHighlight(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Value: "Plain "},
		&doc.Span{Attr: doc.Attr{Classes: []string{"mark"}}, Content: []doc.Inline{&doc.Text{Value: "key term"}}},
		&doc.Text{Value: " plain."},
	}}}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := themeColor(theme.MarkGround)
	var ground *Rect
	groundAt, keyAt := -1, -1
	var key, term *Text
	for i, it := range textItems(out.Pages[0].Items) {
		switch it := it.(type) {
		case *Rect:
			if it.Fill != nil && *it.Fill == want {
				ground, groundAt = it, i
			}
		case *Text:
			switch it.Text {
			case "key":
				key, keyAt = it, i
			case "term":
				term = it
			}
		}
	}
	if ground == nil || key == nil || term == nil {
		t.Fatalf("ground %v, key %v, term %v", ground, key, term)
	}
	if groundAt > keyAt {
		t.Errorf("the ground is drawn after the text (item %d, the text %d)", groundAt, keyAt)
	}
	if math.Abs(ground.X-key.X) > 0.01 || math.Abs(ground.X+ground.W-(term.X+term.Width)) > 0.01 || ground.Y > key.Y-key.Size*0.5 || ground.Y+ground.H < key.Y {
		t.Errorf("the ground %+v does not cover the words %q %+v and %q %+v", ground, key.Text, key, term.Text, term)
	}
}

// TestSmallCaps: pandoc's [text]{.smallcaps} is shaped with the face's
// small capitals (smcp): other glyphs than the same letters', as wide as
// those glyphs, in the same face.
func TestSmallCaps(t *testing.T) {
	span := &doc.Span{Attr: doc.Attr{Classes: []string{"smallcaps"}}, Content: []doc.Inline{&doc.Text{Value: "hanoi"}}}
	d := &doc.Document{Meta: doc.Meta{Lang: "en"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Value: "They met in hanoi and "}, span, &doc.Text{Value: " again."},
	}}}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var plain, caps *Text
	for _, it := range textItems(out.Pages[0].Items) {
		if tx, ok := it.(*Text); ok && tx.Text == "hanoi" {
			if tx.Font.SmallCaps {
				caps = tx
			} else {
				plain = tx
			}
		}
	}
	if plain == nil || caps == nil {
		t.Fatalf("plain %v, small caps %v: want both", plain, caps)
	}
	if caps.Font.Face() != plain.Font || len(caps.Glyphs) != len(plain.Glyphs) {
		t.Fatalf("small caps in %v (%d glyphs), plain in %v (%d)", caps.Font, len(caps.Glyphs), plain.Font, len(plain.Glyphs))
	}
	for i := range caps.Glyphs {
		if caps.Glyphs[i].ID == plain.Glyphs[i].ID {
			t.Errorf("glyph %d of the small caps is the letter's own (%d)", i, caps.Glyphs[i].ID)
		}
	}
	if caps.Width <= plain.Width {
		t.Errorf("the small caps are %.1f wide, the letters %.1f: small capitals are wider", caps.Width, plain.Width)
	}
}
