package hyphen

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestEnglish checks words against TeX's own hyphenation of them with the
// same patterns and exceptions (plain TeX's hyphen.tex, TUGboat's list).
func TestEnglish(t *testing.T) {
	h, err := ForLang("en-GB")
	if err != nil || h == nil {
		t.Fatalf("ForLang(en-GB) = %v, %v", h, err)
	}
	for word, want := range map[string]string{
		"characteristically": "char-ac-ter-is-ti-cally",
		"administration":     "ad-min-is-tra-tion",
		"typesetting":        "type-set-ting",
		"algorithm":          "al-go-rithm",
		"computer":           "com-puter",
		"Summit":             "Sum-mit",
		"responsibility":     "re-spon-si-bil-ity",
		"infrastructure":     "in-fra-struc-ture",
		"negotiation":        "ne-go-ti-a-tion",
		"diplomacy":          "diplo-macy",
		"communiqué":         "com-mu-niqué",
		"associate":          "as-so-ciate",    // Knuth's exceptions
		"table":              "ta-ble",         // Knuth's exceptions
		"academy":            "acad-e-my",      // TUGboat's exceptions
		"hyphenation":        "hy-phen-a-tion", // TUGboat's exceptions
		"cat":                "cat",            // too short: two letters before a break, three after
		"project":            "project",        // Knuth: never broken
	} {
		if got := h.Hyphenate(word); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
	for _, w := range []string{"abc123defgh", "example.org", "snake_case_name", ""} {
		if p := h.Points(w); p != nil {
			t.Errorf("Points(%q) = %v, want none: not a word of letters", w, p)
		}
	}
	if p := h.Points("negotiation"); !slices.Equal(p, []int{2, 4, 6, 7}) {
		t.Errorf("Points(negotiation) = %v", p)
	}
}

func TestOtherLanguages(t *testing.T) {
	for _, lang := range []string{"ko", "hu-HU", "", "x"} {
		h, err := ForLang(lang)
		if err != nil || h != nil {
			t.Errorf("ForLang(%q): %v; want no hyphenator", lang, err)
		}
		if p := h.Points("hyphenation"); p != nil {
			t.Errorf("a nil hyphenator found %v", p)
		}
	}
	for _, lang := range []string{"en", "EN-us", "en_US"} {
		if h, err := ForLang(lang); h == nil || err != nil {
			t.Errorf("ForLang(%q) = %v, %v", lang, h, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	h := &Hyphenator{exceptions: map[string][]int{}}
	if err := h.parse("\\patterns{\na1b\n}\nstray\n", nil); err == nil {
		t.Error("a word outside the groups should be an error")
	}
	for _, src := range []string{"\\input ../hyph-no.tex\n", "\\input /etc/passwd\n", "\\input hyph-none.tex\n"} {
		if err := h.parse(src, func(name string) error { return h.load("patterns/"+name, 0) }); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
	if err := h.parse("\\patterns{ % comment\n.ab3c\n}", nil); err != nil || !slices.Equal(patternsOf(h)[".abc"], []uint8{0, 0, 0, 3, 0}) {
		t.Errorf("parse: %v, %v", err, patternsOf(h))
	}
}

func TestGermanAndSpanish(t *testing.T) {
	for lang, words := range map[string]map[string]string{
		"de-DE": {"Silbentrennung": "Sil-ben-tren-nung", "Wörterbuch": "Wör-ter-buch"},
		// The Spanish patterns keep "puta" whole on purpose.
		"es": {"computadora": "compu-tado-ra", "diplomacia": "di-plo-ma-cia"},
	} {
		h, err := ForLang(lang)
		if err != nil || h == nil {
			t.Fatalf("ForLang(%q) = %v, %v", lang, h, err)
		}
		for w, want := range words {
			if got := h.Hyphenate(w); got != want {
				t.Errorf("%s: Hyphenate(%q) = %q, want %q", lang, w, got, want)
			}
		}
	}
}

// TestLanguagesListed: Languages names exactly the languages with patterns.
func TestLanguagesListed(t *testing.T) {
	for _, l := range Languages() {
		if h, err := ForLang(l); h == nil || err != nil {
			t.Errorf("ForLang(%q) = %v, %v", l, h, err)
		}
	}
	for _, l := range []string{"cs", "hu", "ja"} {
		if h, _ := ForLang(l); h != nil {
			t.Errorf("%s has patterns but is not listed", l)
		}
	}
	if !Unhyphenated("ja-JP") || !Unhyphenated("zh") || !Unhyphenated("ar-EG") || !Unhyphenated("he") || !Unhyphenated("vi-VN") || !Unhyphenated("zh_CN") || !Unhyphenated("bo") || Unhyphenated("fr") || Unhyphenated("hi") {
		t.Error("Unhyphenated")
	}
}

// TestCache: one Hyphenator per language, shared; nil for a language
// without patterns.
func TestCache(t *testing.T) {
	var c Cache
	a, err := c.ForLang("en-GB")
	b, _ := c.ForLang("EN")
	if err != nil || a == nil || a != b {
		t.Errorf("en: %p %p %v", a, b, err)
	}
	if h, err := c.ForLang("hu"); h != nil || err != nil {
		t.Errorf("hu: %v", err)
	}
}

// TestHyphUTF8Languages: the hyph-utf8 patterns of the languages beyond
// English, German and Spanish break their words where their typesetting
// conventions allow (the words' hyphenations as TeX gives them).
func TestHyphUTF8Languages(t *testing.T) {
	for i, tc := range []struct{ lang, word, want string }{
		{"fr", "hyphénation", "hy-phé-na-tion"},
		{"it", "sillabazione", "sil-la-ba-zio-ne"},
		{"pt-BR", "hifenização", "hi-fe-ni-za-ção"},
		{"nl", "lettergreep", "let-ter-greep"},
		{"pl", "przeniesienie", "prze-nie-sie-nie"},
		{"sv", "avstavning", "av-stav-ning"},
		{"ru", "перенос", "пе-ре-нос"},
		{"uk", "перенос", "пе-ре-нос"},
		// Debian's TeX Live 2022 (texlive-lang-european, -cyrillic, -greek,
		// -spanish); the expected breaks are those of the npm package hyphen
		// 1.10, another implementation of the same patterns.
		{"da", "stavelsesdeling", "sta-vel-ses-de-ling"},
		{"nb", "stavelsene", "sta-vel-se-ne"},
		{"no", "orddeling", "ord-de-ling"},
		{"nn-NO", "stavingane", "sta-vin-ga-ne"},
		{"fi", "kirjoittaminen", "kir-joit-ta-mi-nen"},
		{"hr", "rastavljanje", "ras-tav-lja-nje"},
		{"sl", "pravopisni", "pra-vo-pi-sni"},
		{"bg", "сричкопренасяне", "срич-коп-ре-на-ся-не"},
		{"el", "συλλαβισμός", "συλ-λα-βι-σμός"},
		{"el-GR", "παράδειγμα", "πα-ρά-δειγ-μα"},
		{"ca", "ordinador", "or-di-na-dor"},
		{"tr", "bilgisayar", "bil-gi-sa-yar"},
		{"et", "poolitamine", "poo-li-ta-mine"}, // hyphen's "-mi-ne" breaks before 2 letters; Estonian's typesetting minimum is 3
		{"nb", "attende", "at-ten-de"},          // an exception hyph-nb.tex adds to the Norwegian patterns it \inputs
		{"nn", "attende", "att-en-de"},          // and Nynorsk's own
		{"lt", "skiemenavimas", "skie-me-na-vi-mas"},
		// Debian's TeX Live 2022 again (texlive-lang-other, -european,
		// -cyrillic, -french, -spanish): the Indic scripts'
		// patterns, whose vowel signs and viramas are combining marks,
		// the Ethiopic script's and 24 more. hyphen 1.10 breaks each
		// alike, but where it keeps 2 letters at either end, which the
		// Indic and Ethiopic patterns' headers, and TeX Live's
		// language.dat, set at 1.
		{"af", "onderwysers", "on-der-wy-sers"},
		{"am", "ትምህርትቤት", "ት-ም-ህ-ር-ት-ቤ-ት"}, // hyphen: "ትም-ህ-ር-ት-ቤት", with 2/2 minima; TeX Live sets 1/1
		{"am", "ኢትዮጵያ", "ኢ-ት-ዮ-ጵ-ያ"},       // hyphen: "ኢት-ዮ-ጵያ", with 2/2 minima; TeX Live sets 1/1
		{"as", "বিদ্যালয়", "বি-দ্যা-ল-য়"},
		{"be", "настаўнікі", "на-с-таў-ні-кі"},
		{"bn", "আবহাওয়া", "আ-ব-হা-ও-য়া"}, // hyphen: "আব-হা-ও-য়া", with 2/2 minima; TeX Live sets 1/1
		{"cy", "gwybodaeth", "gwybod-aeth"},
		{"eu", "ikastetxea", "ikas-te-txea"},
		{"fur", "mestris", "mes-tris"},
		{"ga", "múinteoirí", "múin-teoirí"},
		{"gl", "meteoroloxía", "me-teo-ro-lo-xía"},
		{"gu", "વિદ્યાર્થીઓ", "વિ-દ્યા-ર્થી-ઓ"}, // hyphen: "વિ-દ્યા-ર્થીઓ", with 2/2 minima; TeX Live sets 1/1
		{"hi", "अध्यापक", "अ-ध्या-प-क"},         // hyphen: "अध्या-पक", with 2/2 minima; TeX Live sets 1/1
		{"hi", "प्रधानमंत्री", "प्र-धा-न-मं-त्री"},
		{"hi", "विद्यालय", "वि-द्या-ल-य"}, // hyphen: "वि-द्या-लय", with 2/2 minima; TeX Live sets 1/1
		{"hsb", "wučerjo", "wu-če-rjo"},
		{"ia", "meteorologia", "me-te-o-ro-lo-gia"},
		{"is", "kennarinn", "kenn-ar-inn"},
		{"ka", "ბავშვები", "ბავ-შვე-ბი"},
		{"kmr", "dibistanê", "di-bis-ta-nê"},
		{"kn", "ವಿದ್ಯಾರ್ಥಿಗಳು", "ವಿ-ದ್ಯಾ-ರ್ಥಿ-ಗ-ಳು"},
		{"la", "discipulorum", "di-sci-pu-lo-rum"},
		{"ml", "കാലാവസ്ഥയെക്കുറിച്ച്", "കാ-ലാ-വ-സ്ഥ-യെ-ക്കു-റി-ച്ച്"},
		{"mn", "багшийнхаа", "баг-шийн-хаа"},
		{"mr", "विद्यार्थ्यांना", "वि-द्या-र्थ्यां-ना"},
		{"oc", "escolans", "es-co-lans"},
		{"or", "ବିଦ୍ୟାଳୟ", "ବି-ଦ୍ୟା-ଳୟ"},
		{"pa", "ਵਿਦਿਆਰਥੀਆਂ", "ਵਿ-ਦਿ-ਆ-ਰ-ਥੀ-ਆਂ"},
		{"pms", "professor", "pro-fes-sor"},
		{"rm", "magistraglia", "ma-gi-stra-glia"},
		{"ta", "கற்றுக்கொள்கிறார்கள்", "கற்-றுக்-கொள்-கி-றார்-கள்"},
		{"te", "ఉపాధ్యాయుడు", "ఉ-పా-ధ్యా-యు-డు"}, // hyphen: "ఉపా-ధ్యా-యు-డు", with 2/2 minima; TeX Live sets 1/1
		{"tk", "mekdepde", "mek-dep-de"},
	} {
		h, err := ForLang(tc.lang)
		if err != nil || h == nil {
			t.Fatalf("%d: ForLang(%q): %v", i+1, tc.lang, err)
		}
		rs := []rune(tc.word)
		var b strings.Builder
		last := 0
		for _, p := range h.Points(tc.word) {
			b.WriteString(string(rs[last:p]) + "-")
			last = p
		}
		b.WriteString(string(rs[last:]))
		if got := b.String(); got != tc.want {
			t.Errorf("%d: %s %q → %q, want %q", i+1, tc.lang, tc.word, got, tc.want)
		}
	}
}

// TestMarksInWords: combining marks are part of a word (Devanagari's
// vowel signs and virama, a decomposed é), and no break comes before one.
func TestMarksInWords(t *testing.T) {
	for _, tc := range []struct{ lang, word string }{
		{"hi", "प्रधानमंत्री"},
		{"fr", "hyphe\u0301nation"},
		{"en", "cafe\u0301teria"},
		{"it", "pre\u0301historique"}, // the patterns alone would break "pre-́hi"
	} {
		h, err := ForLang(tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		rs := []rune(tc.word)
		points := h.Points(tc.word)
		if len(points) == 0 {
			t.Errorf("%s %q: no breaks", tc.lang, tc.word)
		}
		for _, p := range points {
			if unicode.IsMark(rs[p]) {
				t.Errorf("%s %q: a break before the mark at %d (%v)", tc.lang, tc.word, p, points)
			}
		}
	}
}
