package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/layout/hyphen"
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

// The kinds of break before a rune of a word, in wordScratch.points.
const (
	noBreak     int8 = iota
	plainBreak       // no hyphen added: after a dash, inside code or a URL
	hyphenBreak      // a hyphen added at the end of the line
)

// wordScratch is breakWord's buffers, reused for every word of a layout.
type wordScratch struct {
	runes  []rune
	owner  []int32 // the box each rune comes from
	offs   []int32 // each rune's byte offset in the word's text
	points []int8  // the break before each rune
	buf    []byte  // the text of the box being cut
}

// appendWord appends the boxes of one word to dst with the places where it
// may break: after an explicit hyphen, at its soft hyphens (which are
// dropped from the text), or else where the language's patterns allow
// (when hyphenate is set). Code, URLs, words with digits and footnote
// markers are never hyphenated; code and URLs may break after punctuation,
// with no hyphen added.
func (m measurer) appendWord(dst, word []kpItem, hyphenate bool) []kpItem {
	if len(word) == 0 {
		return dst
	}
	text := word[0].text // the word's text, for lookups: no copy for a one-box word
	if len(word) > 1 {
		var b strings.Builder
		for _, w := range word {
			b.WriteString(w.text)
		}
		text = b.String()
	}
	sc := &m.memo.word
	sc.runes, sc.owner, sc.offs = sc.runes[:0], sc.owner[:0], sc.offs[:0]
	off := 0
	for bi, b := range word {
		for i, r := range b.text {
			sc.runes = append(sc.runes, r)
			sc.owner = append(sc.owner, int32(bi))
			sc.offs = append(sc.offs, int32(off+i))
		}
		off += len(b.text)
	}
	runes, owner := sc.runes, sc.owner
	sc.points = slices.Grow(sc.points[:0], len(runes))[:len(runes)]
	clear(sc.points)
	points := sc.points
	pen := float64(hyphenPenalty)
	soft := strings.ContainsRune(text, softHyphen)
	if soft {
		for i, r := range runes {
			if r == softHyphen && i > 0 && i < len(runes)-1 {
				points[i] = hyphenBreak
			}
		}
	} else {
		end := len(runes) // a footnote marker ends the word's text: its first box's first rune
		for bi, b := range word {
			if b.text != "" && m.style(b.sty).note > 0 {
				end = slices.Index(owner, int32(bi))
				break
			}
		}
		if hyphenate && m.hyphenatable(word, runes[:end], text) {
			m.wordPoints(runes[:end], text, sc.offs, points)
		} else if m.codeOrURL(word, text) {
			codePoints(runes[:end], points)
			pen = codeBreakPenalty
		}
	}
	if !soft && !slices.ContainsFunc(points, func(p int8) bool { return p != noBreak }) {
		return append(dst, word...)
	}
	first := len(dst)
	curBox := int32(0)
	cur := sc.buf[:0]
	// A piece's width is its share of its box's text shaped whole: the
	// advances of the glyphs whose clusters start inside it, so that the
	// pieces of a word set on one line add up to the word (its ligatures
	// and kerning). boxStart is the byte offset of the box in the word's
	// text, pieceStart that of the piece in the box's.
	boxStart := make([]int, len(word)+1)
	for bi, b := range word {
		boxStart[bi+1] = boxStart[bi] + len(b.text)
	}
	pieceStart := 0
	tail := wordEnd(word)
	var run *shapedRun // curBox's text shaped whole, once a box
	runBox := int32(-1)
	flush := func(end int) { // end: the piece's end in the box's text
		if len(cur) == 0 {
			return
		}
		b := word[curBox]
		st := m.style(b.sty)
		text := string(cur) // the piece, less its soft hyphens
		whole := pieceStart <= end && end <= len(b.text) && string(cur) == b.text[pieceStart:end]
		if whole {
			text = b.text[pieceStart:end] // as it is in the box: not a copy
		}
		if runBox != curBox {
			run, runBox = m.memo.shaper.shape(normal(st.font), b.text), curBox
		}
		pc := box(text, run.span(pieceStart, end)*st.size/shapeUnits, b.sty)
		pc.piece = true
		pc.boxStart, pc.boxEnd = whole && pieceStart == 0, whole && end == len(b.text)
		if len(dst) == first {
			pc.src, pc.off = b.src, b.off
		} else {
			pc.src, pc.off = tail.src, tail.off
		}
		dst = append(dst, pc)
		pieceStart = end
		cur = cur[:0]
	}
	for i, r := range runes {
		if owner[i] != curBox {
			flush(len(word[curBox].text))
			curBox = owner[i]
			pieceStart = 0
		}
		if pt := points[i]; pt != noBreak && len(dst)-first+len(cur) > 0 {
			flush(int(sc.offs[i]) - boxStart[curBox])
			sty := word[owner[i-1]].sty
			p := penalty(0, pen, pt == hyphenBreak)
			if pt == hyphenBreak {
				st := m.style(sty)
				p.w, p.text, p.sty = m.width(st.font, "-", st.size), "-", sty
			}
			dst = append(dst, p)
		}
		if r != softHyphen {
			cur = utf8.AppendRune(cur, r)
		}
	}
	flush(len(word[curBox].text))
	sc.buf = cur
	return dst
}

