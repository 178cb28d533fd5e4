package layout

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/fonts"
)

func TestPaperFor(t *testing.T) {
	for _, tc := range []struct {
		settings options.PDF
		lang     string
		want     Paper
	}{
		{options.PDF{Paper: options.PaperA4}, "en-US", A4()},
		{options.PDF{Paper: options.PaperLetter}, "de", Letter()},
		{options.PDF{Paper: options.PaperA5}, "", A5()},
		{options.PDF{}, "en", A4()},
		{options.PDF{}, "en-US", Letter()},
		{options.PDF{}, "es-MX", Letter()},
		{options.PDF{}, "fr-CA", Letter()},
		{options.PDF{Booklet: true}, "en-US", A5()},
		{options.PDF{Booklet: true, Paper: options.PaperLetter}, "", Letter()},
		{options.PDF{HolePunch: true}, "vi", Paper{Name: "a4", Width: A4().Width, Height: A4().Height, HolePunch: true}},
	} {
		if got, err := PaperFor(tc.settings, tc.lang); err != nil || got != tc.want {
			t.Errorf("PaperFor(%+v, %q) = %v, %v; want %v", tc.settings, tc.lang, got, err, tc.want)
		}
	}
	if _, err := PaperFor(options.PDF{Paper: "b5"}, ""); err == nil {
		t.Error("b5 should be unknown")
	}
}

