package layout

import (
	"strings"

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
