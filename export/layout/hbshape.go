package layout

import (
	"slices"
	"unicode"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// hbShaper shapes with go-text's HarfBuzz as its shaping.HarfbuzzShaper
// does (ShapeNoExtents), and gives the glyphs as the layout keeps them:
// that shaper's Output is a slice of 80-byte glyphs, with their clusters
// counted and the run's bounds measured, which the layout copied into
// its own and dropped (78 MB of the 13 MB bench book's allocations).
// TestHBShaperSameAsGoText and FuzzHBShaper hold the two the same.
type hbShaper struct {
	buf      *harfbuzz.Buffer                // its shape plans kept by face
	fonts    map[*gofont.Font]*harfbuzz.Font // by the face's font, as go-text's shaper keeps them
	features []harfbuzz.Feature              // scratch
}

// hbScaleShift is go-text's scaleShift: a face is scaled to its size in
// 26.6 fixed point, shifted again, so that positions come out in 26.6.
const hbScaleShift = 6

// appendShaped appends to out the glyphs of in's run, shaped (horizontal
// text only, as the layout's is), their clusters as byte offsets
// (offsets holds each rune's).
func (h *hbShaper) appendShaped(out *shapedRun, in shaping.Input, offsets []int32) {
	if h.buf == nil {
		h.buf = harfbuzz.NewBuffer()
	} else {
		h.buf.Clear()
	}
	start, end := in.RunStart, in.RunEnd
	if end < start {
		start, end = end, start
	}
	start, end = min(max(start, 0), len(in.Text)), min(max(end, 0), len(in.Text))
	h.buf.AddRunes(in.Text, start, end-start)
	h.buf.Props.Direction = in.Direction.Harfbuzz()
	h.buf.Props.Language = in.Language
	h.buf.Props.Script = in.Script
	font, ok := h.fonts[in.Face.Font]
	if !ok {
		if h.fonts == nil {
			h.fonts = map[*gofont.Font]*harfbuzz.Font{}
		}
		font = harfbuzz.NewFont(in.Face)
		h.fonts[in.Face.Font] = font
	}
	font.XScale = int32(in.Size.Ceil()) << hbScaleShift
	font.YScale = font.XScale
	h.features = h.features[:0]
	for _, f := range in.FontFeatures {
		h.features = append(h.features, harfbuzz.Feature{Tag: f.Tag, Value: f.Value, Start: harfbuzz.FeatureGlobalStart, End: harfbuzz.FeatureGlobalEnd})
	}
	h.buf.Shape(font, h.features)
	info, pos := h.buf.Info, h.buf.Pos
	out.glyphs = slices.Grow(out.glyphs, len(info))
	for i := range info {
		id := info[i].Glyph
		if id == 0 && unsupportedSpace(info, i, in) {
			id = gofont.EmptyGlyph
		}
		c := info[i].Cluster
		if c < 0 || c >= len(offsets) {
			c = 0
		}
		adv := units(fixed.I(int(pos[i].XAdvance)) >> hbScaleShift)
		out.glyphs = append(out.glyphs, Glyph{ID: uint16(id), Cluster: offsets[c], Advance: adv,
			DX: units(fixed.I(int(pos[i].XOffset)) >> hbScaleShift), DY: units(fixed.I(int(pos[i].YOffset)) >> hbScaleShift)})
		out.advance += float64(adv)
	}
}

// unsupportedSpace reports whether glyph i, which the face lacks, is a
// space alone in its cluster, one glyph for one character: go-text's
// shaper gives such a glyph the empty glyph (font.EmptyGlyph), to be
// drawn as nothing, as its replaceNotSupportedSpaces does, its clusters
// counted as its countClusters counts them.
func unsupportedSpace(info []harfbuzz.GlyphInfo, i int, in shaping.Input) bool {
	c := info[i].Cluster
	first, last := i, i // the run of glyphs of c around i
	for first > 0 && info[first-1].Cluster == c {
		first--
	}
	for last+1 < len(info) && info[last+1].Cluster == c {
		last++
	}
	if first != last || c < 0 || c >= len(in.Text) {
		return false
	}
	var runes int
	if in.Direction.Progression() == di.FromTopLeft {
		next := in.RunEnd
		if last+1 < len(info) {
			next = info[last+1].Cluster
		}
		runes = next - c
	} else {
		previous := in.RunEnd
		if first > 0 {
			previous = info[first-1].Cluster
		}
		runes = previous - c
	}
	return runes == 1 && unicode.Is(unicode.Zs, in.Text[c])
}
