package covers

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// typeface is one parsed font with the letter-spacing the cover sets it in.
type typeface struct {
	font     *opentype.Font
	tracking float64 // extra space between characters, in ems
}

// styled is a typeface at one pixel size, ready to measure and draw.
type styled struct {
	face  font.Face
	font  *opentype.Font // the outlines, for the SVG cover
	track fixed.Int26_6
	size  float64
	// widths remembers width's answers: fitting a title measures the
	// same words and lines again at each try of a line length.
	widths map[string]fixed.Int26_6
}

func (t typeface) at(size float64) (styled, error) {
	face, err := opentype.NewFace(t.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return styled{}, fmt.Errorf("covers: font at %gpx: %w", size, err)
	}
	return styled{face: face, font: t.font, track: fixed.Int26_6(math.Round(t.tracking * size * 64)), size: size, widths: map[string]fixed.Int26_6{}}, nil
}

// clean keeps the characters the typeface can draw, turns every run of
// white space into one space and trims the ends. Text is composed first
// (NFC), so that decomposed Vietnamese draws with precomposed glyphs.
// Control and format characters and anything the font lacks are dropped,
// never drawn as boxes.
func (t typeface) clean(s string) string {
	var b strings.Builder
	var buf sfnt.Buffer
	space := false
	for _, r := range norm.NFC.String(s) {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if i, err := t.font.GlyphIndex(&buf, r); err != nil || i == 0 {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// width measures s with kerning and tracking.
func (s styled) width(text string) fixed.Int26_6 {
	if w, ok := s.widths[text]; ok {
		return w
	}
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range text {
		if prev >= 0 {
			w += s.face.Kern(prev, r) + s.track
		}
		adv, _ := s.face.GlyphAdvance(r)
		w += adv
		prev = r
	}
	if s.widths != nil {
		s.widths[text] = w
	}
	return w
}

// fitted is a piece of text broken into lines at the size that fits.
type fitted struct {
	style      styled
	lines      []string
	lineHeight float64
	ascent     float64
	descent    float64
}

// height is the distance from the top of the first line box to the bottom
// of the last.
func (f fitted) height() float64 {
	if len(f.lines) == 0 {
		return 0
	}
	return float64(len(f.lines)-1)*f.lineHeight + f.ascent + f.descent
}

// fitSpec says how a piece of text may be set.
type fitSpec struct {
	maxSize, minSize float64
	step             float64
	leading          float64 // line height as a multiple of the size
	width, height    float64 // the box the lines must stay within
}

// fit sets text at the largest size (from spec.maxSize down to spec.minSize)
// whose balanced lines fit the box. Text that does not fit even at the
// smallest size keeps the lines that fit and ends in an ellipsis.
func fit(t typeface, text string, spec fitSpec) (fitted, error) {
	if text == "" {
		return fitted{}, nil
	}
	var f fitted
	for size := spec.maxSize; ; size -= spec.step {
		if size < spec.minSize {
			size = spec.minSize
		}
		st, err := t.at(size)
		if err != nil {
			return fitted{}, err
		}
		m := st.face.Metrics()
		f = fitted{
			style:      st,
			lines:      balance(st, text, fixed.Int26_6(spec.width*64)),
			lineHeight: spec.leading * size,
			ascent:     fix(m.Ascent),
			descent:    fix(m.Descent),
		}
		if f.height() <= spec.height || size <= spec.minSize {
			break
		}
	}
	if f.height() > spec.height {
		keep := 1 + int((spec.height-f.ascent-f.descent)/f.lineHeight)
		keep = max(1, min(keep, len(f.lines)))
		f.lines = f.lines[:keep]
		f.lines[keep-1] = ellipsize(f.style, f.lines[keep-1]+"…", fixed.Int26_6(spec.width*64))
	}
	return f, nil
}

func fix(v fixed.Int26_6) float64 { return float64(v) / 64 }

// balance breaks text into the fewest lines that fit width, then narrows the
// measure as far as it can without adding a line, so that the lines come
// out of similar length instead of one long line and a short remainder.
func balance(st styled, text string, width fixed.Int26_6) []string {
	words := splitLong(st, strings.Fields(text), width)
	n := len(greedy(st, words, width))
	lo := fixed.Int26_6(0)
	for _, w := range words {
		lo = max(lo, st.width(w))
	}
	hi := width
	for hi-lo > 64 { // to the pixel
		mid := lo + (hi-lo)/2
		if len(greedy(st, words, mid)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return greedy(st, words, hi)
}

// greedy fills each line with as many words as fit.
func greedy(st styled, words []string, width fixed.Int26_6) []string {
	var lines []string
	cur := ""
	for _, w := range words {
		if cur == "" {
			cur = w
			continue
		}
		if cand := cur + " " + w; st.width(cand) <= width {
			cur = cand
			continue
		}
		lines = append(lines, cur)
		cur = w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// splitLong breaks words wider than the measure (a long URL, a chemical
// name) between characters so that nothing is ever cut off at the edge.
func splitLong(st styled, words []string, width fixed.Int26_6) []string {
	var out []string
	for _, w := range words {
		for st.width(w) > width {
			rs := []rune(w)
			n := 1
			for n < len(rs) && st.width(string(rs[:n+1])) <= width {
				n++
			}
			out = append(out, string(rs[:n]))
			w = string(rs[n:])
		}
		out = append(out, w)
	}
	return out
}

// ellipsize shortens s, which ends in "…", until it fits width.
func ellipsize(st styled, s string, width fixed.Int26_6) string {
	rs := []rune(s)
	for len(rs) > 1 && st.width(string(rs)) > width {
		rs = append(rs[:len(rs)-2], '…')
	}
	return strings.TrimRight(strings.TrimSuffix(string(rs), "…"), " ,;:") + "…"
}
