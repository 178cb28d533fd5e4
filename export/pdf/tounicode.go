package pdf

import (
	"slices"
	"strings"

	"github.com/galley-pub/galley/export/layout"
)

// ToUnicode: the text each glyph of a subset stands for. A glyph gets the
// text of the first cluster it draws, in drawing order, so the entries
// are the same however the pages are drawn.

// textMap gives the glyphs of the texts of pages their ToUnicode entries,
// page after page in drawing order, ahead of the drawing.
type textMap struct {
	fonts   *fontTable
	spelled map[clusterKey]bool // each shaped text met so far: whether its glyphs' entries spell it
	// recent is the texts last met, by a hash of their glyphs, looked at
	// before spelled: a book's frequent words (a map of a book's every
	// word missed the cache at each look-up).
	recent *[recentTexts]recentText
	starts []int32 // mapClusters' scratch
}

// recentTexts is the number of slots of a textMap's recent texts.
const recentTexts = 512

// recentText is a text met: its key and whether its entries spell it.
type recentText struct {
	k     clusterKey
	spell bool
}

func newTextMap(fonts *fontTable) *textMap {
	return &textMap{fonts: fonts, spelled: map[clusterKey]bool{}, recent: new([recentTexts]recentText)}
}

// forget lets go of the texts met so far (their glyphs: every word of a
// book): the texts met next are mapped as if anew, with the same entries.
func (m *textMap) forget() {
	m.spelled, m.recent = map[clusterKey]bool{}, new([recentTexts]recentText)
}

// recentSlot is where the text of k, whose glyphs are glyphs (one or
// more), is kept among the recent texts: a hash of its lengths and its
// first and last glyphs.
func (m *textMap) recentSlot(k clusterKey, glyphs []layout.Glyph) *recentText {
	h := uint(k.n)*31 + uint(k.text)
	h = (h*31+uint(glyphs[0].ID))*31 + uint(glyphs[len(glyphs)-1].ID)
	return &m.recent[h%recentTexts]
}

// page gives the glyphs of p's texts their entries, and returns, by item,
// whether the entries of each text's glyphs spell it as a text extractor
// reads them (false for items that are not texts): none may be a mark the
// shaper placed off the pen (Thai, Devanagari, stacked accents), which is
// drawn at a point of its own that poppler reads as a word's end, so such
// a text is given as ActualText too, as Chromium does. Drawing a page
// reads only that: a page can be drawn while the next are mapped. The
// texts of slots are mapped with the page's, but those of pending slots,
// mapped on their own once known. A text met for the first time gives
// its glyphs their ids in its font's subset first (fontTable.use).
func (m *textMap) items(items []layout.Item) ([]bool, error) {
	var spells []bool
	var err error
	spell := func(font layout.FontRef, text string, glyphs []layout.Glyph) {
		same := false
		if len(glyphs) > 0 {
			k := clusterKey{&glyphs[0], int32(len(glyphs)), int32(len(text))}
			if slot := m.recentSlot(k, glyphs); slot.k == k {
				same = slot.spell
			} else {
				var done bool
				if same, done = m.spelled[k]; !done {
					if uerr := m.fonts.use(font, glyphs); uerr != nil {
						err = uerr
					} else {
						same = m.fonts.byKey[font].mapClusters(text, glyphs, &m.starts) && !movesOffLine(glyphs)
					}
					m.spelled[k] = same
				}
				*slot = recentText{k: k, spell: same}
			}
		}
		spells = append(spells, same)
	}
	for it := range layout.Settled(items) {
		switch t := it.(type) {
		case *layout.Text:
			if t != nil {
				spell(t.Font.Face(), t.Text, t.Glyphs)
			} else {
				spells = append(spells, false)
			}
		case *layout.Words:
			for i := range t.Len() {
				text, glyphs := t.Word(i)
				spell(t.Font.Face(), text, glyphs)
			}
		}
	}
	return spells, err
}

// movesOffLine reports a glyph the shaper moved off the pen: a mark
// placed on its base.
func movesOffLine(gl []layout.Glyph) bool {
	for _, g := range gl {
		if g.DX != 0 || g.DY != 0 {
			return true
		}
	}
	return false
}

