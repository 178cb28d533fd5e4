package pdf

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
)

// drawer writes a PDF a page at a time (add), in page order, while the
// pages after it may not be laid out yet: a long book's pages are drawn
// and let go of as the layout makes them, and never held all at once.
// What needs every page is done at the end (finish): the slots' items
// (the footers' page count, the contents' page numbers), the page
// dictionaries and link annotations, the fonts (subset once every glyph
// has its id), the images, the outline and what is left of the
// structure tree.
//
// Each page goes through three steps: mapped (its fonts' glyphs given
// their ids, its texts their ToUnicode entries, its images their names,
// one page after another), drawn and compressed (on every core), and
// written (its marked content and links to the structure tree, whose
// elements the pages are past are written, its content stream, the
// objects its resources need, one page after another).
type drawer struct {
	how   drawing
	d     *doc.Document
	w     *writer
	tags  *tagger // nil: untagged
	fonts *fontTable
	texts *textMap
	// images are the image resources (Im1…) by image key, as the pages
	// first draw them, and objects every resource's object, reserved when
	// a page written first uses it (the images are written at the end).
	images    map[string]string
	imageKeys []string
	imagePage []int // the page (0-based) that first drew each of imageKeys
	objects   map[string]ref
	forms     map[*layout.Page]string // imposition's pages placed on sheets (Fm1…)

	catalog, pagesRef, info ref
	pages                   []*writtenPage

	pending chan *layout.Page // added, to be mapped
	drawQ   chan *pageJob     // mapped, to be drawn
	writeQ  chan *pageJob     // mapped, in page order, to be written
	steps   sync.WaitGroup
	closed  sync.Once     // pending
	failed  chan struct{} // closed at the first error
	errOnce sync.Once
	err     error

	// spareMarks holds the marks of pages written, emptied, for the
	// contents of pages mapped next: a page's marks grew from none, the
	// most of what drawing a page allocated (63 of 67 MB for the 13 MB
	// bench book's 6,026 pages).
	spareMarks chan []mark
}

// pageJob is a page on its way through the drawer.
type pageJob struct {
	i    int
	p    *layout.Page
	c    *content // mapped, to be drawn in
	out  drawnPage
	err  error
	done chan struct{} // closed once drawn
}

// writtenPage is what the end needs of a page written: the page (its
// items let go of), its objects, its resources and its pending slots.
type writtenPage struct {
	p         *layout.Page
	ref       ref
	contents  ref
	resources string
	annots    []ref // its link annotations' objects, by link (0: a link to nowhere)
	firstLink int   // its first link's index among the structure tree's
	// A page with slots pending when it was drawn has their items drawn
	// at the end, in a second content stream (late), after its marked
	// content's marks: used are the resources of the first.
	slots []*layout.Slot
	used  map[string]bool
	marks int
	late  ref
}

// newDrawer starts a drawer for the pages of d in the faces of set:
// forms are drawn first for the pages placed (imposition, untagged). The
// pages are then given to add and the drawing ended with finish; on an
// error, stop lets the drawer go.
func newDrawer(d *doc.Document, set *fonts.Set, placed []*layout.Page, how drawing) (*drawer, error) {
	if d == nil {
		d = &doc.Document{}
	}
	if set == nil {
		var err error
		if set, err = fonts.LoadSet(); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
	}
	dr := &drawer{how: how, d: d, fonts: newFontTable(set), images: map[string]string{}, objects: map[string]ref{},
		forms: map[*layout.Page]string{}, failed: make(chan struct{}), spareMarks: make(chan []mark, marksKept)}
	dr.texts = newTextMap(dr.fonts)
	dr.w = newWriter(how.keep, how.out)
	dr.catalog, dr.pagesRef, dr.info = dr.w.alloc(), dr.w.alloc(), dr.w.alloc()
	// The structure tree's index of the document (a walk of the whole
	// tree) is made beside the layout; the pages' drawing, which reads it
	// for their elements' types, waits for it.
	indexed := func() (*tagger, error) { return nil, nil }
	if how.tagged && len(placed) == 0 {
		// The tagger reserves its root's object here: nothing else
		// reserves objects until the pages are written, which wait for it.
		indexed = guard.Go(func() (*tagger, error) {
			t := newTagger(d)
			t.stream.keep = how.keepTree
			t.attach(dr.w)
			return t, nil
		})
	}
	if err := dr.drawForms(placed); err != nil {
		dr.w.stop()
		return nil, err
	}
	dr.pending = make(chan *layout.Page, 16)
	dr.drawQ = make(chan *pageJob, runtime.GOMAXPROCS(0))
	dr.writeQ = make(chan *pageJob, 2*runtime.GOMAXPROCS(0)+16)
	// The pages' contents read the tagger (for their elements' types):
	// the drawing starts once it is made.
	dr.steps.Go(func() {
		var err error
		if dr.tags, err = indexed(); err != nil {
			dr.fail(err)
		}
		dr.mapPages()
	})
	for range runtime.GOMAXPROCS(0) {
		dr.steps.Go(dr.drawJobs)
	}
	dr.steps.Go(dr.writePages)
	return dr, nil
}

