package theme

import (
	"math"
	"strings"
	"testing"

	"github.com/galley-pub/galley/fonts"
)

func TestCalloutFor(t *testing.T) {
	for i, tc := range []struct {
		kind, wantKind, wantTitle string
		accent                    Color
	}{
		{"", "note", "Note", 0x1f5fa8},
		{"TIP", "tip", "Tip", 0x2e7d32},
		{" caution ", "caution", "Caution", 0xb3261e},
		{"aside", "aside", "Aside", 0x1f5fa8}, // not in the table: the note's colours
	} {
		c := CalloutFor(tc.kind)
		if c.Kind != tc.wantKind || c.Title != tc.wantTitle || c.Accent != tc.accent {
			t.Errorf("%d: CalloutFor(%q) = %+v", i+1, tc.kind, c)
		}
	}
}

// TestCSS: the stylesheet's rules carry every callout's colours and every
// role's face; with embedded fonts the stacks start with galley's faces.
func TestCSS(t *testing.T) {
	css := CSS(false)
	for _, c := range Callouts {
		for _, want := range []string{".callout-" + c.Kind + " { border-left-color: " + c.Accent.CSS() + "; background-color: " + c.Tint.CSS() + "; }",
			".callout-" + c.Kind + " .callout-title { color: " + c.Accent.CSS() + "; }"} {
			if !strings.Contains(css, want) {
				t.Errorf("CSS lacks %q", want)
			}
		}
	}
	for _, want := range []string{
		`body { font-family: Georgia, "Times New Roman", serif; }`,
		`h1, h2, h3, h4, h5, h6 { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; font-weight: bold; }`,
		`code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q:\n%s", want, css)
		}
	}
	if !strings.Contains(CSS(true), `thead th { font-family: "Galley Sans", "Helvetica Neue"`) {
		t.Errorf("embedded CSS:\n%s", CSS(true))
	}
	if f, s := Heading.Face(); f != fonts.Sans || s != fonts.Bold {
		t.Errorf("headings in %v %v", f, s)
	}
	if Color(0x2e7d32).CSS() != "#2e7d32" {
		t.Error(Color(0x2e7d32).CSS())
	}
}

// TestCalloutContrast: every callout's title, in its accent colour, reads
// on its tint and on white at WCAG 2.1 AA's 4.5:1 for text of its size
// (12 pt bold is not large text). DAISY Ace failed the warning's 3.87:1
// on a real book (the mdBook guide).
func TestCalloutContrast(t *testing.T) {
	luminance := func(c Color) float64 {
		r, g, b := c.RGB()
		lin := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	ratio := func(a, b Color) float64 {
		la, lb := luminance(a), luminance(b)
		return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
	}
	for _, c := range Callouts {
		for _, bg := range []Color{c.Tint, 0xffffff} {
			if r := ratio(c.Accent, bg); r < 4.5 {
				t.Errorf("%s: %s on %s has contrast %.2f:1, want at least 4.5:1", c.Kind, c.Accent.CSS(), bg.CSS(), r)
			}
		}
	}
}
