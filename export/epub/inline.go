package epub

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// inlines writes a run of inline content. Inline tags opened by raw HTML in
// this run and left open are closed at its end, so the output is always
// well-formed.
func (p *page) inlines(content []doc.Inline) {
	depth := len(p.open)
	for _, n := range content {
		p.inline(n, depth)
	}
	p.closeRaw(depth)
}

// inline writes one inline node. scope is the depth of p.open at the start
// of the enclosing run: raw end tags may only close tags above it.
func (p *page) inline(n doc.Inline, scope int) {
	switch n := n.(type) {
	case *doc.Text:
		p.textWithMarks(n, n.Value)
	case *doc.Emphasis:
		p.wrap("em", n.Content)
	case *doc.Strong:
		p.wrap("strong", n.Content)
	case *doc.Strikethrough:
		p.wrap("del", n.Content)
	case *doc.Superscript:
		p.wrap("sup", n.Content)
	case *doc.Subscript:
		p.wrap("sub", n.Content)
	case *doc.Span:
		p.span(n)
	case *doc.Code:
		p.raw("<code>")
		p.textWithMarks(n, n.Value)
		p.raw("</code>")
	case *doc.Link:
		p.link(n)
	case *doc.Image:
		p.inlineImage(n)
	case *doc.FootnoteRef:
		p.noteRef(n)
	case *doc.LineBreak:
		p.raw("<br/>\n")
	case *doc.RawInline:
		p.rawInline(n, scope)
	default:
		panic(fmt.Sprintf("epub: unexpected inline node %T", n))
	}
}

func (p *page) wrap(tag string, content []doc.Inline) {
	p.raw("<" + tag + ">")
	p.inlines(content)
	p.raw("</" + tag + ">")
}

// link writes a hyperlink. Internal links (#id) point to the file that
// holds the id; a link that cannot be followed in the e-book keeps its text
// and loses its link, with a warning.
func (p *page) link(l *doc.Link) {
	href, ok := p.b.resolveLink(p.file, l.URL)
	if !ok || p.inLink() {
		if _, hasID := p.b.ids[l]; hasID {
			p.raw("<span")
			p.idAttr(l)
			p.raw(">")
			p.inlines(l.Content)
			p.raw("</span>")
			return
		}
		p.inlines(l.Content)
		return
	}
	p.raw("<a")
	p.idAttr(l)
	p.attr("href", href)
	if l.Title != "" {
		p.attr("title", l.Title)
	}
	p.raw(">")
	p.open = append(p.open, linkMarker)
	p.inlines(l.Content)
	p.open = p.open[:len(p.open)-1]
	p.raw("</a>")
}

// linkMarker sits on the stack of open tags while a link's content is
// written, so that nothing inside makes a nested link. It is never closed
// by raw HTML, which cannot reach below the run it appears in.
const linkMarker = "\x00a"

func (p *page) inLink() bool {
	for _, t := range p.open {
		if t == linkMarker {
			return true
		}
	}
	return false
}

// resolveLink returns the href for a link written in file from, or false
// when the e-book cannot follow it (the passes reported a link of the
// tree; rawLinkOK reports one of raw HTML).
func (b *book) resolveLink(from, raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if frag, ok := strings.CutPrefix(raw, "#"); ok {
		if t, found := b.targets[frag]; found {
			return linkTo(from, t), true
		}
		if un, err := url.PathUnescape(frag); err == nil {
			if t, found := b.targets[un]; found {
				return linkTo(from, t), true
			}
		}
		// The passes (CheckLinks) report a broken internal link, once for
		// both outputs; the e-book keeps its text.
		return "", false
	}
	// A relative link to a file, javascript:, data:…, and a web link
	// that is not a valid URL are left out of both outputs; the passes
	// (CheckLinks) report them once for both.
	u, ok := doc.ParseFollowable(raw)
	if !ok {
		return "", false
	}
	return externalURL(u), true
}

// inlineImage writes an image, or its alt text when it could not be packed.
func (p *page) inlineImage(img *doc.Image) {
	if p.b.imageAt[img] == nil {
		p.raw(`<span class="image-missing"`)
		p.idAttr(img)
		p.raw(">")
		p.text(img.Alt)
		p.raw("</span>")
		return
	}
	p.image(img)
}

// image writes the <img> of a packed image.
func (p *page) image(img *doc.Image) {
	p.raw("<img")
	p.idAttr(img)
	p.attr("src", p.b.imageAt[img].href)
	p.attr("alt", strings.TrimSpace(img.Alt))
	if img.Title != "" {
		p.attr("title", img.Title)
	}
	p.raw("/>")
}

// noteRef writes a footnote reference as an EPUB 3 noteref.
func (p *page) noteRef(r *doc.FootnoteRef) {
	nt := p.b.notes[r.Number]
	id, ok := p.b.ids[r]
	if nt == nil || !ok || p.inLink() {
		p.raw("<sup>")
		if nt != nil {
			p.text(strconv.Itoa(r.Number))
		} else {
			p.text("[" + r.Label + "]")
		}
		p.raw("</sup>")
		return
	}
	p.raw(`<sup><a epub:type="noteref" role="doc-noteref"`)
	p.attr("href", linkTo(p.file, target{file: nt.file, id: p.b.ids[nt.def]}))
	p.attr("id", id)
	p.raw(">" + strconv.Itoa(r.Number) + "</a></sup>")
}

// span writes a Span: <kbd> for the class kbd, else <span>, with its id,
// classes and language.
func (p *page) span(n *doc.Span) {
	tag := "span"
	classes := n.Attr.Classes
	for _, element := range []string{"kbd", doc.RubyClass} {
		if i := slices.Index(classes, element); i >= 0 {
			tag, classes = element, slices.Delete(slices.Clone(classes), i, i+1)
			break
		}
	}
	p.raw("<" + tag)
	p.idAttr(n)
	if len(classes) > 0 {
		p.attr("class", strings.Join(classes, " "))
	}
	for _, kv := range n.Attr.KV {
		if kv.Key == "lang" && langTag.MatchString(kv.Value) {
			p.attr("lang", kv.Value)
			p.attr("xml:lang", kv.Value)
		}
	}
	p.raw(">")
	switch src, _, formula := n.Formula(); {
	case formula:
		p.formula(n, src)
	case tag == doc.RubyClass:
		p.ruby(n.Content)
	default:
		p.inlines(n.Content)
	}
	p.raw("</" + tag + ">")
}

// ruby writes the content of a <ruby>: its bases, and each annotation (a
// span of doc.RubyTextClass) as an <rt> between <rp> parentheses, for a
// reading system that shows no ruby. An annotation outside ruby stays a
// span.
func (p *page) ruby(content []doc.Inline) {
	depth := len(p.open)
	for _, n := range content {
		if sp, ok := n.(*doc.Span); ok && sp.Attr.HasClass(doc.RubyTextClass) {
			p.raw("<rp>(</rp><rt>")
			p.inlines(sp.Content)
			p.raw("</rt><rp>)</rp>")
			continue
		}
		p.inline(n, depth)
	}
	p.closeRaw(depth)
}
