// Package layout turns a document tree into pages of positioned items:
// measuring, line breaking and pagination in pure Go. It never imports the
// PDF library; package pdf draws the pages it produces. Page numbers are
// known here, before anything is drawn.
//
// Units are PostScript points (1/72 inch). The origin is the top-left corner
// of the page and y grows downward; a Text item's Y is its baseline.
package layout

import (
	"iter"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/fonts"
)

// Document is the laid-out result: pages plus what the PDF needs besides
// them (bookmarks, images).
type Document struct {
	Paper     Paper // the paper the pages were laid out on (imposed: the sheet)
	Pages     []*Page
	Bookmarks []Bookmark // in document order
	Images    []*ImageData
	Fonts     *fonts.Set // the faces the pages use, fallbacks included; nil: the embedded ones
}

// Page is one physical page.
type Page struct {
	Number  int    // 1-based physical page number
	Label   string // the printed page number, e.g. "3"
	Width   float64
	Height  float64
	Items   []Item   // drawn in order
	Placed  []Placed // pages drawn whole onto this one, after the items (imposition)
	Links   []LinkArea
	Anchors []Anchor // link targets on this page
}

// Placed is a page drawn onto a sheet: scaled by Scale, its top-left
// corner at X, Y of the sheet. The PDF draws each such page once, as a
// form, however many sheets show it.
type Placed struct {
	Page        *Page
	X, Y, Scale float64
}

// Item is a drawable thing on a page: *Text, *Words, *Line, *Rect,
// *ImageItem or *Slot.
type Item interface{ item() }

func (*Text) item()      {}
func (*Words) item()     {}
func (*Line) item()      {}
func (*Rect) item()      {}
func (*ImageItem) item() {}
func (*Slot) item()      {}

// Slot is a place among a page's items for items known only once the
// whole document is laid out: the footer, which gives the page count,
// and a contents entry's page number. A page is drawn with its slots'
// items where the slots are; one drawn while they are pending (a long
// book's, while its layout goes on) has them drawn at the end, in a
// content stream of its own. A slot's items are never slots.
type Slot struct {
	Items []Item
	// Pending says the items are not final yet (nil, or a contents
	// entry's page number not yet resolved): a page drawn now has them
	// drawn once they are.
	Pending bool
	// Contents marks a contents entry's page number, read with its line
	// (the line's baseline Y); any other slot is page furniture.
	Contents bool
	Y        float64
}

// Flat yields items in the order they are drawn, with each slot's items
// in the slot's place.
func Flat(items []Item) iter.Seq[Item] { return flat(items, true) }

// Settled is Flat but for the items of pending slots, not final yet:
// what a page drawn now draws where it stands.
func Settled(items []Item) iter.Seq[Item] { return flat(items, false) }

// flat is Flat, or Settled when pending is false.
func flat(items []Item, pending bool) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for _, it := range items {
			if s, ok := it.(*Slot); ok {
				if s.Pending && !pending {
					continue
				}
				for _, in := range s.Items {
					if !yield(in) {
						return
					}
				}
				continue
			}
			if !yield(it) {
				return
			}
		}
	}
}

// FontRef names one embedded face, and how its text is shaped.
type FontRef struct {
	Family fonts.Family
	Style  fonts.Style
	// SmallCaps shapes the text with the face's small capitals (OpenType
	// smcp): pandoc's [text]{.smallcaps}. The glyphs are the same face's,
	// drawn from the same font program (Face).
	SmallCaps bool
}

// Face is the face f draws with: f without the way it is shaped.
func (f FontRef) Face() FontRef {
	f.SmallCaps = false
	return f
}

// RGB is a colour, each channel 0–255.
type RGB struct{ R, G, B uint8 }

// Text is a run of characters in one font, drawn from its baseline at X, Y:
// the characters as written (in logical order) and the glyphs that draw
// them (shaped, in drawing order; shared between texts, so read-only).
type Text struct {
	X, Y  float64
	Size  float64
	Width float64 // measured advance width, for checks and underlines
	Text  string
	// Glyphs draw Text: shaped, in drawing order, shared between texts
	// (read-only).
	Glyphs []Glyph
	// Src is the tree node the text sets (a paragraph, a heading, a table
	// cell…): the PDF tags it with that node's structure element. Nil for
	// page furniture (running head, page number, leaders), which is an
	// artifact.
	Src doc.Node
	// Origin is where the text's first character is in the tree: the
	// EPUB's print page list puts a page's marker at the earliest origin
	// the page's texts have.
	Origin Origin
	// Turn turns, slants or stretches the text about X, Y (an SVG image's
	// transformed label); nil for text set upright, as all other text is.
	Turn *Turn
	// Link is the 1-based index in its page's Links of the link this is
	// the text of (0: none), for the PDF's Link structure element.
	Link  int32
	Font  FontRef
	Color RGB
	// Contents marks the text of the table of contents: its heading,
	// entries, leaders and page numbers, which the print edition has and
	// the body does not.
	Contents bool
	// ContentsTitle marks the contents' own heading ("Contents").
	ContentsTitle bool
	// Repeat marks text set again where a table continues: its header
	// on a new page, its first column in a part of its columns. Read once
	// where first set, it is page furniture here.
	Repeat bool
	// Hyphen marks the hyphen a line broken inside a word ends with: not
	// part of the word, so the PDF gives it as a soft hyphen.
	Hyphen bool
}

