package fonts

import (
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"github.com/go-text/typesetting/fontscan"
)

// systemCandidates lists the system's faces from go-text's index
// (fontscan), which it keeps in a cache directory (indexDir) and
// refreshes when fonts change. It returns why the system's fonts cannot
// be listed when there are some and they cannot; a system with none
// (a minimal container) has none to offer, and that is no error.
func systemCandidates() ([]candidate, error) {
	dir, done, err := indexDir(os.UserCacheDir)
	if err != nil {
		return nil, err
	}
	logger := log.New(io.Discard, "", 0)
	fps, err := fontscan.SystemFonts(logger, dir)
	done()
	if err != nil {
		if dirs, derr := fontscan.DefaultFontDirectories(logger); derr != nil || !holdsFontFile(dirs) {
			return nil, nil // none installed: the warnings for each script say what to install
		}
		return nil, fmt.Errorf("the system's fonts cannot be listed: %w", err)
	}
	out := make([]candidate, 0, len(fps))
	for _, fp := range fps {
		if !fontFile(fp.Location.File) {
			continue
		}
		runes := fp.Runes
		out = append(out, candidate{path: fp.Location.File, index: int(fp.Location.Index), family: fp.Family, aspect: namedAspect(fp.Location.File, fp.Aspect),
			covers: runes.Contains, tier: 1})
	}
	return out, nil
}

// indexDir returns the directory go-text keeps its index of the system's
// fonts in, and done, to call once the index is read.
//
// It is the user's cache directory (userCacheDir, go-text's own choice)
// when that can be written. go-text writes its index back on every read,
// and fails without listing a font when it cannot: a build whose home is
// missing or read-only (a sandboxed package build, Nix's
// /homeless-shelter, a container's read-only root, `env -i`) found no
// fallback face at all, and printed each Chinese, Arabic or emoji
// character as an empty box while its warnings said to install the fonts
// that were there. Such a build gets a private directory of its own
// under the system's temporary directory, which done removes: the index
// is then made anew (about 65 ms for 360 faces, not 30).
func indexDir(userCacheDir func() (string, error)) (dir string, done func(), err error) {
	if dir, err := userCacheDir(); err == nil && writableDir(dir) {
		return dir, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "galley-font-index-")
	if err != nil {
		return "", nil, fmt.Errorf("the system's fonts cannot be listed: no cache directory can be written (%w)", err)
	}
	return tmp, func() { os.RemoveAll(tmp) }, nil
}

// writableDir reports whether dir is, or can be made, a directory that
// files can be created in.
func writableDir(dir string) bool {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".galley-probe-")
	if err != nil {
		return false
	}
	f.Close()
	return os.Remove(f.Name()) == nil
}

// holdsFontFile reports whether any of dirs, or a directory under them,
// holds a font file of the kinds searched (fontFile).
func holdsFontFile(dirs []string) bool {
	found := false
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && fontFile(path) {
				found = true
				return fs.SkipAll
			}
			return nil
		})
		if found {
			return true
		}
	}
	return false
}