// hyphenatable reports whether the patterns may break a word (runes, its
// text before any footnote marker; text, all of it): set in a text face, no
// digits, not a URL or an e-mail address. A slash between two letters
// ("client/server") is a word's, not a path's.
func (m measurer) hyphenatable(word []kpItem, runes []rune, text string) bool {
	if m.hyph == nil {
		return false
	}
	for _, b := range word {
		if st := m.style(b.sty); st.note == 0 && (st.font.Family == fonts.Mono || st.rise != 0) {
			return false
		}
	}
	for i, r := range runes {
		if unicode.IsDigit(r) || r == '@' || r == '_' || r == '/' && !letterSlash(runes, i) {
			return false
		}
	}
	return !strings.Contains(text, "www.") && !strings.Contains(text, "://")
}

// letterSlash reports a slash (runes[i]) between two letters, as in
// "client/server" and "and/or": a line may break after it, with no hyphen
// added, as a browser breaks it and as TeX's \slash lets it.
func letterSlash(runes []rune, i int) bool {
	return runes[i] == '/' && i > 0 && i+1 < len(runes) && unicode.IsLetter(runes[i-1]) && unicode.IsLetter(runes[i+1])
}

// wordPoints adds the breaks of a word's letters: after each explicit
// hyphen or dash inside it and each slash between letters, and the
// patterns' breaks in each run of letters. Anything else but letters and
// apostrophes inside the word (a dot, a digit) leaves it whole. offs holds
// each rune's byte offset in text.
func (m measurer) wordPoints(runes []rune, text string, offs []int32, points []int8) {
	start, end := 0, len(runes)
	for start < end && !unicode.IsLetter(runes[start]) {
		start++
	}
	for end > start && !hyphen.IsWordRune(runes[end-1]) {
		end--
	}
	for i, r := range runes[start:end] {
		if !hyphen.IsWordRune(r) && !isHyphen(r) && r != '\'' && r != '’' && !letterSlash(runes, start+i) {
			return
		}
	}
	seg := start
	for i := start; i <= end; i++ {
		if i < end && hyphen.IsWordRune(runes[i]) {
			continue
		}
		if i-seg >= 5 && !allCaps(runes[seg:i]) {
			to := len(text)
			if i < len(offs) {
				to = int(offs[i])
			}
			for _, k := range m.hyphenPoints(text[offs[seg]:to]) {
				points[seg+k] = hyphenBreak
			}
		}
		if i < end && (isHyphen(runes[i]) || letterSlash(runes, i)) && i > start && i+1 < end {
			points[i+1] = plainBreak
		}
		seg = i + 1
	}
}

// codeOrURL reports inline code and URLs (text is the word's): words
// broken only after punctuation, never hyphenated.
func (m measurer) codeOrURL(word []kpItem, text string) bool {
	for _, b := range word {
		if m.style(b.sty).font.Family == fonts.Mono {
			return true
		}
	}
	return strings.Contains(text, "://") || strings.HasPrefix(text, "www.")
}

// codePoints adds breaks after the punctuation inside code or a URL ("/",
// "_", "." …), keeping at least three characters on each side and a URL's
// scheme ("https://") whole.
func codePoints(runes []rune, points []int8) {
	from := 3
	if i := strings.Index(string(runes), "://"); i >= 0 {
		from = len([]rune(string(runes)[:i])) + 4 // never inside "https://"
	}
	for i := from; i <= len(runes)-3; i++ {
		if strings.ContainsRune("/_.-(,:?&=#", runes[i-1]) && !strings.ContainsRune("/_.-(),:", runes[i]) {
			points[i] = plainBreak
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
