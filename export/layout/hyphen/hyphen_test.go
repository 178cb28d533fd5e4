package hyphen

import (
	"slices"
	"testing"
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
	for _, lang := range []string{"ko", "fr-FR", "", "x"} {
		h, err := ForLang(lang)
		if err != nil || h != nil {
			t.Errorf("ForLang(%q) = %v, %v; want nil, nil", lang, h, err)
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
	h := &Hyphenator{patterns: map[string][]uint8{}, exceptions: map[string][]int{}}
	if err := h.parse("\\patterns{\na1b\n}\nstray\n"); err == nil {
		t.Error("a word outside the groups should be an error")
	}
	if err := h.parse("\\patterns{ % comment\n.ab3c\n}"); err != nil || !slices.Equal(h.patterns[".abc"], []uint8{0, 0, 0, 3, 0}) {
		t.Errorf("parse: %v, %v", err, h.patterns)
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
	for _, l := range []string{"fr", "it", "ja"} {
		if h, _ := ForLang(l); h != nil {
			t.Errorf("%s has patterns but is not listed", l)
		}
	}
	if !Unhyphenated("ja-JP") || !Unhyphenated("zh") || Unhyphenated("fr") {
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
	if h, err := c.ForLang("fr"); h != nil || err != nil {
		t.Errorf("fr: %v %v", h, err)
	}
}
