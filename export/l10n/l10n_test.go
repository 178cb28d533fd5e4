package l10n

import (
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/theme"
)

// TestFor picks a tag's words, its script's (Traditional Chinese) or its
// language's, and English for a language the table lacks.
func TestFor(t *testing.T) {
	for _, c := range []struct{ lang, contents, page string }{
		{"", "Contents", "Page 3 of 10"},
		{"en-US", "Contents", "Page 3 of 10"},
		{"fr-CA", "Table des matières", "Page 3 sur 10"},
		{"ar", "المحتويات", "صفحة 3 من 10"},
		{"zh-CN", "目录", "第 3 页，共 10 页"},
		{"zh-Hans", "目录", "第 3 页，共 10 页"},
		{"zh-TW", "目錄", "第 3 頁，共 10 頁"},
		{"zh-Hant-HK", "目錄", "第 3 頁，共 10 頁"},
		{"pt_BR", "Sumário", "Página 3 de 10"},
		{"cs", "Obsah", "Strana 3 z 10"},
		{"et", "Sisukord", "Lehekülg 3 / 10"},
		{"el-GR", "Περιεχόμενα", "Σελίδα 3 από 10"},
		{"ur", "فہرست", "صفحہ 3 از 10"},
		{"sw-KE", "Yaliyomo", "Ukurasa 3 kati ya 10"},
		{"nb", "Innhold", "Side 3 av 10"},
		{"no", "Innhold", "Side 3 av 10"},
		{"nn-NO", "Innhold", "Side 3 av 10"},
		{"nl", "Inhoud", "Pagina 3 van 10"},
		{"xx", "Contents", "Page 3 of 10"},
	} {
		w := For(c.lang)
		if w.Contents != c.contents || w.Page("3", "10") != c.page {
			t.Errorf("%q: %q, %q; want %q, %q", c.lang, w.Contents, w.Page("3", "10"), c.contents, c.page)
		}
	}
	if got := For("de").Callout("WARNING"); got != "Warnung" {
		t.Errorf("de warning: %q", got)
	}
	if got := For("de").Callout("aside"); got != "Aside" {
		t.Errorf("de, a kind the table lacks: %q, want its name", got)
	}
	if got := For("ja").Callout(""); got != "メモ" {
		t.Errorf("ja, no kind (a note): %q", got)
	}
}

// TestTableComplete: every language has every word, its footer both
// numbers once each, its chapter, section, appendix, figure and table words the number
// once each, a callout title for each of theme's kinds, and a
// key of its own.
func TestTableComplete(t *testing.T) {
	if len(theme.Callouts) != len(Words{}.callouts) {
		t.Fatalf("theme has %d callout kinds, the table %d", len(theme.Callouts), len(Words{}.callouts))
	}
	seen := map[string]bool{}
	for _, w := range table {
		if seen[w.Lang] {
			t.Errorf("%s: listed twice", w.Lang)
		}
		seen[w.Lang] = true
		for _, s := range append([]string{w.Contents, w.FurtherReading, w.RecommendedReading, w.LinksCited, w.References, w.Notes, w.Cover, w.figure, w.table}, w.callouts[:]...) {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: a word is missing: %+v", w.Lang, w)
			}
		}
		if strings.Count(w.page, "%[1]s") != 1 || strings.Count(w.page, "%[2]s") != 1 {
			t.Errorf("%s: footer %q", w.Lang, w.page)
		}
		for _, f := range []string{w.chapter, w.section, w.appendix, w.figure, w.table} {
			if strings.Count(f, "%[1]s") != 1 || strings.TrimSpace(strings.ReplaceAll(f, "%[1]s", "")) == "" {
				t.Errorf("%s: cross-reference word %q, want a word and %%[1]s once", w.Lang, f)
			}
		}
	}
	if Languages()[0] != "en" {
		t.Errorf("English is not first: %v", Languages())
	}
}

// TestQuotesHaveWords: a language whose quotation marks the quotes table
// gives has galley's own words in it too, so that a handout's quotes and
// its footer are in one language.
func TestQuotesHaveWords(t *testing.T) {
	for _, q := range quoteTable {
		if got := For(q.lang).Lang; !slices.Contains(keys(q.lang), got) {
			t.Errorf("%s has quotation marks but %s's words", q.lang, got)
		}
	}
}