// clusterKey names a shaped text by its glyphs: the layout shapes each
// word in each face once, and its texts share the glyphs.
type clusterKey struct {
	glyphs *layout.Glyph
	n      int32
	text   int32 // the text's length
}

// mapClusters gives glyphs, which draw text, ToUnicode entries from the
// clusters they draw, where they have none yet, and reports whether the
// entries read in drawing order give back the text. A cluster's glyphs are
// consecutive (the shaper's output); its first glyph stands for its text.
// starts is scratch space.
func (e *embedded) mapClusters(text string, gl []layout.Glyph, starts *[]int32) bool {
	// The common case: one glyph a cluster, clusters in text order.
	simple := len(gl) > 0 && gl[0].Cluster == 0
	for i := 1; i < len(gl) && simple; i++ {
		simple = gl[i].Cluster > gl[i-1].Cluster && int(gl[i].Cluster) <= len(text)
	}
	if simple {
		same := true
		for i, g := range gl {
			end := len(text)
			if i+1 < len(gl) {
				end = int(gl[i+1].Cluster)
			}
			s := text[g.Cluster:end]
			id := e.newID[g.ID]
			if e.toUni[id] == "" {
				e.toUni[id] = s
			}
			same = same && e.toUni[id] == s
		}
		return same
	}
	st := (*starts)[:0]
	for _, g := range gl {
		st = append(st, g.Cluster)
	}
	slices.Sort(st)
	st = slices.Compact(st)
	*starts = st
	end := func(c int32) int {
		i, _ := slices.BinarySearch(st, c)
		if i+1 < len(st) {
			return int(st[i+1])
		}
		return len(text)
	}
	for i := 0; i < len(gl); {
		j := i + 1
		for j < len(gl) && gl[j].Cluster == gl[i].Cluster {
			j++
		}
		if c := int(gl[i].Cluster); c >= 0 && c <= len(text) {
			e.mapCluster(gl[i:j], text[c:max(c, end(gl[i].Cluster))])
		}
		i = j
	}
	same := true // the entries so far spell text
	pos := 0
	for _, g := range gl {
		id := e.newID[g.ID]
		if u := e.toUni[id]; same {
			// A glyph with no entry yet may get one from a later text
			// (a sara aa the shaper split from a sara am): the map does
			// not spell this text then.
			if u != "" && strings.HasPrefix(text[pos:], u) {
				pos += len(u)
			} else {
				same = false
			}
		}
	}
	return same && pos == len(text)
}

// mapCluster gives the glyphs of one cluster, drawing text, their entries
// where they have none yet: each glyph that is a character's own (its
// nominal glyph in the cmap) stands for that character, so that a Thai
// or Devanagari base and its marks each map to themselves (mapping the
// whole cluster to its first glyph made every later "น" read "น่"); the
// first other glyph stands for the characters left (a ligature, a mark
// the shaper swapped for a variant).
func (e *embedded) mapCluster(glyphs []layout.Glyph, text string) {
	if text == "" {
		return
	}
	runes := []rune(text)
	var runeDone, glyphDone [8]bool // clusters are short; longer ones go whole to their first glyph
	if e.cmap != nil && len(runes) <= len(runeDone) && len(glyphs) <= len(glyphDone) {
		for gi, g := range glyphs {
			for ri, r := range runes {
				if nominal, ok := e.cmap.Lookup(r); !runeDone[ri] && ok && uint16(nominal) == g.ID {
					runeDone[ri], glyphDone[gi] = true, true
					if id := e.newID[g.ID]; e.toUni[id] == "" {
						e.toUni[id] = string(r)
					}
					break
				}
			}
		}
	}
	var rest []rune
	for ri, r := range runes {
		if ri >= len(runeDone) || !runeDone[ri] {
			rest = append(rest, r)
		}
	}
	if len(rest) == 0 {
		return
	}
	for gi, g := range glyphs {
		if gi >= len(glyphDone) || !glyphDone[gi] {
			if id := e.newID[g.ID]; e.toUni[id] == "" {
				e.toUni[id] = string(rest)
			}
			return
		}
	}
}
