package l10n

import "testing"

// TestQuotes looks a tag's quotation marks up as For looks up words: the
// tag's own (Swiss German and French), the language's, the script's
// (Traditional Chinese), English's for a language the table lacks
// (Turkish's are English's in the CLDR too); Arabic's and Urdu's
// mirrored, Hebrew's and Persian's the CLDR's (cldr-json 45).
func TestQuotes(t *testing.T) {
	for _, c := range []struct{ lang, open, close, inner string }{
		{"", "“", "”", "‘"},
		{"de", "„", "“", "‚"},
		{"de-AT", "„", "“", "‚"},
		{"de-CH", "«", "»", "‹"},
		{"fr-CA", "«\u202f", "\u202f»", "“"},
		{"fr_CH", "«", "»", "‹"},
		{"zh-TW", "「", "」", "『"},
		{"zh-CN", "“", "”", "‘"},
		{"pt-PT", "«", "»", "“"},
		{"pt-BR", "“", "”", "‘"},
		{"xx", "“", "”", "‘"},
		{"ar", "”", "“", "’"},
		{"ar-EG", "”", "“", "’"},
		{"he", "”", "”", "’"},
		{"he-IL", "”", "”", "’"},
		{"fa", "«", "»", "‹"},
		{"ur", "”", "“", "’"},
		{"bg", "„", "“", "„"},
		{"ca", "«", "»", "“"},
		{"hr", "„", "“", "‚"},
		{"et", "„", "“", "‚"},
		{"lt", "„", "“", "„"},
		{"tr", "“", "”", "‘"},
	} {
		q := Quotes(c.lang)
		if q.OpenDouble != c.open || q.CloseDouble != c.close || q.OpenSingle != c.inner {
			t.Errorf("%q: %q %q %q, want %q %q %q", c.lang, q.OpenDouble, q.CloseDouble, q.OpenSingle, c.open, c.close, c.inner)
		}
	}
	if !Quotes("fr-FR").SpacedPunctuation || Quotes("fr-CH").SpacedPunctuation || Quotes("en").SpacedPunctuation {
		t.Errorf("spaced punctuation: fr-FR %v, fr-CH %v, en %v; want only French's (not Switzerland's)",
			Quotes("fr-FR").SpacedPunctuation, Quotes("fr-CH").SpacedPunctuation, Quotes("en").SpacedPunctuation)
	}
	seen := map[string]bool{}
	for _, q := range quoteTable {
		if seen[q.lang] || q.marks.OpenDouble == "" || q.marks.CloseDouble == "" || q.marks.OpenSingle == "" || q.marks.CloseSingle == "" {
			t.Errorf("%s: listed twice or a mark missing: %+v", q.lang, q.marks)
		}
		seen[q.lang] = true
	}
}
