package fonts

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
)

// listSystemFontsEnv makes TestSystemFontsWithoutHome's child process
// print what systemCandidates lists, and exit.
const listSystemFontsEnv = "FONTS_TEST_LIST_SYSTEM_FONTS"

// TestSystemFontsWithoutHome lists the system's fonts in a process whose
// home and cache directory cannot be written (a sandboxed build): it
// finds the faces a process with a cache finds. go-text's index is made
// once a process, so the listing is a child process's.
func TestSystemFontsWithoutHome(t *testing.T) {
	if os.Getenv(listSystemFontsEnv) == "1" {
		cands, err := systemCandidates()
		fmt.Printf("listed %d faces, error %v\n", len(cands), err)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("the user's cache directory is not $HOME's there")
	}
	want, err := systemCandidates()
	if err != nil || len(want) == 0 {
		t.Skipf("no system fonts to list here (%v)", err)
	}
	home := filepath.Join(t.TempDir(), "home")
	if err := os.WriteFile(home, nil, 0o600); err != nil { // a file: nothing can be made under it
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSystemFontsWithoutHome$")
	cmd.Env = append(os.Environ(), listSystemFontsEnv+"=1", "HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if line := fmt.Sprintf("listed %d faces, error <nil>", len(want)); !strings.Contains(string(out), line) {
		t.Errorf("without a home, the child process printed %q; want %q, as with one", out, line)
	}
}

// TestSystemIndexUpdates follows the index of a font directory through
// changes, in numbered steps: each lists what the directory holds, and
// reads only the font files that are new or changed.
func TestSystemIndexUpdates(t *testing.T) {
	dir := t.TempDir()
	put := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoSansMono-Regular.ttf"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		put(name, data)
	}
	put("broken.ttf", []byte("not a font"))
	put(".hidden.ttf", []byte("skipped"))
	put("README", []byte("skipped"))
	index := filepath.Join(t.TempDir(), "cache", "system-fonts.index")
	list := func(step string, path string, wantRead int, wantWritten bool, wantFiles ...string) []indexedFile {
		t.Helper()
		files, did, err := updateIndex([]string{dir, filepath.Join(dir, "missing")}, path)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		var names []string
		for _, f := range files {
			names = append(names, filepath.Base(f.path))
		}
		if strings.Join(names, " ") != strings.Join(wantFiles, " ") {
			t.Errorf("%s: listed %q, want %q", step, names, wantFiles)
		}
		if did.read != wantRead || did.written != wantWritten {
			t.Errorf("%s: read %d files, wrote the index %v; want %d, %v", step, did.read, did.written, wantRead, wantWritten)
		}
		return files
	}
	all := []string{"NotoSans-Regular.ttf", "NotoSansMono-Regular.ttf", "broken.ttf"}

	first := list("1. a new index", index, 3, true, all...)
	sans, mono, broken := first[0], first[1], first[2]
	if len(sans.faces) != 1 || sans.faces[0].family != "notosans" || sans.faces[0].aspect.Weight != 400 ||
		!sans.faces[0].runes.contains('A') || !sans.faces[0].runes.contains('é') || sans.faces[0].runes.contains('中') {
		t.Errorf("1. Noto Sans indexed as %+v", sans.faces)
	}
	if len(mono.faces) != 1 || mono.faces[0].family != "notosansmono" {
		t.Errorf("1. Noto Sans Mono indexed as %+v", mono.faces)
	}
	if len(broken.faces) != 0 {
		t.Errorf("1. a file that is no font has faces %+v", broken.faces)
	}

	if again := list("2. nothing changed", index, 0, false, all...); !reflect.DeepEqual(again, first) {
		t.Errorf("2. the index gave %+v, not what was read: %+v", again, first)
	}

	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(mono.path, later, later); err != nil {
		t.Fatal(err)
	}
	list("3. a file changed", index, 1, true, all...)

	if err := os.Remove(broken.path); err != nil {
		t.Fatal(err)
	}
	list("4. a file removed", index, 0, true, all[:2]...)

	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(index, data, 0o600); err != nil {
		t.Fatal(err)
	}
	list("5. the index damaged", index, 2, true, all[:2]...)
	list("6. and made anew", index, 0, false, all[:2]...)

	blocked := filepath.Join(dir, "README", "system-fonts.index") // under a file: cannot be made
	list("7. an index that cannot be written", blocked, 2, false, all[:2]...)
	list("8. nor read", blocked, 2, false, all[:2]...)
	list("9. no index", "", 2, false, all[:2]...)
}

