package fonts

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	"github.com/galley-pub/galley/fonts/internal/layoutview"
)

// maxFontFile bounds the size of a font file read as a fallback (the
// Noto CJK serif collections are 27 MB).
const maxFontFile = 64 << 20

// fallback is a face found on the system, read: where it came from, and
// what draws and measures it.
//
// Its font program (the outlines a PDF embeds: for a CJK face, 16 MB) is
// not kept: the PDF reads it again from the file (program), once it knows
// the glyphs to subset.
type fallback struct {
	path    string
	index   int // the face's index in a collection
	size    int64
	modTime time.Time // the file's, when read: program refuses a file changed since
	face    *Face
	font    *gofont.Font
	cff     bool          // CFF outlines; else TrueType ones, or bitmaps
	bitmap  bool          // colour bitmaps (CBDT, sbix), no outlines: drawn as images
	strike  *bitmapStrike // where its CBDT bitmaps lie in its file; nil: sbix, or none readable
	color   bool          // colour layers (COLR version 0, CPAL) over its outlines: drawn as images too
}

// fallbackFamily is a family found on the system, known by its number
// after the embedded ones: the characters its regular face maps, as the
// index it was found in says (so that choosing a family for a character
// never waits for a face to be read), and its faces. The regular face is
// read in the background from the moment the family is chosen, while the
// document is laid out; the bold one when bold text first needs it.
type fallbackFamily struct {
	covers  func(rune) bool
	regular *lazyFace
	bold    *lazyFace // nil: the family has no bold face
	code    bool      // taken for the characters of code (FallbackOptions.Code)
}

// lazyFace is a face read the first time it is asked for, or ahead of
// that by prefetch. A fallback's bold is read only when asked for: a
// document that sets none of the fallback's characters in bold never
// reads it (the Rust book's Chinese, Japanese and Korean names of its
// translations are in roman type; each CJK bold is a 20 MB file).
type lazyFace struct {
	path  string
	index int
	cache *FallbackCache
	once  sync.Once
	fb    *fallback // nil when it cannot be read
	err   error     // why it cannot be read
}

// get returns the face, reading it the first time (or waiting for the
// read prefetch started).
func (l *lazyFace) get() (*fallback, error) {
	l.once.Do(func() {
		fb, err := l.cache.load(l.path, l.index)
		if err != nil {
			l.err = fmt.Errorf("fonts: %w", err)
			return
		}
		l.fb = &fb
	})
	return l.fb, l.err
}

// prefetch starts reading the face on a goroutine of its own.
func (l *lazyFace) prefetch() {
	go l.get()
}

// variant returns the face of the family for style st: its bold face for
// a bold style when it has one that can be read, else its regular face.
func (ff *fallbackFamily) variant(st Style) (*fallback, error) {
	if st&Bold != 0 && ff.bold != nil {
		if b, err := ff.bold.get(); err == nil {
			return b, nil
		}
	}
	return ff.regular.get()
}

// firstFallback is the Family of the first fallback face.
const firstFallback Family = Math + 1

// IsFallback reports whether f names a face found on the system rather than
// an embedded one.
func (f Family) IsFallback() bool { return f >= firstFallback }

// FallbackOptions says where WithFallbacks looks for faces.
type FallbackOptions struct {
	Dirs   []string // searched first, in order (--font-dir, book.yaml fonts:)
	System bool     // then the system's fonts, through galley's index of them (systemCandidates)
	Lang   string   // the document's language, which picks among CJK faces
	Serif  bool     // the body text is set in a serif face: a serif fallback matches it (Noto Serif CJK, Naskh)
	// Code lists the characters of the document's code that the embedded
	// faces lack. A monospaced face is looked for them first, else a sans
	// one (Noto Sans Mono CJK for a Chinese comment, as a browser's
	// monospace finds it), not the body's serif: the layout asks these
	// families first for text in the code face (CodeFallbacks).
	Code []rune
	// Cache keeps the faces loaded for the next call (a batch's builds
	// share one); nil loads them afresh.
	Cache *FallbackCache
}

// FallbackCache keeps the faces WithFallbacks has read and parsed, so that
// the builds of a batch read a large face (a CJK collection) once. It is
// safe for concurrent use: two builds, or a face and its bold, load
// different faces at the same time. The zero value is ready.
type FallbackCache struct {
	mu     sync.Mutex
	loaded map[faceKey]*loadedFace
	system systemFaces // the system's faces, listed once (listSystem), and NamedWidth's
}

// faceKey names a face of a font file.
type faceKey struct {
	path  string
	index int
}

// loadedFace is a face read, or why it could not be, once done is closed.
type loadedFace struct {
	done chan struct{}
	fb   fallback
	err  error
}

