package epub

import (
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/l10n"
	"github.com/galley-pub/galley/export/options"
)

// book is one rendering in progress: the document, and everything planned
// before any XHTML is written (which file holds which block, the XHTML id
// of every node that has one, where each footnote lives, which images are
// packed).
type book struct {
	d     *doc.Document
	opts  Options
	diags *diag.List
	lang  string
	words l10n.Words // galley's own words in the book's language
	title string
	uid   string // the unique identifier

	chapters []*chapter
	endnotes *chapter      // the Notes file, when the notes are placed at the end of the book
	appendix *doc.Appendix // nil when there is none
	// appendixFiles are the appendix's files (cutAppendix), when it has one.
	appendixFiles []*appendixFile
	cover         *resource // nil when there is no cover
	coverArt      *resource // what the cover page shows when not the cover itself

	ids      map[doc.Node]string  // the XHTML id given to a node
	fileOf   map[doc.Node]string  // the file that holds a node with an id
	targets  map[string]target    // source id → where it ended up
	notes    map[int]*note        // footnotes by number
	headings []*doc.Heading       // every heading with an id, for a missing outline
	levels   map[*doc.Heading]int // the level each heading is written at
	level    int                  // the level of the last heading planned

	images      []*resource            // packed images, in order of first use
	imageAt     map[doc.Node]*resource // the packed image of a doc.Image, nil if none
	imageByPath map[string]*resource
	faces       []*face         // embedded fonts
	allAlt      bool            // every image has alt text
	mathFiles   map[string]bool // the files holding MathML (formula)
	mathMu      sync.Mutex      // mathFiles', which chapters written at once set

	pageMarks  []*pageMark              // print pages, in order
	marksIn    map[doc.Node][]*pageMark // pages starting in a node's text, by offset
	marksAt    map[string][]*pageMark   // pages starting at an element with a source id
	titleMarks []*pageMark              // pages starting at the title page
	// marksInContents are the pages that start at a heading's entry in the
	// printed contents, by the heading's source id; navList gives the
	// entry's link their id.
	marksInContents map[string][]*pageMark
	// marksAtContents are the pages that start at the top of the printed
	// contents: a marker in the e-book's contents heading.
	marksAtContents []*pageMark
}

// chapter is one XHTML file of the body.
type chapter struct {
	name   string // file name, "chapter-1.xhtml"
	id     string // manifest id, "chapter-1"
	title  string // for <title>
	blocks []doc.Block
	text   int     // the bytes of text of blocks (textSize)
	notes  []*note // footnotes first referenced here, in order
	ids    *idSet
}

// target is where an id of the source ended up.
type target struct {
	file string
	id   string
}

// note is a numbered footnote and the file its text is written in.
type note struct {
	def   *doc.FootnoteDef
	first *doc.FootnoteRef // its first reference
	file  string
	refs  int // references planned so far
}

func newBook(d *doc.Document, opts Options, diags *diag.List) *book {
	b := &book{
		d: d, opts: opts, diags: diags,
		lang:            d.Meta.Lang,
		title:           strings.TrimSpace(d.Meta.Title),
		ids:             map[doc.Node]string{},
		levels:          map[*doc.Heading]int{},
		fileOf:          map[doc.Node]string{},
		targets:         map[string]target{},
		notes:           map[int]*note{},
		imageAt:         map[doc.Node]*resource{},
		imageByPath:     map[string]*resource{},
		allAlt:          true,
		marksIn:         map[doc.Node][]*pageMark{},
		marksAt:         map[string][]*pageMark{},
		marksInContents: map[string][]*pageMark{},
	}
	if b.lang == "" {
		b.lang = doc.DefaultLang
	} else if !langTag.MatchString(b.lang) {
		diags.Warnf(d.Meta.Pos, "language %q is not a BCP 47 tag; the e-book says %q", b.lang, doc.DefaultLang)
		b.lang = doc.DefaultLang
	}
	b.words = l10n.For(b.lang)
	if b.title == "" {
		b.title = "Untitled"
	}
	for _, f := range d.Footnotes {
		if f.Number > 0 && b.notes[f.Number] == nil {
			b.notes[f.Number] = &note{def: f}
		}
	}
	return b
}

// plan splits the body into chapters and walks every file once, in reading
// order, to give ids, place footnotes and load images.
func (b *book) plan() {
	b.uid = b.identifier()
	b.cover = b.loadCover()
	if b.cover != nil && b.opts.CoverArt != nil {
		b.coverArt = b.loadImage(b.opts.CoverArt, "cover-art", "images/cover-art")
	}
	b.planPages()
	b.split()
	if b.opts.Settings.Footnotes == options.NotesPerBook {
		b.endnotes = &chapter{name: notesName, id: "notes", title: b.words.Notes, ids: newIDSet()}
	}
	for _, c := range b.chapters {
		b.planChapter(c)
	}
	if b.endnotes != nil {
		b.planChapter(b.endnotes)
	}
	if a := b.d.Appendix; a != nil {
		b.appendix, b.appendixFiles = a, cutAppendix(a, maxAppendixFile)
		ids := newIDSet()
		first := b.appendixFiles[0].name
		b.assign(a, first, ids, a.Attr.ID, "further-reading")
		b.placeMarks(b.marksAt[a.Attr.ID], first, ids)
		b.placeMarks(b.marksIn[a], first, ids)
		for _, f := range b.appendixFiles {
			for _, part := range f.parts {
				if g := part.group; part.starts {
					b.assign(g, f.name, ids, g.Attr.ID, "group")
					b.placeMarks(b.marksAt[g.Attr.ID], f.name, ids)
					b.placeMarks(b.marksIn[g], f.name, ids)
				}
				for _, r := range part.entries {
					b.assign(r, f.name, ids, r.Anchor(), "") // where citations of it go
					b.placeMarks(b.marksIn[r], f.name, ids)
				}
			}
		}
	}
}

