// Package fonts embeds galley's default type: Noto Serif for body text, Noto
// Sans for headings, Noto Sans Mono for code and Noto Sans Math for the
// mathematical symbols the others lack (∑, ≤, ∞…), each licensed under
// the SIL Open Font License 1.1 (OFL.txt beside the files). They cover
// Latin (including Vietnamese), Greek and Cyrillic, and mathematics.
//
// Besides the raw TTF bytes, the package reads the metrics a layout engine
// needs (advance widths, ascent, descent, character coverage) with a small
// pure-Go parser, so that layout never depends on the PDF library.
package fonts

import (
	_ "embed"
	"fmt"
	"sync"
	"unsafe"

	gofont "github.com/go-text/typesetting/font"
)

//go:embed NotoSans-Bold.ttf
var ttfNotoSansBold string

//go:embed NotoSans-BoldItalic.ttf
var ttfNotoSansBoldItalic string

//go:embed NotoSans-Italic.ttf
var ttfNotoSansItalic string

//go:embed NotoSans-Regular.ttf
var ttfNotoSansRegular string

//go:embed NotoSansMath-Regular.ttf
var ttfNotoSansMathRegular string

//go:embed NotoSansMono-Bold.ttf
var ttfNotoSansMonoBold string

//go:embed NotoSansMono-Regular.ttf
var ttfNotoSansMonoRegular string

//go:embed NotoSerif-Bold.ttf
var ttfNotoSerifBold string

//go:embed NotoSerif-BoldItalic.ttf
var ttfNotoSerifBoldItalic string

//go:embed NotoSerif-Italic.ttf
var ttfNotoSerifItalic string

//go:embed NotoSerif-Regular.ttf
var ttfNotoSerifRegular string

// The embedded font files, each a string: a face's bytes are read from
// the binary's own pages, never copied onto the heap (embed.FS.ReadFile
// copies: 7 MB a build, most of a handout's faults and a tenth of a
// book's live heap). TestEmbeddedFiles checks the list against the
// directory.

// embedded returns the bytes of an embedded font file.
func embedded(name string) (string, bool) {
	switch name {
	case "NotoSans-Bold.ttf":
		return ttfNotoSansBold, true
	case "NotoSans-BoldItalic.ttf":
		return ttfNotoSansBoldItalic, true
	case "NotoSans-Italic.ttf":
		return ttfNotoSansItalic, true
	case "NotoSans-Regular.ttf":
		return ttfNotoSansRegular, true
	case "NotoSansMath-Regular.ttf":
		return ttfNotoSansMathRegular, true
	case "NotoSansMono-Bold.ttf":
		return ttfNotoSansMonoBold, true
	case "NotoSansMono-Regular.ttf":
		return ttfNotoSansMonoRegular, true
	case "NotoSerif-Bold.ttf":
		return ttfNotoSerifBold, true
	case "NotoSerif-BoldItalic.ttf":
		return ttfNotoSerifBoldItalic, true
	case "NotoSerif-Italic.ttf":
		return ttfNotoSerifItalic, true
	case "NotoSerif-Regular.ttf":
		return ttfNotoSerifRegular, true
	}
	return "", false
}

// Family is one of the four embedded type families.
type Family int32

// The families.
const (
	Serif Family = iota // body text
	Sans                // headings, running heads, captions
	Mono                // code
	Math                // mathematical symbols: a fallback before the system's, one face
)

// Style is a face within a family.
type Style int32

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
	case Math:
		return "NotoSansMath"
	}
	return "NotoSerif"
}

// String names the style as used in file names.
func (s Style) String() string {
	return [...]string{"Regular", "Bold", "Italic", "BoldItalic"}[s&BoldItalic]
}

// FileName returns the name of the embedded TTF file that serves the family
// and style. The mono family has no italics; its italic styles fall back to
// the upright faces. The math family has its regular face alone.
func FileName(f Family, s Style) string {
	return f.String() + "-" + faceStyle(f, s).String() + ".ttf"
}

// faceStyle is the style of the face that serves family f's style s.
func faceStyle(f Family, s Style) Style {
	s &= BoldItalic
	switch f {
	case Mono:
		s &^= Italic
	case Math:
		s = Regular
	}
	return s
}