// load returns the face index of the file at path: loadFallback's result,
// remembered. A face another goroutine is loading is waited for.
func (c *FallbackCache) load(path string, index int) (fallback, error) {
	if c == nil {
		return loadFallback(path, index)
	}
	k := faceKey{path, index}
	c.mu.Lock()
	l, ok := c.loaded[k]
	if !ok {
		l = &loadedFace{done: make(chan struct{})}
		if c.loaded == nil {
			c.loaded = map[faceKey]*loadedFace{}
		}
		c.loaded[k] = l
	}
	c.mu.Unlock()
	if !ok {
		l.fb, l.err = loadFallback(path, index)
		close(l.done)
	}
	<-l.done
	return l.fb, l.err
}

// candidate is one face a fallback may come from.
type candidate struct {
	path   string
	index  int
	family string // normalized: lower case, no spaces
	aspect gofont.Aspect
	covers func(rune) bool
	tier   int // 0: a directory the user named; 1: the system's
}

// WithFallbacks returns a copy of s that also draws the characters in need
// that no embedded face has, with faces found where opts says: TrueType
// and CFF outlines, in .ttf, .otf, .ttc and .otc files. For each character
// still missing, the face that draws it is the best of those that have it:
// a directory the user named before the system's, then an upright face of
// regular weight before others (a Bold face never wins because its file
// sorts first), a Noto face (as the embedded ones are) before another, a
// serif face for a serif body (else a sans one),
// a plain family before a mono, display or Kufi one, and
// among CJK faces the one for the document's language. It returns the
// taken faces' paths, each followed by its bold's, which is read only when
// bold text is first set in it; directories that do not exist are skipped.
func (s *Set) WithFallbacks(opts FallbackOptions, need []rune) (*Set, []string, error) {
	var missing []rune
	for _, r := range need {
		if !s.Covers(r) && !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	slices.Sort(missing)
	out := &Set{embedded: s.embedded, fallbacks: slices.Clone(s.fallbacks)}
	if len(missing) == 0 {
		return out, nil, nil
	}
	var cands []candidate
	for _, dir := range opts.Dirs {
		found, err := scanDir(dir)
		if err != nil {
			return nil, nil, err
		}
		cands = append(cands, found...)
	}
	if opts.System {
		system, err := opts.Cache.listSystem()
		cands = append(cands, system...)
		out.systemErr = err
	}
	p := &picker{cands: cands, opts: opts, failed: map[faceKey]bool{}, faces: map[faceKey]*fallbackFamily{}}
	out.fallbacks = p.take(out.fallbacks, missing, false)
	var code []rune
	for _, r := range opts.Code {
		if !s.Covers(r) && !slices.Contains(code, r) {
			code = append(code, r)
		}
	}
	slices.Sort(code)
	out.fallbacks = p.take(out.fallbacks, code, true)
	var taken []string
	listed := map[*lazyFace]bool{} // a face taken for the text and for code is one
	for _, ff := range out.fallbacks[len(s.fallbacks):] {
		if listed[ff.regular] {
			continue
		}
		listed[ff.regular] = true
		taken = append(taken, ff.regular.path+indexSuffix(ff.regular.index))
		if b := ff.bold; b != nil {
			taken = append(taken, b.path+indexSuffix(b.index))
		}
	}
	return out, taken, nil
}

// boldOf returns the bold face of c's family among cands: upright, of
// weight 600 or more, the nearest to 700; nil when the family has none.
func boldOf(cands []candidate, c candidate) *candidate {
	return nearestWeight(cands, gofont.WeightBold, func(d candidate) bool {
		return d.family == c.family && d.tier == c.tier && d.aspect.Weight >= gofont.WeightSemibold && d.aspect.Style != gofont.StyleItalic
	})
}

// nearestWeight returns the face of cands that keep accepts whose weight
// is nearest want, the first by path and index among equals; nil when
// keep accepts none.
func nearestWeight(cands []candidate, want gofont.Weight, keep func(candidate) bool) *candidate {
	dist := func(w gofont.Weight) float32 { return float32(w-want) * float32(w-want) }
	var best *candidate
	for i, d := range cands {
		if !keep(d) {
			continue
		}
		if best == nil || dist(d.aspect.Weight) < dist(best.aspect.Weight) ||
			dist(d.aspect.Weight) == dist(best.aspect.Weight) && (d.path < best.path || d.path == best.path && d.index < best.index) {
			best = &cands[i]
		}
	}
	return best
}

// indexSuffix names a face within a collection, after its path.
func indexSuffix(i int) string {
	if i == 0 {
		return ""
	}
	return "#" + strconv.Itoa(i)
}

// colorFamily reports, by its name, a family of colour glyphs (Noto
// Color Emoji): one the layout draws as images.
func (c candidate) colorFamily() bool {
	return strings.Contains(c.family, "color") || strings.Contains(c.family, "colour")
}

// fontFile reports whether path names a font file of the kinds searched:
// TrueType or OpenType fonts and collections.
func fontFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ttf", ".otf", ".ttc", ".otc":
		return true
	}
	return false
}

