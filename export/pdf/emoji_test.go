package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/testfont"
	"github.com/galley-pub/galley/internal/validate"
)

// colorEmojiFont is Debian's colour emoji face (fonts-noto-color-emoji):
// CBDT bitmaps, no outlines.
const colorEmojiFont = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"

// TestColorEmoji draws emoji with only a colour-bitmap face to draw them
// (no Symbola): each is an image of its glyph, as wide as its advance,
// drawn once a glyph and placed on the line, and it copies and reads as
// its text (ActualText), a skin-tone sequence as one.
func TestColorEmoji(t *testing.T) {
	if _, err := os.Stat(colorEmojiFont); err != nil {
		validate.Missing(t, "Noto Color Emoji", "apt-get install fonts-noto-color-emoji")
	}
	validate.RequireTool(t, "pdftotext")
	validate.RequireTool(t, "pdfimages")
	dir := t.TempDir()
	if err := os.Symlink(colorEmojiFont, filepath.Join(dir, "NotoColorEmoji.ttf")); err != nil {
		t.Fatal(err)
	}
	text := "Smile 😀 and thumbs 👍🏽 and smile 😀 again."
	d, ld, glyphs := colorLine(t, dir, "Emoji", text)
	if len(glyphs) != 3 || glyphs[0].Text != "😀" || glyphs[1].Text != "👍🏽" || glyphs[0].Key != glyphs[2].Key {
		t.Fatalf("glyph images %+v, want 😀, 👍🏽 (one glyph) and 😀 again, drawn from one image", glyphs)
	}
	for _, g := range glyphs {
		if !(g.W > 5 && g.W < 20 && g.H > 5 && g.H < 20) {
			t.Errorf("%s drawn %gx%g pt, want about the body's size", g.Text, g.W, g.H)
		}
	}
	got, list := drawAndRead(t, ld, d, filepath.Join(dir, "emoji.pdf"))
	if !strings.Contains(got, "Smile 😀 and thumbs 👍🏽 and smile 😀 again.") {
		t.Errorf("pdftotext: %q, want the line with its emoji", got)
	}
	objects := map[string]bool{}
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); len(f) > 10 && f[2] == "image" {
			objects[f[10]] = true
		}
	}
	if len(objects) != 2 {
		t.Errorf("%d image objects in the PDF, want the two glyphs'\n%s", len(objects), list)
	}
}

// TestColorLayersDrawn: text in a face of colour layers (COLR version 0)
// is drawn as its glyphs' images, painted in the palette's colours, and
// reads as its text.
func TestColorLayersDrawn(t *testing.T) {
	validate.RequireTool(t, "pdftotext")
	validate.RequireTool(t, "pdfimages")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "layers.ttf"), testfont.COLR(t), 0o644); err != nil {
		t.Fatal(err)
	}
	text := "Mark " + string(testfont.ColorChar) + " here."
	d, ld, glyphs := colorLine(t, dir, "Layers", text)
	if len(glyphs) != 1 || glyphs[0].Text != string(testfont.ColorChar) {
		t.Fatalf("glyph images %+v, want the one character's", glyphs)
	}
	got, list := drawAndRead(t, ld, d, filepath.Join(dir, "layers.pdf"))
	if !strings.Contains(got, text) {
		t.Errorf("pdftotext: %q, want %q", got, text)
	}
	images := 0
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); len(f) > 3 && f[2] == "image" && f[3] == "106" {
			images++
		}
	}
	if images != 1 {
		t.Errorf("%d glyph images in the PDF, want one, its advance wide\n%s", images, list)
	}
}

