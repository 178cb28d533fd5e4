package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout/hyphen"
	"github.com/galley-pub/galley/fonts"
)

// TestLongParagraphInWindows sets a paragraph a window of tokens at a time
// (setLongParagraph), as a paragraph of more than maxOptimalItems tokens
// is set, with windows from a few tokens to more than the paragraph: the
// same lines, each word where first fit over the whole paragraph puts it,
// with its hyphens, styles, links, a hard break and runs of spaces.
func TestLongParagraphInWindows(t *testing.T) {
	set := loadFonts(t)
	h, _ := hyphen.ForLang("en")
	e := &engine{m: newMeasurer(set, h, "en"), stats: &lineStats{}}
	body := runStyle{font: FontRef{Family: fonts.Serif}, size: bodySize}
	var content []doc.Inline
	for i := range 60 {
		content = append(content,
			&doc.Text{Value: fmt.Sprintf("Sentence %d of the administration's extraordinary negotiations,  with  spaces ", i)},
			&doc.Emphasis{Content: []doc.Inline{&doc.Text{Value: "considerably emphasised"}}},
			&doc.Text{Value: " and "},
			&doc.Link{URL: "https://example.org/", Content: []doc.Inline{&doc.Text{Value: "a link"}}},
			&doc.Text{Value: " then "},
			&doc.Code{Value: "code_span()"},
			&doc.Text{Value: ". "})
		if i == 30 {
			content = append(content, &doc.LineBreak{})
		}
	}
	spec := paraSpec{x: 40, widths: []float64{150, 200}, indents: []float64{12, 0}, justify: true, leading: 14, base: body}
	lines := func(rows []*vrow) []string {
		var out []string
		for _, r := range rows {
			var b strings.Builder
			for _, it := range textItems(r.items) {
				if tx, ok := it.(*Text); ok {
					fmt.Fprintf(&b, "%.3f %q %v; ", tx.X, tx.Text, tx.Hyphen)
				}
			}
			out = append(out, b.String())
		}
		return out
	}
	toks := e.m.tokenize(content, body)
	items := e.m.items(toks, spec.widths, spec.justify)
	whole := lines(trimEmpty(e.setLines(nil, items, firstFit(items, spec.widths), 0, spec)))
	if len(whole) < 40 {
		t.Fatalf("%d lines; want a long paragraph", len(whole))
	}
	for _, window := range []int{1, 7, 50, 333, len(toks) + 10} {
		got := lines(trimEmpty(e.setLongParagraph(e.m.tokenize(content, body), spec, window)))
		// Tokenized a window at a time, never all held, it is the same.
		streamed := lines(e.setStreamedParagraph(content, body, spec, window, 10))
		if strings.Join(streamed, "\n") != strings.Join(whole, "\n") {
			t.Errorf("window %d, streamed: %d lines, not the same as first fit over the whole", window, len(streamed))
		}
		if len(got) != len(whole) {
			t.Errorf("window %d: %d lines, want %d", window, len(got), len(whole))
			continue
		}
		for i := range got {
			if got[i] != whole[i] {
				t.Errorf("window %d, line %d:\n got %s\nwant %s", window, i+1, got[i], whole[i])
				break
			}
		}
	}
}

// TestStreamedParagraphShort: a paragraph with no more tokens than the
// optimal breaker takes is set by it, streamed or not: the same lines,
// justified as whole paragraphs are.
func TestStreamedParagraphShort(t *testing.T) {
	set := loadFonts(t)
	h, _ := hyphen.ForLang("en")
	e := &engine{m: newMeasurer(set, h, "en"), stats: &lineStats{}}
	body := runStyle{font: FontRef{Family: fonts.Serif}, size: bodySize}
	content := []doc.Inline{&doc.Text{Value: strings.Repeat("An extraordinarily long-winded administrative sentence. ", 40)}}
	spec := paraSpec{x: 40, widths: []float64{200}, justify: true, leading: 14, base: body}
	dump := func(rows []*vrow) string {
		var b strings.Builder
		for _, r := range rows {
			for _, it := range textItems(r.items) {
				if tx, ok := it.(*Text); ok {
					fmt.Fprintf(&b, "%.3f %q; ", tx.X, tx.Text)
				}
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	want := dump(e.setParagraph(e.m.tokenize(content, body), spec))
	if got := dump(e.setStreamedParagraph(content, body, spec, 16, 1000)); got != want {
		t.Errorf("streamed:\n%s\nwant\n%s", got, want)
	}
	if got := dump(e.setStreamedParagraph(content, body, spec, 16, 10)); got == want {
		t.Errorf("set line by line, a justified paragraph breaks as the optimal breaker does: the test shows nothing")
	}
}