// scanDir lists the faces of the font files under dir, in path order.
func scanDir(dir string) ([]candidate, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			if path == dir && os.IsNotExist(err) {
				return filepath.SkipDir
			}
			return nil // an unreadable sub-directory: skip it
		}
		if !e.IsDir() && fontFile(path) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("fonts: %s: %w", dir, err)
	}
	slices.Sort(files)
	var out []candidate
	for _, path := range files {
		data, err := readFontFile(path)
		if err != nil {
			continue
		}
		lds, err := ot.NewLoaders(bytes.NewReader(data))
		if err != nil {
			continue
		}
		for i := range lds {
			ft, err := layoutview.NewFont(bytes.NewReader(data), int64(len(data)), i)
			if err != nil {
				continue
			}
			desc := ft.Describe()
			cmap := ft.Cmap
			out = append(out, candidate{path: path, index: i, family: gofont.NormalizeFamily(desc.Family), aspect: namedAspect(path, desc.Aspect),
				covers: func(r rune) bool { _, ok := cmap.Lookup(r); return ok }})
		}
	}
	return out, nil
}

// Fallbacks lists the families of the fallback faces, in the order they
// are tried.
func (s *Set) Fallbacks() []Family {
	out := make([]Family, len(s.fallbacks))
	for i := range out {
		out[i] = firstFallback + Family(i)
	}
	return out
}

// CodeFallbacks lists the families of the fallback faces taken for the
// characters of code (FallbackOptions.Code), in the order they are tried
// for text in the code face, before Fallbacks.
func (s *Set) CodeFallbacks() []Family {
	var out []Family
	for i, ff := range s.fallbacks {
		if ff.code {
			out = append(out, firstFallback+Family(i))
		}
	}
	return out
}

// Data returns the font file of a face of the set, embedded or fallback
// (its regular or bold face, as for Program), the bytes as Program's:
// an embedded face's shared and not to be modified, a fallback's read
// for the caller.
func (s *Set) Data(f Family, st Style) ([]byte, error) {
	if f.IsFallback() {
		i := int(f - firstFallback)
		if i >= len(s.fallbacks) {
			return nil, fmt.Errorf("fonts: no fallback face %d", i+1)
		}
		fb, err := s.fallbacks[i].variant(st)
		if err != nil {
			return nil, err
		}
		data, err := fb.faceData()
		if err != nil {
			return nil, fmt.Errorf("fonts: %w", err)
		}
		return data, nil
	}
	if f >= Serif && f <= Math {
		if e := s.embedded.get(f, st); e.err == nil {
			return e.data, nil
		}
	}
	return Data(f, st)
}

// Font returns the shaper's view of a face of the set: the font the
// layout shapes text with.
func (s *Set) Font(f Family, st Style) *gofont.Font {
	if f.IsFallback() {
		if fb := s.fallbackFace(f, st); fb != nil {
			return fb.font
		}
		f = Serif
	}
	return s.embedded.get(f, st).loaded(s).font
}

// IsColor reports whether a family's faces have colour glyphs, drawn as
// images: bitmaps (CBDT, sbix) or layers (COLR).
func (s *Set) IsColor(f Family) bool {
	fb := s.fallbackFace(f, Regular)
	return fb != nil && (fb.bitmap || fb.color)
}

// fallbackFace returns the face of fallback family f for style st, read;
// nil when f is not a fallback family or its face cannot be read (Program
// and Data report why, and the layout draws with the serif face).
func (s *Set) fallbackFace(f Family, st Style) *fallback {
	i := int(f - firstFallback)
	if !f.IsFallback() || i >= len(s.fallbacks) {
		return nil
	}
	fb, err := s.fallbacks[i].variant(st)
	if err != nil {
		return nil
	}
	return fb
}

// FamilyCovers reports whether the regular face of family f maps r. For a
// fallback family the index it was found in answers, without waiting for
// its face to be read.
func (s *Set) FamilyCovers(f Family, r rune) bool {
	if i := int(f - firstFallback); f.IsFallback() && i < len(s.fallbacks) {
		return s.fallbacks[i].covers(r)
	}
	return s.Face(f, Regular).Has(r)
}

// GlyphImage returns the image of a glyph of a colour family: PNG data
// and its size in pixels; false when the face has none for it.
func (s *Set) GlyphImage(f Family, gid uint16) (data []byte, w, h int, ok bool) {
	if !s.IsColor(f) {
		return nil, 0, 0, false
	}
	fb := s.fallbackFace(f, Regular)
	if fb.color {
		return colorGlyphImage(fb.font, gid)
	}
	if fb.strike != nil {
		file, err := fb.file()
		if err != nil {
			return nil, 0, 0, false
		}
		defer file.Close()
		return fb.strike.glyph(file, gid)
	}
	bm, ok := gofont.NewFace(fb.font).GlyphDataBitmap(gofont.GID(gid))
	if !ok || bm.Format != gofont.PNG || bm.Width <= 0 || bm.Height <= 0 {
		return nil, 0, 0, false
	}
	return bm.Data, bm.Width, bm.Height, true
}

// fallbackName is the PDF name of a fallback family, "Fallback1"….
func fallbackName(f Family) string { return "Fallback" + strconv.Itoa(int(f-firstFallback)+1) }
