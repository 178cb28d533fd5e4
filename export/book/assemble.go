package book

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/parallel"
	"github.com/galley-pub/galley/export/markdown"
	"github.com/galley-pub/galley/export/mdbook"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/passes"
)

// loaded is one chapter read into its own tree.
type loaded struct {
	ch     Chapter
	rel    string            // clean slash path relative to the book
	d      *doc.Document     // the chapter's own tree
	ids    map[string]string // the chapter's own ids → book-wide ids
	anchor string            // book-wide id of the chapter's first heading
}

// assemble reads every chapter and merges them into one document with the
// book's metadata.
func assemble(b *Book, meta doc.Meta, diags *diag.List) *doc.Document {
	d := &doc.Document{Pos: doc.Pos{File: b.Config, Line: 1, Col: 1}, Meta: meta}
	used := map[string]bool{}   // book-wide ids
	labels := map[string]bool{} // footnote labels of earlier chapters
	byFile := map[string]*loaded{}
	var chapters []*loaded
	number := 0
	// Chapters are read through the book's directory as a root: a chapter
	// that is a symbolic link leading out of the book (to /etc/passwd) is
	// refused like a "../" path.
	root, err := os.OpenRoot(b.Root)
	if err != nil {
		diags.Errorf(d.Pos, "the book's directory cannot be read: %v", err)
		return d
	}
	defer root.Close()
	// Includes may also read the directories the command line allows
	// (--resource-path); book.yaml's own resource paths are inside the book.
	var more []*os.Root
	for _, dir := range b.Options.Resources.Paths {
		r, err := os.OpenRoot(dir)
		if err != nil {
			diags.Errorf(d.Pos, "resource directory: %v", err)
			return d
		}
		defer r.Close()
		more = append(more, r)
	}
	// The chapters' directory inside the root (book.toml's src).
	srcRel, err := filepath.Rel(b.Root, b.Dir)
	if err != nil || !filepath.IsLocal(srcRel) && srcRel != "." {
		diags.Errorf(d.Pos, "the chapters' directory %s is outside the book", b.Dir)
		return d
	}
	// Each chapter is read and its includes expanded, on all cores; then,
	// once the book's rules are known (mdbook-spec), each is parsed on its
	// own, on all cores; what follows (ids, labels, numbers) runs in order.
	type read struct {
		ch       Chapter
		rel      string
		file     string          // its path, as positions name it
		ex       mdbook.Expanded // its text, includes expanded
		expanded bool
		d        *doc.Document
		diags    diag.List
	}
	var reads []*read
	listed := map[string]doc.Pos{} // each chapter's first listing
	for _, ch := range b.Chapters {
		if ch.File == "" { // a part's page, its title alone
			h := &doc.Heading{Pos: ch.Pos, Level: 1, Attr: doc.Attr{Classes: []string{"unnumbered"}}, Content: []doc.Inline{&doc.Text{Pos: ch.Pos, Value: ch.Title}}}
			reads = append(reads, &read{ch: ch, file: ch.Pos.File, d: &doc.Document{Pos: ch.Pos, Blocks: []doc.Block{h}}})
			continue
		}
		rel := path.Clean(strings.TrimPrefix(filepath.ToSlash(ch.File), "./"))
		if !fs.ValidPath(rel) {
			diags.Errorf(ch.Pos, "chapter %q is outside the book's directory", ch.File)
			continue
		}
		if first, twice := listed[rel]; twice {
			// GitBook lists a group's own page as its first chapter
			// too; a book holds it once.
			diags.Warnf(ch.Pos, "chapter %q is listed twice (first at %s); it is in the book once, where first listed", ch.File, first)
			continue
		}
		listed[rel] = ch.Pos
		reads = append(reads, &read{ch: ch, rel: rel})
	}
	parallel.Each(len(reads), func() (struct{}, error) { return struct{}{}, nil }, func(_ struct{}, i int) error {
		r := reads[i]
		if r.d != nil {
			return nil // a part's title
		}
		r.file = filepath.Join(b.Dir, filepath.FromSlash(r.rel))
		rootRel := path.Join(filepath.ToSlash(srcRel), r.rel)
		src, err := mdbook.ReadFile(root, rootRel, MaxFileSize)
		if err != nil {
			r.diags.Errorf(r.ch.Pos, "chapter %q cannot be read: %v", r.ch.File, unwrapPath(err))
			return nil
		}
		switch {
		case b.quarto:
			r.ex = mdbook.ExpandQuarto(root, more, rootRel, r.file, src, b.quartoVars, &r.diags)
		case b.snippets != nil:
			r.ex = mdbook.ExpandMkDocs(root, more, rootRel, r.file, src, b.snippets, &r.diags)
		default:
			r.ex = mdbook.Expand(root, more, rootRel, r.file, src, &r.diags)
		}
		r.expanded = true
		return nil
	})
	for _, r := range reads {
		for _, f := range r.ex.Files() {
			if f != r.file {
				b.Included = append(b.Included, f)
			}
		}
	}
	slices.Sort(b.Included)
	b.Included = slices.Compact(b.Included)
	// The Rust Reference's rules are known once every chapter is read.
	var rules map[string]string
	if b.ruleIDs {
		rels, texts := make([]string, len(reads)), make([][]byte, len(reads))
		for i, r := range reads {
			rels[i], texts[i] = r.rel, r.ex.Text
		}
		rules = ruleFiles(rels, texts)
	}
	parallel.Each(len(reads), func() (struct{}, error) { return struct{}{}, nil }, func(_ struct{}, i int) error {
		r := reads[i]
		if !r.expanded {
			return nil
		}
		ex := r.ex
		if len(b.unrun) > 0 {
			otherDirectives(ex, b.unrun, &r.diags)
		}
		if b.ruleIDs {
			ex = ruleLinks(ex, r.rel, rules)
			ex.Text = ruleAnchors(ex.Text)
		}
		r.d = markdown.ParseLines(r.file, ex.Text, ex.Origins, markdown.Syntax{MathJax: b.mathJax, KaTeX: b.katex, Lang: quotesLang(meta.Lang, b.Options.Output), Omit: b.Options.Output.Omit,
			NoHeadingRefs: b.mdBook || b.docsify, Obsidian: b.obsidian, Docsify: b.docsify, MkDocs: b.mkdocs, MDX: b.mdx}, &r.diags)
		r.ex = mdbook.Expanded{}
		if b.mdBook {
			hideLines(r.d, b.hidelines)
		}
		return nil
	})
	// A front-matter key galley does not know is reported once for the
	// book, at its first chapter, with how many more have it.
	var chapterDiags []diag.Diagnostic
	firstUnknown, repeats := map[string]int{}, map[string]int{}
	for _, r := range reads {
		for _, dg := range r.diags.Items() {
			if dg.Severity == diag.Warning && markdown.IsUnknownKeyWarning(dg.Message) {
				if _, seen := firstUnknown[dg.Message]; seen {
					repeats[dg.Message]++
					continue
				}
				firstUnknown[dg.Message] = len(chapterDiags)
			}
			chapterDiags = append(chapterDiags, dg)
		}
	}
	for msg, n := range repeats {
		d := &chapterDiags[firstUnknown[msg]]
		if n == 1 {
			d.Message += " (1 more chapter has it)"
		} else {
			d.Message += fmt.Sprintf(" (%d more chapters have it)", n)
		}
	}
	diags.Add(chapterDiags...)
	inAppendix := false // a bookdown book's chapters after its (APPENDIX) heading
	letter := 0         // the appendices lettered (letterAppendices)
	for i, r := range reads {
		if r.d == nil {
			continue
		}
		ch, rel, cd := r.ch, r.rel, r.d
		l := &loaded{ch: ch, rel: rel, d: cd, ids: map[string]string{}}
		if b.bookdown && bookdownParts(cd) {
			inAppendix = true
		}
		if inAppendix {
			ch.Part = Appendix
		}
		// The first chapter's front matter is the book's (bookdown's
		// index.Rmd): its title is no chapter's.
		bookMeta := b.metaFromFirst && i == 0 && ch.File != ""
		var first doc.Meta
		if bookMeta {
			first = cd.Meta
			cd.Meta.Title = ""
		}
		// A chapter that starts with its heading keeps it; one whose own
		// front matter titles it and that starts with a section (a
		// lesson's "## Download files") has the title set above it.
		startsWithHeading := moveHeadingFirst(cd)
		if title := firstNonEmpty(ch.Title, cd.Meta.Title); title != "" && (!startsWithHeading || ch.Title == "" && firstLevel(cd) > 1) {
			h := &doc.Heading{Pos: cd.Pos, Level: 1, Content: []doc.Inline{&doc.Text{Pos: cd.Pos, Value: title}}}
			cd.Blocks = append([]doc.Block{h}, cd.Blocks...)
		}
		shiftHeadings(cd, ch.Depth)
		where := b.siteImage
		if b.mkdocs {
			where = b.mkdocsImage(rel)
		}
		rebaseImages(cd, path.Dir(rel), where)
		if bookMeta {
			first.Cover = cd.Meta.Cover // the book's directory's
			fillMeta(&d.Meta, first)
		}
		renameLabels(cd, rel, labels)
		passes.AssignHeadingIDs(cd, diags)
		l.globalIDs(used)
		if b.Options.Output.NumberChapters && ch.Depth == 0 && !unnumberedChapter(cd) {
			switch {
			case ch.Part == Body:
				number++
				numberHeadings(cd, strconv.Itoa(number), b.Options.Output.NumberSections)
			case ch.Part == Appendix && b.letterAppendices && letter < 26:
				letter++
				numberHeadings(cd, string(rune('A'+letter-1)), b.Options.Output.NumberSections)
			}
		}
		d.Meta.FurtherReading = append(d.Meta.FurtherReading, cd.Meta.FurtherReading...)
		d.Meta.References = append(d.Meta.References, cd.Meta.References...)
		for _, f := range cd.Meta.Bibliography { // named from the chapter's directory, read once
			if f = path.Join(path.Dir(rel), f); !slices.Contains(d.Meta.Bibliography, f) {
				d.Meta.Bibliography = append(d.Meta.Bibliography, f)
			}
		}
		byFile[rel] = l
		chapters = append(chapters, l)
	}
	for _, l := range chapters {
		l.rewriteLinks(byFile, b.Options.Output.LinkBase != "", diags)
		d.Blocks = append(d.Blocks, l.d.Blocks...)
		d.Footnotes = append(d.Footnotes, l.d.Footnotes...)
	}
	return d
}

