package fonts

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/fontscan"
)

// The system's fonts are listed from an index galley keeps in the user's
// cache directory (systemIndexFile): for each font file under the system's
// font directories (go-text's fontscan.DefaultFontDirectories, which reads
// fontconfig's), its modification time and size, and for each of its
// faces the family, aspect and the characters its cmap maps. A build
// walks the directories, reuses the entry of each file that has not
// changed and reads the others' tables (cmap, OS/2, name), then writes
// the index back only when something changed.
//
// go-text's own index (fontscan.SystemFonts) did the same walk, but on
// every call it also loaded the first face it listed whole to check that
// one could be loaded (on Debian, Noto Sans CJK Bold: its 16 MB CFF table
// read and parsed) and wrote its whole index back: 90 to 120 ms and 7,400
// page faults a build, where a build needs only the listing.

// systemIndexFile is the index's path under the user's cache directory;
// the version in its name changes with its format (indexMagic).
const systemIndexFile = "galley/system-fonts-v1.index"

// systemCandidates lists the system's faces, from the index in the user's
// cache directory brought up to date. A system without fonts (a minimal
// container) lists none, and that is no error; nor is a cache directory
// that cannot be written (a sandboxed build), where the listing is made
// afresh each time. The error names the font directories that could not
// be read (permission denied), whose faces are not listed; the others'
// are.
func systemCandidates() ([]candidate, error) {
	dirs, err := fontscan.DefaultFontDirectories(log.New(io.Discard, "", 0))
	if err != nil {
		return nil, nil // no font directory: none installed
	}
	index := ""
	if cache, err := os.UserCacheDir(); err == nil {
		index = filepath.Join(cache, filepath.FromSlash(systemIndexFile))
	}
	files, _, err := updateIndex(dirs, index)
	var out []candidate
	for _, f := range files {
		for _, face := range f.faces {
			out = append(out, candidate{path: f.path, index: face.index, family: face.family,
				aspect: namedAspect(f.path, face.aspect), covers: face.runes.contains, tier: 1})
		}
	}
	return out, err
}

// indexedFile is a font file of the index: where it is, what its file
// system said of it when its faces were read, and its faces (none for a
// file that is not an OpenType font, kept so as not to be read again).
type indexedFile struct {
	path    string
	modTime int64 // in nanoseconds since the Unix epoch
	size    int64
	faces   []indexedFace
}

// indexedFace is a face of a font file: its index in the file, its family
// (go-text's normalized name), its aspect as the font describes it, and
// the characters its cmap maps.
type indexedFace struct {
	index  int
	family string
	aspect gofont.Aspect
	runes  runeRanges
}

// runeRanges is a set of characters, as sorted disjoint inclusive ranges.
type runeRanges [][2]rune

// contains reports whether r is in the set.
func (rs runeRanges) contains(r rune) bool {
	_, found := slices.BinarySearchFunc(rs, r, func(e [2]rune, r rune) int {
		switch {
		case e[1] < r:
			return -1
		case e[0] > r:
			return 1
		}
		return 0
	})
	return found
}

