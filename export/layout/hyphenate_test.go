package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout/hyphen"
	"github.com/galley-pub/galley/fonts"
)

// breaksOf renders the items of inline content: boxes as text, "-" for a
// hyphenation point, "|" for a break with no hyphen, " " for glue.
func breaksOf(t *testing.T, content ...doc.Inline) string {
	t.Helper()
	return breaksIn(t, "en", content...)
}

// breaksIn is breaksOf with the patterns of language lang.
func breaksIn(t *testing.T, lang string, content ...doc.Inline) string {
	t.Helper()
	h, err := hyphen.ForLang(lang)
	if err != nil || h == nil {
		t.Fatalf("no patterns for %s: %v", lang, err)
	}
	m := newMeasurer(loadFonts(t), h, lang)
	sty := runStyle{font: FontRef{Family: fonts.Serif}, size: bodySize}
	var b strings.Builder
	for _, it := range m.items(m.tokenize(content, sty), []float64{1000}, true) {
		switch {
		case it.kind == kBox:
			b.WriteString(it.text)
		case it.kind == kGlue && it.stretch < infStretch:
			b.WriteByte(' ')
		case it.kind == kPenalty && it.text == "-":
			if it.w <= 0 || !it.flagged {
				t.Errorf("a hyphen penalty with width %.2f, flagged %v", it.w, it.flagged)
			}
			b.WriteByte('-')
		case it.kind == kPenalty && it.penalty < infPenalty && !forced(it):
			b.WriteByte('|')
		}
	}
	return b.String()
}

func TestHyphenationPoints(t *testing.T) {
	for _, c := range []struct {
		in   []doc.Inline
		want string
	}{
		{[]doc.Inline{txt("Negotiation, reconciliation!")}, "Ne-go-ti-a-tion, rec-on-cil-i-a-tion!"},
		{[]doc.Inline{txt("well-known administration")}, "well-|known ad-min-is-tra-tion"},
		{[]doc.Inline{txt("NATO COVID19 denuclearization2019 summits")}, "NATO COVID19 denuclearization2019 sum-mits"},
		{[]doc.Inline{txt("Ad\u00ADministration")}, "Ad-ministration"}, // a soft hyphen: only there, and not drawn
		{[]doc.Inline{&doc.Code{Value: "negotiation_framework.verify()"}}, "negotiation_|framework.|verify()"},
		{[]doc.Inline{txt("see https://example.org/administration/negotiation")}, "see https://example.|org/|administration/|negotiation"},
		{[]doc.Inline{txt("negotiation"), &doc.FootnoteRef{Number: 12}}, "ne-go-ti-a-tion12"},
		{[]doc.Inline{txt("www.administration.org")}, "www.|administration.|org"},
		// A slash between letters breaks after it, each side hyphenated.
		{[]doc.Inline{txt("specification/revision, client/server and/or TCP/IP")}, "spec-i-fi-ca-tion/|re-vi-sion, client/|server and/|or TCP/|IP"},
		// A path or a fraction does not.
		{[]doc.Inline{txt("/usr/administration 1/2 administration/")}, "/usr/administration 1/2 administration/"},
	} {
		if got := breaksOf(t, c.in...); got != c.want {
			t.Errorf("%q: got %q, want %q", doc.PlainText(c.in), got, c.want)
		}
	}
}

// TestHyphenatedLineEndsWithHyphen sets a narrow paragraph and checks that
// a line broken inside a word ends with a drawn hyphen and that no soft
// hyphen is drawn.
func TestHyphenatedLineEndsWithHyphen(t *testing.T) {
	set := loadFonts(t)
	h, _ := hyphen.ForLang("en")
	e := &engine{m: newMeasurer(set, h, "en"), stats: &lineStats{}}
	sty := runStyle{font: FontRef{Family: fonts.Serif}, size: bodySize}
	text := "The administration of international negotiations required considerable understanding of extraordinary circumstances and re\u00ADspon\u00ADsi\u00ADbil\u00ADity."
	rows := e.setParagraph(e.m.plainTokens(text, sty), paraSpec{widths: []float64{120}, justify: true, leading: 14, base: sty})
	hyphenated := 0
	var all strings.Builder
	for _, r := range rows {
		s := rowText(r)
		all.WriteString(s)
		if strings.HasSuffix(s, "-") {
			hyphenated++
		}
		if strings.ContainsRune(s, '\u00AD') {
			t.Errorf("a soft hyphen is drawn in %q", s)
		}
	}
	if hyphenated == 0 {
		t.Errorf("no line of %q ends with a hyphen at 120pt", all.String())
	}
}

