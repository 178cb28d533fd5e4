package theme

import (
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
