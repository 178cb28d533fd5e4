package pdf

import (
	"context"
	"runtime"
	"strings"
	"sync"

	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
)

// preparedImages are image files made ready for the PDF (prepareImage:
// split, compressed) while the layout goes on, each as soon as the layout
// has read it (layout.Options.ImageRead), a core's worth at a time:
// preparing a real book's figures after the layout was the most of its
// PDF's last step. writeImages takes them instead of preparing them
// again. An image is known by its data, which the layout shares, not
// copies, between its copies of an image.
type preparedImages struct {
	mu     sync.Mutex
	byData map[*byte]*preparedImage
	slots  chan struct{}   // a token a preparation running
	quit   chan struct{}   // closed by stop
	cancel <-chan struct{} // the build's
}

// preparedImage is one image being made ready: done is closed once x or
// err is set.
type preparedImage struct {
	done chan struct{}
	x    *xobject
	err  error
}

func newPreparedImages(cancel <-chan struct{}) *preparedImages {
	return &preparedImages{byData: map[*byte]*preparedImage{}, slots: make(chan struct{}, runtime.GOMAXPROCS(0)),
		quit: make(chan struct{}), cancel: cancel}
}

// start begins making img ready, unless it is already begun or is no file
// image (an SVG one the layout drew is prepared with the others). Safe
// for concurrent use.
func (p *preparedImages) start(img *layout.ImageData) {
	switch strings.ToLower(img.Type) {
	case "png", "jpg", "jpeg", "gif":
	default:
		return
	}
	if len(img.Data) == 0 {
		return
	}
	p.mu.Lock()
	key := &img.Data[0]
	if p.byData[key] != nil {
		p.mu.Unlock()
		return
	}
	pi := &preparedImage{done: make(chan struct{})}
	p.byData[key] = pi
	p.mu.Unlock()
	file := &layout.ImageData{Type: img.Type, Data: img.Data} // what prepareImage reads, taken now
	go func() {
		defer close(pi.done)
		select {
		case p.slots <- struct{}{}:
		case <-p.quit:
			pi.err = context.Canceled
			return
		case <-p.cancel:
			pi.err = context.Canceled
			return
		}
		defer func() { <-p.slots }()
		defer guard.Error(&pi.err)
		pi.x, pi.err = prepareImage(nil, file)
	}()
}

// take returns img made ready, waiting for it, or reports false when it
// was not begun (p nil included).
func (p *preparedImages) take(img *layout.ImageData) (x *xobject, begun bool, err error) {
	if p == nil || len(img.Data) == 0 {
		return nil, false, nil
	}
	p.mu.Lock()
	pi := p.byData[&img.Data[0]]
	p.mu.Unlock()
	if pi == nil {
		return nil, false, nil
	}
	<-pi.done
	return pi.x, true, pi.err
}

// stop lets the preparations not yet running go, once the PDF is drawn
// or will not be (the layout failed or was cancelled). Those running
// finish on their own.
func (p *preparedImages) stop() {
	close(p.quit)
}
