package export

import (
	"bytes"
	"encoding/xml"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// traced is the part of `mutool trace` output the glyph checks read: every
// glyph drawn, with its span's font and size.
type traced struct {
	Pages []struct {
		Texts []struct {
			Spans []tracedSpan `xml:"span"`
		} `xml:"fill_text"`
	} `xml:"page"`
}

type tracedSpan struct {
	Font   string        `xml:"font,attr"`
	Trm    string        `xml:"trm,attr"`
	Glyphs []tracedGlyph `xml:"g"`
}

type tracedGlyph struct {
	Unicode string  `xml:"unicode,attr"`
	Glyph   *int    `xml:"glyph,attr"` // absent on the extra characters of a ligature
	X       float64 `xml:"x,attr"`
	Adv     float64 `xml:"adv,attr"`
}

// size is the span's font size, the first number of its text matrix.
func (s tracedSpan) size() float64 {
	var v float64
	for _, f := range strings.Fields(s.Trm)[:1] {
		for _, c := range f {
			if c >= '0' && c <= '9' {
				v = v*10 + float64(c-'0')
			} else {
				break
			}
		}
		if i := strings.IndexByte(f, '.'); i >= 0 {
			frac, k := 0.0, 0.1
			for _, c := range f[i+1:] {
				frac += float64(c-'0') * k
				k /= 10
			}
			v += frac
		}
	}
	return v
}

// text is the span's characters in drawing order.
func (s tracedSpan) text() string {
	var b strings.Builder
	for _, g := range s.Glyphs {
		b.WriteString(g.Unicode)
	}
	return b.String()
}

// TestTextEngineGlyphs builds testdata/scripts/multiscript.md and checks,
// glyph by glyph in `mutool trace`, what the text engine promises: kerning,
// ligatures, Arabic joining and order, Hebrew order, Devanagari conjuncts,
// CJK from the system's fonts inside the text block, and characters
// beyond the Basic Multilingual Plane drawn with real glyphs (the emoji
// from the colour face, as an image that reads as its text).
func TestTextEngineGlyphs(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "mutool")
	for _, font := range []string{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"} {
		if _, err := os.Stat(font); err != nil {
			validate.Missing(t, font, "apt-get install fonts-noto-cjk fonts-symbola")
		}
	}
	res, err := newBuilder(t).Build(filepath.Join("testdata", "scripts", "multiscript.md"),
		testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats = []Format{PDF} }))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	raw, err := os.ReadFile(res.Artifacts[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	raw = validate.Objects(t, raw)
	for _, lang := range []string{"ar", "he", "hi", "th", "zh", "ja", "ko"} {
		if !strings.Contains(string(raw), "/Lang("+lang+")") {
			t.Errorf("no structure element has /Lang(%s)", lang)
		}
	}
	checkGlyphTrace(t, res.Artifacts[0].Path, true)
}

// checkGlyphTrace runs the text engine's glyph checks on the PDF at path,
// from `mutool trace`: those of any engine that shapes, and with ours
// also where galley puts CJK (its fonts and text block).
func checkGlyphTrace(t *testing.T, path string, ours bool) {
	t.Helper()
	out, err := exec.Command("mutool", "trace", path).Output()
	if err != nil {
		t.Fatalf("mutool trace: %v", err)
	}
	var tr traced
	if err := xml.Unmarshal(out, &tr); err != nil {
		t.Fatal(err)
	}
	var spans []tracedSpan
	for _, p := range tr.Pages {
		for _, ft := range p.Texts {
			spans = append(spans, ft.Spans...)
		}
	}
	// Engines may map ligatures and contextual forms to Unicode's
	// presentation forms (Chromium writes U+FB03 for ffi, U+FEDF for an
	// initial lam): compare letters.
	for i := range spans {
		for j := range spans[i].Glyphs {
			if u := spans[i].Glyphs[j].Unicode; strings.ContainsFunc(u, func(r rune) bool { return r >= 0xFB00 && r <= 0xFEFF }) {
				spans[i].Glyphs[j].Unicode = norm.NFKC.String(u)
			}
		}
	}
	find := func(what string, ok func(tracedSpan) bool) []tracedSpan {
		var out []tracedSpan
		for _, s := range spans {
			if ok(s) {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			t.Errorf("no span of %s", what)
		}
		return out
	}
	has := func(sub string) func(tracedSpan) bool {
		return func(s tracedSpan) bool { return strings.Contains(s.text(), sub) }
	}

	// Kerning: A–V and T–o drawn closer than A's and T's advances.
	for _, pair := range []string{"AV", "To"} {
		for _, s := range find(pair, has(pair)) {
			for i := 0; i+1 < len(s.Glyphs); i++ {
				a, b := s.Glyphs[i], s.Glyphs[i+1]
				if a.Unicode+b.Unicode == pair && b.X-a.X >= a.Adv*s.size()-0.01 {
					t.Errorf("%s is not kerned: %.3f apart, advance %.3f", pair, b.X-a.X, a.Adv*s.size())
				}
			}
		}
	}
	// Ligatures: "ffi" and "fl" one glyph each, that extracts as its
	// letters (mutool lists the letters after the first with no glyph).
	for _, lig := range []string{"ffi", "fl"} {
		found := false
		for _, s := range find(lig, has(lig)) {
			for i, g := range s.Glyphs {
				if g.Glyph == nil {
					continue
				}
				text := g.Unicode
				for _, next := range s.Glyphs[i+1:] {
					if next.Glyph != nil {
						break
					}
					text += next.Unicode
				}
				found = found || text == lig
			}
		}
		if !found {
			t.Errorf("no %q ligature", lig)
		}
	}
	// Arabic: the same letter in more than one contextual form, and a
	// word's first letter drawn rightmost.
	forms := map[string]map[int]bool{}
	for _, s := range find("Arabic", func(s tracedSpan) bool { return strings.ContainsFunc(s.text(), isArabic) }) {
		for _, g := range s.Glyphs {
			if g.Glyph != nil && strings.ContainsFunc(g.Unicode, isArabic) {
				if forms[g.Unicode] == nil {
					forms[g.Unicode] = map[int]bool{}
				}
				forms[g.Unicode][*g.Glyph] = true
			}
		}
	}
	joined := 0
	for _, ids := range forms {
		if len(ids) > 1 {
			joined++
		}
	}
	if joined < 8 || len(forms["ل"]) < 3 {
		t.Errorf("Arabic letters are not joined: %d of %d letters in more than one form, ل in %d", joined, len(forms), len(forms["ل"]))
	}
	// A word's glyphs are in drawing order in its span (which may hold the
	// line's other words too): reversed, they spell the word.
	rightmostFirst := func(word, first string) {
		n := len([]rune(word))
		found := false
		for _, s := range spans {
			for i := 0; i+n <= len(s.Glyphs); i++ {
				g := s.Glyphs[i : i+n]
				var visual strings.Builder
				for _, x := range g {
					visual.WriteString(x.Unicode)
				}
				if reversed(visual.String()) != word {
					continue
				}
				found = true
				var firstX, maxX float64
				for _, x := range g {
					if x.Unicode == first {
						firstX = x.X
					}
					maxX = max(maxX, x.X)
				}
				if firstX != maxX {
					t.Errorf("%s: its first letter %s is at x %.2f, not rightmost (%.2f)", word, first, firstX, maxX)
				}
			}
		}
		if !found {
			t.Errorf("no glyphs spell %s", word)
		}
	}
	rightmostFirst("עברית", "ע")
	rightmostFirst("سامية", "س")
	// Devanagari: conjuncts make fewer glyphs than characters.
	glyphs, chars := 0, 0
	for _, s := range find("Devanagari", func(s tracedSpan) bool { return strings.ContainsFunc(s.text(), isDevanagari) }) {
		for _, g := range s.Glyphs {
			if g.Glyph != nil {
				glyphs++
			}
			chars += len([]rune(g.Unicode))
		}
	}
	if glyphs == 0 || glyphs >= chars {
		t.Errorf("Devanagari: %d glyphs for %d characters", glyphs, chars)
	}
	// CJK from Noto CJK, no .notdef anywhere, no line past the text block.
	left, _, right, _ := layout.A4().TextBlock()
	for _, s := range find("CJK", func(s tracedSpan) bool { return strings.ContainsFunc(s.text(), isHan) }) {
		if !ours {
			break
		}
		if !strings.Contains(s.Font, "CJK") {
			t.Errorf("CJK text %q in %s", s.text(), s.Font)
		}
		for _, g := range s.Glyphs {
			if g.X < left-0.5 || g.X+g.Adv*s.size() > right+0.5 {
				t.Errorf("%q at %.2f–%.2f lies outside the text block %.2f–%.2f", g.Unicode, g.X, g.X+g.Adv*s.size(), left, right)
			}
		}
	}
	drawn := map[string]bool{}
	for _, s := range spans {
		for _, g := range s.Glyphs {
			if g.Glyph != nil && *g.Glyph == 0 {
				t.Errorf("%q is drawn as .notdef in %s", g.Unicode, s.Font)
			}
			if g.Glyph != nil {
				drawn[g.Unicode] = true
			}
		}
	}
	for _, c := range []string{"😀", "𝔸", "𠮟", "。", "한"} {
		if !drawn[c] && !(c == "😀" && colorEmojiDrawn(t, path, out, c)) {
			t.Errorf("%s is not drawn", c)
		}
	}
}

// colorEmojiDrawn reports an emoji drawn from a colour face, as browsers
// draw it: an image on the page (in trace, mutool's output for the PDF at
// path), the emoji its text (pdftotext reads it back).
func colorEmojiDrawn(t *testing.T, path string, trace []byte, emoji string) bool {
	t.Helper()
	if !bytes.Contains(trace, []byte("<fill_image")) {
		return false
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return bytes.Contains(text, []byte(emoji))
}

func isArabic(r rune) bool     { return unicode.Is(unicode.Arabic, r) }
func isDevanagari(r rune) bool { return unicode.Is(unicode.Devanagari, r) }
func isHan(r rune) bool        { return unicode.Is(unicode.Han, r) }

// reversed is s with its characters in the opposite order.
func reversed(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// TestEPUBLangDir checks that the e-book marks the blocks of
// testdata/scripts/multiscript.md written in another script than the
// document's English with their language, and the right-to-left ones
// with their direction, and that EPUBCheck passes it.
func TestEPUBLangDir(t *testing.T) {
	t.Parallel()
	res, err := newBuilder(t).Build(filepath.Join("testdata", "scripts", "multiscript.md"),
		testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats = []Format{EPUB} }))
	if err != nil {
		t.Fatal(err)
	}
	xhtml := epubRaw(t, res.Artifacts[0].Path)
	for _, want := range []string{
		`<p lang="ar" xml:lang="ar" dir="rtl">اللغة`,
		`<p lang="he" xml:lang="he" dir="rtl">עברית`,
		`<p lang="hi" xml:lang="hi">हिन्दी`,
		`<p lang="th" xml:lang="th">ภาษาไทย`,
		`<p lang="zh" xml:lang="zh">中文是`,
		`<p lang="ja" xml:lang="ja">日本語は`,
		`<p lang="ko" xml:lang="ko">한국어는`,
		`<p>To AVOID`,
		`<p>An emoji`,
	} {
		if !strings.Contains(xhtml, want) {
			t.Errorf("the EPUB lacks %s", want)
		}
	}
	if strings.Count(xhtml, `dir="rtl"`) != 4 { // two headings, two paragraphs
		t.Errorf("%d right-to-left blocks, want 4", strings.Count(xhtml, `dir="rtl"`))
	}
	validate.EPUBCheck(t, res.Artifacts[0].Path)
}

// TestGlyphChecksOnChromium runs the glyph checks of TestTextEngineGlyphs
// on Chromium's --print-to-pdf of the same page (its EPUB chapters as one
// HTML file): HarfBuzz shapes there, so the checks must pass on it, or
// they check something else than shaping.
func TestGlyphChecksOnChromium(t *testing.T) {
	t.Parallel() // a browser run: overlaps the package's other work
	validate.RequireTool(t, "mutool")
	chromium := validate.Chromium()
	if _, err := os.Stat(chromium); err != nil {
		validate.Missing(t, "chromium", "apt-get install chromium")
	}
	dir := t.TempDir()
	res, err := newBuilder(t).Build(filepath.Join("testdata", "scripts", "multiscript.md"),
		testOptions(dir, func(o *options.Options) { o.Output.Formats = []Format{EPUB} }))
	if err != nil {
		t.Fatal(err)
	}
	files := readZip(t, res.Artifacts[0].Path)
	var html strings.Builder
	html.WriteString("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><style>body{font-family:'Noto Serif',serif;font-size:11pt}</style></head><body>\n")
	for _, name := range slices.Sorted(maps.Keys(files)) { // chapter-1 … chapter-9: in order
		if !strings.HasPrefix(name, "EPUB/chapter-") {
			continue
		}
		body := string(files[name])
		if i, j := strings.Index(body, "<body"), strings.LastIndex(body, "</body>"); i >= 0 && j > i {
			html.WriteString(body[strings.Index(body[i:], ">")+i+1 : j])
		}
	}
	html.WriteString("</body></html>\n")
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte(html.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "chromium.pdf")
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+page)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, msg)
	}
	checkGlyphTrace(t, out, false)
}

