package hyphen

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/internal/splitmix"
)

// pointsByBuilding is Points as it was first written: each key built a
// character at a time and looked up in patterns (patternsOf h, whose
// longest key is maxLen bytes), the plain form of Liang's lookup. Points,
// which follows the patterns' trie from each character instead, must give
// the same points.
func pointsByBuilding(h *Hyphenator, patterns map[string][]uint8, maxLen int, word string) []int {
	n := utf8.RuneCountInString(word)
	if h == nil || n < h.leftMin+h.rightMin {
		return nil
	}
	lower := strings.ToLower(word)
	for _, r := range lower {
		if !IsWordRune(r) {
			return nil
		}
	}
	if p, ok := h.exceptions[lower]; ok {
		return p
	}
	dotted := []rune("." + lower + ".")
	values := make([]uint8, len(dotted)+1)
	for i := range dotted {
		var key strings.Builder
		for j := i; j < len(dotted) && key.Len() < maxLen; j++ {
			key.WriteRune(dotted[j])
			v, ok := patterns[key.String()]
			if !ok {
				continue
			}
			for k, x := range v {
				values[i+k] = max(values[i+k], x)
			}
		}
	}
	var out []int
	for k := h.leftMin; k <= n-h.rightMin; k++ {
		if values[k+1]%2 == 1 && !unicode.IsMark(dotted[k+1]) {
			out = append(out, k)
		}
	}
	return out
}

// TestPointsSameAsBuilding: for every language, words made of its
// patterns' letters (short and long, past the 64 characters Points keeps
// on its stack) and of its patterns themselves are broken at the same
// points as by pointsByBuilding.
func TestPointsSameAsBuilding(t *testing.T) {
	rng := &splitmix.Source{State: 7}
	checked := 0
	for _, lang := range Languages() {
		h, err := ForLang(lang)
		if err != nil || h == nil {
			t.Fatalf("ForLang(%s) = %v, %v", lang, h, err)
		}
		var letters []rune
		var words []string
		patterns, maxLen := patternsOf(h), 0
		for p := range patterns {
			maxLen = max(maxLen, len(p))
			letters = append(letters, []rune(strings.Trim(p, "."))...)
			if w := strings.Trim(p, "."); w != "" {
				words = append(words, w, w+w, strings.ToUpper(w))
			}
		}
		slices.Sort(letters)
		letters = slices.Compact(letters)
		slices.Sort(words)
		if stride := len(words) / 1500; stride > 1 { // a sample of them, every language's alike
			var sample []string
			for i := 0; i < len(words); i += stride {
				sample = append(sample, words[i])
			}
			words = sample
		}
		for range 400 {
			n := 1 + int(rng.Next()%90)
			w := make([]rune, n)
			for i := range w {
				w[i] = letters[rng.Next()%uint64(len(letters))]
			}
			words = append(words, string(w))
		}
		for e := range h.exceptions {
			words = append(words, e)
		}
		for _, w := range words {
			if got, want := h.Points(w), pointsByBuilding(h, patterns, maxLen, w); !slices.Equal(got, want) {
				t.Fatalf("%s: Points(%q) = %v, want %v", lang, w, got, want)
			}
			checked++
		}
	}
	t.Logf("%d words checked", checked)
}

// BenchmarkPoints breaks a paragraph's words of English.
func BenchmarkPoints(b *testing.B) {
	h, err := ForLang("en")
	if err != nil {
		b.Fatal(err)
	}
	words := strings.Fields("The negotiations on denuclearization at the Hanoi Summit ended without an agreement, and the administration's representatives characteristically declined to comment on infrastructure responsibilities")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			h.Points(w)
		}
	}
}
