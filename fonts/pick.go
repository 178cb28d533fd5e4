package fonts

import (
	"slices"
	"strings"
	"unicode"

	gofont "github.com/go-text/typesetting/font"
)

// picker takes fallback families for characters, from the faces found
// (cands): each face read at most once, whether taken for the text or for
// code.
type picker struct {
	cands  []candidate
	opts   FallbackOptions
	failed map[faceKey]bool            // faces found unreadable
	faces  map[faceKey]*fallbackFamily // the family each face was first taken as
}

// take appends to fallbacks a family for each of the missing characters
// that a face found has, the best for each (candidate.better), and
// returns them. For code, the families are marked as code's: a face taken
// for the text already is taken again, sharing its faces.
func (p *picker) take(fallbacks []*fallbackFamily, missing []rune, code bool) []*fallbackFamily {
	taken := map[faceKey]bool{} // by this call
	for len(missing) > 0 {
		r := missing[0]
		best := -1
		for i, c := range p.cands {
			if !p.failed[faceKey{c.path, c.index}] && c.covers(r) && (best < 0 || c.better(p.cands[best], p.opts, r, code)) {
				best = i
			}
		}
		if best < 0 {
			missing = missing[1:] // nothing has it: the layout draws .notdef
			continue
		}
		c := p.cands[best]
		key := faceKey{c.path, c.index}
		// The face serves the characters it covers of its kind: a colour
		// face the emoji (EmojiPresentation), one of outlines the rest;
		// each other is still looked for in a face of its own kind, and
		// taken from this one when no face of that kind has it.
		serves := func(m rune) bool { return m == r || c.covers(m) && c.colorFamily() == EmojiPresentation(m) }
		if taken[key] {
			missing = slices.DeleteFunc(missing, serves)
			continue
		}
		ff := p.faces[key]
		if ff == nil {
			if err := probe(c.path, c.index); err != nil {
				p.failed[key] = true // r is looked for again, without it
				continue
			}
			ff = &fallbackFamily{covers: c.covers, regular: &lazyFace{path: c.path, index: c.index, cache: p.opts.Cache}}
			ff.regular.prefetch()
			// Bold text (headings among it) draws with the family's bold
			// face, read when the layout first sets bold text in it.
			if b := boldOf(p.cands, c); b != nil {
				ff.bold = &lazyFace{path: b.path, index: b.index, cache: p.opts.Cache}
			}
			p.faces[key] = ff
		}
		if ff.code != code {
			ff = &fallbackFamily{covers: ff.covers, regular: ff.regular, bold: ff.bold, code: code}
		}
		fallbacks = append(fallbacks, ff)
		taken[key] = true
		missing = slices.DeleteFunc(missing, serves)
	}
	return fallbacks
}

// better reports whether c is a better fallback than d for r, in code
// when code is set.
func (c candidate) better(d candidate, opts FallbackOptions, r rune, code bool) bool {
	if c.tier != d.tier {
		return c.tier < d.tier
	}
	if a, b := c.penalty(opts, r, code), d.penalty(opts, r, code); a != b {
		return a < b
	}
	if c.path != d.path {
		return c.path < d.path
	}
	return c.index < d.index
}

// penalty scores how far a face is from plain, upright, regular text
// (for code: monospaced and sans), or, for a character shown as an emoji
// by default (EmojiPresentation), how far it is from a colour emoji face.
func (c candidate) penalty(opts FallbackOptions, r rune, code bool) float64 {
	emoji := EmojiPresentation(r)
	p := float64(c.aspect.Weight-gofont.WeightNormal) / 100
	if p < 0 {
		p = -p
	}
	if c.aspect.Style == gofont.StyleItalic {
		p += 2
	}
	if c.aspect.Stretch != 0 && c.aspect.Stretch != gofont.StretchNormal {
		p++
	}
	if !strings.HasPrefix(c.family, "noto") {
		p++ // the embedded faces are Noto's: its faces match them best
	}
	for _, w := range []string{"mono", "kufi", "display", "ui", "looped", "emoji", "rashi"} {
		if strings.Contains(c.family, w) && !(emoji && w == "emoji") && !(code && w == "mono") {
			p += 3
		}
	}
	if code && !strings.Contains(c.family, "mono") {
		p += 3 // code: a monospaced face before any other
	}
	switch color := c.colorFamily(); {
	case color && emoji:
		p -= 6 // as browsers draw it: every emoji of a line alike
	case color:
		p += 6 // drawn as images: a face with outlines first
	}
	if strings.Contains(c.family, "cjk") {
		if !strings.HasSuffix(c.family, cjkRegion(opts.Lang)) {
			p += 2
		}
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) &&
			!(r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF) {
			p += 2 // a symbol (✓) is drawn from a symbols face, not in a CJK face's style
		}
	}
	// The body's style: serif (Noto Serif CJK, Naskh) for a serif body.
	serif := strings.Contains(c.family, "serif") || strings.Contains(c.family, "naskh")
	if opts.Serif && !code != serif {
		p += 0.5 // code is set in a sans face
	}
	return p
}

// cjkRegion is the suffix of the Noto CJK family for a language: the
// Japanese, Korean, Traditional or Simplified Chinese glyph forms.
func cjkRegion(lang string) string {
	l := strings.ToLower(lang)
	switch {
	case strings.HasPrefix(l, "ja"):
		return "jp"
	case strings.HasPrefix(l, "ko"):
		return "kr"
	case strings.HasPrefix(l, "zh-hk"):
		return "hk"
	case strings.HasPrefix(l, "zh-tw"), strings.HasPrefix(l, "zh-hant"), strings.HasPrefix(l, "zh-mo"):
		return "tc"
	}
	return "sc"
}
