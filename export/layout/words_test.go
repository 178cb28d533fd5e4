package layout

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

// TestLineIsOneWordsItem: the words of a line in one style are one Words
// item, each word the Text it stands for: a long book's words are most
// of its memory, and a Text each took two and a half times as much.
func TestLineIsOneWordsItem(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{ptext(strings.Repeat("plain words set in one style ", 40))}}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines, words := 0, 0
	for _, it := range out.Pages[0].Items {
		switch it := it.(type) {
		case *Text:
			if it.Src != nil {
				t.Errorf("the paragraph's word %q is a Text of its own", it.Text)
			}
		case *Words:
			if it.Src != d.Blocks[0] {
				continue // the page's footer
			}
			lines++
			words += it.Len()
			for i := range it.Len() {
				w := it.Text(i)
				if w.Src != d.Blocks[0] || w.Origin.Node == nil || len(w.Glyphs) == 0 || w.Width <= 0 || w.Y != it.Y || strings.Contains(w.Text, " ") {
					t.Errorf("word %d: %+v", i, w)
				}
			}
		}
	}
	if lines < 5 || words != 6*40 {
		t.Errorf("%d lines, %d words; want the paragraph's 240 in its lines", lines, words)
	}
}

// TestWordsSplitAtALink: runs of words end where the link changes, and
// where the text node they are cut from does (a word keeps only its
// offset: its node is its run's), and a run is never joined across
// another item (a strike-through's line), so that the items are drawn
// and tagged in the order they were set.
func TestWordsSplitAtALink(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{txt("before the linked "), txt("half"),
		&doc.Link{URL: "https://example.com/", Content: []doc.Inline{txt("word")}}, txt(" and "),
		&doc.Strikethrough{Content: []doc.Inline{txt("struck out")}}, txt(" after")}}
	out, err := Layout(&doc.Document{Blocks: []doc.Block{p}}, Options{Paper: A4(), Fonts: loadFonts(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := runsOf(out.Pages[0].Items), "before the linked|-;half|-;word|link;and|-;struck|-;line;out|-;after|-;Page 1 of 1|-;"; got != want {
		t.Errorf("runs %q, want %q", got, want)
	}
	// Every word's origin is the text node it is cut from, at its
	// offset; a word's piece after its first ("word", the link's, after
	// "half") is at the word's end, where a page it starts would begin.
	for _, it := range out.Pages[0].Items {
		w, ok := it.(*Words)
		if !ok || w.Src == nil {
			continue // the footer's words are of no node
		}
		for i := range w.Len() {
			word, o := w.Text(i).Text, w.Origin(i)
			n, ok := o.Node.(*doc.Text)
			if !ok || !strings.HasPrefix(n.Value[o.Offset:], word) && !(word == "word" && o.Offset == len(n.Value)) {
				t.Errorf("word %q: origin %#v at %d", word, o.Node, o.Offset)
			}
		}
	}
}

// TestLinkFromInsideAWord: a word whose piece after its first is a
// link's text, in the same face and ink (no theme draws links so yet, but
// a Text took the link of its first piece that had one), is the link's:
// a run of its own after the words before it.
func TestLinkFromInsideAWord(t *testing.T) {
	e := &engine{m: newMeasurer(loadFonts(t), nil, "en"), stats: &lineStats{}}
	plain := runStyle{font: FontRef{}, size: 10.5}
	linked := plain
	linked.dest = "there"
	toks := append(e.m.plainTokens("before the ", plain), token{kind: tokWord, text: "half", sty: e.m.styleID(plain)},
		token{kind: tokWord, text: "linked", sty: e.m.styleID(linked)})
	rows := e.setParagraph(toks, paraSpec{widths: []float64{400}, leading: 14, base: plain})
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	if got, want := runsOf(rows[0].items), "before the|-;halflinked|link;"; got != want {
		t.Errorf("runs %q, want %q", got, want)
	}
	// One word alone takes the link as its run's.
	rows = e.setParagraph(append(e.m.plainTokens("", plain), token{kind: tokWord, text: "half", sty: e.m.styleID(plain)},
		token{kind: tokWord, text: "linked", sty: e.m.styleID(linked)}), paraSpec{widths: []float64{400}, leading: 14, base: plain})
	if got, want := runsOf(rows[0].items), "halflinked|link;"; got != want {
		t.Errorf("alone: runs %q, want %q", got, want)
	}
}

// runsOf describes items: each Words run's words and whether it is a
// link's, and "line" for a line.
func runsOf(items []Item) string {
	var b strings.Builder
	for it := range Flat(items) {
		switch it := it.(type) {
		case *Words:
			for i := range it.Len() {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(it.Text(i).Text)
			}
			if it.Link > 0 {
				b.WriteString("|link;")
			} else {
				b.WriteString("|-;")
			}
		case *Line:
			b.WriteString("line;")
		}
	}
	return b.String()
}
