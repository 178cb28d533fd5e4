package layout

import (
	"strings"
	"sync"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
)

// ShapedRuns keeps the runs the documents of a batch (or the rebuilds of
// galley watch) shaped in the embedded faces, for the documents after
// them: a class set's handouts share most of their words, and shaping
// each again (HarfBuzz) was a twentieth of a class set's CPU. A run is
// kept by everything its shaping reads: the document's language, the
// face's font program, small capitals, and the text (with its direction
// mark). Fallback faces are a document's own and are not kept. Its zero
// value is ready to use, and it is safe for concurrent use.
type ShapedRuns struct {
	runs runTable[keptFace]
	// tools are shapers' HarfBuzz shapers and faces, lent to the
	// layouts of the batch one after another (a class set's handouts
	// compiled the same shape plans forty times over).
	tools sync.Pool
}

// maxToolFaces bounds the faces a shaper's tools keep: tools that have
// met more (fonts loaded afresh, as a long galley watch may) are not
// given back.
const maxToolFaces = 64

// lend returns tools given back by an earlier layout of the batch, or new
// ones (always, on a nil *ShapedRuns).
func (r *ShapedRuns) lend() *shaperTools {
	if r != nil {
		if t, ok := r.tools.Get().(*shaperTools); ok {
			return t
		}
	}
	return &shaperTools{faces: map[*gofont.Font]*gofont.Face{}}
}

// giveBack keeps t for the next layout of the batch, and reports
// whether it did (not on a nil *ShapedRuns, nor tools with more than
// maxToolFaces faces). The HarfBuzz fonts of faces not kept (a
// document's fallback faces) are let go of.
func (r *ShapedRuns) giveBack(t *shaperTools) bool {
	if r == nil || len(t.faces) > maxToolFaces {
		return false
	}
	for f := range t.hb.fonts {
		if _, kept := t.faces[f]; !kept {
			delete(t.hb.fonts, f)
		}
	}
	r.tools.Put(t)
	return true
}

// keptFace is what a kept run was shaped with besides its text.
type keptFace struct {
	lang      language.Language
	font      *gofont.Font
	smallCaps bool
}

// maxKeptRuns bounds the runs kept for one face and language, so that a
// long batch or a long watch does not grow without end.
const maxKeptRuns = 1 << 16

// put keeps a copy of run under key in face k, its text copied so that
// the document it came from is not kept with it, unless the face has
// maxKeptRuns already.
func (r *ShapedRuns) put(k keptFace, key string, run *shapedRun) {
	kept := *run
	key = strings.Clone(key)
	kept.text = key[len(key)-len(run.text):] // the key is the text, or a mark and the text
	r.runs.put(k, key, &kept, maxKeptRuns)
}

// shapeKept is shapeNew, looking first among the runs the batch kept
// (s.kept) for a face of the embedded set, and keeping what it shapes.
func (s *shaper) shapeKept(f FontRef, key, text string, rtl bool) *shapedRun {
	if s.kept == nil || f.Family.IsFallback() {
		return s.shapeNew(f, text, rtl)
	}
	k := keptFace{lang: s.lang, font: s.set.Font(f.Family, f.Style), smallCaps: f.SmallCaps}
	if run, ok := s.kept.runs.get(k, key); ok {
		return run
	}
	run := s.shapeNew(f, text, rtl)
	s.kept.put(k, key, run)
	return run
}
