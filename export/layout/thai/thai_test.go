package thai

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// split cuts s at its breaks, marking a break between syllables "·" and
// one between words "|".
func split(s string, bs []Break) string {
	var b strings.Builder
	prev := 0
	for _, br := range bs {
		b.WriteString(s[prev:br.At])
		if br.Syllable {
			b.WriteString("·")
		} else {
			b.WriteString("|")
		}
		prev = br.At
	}
	b.WriteString(s[prev:])
	return b.String()
}

// TestSyllables: Thai breaks where its spelling marks a syllable's edge:
// before a leading vowel, after sara a and sara am; never after a leading
// vowel, nor at the run's start.
func TestSyllables(t *testing.T) {
	for i, c := range []struct{ text, want string }{
		1: {"ภาษาไทย", "ภาษา·ไทย"},
		2: {"เป็นภาษา", "เป็นภาษา"},
		3: {"คำแน่นอน", "คำ·แน่นอน"},
		4: {"ประเทศ", "ประ·เทศ"},
		5: {"และเป็น", "และ·เป็น"},
		6: {"ไม่ไป", "ไม่·ไป"},
		7: {"hello", "hello"},
	} {
		if c.text == "" {
			continue
		}
		if got := split(c.text, (*Words)(nil).Breaks(c.text)); got != c.want {
			t.Errorf("%d: %s: %s, want %s", i, c.text, got, c.want)
		}
	}
}

// smallList is a word list in Hunspell's form: its count, words with and
// without flags, a Latin word (left out), a duplicate.
const smallList = `9
ภาษา
ไทย
ภาษาไทย
เป็น
ที่
มี/AB
คน
hello
คน
`

// TestBreaks: maximal matching takes the longest words that cover the
// most of the run, breaks between them at no cost, and breaks a stretch
// it has no word for only between its syllables, marked as such.
func TestBreaks(t *testing.T) {
	w, err := Parse(strings.NewReader(smallList))
	if err != nil {
		t.Fatal(err)
	}
	if w.Len() != 7 {
		t.Errorf("%d words, want 7 (the count line, the Latin word and the duplicate left out)", w.Len())
	}
	for i, c := range []struct{ text, want string }{
		1: {"ภาษาไทยเป็นภาษา", "ภาษาไทย|เป็น|ภาษา"}, // the longer word, not ภาษา|ไทย
		2: {"ที่มีคน", "ที่|มี|คน"},                 // a word with flags
		3: {"คนเดินไปที่", "คน|เดิน·ไป|ที่"},        // an unknown stretch between words: its syllables only
		4: {"ไทยGoไทย", "ไทยGoไทย"},                 // Thai meeting Latin is UAX #14's
		5: {"ไทย ไทย", "ไทย ไทย"},                   // a space is not this package's
		6: {"", ""},
		7: {"ที่ที่", "ที่|ที่"},
		8: {"เเ", "เเ"}, // leading vowels alone: no break after one
	} {
		if got := split(c.text, w.Breaks(c.text)); got != c.want {
			t.Errorf("%d: %s: %s, want %s", i, c.text, got, c.want)
		}
	}
}

// TestNoBreakInsideACluster: no break, whatever the list, falls before a
// mark or a following vowel, or after a leading vowel.
func TestNoBreakInsideACluster(t *testing.T) {
	// A list of single consonants tempts a break after each.
	w, err := Parse(strings.NewReader("ก\nข\nค\nน\nม\n"))
	if err != nil {
		t.Fatal(err)
	}
	text := "กิ่งขำเคนม"
	for _, b := range w.Breaks(text) {
		if !mayBreak(text, b.At) {
			t.Errorf("break at %d: %q | %q", b.At, text[:b.At], text[b.At:])
		}
	}
}

// TestParseRefusesAnEmptyList: a file with no Thai word is an error, not
// a list that silently breaks nothing.
func TestParseRefusesAnEmptyList(t *testing.T) {
	if _, err := Parse(strings.NewReader("2\nhello\nworld\n")); err == nil {
		t.Error("no error for a list without Thai")
	}
}

