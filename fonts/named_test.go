package fonts

import (
	"math"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestNamedWidth measures text in the system's face of a named family:
// Times through a face with its metrics (Liberation Serif, which CI
// installs with Chromium, or Nimbus Roman), regular and bold. A family no
// one has, or text the face lacks, is not measured.
func TestNamedWidth(t *testing.T) {
	var c FallbackCache
	w, ok := c.NamedWidth("Times", false, "index")
	if !ok {
		validate.Missing(t, "a face with Times's metrics", "apt-get install fonts-liberation")
	}
	// Times's advances, as Adobe's metrics give them: i 278, n 500,
	// d 500, e 444, x 500.
	if want := (278 + 500 + 500 + 444 + 500) / 1000.0; math.Abs(w-want) > 0.01 {
		t.Errorf("Times \"index\": %.4f em, want %.4f", w, want)
	}
	b, ok := c.NamedWidth("Times", true, "index")
	if want := (278 + 556 + 556 + 444 + 500) / 1000.0; !ok || math.Abs(b-want) > 0.01 {
		t.Errorf("Times bold \"index\": %.4f em (%v), want %.4f", b, ok, want)
	}
	// Drawing programs name faces by their PostScript names.
	if a, ok := c.NamedWidth("Arial", false, "index"); ok {
		if m, ok := c.NamedWidth("ArialMT", false, "index"); !ok || m != a {
			t.Errorf("ArialMT \"index\": %.4f em (%v), want Arial's %.4f", m, ok, a)
		}
	}
	if _, ok := c.NamedWidth("No Such Family Anywhere", false, "index"); ok {
		t.Error("a family no one has was measured")
	}
	if _, ok := c.NamedWidth("Times", false, "漢"); ok {
		t.Error("text Times lacks was measured")
	}
}
