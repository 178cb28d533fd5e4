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
)

// SystemFontDirs are the directories searched for fallback fonts after the
// ones a user names.
func SystemFontDirs() []string { return []string{"/usr/share/fonts", "/usr/local/share/fonts"} }

// maxFontFile bounds the size of a font file read as a fallback.
const maxFontFile = 64 << 20

// fallback is a face found on the system: the family it is known by after
// the embedded ones, its file and its metrics.
type fallback struct {
	path string
	data []byte
	face *Face
}

// firstFallback is the Family of the first fallback face.
const firstFallback Family = Mono + 1

// IsFallback reports whether f names a face found on the system rather than
// an embedded one.
func (f Family) IsFallback() bool { return f >= firstFallback }

// WithFallbacks returns a copy of s that also draws the characters in need
// that no embedded face has, with TrueType faces found under dirs (searched
// in order, files in name order; the first face that has a character serves
// it). Only TrueType-outline files (.ttf) are used: the PDF writer cannot
// embed CFF (OpenType .otf) fonts or collections. It returns the paths of
// the faces taken; directories that do not exist are skipped.
func (s *Set) WithFallbacks(dirs []string, need []rune) (*Set, []string, error) {
	var missing []rune
	for _, r := range need {
		if r <= 0xFFFF && !s.Covers(r) && !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	out := &Set{faces: s.faces, data: s.data, fallbacks: slices.Clone(s.fallbacks)}
	if len(missing) == 0 {
		return out, nil, nil
	}
	var taken []string
	for _, dir := range dirs {
		var files []string
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				if path == dir && os.IsNotExist(err) {
					return filepath.SkipDir
				}
				return nil // an unreadable sub-directory: skip it
			}
			if !e.IsDir() && strings.EqualFold(filepath.Ext(path), ".ttf") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("fonts: %s: %w", dir, err)
		}
		slices.Sort(files)
		for _, path := range files {
			if len(missing) == 0 {
				return out, taken, nil
			}
			fb, ok := loadFallback(path)
			if !ok {
				continue
			}
			covered := slices.DeleteFunc(slices.Clone(missing), func(r rune) bool { return !fb.face.Has(r) })
			if len(covered) == 0 {
				continue
			}
			missing = slices.DeleteFunc(missing, fb.face.Has)
			out.fallbacks = append(out.fallbacks, fb)
			taken = append(taken, path)
		}
	}
	return out, taken, nil
}

// loadFallback reads a TrueType font file, or reports false for a file that
// is too large, unreadable, not TrueType outlines or not parseable.
func loadFallback(path string) (fallback, bool) {
	st, err := os.Stat(path)
	if err != nil || st.Size() > maxFontFile {
		return fallback{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 12 {
		return fallback{}, false
	}
	if v := data[:4]; !bytes.Equal(v, []byte{0, 1, 0, 0}) && string(v) != "true" {
		return fallback{}, false // OTTO (CFF) or ttcf (a collection)
	}
	if !bytes.Contains(data[12:min(len(data), 12+16*64)], []byte("glyf")) {
		return fallback{}, false
	}
	face, err := Parse(filepath.Base(path), data)
	if err != nil {
		return fallback{}, false
	}
	return fallback{path: path, data: data, face: face}, true
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

// Data returns the TTF bytes of a face of the set, embedded or fallback.
// A fallback family has one face, whatever the style. The bytes are the
// set's own, shared by every caller: they must not be modified.
func (s *Set) Data(f Family, st Style) ([]byte, error) {
	if f.IsFallback() {
		i := int(f - firstFallback)
		if i >= len(s.fallbacks) {
			return nil, fmt.Errorf("fonts: no fallback face %d", i+1)
		}
		return s.fallbacks[i].data, nil
	}
	if f >= Serif && f <= Mono && st >= Regular && st <= BoldItalic && s.data[f][st] != nil {
		return s.data[f][st], nil
	}
	return Data(f, st)
}

// fallbackName is the PDF name of a fallback family, "Fallback1"….
func fallbackName(f Family) string { return "Fallback" + strconv.Itoa(int(f-firstFallback)+1) }
