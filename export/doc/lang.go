package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// scriptLangs gives a language for text in a script that is not the
// document's: the one the script all but names (Hebrew, Greek, Thai,
// Hangul, kana), else the script's most used language (Arabic, Russian,
// Hindi, Bengali, Chinese), a guess that a reader's voice can work with.
// Latin text in another script's document gets its direction only.
var scriptLangs = []struct {
	table *unicode.RangeTable
	tag   string // the BCP 47 tag of text in that script
	langs []string
	rtl   bool
}{
	{unicode.Hebrew, "he", []string{"he", "iw", "yi"}, true},
	{unicode.Arabic, "ar", []string{"ar", "fa", "ur", "ps", "sd", "ug", "ckb"}, true},
	{unicode.Syriac, "syr", []string{"syr", "arc"}, true},
	{unicode.Thaana, "dv", []string{"dv"}, true},
	{unicode.Greek, "el", []string{"el", "grc"}, false},
	{unicode.Cyrillic, "ru", []string{"ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg"}, false},
	{unicode.Devanagari, "hi", []string{"hi", "mr", "ne", "sa"}, false},
	{unicode.Bengali, "bn", []string{"bn", "as"}, false},
	{unicode.Tamil, "ta", []string{"ta"}, false},
	{unicode.Thai, "th", []string{"th"}, false},
	{unicode.Hangul, "ko", []string{"ko"}, false},
	{unicode.Hiragana, "ja", []string{"ja"}, false},
	{unicode.Katakana, "ja", []string{"ja"}, false},
	{unicode.Han, "zh", []string{"zh", "ja", "ko"}, false},
	{unicode.Latin, "und-Latn", nil, false}, // nil: every language not listed above
}

// textScript is the entry of scriptLangs of the first letter of text, or
// −1 when it has none.
func textScript(text string) int {
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		for i, s := range scriptLangs {
			if unicode.Is(s.table, r) {
				return i
			}
		}
		return -1
	}
	return -1
}

// LangScript is the entry of scriptLangs for a document language.
func LangScript(lang string) int {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	for i, s := range scriptLangs {
		for _, l := range s.langs {
			if l == primary {
				return i
			}
		}
	}
	return len(scriptLangs) - 1 // Latin
}

// BlockLang returns the language of a block whose text starts in another
// script than the document's language docLang: "" when the script is the
// document's, or Latin in a document of another script (its language is
// unknown). A block's direction is Direction's, from its first strong
// character.
func BlockLang(text, docLang string) string {
	s := textScript(text)
	if s >= 0 && scriptLangs[s].tag == "zh" {
		// Han with kana is Japanese, with Hangul Korean.
		for i, sl := range scriptLangs {
			if (sl.tag == "ja" || sl.tag == "ko") && strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(sl.table, r) }) {
				s = i
				break
			}
		}
	}
	docScript := LangScript(docLang)
	if s < 0 || s == docScript {
		return ""
	}
	// Kana and Han belong together in Japanese, Han in Korean.
	if ds := scriptLangs[docScript].tag; ds == "ja" && scriptLangs[s].tag == "zh" || ds == "ko" && scriptLangs[s].tag == "zh" {
		return ""
	}
	if scriptLangs[s].tag == "und-Latn" && docScript != len(scriptLangs)-1 {
		return ""
	}
	return scriptLangs[s].tag
}

// InlinesLang is BlockLang for a block's inline content. A block whose
// first letter is ASCII, in a document of Latin script, is the
// document's: that, the common case, is found without copying the
// block's text.
func InlinesLang(content []Inline, docLang string) string {
	var first rune
	eachPlain(content, func(s string) bool {
		for _, r := range s {
			if unicode.IsLetter(r) {
				first = r
				return false
			}
		}
		return true
	})
	if first == 0 || first < utf8.RuneSelf && LangScript(docLang) == len(scriptLangs)-1 {
		return ""
	}
	return BlockLang(PlainText(content), docLang)
}

// LangIsRTL reports whether a language is written right to left.
func LangIsRTL(lang string) bool { return scriptLangs[LangScript(lang)].rtl }
