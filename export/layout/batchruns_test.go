package layout

import (
	"bytes"
	"maps"
	"reflect"
	"strconv"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
)

// TestShapedRunsKept: documents laid out with the runs earlier documents
// of a batch kept (one ShapedRuns) are, item for item and glyph for glyph,
// those laid out alone: an English article, a Turkish and an English text
// sharing words, Russian and Serbian italics of the same words (which the
// faces draw otherwise: the language is part of a kept run's key), and
// the article again. Each run is kept under its own text, for each of
// the languages.
func TestShapedRunsKept(t *testing.T) {
	text := func(lang, s string) *doc.Document {
		return &doc.Document{Meta: doc.Meta{Title: "Kept runs", Lang: lang}, Blocks: []doc.Block{
			&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: s}, &doc.Code{Value: " fmt.Println(office) "},
				&doc.Span{Attr: doc.Attr{Classes: []string{"smallcaps"}}, Content: []doc.Inline{&doc.Text{Value: "Bilim insanı office"}}}}},
		}}
	}
	italic := func(lang, s string) *doc.Document {
		return &doc.Document{Meta: doc.Meta{Title: "Kept runs", Lang: lang}, Blocks: []doc.Block{
			&doc.Paragraph{Content: []doc.Inline{&doc.Emphasis{Content: []doc.Inline{&doc.Text{Value: s}}}}},
		}}
	}
	docs := []*doc.Document{
		articleDoc(),
		text("tr", "Bilim insanları ofiste fikir üretir: office AVATAR Waffle."),
		text("en", "Bilim insanları ofiste fikir üretir: office AVATAR Waffle, the first fine flight."),
		// Serbian italic б, г, д, п and т are drawn otherwise than
		// Russian (the faces' locl).
		italic("ru", "где бы ты ни был, пиши"),
		italic("sr", "где бы ты ни был, пиши"),
		articleDoc(),
	}
	set := loadFonts(t)
	layOut := func(d *doc.Document, kept *ShapedRuns) (*Document, []byte, [][]Glyph) {
		t.Helper()
		out, err := Layout(d, Options{Paper: A4(), Fonts: set, ShapedRuns: kept}, &diag.List{})
		if err != nil {
			t.Fatal(err)
		}
		var glyphs [][]Glyph
		for _, p := range out.Pages {
			for _, it := range p.Items {
				switch it := it.(type) {
				case *Text:
					glyphs = append(glyphs, it.Glyphs)
				case *Words:
					for i := range it.Len() {
						_, g := it.Word(i)
						glyphs = append(glyphs, g)
					}
				}
			}
		}
		return out, dump(t, out), glyphs
	}
	kept := &ShapedRuns{}
	for i, d := range docs {
		_, wantDump, wantGlyphs := layOut(d, nil)
		_, gotDump, gotGlyphs := layOut(d, kept)
		if !bytes.Equal(gotDump, wantDump) || !reflect.DeepEqual(gotGlyphs, wantGlyphs) {
			t.Errorf("%d (%s): laid out with a batch's kept runs, it differs from the layout alone", i, d.Meta.Lang)
		}
	}
	langs := map[string]bool{}
	for k, runs := range keptRuns(&kept.runs) {
		langs[string(k.lang)] = true
		if len(runs) == 0 {
			t.Errorf("no runs kept for %v", k)
		}
		for key, run := range runs {
			if run.text != key && rtlKey+run.text != key {
				t.Errorf("run %q kept under %q", run.text, key)
			}
		}
	}
	if !langs["en"] || !langs["tr"] || !langs["sr"] {
		t.Errorf("runs kept for the languages %v, want en, tr and sr", langs)
	}
	_, _, ru := layOut(docs[3], nil)
	_, _, sr := layOut(docs[4], nil)
	if reflect.DeepEqual(ru, sr) {
		t.Error("Serbian italic is drawn as Russian: the test cannot tell a run kept for another language")
	}
}

