package passes

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TestCheckLanguage runs CheckLanguage on small documents, one behaviour
// each: the warning it gives (its whole text, or "" for none).
func TestCheckLanguage(t *testing.T) {
	const arabic = "هذه فقرة باللغة العربية عن الطقس في المدينة"
	titled := func(lang string, bs ...doc.Block) *doc.Document {
		d := body(bs...)
		d.Meta.Pos, d.Meta.Lang = at(1), lang
		return d
	}
	div := func(n int, lang string, bs ...doc.Block) *doc.Div {
		return &doc.Div{Pos: at(n), Attr: doc.Attr{KV: []doc.KV{{Key: "lang", Value: lang}}}, Blocks: bs}
	}
	for _, tc := range []struct {
		n    int
		name string
		doc  *doc.Document
		want string
	}{
		{1, "English with no language: the default's", body(p(2, txt(2, "A handout about the weather in the city."))), ""},
		{2, "Arabic with no language, at the front matter",
			titled("", p(3, txt(3, arabic))),
			`t.md:1:1: warning: no language is declared, and 100% of the text's letters are Arabic (Arab): the outputs call the text English (en) and print their page numbers, quotation marks and captions as English does; declare the text's language where its title is, e.g. lang: ar (Arabic), or language = "ar" in a book.toml`},
		{3, "with no front matter, at the first text",
			body(p(4, txt(4, arabic))),
			`t.md:4:1: warning: no language is declared, and 100% of the text's letters are Arabic (Arab)`},
		{4, "Arabic declared", titled("ar", p(3, txt(3, arabic))), ""},
		{5, "Russian declared as English",
			titled("en", h(2, 1, "Урок"), p(3, txt(3, "Это абзац на русском языке о погоде."))),
			`t.md:1:1: warning: the language is "en", but 100% of the text's letters are Cyrillic (Cyrl), which en is not written in; declare the text's language where its title is, e.g. lang: ru (Russian), or language = "ru" in a book.toml`},
		{6, "Japanese: kanji and kana", body(p(2, txt(2, "これは日本語の段落です。天気について学びます。"))),
			`t.md:2:1: warning: no language is declared, and 100% of the text's letters are Japanese (Jpan)`},
		{7, "Japanese declared, kanji alone", titled("ja", p(2, txt(2, "日本国憲法前文及各条文"))), ""},
		{8, "Chinese with a Korean name: Han, Chinese",
			body(p(2, txt(2, "这是一个关于天气的中文段落，我们今天学习新的词语。译者：김민수"))),
			`t.md:2:1: warning: no language is declared, and 89% of the text's letters are Han (Hani): the outputs call the text English (en) and print their page numbers, quotation marks and captions as English does; declare the text's language where its title is, e.g. lang: zh (Chinese)`},
		{9, "Korean declared, with Han", titled("ko", p(2, txt(2, "이것은 한국어 문단입니다. 漢字도 있습니다."))), ""},
		{10, "traditional Chinese declared", titled("zh-TW", p(2, txt(2, "這是一個關於天氣的中文段落。"))), ""},
		{11, "code is not prose", titled("en", p(2, txt(2, "Run it.")),
			&doc.CodeBlock{Pos: at(3), Language: "python", Text: "# Это комментарий на русском языке о коде\nprint('Привет, мир')"},
			p(6, &doc.Code{Pos: at(6), Value: "привет_мир_функция"})), ""},
		{12, "an element with a lang of its own is another language's",
			titled("en", p(2, txt(2, "The poem:")), div(3, "ru", p(4, txt(4, "Я помню чудное мгновенье: передо мной явилась ты")))), ""},
		{13, "too few letters to say", body(p(2, txt(2, "Σ = Ω · π"))), ""},
		{14, "a language x/text refuses is the renderers'", titled("not a tag!", p(2, txt(2, arabic))), ""},
		{15, "most letters Latin", body(p(2, txt(2, "Greek words such as λόγος and ψυχή appear in this English text."))), ""},
		{16, "Serbian in Cyrillic, and in Latin", titled("sr", p(2, txt(2, "Ово је пасус на српском језику."))), ""},
		{17, "", titled("sr-Latn", p(2, txt(2, "Ovo je pasus na srpskom jeziku."))), ""},
		{18, "the appendix is not prose", withReading(titled("en", p(2, txt(2, "See the list."))),
			&doc.Reference{Pos: at(9), Title: "Война и мир: роман в четырёх томах"}), ""},
		{19, "a title in another script counts",
			func() *doc.Document {
				d := titled("en", p(2, txt(2, "Notes.")))
				d.Meta.Title = "Ελληνικά για αρχάριους"
				return d
			}(),
			`t.md:1:1: warning: the language is "en", but 80% of the text's letters are Greek (Grek), which en is not written in; declare the text's language where its title is, e.g. lang: el (Greek)`},
		{20, "no script has most letters: a text of many languages",
			titled("en", p(2, txt(2, "Hello, Привет, Γειά σου, こんにちは, 你好, مرحبا"))), ""},
		{21, "Persian's letters: Persian", body(p(2, txt(2, "این یک پاراگراف فارسی درباره‌ی هوای شهر است که کودکان می‌خوانند"))),
			`t.md:2:1: warning: no language is declared, and 100% of the text's letters are Arabic (Arab): the outputs call the text English (en) and print their page numbers, quotation marks and captions as English does; declare the text's language where its title is, e.g. lang: fa (Persian)`},
		{22, "Urdu's letters: Urdu", body(p(2, txt(2, "یہ شہر کے موسم کے بارے میں اردو کا ایک پیراگراف ہے"))),
			`t.md:2:1: warning: no language is declared, and 100% of the text's letters are Arabic (Arab): the outputs call the text English (en) and print their page numbers, quotation marks and captions as English does; declare the text's language where its title is, e.g. lang: ur (Urdu)`},
	} {
		var diags diag.List
		Run(tc.doc, Options{Appendix: ReferencesOnly}, &diags)
		var got string
		for _, w := range diags.Items() {
			if strings.Contains(w.String(), "letters are") {
				got = w.String()
			}
		}
		if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
			t.Errorf("%d %s:\ngot  %s\nwant %s", tc.n, tc.name, got, tc.want)
		}
	}
}