// TestThaiMarksMapToThemselves: a Thai base and the mark the shaper puts
// on it each map to their own character in the ToUnicode map, so that
// text read glyph by glyph (mutool) gives the words as written (mapping
// the whole cluster to its first glyph made every later "น" read "น่");
// and where the map cannot say it (a sara am the shaper split in two, a
// Devanagari vowel sign drawn before its consonant), poppler reads the
// ActualText, which it takes from a Span only.
func TestThaiMarksMapToThemselves(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "mutool")
	validate.RequireTool(t, "pdftotext")
	if systemFontFor(t, 'น') == "" || systemFontFor(t, 'न') == "" {
		validate.Missing(t, "system fonts that draw Thai and Devanagari", "apt-get install fonts-noto-core")
	}
	src := filepath.Join(t.TempDir(), "th.md")
	words := "แน่นอน ที่มี ภาษาไทย"
	split := "ของคำแน่นอน"
	hindi := "नमस्ते दुनिया"
	if err := os.WriteFile(src, []byte("---\ntitle: Thai\nlang: th\n---\n\n"+words+"\n\n"+split+"\n\n"+hindi+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := newBuilder(t).Build(src, testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats = []Format{PDF} }))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mutool", "draw", "-F", "txt", res.Artifacts[0].Path, "1").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), words) {
		t.Errorf("mutool reads %q, want %q", out, words)
	}
	text, err := exec.Command("pdftotext", res.Artifacts[0].Path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{words, split, hindi} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext reads %q, want %q in it", text, want)
		}
	}
}
