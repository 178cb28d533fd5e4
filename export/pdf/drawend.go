package pdf

import (
	"fmt"
	"strings"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/parallel"
	"github.com/galley-pub/galley/export/layout"
)

// finish ends the drawing once every page is added: it writes the items
// of the slots the pages drew pending (a second content stream of each
// such page), the pages' dictionaries and link annotations, the fonts, the
// images (by key in images), the page tree, the outline (bookmarks), the
// named destinations, the structure tree and the catalog, and returns the
// file's chunks.
func (dr *drawer) finish(bookmarks []layout.Bookmark, images []*layout.ImageData) (_ [][]byte, err error) {
	dr.Drain()
	w := dr.w
	defer func() {
		if err != nil {
			w.stop()
		}
	}()
	if dr.err != nil {
		return nil, dr.err
	}
	// The texts mapped so far are let go of (held to the end, they were
	// every word of a book): the slots' texts are mapped next.
	dr.texts.forget()
	if len(dr.pages) == 0 {
		return nil, errNoPages
	}
	pages := make([]*layout.Page, len(dr.pages))
	pageRefs := make([]ref, len(dr.pages))
	for i, wp := range dr.pages {
		pages[i], pageRefs[i] = wp.p, wp.ref
	}
	for _, b := range bookmarks {
		if b.Page < 1 || b.Page > len(pages) {
			return nil, fmt.Errorf("pdf: bookmark %q: page %d is not in the document (1–%d)", b.Title, b.Page, len(pages))
		}
	}
	if err := dr.writeSlots(); err != nil {
		return nil, err
	}
	all := &layout.Document{Pages: pages, Bookmarks: bookmarks}
	anchors := collectAnchors(all, pageRefs)
	for i, wp := range dr.pages {
		annots, err := annotsEntry(wp.p, wp.annots, anchors)
		if err != nil {
			return nil, fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
		tagged := ""
		if dr.tags != nil {
			tagged = fmt.Sprintf("/StructParents %d/Tabs/S", i)
		}
		contents := wp.contents.String()
		if wp.late != 0 {
			contents = "[" + contents + " " + wp.late.String() + "]"
		}
		w.objectf(wp.ref, "<</Type/Page/Parent %s/MediaBox[0 0 %s %s]/Resources%s/Contents %s%s%s>>",
			dr.pagesRef, fnum(wp.p.Width), fnum(wp.p.Height), wp.resources, contents, annots, tagged)
	}
	for _, wp := range dr.pages {
		writeLinks(w, wp.p, wp.annots, dr.tags != nil, len(pages)+wp.firstLink)
	}
	if dr.tags != nil {
		dr.tags.npages = len(pages)
		dr.tags.built()
	}
	if err := subsetFonts(dr.fonts.set, dr.fonts.list); err != nil {
		return nil, err
	}
	for _, e := range dr.fonts.list {
		if r, ok := dr.objects[e.res]; ok {
			e.write(w, r)
		}
	}
	if err := dr.writeImages(images); err != nil {
		return nil, err
	}
	kids := make([]string, len(pageRefs))
	for i, r := range pageRefs {
		kids[i] = r.String()
	}
	w.objectf(dr.pagesRef, "<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(pageRefs))

	extra := ""
	if outline := writeOutline(w, all, pageRefs); outline != 0 {
		extra += "/Outlines " + outline.String() + "/PageMode/UseOutlines"
	}
	if dests := writeDests(w, anchors); dests != 0 {
		extra += "/Names<</Dests " + dests.String() + ">>"
	}
	extra += pageLabels(pages)
	if dr.tags != nil {
		extra += "/MarkInfo<</Marked true>>/StructTreeRoot " + dr.tags.write().String()
	}
	modified := dr.how.modified
	if modified.IsZero() {
		modified = defaultDate()
	}
	modified = modified.UTC()
	meta := dr.d.Meta
	xmp := w.alloc()
	// The PDF/UA claim: tagged, and every image described or decorative.
	ua := dr.tags != nil && doc.AllImagesDescribed(dr.d)
	w.stream(xmp, "/Type/Metadata/Subtype/XML", xmpPacket(meta, modified, ua), false)
	w.objectf(dr.catalog, "<</Type/Catalog/Pages %s/Lang%s/Metadata %s/ViewerPreferences<</DisplayDocTitle true>>%s>>",
		dr.pagesRef, textString(langTag(meta.Lang)), xmp, extra)
	w.object(dr.info, infoDict(meta, modified))
	return w.finish(dr.catalog, dr.info)
}

// writeSlots draws the items of the slots the pages drew pending, now
// that they are known: each page's in a second content stream, after its
// first's marked content (a contents entry's page number goes to its
// line's element), its resources those of both.
func (dr *drawer) writeSlots() error {
	for i, wp := range dr.pages {
		if len(wp.slots) == 0 {
			continue
		}
		var items []layout.Item
		for _, s := range wp.slots {
			items = append(items, s.Items...)
		}
		c, err := dr.mapItems(items, i, wp.p.Height)
		if err != nil {
			return err
		}
		c.tags, c.mcid0 = dr.tags, wp.marks
		texts := 0
		for _, s := range wp.slots {
			if t, ok := firstText(s.Items); ok && s.Contents {
				// A contents entry's page number follows its leaders on
				// the line: a space glyph goes before it, as it would in
				// the page's first stream, so that the entry reads
				// "Title 12".
				c.closeTag()
				c.last = lineEnd{ok: true, x: t.X - t.Size, y: c.pageH - t.Y}
			}
			if err := c.items(s.Items, &texts); err != nil {
				return fmt.Errorf("pdf: page %d: %w", i+1, err)
			}
		}
		c.closeTag()
		if dr.tags != nil {
			if _, err := dr.tags.markPage(i, wp.marks, c.marks); err != nil {
				return err
			}
		}
		dr.w.stream(wp.late, "", dr.w.z.deflate(c.b), true)
		for k := range c.used {
			wp.used[k] = true
		}
		wp.resources = dr.resources(wp.used)
		wp.slots, wp.used = nil, nil
	}
	return nil
}

// firstText returns the first of items if it is a text.
func firstText(items []layout.Item) (*layout.Text, bool) {
	if len(items) == 0 {
		return nil, false
	}
	t, ok := items[0].(*layout.Text)
	return t, ok && t != nil
}

// writeImages writes the images the pages drew, made ready on every core
// (or taken as the layout had them prepared), each into the object its
// first page reserved. images are the document's, by key.
func (dr *drawer) writeImages(images []*layout.ImageData) error {
	if len(dr.imageKeys) > maxImages {
		return fmt.Errorf("pdf: %d images, more than %d", len(dr.imageKeys), maxImages)
	}
	byKey := make(map[string]*layout.ImageData, len(images))
	for i, img := range images {
		if img == nil || img.Key == "" {
			return fmt.Errorf("pdf: image %d has no key", i+1)
		}
		if _, dup := byKey[img.Key]; dup {
			return fmt.Errorf("pdf: image key %q is used twice", img.Key)
		}
		byKey[img.Key] = img
	}
	var drawn []*layout.ImageData
	var refs []ref
	for k, key := range dr.imageKeys {
		r, ok := dr.objects[dr.images[key]]
		if !ok {
			continue // named, never drawn
		}
		img := byKey[key]
		if img == nil {
			return fmt.Errorf("pdf: page %d: image %q is not in the document's images", dr.imagePage[k]+1, key)
		}
		drawn, refs = append(drawn, img), append(refs, r)
	}
	ready := make([]*xobject, len(drawn))
	errs := make([]error, len(drawn))
	parallel.EachReleasing(len(drawn), func() (*deflater, error) { return &deflater{keep: dr.w.keep}, nil }, func(z *deflater, i int) error {
		var begun bool
		if ready[i], begun, errs[i] = dr.how.prepared.take(drawn[i]); !begun {
			ready[i], errs[i] = prepareImage(z, drawn[i])
		}
		return nil
	}, (*deflater).release)
	for i, img := range drawn {
		if errs[i] != nil {
			return fmt.Errorf("pdf: image %q: %w", img.Key, errs[i])
		}
		ready[i].writeAt(dr.w, refs[i])
	}
	return nil
}
