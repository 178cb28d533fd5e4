package passes

import (
	"cmp"
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"

	tscript "github.com/go-text/typesetting/language"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// minLanguageLetters is the least prose, in letters, CheckLanguage judges
// a document's language by: a shorter text says too little.
const minLanguageLetters = 10

// CheckLanguage warns when most of the document's prose (more than half
// its letters) is written in a script its language is not written in:
// an Arabic handout with no lang, or a Chinese book whose book.toml keeps
// mdBook's "en". The outputs would call the text English
// (doc.DefaultLang) and print its page footers, quotation marks and
// captions as English does, and a screen reader would read it with an
// English voice. The warning names the
// script's likeliest language (CLDR's), to declare where the title is.
//
// The prose is the title, the subtitle and the text outside code, raw
// markup and the appendix; text inside an element with a lang attribute
// of its own is not the document's. A language the x/text parser refuses
// is left to the renderers, which report it.
func CheckLanguage(d *doc.Document, diags *diag.List) {
	declared := d.Meta.Lang
	tag, err := language.Parse(cmp.Or(declared, doc.DefaultLang))
	if err != nil {
		return
	}
	c := scriptCounter{counts: map[tscript.Script]int{}}
	at := d.Meta.Pos // where the title is declared; else the first text
	c.add(d.Meta.Title)
	c.add(d.Meta.Subtitle)
	doc.Inspect(d, func(n doc.Node) bool {
		if t, ok := n.(*doc.Text); ok { // code, raw markup and the appendix hold none
			c.add(t.Value)
			if !at.IsValid() {
				at = t.Pos
			}
		}
		if a := doc.AttrOf(n); a != nil {
			if _, ok := a.Get("lang"); ok {
				return false // another language's text
			}
		}
		return true
	})
	if c.total < minLanguageLetters {
		return
	}
	written, _ := tag.Script()
	if c.share(written)*2 >= c.total {
		return
	}
	script, letters, ok := c.dominant()
	if !ok || letters*2 <= c.total {
		return // no script is most of the text: a text of many languages
	}
	percent := letters * 100 / c.total
	likely, _ := language.Make("und-" + script.String()).Base()
	if script.String() == "Arab" {
		likely = c.arabicLanguage(likely)
	}
	what := fmt.Sprintf("%d%% of the text's letters are %s (%s)", percent, display.English.Scripts().Name(script), script)
	fix := fmt.Sprintf("declare the text's language where its title is, e.g. lang: %[1]s (%[2]s), or language = %[1]q in a book.toml", likely, display.English.Languages().Name(likely))
	if declared == "" {
		diags.Warnf(at, "no language is declared, and %s: the outputs call the text English (%s) and print their page numbers, quotation marks and captions as English does; %s", what, doc.DefaultLang, fix)
		return
	}
	diags.Warnf(at, "the language is %q, but %s, which %s is not written in; %s", declared, what, declared, fix)
}

// scriptCounter counts a text's letters by script (Unicode's Script
// property; marks, digits and punctuation are not letters).
type scriptCounter struct {
	counts map[tscript.Script]int
	total  int
	// persian and urdu count the Arabic script's letters Arabic does not
	// use: Persian's (which Urdu uses too), and Urdu's own.
	persian, urdu int
}

// arabicLanguage is the language text in the Arabic script is likeliest
// written in: Urdu when 2% of its letters or more are Urdu's own (ٹ ڈ ڑ ں
// ھ ے), else Persian when as many are Persian's (پ چ ژ گ ک ی), else
// cldr's (Arabic). CLDR gives one language a script.
func (c *scriptCounter) arabicLanguage(cldr language.Base) language.Base {
	letters := c.counts[tscript.Arabic]
	switch {
	case c.urdu*50 >= letters:
		return language.MustParseBase("ur")
	case c.persian*50 >= letters:
		return language.MustParseBase("fa")
	}
	return cldr
}

// add counts the letters of s. ASCII letters are Latin without a lookup:
// most of most books.
func (c *scriptCounter) add(s string) {
	latin := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if 'a' <= b|0x20 && b|0x20 <= 'z' {
				latin++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) {
			c.counts[tscript.LookupScript(r)]++
			c.total++
			switch r {
			case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ', 'ے':
				c.urdu++
			case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
				c.persian++
			}
		}
	}
	c.counts[tscript.Latin] += latin
	c.total += latin
}

// share counts the letters of the scripts a language written in script
// uses.
func (c *scriptCounter) share(script language.Script) int {
	n := 0
	for _, s := range scriptParts(script) {
		n += c.counts[s]
	}
	return n
}

// scriptParts lists the Unicode scripts a writing system's text is in:
// Japanese (Jpan) is written in Han and both kana, Korean (Kore) in Hangul
// and Han, Chinese (Hans, Hant) in Han.
func scriptParts(script language.Script) []tscript.Script {
	switch script.String() {
	case "Jpan":
		return []tscript.Script{tscript.Han, tscript.Hiragana, tscript.Katakana}
	case "Kore":
		return []tscript.Script{tscript.Hangul, tscript.Han}
	case "Hans", "Hant":
		return []tscript.Script{tscript.Han}
	}
	s, err := tscript.ParseScript(script.String())
	if err != nil {
		return nil
	}
	return []tscript.Script{s}
}

// dominant returns the writing system most of the letters are in, and
// how many; false when x/text knows none of their scripts. Han with kana
// is Japanese and Han with Hangul Korean: the likeliest language of Han
// alone is Chinese.
func (c *scriptCounter) dominant() (language.Script, int, bool) {
	type system struct {
		script  language.Script
		letters int
	}
	var all []system
	for s, n := range c.counts {
		if ls, err := language.ParseScript(s.String()); err == nil {
			all = append(all, system{ls, n})
		}
	}
	// A few kana or Hangul letters in Chinese text (a word quoted, a
	// translator's name) do not make it Japanese or Korean: those are
	// written with a quarter of their letters in them at the least.
	for _, joined := range []struct {
		code string
		own  int
	}{
		{"Jpan", c.counts[tscript.Hiragana] + c.counts[tscript.Katakana]},
		{"Kore", c.counts[tscript.Hangul]},
	} {
		js := language.MustParseScript(joined.code)
		if n := c.share(js); joined.own > 0 && joined.own*4 >= n {
			all = append(all, system{js, n})
		}
	}
	// Most letters first; of a tie, the system of more scripts (Japanese
	// over kana alone), then the first code, whatever the map's order.
	slices.SortFunc(all, func(a, b system) int {
		return cmp.Or(cmp.Compare(b.letters, a.letters), cmp.Compare(len(scriptParts(b.script)), len(scriptParts(a.script))), cmp.Compare(a.script.String(), b.script.String()))
	})
	if len(all) == 0 {
		return language.Script{}, 0, false
	}
	return all[0].script, all[0].letters, true
}
