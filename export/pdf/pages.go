package pdf

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
)

// drawnPage is a page drawn: its compressed content stream, the resources
// it uses and its marked-content sequences.
type drawnPage struct {
	stream []byte
	raw    []byte // the stream uncompressed, until it is compressed
	used   map[string]bool
	marks  []mark
}

// drawPages draws the pages on every core, each compressed as soon as it
// is drawn, so that no more than one page a core is held uncompressed. A
// page is drawn on its own (newContent gives page i its content, forms the
// placed pages' forms), and what the pages share is only read while they
// are drawn. taken is called with each page, in page order, as soon as it
// and the pages before it are drawn, while later pages are being drawn:
// it must not change what drawing reads, and the page is let go of after
// it (taken keeps what it needs). drawPages stops at the
// next page once cancel is closed (context.Canceled); of several errors it
// returns the first page's.
func drawPages(pages []*layout.Page, newContent func(int) *content, forms map[*layout.Page]string,
	cancel <-chan struct{}, keep *Compressors, taken func(int, *drawnPage) error) error {
	out := make([]drawnPage, len(pages))
	errs := make([]error, len(pages))
	done := make([]chan struct{}, len(pages))
	for i := range done {
		done[i] = make(chan struct{})
	}
	stop := make(chan struct{}) // closed when the pages are no longer wanted
	next := make(chan int, len(pages))
	var wg sync.WaitGroup
	for i := range pages {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := deflater{keep: keep}
			defer z.release()
			var buf []byte
			for i := range next {
				select {
				case <-cancel:
					errs[i] = context.Canceled
				case <-stop:
					errs[i] = context.Canceled
				default:
					func() {
						defer guard.Error(&errs[i])
						out[i], errs[i] = drawPage(pages[i], i, newContent(i), forms, buf)
					}()
					buf = out[i].raw
					out[i].raw = nil
					if errs[i] == nil {
						out[i].stream = z.deflate(buf)
					}
				}
				close(done[i])
			}
		}()
	}
	var err error
	for i := range pages {
		<-done[i]
		if err = errs[i]; err != nil {
			break
		}
		if err = taken(i, &out[i]); err != nil {
			break
		}
		out[i] = drawnPage{}
	}
	close(stop)
	wg.Wait()
	return err
}

// drawPage draws page i (0-based) with content c into buf, reused: a
// page, or a page placed on sheets as a form (untagged, placing nothing).
func drawPage(p *layout.Page, i int, c *content, forms map[*layout.Page]string, buf []byte) (drawnPage, error) {
	c.b = buf[:0]
	texts := 0           // the page's texts drawn, each word of a Words run one
	var word layout.Text // one for every word: drawing keeps none
	for it := range layout.Flat(p.Items) {
		if w, ok := it.(*layout.Words); ok {
			for k := range w.Len() {
				word = w.Text(k)
				c.at, texts = texts, texts+1
				if err := c.item(&word); err != nil {
					return drawnPage{raw: c.b}, fmt.Errorf("pdf: page %d: %w", i+1, err)
				}
			}
			continue
		}
		if _, ok := it.(*layout.Text); ok {
			c.at, texts = texts, texts+1
		}
		if err := c.item(it); err != nil {
			return drawnPage{raw: c.b}, fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
	}
	c.closeTag()
	for _, pl := range p.Placed {
		c.place(pl, forms[pl.Page])
	}
	return drawnPage{raw: c.b, used: c.used, marks: c.marks}, nil
}
