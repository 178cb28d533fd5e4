package pdf

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
)

// face is one embedded face as fpdf knows it: the family's PDF name and a
// style of "", "B", "I" or "BI".
type face struct {
	family fonts.Family
	style  fonts.Style
}

// faceOf normalizes a font reference: the mono family has no italics, and
// its italic styles draw with the upright faces (as fonts.FileName does), so
// they share one embedded font.
func faceOf(ref layout.FontRef) face {
	st := ref.Style & fonts.BoldItalic
	if ref.Family.IsFallback() {
		st = fonts.Regular // a fallback face has no other styles
	}
	if ref.Family == fonts.Mono {
		st &^= fonts.Italic
	}
	return face{family: ref.Family, style: st}
}

// name is the family name registered with fpdf, e.g. "NotoSerif".
func (fc face) name() string { return fc.family.String() }

// styleString is the fpdf style: "", "B", "I" or "BI".
func (fc face) styleString() string {
	return [...]string{"", "B", "I", "BI"}[fc.style]
}

func (fc face) String() string { return fonts.FileName(fc.family, fc.style) }

// checkFonts lists the faces the pages use, in a fixed order, and makes sure
// every Text item can be drawn: valid UTF-8, characters in the Basic
// Multilingual Plane (fpdf encodes glyphs as 16-bit codes) and covered by the
// face. fpdf would panic or write a corrupt file otherwise.
func checkFonts(ld *layout.Document) ([]face, error) {
	fallbacks := 0
	if ld.Fonts != nil {
		fallbacks = len(ld.Fonts.Fallbacks())
	}
	metrics := map[face]*fonts.Face{}
	for i, p := range ld.Pages {
		for _, it := range p.Items {
			t, ok := it.(*layout.Text)
			if !ok || t == nil {
				continue
			}
			if t.Font.Family < fonts.Serif || t.Font.Family > fonts.Mono+fonts.Family(fallbacks) {
				return nil, fmt.Errorf("pdf: page %d: text %q: unknown font family %d", i+1, t.Text, t.Font.Family)
			}
			fc := faceOf(t.Font)
			m, ok := metrics[fc]
			if !ok {
				var err error
				if m, err = parseFace(ld.Fonts, fc); err != nil {
					return nil, err
				}
				metrics[fc] = m
			}
			if err := checkText(m, t.Text); err != nil {
				return nil, fmt.Errorf("pdf: page %d: text %q in %s: %w", i+1, t.Text, fc, err)
			}
		}
	}
	used := make([]face, 0, len(metrics))
	for fc := range metrics {
		used = append(used, fc)
	}
	sort.Slice(used, func(i, j int) bool {
		if used[i].family != used[j].family {
			return used[i].family < used[j].family
		}
		return used[i].style < used[j].style
	})
	return used, nil
}

// parseFace reads the metrics of one embedded face.
func parseFace(set *fonts.Set, fc face) (*fonts.Face, error) {
	data, err := faceData(set, fc)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	m, err := fonts.Parse(fc.String(), data)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return m, nil
}

// checkText reports the first character of s that the face cannot draw.
func checkText(m *fonts.Face, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("invalid UTF-8")
	}
	for _, r := range s {
		if r > 0xFFFF {
			return fmt.Errorf("character %U is outside the Basic Multilingual Plane", r)
		}
		if !m.Has(r) {
			return fmt.Errorf("character %U is not in the font", r)
		}
	}
	return nil
}

// registerFonts embeds the faces the document uses, and only those.
func registerFonts(f *fpdf.Fpdf, set *fonts.Set, faces []face) error {
	for _, fc := range faces {
		data, err := faceData(set, fc)
		if err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		f.AddUTF8FontFromBytes(fc.name(), fc.styleString(), data)
		if err := f.Error(); err != nil {
			return fmt.Errorf("pdf: embedding %s: %w", fc, err)
		}
	}
	return nil
}

// selectFirst makes the first face current before any page is added, so
// that fpdf, which encodes bookmark titles as Unicode only while a Unicode
// font is selected, does so from the first page on.
func selectFirst(f *fpdf.Fpdf, faces []face) {
	if len(faces) > 0 {
		f.SetFont(faces[0].name(), faces[0].styleString(), 10)
	}
}

// faceData returns the TTF bytes of a face: from the document's font set,
// which also holds the fallback faces found on the system, or else from the
// embedded fonts.
func faceData(set *fonts.Set, fc face) ([]byte, error) {
	if set != nil {
		return set.Data(fc.family, fc.style)
	}
	return fonts.Data(fc.family, fc.style)
}
