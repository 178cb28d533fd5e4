package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// writeAll writes the artifacts of one build: every one to a temporary
// file in its directory first, then, when all were written and ctx is not
// done, each renamed into place. A failure while writing (a full disk, an
// error, an interrupt) removes the temporary files and leaves every
// previous artifact as it was; only a failing rename, after the first,
// can leave some artifacts new and some old, each of them complete. No
// artifact may replace the input.
func writeAll(ctx context.Context, arts []Artifact, data [][][]byte, input string) error {
	var staged []*stagedFile
	discard := func() {
		for _, s := range staged {
			s.discard()
		}
	}
	for i, a := range arts {
		if err := ctx.Err(); err != nil {
			discard()
			return fmt.Errorf("%s: %w", input, err)
		}
		s, err := stage(a.Path, data[i], input)
		if err != nil {
			discard()
			return err
		}
		staged = append(staged, s)
	}
	if err := ctx.Err(); err != nil {
		discard()
		return fmt.Errorf("%s: %w", input, err)
	}
	for i, s := range staged {
		if err := s.commit(); err != nil {
			for _, rest := range staged[i:] {
				rest.discard()
			}
			return err
		}
	}
	return nil
}

// stagedFile is an artifact written to a temporary file in the directory
// of its final path, not yet renamed.
type stagedFile struct {
	tmp, path string
}

// stage writes data, its parts one after another, to a new temporary
// file next to path, synced and closed. It refuses a path that is the
// input.
func stage(path string, data [][]byte, input string) (*stagedFile, error) {
	if same(path, input) {
		return nil, fmt.Errorf("%s: refusing to overwrite the input file", path)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	s := &stagedFile{tmp: f.Name(), path: path}
	for _, p := range data {
		if _, err = f.Write(p); err != nil {
			break
		}
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(s.tmp, 0o644)
	}
	if err != nil {
		s.discard()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return s, nil
}

// commit renames the temporary file into place.
func (s *stagedFile) commit() error {
	if err := os.Rename(s.tmp, s.path); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	s.tmp = ""
	return nil
}

// discard removes the temporary file, if it is still there.
func (s *stagedFile) discard() {
	if s.tmp != "" {
		os.Remove(s.tmp) // best effort: the build is failing already
		s.tmp = ""
	}
}

func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