// TestShapedRunsBounded: a face keeps at most maxKeptRuns runs.
func TestShapedRunsBounded(t *testing.T) {
	kept := &ShapedRuns{}
	k := keptFace{}
	for i := range 4 * maxKeptRuns { // enough to fill every shard
		kept.put(k, strconv.Itoa(i), &shapedRun{text: strconv.Itoa(i)})
	}
	if n := len(keptRuns(&kept.runs)[k]); n != maxKeptRuns {
		t.Errorf("%d runs kept, want %d", n, maxKeptRuns)
	}
}

// keptRuns is the runs of a table by what they were shaped in, its
// shards' together.
func keptRuns[K comparable](r *runTable[K]) map[K]map[string]*shapedRun {
	out := map[K]map[string]*shapedRun{}
	for i := range r.shards {
		for k, runs := range r.shards[i].m {
			if out[k] == nil {
				out[k] = map[string]*shapedRun{}
			}
			maps.Copy(out[k], runs)
		}
	}
	return out
}

// TestShaperToolsLent: each shaper of a layout in a batch takes tools of
// its own (a HarfBuzz shaper and the embedded faces, by font program) at
// its first shaping, and giveBack returns all of them; tools that have
// met more than maxToolFaces faces are not kept, nor are any without a
// batch.
func TestShaperToolsLent(t *testing.T) {
	set := loadFonts(t)
	kept := &ShapedRuns{}
	s := newShaper(set, "en")
	s.kept = kept
	part := s.fork()
	if s.tools != nil || part.tools != nil {
		t.Fatal("tools taken before any shaping")
	}
	serif := FontRef{Family: fonts.Serif}
	s.shape(serif, "office")
	part.shape(serif, "flight")
	part.shape(FontRef{Family: fonts.Serif, Style: fonts.Italic}, "flight")
	if s.tools == nil || part.tools == nil || s.tools == part.tools {
		t.Fatalf("tools %p and %p: want one for each shaper", s.tools, part.tools)
	}
	if got := len(s.lent.tools); got != 2 {
		t.Fatalf("%d tools lent, want 2", got)
	}
	if f := set.Font(fonts.Serif, fonts.Regular); s.tools.faces[f] == nil || part.tools.faces[f] == nil {
		t.Error("the serif face is not among the tools' faces")
	}
	if got := len(part.tools.faces); got != 2 {
		t.Errorf("the part's tools hold %d faces, want 2 (regular and italic)", got)
	}
	s.giveBack()
	if len(s.lent.tools) != 0 {
		t.Errorf("%d tools still lent after giveBack", len(s.lent.tools))
	}
	big := &shaperTools{faces: map[*gofont.Font]*gofont.Face{}}
	for range maxToolFaces + 1 {
		big.faces[&gofont.Font{}] = nil
	}
	if kept.giveBack(big) {
		t.Errorf("tools with %d faces kept", len(big.faces))
	}
	if !kept.giveBack(kept.lend()) {
		t.Error("new tools not kept")
	}
	// A document's fallback face is shaped with, not kept: its HarfBuzz
	// font is let go of with the tools given back, an embedded face's kept.
	tools := kept.lend()
	embedded, fallback := set.Font(fonts.Serif, fonts.Regular), &gofont.Font{}
	tools.faces[embedded] = gofont.NewFace(embedded)
	tools.hb.fonts = map[*gofont.Font]*harfbuzz.Font{embedded: nil, fallback: nil}
	if !kept.giveBack(tools) {
		t.Fatal("tools not kept")
	}
	if _, ok := tools.hb.fonts[fallback]; ok || len(tools.hb.fonts) != 1 {
		t.Errorf("the tools given back keep %d HarfBuzz fonts (the fallback's: %v), want the embedded face's alone", len(tools.hb.fonts), ok)
	}
	var none *ShapedRuns
	if none.giveBack(none.lend()) {
		t.Error("tools kept without a batch")
	}
}
