package pdf

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
)

// TestDrawPagesFirstError checks that pages drawn at once report the
// error of the first bad page, whichever goroutine met it first: an
// image with no box (met as the page is drawn), or an image the document
// does not have (met at the end).
func TestDrawPagesFirstError(t *testing.T) {
	ld, meta := sample(t)
	page := ld.Pages[1]
	ld.Pages = nil
	for i := range 40 {
		p := *page
		p.Number, p.Items = i+1, append([]layout.Item(nil), page.Items...)
		if i == 6 || i == 29 {
			p.Items = append(p.Items, &layout.ImageItem{X: 1, Y: 1, W: 0, H: 5, Key: ld.Images[0].Key})
		}
		if i == 9 || i == 19 {
			p.Items = append(p.Items, &layout.ImageItem{X: 1, Y: 1, W: 5, H: 5, Key: "missing"})
		}
		ld.Pages = append(ld.Pages, &p)
	}
	ld.Bookmarks = nil
	for range 5 {
		_, err := Draw(ld, &doc.Document{Meta: meta}, modified)
		if err == nil || !strings.HasPrefix(err.Error(), "pdf: page 7: ") || !strings.Contains(err.Error(), "empty box") {
			t.Fatalf("error %v, want page 7's empty box", err)
		}
	}
	ld.Pages[6].Items = ld.Pages[6].Items[:len(ld.Pages[6].Items)-1]
	ld.Pages[29].Items = ld.Pages[29].Items[:len(ld.Pages[29].Items)-1]
	if _, err := Draw(ld, &doc.Document{Meta: meta}, modified); err == nil || err.Error() != `pdf: page 10: image "missing" is not in the document's images` {
		t.Fatalf("error %v, want page 10's missing image", err)
	}
}

// TestMarkPageChecksTypes checks that the structure tree refuses marked
// content whose drawn type is not its element's, or out of MCID order.
func TestMarkPageChecksTypes(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "x"}}}
	h := &doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "y"}}}
	d := &doc.Document{Blocks: []doc.Block{h, p}}
	tags := newTagger(d)
	tags.attach(newWriter(nil, nil))
	tags.npages = 1
	if got := tags.typeOf(source{node: p}); got != "P" {
		t.Fatalf("typeOf(paragraph) = %q", got)
	}
	if got := tags.typeOf(source{node: h}); got != "H2" {
		t.Fatalf("typeOf(heading) = %q", got)
	}
	if _, err := tags.markPage(0, 0, []mark{{src: source{node: h}, typ: "H2"}, {src: source{node: p}, typ: "P"}}); err != nil {
		t.Fatal(err)
	}
	_, err := tags.markPage(0, 2, []mark{{src: source{node: p}, typ: "H1"}})
	if err == nil || !strings.Contains(err.Error(), "drawn as H1, but its structure element is P with MCID 2") {
		t.Errorf("mismatch: %v", err)
	}
}
