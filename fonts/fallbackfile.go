package fonts

// Reading a fallback face from its file: for the layout (its metrics'
// tables and go-text's face, without the outlines), and again, mapped
// into memory, for the PDF's subset of its font program.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	"github.com/galley-pub/galley/fonts/internal/layoutview"
)

// openFontFile opens a font file no larger than maxFontFile.
func openFontFile(path string) (*os.File, os.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil && st.Size() > maxFontFile {
		err = fmt.Errorf("%s: %d bytes, more than %d", path, st.Size(), maxFontFile)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// readFontFile reads a font file no larger than maxFontFile.
func readFontFile(path string) ([]byte, error) {
	f, _, err := openFontFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// loadFallback reads one face of a font file: TrueType or CFF outlines
// (with colour layers, COLR, or without), or colour bitmaps (CBDT, as
// Noto Color Emoji has, or sbix); the layout draws colour glyphs as
// images. CFF2 variable fonts are refused. The file is read a table at a
// time, each once: the metrics' tables for its Face, and what go-text
// keeps for the shaper (a CJK collection of 26 MB is not read whole).
func loadFallback(path string, index int) (fallback, error) {
	f, st, err := openFontFile(path)
	if err != nil {
		return fallback{}, err
	}
	defer f.Close()
	lds, err := ot.NewLoaders(f)
	if err != nil || index >= len(lds) {
		return fallback{}, fmt.Errorf("%s: not a font file", path)
	}
	ld := lds[index]
	fb := fallback{path: path, index: index, size: st.Size(), modTime: st.ModTime()}
	if fb.cff, fb.bitmap, err = outlines(ld, path); err != nil {
		return fallback{}, err
	}
	tables := map[string][]byte{}
	for _, tag := range []string{"head", "hhea", "hmtx", "cmap", "maxp", "OS/2"} {
		if raw, err := ld.RawTable(ot.MustNewTag(tag)); err == nil {
			tables[tag] = raw
		}
	}
	name := filepath.Base(path) + indexSuffix(index)
	if fb.face, err = parseTables(name, tables); err != nil {
		return fallback{}, err
	}
	if fb.font, err = layoutview.NewFont(f, st.Size(), index); err != nil {
		return fallback{}, fmt.Errorf("fonts: %s: %w", name, err)
	}
	if fb.bitmap && ld.HasTable(ot.MustNewTag("CBDT")) && !ld.HasTable(ot.MustNewTag("sbix")) {
		// An index that cannot be read draws no glyph, as go-text's
		// reading of the whole table drew none. (A face with sbix too is
		// opened whole: go-text draws its sbix glyphs first.)
		fb.strike, _ = readBitmapStrike(f, index, ld)
	}
	fb.color = !fb.bitmap && hasColorLayers(fb.font)
	return fb, nil
}

// file opens the face's file again, refusing one changed since the face
// was read: its glyphs may not be the ones laid out.
func (fb *fallback) file() (*os.File, error) {
	f, st, err := openFontFile(fb.path)
	if err != nil {
		return nil, err
	}
	if st.Size() != fb.size || !st.ModTime().Equal(fb.modTime) {
		f.Close()
		return nil, fmt.Errorf("%s: changed while the document was built", fb.path)
	}
	return f, nil
}

// program maps the face's file into memory and returns its font program
// there: its CFF table for CFF outlines, else the face as a font file of
// its own (a face of a collection is copied out of it, and the mapping
// let go of at once). unmap lets go of the mapping.
func (fb *fallback) program() (data []byte, unmap func() error, err error) {
	f, err := fb.file()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	file, unmap, err := mapFile(f, fb.size)
	if err != nil {
		return nil, nil, err
	}
	if fb.cff {
		if data = faceTable(file, fb.index, "CFF "); data == nil {
			unmap()
			return nil, nil, fmt.Errorf("%s: no CFF table", fb.path)
		}
		return data, unmap, nil
	}
	if data, err = faceFile(file, fb.index); err != nil {
		unmap()
		return nil, nil, err
	}
	if len(data) > 0 && len(file) > 0 && &data[0] != &file[0] { // a copy
		return data, nil, unmap()
	}
	return data, unmap, nil
}

// readMapped reads the size bytes of f (no more than maxFontFile, as
// openFontFile checked), as mapFile's fallback.
func readMapped(f *os.File, size int64) ([]byte, func() error, error) {
	if size <= 0 || size > maxFontFile {
		return nil, nil, fmt.Errorf("%s: %d bytes", f.Name(), size)
	}
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil, nil, err
	}
	return data, nil, nil
}

// faceData reads the face from its file as a font file of its own.
func (fb *fallback) faceData() ([]byte, error) {
	f, err := fb.file()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return faceFile(data, fb.index)
}

// outlines says how a face draws its glyphs, from its table directory:
// with CFF outlines, else TrueType ones, else as colour bitmaps; an error
// for none of these (a CFF2 variable font).
func outlines(ld *ot.Loader, path string) (isCFF, bitmap bool, err error) {
	switch {
	case ld.HasTable(ot.MustNewTag("glyf")):
		return false, false, nil
	case ld.HasTable(ot.MustNewTag("CFF ")):
		return true, false, nil
	case ld.HasTable(ot.MustNewTag("CBDT")) && ld.HasTable(ot.MustNewTag("CBLC")), ld.HasTable(ot.MustNewTag("sbix")):
		return false, true, nil
	}
	return false, false, fmt.Errorf("%s: no TrueType or CFF outlines", path)
}

// probe checks, from the file's size and table directory alone, that
// loadFallback can read face index of the file at path: what choosing a
// family needs to know at once, before the face is read in the
// background.
func probe(path string, index int) error {
	f, _, err := openFontFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	lds, err := ot.NewLoaders(f)
	if err != nil || index >= len(lds) {
		return fmt.Errorf("%s: not a font file", path)
	}
	_, _, err = outlines(lds[index], path)
	return err
}

// parseFont reads a font file for the shaper.
func parseFont(name string, data []byte) (*gofont.Font, error) {
	ft, err := layoutview.NewFont(bytes.NewReader(data), int64(len(data)), 0)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s: %w", name, err)
	}
	return ft, nil
}

// Program is a face's font program as a PDF embeds it.
type Program struct {
	Name string // the face's file name, for messages
	// Data is the font file (TrueType), or the CFF table when CFF is set.
	// A fallback's is its file mapped into memory, good until Close.
	Data []byte
	CFF  bool
	// unmap lets go of a fallback's mapped file; nil for an embedded face.
	unmap func() error
}

// Close lets go of the program's bytes: a fallback's mapped file. Data
// must not be used after it.
func (p Program) Close() error {
	if p.unmap == nil {
		return nil
	}
	return p.unmap()
}

// Use calls use with the program's bytes, which it must not keep, then
// closes the program. A fallback's file cut short while it was read (its
// mapping then faults) is an error, not a crash.
func (p Program) Use(use func(data []byte) error) (err error) {
	defer func() {
		if cerr := p.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("fonts: %s: %w", p.Name, cerr)
		}
	}()
	if p.unmap == nil {
		return use(p.Data)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, fault := r.(interface{ Addr() uintptr }); !fault {
				panic(r)
			}
			err = errors.New("the font file changed while it was read")
		}
	}()
	return use(p.Data)
}

// Program returns the font program of a face of the set, embedded or
// fallback. A fallback family has a regular face and may have a bold one,
// for every style with Bold. An embedded face's bytes are the set's own,
// shared by every caller: they must not be modified. A fallback's are
// its file mapped into memory for the caller (a CJK face's CFF table is
// 16 MB, which the set does not keep, and of which a subset reads a
// little), good until the program's Close or the end of its Use; they
// fail if the file changed since the face was read.
func (s *Set) Program(f Family, st Style) (Program, error) {
	if f.IsFallback() {
		i := int(f - firstFallback)
		if i >= len(s.fallbacks) {
			return Program{}, fmt.Errorf("fonts: no fallback face %d", i+1)
		}
		fb, err := s.fallbacks[i].variant(st)
		if err != nil {
			return Program{}, err
		}
		data, unmap, err := fb.program()
		if err != nil {
			return Program{}, fmt.Errorf("fonts: %w", err)
		}
		return Program{Name: filepath.Base(fb.path) + indexSuffix(fb.index), Data: data, CFF: fb.cff, unmap: unmap}, nil
	}
	data, err := s.Data(f, st)
	return Program{Name: FileName(f, st), Data: data}, err
}
