package fonts

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// serifAsMono is the embedded set with the serif faces for its mono and
// math families, so that no face draws "→" (the mono and math faces do).
func serifAsMono(t *testing.T) *Set {
	t.Helper()
	full, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	base := &Set{embedded: &embeddedFaces{}}
	for _, st := range Styles() {
		serif := full.embedded.get(Serif, st)
		for _, fam := range []Family{Mono, Math} {
			slot := &base.embedded.slots[fam][st]
			slot.once.Do(func() { slot.face, slot.data, slot.font = serif.face, serif.data, serif.font })
		}
	}
	return base
}

// monoDir returns a new directory holding the embedded mono face as
// mono.ttf, the one face there that draws "→", and the face's bytes.
func monoDir(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	mono, err := Data(Mono, Regular)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mono.ttf"), mono, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, mono
}

// TestWithFallbacks finds a face for a character the set lacks in a font
// directory: a set whose mono family is the serif, so that no face draws
// "→", and a directory holding the sans mono file (which does) and a
// broken one, which is skipped.
func TestWithFallbacks(t *testing.T) {
	base := serifAsMono(t)
	if base.Covers('→') {
		t.Fatal("the test set should lack →")
	}
	dir := t.TempDir()
	mono, err := Data(Mono, Regular)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"a-broken.ttf":    []byte("\x00\x01\x00\x00 not a font"),
		"c-mono.TTF":      mono,
		"d-notafont.txt":  mono,
		"sub/e-again.ttf": mono,
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, taken, err := base.WithFallbacks(FallbackOptions{Dirs: []string{filepath.Join(dir, "missing"), dir}}, []rune("a→→김"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(taken, []string{filepath.Join(dir, "c-mono.TTF")}) {
		t.Errorf("taken = %q, want only c-mono.TTF", taken)
	}
	if !set.Covers('→') || base.Covers('→') {
		t.Error("the new set should draw →, the base set still not")
	}
	fams := set.Fallbacks()
	if len(fams) != 1 || !fams[0].IsFallback() || fams[0].String() != "Fallback1" {
		t.Fatalf("fallbacks = %v", fams)
	}
	if f := set.Face(fams[0], Bold); f == nil || !f.Has('→') {
		t.Error("the fallback face should serve every style")
	}
	if p, err := set.Program(fams[0], Regular); err != nil || p.CFF || len(p.Data) < len(mono)/2 {
		t.Errorf("Program = %d bytes (CFF %v), %v", len(p.Data), p.CFF, err)
	}
	if _, err := base.Data(fams[0], Regular); err == nil {
		t.Error("the base set has no fallback face")
	}
	// With the family's bold face beside it, bold text draws with that.
	bold, err := Data(Mono, Bold)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "f-mono-bold.ttf"), bold, 0o644); err != nil {
		t.Fatal(err)
	}
	set, taken, err = base.WithFallbacks(FallbackOptions{Dirs: []string{dir}}, []rune("→"))
	if err != nil {
		t.Fatal(err)
	}
	fb := set.Fallbacks()[0]
	if lazy := set.fallbacks[0].bold; lazy == nil || lazy.fb != nil || lazy.err != nil {
		t.Fatalf("the bold face should be found but not yet read: %+v", lazy)
	}
	reg, err1 := set.Program(fb, Regular)
	bld, err2 := set.Program(fb, Bold)
	if err1 != nil || err2 != nil || reg.Name != "c-mono.TTF" || bld.Name != "f-mono-bold.ttf" || len(taken) != 2 {
		t.Errorf("regular %q, bold %q (%v, %v); taken %q", reg.Name, bld.Name, err1, err2, taken)
	}
	if set.Face(fb, BoldItalic) == set.Face(fb, Regular) || set.Font(fb, Bold) == set.Font(fb, Italic) {
		t.Error("bold styles should have the bold face, the others the regular one")
	}
	if set.fallbacks[0].bold.fb == nil {
		t.Error("asked for, the bold face should have been read")
	}
	if same, taken, err := base.WithFallbacks(FallbackOptions{Dirs: []string{dir}}, []rune("abc")); err != nil || len(taken) != 0 || len(same.Fallbacks()) != 0 {
		t.Errorf("nothing missing: %v, %v", taken, err)
	}
}

