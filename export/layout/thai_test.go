package layout

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// TestThaiBreaks: Thai breaks where its spelling marks a syllable's edge:
// before a leading vowel, after sara a and sara am; never after a leading
// vowel, nor at the run's start.
func TestThaiBreaks(t *testing.T) {
	for _, c := range []struct {
		text  string
		parts []string
	}{
		{"ภาษาไทย", []string{"ภาษา", "ไทย"}},
		{"เป็นภาษา", []string{"เป็นภาษา"}},
		{"คำแน่นอน", []string{"คำ", "แน่นอน"}},
		{"ประเทศ", []string{"ประ", "เทศ"}},
		{"และเป็น", []string{"และ", "เป็น"}},
		{"ไม่ไป", []string{"ไม่", "ไป"}},
		{"hello", []string{"hello"}},
	} {
		var parts []string
		start := 0
		for _, b := range thaiBreaks(c.text) {
			parts = append(parts, c.text[start:b])
			start = b
		}
		parts = append(parts, c.text[start:])
		if !slices.Equal(parts, c.parts) {
			t.Errorf("%s: %q, want %q", c.text, parts, c.parts)
		}
	}
}

// TestThaiParagraph: a paragraph of Thai, which has spaces only between
// phrases, fills its lines: no line is a stranded character, and none
// runs past the column (it was one unbreakable word, whose first line
// held "ภ" alone).
func TestThaiParagraph(t *testing.T) {
	set, _, err := loadFonts(t).WithFallbacks(fonts.FallbackOptions{System: true}, []rune("ภาษาไทย"))
	if err != nil || !set.Covers('ภ') {
		validate.Missing(t, "a system font that draws Thai", "apt-get install fonts-noto-core")
	}
	// Phrases longer than a line, as Thai prose has.
	text := strings.Repeat(strings.Repeat("ภาษาไทยเป็นภาษาที่มีระดับเสียงของคำแน่นอนหรือวรรณยุกต์เช่นเดียวกับภาษาจีน", 3)+" ", 2)
	tr := newTree("Thai", "")
	tr.d.Meta.Lang = "th"
	para := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: text}}}
	tr.add(para)
	var diags diag.List
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: set}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, out, set, A4())
	lines := map[float64]string{}
	for _, it := range out.Pages[0].Items {
		if tx, ok := it.(*Text); ok && tx.Src == para {
			lines[tx.Y] += tx.Text
		}
	}
	if len(lines) < 3 {
		t.Fatalf("%d lines, want the paragraph broken", len(lines))
	}
	ys := slices.Sorted(maps.Keys(lines))
	for i, y := range ys {
		l := lines[y]
		if n := len([]rune(strings.TrimSpace(l))); n < 20 {
			t.Errorf("the line at %g holds %d characters: %q", y, n, l)
		}
		if i == 0 {
			continue
		}
		// A line broken inside a phrase breaks between syllables.
		prev := []rune(lines[ys[i-1]])
		last, first := prev[len(prev)-1], []rune(l)[0]
		if last != ' ' && !isThaiLeadingVowel(first) && last != 'ะ' && last != 'ำ' {
			t.Errorf("a line ends %q and the next starts %q: not between syllables", string(prev[len(prev)-3:]), string([]rune(l)[:3]))
		}
	}
}