// Words is texts that differ only in where they are and what they say:
// the words of a line in one face, size, colour, node, link and text
// node, one after another. Each word is a Text in all but its memory
// (Text gives it as one), and consumers take them as such, in order; a
// word held as a Text took two and a half times the memory, the most of
// a long book's.
type Words struct {
	Y, Size float64
	Src     doc.Node
	// origin is the node of every word's Text's Origin (the text node
	// the words are cut from), each word holding its own offset in it:
	// a line's words in one style are of one text node but where a
	// link, a code span or a footnote reference comes between.
	origin doc.Node
	words  []word
	Font   FontRef
	Link   int32
	Color  RGB
	// Contents, ContentsTitle and Repeat are each word's Text's. (The
	// fields are in the order that packs them in 96 bytes, not 104.)
	Contents, ContentsTitle, Repeat bool
}

// word is one word of Words: the fields of its Text that are its own.
// Its text and width are its glyphs' (shaped as the line is set): a
// book's words are the most of its layout's memory, so a word is 24
// bytes, its origin's node its Words' (it took 40 with a node of its
// own).
type word struct {
	x      float64
	shaped *shapedRun // its text and glyphs, shared with every word of the same text
	offset int32      // its Text's Origin: the offset in its Words' origin node
	hyphen bool
}

// Len returns the number of words.
func (w *Words) Len() int { return len(w.words) }

// Word returns word i's text and glyphs: what a pass over the words that
// needs no more of them than that takes, without making each a Text.
func (w *Words) Word(i int) (text string, glyphs []Glyph) {
	wd := &w.words[i]
	return wd.shaped.text, wd.shaped.glyphs
}

// Origin returns where word i's first character is in the tree: its
// Text's Origin, without making the Text.
func (w *Words) Origin(i int) Origin {
	return Origin{Node: w.origin, Offset: int(w.words[i].offset)}
}

// Text returns word i as the Text it stands for.
func (w *Words) Text(i int) Text {
	wd := &w.words[i]
	return Text{X: wd.x, Y: w.Y, Size: w.Size, Width: wd.shaped.width(w.Size), Text: wd.shaped.text, Glyphs: wd.shaped.glyphs,
		Src: w.Src, Origin: w.Origin(i), Link: w.Link, Font: w.Font, Color: w.Color,
		Contents: w.Contents, ContentsTitle: w.ContentsTitle, Repeat: w.Repeat, Hyphen: wd.hyphen}
}

// Turn is the linear part of a transform of text on the page, y down: a
// point u along the baseline and v below it is drawn at (A·u + C·v,
// B·u + D·v) from the text's X, Y, as in SVG's matrix(A B C D 0 0). The
// text's Size and its glyphs' advances are in the u, v units.
type Turn struct{ A, B, C, D float64 }

// Origin is a place in the tree's text: byte Offset in the value of Node,
// a *doc.Text, *doc.Code or *doc.CodeBlock; or, for text the layout makes
// of a node as a whole (the further-reading appendix's titles and
// entries), that node at offset 0. Node is nil for text that is in no
// node's value: list numbers, note labels, alt text, the title block,
// hyphens, and the contents.
type Origin struct {
	Node   doc.Node
	Offset int
}

// Line is a straight stroke.
type Line struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          RGB
	Src            doc.Node // the list item whose check box it draws; nil: decoration
}

// Rect is a rectangle, filled, stroked or both.
type Rect struct {
	X, Y, W, H float64
	Fill       *RGB // nil: not filled
	Stroke     *RGB // nil: not stroked
	LineWidth  float64
	Src        doc.Node // the list item whose check box it is; nil: decoration
}

// ImageItem places an image (by its key in Document.Images) in a box.
type ImageItem struct {
	X, Y, W, H float64
	Key        string
	Src        doc.Node // the figure or image it draws, or the text it is a glyph of; nil: decoration
	// Text is what the image stands for when it is a glyph of a
	// colour-bitmap face (an emoji), or an image set in a line of text
	// (its alt text): the PDF gives it as the image's ActualText, so that
	// it copies and reads as text.
	Text string
}

// ImageData is one image's bytes, shared by every place it is drawn.
type ImageData struct {
	Key    string // unique within the document
	Type   string // "png", "jpg" or "gif": the file in Data; "vector": the outlines in Vector; "raster": the samples in Raster
	Data   []byte
	Vector *Vector // an image the layout drew as outlines (an SVG image)
	Raster *Raster // an image the layout drew as pixels (an SVG image with a gradient)
	Width  int     // the natural size in pixels (for SVG, CSS pixels: the drawing has more)
	Height int

	svg    *svgImage // an SVG image's text, which the PDF sets over its drawing
	warned bool      // the text left out has been reported
}

// Raster is an image the layout drew: its samples, 8 bits each, rows top
// down, each plane compressed with zlib (RFC 1950), as a PDF's Flate
// filter reads them. It is never encoded as a PNG only to be decoded again.
type Raster struct {
	Width, Height int    // in samples
	RGB           []byte // the colour, three samples a pixel, not premultiplied
	Alpha         []byte // the alpha, one sample a pixel; nil when every pixel is opaque
}

// LinkArea is a clickable rectangle: to an external URL, or to an anchor
// (Dest, a fragment id) in the same document.
type LinkArea struct {
	X, Y, W, H float64
	URL        string
	Dest       string
	Src        doc.Node // the node whose text holds the link, for its Link structure element
}

// Anchor is a link target: the fragment id of a heading, footnote or
// appendix entry, at a height on its page.
type Anchor struct {
	ID string
	Y  float64
}

// Bookmark is one entry of the PDF outline.
type Bookmark struct {
	Title string
	Level int // 0 for top level
	Page  int // 1-based physical page
	Y     float64
}