// colorLine lays out a paragraph of text with the faces found in dir as
// fallbacks, one of them a colour face, and returns the glyph images it
// became; no text may be left in the colour face.
func colorLine(t *testing.T, dir, title, text string) (*doc.Document, *layout.Document, []*layout.ImageItem) {
	t.Helper()
	base, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	set, taken, err := base.WithFallbacks(fonts.FallbackOptions{Dirs: []string{dir}}, []rune(text))
	if err != nil || len(taken) != 1 {
		t.Fatalf("fallbacks %v, %v; want the colour face", taken, err)
	}
	d := &doc.Document{Meta: doc.Meta{Title: title, Lang: "en"},
		Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: text}}}}}
	ld, err := layout.Layout(d, layout.Options{Paper: layout.A4(), Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var glyphs []*layout.ImageItem
	for _, it := range ld.Pages[0].Items {
		if im, ok := it.(*layout.ImageItem); ok && im.Text != "" {
			glyphs = append(glyphs, im)
		}
		if tx, ok := it.(*layout.Text); ok && set.IsColor(tx.Font.Family) {
			t.Errorf("text %q left in the colour face", tx.Text)
		}
	}
	return d, ld, glyphs
}

// drawAndRead draws ld into a PDF at path, checks it (validate.PDF), and
// returns its text (pdftotext) and its list of images (pdfimages -list).
func drawAndRead(t *testing.T, ld *layout.Document, d *doc.Document, path string) (text, images string) {
	t.Helper()
	out, err := Draw(ld, d, modified)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	validate.PDF(t, path)
	got, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(got), string(list)
}

// TestEmojiPresentationFaces: with a colour face and a face of outlines
// (Symbola) both at hand, every character shown as an emoji by default
// (🎉, 🥳, ⌚), or asked for as one with U+FE0F (❤️), is drawn from the
// colour face, as browsers draw it, though Symbola has some of them: a
// line's emoji look alike. Text symbols (❤ and ☺ without U+FE0F) keep
// the outlines, and a ZWJ sequence stays one glyph (the family 👨‍👩‍👧).
func TestEmojiPresentationFaces(t *testing.T) {
	const symbola = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
	for _, f := range []string{colorEmojiFont, symbola} {
		if _, err := os.Stat(f); err != nil {
			validate.Missing(t, f, "apt-get install fonts-noto-color-emoji fonts-symbola")
		}
	}
	dir := t.TempDir()
	for _, f := range []string{colorEmojiFont, symbola} {
		if err := os.Symlink(f, filepath.Join(dir, filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
	text := "Party 🎉 🥳 at ⌚, a family 👨\u200d👩\u200d👧, hearts ❤\ufe0f and ❤, a smile ☺."
	base, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	set, _, err := base.WithFallbacks(fonts.FallbackOptions{Dirs: []string{dir}}, []rune(text))
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Meta: doc.Meta{Title: "Emoji", Lang: "en"},
		Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: text}}}}}
	ld, err := layout.Layout(d, layout.Options{Paper: layout.A4(), Fonts: set}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var images []string
	outlined := ""
	for _, it := range ld.Pages[0].Items {
		switch it := it.(type) {
		case *layout.ImageItem:
			if it.Text != "" {
				images = append(images, it.Text)
			}
		case *layout.Words:
			for i := range it.Len() {
				if w := it.Text(i); w.Font.Family.IsFallback() && !set.IsColor(w.Font.Family) {
					outlined += w.Text
				}
			}
		case *layout.Text:
			if it.Font.Family.IsFallback() && !set.IsColor(it.Font.Family) {
				outlined += it.Text
			}
		}
	}
	if want := []string{"🎉", "🥳", "⌚", "👨\u200d👩\u200d👧", "❤\ufe0f"}; !slices.Equal(images, want) {
		t.Errorf("drawn from the colour face: %q, want %q", images, want)
	}
	if !strings.Contains(outlined, "❤") || !strings.Contains(outlined, "☺") || strings.ContainsAny(outlined, "🎉🥳⌚👨") {
		t.Errorf("drawn in outlines: %q, want ❤ and ☺ alone", outlined)
	}
}

// TestEmojiWithoutColorFace: with no colour face, the emoji take the face
// of outlines that has them (Symbola), the same one the text symbols
// take, found once.
func TestEmojiWithoutColorFace(t *testing.T) {
	const symbola = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
	if _, err := os.Stat(symbola); err != nil {
		validate.Missing(t, symbola, "apt-get install fonts-symbola")
	}
	dir := t.TempDir()
	if err := os.Symlink(symbola, filepath.Join(dir, "Symbola_hint.ttf")); err != nil {
		t.Fatal(err)
	}
	base, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	set, taken, err := base.WithFallbacks(fonts.FallbackOptions{Dirs: []string{dir}}, []rune("☺ 🎉 ⌚ ❤"))
	if err != nil {
		t.Fatal(err)
	}
	if len(taken) != 1 || len(set.Fallbacks()) != 1 {
		t.Fatalf("faces taken %q, families %d; want Symbola once", taken, len(set.Fallbacks()))
	}
	for _, r := range "☺🎉⌚❤" {
		if !set.FamilyCovers(set.Fallbacks()[0], r) {
			t.Errorf("%c is not drawn", r)
		}
	}
}
