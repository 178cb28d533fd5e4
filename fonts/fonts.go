// Package fonts embeds galley's default type: Noto Serif for body text, Noto
// Sans for headings and Noto Sans Mono for code, each licensed under the SIL
// Open Font License 1.1 (OFL.txt beside the files). They cover Latin
// (including Vietnamese), Greek and Cyrillic.
//
// Besides the raw TTF bytes, the package reads the metrics a layout engine
// needs (advance widths, ascent, descent, character coverage) with a small
// pure-Go parser, so that layout never depends on the PDF library.
package fonts

import (
	"embed"
	"fmt"

	gofont "github.com/go-text/typesetting/font"
)

//go:embed *.ttf
var files embed.FS

// Family is one of the three embedded type families.
type Family int

// The families.
const (
	Serif Family = iota // body text
	Sans                // headings, running heads, captions
	Mono                // code
)

// Style is a face within a family.
type Style int

// The styles. Bold and Italic combine as flags.
const (
	Regular    Style = 0
	Bold       Style = 1
	Italic     Style = 2
	BoldItalic Style = Bold | Italic
)

// String names the family as used in PDF font names.
func (f Family) String() string {
	if f.IsFallback() {
		return fallbackName(f)
	}
	switch f {
	case Sans:
		return "NotoSans"
	case Mono:
		return "NotoSansMono"
	}
	return "NotoSerif"
}

// String names the style as used in file names.
func (s Style) String() string {
	return [...]string{"Regular", "Bold", "Italic", "BoldItalic"}[s&BoldItalic]
}

// FileName returns the name of the embedded TTF file that serves the family
// and style. The mono family has no italics; its italic styles fall back to
// the upright faces.
func FileName(f Family, s Style) string {
	s &= BoldItalic
	if f == Mono {
		s &^= Italic
	}
	return f.String() + "-" + s.String() + ".ttf"
}

// Data returns the TTF bytes for the family and style.
func Data(f Family, s Style) ([]byte, error) {
	b, err := files.ReadFile(FileName(f, s))
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	return b, nil
}

// Families lists the families in a fixed order.
func Families() []Family { return []Family{Serif, Sans, Mono} }

// Styles lists the styles in a fixed order.
func Styles() []Style { return []Style{Regular, Bold, Italic, BoldItalic} }

// Set holds the parsed metrics of every embedded face. It is read-only after
// LoadSet and safe for concurrent use.
type Set struct {
	faces     [3][4]*Face
	data      [3][4][]byte       // the embedded files, read once: every build of a batch shares them
	fonts     [3][4]*gofont.Font // the same faces for the shaper (safe for concurrent use)
	fallbacks []fallback         // faces found on the system, tried after the embedded ones
}

// LoadSet parses every embedded face.
func LoadSet() (*Set, error) {
	s := &Set{}
	for _, f := range Families() {
		for _, st := range Styles() {
			data, err := Data(f, st)
			if err != nil {
				return nil, err
			}
			face, err := Parse(FileName(f, st), data)
			if err != nil {
				return nil, err
			}
			ft, err := parseFont(FileName(f, st), data)
			if err != nil {
				return nil, err
			}
			s.faces[f][st], s.data[f][st], s.fonts[f][st] = face, data, ft
		}
	}
	return s, nil
}

// Face returns the metrics of one face.
// A fallback family has a regular face, and a bold one for the bold
// styles when its family has one; an unknown family gets the serif face.
func (s *Set) Face(f Family, st Style) *Face {
	if f.IsFallback() {
		if i := int(f - firstFallback); i < len(s.fallbacks) {
			return s.fallbacks[i].variant(st).face
		}
		f = Serif
	}
	if f < Serif {
		f = Serif
	}
	return s.faces[f][st&BoldItalic]
}

// Covers reports whether some face of the set (embedded or fallback) can draw r: the test for a
// character the PDF can print, since the layout falls back from one family
// to the next.
func (s *Set) Covers(r rune) bool {
	for _, f := range Families() {
		if s.faces[f][Regular].Has(r) {
			return true
		}
	}
	for _, fb := range s.fallbacks {
		if fb.face.Has(r) {
			return true
		}
	}
	return false
}