// normalRanges sorts ranges and merges those that overlap or touch,
// leaving out what is not Unicode (a damaged cmap's).
func normalRanges(ranges [][2]rune) runeRanges {
	slices.SortFunc(ranges, func(a, b [2]rune) int { return cmp.Compare(a[0], b[0]) })
	out := ranges[:0]
	for _, r := range ranges {
		r = [2]rune{max(r[0], 0), min(r[1], unicodeMax)}
		if r[1] < r[0] {
			continue
		}
		if n := len(out); n > 0 && r[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return slices.Clip(out)
}

// indexUpdate counts what updateIndex did: the font files whose tables it
// read, and whether it wrote the index.
type indexUpdate struct {
	read    int
	written bool
}

// updateIndex lists the font files under dirs with their faces, in path
// order: the entries of the index file at indexPath for the files that
// have not changed, the others read anew. It writes the index back when
// a file was read or is gone; failing to write it only costs the next
// build the same reading (indexPath "" writes none). The error is
// fontFiles's: the files listed are those of the directories it read.
func updateIndex(dirs []string, indexPath string) ([]indexedFile, indexUpdate, error) {
	var did indexUpdate
	found, unread := fontFiles(dirs)
	var before map[string]indexedFile
	if indexPath != "" {
		if data, err := os.ReadFile(indexPath); err == nil {
			before = decodeIndex(data) // unreadable: every file read anew
		}
	}
	files := make([]indexedFile, 0, len(found))
	for _, f := range found {
		if old, ok := before[f.path]; ok && old.modTime == f.modTime && old.size == f.size {
			files = append(files, old)
			continue
		}
		f.faces = readFaces(f.path)
		did.read++
		files = append(files, f)
	}
	if indexPath != "" && (did.read > 0 || len(before) != len(files)) {
		did.written = writeIndex(indexPath, encodeIndex(files)) == nil
	}
	return files, did, unread
}

// fontFiles lists the font files (fontFile) under dirs, each once, in
// path order, with their modification times and sizes (of the file a
// link names); hidden files and dead links are left out. The error names
// the directories that exist and could not be read (their files are not
// listed, the others' are).
func fontFiles(dirs []string) ([]indexedFile, error) {
	seen := map[string]bool{}
	var out []indexedFile
	var unread []error // each directory's that could not be read
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					unread = append(unread, fmt.Errorf("the system's font directory %s cannot be read: %w", path, err))
				}
				if e == nil || e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.IsDir() || seen[path] || strings.HasPrefix(e.Name(), ".") || !fontFile(path) {
				return nil
			}
			seen[path] = true
			info, err := os.Stat(path)
			if err != nil || !info.Mode().IsRegular() {
				return nil // a dead link
			}
			out = append(out, indexedFile{path: path, modTime: info.ModTime().UnixNano(), size: info.Size()})
			return nil
		})
	}
	slices.SortFunc(out, func(a, b indexedFile) int { return strings.Compare(a.path, b.path) })
	switch len(unread) {
	case 0:
		return out, nil
	case 1:
		return out, unread[0]
	}
	return out, fmt.Errorf("%w (and %d other directories)", unread[0], len(unread)-1)
}

// readFaces reads the faces of the font file at path: the tables that
// name a face and map its characters, not its glyphs. A file that cannot
// be read, or is not an OpenType font or collection, has none; a face
// whose tables cannot be read is left out.
func readFaces(path string) []indexedFace {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	lds, err := ot.NewLoaders(f)
	if err != nil {
		return nil
	}
	var faces []indexedFace
	var buf []byte
	for i, ld := range lds {
		var face indexedFace
		var err error
		face, buf, err = readFace(ld, buf)
		if err != nil {
			continue
		}
		face.index = i
		faces = append(faces, face)
	}
	return faces
}

// readFace reads a face's family, aspect and characters from its tables,
// with buf as room to read them into; it returns the room, grown.
func readFace(ld *ot.Loader, buf []byte) (indexedFace, []byte, error) {
	page := tables.FPNone
	if raw, err := ld.RawTableTo(ot.MustNewTag("OS/2"), buf); err == nil {
		buf = raw
		if os2, _, err := tables.ParseOs2(raw); err == nil {
			page = os2.FontPage() // a symbol font's characters, in its legacy page
		}
	}
	raw, err := ld.RawTableTo(ot.MustNewTag("cmap"), buf)
	if err != nil {
		return indexedFace{}, buf, err
	}
	buf = raw
	table, _, err := tables.ParseCmap(raw)
	if err != nil {
		return indexedFace{}, buf, err
	}
	cmap, _, err := gofont.ProcessCmap(table, page)
	if err != nil {
		return indexedFace{}, buf, err
	}
	var ranges [][2]rune
	if ranger, ok := cmap.(gofont.CmapRuneRanger); ok {
		ranges = ranger.RuneRanges(nil)
	} else {
		for it := cmap.Iter(); it.Next(); {
			r, _ := it.Char()
			ranges = append(ranges, [2]rune{r, r})
		}
	}
	desc, buf := gofont.Describe(ld, buf)
	return indexedFace{family: gofont.NormalizeFamily(desc.Family), aspect: desc.Aspect, runes: normalRanges(ranges)}, buf, nil
}

// writeIndex replaces the file at path with data, whole: written beside
// it and renamed over it, so that a build reading it meanwhile (another
// galley) reads the old index or the new, never part of one.
func writeIndex(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".system-fonts-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
