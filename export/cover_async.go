package export

import (
	"io/fs"
	"path/filepath"
	"slices"
	"sync"

	"github.com/galley-pub/galley/covers"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
)

// pendingCover is a cover being found or generated on its own goroutine,
// so that it overlaps the PDF layout instead of delaying both renderers.
// A given cover serves both formats. A generated one is, in the EPUB, a
// 600×960 JPEG as the cover image (calibre's AZW3 for Kindle finds no
// cover in an SVG) and its SVG on the cover page, about 15 ms in all; and
// on the PDF's first page (--pdf-cover only) a 1600×2560 PNG, 150 ms.
type pendingCover struct {
	done      chan struct{}
	once      sync.Once
	epub, pdf *covers.Image
	epubArt   *covers.Image // the generated cover's SVG, for the cover page
	err       error
	diags     diag.List
}

// startCover starts b.cover on its own goroutine. A cover that would be
// generated only to be thrown away (a PDF-only build without --pdf-cover)
// is not drawn; a given one is still checked.
func (b *Builder) startCover(d *doc.Document, resources *resolver, formats []Format, opts options.Options) *pendingCover {
	p := &pendingCover{done: make(chan struct{})}
	shown := opts.PDF.Cover || slices.Contains(formats, EPUB)
	if !shown && opts.Resources.Cover == "" && d.Meta.Cover == "" {
		close(p.done)
		return p
	}
	go func() {
		defer close(p.done)
		defer guard.Error(&p.err)
		p.epub, p.epubArt, p.pdf, p.err = b.cover(d, resources, formats, opts, &p.diags)
	}()
	return p
}

// cover finds the cover: the --cover file, else the front matter's cover
// (relative to the source), each for both formats; else it generates one
// for each format that shows it (see pendingCover).
func (b *Builder) cover(d *doc.Document, resources *resolver, formats []Format, opts options.Options, diags *diag.List) (epub, epubArt, pdf *covers.Image, err error) {
	if c := opts.Resources.Cover; c != "" {
		resources.record(c)
		img, err := covers.Load(c)
		return img, nil, img, err
	}
	if c := d.Meta.Cover; c != "" {
		rel := filepath.ToSlash(filepath.Clean(c))
		if !fs.ValidPath(rel) {
			diags.Errorf(d.Meta.Pos, "cover %q is outside the document's directory", c)
			return nil, nil, nil, diags.Err()
		}
		data, err := resources.resolveLocal(rel)
		if err != nil {
			diags.Errorf(d.Meta.Pos, "cover %q: %v", c, err)
			return nil, nil, nil, diags.Err()
		}
		img, err := covers.FromBytes(rel, data)
		if err != nil {
			diags.Errorf(d.Meta.Pos, "cover: %v", err)
			return nil, nil, nil, diags.Err()
		}
		return img, nil, img, nil
	}
	info := covers.Info{Title: d.Meta.Title, Subtitle: d.Meta.Subtitle, Authors: d.Meta.Authors, Publisher: d.Meta.Publisher, Date: d.Meta.Date}
	if slices.Contains(formats, EPUB) {
		if epub, epubArt, err = b.covers.EBook(info); err != nil {
			return nil, nil, nil, err
		}
	}
	if opts.PDF.Cover {
		if pdf, err = b.covers.Generate(info); err != nil {
			return nil, nil, nil, err
		}
	}
	return epub, epubArt, pdf, nil
}

// forPDF returns the cover as the PDF's first page when the settings put
// it there, waiting for it; otherwise nil at once.
func (p *pendingCover) forPDF(opts options.Options) (*layout.ImageData, error) {
	if !opts.PDF.Cover {
		return nil, nil
	}
	<-p.done
	if p.err != nil || p.pdf == nil {
		return nil, p.err
	}
	c := p.pdf
	return &layout.ImageData{Key: "cover", Type: imageType(c.MediaType), Data: c.Data, Width: c.Width, Height: c.Height}, nil
}

// forEPUB waits for the cover, which the EPUB always shows, and what its
// cover page shows when that is not the cover itself (or nil).
func (p *pendingCover) forEPUB() (cover, art *covers.Image, err error) {
	<-p.done
	return p.epub, p.epubArt, p.err
}

// wait waits for the cover and adds its diagnostics to diags, once.
func (p *pendingCover) wait(diags *diag.List) error {
	<-p.done
	p.once.Do(func() { diags.Merge(&p.diags) })
	return p.err
}