// fail records the drawing's first error and stops it.
func (dr *drawer) fail(err error) {
	dr.errOnce.Do(func() {
		dr.err = err
		close(dr.failed)
	})
}

// Add gives the next page, in page order (the drawer is the layout's
// PageSink). It returns the drawing's error, once there is one.
func (dr *drawer) Add(p *layout.Page) error {
	select {
	case <-dr.failed:
		return dr.err
	case <-dr.how.cancel:
		dr.fail(context.Canceled)
		return context.Canceled
	case dr.pending <- p:
		return nil
	}
}

// mapPages maps each page added, in order, and sends it on to be drawn
// and written.
func (dr *drawer) mapPages() {
	defer close(dr.writeQ)
	defer close(dr.drawQ)
	if err := dr.mapAll(); err != nil {
		dr.fail(err) // a panic: a bug, the drawing's error
	}
}

// mapAll is mapPages' loop, a panic its error.
func (dr *drawer) mapAll() (err error) {
	defer guard.Error(&err)
	i := 0
	for p := range dr.pending {
		select {
		case <-dr.failed:
			continue // drained until the end
		default:
		}
		job := &pageJob{i: i, p: p, done: make(chan struct{})}
		if err := dr.mapPage(job); err != nil {
			dr.fail(err)
			continue
		}
		i++
		dr.writeQ <- job
		dr.drawQ <- job
	}
	return nil
}

// mapPage checks a page and maps it: its glyphs their ids in its fonts
// (and their ToUnicode entries), its images their names.
func (dr *drawer) mapPage(job *pageJob) error {
	p := job.p
	if p == nil {
		return fmt.Errorf("pdf: page %d is missing", job.i+1)
	}
	if !(p.Width > 0 && p.Height > 0) {
		return fmt.Errorf("pdf: page %d: bad size %gx%g", job.i+1, p.Width, p.Height)
	}
	var err error
	job.c, err = dr.mapItems(p.Items, job.i, p.Height)
	return err
}

// mapItems maps items drawn on page (0-based), pageH high: their glyphs
// their ids in their fonts (and their ToUnicode entries), their images
// their names. It returns the content to draw them in.
func (dr *drawer) mapItems(items []layout.Item, page int, pageH float64) (*content, error) {
	spells, err := dr.texts.items(items)
	if err != nil {
		return nil, err
	}
	c := &content{pageH: pageH, fonts: dr.fonts.pageFonts(items), images: dr.useImages(items, page), used: map[string]bool{}, spells: spells}
	select {
	case c.marks = <-dr.spareMarks:
	default:
	}
	return c, nil
}

// marksKept is how many pages' marks a drawer keeps for the pages it
// maps next: enough for the bursts of pages a long book's layout gives
// at the end of each part (with 8, the 13 MB bench book's pages still
// allocated 26 MB of marks, not 63; with 64, 2.5 MB).
const marksKept = 64

// useImages names the images items of page (0-based) draw, those the
// document has not drawn before Im1, Im2… in order, and returns the names
// items use.
func (dr *drawer) useImages(items []layout.Item, page int) map[string]string {
	var used map[string]string
	for it := range layout.Settled(items) {
		im, ok := it.(*layout.ImageItem)
		if !ok || im == nil {
			continue
		}
		name, ok := dr.images[im.Key]
		if !ok {
			name = fmt.Sprintf("Im%d", len(dr.imageKeys)+1)
			dr.images[im.Key] = name
			dr.imageKeys = append(dr.imageKeys, im.Key)
			dr.imagePage = append(dr.imagePage, page)
		}
		if used == nil {
			used = map[string]string{}
		}
		used[im.Key] = name
	}
	return used
}

// drawJobs draws and compresses pages until there are none.
func (dr *drawer) drawJobs() {
	z := deflater{keep: dr.how.keep}
	defer z.release()
	var buf []byte
	for job := range dr.drawQ {
		select {
		case <-dr.failed:
			job.err = context.Canceled
		case <-dr.how.cancel:
			job.err = context.Canceled
		default:
			func() {
				defer guard.Error(&job.err)
				c := job.c
				c.tags = dr.tags
				job.out, job.err = drawPage(job.p, job.i, c, dr.forms, buf)
				buf = job.out.raw
				job.out.raw = nil
				if job.err == nil {
					job.out.stream = z.deflate(buf)
				}
			}()
		}
		close(job.done)
	}
}

