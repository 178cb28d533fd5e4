package layout

import (
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// chapterPages returns the printed page label of every anchor id.
func chapterPages(ld *Document) map[string]string {
	out := map[string]string{}
	for _, pg := range ld.Pages {
		for _, a := range pg.Anchors {
			out[a.ID] = pg.Label
		}
	}
	return out
}

func TestChapterStart(t *testing.T) {
	set := loadFonts(t)
	build := func() *doc.Document {
		tr := newTree("Chapters", "")
		tr.add(tr.heading(1, "One"), ptext(words(1, 30)),
			tr.heading(1, "Two"), ptext(words(2, 30)),
			tr.heading(1, "Three"), ptext(words(3, 30)),
			tr.heading(2, "Three A"), ptext(words(4, 30)))
		tr.d.Blocks = append(tr.d.Blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Link{URL: "#nowhere", Content: []doc.Inline{txt("a dangling link")}}}})
		return tr.d
	}
	for _, tc := range []struct {
		start options.ChapterStart
		want  map[string]string // heading id → printed page
		pages int
	}{
		{"", map[string]string{"one": "1", "two": "1", "three": "1", "three-a": "1"}, 1},
		{"page", map[string]string{"one": "2", "two": "3", "three": "4", "three-a": "4"}, 4},
		{"right", map[string]string{"one": "3", "two": "5", "three": "7", "three-a": "7"}, 7},
	} {
		ld, err := Layout(build(), Options{Paper: A4(), Fonts: set, ChapterStart: tc.start}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := chapterPages(ld)
		for id, p := range tc.want {
			if got[id] != p {
				t.Errorf("%q: %s on page %s, want %s", tc.start, id, got[id], p)
			}
		}
		if len(ld.Pages) != tc.pages {
			t.Errorf("%q: %d pages, want %d", tc.start, len(ld.Pages), tc.pages)
		}
		for _, pg := range ld.Pages {
			for _, l := range pg.Links {
				if l.Dest == "nowhere" {
					t.Errorf("%q: a link area to the missing anchor #nowhere was kept", tc.start)
				}
			}
		}
	}
}

// TestHeadingsInARow: a chapter heading right after another (a part's
// title, an empty chapter) does not start a page of its own, which would
// leave the first alone on its page; both stay with the text that follows.
func TestHeadingsInARow(t *testing.T) {
	tr := newTree("Parts", "")
	tr.add(tr.heading(1, "Part One"), tr.heading(1, "Chapter One"), ptext(words(1, 60)),
		tr.heading(1, "Chapter Two"), tr.heading(2, "Two A"), ptext(words(2, 60)))
	var diags diag.List
	ld, stats, err := layoutWithStats(tr.d, Options{Paper: A4(), Fonts: loadFonts(t), ChapterStart: options.StartPage}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	got := chapterPages(ld)
	if got["part-one"] != got["chapter-one"] || got["chapter-two"] == got["chapter-one"] || got["two-a"] != got["chapter-two"] {
		t.Errorf("pages of the headings: %v; want Part One with Chapter One, Chapter Two on a new page with Two A", got)
	}
	checkBreaks(t, stats.sheets)
}
