package layout

import (
	"sync"
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

// busyLog records what Options.Busy is told, and what it had been told
// last when the first page was given (a PageSink).
type busyLog struct {
	mu        sync.Mutex
	told      []int
	firstPage int // -1 until a page is given
	pages     *pageList
}

func (b *busyLog) tell(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.told = append(b.told, n)
}

func (b *busyLog) Add(p *Page) error {
	b.mu.Lock()
	if len(b.pages.pages) == 0 {
		b.firstPage = b.told[len(b.told)-1]
	}
	b.mu.Unlock()
	return b.pages.Add(p)
}

func (b *busyLog) Drain() error { return b.pages.Drain() }

// TestBusyTold: Options.Busy is told 1 when the layout begins, one more
// or one fewer at each change (never less than 0), one more for each part
// of a long document set on a goroutine of its own and for its back
// matter, and 0 at the end; a document laid out whole has told 0 before
// its first page is given (drawn on every core), one whose pages are
// given as made has not.
func TestBusyTold(t *testing.T) {
	long, fsys := joinsDoc()
	parts := 2 + len(chapterCuts(long.Blocks, 3, 1, 0)) // the layout's own, the back matter's, and the parts' after the first
	if parts < 4 {
		t.Fatalf("%d goroutines: the document has too few chapters", parts)
	}
	short := &doc.Document{Blocks: []doc.Block{ptext("A short handout.")}}
	for _, tc := range []struct {
		name       string
		d          *doc.Document
		parts      int
		streamed   bool // its pages given as made (Options.Pages, parts set a few at a time)
		goroutines int  // the goroutines counted: the layout's own, the back matter's, a part's each
		firstPage  int  // what Busy was last told when the first page was given; -1: no PageSink
	}{
		{"short, pages given at the end", short, 0, false, 1, 0},
		{"parts", long, 3, false, parts, -1},
		{"parts, pages given as made", long, 3, true, parts, 1},
	} {
		log := &busyLog{firstPage: -1, pages: &pageList{t: t}}
		opts := Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys, Busy: log.tell, parts: tc.parts, partText: 1}
		if tc.streamed || tc.firstPage >= 0 {
			opts.Pages = log // with parts, given as made
		}
		if _, err := Layout(tc.d, opts, nil); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		told := log.told
		if len(told) < 2 || told[0] != 1 || told[len(told)-1] != 0 {
			t.Fatalf("%s: told %v, want 1 first and 0 last", tc.name, told)
		}
		begun := 1
		for i := 1; i < len(told); i++ {
			d := told[i] - told[i-1]
			if d != 1 && d != -1 || told[i] < 0 {
				t.Fatalf("%s: told %v: a change of other than one at %d", tc.name, told, i)
			}
			if d == 1 {
				begun++
			}
		}
		if begun != tc.goroutines {
			t.Errorf("%s: told %v: %d goroutines begun, want %d", tc.name, told, begun, tc.goroutines)
		}
		if tc.firstPage == 0 && log.firstPage != 0 || tc.firstPage > 0 && log.firstPage < 1 || tc.firstPage < 0 && log.firstPage != -1 {
			t.Errorf("%s: Busy was last told %d when the first page was given", tc.name, log.firstPage)
		}
	}
}