// unnumberedChapter reports whether a chapter's first heading, its
// title (after a part's title, bookdown's "# (PART) …"), is marked
// unnumbered (pandoc's and Quarto's {-} or {.unnumbered}), or whether it
// is a part's title page alone: such a chapter, a preface or a part's
// page, takes no number, nor do its sections.
func unnumberedChapter(d *doc.Document) bool {
	part := false
	for _, blk := range d.Blocks {
		if h, ok := blk.(*doc.Heading); ok {
			if h.Level == 1 && h.Attr.HasClass("part") { // a part's title, before its first chapter's
				part = true
				continue
			}
			return h.Level == 1 && h.Attr.HasClass("unnumbered")
		}
	}
	return part // a part's title page alone
}

// unwrapPath drops the path from an *fs.PathError: the diagnostic names
// the chapter already.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// moveHeadingFirst reports whether the first block of d that shows
// anything is a heading, and moves it before the blocks ahead of it that
// show nothing (HTML comments, anchors an mdBook chapter keeps for links
// to its old headings), so that the chapter starts with its heading and
// links to those anchors land on its first page.
func moveHeadingFirst(d *doc.Document) bool {
	for i, b := range d.Blocks {
		if showsNothing(b) {
			continue
		}
		if _, ok := b.(*doc.Heading); !ok {
			return false
		}
		if i > 0 {
			hidden := slices.Clone(d.Blocks[:i])
			d.Blocks[0] = b
			copy(d.Blocks[1:i+1], hidden)
		}
		return true
	}
	return false
}

