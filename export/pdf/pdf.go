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
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/guard"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
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
}

// drawUntil is Draw as how says, stopping at the next page once
// how.cancel is closed (with context.Canceled).
func drawUntil(ld *layout.Document, d *doc.Document, how drawing) (_ [][]byte, err error) {
	defer guard.Error(&err)
	modified, cancel, tagged := how.modified, how.cancel, how.tagged
	if d == nil {
		d = &doc.Document{}
	}
	meta := d.Meta
	if ld == nil || len(ld.Pages) == 0 {
		return nil, errors.New("pdf: no pages to draw")
	}
	for i, p := range ld.Pages {
		if p == nil {
			return nil, fmt.Errorf("pdf: page %d is missing", i+1)
		}
		if !(p.Width > 0 && p.Height > 0) {
			return nil, fmt.Errorf("pdf: page %d: bad size %gx%g", i+1, p.Width, p.Height)
		}
	}
	for _, b := range ld.Bookmarks {
		if b.Page < 1 || b.Page > len(ld.Pages) {
			return nil, fmt.Errorf("pdf: bookmark %q: page %d is not in the document (1–%d)", b.Title, b.Page, len(ld.Pages))
		}
	}
	set := ld.Fonts
	if set == nil {
		var err error
		if set, err = fonts.LoadSet(); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
	}
	placed := placedPages(ld.Pages) // imposition's pages, drawn as forms
	// The structure tree's index of the document tree is made while the
	// fonts and images are prepared.
	var tags *tagger
	var indexPanic *guard.Panic
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		defer guard.Catch(&indexPanic)
		if tagged && len(placed) == 0 {
			tags = newTagger(d)
			tags.npages = len(ld.Pages)
		}
	}()
	defer func() { <-indexed }()
	fontList, fontsByKey := collectFonts(ld.Pages, placed)
	for _, e := range fontList {
		if e.key.Family < fonts.Serif || e.key.Family > fonts.Math+fonts.Family(len(set.Fallbacks())) {
			return nil, fmt.Errorf("pdf: unknown font family %d", e.key.Family)
		}
	}
	if err := prepareFonts(set, fontList); err != nil {
		return nil, err
	}

	w := newWriter(how.keep)
	defer w.stop() // on an error; finish stopped it otherwise
	catalog, pagesRef, info := w.alloc(), w.alloc(), w.alloc()
	imageNames, imageRefs, err := writeImages(w, ld.Images, how.prepared)
	if err != nil {
		return nil, err
	}
	pageRefs := make([]ref, len(ld.Pages))
	for i := range pageRefs {
		pageRefs[i] = w.alloc()
	}
	anchors := collectAnchors(ld, pageRefs)

	// Every font's Type0 object is known before any content refers to it;
	// the fonts themselves are written last, when the content has filled
	// their ToUnicode maps.
	res := resources{objects: imageRefs}
	for _, e := range fontList {
		r := w.alloc()
		res.objects[e.res] = r
	}
	<-indexed
	guard.Raise(indexPanic)
	texts := newTextMap(fontsByKey)
	newContent := func(p *layout.Page, spells []bool) *content {
		return &content{pageH: p.Height, fonts: fontsByKey, images: imageNames, used: map[string]bool{}, spells: spells}
	}
	// The pages placed on sheets (imposition) are forms, each drawn once.
	forms := map[*layout.Page]string{}
	for i, src := range placed {
		form, err := drawPage(src, src.Number-1, newContent(src, texts.page(src)), nil, nil)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("Fm%d", i+1)
		r := w.alloc()
		w.stream(r, fmt.Sprintf("/Type/XObject/Subtype/Form/BBox[0 0 %s %s]/Resources%s", fnum(src.Width), fnum(src.Height), res.dict(form.used)),
			w.z.deflate(form.raw), true)
		forms[src], res.objects[name] = name, r
	}

	// The pages' texts are mapped to Unicode ahead of their drawing, one
	// page after another; the structure tree takes each page's marked
	// content as soon as the pages before it have theirs.
	spells := make([][]bool, len(ld.Pages))
	mapped := make([]chan struct{}, len(ld.Pages))
	for i := range mapped {
		mapped[i] = make(chan struct{})
	}
	stopMapping := make(chan struct{})
	defer close(stopMapping)
	var mapPanic *guard.Panic
	go func() {
		n := 0 // the pages mapped
		defer func() {
			for _, ch := range mapped[n:] { // those a panic or the stop left
				close(ch)
			}
		}()
		defer guard.Catch(&mapPanic)
		for i, p := range ld.Pages {
			select {
			case <-stopMapping:
				return
			default:
			}
			spells[i] = texts.page(p)
			close(mapped[i])
			n = i + 1
		}
	}()
	linkRefs := make([][]ref, len(ld.Pages))
	err = drawPages(ld.Pages, func(i int) *content {
		<-mapped[i]
		guard.Raise(mapPanic) // on the page's drawing, which returns it
		c := newContent(ld.Pages[i], spells[i])
		c.tags = tags
		return c
	}, forms, cancel, how.keep, func(i int, d *drawnPage) error {
		// Each page is written as soon as it and those before it are
		// drawn, while the next are drawn: its marked content to the
		// structure tree, then its content stream and dictionary, its
		// link annotations reserved (they are written once every page's
		// marked content is in the structure tree).
		p := ld.Pages[i]
		if how.release {
			p.Items = nil // drawn and mapped: its texts are in d
		}
		if tags != nil {
			if err := tags.markPage(i, d.marks); err != nil {
				return err
			}
		}
		d.marks = nil // the structure tree has them now
		contents := w.alloc()
		w.stream(contents, "", d.stream, true)
		d.stream = nil // the writer has it
		refs, annots, err := reserveLinks(w, p, anchors)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
		linkRefs[i] = refs
		tagged := ""
		if tags != nil {
			tagged = fmt.Sprintf("/StructParents %d/Tabs/S", i)
		}
		w.objectf(pageRefs[i], "<</Type/Page/Parent %s/MediaBox[0 0 %s %s]/Resources%s/Contents %s%s%s>>",
			pagesRef, fnum(p.Width), fnum(p.Height), res.dict(d.used), contents, annots, tagged)
		return nil
	})
	if err != nil {
		return nil, err
	}

	for i, p := range ld.Pages {
		writeLinks(w, p, i, linkRefs[i], tags)
	}
	for _, e := range fontList {
		e.write(w, res.objects[e.res])
	}
	kids := make([]string, len(pageRefs))
	for i, r := range pageRefs {
		kids[i] = r.String()
	}
	w.objectf(pagesRef, "<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(pageRefs))

	extra := ""
	if outline := writeOutline(w, ld, pageRefs); outline != 0 {
		extra += "/Outlines " + outline.String() + "/PageMode/UseOutlines"
	}
	if dests := writeDests(w, anchors); dests != 0 {
		extra += "/Names<</Dests " + dests.String() + ">>"
	}
	extra += pageLabels(ld.Pages)
	if tags != nil {
		extra += "/MarkInfo<</Marked true>>/StructTreeRoot " + tags.write(w, pageRefs).String()
	}
	if modified.IsZero() {
		modified = defaultDate()
	}
	modified = modified.UTC()
	xmp := w.alloc()
	// The PDF/UA claim: tagged, and every image described or decorative.
	ua := tags != nil && doc.AllImagesDescribed(d)
	w.stream(xmp, "/Type/Metadata/Subtype/XML", xmpPacket(meta, modified, ua), false)
	w.objectf(catalog, "<</Type/Catalog/Pages %s/Lang%s/Metadata %s/ViewerPreferences<</DisplayDocTitle true>>%s>>",
		pagesRef, textString(langTag(meta.Lang)), xmp, extra)
	w.object(info, infoDict(meta, modified))
	return w.finish(catalog, info)
}

// resources are the named objects content may use: fonts (F1…), images
// (Im1…) and forms (Fm1…).
type resources struct {
	objects map[string]ref
}

// dict is the resource dictionary of content that used the names in used.
func (r resources) dict(used map[string]bool) string {
	var fonts, xobjs []string
	for _, k := range sortedKeys(used) {
		ref, ok := r.objects[k]
		switch {
		case !ok:
		case strings.HasPrefix(k, "F") && !strings.HasPrefix(k, "Fm"):
			fonts = append(fonts, "/"+k+" "+ref.String())
		default:
			xobjs = append(xobjs, "/"+k+" "+ref.String())
		}
	}
	var b strings.Builder
	b.WriteString("<<")
	if len(fonts) > 0 {
		b.WriteString("/Font<<" + strings.Join(fonts, "") + ">>")
	}
	if len(xobjs) > 0 {
		b.WriteString("/XObject<<" + strings.Join(xobjs, "") + ">>")
	}
	b.WriteString(">>")
	return b.String()
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
