package fonts

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadSetCoversScripts(t *testing.T) {
	s, err := LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	// Every embedded face parses (LoadSet parses the others when first
	// asked for), for our metrics and for the shaper.
	for _, f := range Families() {
		for _, st := range Styles() {
			if e := s.embedded.get(f, st); e.err != nil || e.face == nil || e.font == nil || len(e.data) == 0 {
				t.Errorf("%s %s: %v", f, st, e.err)
			}
		}
	}
	for _, f := range Families() {
		for _, st := range Styles() {
			face := s.Face(f, st)
			for _, r := range "AZaz09’—“”ăđơưếộ" + "αβΩ" + "ЖжЯ" {
				if !face.Has(r) {
					t.Errorf("%s %s lacks %q", f, st, r)
				}
			}
			if face.Ascent <= 0 || face.Descent >= 0 {
				t.Errorf("%s %s: ascent %v descent %v", f, st, face.Ascent, face.Descent)
			}
		}
	}
	if s.Covers('😀') || s.Face(Serif, Regular).Has(0x1D538) {
		t.Errorf("body face claims to cover characters outside the BMP")
	}
	for _, r := range "∑∫≤→∞⟨𝔸" { // the math face's, not the text faces'
		if !s.Covers(r) || s.Face(Serif, Regular).Has(r) {
			t.Errorf("%q: covered %v, by the body face %v; want the math face's alone", r, s.Covers(r), s.Face(Serif, Regular).Has(r))
		}
	}
	mono := s.Face(Mono, Regular)
	if mono.Advance('i') != mono.Advance('W') {
		t.Errorf("mono face is not monospaced: i=%v W=%v", mono.Advance('i'), mono.Advance('W'))
	}
	serif := s.Face(Serif, Regular)
	if !(serif.Advance('i') < serif.Advance('W')) {
		t.Errorf("serif i=%v not narrower than W=%v", serif.Advance('i'), serif.Advance('W'))
	}
	if w := serif.Width("ii", 10); w != 2*serif.Advance('i')*10/1000 {
		t.Errorf("Width(ii) = %v", w)
	}
}

// TestEmbeddedFiles: every TTF file of the package directory is embedded,
// byte for byte, under its name, and Data serves each family and style
// from them.
func TestEmbeddedFiles(t *testing.T) {
	names, err := filepath.Glob("*.ttf")
	if err != nil || len(names) == 0 {
		t.Fatalf("no TTF files: %v", err)
	}
	for _, name := range names {
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := embedded(name)
		if !ok || got != string(want) {
			t.Errorf("%s: embedded %v, %d bytes; the file has %d", name, ok, len(got), len(want))
		}
	}
	for _, f := range append(Families(), Math) {
		for _, st := range Styles() {
			if data, err := Data(f, st); err != nil || len(data) == 0 {
				t.Errorf("%v %v: %d bytes, %v", f, st, len(data), err)
			}
		}
	}
	if _, ok := embedded("NotoSerif-Black.ttf"); ok {
		t.Error("a file not in the directory is embedded")
	}
}
