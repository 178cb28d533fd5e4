package layout

import (
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout/thai"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// thaiProse is a sentence of Thai prose and the words it is made of: the
// word list of TestThaiParagraph.
const (
	thaiProse = "ภาษาไทยเป็นภาษาที่มีระดับเสียงของคำแน่นอนหรือวรรณยุกต์เช่นเดียวกับภาษาจีน"
	thaiList  = "ภาษาไทย\nเป็น\nภาษา\nที่\nมี\nระดับ\nเสียง\nของ\nคำ\nแน่นอน\nหรือ\nวรรณยุกต์\nเช่น\nเดียว\nกับ\nจีน\n"
)

// TestThaiParagraph: a paragraph of Thai, which has spaces only between
// phrases, fills its lines, none a stranded character and none past the
// column (it was one unbreakable word, whose first line held "ภ" alone).
// With a word list, each line starts at a word; without one, at a
// syllable, with a warning that names the package to install.
func TestThaiParagraph(t *testing.T) {
	set, _, err := loadFonts(t).WithFallbacks(fonts.FallbackOptions{System: true}, []rune("ภาษาไทย"))
	if err != nil || !set.Covers('ภ') {
		validate.Missing(t, "a system font that draws Thai", "apt-get install fonts-noto-core")
	}
	list := filepath.Join(t.TempDir(), "th_TH.dic")
	if err := os.WriteFile(list, []byte(thaiList), 0o644); err != nil {
		t.Fatal(err)
	}
	words, err := thai.Parse(strings.NewReader(thaiList))
	if err != nil {
		t.Fatal(err)
	}
	// Phrases longer than a line, as Thai prose has.
	text := strings.Repeat(strings.Repeat(thaiProse, 3)+" ", 2)
	for _, c := range []struct {
		name    string
		paths   []string
		starts  func(string) []thai.Break
		warning string
	}{
		{"word list", []string{list}, words.Breaks, ""},
		{"no word list", []string{list + ".missing"}, (*thai.Words)(nil).Breaks, "install hunspell-th"},
	} {
		tr := newTree("Thai", "")
		tr.d.Meta.Lang = "th"
		para := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Pos: doc.Pos{File: "th.md", Line: 3, Col: 1}, Value: text}}}
		tr.add(para)
		var diags diag.List
		out, err := Layout(tr.d, Options{Paper: A4(), Fonts: set, ThaiWords: &thai.Cache{Paths: c.paths}}, &diags)
		if err != nil {
			t.Fatal(err)
		}
		checkLayout(t, out, set, A4())
		var got string
		for _, d := range diags.Items() {
			got += d.String() + "\n"
		}
		if c.warning == "" && strings.Contains(got, "Thai") ||
			c.warning != "" && !strings.Contains(got, "th.md:3:1: warning: no Thai word list") {
			t.Errorf("%s: warnings %q", c.name, got)
		}
		// Where a line may start: after a space, or at a break of c.starts.
		allowed := map[int]bool{0: true}
		for i, r := range text {
			if r == ' ' {
				allowed[i+1] = true
			}
		}
		for _, b := range c.starts(text) {
			allowed[b.At] = true
		}
		lines := map[float64]string{}
		starts := map[float64]int{}
		var prev *Text
		for _, it := range textItems(out.Pages[0].Items) {
			if tx, ok := it.(*Text); ok && tx.Src == para {
				if _, seen := lines[tx.Y]; !seen {
					starts[tx.Y] = tx.Origin.Offset
				}
				lines[tx.Y] += tx.Text
				// Words the text runs together are set together: Thai
				// stretches at its spaces only.
				if prev != nil && prev.Y == tx.Y && prev.Origin.Offset+len(prev.Text) == tx.Origin.Offset &&
					math.Abs(prev.X+prev.Width-tx.X) > 0.01 {
					t.Errorf("%s: a gap of %.2f pt between %q and %q", c.name, tx.X-prev.X-prev.Width, prev.Text, tx.Text)
				}
				prev = tx
			}
		}
		if len(lines) < 3 {
			t.Fatalf("%s: %d lines, want the paragraph broken", c.name, len(lines))
		}
		for _, y := range slices.Sorted(maps.Keys(lines)) {
			l := lines[y]
			if n := len([]rune(strings.TrimSpace(l))); n < 20 {
				t.Errorf("%s: the line at %g holds %d characters: %q", c.name, y, n, l)
			}
			if !allowed[starts[y]] {
				t.Errorf("%s: a line starts at byte %d, %q…: not at a break", c.name, starts[y], l[:min(len(l), 12)])
			}
		}
	}
}