// firstLevel is the level of the heading d starts with (0: none).
func firstLevel(d *doc.Document) int {
	if len(d.Blocks) > 0 {
		if h, ok := d.Blocks[0].(*doc.Heading); ok {
			return h.Level
		}
	}
	return 0
}

// showsNothing reports a block that prints nothing: an HTML comment, or a
// paragraph of anchors (spans with an id and no content) and comments.
func showsNothing(b doc.Block) bool {
	switch b := b.(type) {
	case *doc.RawHTML:
		return onlyComments(b.HTML)
	case *doc.Paragraph:
		for _, in := range b.Content {
			switch in := in.(type) {
			case *doc.Span:
				if in.Attr.ID == "" || len(in.Content) > 0 {
					return false
				}
			case *doc.RawInline:
				if !onlyComments(in.HTML) {
					return false
				}
			case *doc.Text:
				if strings.TrimSpace(in.Value) != "" {
					return false
				}
			default:
				return false
			}
		}
		return len(b.Content) > 0
	}
	return false
}

// shiftHeadings moves the headings of a sub-chapter at depth down just
// enough that its top heading is at level depth+1 (at most to level 6): a
// sub-chapter written with "# Installing" becomes a level-2 section, and
// one written as mdBook authors often do, with "## Installing", keeps its
// levels as written.
func shiftHeadings(d *doc.Document, depth int) {
	top := 7
	doc.Inspect(d, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok {
			top = min(top, h.Level)
		}
		return true
	})
	shift := depth + 1 - top
	if depth == 0 || shift <= 0 {
		return
	}
	doc.Inspect(d, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok {
			h.Level = min(h.Level+shift, 6)
		}
		return true
	})
}