// TestParseLines: a list with CRLF line ends, a count line, flags, a
// blank line and words out of order is read as its words, sorted, with
// neither line ends nor flags; a first line that is a word is a word.
func TestParseLines(t *testing.T) {
	for _, c := range []struct {
		list string
		want []string
	}{
		{"3\r\nไทย/AB\r\n\r\nคน\r\nกก", []string{"กก", "คน", "ไทย"}},
		{"ไทย\nคน\n", []string{"คน", "ไทย"}},
	} {
		w, err := Parse(strings.NewReader(c.list))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(w.sorted, c.want) {
			t.Errorf("%q: %q, want %q", c.list, w.sorted, c.want)
		}
	}
}

// TestCache: the first path that exists is read, once; none found is no
// error; a directory where the list should be is one.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "th_TH.dic")
	if err := os.WriteFile(list, []byte(smallList), 0o644); err != nil {
		t.Fatal(err)
	}
	c := &Cache{Paths: []string{filepath.Join(dir, "missing.dic"), list}}
	w, path, err := c.Words()
	if err != nil || path != list || w.Len() != 7 {
		t.Fatalf("Words: %d words from %q, %v", w.Len(), path, err)
	}
	if err := os.Remove(list); err != nil {
		t.Fatal(err)
	}
	if w2, _, _ := c.Words(); w2 != w {
		t.Error("the list was read again")
	}
	none := &Cache{Paths: []string{filepath.Join(dir, "missing.dic")}}
	if w, _, err := none.Words(); w != nil || err != nil {
		t.Errorf("no list: %v, %v; want nil, nil", w, err)
	}
	bad := &Cache{Paths: []string{dir}}
	if _, _, err := bad.Words(); err == nil {
		t.Error("no error for a directory")
	}
}

// TestPrefetch: a list prefetched is the one Words returns, read once
// (the file is gone by the second call).
func TestPrefetch(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "th_TH.dic")
	if err := os.WriteFile(list, []byte(smallList), 0o644); err != nil {
		t.Fatal(err)
	}
	c := &Cache{Paths: []string{list}}
	c.Prefetch()
	w, path, err := c.Words()
	if err != nil || path != list || w.Len() != 7 {
		t.Fatalf("Words after Prefetch: %d words from %q, %v", w.Len(), path, err)
	}
	if err := os.Remove(list); err != nil {
		t.Fatal(err)
	}
	c.Prefetch()
	if w2, _, err := c.Words(); w2 != w || err != nil {
		t.Errorf("prefetched again: %v, %v", w2, err)
	}
}

// TestSystemList: with Debian's hunspell-th, a sentence breaks between
// its words, as a Thai reader would cut it.
func TestSystemList(t *testing.T) {
	w, path, err := (&Cache{}).Words()
	if err != nil {
		t.Fatal(err)
	}
	if w == nil {
		validate.Missing(t, "a Thai word list ("+strings.Join(SystemPaths(), ", ")+")", "apt-get install hunspell-th")
	}
	if w.Len() < 40000 {
		t.Errorf("%s: %d words", path, w.Len())
	}
	text := "ประเทศไทยมีประชากรประมาณหกสิบหกล้านคน"
	got := strings.Split(split(text, w.Breaks(text)), "|")
	want := []string{"ประเทศไทย", "มี", "ประชากร", "ประมาณ", "หก", "สิบ", "หก", "ล้าน", "คน"}
	if !slices.Equal(got, want) {
		t.Errorf("%s: %q, want %q", path, got, want)
	}
}

// BenchmarkLoadSystem reads the system's Thai word list, when installed
// (hunspell-th: 51,000 words).
func BenchmarkLoadSystem(b *testing.B) {
	path := SystemPaths()[0]
	if _, err := os.Stat(path); err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if w, err := load(path); err != nil || w.Len() < 1000 {
			b.Fatal(w.Len(), err)
		}
	}
}