// TestIndexFileDecode checks that an index file reads back as written,
// and that one cut short or damaged anywhere reads as none.
func TestIndexFileDecode(t *testing.T) {
	files := []indexedFile{
		{path: "/fonts/a.ttc", modTime: 1700000000123456789, size: 20 << 20, faces: []indexedFace{
			{index: 0, family: "notosanscjk", aspect: gofont.Aspect{Style: gofont.StyleNormal, Weight: 400, Stretch: 1},
				runes: runeRanges{{0x20, 0x7e}, {0xa0, 0x17f}, {0x4e00, 0x9fff}, {0x20000, 0x2a6df}}},
			{index: 3, family: "notosanscjkjp", aspect: gofont.Aspect{Style: gofont.StyleItalic, Weight: 700, Stretch: 0.75}},
		}},
		{path: "/fonts/none.ttf", modTime: -1, size: 0},
	}
	data := encodeIndex(files)
	got := decodeIndex(data)
	if len(got) != len(files) {
		t.Fatalf("decoded %d files, want %d", len(got), len(files))
	}
	for _, f := range files {
		if g := got[f.path]; !reflect.DeepEqual(g, f) {
			t.Errorf("%s decoded as %+v, want %+v", f.path, g, f)
		}
	}
	for n := range len(data) {
		if decodeIndex(data[:n]) != nil {
			t.Errorf("the first %d of %d bytes decoded", n, len(data))
		}
	}
	for i := range data {
		bad := bytes.Clone(data)
		bad[i] ^= 0x10
		if decodeIndex(bad) != nil {
			t.Errorf("decoded with byte %d changed", i)
		}
	}
}

// TestRuneRanges checks the sets of characters a face's cmap maps.
func TestRuneRanges(t *testing.T) {
	rs := normalRanges([][2]rune{{'x', 'z'}, {'a', 'c'}, {'d', 'f'}, {'b', 'b'}, {'q', 'p'}, {0x4e00, 0x9fff},
		{-5, -1}, {0x10fff0, 0x7fffffff}, {0x110000, 0x7fffffff}, {-0x80000000, 0x7fffffff}})
	if want := (runeRanges{{0, unicodeMax}}); !reflect.DeepEqual(rs, want) {
		t.Errorf("a damaged cmap's ranges: %q, want all of Unicode", rs)
	}
	rs = normalRanges([][2]rune{{'x', 'z'}, {'a', 'c'}, {'d', 'f'}, {'b', 'b'}, {'q', 'p'}, {0x4e00, 0x9fff}, {-5, -1}, {0x110000, 0x7fffffff}})
	if want := (runeRanges{{'a', 'f'}, {'x', 'z'}, {0x4e00, 0x9fff}}); !reflect.DeepEqual(rs, want) {
		t.Fatalf("normalRanges = %q, want %q", rs, want)
	}
	for i, c := range []struct {
		r    rune
		want bool
	}{{'a', true}, {'f', true}, {'g', false}, {'p', false}, {'y', true}, {0x4e00, true}, {0x9fff, true}, {0xa000, false}, {0, false}} {
		if got := rs.contains(c.r); got != c.want {
			t.Errorf("%d. contains(%U) = %v, want %v", i+1, c.r, got, c.want)
		}
	}
}