func TestOtherPapersAndDeterminism(t *testing.T) {
	set := loadFonts(t)
	for _, p := range []Paper{Letter(), A5()} {
		d, fsys := longDoc()
		first, err := Layout(d, Options{Paper: p, Fonts: set, Resources: fsys}, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkLayout(t, first, set, p)
		checkTOC(t, first, tocEntries(d, 3), p)
		again, err := Layout(d, Options{Paper: p, Fonts: set, Resources: fsys}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(dump(t, first), dump(t, again)) {
			t.Errorf("%s: two layouts of one document differ", p.Name)
		}
	}
}

func TestBadImagesAndCover(t *testing.T) {
	tr := newTree("Images", "")
	for _, u := range []string{"../secret.png", "/etc/passwd", "https://example.org/x.png", "nope.png", "bad.png"} {
		tr.add(&doc.Figure{Image: &doc.Image{Pos: doc.Pos{File: "x.md", Line: 3, Col: 1}, URL: u, Alt: "alt " + u}})
	}
	var diags diag.List
	cover := &ImageData{Key: "cover", Type: "png", Data: testPNG(60, 80), Width: 60, Height: 80}
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fstest.MapFS{"bad.png": {Data: []byte("not an image")}}, Cover: cover}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.Len() != 5 {
		t.Errorf("want 5 warnings, got %v", diags.Items())
	}
	for _, d := range diags.Items() {
		if !strings.HasPrefix(d.String(), "x.md:3:1: warning: image") {
			t.Errorf("diagnostic %q", d)
		}
	}
	if all := fmt.Sprint(diags.Items()); !strings.Contains(all, `"bad.png": the file is a text file, not an image`) {
		t.Errorf("the text file given as an image is not named as one: %s", all)
	}
	if len(out.Pages) < 2 || len(out.Images) != 1 || out.Images[0] != cover {
		t.Fatalf("pages %d, images %v", len(out.Pages), len(out.Images))
	}
	if im, ok := out.Pages[0].Items[0].(*ImageItem); !ok || im.Key != "cover" || len(out.Pages[0].Items) != 1 {
		t.Errorf("page 1 should be the cover alone: %v", out.Pages[0].Items)
	}
	if out.Pages[1].Label != "1" {
		t.Errorf("the handout's first page is labelled %q", out.Pages[1].Label)
	}
	checkLayout(t, out, loadFonts(t), A4())
}

func TestLayoutRejectsMissingInputs(t *testing.T) {
	if _, err := Layout(nil, Options{Paper: A4(), Fonts: loadFonts(t)}, nil); err == nil {
		t.Error("nil document accepted")
	}
	if _, err := Layout(&doc.Document{}, Options{Paper: A4()}, nil); err == nil {
		t.Error("missing fonts accepted")
	}
	out, err := Layout(&doc.Document{}, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil || len(out.Pages) != 1 {
		t.Errorf("empty document: %v, %v", out, err)
	}
}

func TestKnuthPlassBreaksWithinWidth(t *testing.T) {
	e := &engine{m: newMeasurer(loadFonts(t), nil, "en"), stats: &lineStats{}}
	sty := runStyle{font: FontRef{}, size: 10.5}
	rows := e.setParagraph(e.m.plainTokens(words(3, 120), sty), paraSpec{x: 0, widths: []float64{300}, justify: true, leading: 14, base: sty})
	if len(rows) < 5 {
		t.Fatalf("%d lines", len(rows))
	}
	for i, r := range rows {
		texts := textItems(r.items)
		last := texts[len(texts)-1].(*Text)
		end := last.X + last.Width
		if end > 300.01 || i < len(rows)-1 && end < 299.99 {
			t.Errorf("line %d ends at %.2f, want 300 (justified)", i, end)
		}
	}
	for _, r := range e.stats.ratios {
		if r < -1 || r > 6 {
			t.Errorf("ratio %.2f outside the second pass's tolerance", r)
		}
	}
}

func TestFallbackAndLongWords(t *testing.T) {
	m := newMeasurer(loadFonts(t), nil, "en")
	pieces := m.shape("a→b😀", FontRef{}, 10)
	if len(pieces) != 3 || pieces[1].font.Family == 0 || pieces[2].text != "b😀" {
		t.Errorf("shape: %+v", pieces)
	}
	items := m.items(m.plainTokens(strings.Repeat("x", 200), runStyle{size: 10}), []float64{100}, true)
	for _, b := range firstFit(items, []float64{100}) {
		if b <= 0 {
			t.Errorf("break at %d", b)
		}
	}
}

// TestRaggedRight sets the long document ragged right: no justified line, no
// hyphen at a line's end, lines of unequal length, and the checks still hold.
func TestRaggedRight(t *testing.T) {
	d, fsys := longDoc()
	set := loadFonts(t)
	out, stats, err := layoutWithStats(d, Options{Paper: A4(), Fonts: set, Resources: fsys, RaggedRight: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, set, A4())
	checkBreaks(t, stats.sheets)
	if len(stats.ratios) != 0 {
		t.Errorf("%d justified lines in ragged-right text", len(stats.ratios))
	}
	ends := map[int]bool{}
	for _, s := range stats.sheets {
		for _, r := range textRows(s) {
			if r.lines < 2 || r.line == r.lines-1 {
				continue
			}
			texts := textItems(r.items)
			if tx, ok := texts[len(texts)-1].(*Text); ok && tx.Font.Family == fonts.Serif {
				if strings.HasSuffix(tx.Text, "-") && tx.Size == bodySize {
					t.Errorf("a hyphenated line in ragged-right text: %q", rowText(r))
				}
				ends[int(tx.X+tx.Width)] = true
			}
		}
	}
	if len(ends) < 10 {
		t.Errorf("ragged lines end at only %d places", len(ends))
	}
}

// TestNoPatternsWarning: a justified document in a language galley has no
// hyphenation patterns for gets one warning; a language written without
// hyphenation, ragged-right text and English get none.
func TestNoPatternsWarning(t *testing.T) {
	set := loadFonts(t)
	for i, tc := range []struct {
		lang   string
		ragged bool
		warn   bool
	}{
		{"cs", false, true},
		{"hu-HU", false, true},
		{"cs", true, false},
		{"tr", false, false},
		{"fr", false, false},
		{"ja", false, false},
		{"en-GB", false, false},
		{"", false, false},
	} {
		d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: tc.lang}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Un texte."}}}}}
		var diags diag.List
		if _, err := Layout(d, Options{Paper: A4(), Fonts: set, RaggedRight: tc.ragged}, &diags); err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, it := range diags.Items() {
			if strings.Contains(it.Message, "no hyphenation patterns") {
				got++
			}
		}
		if (got == 1) != tc.warn || got > 1 {
			t.Errorf("%d: lang %q ragged %v: %d warnings %v", i+1, tc.lang, tc.ragged, got, diags.Items())
		}
	}
}

// TestCodeOnlyParagraph: a paragraph that is only inline code (a command,
// as tldr pages and READMEs give one a paragraph of its own) is set
// ragged, its spaces at their width, though the text around is justified;
// code in a paragraph of words, or a link to code, is justified with it.
func TestCodeOnlyParagraph(t *testing.T) {
	set := loadFonts(t)
	cmd := strings.Repeat("tar czf {{path/to/target.tar.gz}} ", 9)
	words := strings.Repeat("Words of a paragraph set justified ", 10)
	for _, tc := range []struct {
		name      string
		content   []doc.Inline
		justified bool
	}{
		{"code", []doc.Inline{&doc.Code{Value: cmd}}, false},
		{"code, a break and code", []doc.Inline{&doc.Code{Value: cmd}, &doc.LineBreak{}, &doc.Text{Value: " "}, &doc.Code{Value: cmd}}, false},
		{"a link to code", []doc.Inline{&doc.Link{URL: "https://x.example/", Content: []doc.Inline{&doc.Code{Value: cmd}}}}, false},
		{"words", []doc.Inline{&doc.Text{Value: words}}, true},
		{"words and code", []doc.Inline{&doc.Text{Value: words}, &doc.Code{Value: cmd}}, true},
	} {
		tr := newTree("T", "")
		tr.add(&doc.Paragraph{Content: tc.content})
		_, stats, err := layoutWithStats(tr.d, Options{Paper: A4(), Fonts: set}, nil)
		if err != nil {
			t.Fatal(err)
		}
		// A line justification gave up on (stretched too far) counts too.
		if got := len(stats.ratios)+stats.ragged > 0; got != tc.justified {
			t.Errorf("%s: %d justified lines (%d given up), want justified %v", tc.name, len(stats.ratios), stats.ragged, tc.justified)
		}
	}
}