// Data returns the TTF bytes for the family and style: the binary's own,
// not a copy, so read-only (a write faults) and shared by every caller.
func Data(f Family, s Style) ([]byte, error) {
	data, ok := embedded(FileName(f, s))
	if !ok {
		return nil, fmt.Errorf("fonts: no embedded file %s", FileName(f, s))
	}
	return unsafe.Slice(unsafe.StringData(data), len(data)), nil
}

// Families lists the text families in a fixed order: Math, a face of
// symbols, is tried after them (Covers, and the layout's fallback).
func Families() []Family { return []Family{Serif, Sans, Mono} }

// Styles lists the styles in a fixed order.
func Styles() []Style { return []Style{Regular, Bold, Italic, BoldItalic} }

// Set holds the embedded faces and the fallback faces found for a
// document. It is safe for concurrent use.
type Set struct {
	embedded  *embeddedFaces    // shared by a set and the sets WithFallbacks makes from it
	fallbacks []*fallbackFamily // families found on the system, tried after the embedded ones
	systemErr error             // why WithFallbacks could not list the system's fonts
}

// SystemFontsError reports why the system's fonts could not be listed
// when WithFallbacks looked among them for the set's fallbacks; nil when
// they could, or were not looked at.
func (s *Set) SystemFontsError() error { return s.systemErr }

// embeddedFaces are the embedded faces, each read and parsed the first
// time it is asked for: a handout uses four or five of the ten, and
// parsing them all took 90 ms of a 220 ms build.
type embeddedFaces struct {
	slots [4][4]embeddedFace
}

// embeddedFace is one embedded face, once loaded.
type embeddedFace struct {
	once sync.Once
	face *Face
	data []byte       // the file: every build of a batch shares it
	font *gofont.Font // the same face for the shaper (safe for concurrent use)
	err  error
}

// LoadSet makes the set of embedded faces. It reads and parses the body's
// face (serif regular) at once, and the others when they are first asked
// for; TestLoadSet parses every one.
func LoadSet() (*Set, error) {
	s := &Set{embedded: &embeddedFaces{}}
	if err := s.embedded.get(Serif, Regular).err; err != nil {
		return nil, err
	}
	return s, nil
}

// get returns the embedded face of a family and style, loading it when it
// is first asked for. The mono family's italic styles are its upright
// faces (FileName).
func (e *embeddedFaces) get(f Family, st Style) *embeddedFace {
	if f < Serif || f > Math {
		f = Serif
	}
	st = faceStyle(f, st)
	slot := &e.slots[f][st]
	slot.once.Do(func() {
		name := FileName(f, st)
		if slot.data, slot.err = Data(f, st); slot.err != nil {
			return
		}
		if slot.face, slot.err = Parse(name, slot.data); slot.err != nil {
			return
		}
		slot.font, slot.err = parseFont(name, slot.data)
	})
	return slot
}

// loaded returns the embedded face of a family and style; should one not
// parse (the binary's own files: TestLoadSet parses each), the body's
// face stands in, as for an unknown family.
func (e *embeddedFace) loaded(s *Set) *embeddedFace {
	if e.err != nil {
		return s.embedded.get(Serif, Regular)
	}
	return e
}

// Face returns the metrics of one face.
// A fallback family has a regular face, and a bold one for the bold
// styles when its family has one; an unknown family gets the serif face.
func (s *Set) Face(f Family, st Style) *Face {
	if f.IsFallback() {
		if fb := s.fallbackFace(f, st); fb != nil {
			return fb.face
		}
		f = Serif
	}
	return s.embedded.get(f, st).loaded(s).face
}

// Covers reports whether some face of the set (embedded or fallback) can draw r: the test for a
// character the PDF can print, since the layout falls back from one family
// to the next.
func (s *Set) Covers(r rune) bool {
	for _, f := range Families() {
		if s.Face(f, Regular).Has(r) {
			return true
		}
	}
	if s.Face(Math, Regular).Has(r) { // the symbols, tried after the text, as the layout tries them
		return true
	}
	for _, ff := range s.fallbacks {
		if ff.covers(r) {
			return true
		}
	}
	return false
}
