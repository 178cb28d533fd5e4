package thai

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Break is a place a line may break inside a run of text.
type Break struct {
	At       int  // the byte offset of the text after the break
	Syllable bool // between two syllables of a word, or of a stretch no word covers; else between two words
}

// Breaks returns where a line may break inside s, in order, none at 0 or
// len(s): between the words of w in each run of Thai s holds, and
// between syllables (Syllables) in a stretch no word of w covers. A nil w
// breaks between syllables only. s is a segment UAX #14 gave: it is not
// broken where Thai meets another script.
func (w *Words) Breaks(s string) []Break {
	if w == nil {
		return syllableBreaks(Syllables(s), 0, nil)
	}
	var out []Break
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !IsThai(r) {
			i += n
			continue
		}
		end := i + strings.IndexFunc(s[i:], func(r rune) bool { return !IsThai(r) })
		if end < i {
			end = len(s)
		}
		for _, b := range w.runBreaks(s[i:end]) {
			b.At += i
			out = append(out, b)
		}
		i = end
	}
	return out
}

// step is the best segmentation found of a run's first bytes: the
// characters left outside known words, then the words, fewest first;
// from is where its last segment starts, and known whether that segment
// is a word of the list.
type step struct {
	unknown, words int
	from           int
	known, reached bool
}

// better reports whether a segmentation of unknown characters in words
// beats s.
func (s step) better(unknown, words int) bool {
	return !s.reached || unknown < s.unknown || unknown == s.unknown && words < s.words
}

// runBreaks segments a run of Thai t by maximal matching and returns the
// breaks inside it: between segments, and between the syllables of a
// stretch of unknown characters.
func (w *Words) runBreaks(t string) []Break {
	best := make([]step, len(t)+1)
	best[0].reached = true
	relax := func(to int, from step, at int, unknown int, known bool) {
		u, n := from.unknown+unknown, from.words+1
		if best[to].better(u, n) {
			best[to] = step{unknown: u, words: n, from: at, known: known, reached: true}
		}
	}
	for j := 0; j < len(t); j++ {
		if !best[j].reached { // reached only where a segment may begin (relax's callers check)
			continue
		}
		w.prefixWords(t[j:], func(l int) {
			if j+l == len(t) || mayBreak(t, j+l) {
				relax(j+l, best[j], j, 0, true)
			}
		})
		k := nextCluster(t, j)
		relax(k, best[j], j, utf8.RuneCountInString(t[j:k]), false)
	}
	// Back from the end: the segments, last first, unknown ones merged.
	type segment struct {
		start, end int
		known      bool
	}
	var segs []segment
	for i := len(t); i > 0; {
		st := best[i]
		if n := len(segs); n > 0 && !st.known && !segs[n-1].known {
			segs[n-1].start = st.from
		} else {
			segs = append(segs, segment{st.from, i, st.known})
		}
		i = st.from
	}
	var out []Break
	for k := len(segs) - 1; k >= 0; k-- {
		sg := segs[k]
		if sg.start > 0 {
			out = append(out, Break{At: sg.start})
		}
		if !sg.known {
			out = syllableBreaks(Syllables(t[sg.start:sg.end]), sg.start, out)
		}
	}
	return out
}

// syllableBreaks appends to out the syllable breaks at offsets, moved by
// base.
func syllableBreaks(offsets []int, base int, out []Break) []Break {
	for _, at := range offsets {
		out = append(out, Break{At: base + at, Syllable: true})
	}
	return out
}

// prefixWords calls found with the length of each word of the list that
// s begins with, shortest first.
func (w *Words) prefixWords(s string, found func(n int)) {
	lo, hi := 0, len(w.sorted)
	for k := 0; k < len(s); {
		_, n := utf8.DecodeRuneInString(s[k:])
		k += n
		p := s[:k]
		lo += sort.SearchStrings(w.sorted[lo:hi], p)
		hi = lo + sort.Search(hi-lo, func(i int) bool { return !strings.HasPrefix(w.sorted[lo+i], p) })
		if lo == hi {
			return
		}
		if w.sorted[lo] == p {
			found(k)
		}
	}
}

// nextCluster is the end of the character at i of t and of the marks and
// following vowels that cannot begin a segment after it.
func nextCluster(t string, i int) int {
	_, n := utf8.DecodeRuneInString(t[i:])
	i += n
	for i < len(t) && !mayBreak(t, i) {
		_, n := utf8.DecodeRuneInString(t[i:])
		i += n
	}
	return i
}

// mayBreak reports whether a segment of Thai t may begin at byte i (0 <
// i < len(t)): not before a combining mark, a following vowel (ะ า ำ ๅ)
// or the repetition mark ๆ, and not after a leading vowel (เ แ โ ใ ไ),
// which belongs to the consonant it stands before.
func mayBreak(t string, i int) bool {
	r, _ := utf8.DecodeRuneInString(t[i:])
	prev, _ := utf8.DecodeLastRuneInString(t[:i])
	return !isNonStarter(r) && !isLeadingVowel(prev)
}

// isNonStarter reports the Thai characters that cannot begin a word:
// sara a, sara aa, sara am, lakkhangyao, mai yamok, and the combining
// vowels and tone marks.
func isNonStarter(r rune) bool {
	switch {
	case r == 0x0E30 || r == 0x0E32 || r == 0x0E33 || r == 0x0E45 || r == 0x0E46:
		return true
	case r == 0x0E31 || r >= 0x0E34 && r <= 0x0E3A || r >= 0x0E47 && r <= 0x0E4E:
		return true
	}
	return false
}

// Syllables returns where a run of Thai may break between syllables, as
// byte offsets inside it: the boundaries its spelling marks, before a
// leading vowel (เ แ โ ใ ไ), which always begins a syllable, and after
// sara a (ะ) and sara am (ำ), which end one, when a consonant or a
// leading vowel follows. They fall between syllables, not always between
// words, so a line breaker should take them at a cost.
func Syllables(s string) []int {
	var out []int
	prev := rune(-1)
	for i, r := range s {
		switch {
		case prev < 0:
		case isLeadingVowel(r) && !isLeadingVowel(prev):
			out = append(out, i)
		case (prev == 0x0E30 || prev == 0x0E33) && (isConsonant(r) || isLeadingVowel(r)):
			out = append(out, i)
		}
		prev = r
	}
	return out
}

func isLeadingVowel(r rune) bool { return r >= 0x0E40 && r <= 0x0E44 }

func isConsonant(r rune) bool { return r >= 0x0E01 && r <= 0x0E2E }
