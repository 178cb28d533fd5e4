package layout

import (
	"unicode"
	"unicode/utf8"
)

// The rules of Chinese, Japanese and Korean text the layout keeps: the
// gaps and breaks between their characters and Latin ones, and the
// marks that are set half wide or never start a line.

// cjkLatinGap is the space, in ems of its text, between an ideograph or a
// kana and a Latin letter or a digit typed against it ("無効なStringを"):
// a quarter em, as JLREQ (3.2.4) and CLREQ ask, as Typst's cjk-latin-spacing,
// xeCJK and CSS's text-autospace set it. It shrinks by a third and
// stretches as the gaps between ideographs do.
const cjkLatinGap = 0.25

// cjkGap returns the kind of break a word of Chinese or Japanese has
// between a character ending with before and one starting with after:
// tokCJKLatin between an ideograph or kana and a Latin, Greek or Cyrillic
// letter or a digit, either way round; tokCJK between two ideographs or
// kana; ok is false for any other pair, where UAX #14 decides alone.
func cjkGap(before, after rune) (kind tokKind, ok bool) {
	switch b, a := cjkLetter(before), cjkLetter(after); {
	case b && a:
		return tokCJK, true
	case b && spacedAlnum(after), a && spacedAlnum(before):
		return tokCJKLatin, true
	}
	return 0, false
}

// cjkLetter reports an ideograph or a kana (not their punctuation).
func cjkLetter(r rune) bool {
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// spacedAlnum reports a letter of a script written with spaces between
// words that sits against ideographs (Latin, Greek, Cyrillic), or a digit.
func spacedAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) && unicode.IsLetter(r)
}

// isHangulSyllable reports a precomposed Hangul syllable (가-힣).
func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// halfWidthPunctuation returns the indexes of the full-width punctuation
// marks of runes set half wide, as JLREQ (3.1.4) and CLREQ compress
// consecutive marks, and Typst does: a closing mark (、。，）」…, whose
// right half is blank) before another closing or opening mark, and an
// opening mark (（「…, whose left half is blank) after another opening
// one. "（scope）。" then has half an em between ） and 。, not a whole
// one. The face decides how (its halt feature): a mark it draws centred,
// as Traditional Chinese faces draw 。, stays whole.
func halfWidthPunctuation(runes []rune) []int {
	var out []int
	for i := 1; i < len(runes); i++ {
		a, b := runes[i-1], runes[i]
		switch {
		case closingMark(a) && (closingMark(b) || openingMark(b)):
			out = append(out, i-1)
		case openingMark(a) && openingMark(b):
			out = append(out, i)
		}
	}
	return out
}

// closingMark reports the full-width marks drawn in their left half:
// the ideographic comma and full stop, the full-width comma and full
// stop, and the closing brackets.
func closingMark(r rune) bool {
	switch r {
	case '、', '。', '，', '．', '〉', '》', '」', '』', '】', '〕', '〗', '〙', '〛', '）', '］', '｝':
		return true
	}
	return false
}

// openingMark reports the full-width opening brackets, drawn in their
// right half.
func openingMark(r rune) bool {
	switch r {
	case '〈', '《', '「', '『', '【', '〔', '〖', '〘', '〚', '（', '［', '｛':
		return true
	}
	return false
}

// noLineStart reports the characters Chinese and Japanese never start a
// line with: closing marks, the centred ones (・：；！？), the iteration
// and prolonged sound marks and the small kana (JLREQ's classes A-1 to
// A-7, as UAX #14 gives them the CL, CP, EX, IS and NS classes).
func noLineStart(r rune) bool {
	if closingMark(r) {
		return true
	}
	switch r {
	case '・', '：', '；', '！', '？', 'ー', '々', 'ゝ', 'ゞ', 'ヽ', 'ヾ', '〻', '゠', '〜',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ',
		'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ':
		return true
	}
	return false
}
