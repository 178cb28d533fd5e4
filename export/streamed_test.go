package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/pdf"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/bookgen"
	"github.com/galley-pub/galley/internal/validate"
)

// TestLongBookDrawnAsMade: a long book has its pages drawn as the layout
// makes them (the first page given with its footer still pending), as
// laid out for an EPUB alone, and the PDF reads as the one drawn from the
// pages laid out whole: the same text on its first pages (the contents,
// their page numbers), on pages in its middle and on its last (the
// appendix), every footer with the page count, and a file qpdf finds
// sound. The book is "long" from 256 KiB of text (pdf.Options.StreamText;
// 4 MiB by default, which TestStreamThreshold checks), so that a book of
// 316 pages is cut into parts set a few at a time, as a 13 MB book is (a
// 4 MB one took 29 CPU-seconds of the suite, this one 4).
func TestLongBookDrawnAsMade(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdftotext")
	dir := t.TempDir()
	if _, err := bookgen.Write(dir, "long.md", 0.5); err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	d, err := b.Read(filepath.Join(dir, "long.md"), &diags)
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.LoadSet()
	if err != nil {
		t.Fatal(err)
	}
	// counting returns options whose LaidPage counts the pages given in
	// n, and the first page's pending slots in pending.
	counting := func(n, pending *int) pdf.Options {
		return pdf.Options{Fonts: set, Resources: os.DirFS(dir), StreamText: 256 << 10, LaidPage: func(p *layout.Page) {
			*n++
			if p.Number == 1 {
				*pending = pendingSlots(p)
			}
		}}
	}
	pendingFirst, given := 0, 0
	res, err := pdf.Render(d, counting(&given, &pendingFirst), nil)
	if err != nil {
		t.Fatal(err)
	}
	if pendingFirst == 0 || given != res.Pages {
		t.Fatalf("%d pages given of %d, the first with %d slots pending: the pages were not given as made", given, res.Pages, pendingFirst)
	}
	// Laid out for an EPUB alone (pdf.Layout, its print page list taken
	// by LaidPage), the pages are given as made too, and let go of: an
	// EPUB-only build held them all.
	listed, pendingListed := 0, 0
	listedDoc, err := pdf.Layout(d, counting(&listed, &pendingListed), nil)
	if err != nil {
		t.Fatal(err)
	}
	if pendingListed == 0 || listed != res.Pages || len(listedDoc.Pages) != res.Pages {
		t.Fatalf("pdf.Layout gave %d pages of %d (%d returned), the first with %d slots pending: the pages were not given as made", listed, res.Pages, len(listedDoc.Pages), pendingListed)
	}
	for _, p := range listedDoc.Pages {
		if p.Items != nil {
			t.Fatalf("page %d keeps its %d items once listed", p.Number, len(p.Items))
		}
	}
	ld, err := pdf.Layout(d, pdf.Options{Fonts: set, Resources: os.DirFS(dir)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := pdf.Draw(ld, d, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	text := func(name string, data []byte) []byte {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var all []byte
		n := res.Pages
		for _, r := range [][2]int{{1, 40}, {n / 2, n/2 + 10}, {n - 30, n}} {
			out, err := exec.Command("pdftotext", "-layout", "-f", strconv.Itoa(r[0]), "-l", strconv.Itoa(r[1]), path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", name, err)
			}
			all = append(all, out...)
		}
		return all
	}
	streamed, drawn := text("streamed.pdf", res.Bytes()), text("whole.pdf", whole)
	if !bytes.Equal(streamed, drawn) || len(streamed) < 100<<10 {
		i := 0
		for i < min(len(streamed), len(drawn)) && streamed[i] == drawn[i] {
			i++
		}
		t.Fatalf("the text of the pages drawn as made differs from the whole layout's at byte %d of %d:\nas made: %q\nwhole:   %q",
			i, len(drawn), streamed[max(i-100, 0):min(i+100, len(streamed))], drawn[max(i-100, 0):min(i+100, len(drawn))])
	}
	if footer := fmt.Sprintf("Page %d of %d", res.Pages-1, res.Pages); !bytes.Contains(streamed, []byte(footer)) {
		t.Errorf("no footer %q in the text", footer)
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command("qpdf", "--check", filepath.Join(dir, "streamed.pdf")).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
}

// pendingSlots counts the slots of p still pending (its footer, before the
// page count is known).
func pendingSlots(p *layout.Page) int {
	n := 0
	for _, it := range p.Items {
		if s, ok := it.(*layout.Slot); ok && s.Pending {
			n++
		}
	}
	return n
}
