package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// cjkBreaksOf renders the items of inline content: boxes as their text,
// "·" for a break between ideographs (no width, a little stretch), "␣"
// for the quarter em between an ideograph and a Latin letter or a digit,
// " " for a space, "|" for a break between syllables at a hyphen's cost
// with no hyphen.
func cjkBreaksOf(t *testing.T, content ...doc.Inline) string {
	t.Helper()
	m := newMeasurer(loadFonts(t), nil, "ja")
	sty := runStyle{font: FontRef{Family: fonts.Serif}, size: bodySize}
	var b strings.Builder
	for _, it := range m.items(m.tokenize(content, sty), []float64{1000}, false) {
		switch {
		case it.kind == kBox:
			b.WriteString(it.text)
		case it.kind == kGlue && it.stretch >= infStretch:
		case it.kind == kGlue && it.w == 0 && it.stretch == bodySize*cjkStretch:
			b.WriteString("·")
		case it.kind == kGlue && math.Abs(it.w-bodySize*cjkLatinGap) < 1e-9:
			if it.shrink != it.w/3 || it.stretch != bodySize*cjkStretch {
				t.Errorf("the gap between an ideograph and a letter: width %.2f, stretch %.2f, shrink %.2f", it.w, it.stretch, it.shrink)
			}
			b.WriteString("␣")
		case it.kind == kGlue:
			b.WriteByte(' ')
		case it.kind == kPenalty && it.penalty < infPenalty && !forced(it):
			if it.penalty != hyphenPenalty || it.w != 0 || it.flagged {
				t.Errorf("a break inside a word: penalty %v, width %v, flagged %v", it.penalty, it.w, it.flagged)
			}
			b.WriteString("|")
		}
	}
	return b.String()
}

// TestCJKLatinGap: Chinese and Japanese break between any two ideographs
// or kana, and put a quarter em between an ideograph or kana and a Latin
// letter or a digit typed against it, within a text and across styles;
// not beside punctuation, Hangul or a space typed. Korean breaks between
// its syllables at a cost.
func TestCJKLatinGap(t *testing.T) {
	code := func(s string) *doc.Code { return &doc.Code{Value: s} }
	strong := func(s string) *doc.Strong { return &doc.Strong{Content: []doc.Inline{txt(s)}} }
	for i, c := range []struct {
		in   []doc.Inline
		want string
	}{
		{[]doc.Inline{txt("無効なStringを指す")}, "無·効·な␣String␣を·指·す"},
		{[]doc.Inline{txt("無効な"), code("String"), txt("を指す")}, "無·効·な␣String␣を·指·す"},
		{[]doc.Inline{txt("リスト4-7に示す")}, "リ·ス·ト␣4-7␣に·示·す"},
		{[]doc.Inline{txt("「String」と")}, "「String」·と"},
		{[]doc.Inline{txt("一个 引用（reference）。")}, "一·个 引·用·（reference）。"},
		{[]doc.Inline{strong("强调"), txt("的Ελλάδα")}, "强·调·的␣Ελλάδα"},
		{[]doc.Inline{txt("한국어String")}, "한|국|어String"},
		// Korean breaks between words first, and between two Hangul
		// syllables at a hyphen's cost: not before a particle after Latin
		// letters, nor before punctuation.
		{[]doc.Inline{txt("인덱스를 찾은 UTF-8로 (문자열).")}, "인|덱|스|를 찾|은 UTF-8로 (문|자|열)."},
		{[]doc.Inline{txt("plain"), strong("bold")}, "plainbold"},
		{[]doc.Inline{txt("第3章"), code("&str"), txt("は")}, "第␣3␣章&str␣は"},
		{[]doc.Inline{txt("注"), &doc.FootnoteRef{Number: 12}, txt("を見る")}, "注12を·見·る"},
	} {
		if got := cjkBreaksOf(t, c.in...); got != c.want {
			t.Errorf("%d %q: got %q, want %q", i+1, doc.PlainText(c.in), got, c.want)
		}
	}
}

// TestHalfWidthPunctuation: of two full-width marks in a row, the
// closing one before another mark, or the opening one after another
// opening one, is set half wide (JLREQ, CLREQ; Chromium's
// text-spacing-trim sets "（scope）。" alike), by the face's halt
// feature; a mark alone stays whole. The marks chosen are those, and the
// run's width and glyphs follow.
func TestHalfWidthPunctuation(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
	}{
		{"（scope）。", []int{6}},
		{"「（括号）」、", []int{1, 4, 5}},
		{"【测试】，结束。", []int{3}},
		{"一个（item）", nil},
		{"）（", []int{0}},
		{"（（", []int{1}},
		{"：；！？", nil}, // centred: nothing to take away
	} {
		if got := halfWidthPunctuation([]rune(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.in, got, c.want)
		}
	}
	set, _, err := loadFonts(t).WithFallbacks(fonts.FallbackOptions{System: true, Lang: "zh-CN"}, []rune("（）。测"))
	if err != nil || !set.Covers('（') || !set.Covers('测') {
		validate.Missing(t, "a system font that draws Chinese", "apt-get install fonts-noto-cjk")
	}
	m := newMeasurer(set, nil, "zh-CN")
	font, _ := m.fallback(FontRef{Family: fonts.Serif}, '）')
	sh := newShaper(set, "zh-CN")
	advanceOf := func(text string, r rune) float32 {
		var adv float32
		for _, g := range sh.shape(font, text).glyphs {
			if strings.HasPrefix(text[g.Cluster:], string(r)) {
				adv += g.Advance
			}
		}
		return adv
	}
	whole, half := advanceOf("（测）", '）'), advanceOf("（测）。", '）')
	if whole != 1000 || half != 500 {
		t.Errorf("） is %v wide alone and %v before 。, want 1000 and 500", whole, half)
	}
	if run := sh.shape(font, "（测）。"); run.advance != 3500 || len(run.glyphs) != 4 {
		t.Errorf("（测）。: advance %v in %d glyphs, want 3500 in 4", run.advance, len(run.glyphs))
	}
	// Where a line may break between a closing and an opening mark
	// (、「), the glue there takes the closing mark's blank half away
	// when it does not; a break there drops it, and the mark is whole.
	var glues []float64
	for _, it := range m.items(m.tokenize([]doc.Inline{txt("测试、「引用」")}, runStyle{font: FontRef{Family: fonts.Serif}, size: bodySize}), []float64{1000}, false) {
		if it.kind == kGlue && it.stretch < infStretch {
			glues = append(glues, it.w)
		}
	}
	if want := []float64{0, -bodySize / 2, 0}; !slices.Equal(glues, want) {
		t.Errorf("glues %v, want %v", glues, want)
	}
}
