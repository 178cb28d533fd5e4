package layout

import (
	"fmt"
	"slices"
	"sync"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

// Glyph is one shaped glyph of a Text, in drawing order: left to right,
// whatever the text's direction.
type Glyph struct {
	ID      uint16  // the glyph's id in the Text's font
	Cluster int32   // byte offset in Text.Text of the first character of the cluster it draws
	Advance float32 // how far the pen moves after it, in thousandths of the font size
	DX, DY  float32 // where it is drawn from the pen, likewise (DY upward)
}

// shapeUnits is the em size text is shaped at: advances come out in
// thousandths of the font size, as PDF glyph widths are.
const shapeUnits = 1000

// shaper shapes runs of text with go-text's port of HarfBuzz: kerning,
// ligatures, Arabic joining, Indic reordering and the rest of each
// script's rules. It remembers each run it has shaped, since a book
// repeats its words, and shares them with the shapers of the layout's
// other parts (sharedRuns). It belongs to one engine, on one goroutine.
type shaper struct {
	set  *fonts.Set
	lang language.Language
	// tools are its HarfBuzz shaper and the embedded faces, lent by the
	// batch (kept) when there is one: their shape plans are compiled once
	// a batch, not once a document (toolsOf). lent holds every shaper's
	// of the layout, given back when it is done (giveBack).
	tools  *shaperTools
	lent   *lentTools
	faces  map[FontRef]*gofont.Face
	runs   map[FontRef]map[string]*shapedRun // by font, then text: this shaper's own look-ups
	shared *sharedRuns
	kept   *ShapedRuns // the batch's runs, for the embedded faces (nil: none)
	// last is the font of the previous run shaped and lastRuns its runs:
	// a paragraph's words come in one font after another.
	last     FontRef
	lastRuns map[string]*shapedRun
	runes    []rune  // scratch
	offsets  []int32 // scratch: shapeNew's
	// recent is the runs shapeDir last gave, by a hash of their text: a
	// book's most frequent words ("the", "of") found without a look-up in
	// the runs by font, a map of tens of thousands of words whose every
	// look-up missed the cache (3% of the 13 MB bench book's CPU).
	recent *[recentRuns]recentRun
}

// recentRuns is the number of slots of a shaper's recent runs.
const (
	recentBits = 9
	recentRuns = 1 << recentBits
)

// recentRun is a run shapeDir gave: its font, its key and the run.
type recentRun struct {
	font FontRef
	key  string
	run  *shapedRun
}

// recentSlot is where a run of key is kept among the recent runs.
func recentSlot(key string) int { return int(textHash(key) >> (64 - recentBits)) }

// textHash hashes a text by its length and its first, middle and last
// bytes, multiplied by 2^64 over the golden ratio: its top bits, which
// pick a slot or a shard, spread words well.
func textHash(s string) uint64 {
	h := uint64(len(s))
	if n := len(s); n > 0 {
		h |= uint64(s[0])<<16 | uint64(s[n/2])<<24 | uint64(s[n-1])<<32
	}
	return h * 0x9E3779B97F4A7C15
}

// shapedRun is a run's glyphs at shapeUnits, in drawing order, and the
// text they draw (the key it is kept under: the same string, no copy).
type shapedRun struct {
	text    string
	glyphs  []Glyph
	advance float64 // thousandths of the font size
	rtl     bool
}

// width is the run's advance at size.
func (r *shapedRun) width(size float64) float64 { return r.advance * size / shapeUnits }

func newShaper(set *fonts.Set, lang string) *shaper {
	first := &shaper{set: set, lang: language.NewLanguage(lang), shared: &sharedRuns{}, lent: &lentTools{}}
	return first.fork()
}

// fork returns a shaper for another goroutine, in the same language,
// that shares s's runs: a word one part of the layout has shaped is not
// shaped again by the next (the result is the same whoever shapes it).
func (s *shaper) fork() *shaper {
	return &shaper{set: s.set, lang: s.lang, faces: map[FontRef]*gofont.Face{},
		runs: map[FontRef]map[string]*shapedRun{}, shared: s.shared, kept: s.kept, lent: s.lent}
}

// shaperTools are a HarfBuzz shaper, which compiles a shape plan for each
// face, script, language and set of features it meets and keeps it, and
// the faces of the embedded fonts it shapes with (the plans are kept by
// face). One goroutine uses them at a time.
type shaperTools struct {
	hb    hbShaper
	faces map[*gofont.Font]*gofont.Face
}

// lentTools are the tools a layout's shapers took, to give back.
type lentTools struct {
	mu    sync.Mutex
	tools []*shaperTools
}

// toolsOf returns s's tools, taking them from the batch's (kept's) at
// the first call, else making them.
func (s *shaper) toolsOf() *shaperTools {
	if s.tools == nil {
		s.tools = s.kept.lend()
		if s.lent != nil {
			s.lent.mu.Lock()
			s.lent.tools = append(s.lent.tools, s.tools)
			s.lent.mu.Unlock()
		}
	}
	return s.tools
}

// giveBack gives the tools of every shaper of s's layout back to the
// batch. Call it once the layout is done with all of them (no shaper of
// it is used after).
func (s *shaper) giveBack() {
	if s.lent == nil {
		return
	}
	s.lent.mu.Lock()
	defer s.lent.mu.Unlock()
	for _, t := range s.lent.tools {
		s.kept.giveBack(t)
	}
	s.lent.tools, s.tools = nil, nil // s, if shaping again, takes tools anew
}

// sharedRuns is the runs shaped by a layout's shapers, by font, then
// text, for all its goroutines.
type sharedRuns = runTable[FontRef]

// runTable is runs by what they were shaped in (K), then by text, safe
// for concurrent use. It is cut in runShards shards by the text, each
// with its own lock: with one lock, the Rust book's chapters waited on
// each other's look-ups while its appendix added its links (each a word
// of its own), and a core was half idle for 50 ms.
type runTable[K comparable] struct {
	shards [runShards]runShard[K]
}

// runShards is the number of a runTable's shards.
const (
	runShardBits = 5
	runShards    = 1 << runShardBits
)

// runShard is a shard of a runTable, padded to a cache line of its own.
type runShard[K comparable] struct {
	mu sync.RWMutex
	m  map[K]map[string]*shapedRun
	_  [64 - 24 - 8]byte
}

// shard returns the shard text is kept in.
func (r *runTable[K]) shard(text string) *runShard[K] {
	return &r.shards[textHash(text)>>(64-runShardBits)]
}

// get returns the run of text shaped in k, if one was kept.
func (r *runTable[K]) get(k K, text string) (*shapedRun, bool) {
	sh := r.shard(text)
	sh.mu.RLock()
	run, ok := sh.m[k][text]
	sh.mu.RUnlock()
	return run, ok
}

// put keeps run as text shaped in k, unless k's runs in text's shard are
// limit/runShards already (limit 0: no limit).
func (r *runTable[K]) put(k K, text string, run *shapedRun, limit int) {
	sh := r.shard(text)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.m == nil {
		sh.m = map[K]map[string]*shapedRun{}
	}
	byText, ok := sh.m[k]
	if !ok {
		byText = map[string]*shapedRun{}
		sh.m[k] = byText
	}
	if limit == 0 || len(byText) < limit/runShards {
		byText[text] = run
	}
}

// face returns the shaper's face for a font.
func (s *shaper) face(f FontRef) *gofont.Face {
	fc, ok := s.faces[f]
	if !ok {
		font := s.set.Font(f.Family, f.Style)
		if f.Family.IsFallback() {
			fc = gofont.NewFace(font) // the document's own: not kept with the tools
		} else {
			t := s.toolsOf()
			if fc = t.faces[font]; fc == nil {
				fc = gofont.NewFace(font)
				t.faces[font] = fc
			}
		}
		s.faces[f] = fc
	}
	return fc
}

// shape returns text shaped in font f: one direction and one script, as
// the layout's words are (it splits text by font, and lines by direction,
// before it asks), the direction its first strong character's.
func (s *shaper) shape(f FontRef, text string) *shapedRun {
	return s.shapeDir(f, text, false)
}

// rtlKey marks the key of a run shaped right to left whatever its
// characters (shapeDir): no text of a document holds a NUL.
const rtlKey = "\x00"

// shapeDir is shape, right to left when rtl says so: a run of neutral
// characters (brackets, quotation marks, punctuation) that the
// bidirectional algorithm puts in a right-to-left run of its line, whose
// brackets are then mirrored, as HarfBuzz mirrors them in a run of
// Arabic. A bracket next to Arabic is set in the text face, the letters
// in the Arabic one, so it is a run of its own.
func (s *shaper) shapeDir(f FontRef, text string, rtl bool) *shapedRun {
	key := text
	if rtl && !IsRTL(text) {
		key = rtlKey + text
	} else {
		rtl = false
	}
	if s.recent == nil {
		s.recent = new([recentRuns]recentRun)
	}
	slot := &s.recent[recentSlot(key)]
	if slot.run != nil && slot.font == f && slot.key == key {
		return slot.run
	}
	if s.lastRuns == nil || f != s.last {
		runs, ok := s.runs[f]
		if !ok {
			runs = map[string]*shapedRun{}
			s.runs[f] = runs
		}
		s.last, s.lastRuns = f, runs
	}
	r, ok := s.lastRuns[key]
	if !ok {
		if r, ok = s.shared.get(f, key); !ok {
			r = s.shapeKept(f, key, text, rtl)
			s.shared.put(f, key, r, 0)
		}
		s.lastRuns[key] = r
	}
	*slot = recentRun{font: f, key: key, run: r}
	return r
}

// shapeNew shapes text in font f, right to left when its first strong
// character is or rtl says so.
func (s *shaper) shapeNew(f FontRef, text string, rtl bool) *shapedRun {
	if text == "" {
		return &shapedRun{}
	}
	if f.Family == fonts.Mono && !f.SmallCaps && !rtl && isPrintableASCII(text) {
		return s.monoASCII(f, text)
	}
	runes, offsets := s.runes[:0], s.offsets[:0] // offsets: the byte offset of each rune
	for i, r := range text {
		runes = append(runes, r)
		offsets = append(offsets, int32(i))
	}
	s.runes, s.offsets = runes, offsets
	out := &shapedRun{text: text}
	script := scriptOf(runes)
	out.rtl = rtl || IsRTL(text)
	dir := di.DirectionLTR
	if out.rtl {
		dir = di.DirectionRTL
	}
	in := s.input(f, runes, script, dir)
	halves := halfWidthPunctuation(runes)
	if out.rtl || len(halves) == 0 {
		s.toolsOf().hb.appendShaped(out, in, offsets)
		return out
	}
	// The marks set half wide are shaped alone with the face's halt
	// feature too (go-text's features apply to a whole run), the text
	// between them as one run, each in the context of the whole text.
	features := in.FontFeatures
	halt := append(slices.Clip(features), shaping.FontFeature{Tag: ot.MustNewTag("halt"), Value: 1})
	from := 0
	for _, at := range append(halves, len(runes)) {
		if at > from {
			in.RunStart, in.RunEnd, in.FontFeatures = from, at, features
			s.toolsOf().hb.appendShaped(out, in, offsets)
		}
		if at < len(runes) {
			in.RunStart, in.RunEnd, in.FontFeatures = at, at+1, halt
			s.toolsOf().hb.appendShaped(out, in, offsets)
		}
		from = at + 1
	}
	return out
}

// input is the shaper's input for runes in font f, all of them one run
// of script in direction dir, with the font's features (small capitals).
func (s *shaper) input(f FontRef, runes []rune, script language.Script, dir di.Direction) shaping.Input {
	in := shaping.Input{
		Text: runes, RunStart: 0, RunEnd: len(runes), Direction: dir,
		Face: s.face(f.Face()), Size: fixed.I(shapeUnits), Script: script, Language: s.lang,
	}
	if f.SmallCaps {
		in.FontFeatures = []shaping.FontFeature{{Tag: ot.MustNewTag("smcp"), Value: 1}}
	}
	return in
}

// haltSaving is how much narrower, in thousandths of the font size, the
// face of f sets r with its halt feature: half an em for a full-width
// mark it draws in one half, nothing for one it draws centred or a face
// with no such feature.
func (s *shaper) haltSaving(f FontRef, r rune) float64 {
	key := haltKey + string(r)
	run, ok := s.shared.get(f, key)
	if !ok {
		in := s.input(f, []rune{r}, scriptOf([]rune{r}), di.DirectionLTR)
		in.FontFeatures = append(in.FontFeatures, shaping.FontFeature{Tag: ot.MustNewTag("halt"), Value: 1})
		run = &shapedRun{text: key}
		s.toolsOf().hb.appendShaped(run, in, []int32{0})
		s.shared.put(f, key, run, 0)
	}
	return max(s.shape(f, string(r)).advance-run.advance, 0)
}

// haltKey marks the key of a mark shaped with halt (haltSaving), as
// rtlKey marks a run shaped right to left: no text of a document holds a
// NUL, so no right-to-left run's key starts with two.
const haltKey = rtlKey + rtlKey

// isPrintableASCII reports whether s is printable ASCII only.
func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// monoASCII sets printable ASCII in the monospaced face glyph by glyph,
// from its character map and widths: the face has no kerning or
// ligatures for it, and code, the most of a book's distinct lines, need
// not go through the shaper.
func (s *shaper) monoASCII(f FontRef, text string) *shapedRun {
	face := s.face(f)
	upem := float64(face.Upem())
	if upem == 0 {
		upem = 1000
	}
	out := &shapedRun{text: text, glyphs: make([]Glyph, len(text))}
	for i := 0; i < len(text); i++ {
		gid, _ := face.NominalGlyph(rune(text[i]))
		adv := float32(float64(face.HorizontalAdvance(gid)) * shapeUnits / upem)
		out.glyphs[i] = Glyph{ID: uint16(gid), Cluster: int32(i), Advance: adv}
		out.advance += float64(adv)
	}
	return out
}

// units turns a shaper's 26.6 value into thousandths of the font size.
func units(v fixed.Int26_6) float32 { return float32(v) / 64 }

// span is the advance, in thousandths of the font size, of the run's
// glyphs whose clusters start at byte offsets from start to end: a piece
// of a word, measured as part of it.
func (r *shapedRun) span(start, end int) float64 {
	var w float64
	for _, g := range r.glyphs {
		if c := int(g.Cluster); c >= start && c < end {
			w += float64(g.Advance)
		}
	}
	return w
}

// width is the advance of text in font f at size, in points.
func (s *shaper) width(f FontRef, text string, size float64) float64 {
	return s.shape(f, text).width(size)
}

// scriptOf is the script of the first character that has one, else
// Common.
func scriptOf(runes []rune) language.Script {
	for _, r := range runes {
		if sc := language.LookupScript(r); sc != language.Common && sc != language.Inherited && sc != language.Unknown {
			return sc
		}
	}
	return language.Common
}

// Shape gives every text of d that has none its glyphs, shaped in its
// font for the language lang, and its width as drawn: what Layout does
// for the pages it makes, for pages made another way.
func Shape(d *Document, lang string) error {
	set := d.Fonts
	if set == nil {
		var err error
		if set, err = fonts.LoadSet(); err != nil {
			return fmt.Errorf("layout: %w", err)
		}
		d.Fonts = set
	}
	shapeTexts(d, newShaper(set, lang))
	return nil
}

// IsRTL reports whether the first strongly directional character of s is
// right-to-left: the direction the shaper set s in.
func IsRTL(s string) bool { return doc.FirstStrong(s) == 1 }