// rebaseImages makes the relative image paths of a chapter in directory
// dir relative to the book's directory, where the renderers read them:
// where gives each (Book.siteImage).
func rebaseImages(d *doc.Document, dir string, where func(url, dir string) string) {
	doc.Inspect(d, func(n doc.Node) bool {
		if img, ok := n.(*doc.Image); ok && isRelative(img.URL) {
			img.URL = where(img.URL, dir)
		}
		return true
	})
	if c := d.Meta.Cover; c != "" && isRelative(c) {
		d.Meta.Cover = where(c, dir)
	}
}

// isRelative reports whether u is a relative path: no scheme, no host, not
// absolute, not a fragment.
func isRelative(u string) bool {
	if u == "" || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "/") {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "" && p.Host == ""
}

// renameLabels gives footnote labels that an earlier chapter used already
// a suffix naming this chapter, so that each chapter's [^1] stays its own.
func renameLabels(d *doc.Document, rel string, labels map[string]bool) {
	rename := func(label string) string {
		if labels[label] {
			return label + " in " + rel
		}
		return label
	}
	var mine []string
	doc.Inspect(d, func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.FootnoteRef:
			n.Label = rename(n.Label)
		case *doc.FootnoteDef:
			mine = append(mine, n.Label)
			n.Label = rename(n.Label)
		}
		return true
	})
	for _, l := range mine {
		labels[l] = true
	}
}

// globalIDs makes the chapter's ids unique in the book: an id an earlier
// chapter took gets a suffix ("setup" → "setup-2"). It records the mapping
// and the chapter's anchor.
func (l *loaded) globalIDs(used map[string]bool) {
	doc.Inspect(l.d, func(n doc.Node) bool {
		a := doc.AttrOf(n)
		if a == nil || a.ID == "" {
			return true
		}
		g := a.ID
		for i := 2; used[g] || passes.IsReservedID(g); i++ {
			g = a.ID + "-" + strconv.Itoa(i)
		}
		used[g] = true
		if _, dup := l.ids[a.ID]; !dup {
			l.ids[a.ID] = g
		}
		a.ID = g
		if _, ok := n.(*doc.Heading); ok && l.anchor == "" {
			l.anchor = g
		}
		return true
	})
}

