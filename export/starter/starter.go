// Package starter holds the starter handout and book that `galley init`
// writes for a new user to copy from.
package starter

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed files
var files embed.FS

// Write writes the starter files into dir (handout.md and book/) and
// returns their paths. It writes nothing when any of them exists already.
func Write(dir string) ([]string, error) {
	var paths, names []string
	err := fs.WalkDir(files, "files", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name[len("files/"):]))
		if _, err := os.Stat(p); err == nil {
			return nil, fmt.Errorf("%s exists; nothing was written", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		paths = append(paths, p)
	}
	for i, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(paths[i]), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(paths[i], data, 0o644); err != nil {
			return nil, err
		}
	}
	return paths, nil
}
