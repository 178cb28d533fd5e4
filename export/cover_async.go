package export

import (
	"slices"
	"sync"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// pendingCover is a cover being found or generated on its own goroutine,
// so that generating it (about a fifth of a second for the PNG) overlaps
// the PDF layout instead of delaying both renderers.
type pendingCover struct {
	done  chan struct{}
	once  sync.Once
	img   *covers.Image
	err   error
	diags diag.List
}

// startCover starts b.cover on its own goroutine. A cover that would be
// generated only to be thrown away (a PDF-only build without --pdf-cover)
// is not drawn; a given one is still checked.
func (b *Builder) startCover(d *doc.Document, path string, resources *resolver, formats []Format, opts Options) *pendingCover {
	p := &pendingCover{done: make(chan struct{})}
	shown := opts.PDFCover || slices.Contains(formats, EPUB)
	if !shown && opts.CoverPath == "" && d.Meta.Cover == "" {
		close(p.done)
		return p
	}
	go func() {
		defer close(p.done)
		p.img, p.err = b.cover(d, path, resources, opts, &p.diags)
	}()
	return p
}

// waitFor returns the cover if format f shows it (the EPUB always, the PDF
// with opts.PDFCover), waiting for it; otherwise nil at once.
func (p *pendingCover) waitFor(f Format, opts Options) (*covers.Image, error) {
	if f == PDF && !opts.PDFCover {
		return nil, nil
	}
	<-p.done
	return p.img, p.err
}

// wait waits for the cover and adds its diagnostics to diags, once.
func (p *pendingCover) wait(diags *diag.List) (*covers.Image, error) {
	<-p.done
	p.once.Do(func() { diags.Merge(&p.diags) })
	return p.img, p.err
}