// rewriteLinks turns links to chapter files (`ch2.md`, `ch2.md#setup`)
// and fragments of this chapter (`#setup`) into links to the book-wide
// ids; a directory's link (`part/`) is to its README.md or index.md. A
// link to a missing id of another chapter is reported and points at
// that chapter's start; a broken `#fragment`, and a link to a file that
// is no chapter, are left for the passes' link check to report. With
// base (a link base is set), a relative link to a page that is no
// chapter is made relative to the book's directory, for the passes to
// resolve against the link base.
func (l *loaded) rewriteLinks(byFile map[string]*loaded, base bool, diags *diag.List) {
	doc.Inspect(l.d, func(n doc.Node) bool {
		lk, ok := n.(*doc.Link)
		if !ok {
			return true
		}
		raw := strings.TrimSpace(lk.URL)
		if frag, ok := strings.CutPrefix(raw, "#"); ok {
			if g, ok := l.ids[unescape(frag)]; ok {
				lk.URL = "#" + g
			}
			return true
		}
		if !isRelative(raw) {
			return true
		}
		u, err := url.Parse(raw)
		if err != nil || u.Path == "" {
			return true
		}
		target := path.Join(path.Dir(l.rel), u.Path)
		t := byFile[target]
		if t == nil && strings.HasSuffix(strings.ToLower(target), ".html") {
			// mdBook's chapters link to each other's web pages:
			// ch04-01-ownership.html#frag is ch04-01-ownership.md's, and a
			// directory's index.html its README.md's.
			target = strings.TrimSuffix(target, path.Ext(target)) + ".md"
			if path.Base(target) == "index.md" && byFile[target] == nil {
				target = path.Join(path.Dir(target), "README.md")
			}
			t = byFile[target]
		}
		if t == nil && fs.ValidPath(target) && path.Ext(target) == "" {
			// A directory's link (GitBook's "../05_container/") is to its
			// README.md, as GitHub and GitBook show it, or its index.md;
			// docsify's "economics" is to economics.md.
			for _, name := range []string{"README.md", "index.md"} {
				if t = byFile[path.Join(target, name)]; t != nil {
					break
				}
			}
			if t == nil {
				t = byFile[target+".md"]
			}
		}
		if t == nil {
			md := strings.HasSuffix(strings.ToLower(u.Path), ".md")
			switch inside := fs.ValidPath(target); {
			case md && inside && base:
				diags.Warnf(lk.Pos, "broken link %q: %s is not a chapter of the book", raw, target)
			case md && inside:
				// Left as it is: the passes (CheckLinks) report the link
				// to a file neither output holds, once for both.
			case base:
				// A page of the book's site that the book is not
				// (mdBook's ../std/index.html, or another book's
				// ../../rustc/json.md, which mdBook links as its web
				// page, json.html): relative to the site's root from
				// here on, which the passes resolve against the link
				// base.
				if md {
					u.Path = strings.TrimSuffix(u.Path, path.Ext(u.Path)) + ".html"
				}
				u.Path = path.Join(path.Dir(l.rel), u.Path)
				lk.URL = u.String()
			}
			return true
		}
		frag := u.Fragment
		if frag == "" {
			if t.anchor == "" {
				diags.Warnf(lk.Pos, "broken link %q: %s has no heading to link to", raw, target)
				return true
			}
			lk.URL = "#" + t.anchor
			return true
		}
		for _, id := range passes.FragmentIDs(frag) { // as GitHub finds it: "#1-intro", "#Set-Up"
			if g, ok := t.ids[id]; ok {
				lk.URL = "#" + g
				return true
			}
		}
		if guess := passes.SuggestID(frag, maps.Keys(t.ids)); guess != "" {
			diags.Warnf(lk.Pos, "broken link %q: %s has no id %q; did you mean \"#%s\"? (the link goes there)", raw, target, frag, guess)
			lk.URL = "#" + t.ids[guess]
			return true
		}
		diags.Warnf(lk.Pos, "broken link %q: %s has no heading or id %q", raw, target, frag)
		if t.anchor != "" {
			lk.URL = "#" + t.anchor
		}
		return true
	})
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// numberHeadings puts the chapter's number (or an appendix's letter)
// before the chapter's level-1 headings ("3. Title", "A. Title";
// doc.ChapterNumberKey, for the passes) and, with sections, section
// numbers before its level-2 and level-3 headings ("3.1 Title", "3.1.2
// Title"). Only headings in the chapter's main flow are numbered, not
// those in callouts or notes.
func numberHeadings(d *doc.Document, chapter string, sections bool) {
	var sec, sub int
	for _, blk := range d.Blocks {
		h, ok := blk.(*doc.Heading)
		if !ok || h.Attr.HasClass("unnumbered") { // pandoc's {-}
			continue
		}
		var prefix string
		switch {
		case h.Level == 1:
			prefix = chapter + ". "
			h.Attr.Set(doc.ChapterNumberKey, chapter)
		case h.Level == 2 && sections:
			sec, sub = sec+1, 0
			prefix = chapter + "." + strconv.Itoa(sec) + " "
		case h.Level == 3 && sections && sec > 0:
			sub++
			prefix = chapter + "." + strconv.Itoa(sec) + "." + strconv.Itoa(sub) + " "
		default:
			continue
		}
		h.Content = append([]doc.Inline{&doc.Text{Pos: h.Pos, Value: prefix}}, h.Content...)
	}
}

// quotesLang is the language of a book's quotation marks: the command
// line's -M lang=… over the book's own.
func quotesLang(lang string, o options.Output) string {
	if v, ok := o.MetadataValue("lang"); ok {
		return v
	}
	return lang
}
