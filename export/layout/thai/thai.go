// Package thai finds where a line of Thai may break. Thai is written
// without spaces between its words, and UAX #14 leaves its breaks to a
// dictionary: this package segments a run of Thai into the words of a
// word list by maximal matching (the fewest characters left outside
// known words, then the fewest words), and breaks what no word covers
// between the syllables its spelling marks.
//
// The word list is the system's: Hunspell's Thai dictionary (Debian's
// hunspell-th, NECTEC's word list under the LGPL), read at run time as
// the system's fonts are, never built in. With none, Thai breaks between
// syllables only.
package thai

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galley-pub/galley/export/internal/guard"
)

// SystemPaths are where Hunspell's Thai dictionary is installed (Debian's
// and Fedora's hunspell-th, and the older myspell directory), in the
// order searched.
func SystemPaths() []string {
	return []string{
		"/usr/share/hunspell/th_TH.dic",
		"/usr/share/myspell/th_TH.dic",
		"/usr/share/myspell/dicts/th_TH.dic",
	}
}

// Words is a sorted list of Thai words. A nil *Words knows no word.
type Words struct {
	sorted []string
}

// maxFileSize bounds a word list read from disk (Debian's is 1.2 MB).
const maxFileSize = 64 << 20

// Parse reads a word list in Hunspell's .dic form: a first line that
// counts the words, then a word a line, each perhaps followed by "/" and
// its affix flags (dropped). Words that hold no Thai are left out.
func Parse(r io.Reader) (*Words, error) {
	return read(r, 0)
}

// read reads a word list of at most maxFileSize bytes from r into one
// string, grown once to sizeHint bytes, and parses it.
func read(r io.Reader, sizeHint int64) (*Words, error) {
	var b strings.Builder
	b.Grow(int(sizeHint) + 1) // one read to the end, no growing, when the hint is right
	if _, err := io.Copy(&b, io.LimitReader(r, maxFileSize+1)); err != nil {
		return nil, fmt.Errorf("thai: word list: %w", err)
	}
	if b.Len() > maxFileSize {
		return nil, fmt.Errorf("thai: word list: more than %d bytes", maxFileSize)
	}
	return parse(b.String())
}

// parse reads the word list text. The words are slices of it, not a
// string each: Debian's list of 51,000 words took 9 ms to read a line at
// a time, with 51,000 allocations.
func parse(text string) (*Words, error) {
	words := make([]string, 0, strings.Count(text, "\n")+1)
	for first := true; text != ""; first = false {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		line = strings.TrimSpace(line)
		if first && isCount(line) {
			continue
		}
		word, _, _ := strings.Cut(line, "/")
		if word == "" || !utf8.ValidString(word) || !strings.ContainsFunc(word, IsThai) {
			continue
		}
		words = append(words, word)
	}
	if len(words) == 0 {
		return nil, errors.New("thai: word list: no Thai words")
	}
	if !slices.IsSorted(words) { // Debian's is, but for its last word
		slices.Sort(words)
	}
	return &Words{sorted: slices.Compact(words)}, nil
}

// isCount reports a line of decimal digits: a .dic file's word count.
func isCount(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Len is the number of words in the list.
func (w *Words) Len() int {
	if w == nil {
		return 0
	}
	return len(w.sorted)
}

// Cache loads the system's word list once, for every layout of a batch,
// from the first of its paths that exists. Safe for concurrent use.
type Cache struct {
	// Paths replaces SystemPaths when set (tests).
	Paths []string

	once  sync.Once
	words *Words
	path  string
	err   error
}

// Words returns the word list and the file it came from, loaded on the
// first call. No file found gives nil words and no error; a file found
// but unreadable or empty gives the error, and so does a panic loading
// it (a bug), which Prefetch's goroutine would otherwise end the process
// with.
func (c *Cache) Words() (*Words, string, error) {
	c.once.Do(func() {
		defer guard.Error(&c.err)
		paths := c.Paths
		if paths == nil {
			paths = SystemPaths()
		}
		for _, p := range paths {
			c.words, c.err = load(p)
			if c.err == nil {
				c.path = p
				return
			}
			if errors.Is(c.err, fs.ErrNotExist) {
				c.err = nil
				continue
			}
			c.err = fmt.Errorf("%s: %w", p, c.err)
			return
		}
	})
	return c.words, c.path, c.err
}

// Prefetch starts reading the word list on a goroutine of its own, when
// not read yet: Words then waits for it. A Thai Hunspell list (Debian's,
// 1.2 MB) takes 20 ms to read, which a layout that waits for it at its
// start spends with a core idle.
func (c *Cache) Prefetch() {
	go c.Words()
}

// load reads the word list at path.
func load(path string) (*Words, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > maxFileSize {
		return nil, fmt.Errorf("thai: word list: not a regular file of at most %d bytes", maxFileSize)
	}
	return read(f, st.Size())
}

// IsThai reports a character of the Thai block.
func IsThai(r rune) bool { return r >= 0x0E00 && r <= 0x0E7F }
