package layout

import (
	"math"
	"slices"

	"github.com/galley-pub/galley/export/doc"
)

// The paragraph model of Knuth and Plass: a paragraph is a sequence of boxes
// (words or parts of words), glue (stretchable spaces) and penalties
// (possible breaks with a cost; hyphenation will add flagged ones).

type itemKind uint8

const (
	kBox itemKind = iota
	kGlue
	kPenalty
)

// Penalties at or beyond these values forbid or force a break.
const (
	infPenalty = 10000
	infStretch = 1e5 // the stretch of the glue that fills a last line
)

// kpItem is one box, glue or penalty.
type kpItem struct {
	kind    itemKind
	flagged bool
	piece   bool // a box that is part of a word cut at its hyphenation points
	// boxStart and boxEnd mark a piece that starts or ends its box's text
	// (a word's text in one style): the pieces from one that starts to
	// one that ends are the box whole, their widths its shaped width.
	boxStart, boxEnd bool
	hyphen           bool // the hyphen a line broken inside a word ends with
	rtl              bool // a box of neutrals only in a right-to-left run of its line (orderLine): shaped right to left, its brackets mirrored
	ruby             rubyPart
	sty              styleID // boxes, and penalties that add a hyphen: how to draw text
	w                float64 // width: of the box, the natural space, or the material added at a penalty break
	stretch          float64
	shrink           float64
	penalty          float64
	text             string // boxes, and penalties that add a hyphen: what to draw
	// src and off are a box's origin (see Origin); a box that continues
	// a word cut at its hyphenation points has the word's end.
	src doc.Node
	off int32
	// img is the image a box draws in place of text (an image set in a
	// line), imgH its height; nil for a box of text.
	img  *ImageData
	imgH float64
	// formula is the inline formula a box draws (tokFormula); nil for
	// any other box.
	formula *mathBox
}

// wordEnd is the origin of the end of a word's boxes: a box with no text
// after it in its node.
func wordEnd(word []kpItem) kpItem {
	last := word[len(word)-1]
	if last.src == nil {
		return kpItem{}
	}
	return kpItem{src: last.src, off: last.off + int32(len(last.text))}
}

func box(text string, w float64, sty styleID) kpItem {
	return kpItem{kind: kBox, w: w, text: text, sty: sty}
}

func glue(w, stretch, shrink float64) kpItem {
	return kpItem{kind: kGlue, w: w, stretch: stretch, shrink: shrink}
}

func penalty(w, p float64, flagged bool) kpItem {
	return kpItem{kind: kPenalty, w: w, penalty: p, flagged: flagged}
}

// lineWidth returns the width of line i (0-based) given per-line widths; the
// last width repeats.
func lineWidth(widths []float64, i int) float64 {
	if i < len(widths) {
		return widths[i]
	}
	return widths[len(widths)-1]
}

// isBreak reports whether the paragraph may break at item i.
func isBreak(items []kpItem, i int) bool {
	switch items[i].kind {
	case kGlue:
		return i > 0 && items[i-1].kind == kBox
	case kPenalty:
		return items[i].penalty < infPenalty
	}
	return false
}

// forced reports whether item i forces a break.
func forced(it kpItem) bool { return it.kind == kPenalty && it.penalty <= -infPenalty }

// lineStart returns the index of the first item of the line after a break at
// b: discardable items after it are skipped.
func lineStart(items []kpItem, b int) int {
	i := b + 1
	for i < len(items) && items[i].kind != kBox && !forced(items[i]) {
		i++
	}
	return i
}

// maxBadness caps the badness of a line, so that with an unbounded
// tolerance a line with no stretch at all still compares.
const maxBadness = 1e8

// Demerit parameters, as in TeX.
const (
	linePenalty     = 10
	flaggedDemerits = 10000
	fitnessDemerits = 10000
)

type kpNode struct {
	pos      int // the break item; -1 for the paragraph start
	start    int // first item of the following line
	line     int // lines before the break
	fitness  int
	demerits float64
	prev     *kpNode
}