// writePages writes each page drawn, in page order.
func (dr *drawer) writePages() {
	for job := range dr.writeQ {
		<-job.done
		select {
		case <-dr.failed:
			continue
		default:
		}
		if job.err != nil {
			dr.fail(job.err)
			continue
		}
		if err := dr.writePageGuarded(job); err != nil {
			dr.fail(err)
		}
	}
}

// writePageGuarded is writePage, a panic its error (a bug: the drawing's
// error, not the end of the process).
func (dr *drawer) writePageGuarded(job *pageJob) (err error) {
	defer guard.Error(&err)
	return dr.writePage(job)
}

// writePage writes page i: its marked content and its links (their
// annotations' objects reserved) to the structure tree, then its content
// stream; the objects of the resources it is the first to use are
// reserved. Its dictionary and its link annotations are written at the
// end (a contents page's links go to pages not yet drawn).
func (dr *drawer) writePage(job *pageJob) error {
	p, d := job.p, &job.out
	if dr.how.release {
		p.Items = nil // drawn and mapped: its texts are in d
	}
	wp := &writtenPage{p: p, ref: dr.w.alloc(), contents: dr.w.alloc()}
	wp.annots = reserveLinks(dr.w, p)
	if dr.tags != nil {
		first, err := dr.tags.addPage(job.i, wp.ref, p, d.marks, wp.annots, d.slots)
		if err != nil {
			return err
		}
		wp.firstLink = first
	}
	dr.w.stream(wp.contents, "", d.stream, true)
	d.stream = nil // the writer has it
	wp.resources = dr.resources(d.used)
	if len(d.slots) > 0 {
		wp.slots, wp.used, wp.marks, wp.late = d.slots, d.used, len(d.marks), dr.w.alloc()
	}
	if cap(d.marks) > 0 { // the structure tree has them now
		clear(d.marks)
		select {
		case dr.spareMarks <- d.marks[:0]:
		default:
		}
	}
	d.marks = nil
	dr.pages = append(dr.pages, wp)
	return nil
}

// resources is the resource dictionary of content that used the names in
// used, the objects of those it is the first to use reserved.
func (dr *drawer) resources(used map[string]bool) string {
	var fontRes, xobjs []string
	for _, k := range sortedKeys(used) {
		r, ok := dr.objects[k]
		if !ok {
			r = dr.w.alloc()
			dr.objects[k] = r
		}
		if strings.HasPrefix(k, "F") && !strings.HasPrefix(k, "Fm") {
			fontRes = append(fontRes, "/"+k+" "+r.String())
		} else {
			xobjs = append(xobjs, "/"+k+" "+r.String())
		}
	}
	var b strings.Builder
	b.WriteString("<<")
	if len(fontRes) > 0 {
		b.WriteString("/Font<<" + strings.Join(fontRes, "") + ">>")
	}
	if len(xobjs) > 0 {
		b.WriteString("/XObject<<" + strings.Join(xobjs, "") + ">>")
	}
	b.WriteString(">>")
	return b.String()
}

// Drain waits for the pages added to be drawn and written, and returns
// the drawing's error: the drawer is the layout's PageSink.
func (dr *drawer) Drain() error {
	dr.closed.Do(func() { close(dr.pending) })
	dr.steps.Wait()
	return dr.err
}

// stop lets go of a drawer not finished (on an error).
func (dr *drawer) stop() {
	dr.fail(context.Canceled)
	dr.Drain()
	dr.w.stop()
}

// drawForms draws the pages placed on sheets as forms, each once.
func (dr *drawer) drawForms(placed []*layout.Page) error {
	for i, src := range placed {
		c, err := dr.mapItems(src.Items, src.Number-1, src.Height)
		if err != nil {
			return err
		}
		form, err := drawPage(src, src.Number-1, c, nil, nil)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("Fm%d", i+1)
		r := dr.w.alloc()
		dr.objects[name] = r
		dr.w.stream(r, fmt.Sprintf("/Type/XObject/Subtype/Form/BBox[0 0 %s %s]/Resources%s", fnum(src.Width), fnum(src.Height), dr.resources(form.used)),
			dr.w.z.deflate(form.raw), true)
		dr.forms[src] = name
	}
	return nil
}

// errNoPages is a drawing given no page.
var errNoPages = errors.New("pdf: no pages to draw")
