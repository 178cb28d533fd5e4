package export

import (
	"slices"
	"sync"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
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
func (b *Builder) startCover(d *doc.Document, path string, resources *resolver, formats []Format, opts options.Options) *pendingCover {
	p := &pendingCover{done: make(chan struct{})}
	shown := opts.PDF.Cover || slices.Contains(formats, EPUB)
	if !shown && opts.Resources.Cover == "" && d.Meta.Cover == "" {
		close(p.done)
		return p
	}
	go func() {
		defer close(p.done)
		p.img, p.err = b.cover(d, path, resources, opts, &p.diags)
	}()
	return p
}

// forPDF returns the cover as the PDF's first page when the settings put
// it there, waiting for it; otherwise nil at once.
func (p *pendingCover) forPDF(opts options.Options) (*layout.ImageData, error) {
	if !opts.PDF.Cover {
		return nil, nil
	}
	<-p.done
	if p.err != nil || p.img == nil {
		return nil, p.err
	}
	c := p.img
	return &layout.ImageData{Key: "cover", Type: imageType(c.MediaType), Data: c.Data, Width: c.Width, Height: c.Height}, nil
}

// forEPUB waits for the cover, which the EPUB always shows.
func (p *pendingCover) forEPUB() (*covers.Image, error) {
	<-p.done
	return p.img, p.err
}

// wait waits for the cover and adds its diagnostics to diags, once.
func (p *pendingCover) wait(diags *diag.List) (*covers.Image, error) {
	<-p.done
	p.once.Do(func() { diags.Merge(&p.diags) })
	return p.img, p.err
}
