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
	// PostScript names, as drawing programs write them ("ArialMT" in the
	// Embedded Rust book's diagrams).
	"arialmt":               {"arial", "liberationsans", "nimbussans", "arimo"},
	"arialboldmt":           {"arial", "liberationsans", "nimbussans", "arimo"},
	"timesnewromanpsmt":     {"timesnewroman", "liberationserif", "nimbusroman", "tinos"},
	"timesnewromanpsboldmt": {"timesnewroman", "liberationserif", "nimbusroman", "tinos"},
	"couriernewpsmt":        {"couriernew", "liberationmono", "nimbusmonops", "cousine"},
}

// systemFaces is the system's font index, read once per cache (and why
// it could not be), and the face NamedWidth took for each family and
// weight asked for.
type systemFaces struct {
	once  sync.Once
	faces []candidate
	err   error
	mu    sync.Mutex
	named map[namedKey]*candidate // nil: no such face
}

// listSystem lists the system's faces (systemCandidates) once per cache,
// for every build that shares it and for both WithFallbacks and
// NamedWidth; a nil cache lists them anew.
func (c *FallbackCache) listSystem() ([]candidate, error) {
	if c == nil {
		return systemCandidates()
	}
	c.system.once.Do(func() { c.system.faces, c.system.err = systemCandidates() })
	return c.system.faces, c.system.err
}

// namedKey is a family asked for by name, regular or bold.
type namedKey struct {
	family string
	bold   bool
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
	face := c.namedFace(normalFamily(family), bold)
	if face == nil {
		return 0, false
	}
	fb, err := c.load(face.path, face.index)
	if err != nil || fb.face == nil || !fb.face.HasAll(text) {
		return 0, false
	}
	return fb.face.Width(text, 1), true
}

// namedFace is the system's upright face of a family (normalized) or of
// the first of the families with its metrics that is installed, nearest
// to regular or bold; nil when there is none. It is looked for once per
// family and weight.
func (c *FallbackCache) namedFace(family string, bold bool) *candidate {
	faces, _ := c.listSystem() // none listed: no such face
	k := namedKey{family, bold}
	c.system.mu.Lock()
	defer c.system.mu.Unlock()
	if face, ok := c.system.named[k]; ok {
		return face
	}
	names, ok := namedFamilies[family]
	if !ok {
		names = []string{family}
	}
	want := gofont.WeightNormal
	if bold {
		want = gofont.WeightBold
	}
	var face *candidate
	for _, n := range names {
		if face = nearestWeight(faces, want, func(f candidate) bool {
			return f.family == n && f.aspect.Style != gofont.StyleItalic
		}); face != nil {
			break
		}
	}
	if c.system.named == nil {
		c.system.named = map[namedKey]*candidate{}
	}
	c.system.named[k] = face
	return face
}

// normalFamily is a family name as the system's index keeps it (go-text's
// font.NormalizeFamily): lower case, with no spaces, hyphens or
// underscores.
func normalFamily(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '"', '\'':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}