// TestSystemIndexAsFontscan lists the system's fonts with galley's index
// and with go-text's fontscan, which it replaced: the same faces, of the
// same families and aspects, mapping the same characters (every fifth of
// the Basic Multilingual Plane, every 101st beyond).
func TestSystemIndexAsFontscan(t *testing.T) {
	dirs, err := fontscan.DefaultFontDirectories(log.New(io.Discard, "", 0))
	if err != nil {
		t.Skipf("no font directories here: %v", err)
	}
	ours, _, err := updateIndex(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := fontscan.SystemFonts(log.New(io.Discard, "", 0), t.TempDir())
	if err != nil {
		t.Skipf("fontscan lists no fonts here: %v", err)
	}
	type key struct {
		path  string
		index int
	}
	faces := map[key]indexedFace{}
	for _, f := range ours {
		for _, face := range f.faces {
			faces[key{f.path, face.index}] = face
		}
	}
	compared := 0
	for _, fp := range theirs {
		if !fontFile(fp.Location.File) {
			continue
		}
		k := key{fp.Location.File, int(fp.Location.Index)}
		face, ok := faces[k]
		if !ok {
			t.Errorf("%v: listed by fontscan, not by the index", k)
			continue
		}
		delete(faces, k)
		compared++
		if face.family != fp.Family || face.aspect != fp.Aspect {
			t.Errorf("%v: %q %+v; fontscan %q %+v", k, face.family, face.aspect, fp.Family, fp.Aspect)
		}
		for r := rune(0); r <= unicodeMax; r += map[bool]rune{true: 5, false: 101}[r < 0x10000] {
			if face.runes.contains(r) != fp.Runes.Contains(r) {
				t.Errorf("%v: maps %U: %v; fontscan: %v", k, r, face.runes.contains(r), fp.Runes.Contains(r))
				break
			}
		}
	}
	for k := range faces {
		t.Errorf("%v: listed by the index, not by fontscan", k)
	}
	t.Logf("%d faces compared", compared)
}

// TestFontFilesUnreadable lists a font directory one of whose
// sub-directories cannot be read: the error names it, and the files of
// the others are listed. (The superuser reads any directory: skipped.)
func TestFontFilesUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("the superuser reads a directory whatever its mode")
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked")
	for _, p := range []string{filepath.Join(dir, "open", "a.ttf"), filepath.Join(locked, "b.ttf")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	files, err := fontFiles([]string{dir})
	if len(files) != 1 || filepath.Base(files[0].path) != "a.ttf" {
		t.Errorf("listed %+v, want a.ttf", files)
	}
	if err == nil || !strings.Contains(err.Error(), "the system's font directory "+locked+" cannot be read") {
		t.Errorf("error %v, want one naming %s", err, locked)
	}
}

// FuzzDecodeIndex reads arbitrary bytes as an index file (the user's
// cache directory is anyone's to write): never a panic, and what reads as
// an index reads the same once written back, its ranges sorted and apart.
func FuzzDecodeIndex(f *testing.F) {
	f.Add(encodeIndex([]indexedFile{{path: "/f/a.ttf", modTime: 1, size: 2, faces: []indexedFace{
		{family: "a", aspect: gofont.Aspect{Style: 1, Weight: 400, Stretch: 1}, runes: runeRanges{{0x20, 0x7e}, {0x4e00, 0x9fff}}}}}}))
	f.Add(encodeIndex(nil))
	f.Add([]byte(indexMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := decodeIndex(data)
		if got == nil {
			return
		}
		var files []indexedFile
		for _, fl := range got {
			for _, face := range fl.faces {
				for i, r := range face.runes {
					if r[1] < r[0] || i > 0 && r[0] <= face.runes[i-1][1] {
						t.Fatalf("%s: ranges %v out of order", fl.path, face.runes)
					}
				}
			}
			files = append(files, fl)
		}
		slices.SortFunc(files, func(a, b indexedFile) int { return strings.Compare(a.path, b.path) })
		if again := decodeIndex(encodeIndex(files)); !reflect.DeepEqual(again, got) {
			t.Fatalf("written back, read as %+v, not %+v", again, got)
		}
	})
}
