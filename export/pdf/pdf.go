// Package pdf draws laid-out pages (package layout) as a PDF 1.7 file with
// a writer of its own, built for shaped text: each text is a run of glyph
// ids (Identity-H) in a subset of its face, TrueType or CFF, with a
// ToUnicode map (and ActualText where a map cannot say it) so that the
// text copies and searches as it was written. Every measuring and
// line-breaking decision has been made before it runs: it only draws.
//
// Output is reproducible: the same pages, metadata and modification time
// give byte-identical PDF files.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
)

// defaultDate stands in for a zero modification time, so that output never
// depends on the clock.
func defaultDate() time.Time { return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) }

// Draw turns laid-out pages into PDF bytes. d is the document they set:
// its metadata fills the document information, and its tree gives the
// structure tree, for the pages' texts and images carry their nodes
// (tagged PDF). Imposed pages (drawn as forms on sheets) are not tagged.
func Draw(ld *layout.Document, d *doc.Document, modified time.Time) ([]byte, error) {
	return joined(drawUntil(ld, d, drawing{modified: modified, tagged: true}))
}

// DrawUntagged is Draw without the structure tree: an inaccessible PDF,
// which galley never writes. It is there to measure what tagging costs
// (BenchmarkPDFWrite/untagged).
func DrawUntagged(ld *layout.Document, d *doc.Document, modified time.Time) ([]byte, error) {
	return joined(drawUntil(ld, d, drawing{modified: modified}))
}

// joined is the file whose chunks are parts.
func joined(parts [][]byte, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return bytes.Join(parts, nil), nil
}

// drawing is how drawUntil draws.
type drawing struct {
	modified time.Time
	cancel   <-chan struct{} // when closed, the drawing stops at the next page
	tagged   bool            // with the structure tree
	// release lets go of each page's items once it is drawn (the pages
	// are the drawing's alone).
	release bool
	// prepared are the images made ready while the pages were laid out
	// (nil: none).
	prepared *preparedImages
	// keep lends the compressors and keeps them for the next PDF (nil:
	// new ones).
	keep *Compressors
	// out, when set, takes the file as it is written (none is kept).
	out io.Writer
	// keepTree writes the structure tree's elements at the end, none as
	// the pages pass them: what TestTreeStreamed compares the streamed
	// tree with.
	keepTree bool
}

// drawUntil is Draw as how says, stopping at the next page once
// how.cancel is closed (with context.Canceled).
func drawUntil(ld *layout.Document, d *doc.Document, how drawing) (_ [][]byte, err error) {
	defer guard.Error(&err)
	if ld == nil || len(ld.Pages) == 0 {
		return nil, errNoPages
	}
	dr, err := newDrawer(d, ld.Fonts, placedPages(ld.Pages), how)
	if err != nil {
		return nil, err
	}
	for _, p := range ld.Pages {
		if err := dr.Add(p); err != nil {
			dr.stop()
			return nil, err
		}
	}
	return dr.finish(ld.Bookmarks, ld.Images)
}

// placedPages lists the pages placed on pages (imposition), each once, in
// the order they first appear.
func placedPages(pages []*layout.Page) []*layout.Page {
	var out []*layout.Page
	seen := map[*layout.Page]bool{}
	for _, p := range pages {
		for _, pl := range p.Placed {
			if pl.Page != nil && !seen[pl.Page] {
				seen[pl.Page] = true
				out = append(out, pl.Page)
			}
		}
	}
	return out
}

// fnum formats a number for a dictionary.
func fnum(v float64) string { return string(num(nil, v)) }

// langTag returns lang if it looks like a BCP 47 tag, else "en".
func langTag(lang string) string {
	if lang == "" || len(lang) > 35 {
		return "en"
	}
	for _, r := range lang {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "en"
		}
	}
	return lang
}

// pageLabels is the catalog's /PageLabels entry: each page's printed
// number, as runs of decimal numbers where the labels count up, and the
// label itself elsewhere. Pages whose labels are their page numbers need
// no entry.
func pageLabels(pages []*layout.Page) string {
	var b strings.Builder
	plain := true
	prev := -1
	for i, p := range pages {
		n, isNum := labelNumber(p.Label)
		if isNum && n == i+1 && plain {
			prev = n
			continue
		}
		plain = false
		switch {
		case isNum && prev >= 0 && n == prev+1:
		case isNum:
			fmt.Fprintf(&b, "%d<</S/D/St %d>>", i, n)
		default:
			fmt.Fprintf(&b, "%d<</P%s>>", i, textString(p.Label))
		}
		prev = -1
		if isNum {
			prev = n
		}
	}
	if plain {
		return ""
	}
	return "/PageLabels<</Nums[0<</S/D>>" + b.String() + "]>>"
}

// labelNumber reads a decimal page label.
func labelNumber(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n > 0
}
