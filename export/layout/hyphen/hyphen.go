// Package hyphen finds where words may be hyphenated, with Frank Liang's
// algorithm and TeX's hyphenation patterns: the patterns give each gap
// between two letters a number, and an odd number is a permitted break.
//
// The patterns ship unmodified in patterns/, each with its licence in its
// header (see patterns/README): Knuth's US English patterns from plain TeX
// (hyphen.tex), the TUGboat list of US English exceptions (ushyphex.tex),
// and hyph-utf8's patterns for German (reformed spelling), Spanish,
// French, Italian, Dutch, Polish, Portuguese, Russian, Swedish, Ukrainian,
// Bulgarian, Catalan, Croatian, Danish, Estonian, Finnish, modern Greek,
// Lithuanian, Norwegian (Bokmål and Nynorsk), Slovenian and Turkish.
package hyphen

import (
	"embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.tex
var files embed.FS

// Hyphenator finds the hyphenation points of the words of one language. A
// nil *Hyphenator finds none.
type Hyphenator struct {
	patterns   patternTrie      // letters → the values of the gaps around them
	exceptions map[string][]int // word → its break points
	leftMin    int              // letters before the first break
	rightMin   int              // letters after the last break
}

// patternSet is a language's pattern files (the exceptions last) and the
// fewest letters its typesetting leaves before and after a break, as the
// files' headers give them (hyph-utf8's "typesetting" hyphenmins, else,
// for the Indic and Ethiopic patterns, which give no others, the
// "generation" ones).
type patternSet struct {
	files             []string
	leftMin, rightMin int
}

// languages is every language galley has patterns for, by primary
// language subtag: the one list ForLang and Languages read.
var languages = map[string]patternSet{
	"af":  {[]string{"patterns/hyph-af.tex"}, 1, 2},
	"am":  {[]string{"patterns/hyph-mul-ethi.tex"}, 1, 1}, // Amharic: the Ethiopic script's patterns
	"as":  {[]string{"patterns/hyph-as.tex"}, 1, 1},
	"be":  {[]string{"patterns/hyph-be.tex"}, 2, 2},
	"bg":  {[]string{"patterns/hyph-bg.tex"}, 2, 2},
	"bn":  {[]string{"patterns/hyph-bn.tex"}, 1, 1},
	"ca":  {[]string{"patterns/hyph-ca.tex"}, 2, 2},
	"cy":  {[]string{"patterns/hyph-cy.tex"}, 2, 3},
	"da":  {[]string{"patterns/hyph-da.tex"}, 2, 2},
	"de":  {[]string{"patterns/hyph-de-1996.tex"}, 2, 2},
	"el":  {[]string{"patterns/hyph-el-monoton.tex"}, 1, 1}, // modern (monotonic) Greek
	"en":  {[]string{"patterns/hyphen.tex", "patterns/ushyphex.tex"}, 2, 3},
	"es":  {[]string{"patterns/hyph-es.tex"}, 2, 2},
	"et":  {[]string{"patterns/hyph-et.tex"}, 2, 3},
	"eu":  {[]string{"patterns/hyph-eu.tex"}, 2, 2},
	"fi":  {[]string{"patterns/hyph-fi.tex"}, 2, 2},
	"fr":  {[]string{"patterns/hyph-fr.tex"}, 2, 2},
	"fur": {[]string{"patterns/hyph-fur.tex"}, 2, 2},
	"ga":  {[]string{"patterns/hyph-ga.tex"}, 2, 3},
	"gl":  {[]string{"patterns/hyph-gl.tex"}, 2, 2},
	"gu":  {[]string{"patterns/hyph-gu.tex"}, 1, 1},
	"hi":  {[]string{"patterns/hyph-hi.tex"}, 1, 1},
	"hr":  {[]string{"patterns/hyph-hr.tex"}, 2, 2},
	"hsb": {[]string{"patterns/hyph-hsb.tex"}, 2, 2},
	"ia":  {[]string{"patterns/hyph-ia.tex"}, 2, 2},
	"is":  {[]string{"patterns/hyph-is.tex"}, 2, 2},
	"it":  {[]string{"patterns/hyph-it.tex"}, 2, 2},
	"ka":  {[]string{"patterns/hyph-ka.tex"}, 1, 2},
	"kmr": {[]string{"patterns/hyph-kmr.tex"}, 2, 2}, // Kurmanji (Kurdish in the Latin script)
	"kn":  {[]string{"patterns/hyph-kn.tex"}, 1, 1},
	"la":  {[]string{"patterns/hyph-la.tex"}, 2, 2},
	"lt":  {[]string{"patterns/hyph-lt.tex"}, 2, 2},
	"ml":  {[]string{"patterns/hyph-ml.tex"}, 1, 1},
	"mn":  {[]string{"patterns/hyph-mn-cyrl.tex"}, 2, 2}, // Mongolian in the Cyrillic script
	"mr":  {[]string{"patterns/hyph-mr.tex"}, 1, 1},
	"nb":  {[]string{"patterns/hyph-nb.tex"}, 2, 2},
	"nl":  {[]string{"patterns/hyph-nl.tex"}, 2, 2},
	"nn":  {[]string{"patterns/hyph-nn.tex"}, 2, 2},
	"no":  {[]string{"patterns/hyph-nb.tex"}, 2, 2}, // Norwegian: Bokmål, as l10n reads it
	"oc":  {[]string{"patterns/hyph-oc.tex"}, 2, 2},
	"or":  {[]string{"patterns/hyph-or.tex"}, 1, 1},
	"pa":  {[]string{"patterns/hyph-pa.tex"}, 1, 1},
	"pl":  {[]string{"patterns/hyph-pl.tex"}, 2, 2},
	"pms": {[]string{"patterns/hyph-pms.tex"}, 2, 2},
	"pt":  {[]string{"patterns/hyph-pt.tex"}, 2, 3},
	"rm":  {[]string{"patterns/hyph-rm.tex"}, 2, 2},
	"ru":  {[]string{"patterns/hyph-ru.tex"}, 2, 2},
	"sl":  {[]string{"patterns/hyph-sl.tex"}, 2, 2},
	"sv":  {[]string{"patterns/hyph-sv.tex"}, 2, 2},
	"ta":  {[]string{"patterns/hyph-ta.tex"}, 1, 1},
	"te":  {[]string{"patterns/hyph-te.tex"}, 1, 1},
	"ti":  {[]string{"patterns/hyph-mul-ethi.tex"}, 1, 1}, // Tigrinya: the Ethiopic script's patterns
	"tk":  {[]string{"patterns/hyph-tk.tex"}, 2, 2},
	"tr":  {[]string{"patterns/hyph-tr.tex"}, 2, 2},
	"uk":  {[]string{"patterns/hyph-uk.tex"}, 2, 2},
}

// Languages lists the primary language subtags galley has patterns for,
// in order.
func Languages() []string {
	return slices.Sorted(maps.Keys(languages))
}

// Unhyphenated reports whether a language is written without hyphenation
// (Chinese, Japanese, Korean, Thai, Lao, Khmer, Burmese; Tibetan and
// Dzongkha, whose lines break after a syllable's tsheg; Vietnamese, whose
// words are syllables written apart; Arabic, Persian,
// Urdu, Pashto and Kurdish in the Arabic script, whose words are never
// broken; Hebrew and Yiddish, whose typography does not break them):
// having no patterns for it loses nothing.
func Unhyphenated(lang string) bool {
	switch primaryTag(lang) { // "zh_CN" is Chinese, as ForLang reads "en_US" as English
	case "zh", "ja", "ko", "th", "lo", "km", "my", "bo", "dz", "vi", "ar", "fa", "ur", "ps", "ckb", "he", "yi":
		return true
	}
	return false
}

// ForLang returns the hyphenator for a BCP 47 language tag ("en",
// "en-US"…), or nil when galley has no patterns for the language.
func ForLang(lang string) (*Hyphenator, error) {
	primary := primaryTag(lang)
	set, ok := languages[primary]
	if !ok {
		return nil, nil
	}
	h := &Hyphenator{exceptions: map[string][]int{}, leftMin: set.leftMin, rightMin: set.rightMin}
	for _, p := range set.files {
		if err := h.load(p, 0); err != nil {
			return nil, fmt.Errorf("hyphen: %w", err)
		}
	}
	if h.patterns.empty() {
		return nil, fmt.Errorf("hyphen: no patterns for %q", lang)
	}
	return h, nil
}

// primaryTag is the language subtag of a BCP 47 tag, lower case: "en" of
// "en-US" and of "EN_us".
func primaryTag(lang string) string {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	return primary
}

// load reads the pattern file at path (in patterns/) and the files it
// \input-s, which are its siblings (Bokmål's and Nynorsk's read the
// Norwegian patterns they share, then add exceptions of their own).
func (h *Hyphenator) load(path string, depth int) error {
	if depth > 2 {
		return fmt.Errorf("%s: \\input nested too deep", path)
	}
	data, err := files.ReadFile(path)
	if err != nil {
		return err
	}
	input := func(name string) error { return h.load("patterns/"+name, depth+1) }
	if err := h.parse(string(data), input); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// groupCommands are the commands that open the groups parse reads, and
// the groups they open.
var groupCommands = [...]struct{ cmd, group string }{{`\patterns{`, "patterns"}, {`\hyphenation{`, "exceptions"}}

// parse reads the \patterns{…} and \hyphenation{…} groups of a TeX file,
// skipping \message lines, stopping at \endinput, and reading the file
// an \input names (its next token) with input.
func (h *Hyphenator) parse(src string, input func(name string) error) error {
	group := ""
	inputNext := false
	for n, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		if group == "" && strings.HasPrefix(strings.TrimSpace(line), `\message{`) {
			continue
		}
		for _, tok := range strings.Fields(line) {
			// A group opens with its command; its first item may
			// follow the brace, and its last come before the closing
			// one (hyph-hsb.tex's "\hyphenation{War-sza-wa", "pźede}").
			if group == "" && !inputNext {
				for _, g := range groupCommands {
					if rest, ok := strings.CutPrefix(tok, g.cmd); ok {
						group, tok = g.group, rest
						break
					}
				}
				if tok == "" {
					continue // the command alone
				}
			}
			closes := false
			if group != "" && len(tok) > 1 && strings.HasSuffix(tok, "}") {
				tok, closes = strings.TrimSuffix(tok, "}"), true
			}
			switch {
			case inputNext:
				inputNext = false
				if input == nil || strings.ContainsAny(tok, "/\\") {
					return fmt.Errorf("line %d: \\input %q is not a sibling file", n+1, tok)
				}
				if err := input(tok); err != nil {
					return fmt.Errorf("line %d: %w", n+1, err)
				}
			case group == "" && tok == `\input`:
				inputNext = true
			case tok == `\endinput`:
				return nil
			case tok == "}":
				group = ""
			case group == "patterns":
				h.addPattern(tok)
			case group == "exceptions":
				h.addException(tok)
			default:
				return fmt.Errorf("line %d: unexpected %q", n+1, tok)
			}
			if closes {
				group = ""
			}
		}
	}
	return nil
}

// addPattern records a pattern such as "a1b2c": the letters "abc" with the
// values 0, 1, 2, 0 of the gaps before, between and after them.
func (h *Hyphenator) addPattern(p string) {
	var letters strings.Builder
	values := []uint8{0}
	for _, r := range p {
		if r >= '0' && r <= '9' {
			values[len(values)-1] = uint8(r - '0')
			continue
		}
		letters.WriteRune(r)
		values = append(values, 0)
	}
	h.patterns.add(letters.String(), values)
}

// addException records a word given with its hyphens, "as-so-ciate".
func (h *Hyphenator) addException(w string) {
	var points []int
	var word strings.Builder
	n := 0
	for _, r := range w {
		if r == '-' {
			points = append(points, n)
			continue
		}
		word.WriteRune(unicode.ToLower(r))
		n++
	}
	h.exceptions[word.String()] = points
}

// Points returns the places where word may be hyphenated, as counts of the
// letters before each break, in increasing order. The word must be letters
// only, with their combining marks (the vowel signs and viramas of the
// Indic scripts); anything else gets no breaks, and no break comes before
// a mark.
func (h *Hyphenator) Points(word string) []int {
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
	// The patterns are followed from each character of the dotted word.
	dotted := "." + lower + "."
	var startsBuf [64]int
	starts := startsBuf[:0]
	for i := range dotted {
		starts = append(starts, i)
	}
	chars := len(starts)
	var valuesBuf [64]uint8
	values := valuesBuf[:]
	if chars+1 > len(values) {
		values = make([]uint8, chars+1)
	}
	for i, at := range starts {
		h.patterns.apply(dotted[at:], values, i)
	}
	var out []int
	for k := h.leftMin; k <= n-h.rightMin; k++ {
		// The gap after k letters of the word is the gap after k+1
		// characters of the dotted word.
		if values[k+1]%2 == 1 {
			if r, _ := utf8.DecodeRuneInString(dotted[starts[k+1]:]); !unicode.IsMark(r) {
				out = append(out, k)
			}
		}
	}
	return out
}

// IsWordRune reports the characters the patterns are written in: letters
// and combining marks.
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// Hyphenate returns word with a hyphen at each point, for tests and
// diagnostics: "hy-phen-ation".
func (h *Hyphenator) Hyphenate(word string) string {
	points := h.Points(word)
	var b strings.Builder
	i := 0
	for k, r := range []rune(word) {
		if i < len(points) && points[i] == k {
			b.WriteByte('-')
			i++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Cache loads each language's patterns once and hands the same
// Hyphenator (read-only once loaded) to every layout that asks: the
// builds of a batch share them. The zero Cache is ready; it is safe for
// concurrent use.
type Cache struct {
	mu sync.Mutex
	m  map[string]*cached
}

type cached struct {
	once sync.Once
	h    *Hyphenator
	err  error
}

// ForLang is the package's ForLang, loaded once per primary language.
func (c *Cache) ForLang(lang string) (*Hyphenator, error) {
	primary := primaryTag(lang)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*cached{}
	}
	e, ok := c.m[primary]
	if !ok {
		e = &cached{}
		c.m[primary] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.h, e.err = ForLang(primary) })
	return e.h, e.err
}
