package epub

import (
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/fonts"
)

// TestEmbeddedFacesAreSubsets renders books with embedded fonts and wants
// each packed face far smaller than the whole face, with its kerning and
// ligature tables, mapping every character of the book's text that the
// whole face maps, and no character the book never shows.
func TestEmbeddedFacesAreSubsets(t *testing.T) {
	t.Parallel()
	d, opts := testBook(t)
	opts.Settings.EmbedFonts = true
	checkSubsets(t, d, opts)

	intl := &doc.Document{Pos: at(1, 1), Meta: doc.Meta{Title: "Đà Lạt"}, Blocks: []doc.Block{
		heading(2, 1, "", "Ελληνικά και Ærø"),
		para(4, txt("Hà Nội, «Ærøskøbing» — naïve "), &doc.Emphasis{Content: []doc.Inline{txt("Жизнь ő")}},
			txt(" "), &doc.Code{Pos: at(4, 50), Value: "ĐÕ(x)"}),
	}}
	checkSubsets(t, intl, Options{Settings: options.EPUB{EmbedFonts: true}})
}

// checkSubsets renders the book and checks its packed faces.
func checkSubsets(t *testing.T, d *doc.Document, opts Options) {
	t.Helper()
	out, _ := render(t, d, opts)
	var text []rune
	faces := 0
	for _, f := range unzip(t, out) {
		if path.Ext(f.Name) == ".xhtml" {
			text = append(text, xmlText(t, f.Name, readEntry(t, f))...)
		}
	}
	slices.Sort(text)
	text = slices.Compact(text)
	if len(text) < 30 {
		t.Fatalf("only %d characters in the book's text", len(text))
	}
	for _, f := range unzip(t, out) {
		name, ok := strings.CutPrefix(f.Name, "EPUB/fonts/")
		if !ok {
			continue
		}
		faces++
		packed := readEntry(t, f)
		whole := wholeFace(t, name)
		t.Logf("%s: %d bytes, the whole face %d", name, len(packed), len(whole))
		if len(packed) > len(whole)/4 {
			t.Errorf("%s: %d bytes, more than a quarter of the whole face (%d)", name, len(packed), len(whole))
		}
		dir := packed[:min(len(packed), 12+16*int(packed[5]))]
		for _, tag := range []string{"GSUB", "GPOS"} {
			if !strings.Contains(string(dir), tag) {
				t.Errorf("%s has no %s table", name, tag)
			}
		}
		sub, err := sfnt.Parse(packed)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		orig, err := sfnt.Parse(whole)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		has := func(f *sfnt.Font, r rune) bool {
			x, err := f.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatalf("%s: GlyphIndex(%q): %v", name, r, err)
			}
			return x != 0
		}
		for _, r := range text {
			if has(orig, r) && !has(sub, r) {
				t.Errorf("%s lacks %q (U+%04X), which the book shows", name, r, r)
			}
		}
		for _, r := range "ЮΨ€ŵ" {
			if slices.Contains(text, r) {
				t.Fatalf("the book shows %q", r)
			}
			if has(sub, r) {
				t.Errorf("%s maps %q, which the book never shows", name, r)
			}
		}
		if sub.NumGlyphs() != orig.NumGlyphs() {
			t.Errorf("%s: %d glyph slots, the whole face %d: ids must stay for GSUB and GPOS", name, sub.NumGlyphs(), orig.NumGlyphs())
		}
	}
	if faces == 0 {
		t.Fatal("no fonts packed")
	}
}

// wholeFace returns the embedded face a packed file name stands for.
func wholeFace(t *testing.T, name string) []byte {
	t.Helper()
	for _, f := range fonts.Families() {
		for _, s := range fonts.Styles() {
			if fonts.FileName(f, s) == name {
				data, err := fonts.Data(f, s)
				if err != nil {
					t.Fatal(err)
				}
				return data
			}
		}
	}
	t.Fatalf("no face is packed as %s", name)
	return nil
}

// xmlText returns the characters of an XHTML file's text and attribute
// values, references decoded.
func xmlText(t *testing.T, name string, data []byte) []rune {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	var out []rune
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			out = append(out, []rune(strings.TrimSpace(string(tok)))...)
		case xml.StartElement:
			for _, a := range tok.Attr {
				if a.Name.Local == "alt" || a.Name.Local == "title" || a.Name.Local == "aria-label" {
					out = append(out, []rune(a.Value)...)
				}
			}
		}
	}
}

// TestShownRunes checks that character references are decoded, upper
// cases added, invalid bytes skipped and the result sorted without
// repeats.
func TestShownRunes(t *testing.T) {
	t.Parallel()
	got := shownRunes([]*zipFile{
		{name: "a.xhtml", data: []byte("<p title=\"Ж\">&#233;&#x151;&#X1F600; &#xD800; &#;&#99999999999; \xff Ω Ω</p>")},
		{name: "b.css", data: []byte("a::after { content: \"→\"; }")},
	})
	for _, r := range "é\u0151\U0001F600ЖΩ→ ~a\u2010\u00adÉ\u0150" {
		if !slices.Contains(got, r) {
			t.Errorf("lacks %q", r)
		}
	}
	for _, r := range []rune{0xD800, 0xFFFD - 1, '\n', 0x7F} {
		if slices.Contains(got, r) {
			t.Errorf("has U+%04X", r)
		}
	}
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Error("not sorted or with repeats")
	}
}