func fitnessClass(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

// kpScratch is the line breaker's memory, kept from one paragraph to the
// next: the running sums, the active and candidate nodes, the nodes
// (taken from blocks that never move, since nodes point to their
// predecessors) and the breaks found.
type kpScratch struct {
	sw, sy, sz []float64
	active     []*kpNode
	best       []kpCandidate
	blocks     [][]kpNode
	used       int // nodes handed out of blocks
	out        []int
	// exhaustive tries every active node at every break, as the pruning
	// breaks does is checked against (TestBreaksPrunedSame).
	exhaustive bool
}

// kpCandidate is the best new node at a break for one fitness class and
// line class.
type kpCandidate struct {
	fitness, class int
	node           *kpNode
}

// kpBlock is how many nodes a block of kpScratch holds.
const kpBlock = 256

// node returns a node, from a block of them.
func (s *kpScratch) node(n kpNode) *kpNode {
	b, i := s.used/kpBlock, s.used%kpBlock
	if b == len(s.blocks) {
		s.blocks = append(s.blocks, make([]kpNode, kpBlock))
	}
	s.used++
	s.blocks[b][i] = n
	return &s.blocks[b][i]
}

// breaks finds the breaks of least total demerits with adjustment ratios
// within tolerance (+Inf: any line not too tight), as Knuth and Plass. It
// returns the indices of the break items, the last being the final forced
// break, or nil when no such set of breaks exists. The slice is s's, good
// until its next call.
func (s *kpScratch) breaks(items []kpItem, widths []float64, tolerance float64) []int {
	n := len(items)
	sw := grown(s.sw, n+1)
	sy := grown(s.sy, n+1)
	sz := grown(s.sz, n+1)
	s.sw, s.sy, s.sz = sw, sy, sz
	// The active nodes are in the order of their breaks. With every line
	// as wide, and no item narrowing a line or its stretch (a CJK closing
	// mark's tight glue is narrower than nothing), a line too loose from
	// one node is too loose from each after it (shorter, with less to
	// stretch): those are kept untried.
	pruned := !s.exhaustive && !slices.ContainsFunc(widths, func(w float64) bool { return w != widths[0] })
	for i, it := range items {
		sw[i+1], sy[i+1], sz[i+1] = sw[i], sy[i], sz[i]
		if it.kind != kPenalty {
			sw[i+1] += it.w
			pruned = pruned && it.w >= 0
		}
		if it.kind == kGlue {
			sy[i+1] += it.stretch
			sz[i+1] += it.shrink
			pruned = pruned && it.stretch >= 0
		}
	}
	s.used = 0
	active := append(s.active[:0], s.node(kpNode{pos: -1, start: lineStart(items, -1), fitness: 1}))
	best := s.best[:0]
	defer func() { s.active, s.best = active[:0], best[:0] }()
	for b := 0; b < n; b++ {
		if !isBreak(items, b) {
			continue
		}
		best = best[:0]
		kept := active[:0]
		for k, a := range active {
			lw := lineWidth(widths, a.line)
			natural := sw[b] - sw[a.start]
			if items[b].kind == kPenalty {
				natural += items[b].w
			}
			r := 0.0
			switch {
			case natural < lw:
				if st := sy[b] - sy[a.start]; st > 0 {
					r = (lw - natural) / st
				} else {
					r = math.Inf(1)
				}
			case natural > lw:
				if sh := sz[b] - sz[a.start]; sh > 0 {
					r = (lw - natural) / sh
				} else {
					r = math.Inf(-1)
				}
			}
			if r > tolerance && pruned && !forced(items[b]) {
				kept = append(kept, active[k:]...)
				break
			}
			if r >= -1 && r <= tolerance {
				d := demerits(items, a, b, r)
				c := fitnessClass(r)
				if abs(c-a.fitness) > 1 {
					d += fitnessDemerits
				}
				class := min(a.line+1, len(widths))
				total := a.demerits + d
				k := slices.IndexFunc(best, func(x kpCandidate) bool { return x.fitness == c && x.class == class })
				if k < 0 || total < best[k].node.demerits {
					node := s.node(kpNode{pos: b, start: lineStart(items, b), line: a.line + 1, fitness: c, demerits: total, prev: a})
					if k < 0 {
						best = append(best, kpCandidate{fitness: c, class: class, node: node})
					} else {
						best[k].node = node
					}
				}
			}
			if r >= -1 && !forced(items[b]) {
				kept = append(kept, a)
			}
		}
		active = kept
		for _, c := range best {
			active = append(active, c.node)
		}
		if len(active) == 0 {
			return nil
		}
	}
	var last *kpNode
	for _, a := range active {
		if a.pos == n-1 && (last == nil || a.demerits < last.demerits) {
			last = a
		}
	}
	if last == nil {
		return nil
	}
	breaks := s.out[:0]
	defer func() { s.out = breaks }()
	for p := last; p != nil && p.pos >= 0; p = p.prev {
		breaks = append(breaks, p.pos)
	}
	for i, j := 0, len(breaks)-1; i < j; i, j = i+1, j-1 {
		breaks[i], breaks[j] = breaks[j], breaks[i]
	}
	return breaks
}

// grown returns buf resized to n, reallocated when it is too small.
func grown(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

// demerits is the cost of a line from node a to a break at b with ratio r.
func demerits(items []kpItem, a *kpNode, b int, r float64) float64 {
	abs := math.Abs(r)
	bad := min(100*abs*abs*abs, maxBadness) // |r|³, as math.Pow gives it, without its cost
	d := (linePenalty + bad) * (linePenalty + bad)
	p := 0.0
	if items[b].kind == kPenalty {
		p = items[b].penalty
	}
	switch {
	case p >= 0:
		d += p * p
	case p > -infPenalty:
		d -= p * p
	}
	if a.pos >= 0 && items[b].flagged && items[a.pos].flagged {
		d += flaggedDemerits
	}
	if a.pos >= 0 && forced(items[b]) && items[a.pos].flagged {
		d += finalHyphenDemerits
	}
	return d
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// firstFit breaks greedily: each line takes as many items as fit. It always
// succeeds; a box wider than a line gets a line of its own.
func firstFit(items []kpItem, widths []float64) []int {
	var breaks []int
	line := 0
	start := lineStart(items, -1)
	width := 0.0
	lastBreak := -1
	for i := start; i < len(items); i++ {
		it := items[i]
		if forced(it) {
			breaks = append(breaks, i)
			line++
			start = lineStart(items, i)
			i = start - 1
			width, lastBreak = 0, -1
			continue
		}
		if isBreak(items, i) && i > start {
			extra := 0.0
			if it.kind == kPenalty {
				extra = it.w
			}
			// The first break of a line is taken even when the line is
			// already too full: a box wider than the line stands alone.
			if width+extra <= lineWidth(widths, line)+0.001 || lastBreak < 0 {
				lastBreak = i
			}
		}
		if it.kind == kPenalty {
			continue
		}
		width += it.w
		if it.kind == kBox && width > lineWidth(widths, line)+0.001 && lastBreak >= 0 {
			breaks = append(breaks, lastBreak)
			line++
			start = lineStart(items, lastBreak)
			i = start - 1
			width, lastBreak = 0, -1
		}
	}
	return breaks
}
