package layout

import (
	"strings"
	"unicode"

	"github.com/galley-pub/galley/fonts"
)

// Penalties of the breaks inside a word, as TeX's \hyphenpenalty and
// \exhyphenpenalty, and the extra demerits of a paragraph whose last full
// line ends with a hyphen (\finalhyphendemerits).
const (
	hyphenPenalty       = 50
	codeBreakPenalty    = 300 // a break inside code or a URL, with no hyphen
	finalHyphenDemerits = 5000
	softHyphen          = '\u00AD'
)

// breakWord returns the boxes of one word with the places where it may
// break: after an explicit hyphen, at its soft hyphens (which are dropped
// from the text), or else where the language's patterns allow (when
// hyphenate is set). Code, URLs,
// words with digits and footnote markers are never hyphenated; code and URLs
// may break after punctuation, with no hyphen added.
func (m measurer) breakWord(word []kpItem, hyphenate bool) []kpItem {
	var runes []rune
	var owner []int // the box each rune comes from
	for bi, b := range word {
		for _, r := range b.text {
			runes = append(runes, r)
			owner = append(owner, bi)
		}
	}
	points := map[int]bool{} // rune index → break before it; true: with a hyphen
	pen := float64(hyphenPenalty)
	if strings.ContainsRune(string(runes), softHyphen) {
		for i, r := range runes {
			if r == softHyphen && i > 0 && i < len(runes)-1 {
				points[i] = true
			}
		}
	} else {
		end := len(runes) // a footnote marker ends the word's text
		for i := range runes {
			if m.style(word[owner[i]].sty).note > 0 {
				end = i
				break
			}
		}
		if hyphenate && m.hyphenatable(word, runes[:end]) {
			m.wordPoints(runes[:end], points)
		} else if m.codeOrURL(word, runes[:end]) {
			codePoints(runes[:end], points)
			pen = codeBreakPenalty
		}
	}
	if len(points) == 0 && !strings.ContainsRune(string(runes), softHyphen) {
		return word
	}
	var out []kpItem
	var cur strings.Builder
	curBox := 0
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		b := word[curBox]
		s := cur.String()
		st := m.style(b.sty)
		out = append(out, box(s, m.width(st.font, s, st.size), b.sty))
		cur.Reset()
	}
	for i, r := range runes {
		if owner[i] != curBox {
			flush()
			curBox = owner[i]
		}
		if hyphen, ok := points[i]; ok && len(out)+cur.Len() > 0 {
			flush()
			sty := word[owner[i-1]].sty
			p := penalty(0, pen, hyphen)
			if hyphen {
				st := m.style(sty)
				p.w, p.text, p.sty = m.width(st.font, "-", st.size), "-", sty
			}
			out = append(out, p)
		}
		if r != softHyphen {
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// hyphenatable reports whether the patterns may break a word (runes, its
// text before any footnote marker): set in a text face, no digits, not a URL
// or an e-mail address.
func (m measurer) hyphenatable(word []kpItem, runes []rune) bool {
	if m.hyph == nil {
		return false
	}
	for _, b := range word {
		if st := m.style(b.sty); st.note == 0 && (st.font.Family == fonts.Mono || st.rise != 0) {
			return false
		}
	}
	for _, r := range runes {
		if unicode.IsDigit(r) || r == '/' || r == '@' || r == '_' {
			return false
		}
	}
	s := string(runes)
	return !strings.Contains(s, "www.") && !strings.Contains(s, "://")
}

// wordPoints adds the breaks of a word's letters: after each explicit
// hyphen or dash inside it, and the patterns' breaks in each run of letters.
// Anything but letters, hyphens and apostrophes inside the word (a dot, a
// digit) leaves it whole.
func (m measurer) wordPoints(runes []rune, points map[int]bool) {
	start, end := 0, len(runes)
	for start < end && !unicode.IsLetter(runes[start]) {
		start++
	}
	for end > start && !unicode.IsLetter(runes[end-1]) {
		end--
	}
	for _, r := range runes[start:end] {
		if !unicode.IsLetter(r) && !isHyphen(r) && r != '\'' && r != '’' {
			return
		}
	}
	seg := start
	for i := start; i <= end; i++ {
		if i < end && unicode.IsLetter(runes[i]) {
			continue
		}
		if i-seg >= 5 && !allCaps(runes[seg:i]) {
			for _, k := range m.hyphenPoints(string(runes[seg:i])) {
				points[seg+k] = true
			}
		}
		if i < end && isHyphen(runes[i]) && i > start && i+1 < end {
			points[i+1] = false
		}
		seg = i + 1
	}
}

// codeOrURL reports inline code and URLs: words broken only after
// punctuation, never hyphenated.
func (m measurer) codeOrURL(word []kpItem, runes []rune) bool {
	for _, b := range word {
		if m.style(b.sty).font.Family == fonts.Mono {
			return true
		}
	}
	s := string(runes)
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.")
}

// codePoints adds breaks after the punctuation inside code or a URL ("/",
// "_", "." …), keeping at least three characters on each side and a URL's
// scheme ("https://") whole.
func codePoints(runes []rune, points map[int]bool) {
	from := 3
	if i := strings.Index(string(runes), "://"); i >= 0 {
		from = len([]rune(string(runes)[:i])) + 4 // never inside "https://"
	}
	for i := from; i <= len(runes)-3; i++ {
		if strings.ContainsRune("/_.-(,:?&=#", runes[i-1]) && !strings.ContainsRune("/_.-(),:", runes[i]) {
			points[i] = false
		}
	}
}

// isHyphen reports the characters after which a word may break without an
// added hyphen.
func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '–' || r == '—' }

// allCaps reports an acronym, which is never hyphenated.
func allCaps(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