// TestFallbackCache: two sets made through one cache share the faces it
// loaded, parsed once.
func TestFallbackCache(t *testing.T) {
	base := serifAsMono(t)
	dir, _ := monoDir(t)
	cache := &FallbackCache{}
	opts := FallbackOptions{Dirs: []string{dir}, Cache: cache}
	a, _, err := base.WithFallbacks(opts, []rune("→"))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := base.WithFallbacks(opts, []rune("→"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Fallbacks()) != 1 || len(b.Fallbacks()) != 1 {
		t.Fatalf("fallbacks %v, %v", a.Fallbacks(), b.Fallbacks())
	}
	fb := a.Fallbacks()[0]
	if a.Font(fb, Regular) != b.Font(fb, Regular) || a.Face(fb, Regular) != b.Face(fb, Regular) {
		t.Error("the second set parsed the face again")
	}
	if c, _, _ := base.WithFallbacks(FallbackOptions{Dirs: []string{dir}}, []rune("→")); c.Font(fb, Regular) == a.Font(fb, Regular) {
		t.Error("without the cache the face is shared")
	}
}

// TestFallbackReadLater: a fallback family is chosen by the index it was
// found in, and its face read later (in the background). Asking whether
// it covers a character reads nothing; a face that turns out unreadable
// makes Program and Data fail with its path, while the layout's faces
// fall back to the serif one instead of failing.
func TestFallbackReadLater(t *testing.T) {
	base := serifAsMono(t)
	missing := filepath.Join(t.TempDir(), "gone.ttf")
	lazy := &lazyFace{path: missing}
	set := &Set{embedded: base.embedded, fallbacks: []*fallbackFamily{{covers: func(r rune) bool { return r == '→' }, regular: lazy}}}
	fam := set.Fallbacks()[0]
	if !set.FamilyCovers(fam, '→') || set.FamilyCovers(fam, 'a') || !set.Covers('→') {
		t.Fatal("the family should cover what its index says it does")
	}
	if lazy.fb != nil || lazy.err != nil {
		t.Fatal("asking what a family covers should not read its face")
	}
	if _, err := set.Program(fam, Regular); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("Program: %v; want an error naming %s", err, missing)
	}
	if _, err := set.Data(fam, Bold); err == nil {
		t.Error("Data: want an error")
	}
	if set.Face(fam, Regular) != set.Face(Serif, Regular) || set.Font(fam, Regular) != set.Font(Serif, Regular) || set.IsColor(fam) {
		t.Error("an unreadable fallback should measure and shape as the serif face")
	}
}

// TestFallbackProgramRead: a fallback face's font program is not kept
// but read from its file when asked for (the PDF's subsetting), the same
// bytes as the file; a file changed since the face was read is refused,
// since its glyphs may not be the ones laid out.
func TestFallbackProgramRead(t *testing.T) {
	base := serifAsMono(t)
	dir, mono := monoDir(t)
	path := filepath.Join(dir, "mono.ttf")
	set, _, err := base.WithFallbacks(FallbackOptions{Dirs: []string{dir}}, []rune("→"))
	if err != nil || len(set.Fallbacks()) != 1 {
		t.Fatalf("fallbacks %v, %v", set.Fallbacks(), err)
	}
	fam := set.Fallbacks()[0]
	if bb := set.Face(fam, Regular).BBox; bb[0] >= bb[2] || bb[1] >= bb[3] {
		t.Errorf("bounding box %v: want the head table's", bb)
	}
	p, err := set.Program(fam, Regular)
	if err != nil || !bytes.Equal(p.Data, mono) {
		t.Fatalf("Program: %d bytes, %v; want the file's %d", len(p.Data), err, len(mono))
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(slices.Clone(mono), 0, 0, 0, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := set.Program(fam, Regular); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("Program of a changed file: %v; want it refused", err)
	}
	if _, err := set.Data(fam, Regular); err == nil {
		t.Error("Data of a changed file: want it refused")
	}
}

// TestCodeFallbacks: the characters of code get a monospaced family of
// their own, taken for code (Noto Sans Mono CJK SC for a Chinese
// comment), while the text's keep the body's serif one (Noto Serif CJK
// SC); a face taken for both is read once and listed once.
func TestCodeFallbacks(t *testing.T) {
	base, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	familyOf := map[faceKey]string{}
	system, err := systemCandidates()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range system {
		familyOf[faceKey{c.path, c.index}] = c.family
	}
	set, taken, err := base.WithFallbacks(FallbackOptions{System: true, Lang: "zh-CN", Serif: true, Code: []rune("注释a")}, []rune("中文注释"))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Fallbacks()) == 0 || !strings.Contains(familyOf[faceKey{set.fallbacks[0].regular.path, set.fallbacks[0].regular.index}], "cjk") {
		validate.Missing(t, "Noto CJK", "apt-get install fonts-noto-cjk")
	}
	var text, code []string
	for i, ff := range set.fallbacks {
		name := familyOf[faceKey{ff.regular.path, ff.regular.index}]
		if slices.Contains(set.CodeFallbacks(), firstFallback+Family(i)) != ff.code {
			t.Errorf("family %d (%s): code %v, but CodeFallbacks says otherwise", i, name, ff.code)
		}
		if ff.code {
			code = append(code, name)
		} else {
			text = append(text, name)
		}
	}
	if !slices.Equal(text, []string{"notoserifcjksc"}) || !slices.Equal(code, []string{"notosansmonocjksc"}) {
		t.Errorf("text families %q, code families %q; want the serif CJK and the sans mono CJK", text, code)
	}
	if len(taken) != 2+2 { // each family's regular and bold
		t.Errorf("taken = %q", taken)
	}
	// A face taken for the text and for code (the one face that draws
	// "→") is two families sharing its faces, read and listed once.
	dir, _ := monoDir(t)
	set, taken, err = serifAsMono(t).WithFallbacks(FallbackOptions{Dirs: []string{dir}, Code: []rune("→")}, []rune("→"))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.fallbacks) != 2 || set.fallbacks[0].code || !set.fallbacks[1].code || set.fallbacks[0].regular != set.fallbacks[1].regular || len(taken) != 1 {
		t.Errorf("%d families; taken %q", len(set.fallbacks), taken)
	}
}
