// Package theme is the one table of what both renderers show alike: the
// callout kinds with their titles and colours, the font roles (which
// face sets which kind of text), and the inks of code syntax. The Markdown reader takes the callout
// kinds from it, the PDF layout its colours and faces, and the EPUB its
// titles, the stylesheet's rules and the faces --embed-fonts packs.
package theme

import (
	"fmt"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

// Color is an sRGB colour written 0xRRGGBB.
type Color uint32

// RGB returns the colour's components.
func (c Color) RGB() (r, g, b uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }

// CSS writes the colour as #rrggbb.
func (c Color) CSS() string { return fmt.Sprintf("#%06x", uint32(c)) }

// Callout is one kind of callout (GitHub's alerts: `> [!TIP]`).
type Callout struct {
	Kind   string // as written in the marker, lower case
	Title  string // the title of a callout that gives none
	Accent Color  // the bar and the title
	Tint   Color  // the background
}

// Callouts lists the kinds; the first is the default (a callout of a kind
// not listed takes its colours).
var Callouts = []Callout{
	{Kind: "note", Title: "Note", Accent: 0x1f5fa8, Tint: 0xedf3fa},
	{Kind: "tip", Title: "Tip", Accent: 0x2e7d32, Tint: 0xeef6ee},
	{Kind: "important", Title: "Important", Accent: 0x6a3d9a, Tint: 0xf3eff8},
	{Kind: "warning", Title: "Warning", Accent: 0x9a5c00, Tint: 0xfcf5e8},
	{Kind: "caution", Title: "Caution", Accent: 0xb3261e, Tint: 0xfbeeed},
}

// MarkGround is the ground highlighted text (<mark>) is set on, in both
// outputs: a pale yellow that keeps the text's contrast.
const MarkGround Color = 0xfff2a8

// IsCalloutKind reports whether kind (lower case) is one of the table's.
func IsCalloutKind(kind string) bool {
	for _, c := range Callouts {
		if c.Kind == kind {
			return true
		}
	}
	return false
}

// CalloutFor returns the callout of kind (in any case; "" is a note). A
// kind not in the table keeps its name, capitalised, as its title and
// takes the note's colours.
func CalloutFor(kind string) Callout {
	k := strings.ToLower(strings.TrimSpace(kind))
	if k == "" {
		return Callouts[0]
	}
	for _, c := range Callouts {
		if c.Kind == k {
			return c
		}
	}
	c := Callouts[0]
	c.Kind, c.Title = k, strings.ToUpper(k[:1])+k[1:]
	return c
}

// Role is a kind of text set in a face of its own.
type Role int

// The roles.
const (
	Body         Role = iota // running text, lists, notes, navigation
	Heading                  // headings, the title
	CalloutTitle             // a callout's title line
	TableHead                // a table's header cells
	Code                     // code spans and blocks
)

// roleFace is one row of the font-role table.
type roleFace struct {
	family   fonts.Family
	style    fonts.Style
	selector string // the EPUB stylesheet's selectors for the role
}

var roles = [...]roleFace{
	Body:         {fonts.Serif, fonts.Regular, "body"},
	Heading:      {fonts.Sans, fonts.Bold, "h1, h2, h3, h4, h5, h6"},
	CalloutTitle: {fonts.Sans, fonts.Bold, ".callout-title"},
	TableHead:    {fonts.Sans, fonts.Bold, "thead th"},
	Code:         {fonts.Mono, fonts.Regular, "code, pre"},
}

// Roles lists every role.
func Roles() []Role { return []Role{Body, Heading, CalloutTitle, TableHead, Code} }

// Face returns the family and style a role is set in.
func (r Role) Face() (fonts.Family, fonts.Style) { return roles[r].family, roles[r].style }

// Selector returns the EPUB stylesheet's selectors for the role.
func (r Role) Selector() string { return roles[r].selector }

// fallbackStacks are the readers' own faces after galley's, per family.
var fallbackStacks = map[fonts.Family]string{
	fonts.Serif: `Georgia, "Times New Roman", serif`,
	fonts.Sans:  `"Helvetica Neue", Helvetica, Arial, sans-serif`,
	fonts.Mono:  `"DejaVu Sans Mono", Menlo, Consolas, monospace`,
}

// FamilyName names a family in the stylesheet's @font-face rules: "Galley
// Serif", "Galley Sans", "Galley Mono".
func FamilyName(f fonts.Family) string {
	switch f {
	case fonts.Sans:
		return "Galley Sans"
	case fonts.Mono:
		return "Galley Mono"
	}
	return "Galley Serif"
}

// CSS is the stylesheet's rules made from the table: each role's font
// stack, weight and slant, and each callout kind's colours. With embedded
// set the stacks start with galley's own faces (FamilyName).
func CSS(embedded bool) string {
	var b strings.Builder
	b.WriteString("/* Font roles, callout colours and code inks (export/theme). */\n")
	for _, r := range Roles() {
		f, s := r.Face()
		stack := fallbackStacks[f]
		if embedded {
			stack = `"` + FamilyName(f) + `", ` + stack
		}
		fmt.Fprintf(&b, "%s { font-family: %s;", r.Selector(), stack)
		if s&fonts.Bold != 0 {
			b.WriteString(" font-weight: bold;")
		}
		if s&fonts.Italic != 0 {
			b.WriteString(" font-style: italic;")
		}
		b.WriteString(" }\n")
	}
	def := Callouts[0]
	fmt.Fprintf(&b, ".callout { border-left-color: %s; background-color: %s; }\n", def.Accent.CSS(), def.Tint.CSS())
	for _, c := range Callouts {
		fmt.Fprintf(&b, ".callout-%s { border-left-color: %s; background-color: %s; }\n.callout-%s .callout-title { color: %s; }\n",
			c.Kind, c.Accent.CSS(), c.Tint.CSS(), c.Kind, c.Accent.CSS())
	}
	fmt.Fprintf(&b, ".mark { background-color: %s; }\n", MarkGround.CSS())
	for _, c := range CodeClasses()[1:] { // plain code is in the text's colour
		ink, bold := CodeInk(c)
		fmt.Fprintf(&b, "code .hl-%s { color: %s;", c, ink.CSS())
		if bold {
			b.WriteString(" font-weight: bold;")
		}
		b.WriteString(" }\n")
	}
	return b.String()
}

// CodeInk is the ink of a class of code syntax, and whether it is set
// bold, in both outputs: each dark enough to read on the code block's
// ground in print and on screen (4.5:1 or more on the e-book's #f5f5f2, as
// WCAG AA asks), and apart in greyscale, where keywords are bold,
// comments a lighter grey, strings and numbers mid-dark.
func CodeInk(c doc.CodeClass) (ink Color, bold bool) {
	switch c {
	case doc.CodeKeyword:
		return 0x1f3f77, true // dark blue
	case doc.CodeString:
		return 0x2b6a2b, false // dark green
	case doc.CodeNumber:
		return 0x8a3a00, false // brown
	case doc.CodeComment:
		return 0x707070, false // grey
	case doc.CodeBuiltin:
		return 0x5a2d82, false // dark purple
	}
	return 0x303030, false // near black
}

// CodeClasses lists the classes of code syntax, plain first.
func CodeClasses() []doc.CodeClass {
	return []doc.CodeClass{doc.CodePlain, doc.CodeKeyword, doc.CodeString, doc.CodeNumber, doc.CodeComment, doc.CodeBuiltin}
}