// TestHyphenationPointsWithMarks: a word whose vowel signs and viramas
// are combining marks (Devanagari) is hyphenated as its patterns say,
// a mark never starting a piece.
func TestHyphenationPointsWithMarks(t *testing.T) {
	if got, want := breaksIn(t, "hi", txt("प्रधानमंत्री विद्यालय")), "प्र-धा-न-मं-त्री वि-द्या-ल-य"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestWholeBox: the pieces a word is cut into at its hyphenation points
// (appendWord), all of them on one line, are its box whole (wholeBox),
// and their widths, the breaker's shares of the word shaped whole, add
// up to the word's width as remeasure would measure it, ligatures across
// the cuts (ef-fi-cient) and all; fewer pieces, or a word with soft
// hyphens (pieces no longer slices of the box's text), are not.
func TestWholeBox(t *testing.T) {
	set := loadFonts(t)
	h, _ := hyphen.ForLang("en")
	e := &engine{m: newMeasurer(set, h, "en"), stats: &lineStats{}}
	st := runStyle{font: FontRef{Family: fonts.Serif}, size: bodySize}
	id := e.m.styleID(st)
	piecesOf := func(word string) []kpItem {
		var boxes []kpItem
		for _, it := range e.m.appendWord(nil, []kpItem{box(word, e.m.width(st.font, word, st.size), id)}, true) {
			if it.kind == kBox {
				boxes = append(boxes, it)
			}
		}
		return boxes
	}
	for _, word := range []string{"administration", "efficiently", "affluent", "extraordinary", "Typography"} {
		pieces := piecesOf(word)
		if len(pieces) < 2 {
			t.Errorf("%q: %d pieces, want it cut at its hyphenation points", word, len(pieces))
			continue
		}
		if !wholeBox(pieces) {
			t.Errorf("%q: its pieces %v are not its box whole", word, pieces)
		}
		sum := 0.0
		for _, p := range pieces {
			sum += p.w
		}
		if want := e.m.width(st.font, word, st.size); math.Abs(sum-want) > 1e-9 {
			t.Errorf("%q: the pieces' widths add up to %g, the word shaped whole is %g wide", word, sum, want)
		}
		if wholeBox(pieces[1:]) || wholeBox(pieces[:len(pieces)-1]) {
			t.Errorf("%q: a piece short of the word is taken for its box whole", word)
		}
		if two := append(slices.Clone(pieces), pieces...); wholeBox(two) {
			t.Errorf("%q: the pieces of two boxes are taken for one", word)
		}
	}
	if soft := piecesOf("re\u00ADspon\u00ADsi\u00ADbil\u00ADity"); len(soft) < 2 || wholeBox(soft) {
		t.Errorf("a word with soft hyphens: pieces %v taken for its box whole", soft)
	}
}

// TestHyphenatedWordsKeepTheirWidth sets a justified paragraph of words
// whose hyphenation points fall inside ligatures and kerned pairs
// ("ef-fi-cient-ly", "af-flu-ent"): a word wholly on a line is measured
// as it is drawn, shaped whole, so the spaces of a line all come out the
// same width. Shaped a piece at a time, the pieces' widths left a word's
// ligature out of the space after it.
func TestHyphenatedWordsKeepTheirWidth(t *testing.T) {
	h, _ := hyphen.ForLang("en")
	e := &engine{m: newMeasurer(loadFonts(t), h, "en"), stats: &lineStats{}}
	sty := runStyle{font: FontRef{Family: fonts.Serif}, size: 10.5}
	text := strings.Repeat("efficiently the affluent summit of office negotiations and waffle toward officials ", 10)
	rows := e.setParagraph(e.m.plainTokens(strings.TrimSpace(text), sty), paraSpec{widths: []float64{260}, justify: true, leading: 14, base: sty})
	if len(rows) < 4 {
		t.Fatalf("%d lines", len(rows))
	}
	checked := 0
	for li, r := range rows[:len(rows)-1] {
		texts := textItems(r.items)
		var gaps []float64
		for k := 0; k+1 < len(texts); k++ {
			a, b := texts[k].(*Text), texts[k+1].(*Text)
			if a.Hyphen || b.Hyphen {
				continue
			}
			gaps = append(gaps, b.X-(a.X+e.m.width(sty.font, a.Text, sty.size)))
		}
		for _, g := range gaps {
			if math.Abs(g-gaps[0]) > 0.01 {
				t.Errorf("line %d: spaces %v, want them all the same width", li, gaps)
				break
			}
		}
		checked += len(gaps)
	}
	if checked < 20 {
		t.Errorf("only %d spaces checked", checked)
	}
}
