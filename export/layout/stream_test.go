package layout

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// pageList is a PageSink that keeps the pages it is given, checking that
// it is given each once, in order, and drained once, after the last.
type pageList struct {
	t       *testing.T
	pages   []*Page
	pending []int // by page: the slots still pending when it was given
	drained int
}

func (l *pageList) Add(p *Page) error {
	if l.drained > 0 {
		l.t.Errorf("page %d given after the drain", p.Number)
	}
	if p.Number != len(l.pages)+1 {
		l.t.Errorf("page %d given as page %d", p.Number, len(l.pages)+1)
	}
	n := 0
	for _, it := range p.Items {
		if s, ok := it.(*Slot); ok && s.Pending {
			n++
		}
	}
	l.pages = append(l.pages, p)
	l.pending = append(l.pending, n)
	return nil
}

func (l *pageList) Drain() error {
	l.drained++
	return nil
}

// TestStreamedAsWhole lays a long document out giving its pages away as
// they are made (Options.Pages, the parts set two at a time), and whole:
// the pages must be the same, every page given once and in order, each
// with its footer still pending (the page count) and the contents' page
// numbers too; a short document's pages are given at the end, nothing
// pending. The images are numbered in another order (a footnote's icon
// is numbered before the later parts' images, since the footnotes are
// placed as the parts are joined), so their keys are compared by the
// order they are drawn in.
func TestStreamedAsWhole(t *testing.T) {
	for _, start := range []options.ChapterStart{options.StartPage, options.StartRight, options.StartNone} {
		t.Run("chapter-start="+string(start), func(t *testing.T) { compareStreamed(t, start) })
	}
}

// compareStreamed is TestStreamedAsWhole with chapters starting as start
// says.
func compareStreamed(t *testing.T, start options.ChapterStart) {
	d, fsys := joinsDoc()
	lay := func(sink PageSink, parts int) (*Document, string, []string) {
		var diags diag.List
		out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys, ChapterStart: start, QR: true, parts: parts, partText: 1, entryChunk: 4, Pages: sink}, &diags)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, it := range diags.Items() {
			msgs = append(msgs, it.String())
		}
		return out, canonicalImages(string(dump(t, out))), msgs
	}
	whole, wholeDump, wholeDiags := lay(nil, 64)
	list := &pageList{t: t}
	streamed, streamedDump, streamedDiags := lay(list, 64)
	if wholeDump != streamedDump {
		a, b := wholeDump, streamedDump
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		t.Fatalf("the pages given as made differ from the whole layout's at byte %d:\nwhole:    %q\nstreamed: %q", i, a[max(i-200, 0):min(i+200, len(a))], b[max(i-200, 0):min(i+200, len(b))])
	}
	if !slices.Equal(wholeDiags, streamedDiags) {
		t.Errorf("warnings differ:\nwhole:    %q\nstreamed: %q", wholeDiags, streamedDiags)
	}
	if len(list.pages) != len(streamed.Pages) || len(whole.Pages) < 20 || list.drained != 1 {
		t.Fatalf("%d pages given, drained %d times; the layout has %d (whole: %d)", len(list.pages), list.drained, len(streamed.Pages), len(whole.Pages))
	}
	for i, p := range list.pages {
		if p != streamed.Pages[i] {
			t.Errorf("page %d given is not the layout's", i+1)
		}
		if list.pending[i] < 1 {
			t.Errorf("page %d was given with no slot pending: its footer should be", i+1)
		}
	}
	if list.pending[1] < 2 {
		t.Errorf("page 2, the contents, was given with %d slots pending; want its page numbers too", list.pending[1])
	}
	for _, p := range streamed.Pages {
		for it := range Flat(p.Items) {
			if s, ok := it.(*Slot); ok && s.Pending {
				t.Fatalf("page %d: a slot is still pending once laid out", p.Number)
			}
		}
	}

	short := &doc.Document{Blocks: []doc.Block{ptext("A short document.")}}
	list = &pageList{t: t}
	out, err := Layout(short, Options{Paper: A4(), Fonts: loadFonts(t), Pages: list}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.pages) != len(out.Pages) || list.drained != 1 || list.pending[0] != 0 {
		t.Errorf("a short document: %d pages given (of %d), drained %d times, %d slots pending", len(list.pages), len(out.Pages), list.drained, list.pending[0])
	}
}

// canonicalImages replaces the image keys of a layout's dump (img1…) by
// the order they are first drawn in, and leaves the images' list out.
func canonicalImages(dump string) string {
	var lines []string
	names := map[string]string{}
	key := regexp.MustCompile(`\bimg\d+\b`)
	for _, l := range strings.Split(dump, "\n") {
		if strings.HasPrefix(l, "imagedata ") {
			continue
		}
		lines = append(lines, key.ReplaceAllStringFunc(l, func(k string) string {
			if names[k] == "" {
				names[k] = fmt.Sprintf("image%d", len(names)+1)
			}
			return names[k]
		}))
	}
	return strings.Join(lines, "\n")
}

// TestStreamedCoverOnce: the cover is given once, first, though the first
// parts joined fill no page (short chapters, each going on the page of
// the one before).
func TestStreamedCoverOnce(t *testing.T) {
	var bs []doc.Block
	for i := range 12 {
		bs = append(bs, &doc.Heading{Level: 1, Content: []doc.Inline{txt(fmt.Sprintf("Chapter %d", i+1))}}, ptext("A line."))
	}
	d := &doc.Document{Blocks: bs}
	cover := &ImageData{Key: "cover", Type: "png", Data: testPNG(60, 80), Width: 60, Height: 80}
	list := &pageList{t: t}
	out, err := Layout(d, Options{Paper: A4(), Fonts: loadFonts(t), Cover: cover, ChapterStart: options.StartNone, parts: 12, partText: 1, Pages: list}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.pages) != len(out.Pages) || len(out.Pages) < 2 || list.pages[0] != out.Pages[0] || list.pending[1] == 0 {
		t.Errorf("%d pages given of %d; want each once, the cover first, given as made", len(list.pages), len(out.Pages))
	}
}

// TestStreamThreshold: a document whose pages a sink takes is cut into
// parts as they are made from streamText of text (4 MiB), or from
// Options.StreamText when set, in parts of an eighth of that, with a
// window of parts set at a time; a byte less and it is laid out whole.
// Only the cutting is run: the texts are chapters of 64 KiB (blocks of
// strings, no layout).
func TestStreamThreshold(t *testing.T) {
	chapters := func(total int) []doc.Block {
		var bs []doc.Block
		for total > 0 {
			n := min(total, 64<<10)
			bs = append(bs, &doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Value: "C"}}},
				&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: strings.Repeat("x", n-1)}}})
			total -= n
		}
		return bs
	}
	for i, c := range []struct {
		streamText, total int
		parts             int // 0: laid out whole
	}{
		{0, 4<<20 - 1, 0},
		{0, 4 << 20, 8},
		{0, 13 << 20, 26},
		{256 << 10, 256<<10 - 1, 0},
		{256 << 10, 640 << 10, 10}, // parts of 32 KiB, but none under minPartText
		{1 << 20, 1 << 20, 8},
	} {
		e := &engine{opts: Options{StreamText: c.streamText}}
		cuts, window := e.cuts(chapters(c.total), true)
		parts := 0
		if window > 0 {
			parts = len(cuts) + 1
		}
		if parts != c.parts || (window > 0) != (c.parts > 0) {
			t.Errorf("%d: StreamText %d, %d bytes: %d parts (window %d), want %d", i, c.streamText, c.total, parts, window, c.parts)
		}
	}
}