// planChapter walks a chapter and then the footnotes first referenced in it
// (which may reference further notes), in the order they will be written.
func (b *book) planChapter(c *chapter) {
	for _, bl := range c.blocks {
		b.planNode(c, bl)
	}
	for i := 0; i < len(c.notes); i++ {
		n := c.notes[i]
		b.assign(n.def, c.name, c.ids, "fn-"+strconv.Itoa(n.def.Number), "fn")
		for _, bl := range n.def.Blocks {
			b.planNode(c, bl)
		}
	}
}

func (b *book) planNode(c *chapter, root doc.Node) {
	doc.Inspect(root, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.FootnoteDef:
			return false // written where it is first referenced
		case *doc.Text, *doc.Code:
			b.placeMarks(b.marksIn[n], c.name, c.ids)
		case *doc.Heading:
			b.planLevel(n)
			if n.Attr.ID != "" {
				b.assign(n, c.name, c.ids, n.Attr.ID, "section")
				b.headings = append(b.headings, n)
				b.placeMarks(b.marksAt[n.Attr.ID], c.name, c.ids)
			}
		case *doc.List:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
		case *doc.CodeBlock:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
			b.placeMarks(b.marksIn[n], c.name, c.ids)
		case *doc.Table:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
		case *doc.Figure:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
		case *doc.Link:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
		case *doc.Span:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
		case *doc.Div:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
		case *doc.Image:
			b.assign(n, c.name, c.ids, n.Attr.ID, "")
			b.planImage(n)
		case *doc.FootnoteRef:
			b.planNoteRef(c, n)
		}
		return true
	})
}

// planNoteRef gives a reference its id and, on the first reference to a
// note, places the note at the end of this chapter.
func (b *book) planNoteRef(c *chapter, r *doc.FootnoteRef) {
	nt := b.notes[r.Number]
	if nt == nil {
		return
	}
	nt.refs++
	want := "fnref-" + strconv.Itoa(r.Number)
	if nt.refs > 1 {
		want += "-" + strconv.Itoa(nt.refs)
	}
	b.assign(r, c.name, c.ids, want, "fnref")
	if nt.refs == 1 {
		home := c
		if b.endnotes != nil {
			home = b.endnotes
		}
		nt.first = r
		nt.file = home.name
		home.notes = append(home.notes, nt)
	}
}

// assign gives n a unique XHTML id in file, made from want (or fallback
// when want is empty and fallback is not), and records the source id as a
// link target. Nothing happens when both are empty.
func (b *book) assign(n doc.Node, file string, ids *idSet, want, fallback string) {
	if want == "" && fallback == "" {
		return
	}
	base := want
	if base == "" {
		base = fallback
	}
	id := ids.add(base)
	b.ids[n] = id
	b.fileOf[n] = file
	if want != "" {
		if _, dup := b.targets[want]; !dup {
			b.targets[want] = target{file: file, id: id}
		}
	}
}

// idSet hands out the ids of one file: valid XML names, each used once.
type idSet struct {
	used map[string]bool
}

func newIDSet() *idSet { return &idSet{used: map[string]bool{}} }

func (s *idSet) add(want string) string {
	base := ncName(want)
	id := base
	for i := 2; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return id
}

// ncName turns s into a valid XML NCName (what an XHTML id must be here):
// characters that cannot appear become '-', and a name that cannot start
// as it does gets the prefix "id-".
func ncName(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if isNameChar(r) {
			sb.WriteRune(r)
		} else {
			sb.WriteByte('-')
		}
	}
	out := sb.String()
	if out == "" {
		return "id"
	}
	first := []rune(out)[0]
	if !(first == '_' || unicode.IsLetter(first)) {
		out = "id-" + out
	}
	return out
}

func isNameChar(r rune) bool {
	switch {
	case r == '_' || r == '-' || r == '.':
		return true
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// href returns the link to the node n from file from, or "" when n was
// given no id.
func (b *book) href(from string, n doc.Node) string {
	id, ok := b.ids[n]
	if !ok {
		return ""
	}
	return linkTo(from, target{file: b.fileOf[n], id: id})
}

func linkTo(from string, t target) string {
	if t.file == from {
		return "#" + t.id
	}
	return t.file + "#" + t.id
}

// planLevel sets the level a heading is written at: never more than one
// below the heading before it in reading order, so that assistive
// technology meets the headings in order (a jump from h1 to h3 becomes h1
// to h2, with a warning); the first heading keeps its level. An empty
// heading is not written as one.
func (b *book) planLevel(h *doc.Heading) {
	if isEmptyHeading(h) {
		b.diags.Warnf(h.Pos, "empty heading; the e-book leaves it out of its structure")
		return
	}
	level := min(max(h.Level, 1), 6)
	if b.level > 0 && level > b.level+1 {
		b.diags.Warnf(h.Pos, "heading level %d follows level %d; the e-book makes it level %d", h.Level, b.level, b.level+1)
		level = b.level + 1
	}
	b.levels[h] = level
	b.level = level
}

// isEmptyHeading reports whether a heading has no text and no image.
func isEmptyHeading(h *doc.Heading) bool {
	empty := true
	for _, in := range h.Content {
		doc.Inspect(in, func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.Text:
				if strings.TrimSpace(n.Value) != "" {
					empty = false
				}
			case *doc.Code:
				if strings.TrimSpace(n.Value) != "" {
					empty = false
				}
			case *doc.Image:
				empty = false
			}
			return empty
		})
	}
	return empty
}
