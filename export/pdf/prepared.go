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
// split, compressed) while the layout goes on, each once the layout has
// read it (layout.Options.ImageRead), on the cores the layout leaves
// (layout.Options.Busy): preparing a real book's figures after the layout
// was the most of its PDF's last step. writeImages takes them instead of
// preparing them again. An image is known by its data, or by the drawing
// of an SVG image, which the layout shares, not copies, between its
// copies of an image (preparedKey).
//
// The layout's parts are set on every core at once; its last part, its
// pagination and its pages' assembly then run alone on one, the other
// idle but for these images. Prepared beside the parts, the Rust book's
// screenshots took cores from them and left that one idle.
type preparedImages struct {
	mu      sync.Mutex
	byKey   map[any]*preparedImage // by preparedKey
	queue   []*preparedImage       // begun, not yet taken by a worker
	workers int                    // running, at most most but for those ending
	most    int                    // the cores less the layout's goroutines at work
	cores   int
	quit    chan struct{}   // closed by stop
	cancel  <-chan struct{} // the build's
	keep    *Compressors    // the workers' compressors (nil: new ones)
}

// preparedImage is one image being made ready: done is closed once x or
// err is set.
type preparedImage struct {
	file *layout.ImageData // what prepareImage reads, taken when begun
	done chan struct{}
	x    *xobject
	err  error
}

func newPreparedImages(cancel <-chan struct{}, keep *Compressors) *preparedImages {
	cores := runtime.GOMAXPROCS(0)
	return &preparedImages{byKey: map[any]*preparedImage{}, most: cores, cores: cores, quit: make(chan struct{}), cancel: cancel, keep: keep}
}

// preparedKey is what img is known by among the images prepared: a
// file's first byte, or the drawing of an SVG image (outlines or pixels);
// nil for an image not prepared ahead (none to prepare, or a type the
// writer refuses, for writeImages to report).
func preparedKey(img *layout.ImageData) any {
	switch strings.ToLower(img.Type) {
	case "png", "jpg", "jpeg", "gif":
		if len(img.Data) > 0 {
			return &img.Data[0]
		}
	case "vector":
		if img.Vector != nil {
			return img.Vector
		}
	case "raster":
		if img.Raster != nil {
			return img.Raster
		}
	}
	return nil
}

// layoutBusy is told how many goroutines the layout keeps at work
// (layout.Options.Busy): the images are prepared on the other cores, by
// workers started now if the layout has left some, or ending after their
// image if it takes them back. Safe for concurrent use.
func (p *preparedImages) layoutBusy(goroutines int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.most = max(p.cores-goroutines, 0)
	p.spawn()
}

// spawn starts workers while fewer run than most and than the images
// queued; p.mu is held.
func (p *preparedImages) spawn() {
	for p.workers < min(p.most, len(p.queue)) {
		p.workers++
		go p.work()
	}
}

// start begins making img ready, unless it is already begun or is not
// prepared ahead (preparedKey): it is queued, and a worker started if
// the limit allows (spawn). Safe for concurrent use.
func (p *preparedImages) start(img *layout.ImageData) {
	key := preparedKey(img)
	if key == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byKey[key] != nil {
		return
	}
	pi := &preparedImage{file: &layout.ImageData{Type: img.Type, Data: img.Data, Vector: img.Vector, Raster: img.Raster}, done: make(chan struct{})}
	p.byKey[key] = pi
	p.queue = append(p.queue, pi)
	p.spawn()
}

// work makes the queued images ready until the queue is empty; once the
// preparations are stopped or the build cancelled, it lets the rest go
// (context.Canceled).
func (p *preparedImages) work() {
	z := deflater{keep: p.keep} // for the images read through image.Decode (GIF, 16-bit PNG…)
	defer z.release()
	for {
		p.mu.Lock()
		if len(p.queue) == 0 || p.workers > p.most {
			p.workers--
			p.mu.Unlock()
			return
		}
		pi := p.queue[0]
		p.queue = p.queue[1:]
		p.mu.Unlock()
		select {
		case <-p.quit:
			pi.err = context.Canceled
		case <-p.cancel:
			pi.err = context.Canceled
		default:
			func() {
				defer guard.Error(&pi.err)
				pi.x, pi.err = prepareImage(&z, pi.file)
			}()
		}
		pi.file = nil
		close(pi.done)
	}
}

// take returns img made ready, waiting for it, or reports false when it
// was not begun (p nil included).
func (p *preparedImages) take(img *layout.ImageData) (x *xobject, begun bool, err error) {
	if p == nil {
		return nil, false, nil
	}
	key := preparedKey(img)
	if key == nil {
		return nil, false, nil
	}
	p.mu.Lock()
	pi := p.byKey[key]
	p.mu.Unlock()
	if pi == nil {
		return nil, false, nil
	}
	<-pi.done
	return pi.x, true, pi.err
}

// stop lets the preparations not yet begun by a worker go, once the PDF
// is drawn or will not be (the layout failed or was cancelled). Those
// running finish on their own.
func (p *preparedImages) stop() {
	close(p.quit)
}
