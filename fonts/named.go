package fonts

import (
	"strings"
	"sync"

	gofont "github.com/go-text/typesetting/font"
)

// namedFamilies is what NamedWidth looks for when a document names a
// family that is seldom installed under its own name: the faces with the
// same metrics, as fontconfig aliases them (Liberation, URW's Nimbus,
// Croscore), in the order it prefers them.
var namedFamilies = map[string][]string{
	"times":          {"timesnewroman", "liberationserif", "nimbusroman", "tinos"},
	"timesnewroman":  {"timesnewroman", "liberationserif", "nimbusroman", "tinos"},
	"helvetica":      {"helvetica", "liberationsans", "nimbussans", "arial", "arimo"},
	"arial":          {"arial", "liberationsans", "nimbussans", "arimo"},
	"courier":        {"couriernew", "liberationmono", "nimbusmonops", "cousine"},
	"couriernew":     {"couriernew", "liberationmono", "nimbusmonops", "cousine"},
	"helveticaneue":  {"helveticaneue", "liberationsans", "nimbussans", "arimo"},
	"timesroman":     {"timesnewroman", "liberationserif", "nimbusroman", "tinos"},
	"arialunicodems": {"arial", "liberationsans", "nimbussans", "arimo"},
}

// systemFaces is the system's font index, read once per cache.
type systemFaces struct {
	once  sync.Once
	faces []candidate
}

// NamedWidth is the advance width, in ems, of text in the system's
// upright face of a named family (as an SVG image's font-family names
// "Times"), regular or bold: the width the image was drawn to give it. It
// reports false when no such face is installed or the face lacks a
// character of text. A family seldom installed under its name (Times,
// Helvetica, Arial, Courier) is looked for as the faces with its metrics
// are named. The system's index and the faces are read once per cache.
func (c *FallbackCache) NamedWidth(family string, bold bool, text string) (float64, bool) {
	if c == nil || text == "" {
		return 0, false
	}
	c.system.once.Do(func() { c.system.faces = systemCandidates() })
	name := normalFamily(family)
	names, ok := namedFamilies[name]
	if !ok {
		names = []string{name}
	}
	want := gofont.WeightNormal
	if bold {
		want = gofont.WeightBold
	}
	for _, n := range names {
		var best *candidate
		for i, f := range c.system.faces {
			if f.family != n || f.aspect.Style == gofont.StyleItalic {
				continue
			}
			if best == nil || weightDistance(f.aspect.Weight, want) < weightDistance(best.aspect.Weight, want) ||
				weightDistance(f.aspect.Weight, want) == weightDistance(best.aspect.Weight, want) && (f.path < best.path || f.path == best.path && f.index < best.index) {
				best = &c.system.faces[i]
			}
		}
		if best == nil {
			continue
		}
		fb, err := c.load(best.path, best.index)
		if err != nil || fb.face == nil || !fb.face.HasAll(text) {
			return 0, false
		}
		return fb.face.Width(text, 1), true
	}
	return 0, false
}

// normalFamily is a family name as fontscan indexes it: lower case, with
// no spaces, hyphens or underscores.
func normalFamily(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '"', '\'':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// weightDistance is how far weight w is from want.
func weightDistance(w, want gofont.Weight) float32 {
	d := float32(w - want)
	return d * d
}
