package epub

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galley-pub/galley/export/doc"
)

// Raw HTML from the source is never copied as text. It is parsed with an
// HTML5 parser and written again as XHTML, keeping only the elements and
// attributes below; scripts, styles, embedded content and forms are dropped
// with their content, other unknown elements are replaced by their content.

// isBlockTag reports whether a block element of raw HTML is kept.
func isBlockTag(name string) bool {
	switch name {
	case "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt",
		"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
		"ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul":
		return true
	}
	return false
}

// isInlineTag reports whether an inline element of raw HTML is kept; only these
// are kept inside a paragraph.
func isInlineTag(name string) bool {
	switch name {
	case "abbr", "b", "bdi", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
		"q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr":
		return true
	}
	return false
}

// isDroppedTag reports whether an element of raw HTML is dropped with its
// content: scripts, styles, embedded content, forms, metadata.
func isDroppedTag(name string) bool {
	switch name {
	case "applet", "audio", "base", "button", "canvas", "datalist", "dialog", "embed", "form",
		"frame", "frameset", "head", "iframe", "input", "link", "map", "math", "meta", "noscript",
		"object", "option", "output", "param", "picture", "script", "select", "source", "style",
		"svg", "template", "textarea", "title", "track", "video":
		return true
	}
	return false
}

// isVoidTag reports whether a kept element has no content.
func isVoidTag(name string) bool {
	switch name {
	case "br", "hr", "wbr":
		return true
	}
	return false
}

var numeric = regexp.MustCompile(`^[0-9]{1,4}$`)

// rawBlock writes a block of raw HTML, sanitised.
func (p *page) rawBlock(r *doc.RawHTML) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(r.HTML), ctx)
	if err != nil {
		p.diags.Warnf(r.Pos, "raw HTML cannot be parsed (%v); it is left out", err)
		return
	}
	for _, n := range nodes {
		p.rawNode(n, r.Pos)
	}
	p.raw("\n")
}

func (p *page) rawNode(n *html.Node, pos doc.Pos) {
	switch n.Type {
	case html.TextNode:
		p.text(n.Data)
		return
	case html.ElementNode:
	default:
		return // comments, doctypes
	}
	name := n.Data
	switch {
	case n.Namespace != "" || isDroppedTag(name):
		p.diags.Warnf(pos, "raw HTML <%s> is not allowed in the e-book; it is left out", name)
		return
	case name == "img":
		p.diags.Warnf(pos, "image in raw HTML is not packed; use Markdown image syntax (its alt text is shown instead)")
		p.text(attrValue(n.Attr, "alt"))
		return
	case !isBlockTag(name) && !isInlineTag(name) && name != "a":
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			p.rawNode(c, pos)
		}
		return
	}
	if name == "a" && (p.inLink() || !p.rawLinkOK(n.Attr, pos)) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			p.rawNode(c, pos)
		}
		return
	}
	p.startTag(name, n.Attr, pos)
	if isVoidTag(name) {
		p.raw("/>")
		return
	}
	p.raw(">")
	if name == "a" {
		p.open = append(p.open, linkMarker)
	}
	if name == "ul" || name == "ol" {
		p.rawItems(n, pos)
	} else {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			p.rawNode(c, pos)
		}
	}
	if name == "a" {
		p.open = p.open[:len(p.open)-1]
	}
	p.raw("</" + name + ">")
}

// rawItems writes the children of a raw list, each run of what stands
// beside its items (a sub-list written straight in the list, which the
// reader could not give to an item) in an item of its own: XHTML allows
// only li in a list.
func (p *page) rawItems(list *html.Node, pos doc.Pos) {
	open := false
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		item := c.Type == html.ElementNode && c.Data == "li"
		beside := !item && c.Type != html.CommentNode && (c.Type != html.TextNode || strings.TrimSpace(c.Data) != "")
		switch {
		case beside && !open:
			p.raw("<li>")
			open = true
		case item && open:
			p.raw("</li>")
			open = false
		}
		p.rawNode(c, pos)
	}
	if open {
		p.raw("</li>")
	}
}

// rawInline writes a fragment of inline raw HTML, often a lone tag such as
// <kbd> or </kbd>. Allowed inline tags are opened and pushed on p.open; an
// end tag closes the matching open tag of the current run (scope) and
// anything opened after it; other tags are dropped, their text kept.
func (p *page) rawInline(r *doc.RawInline, scope int) {
	z := html.NewTokenizer(strings.NewReader(r.HTML))
	skip := "" // inside an element dropped with its content
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		tok := z.Token()
		switch {
		case skip != "":
			if tt == html.EndTagToken && tok.Data == skip {
				skip = ""
			}
		case tt == html.TextToken:
			p.text(tok.Data)
		case tt == html.StartTagToken || tt == html.SelfClosingTagToken:
			name := tok.Data
			switch {
			case isDroppedTag(name):
				p.diags.Warnf(r.Pos, "raw HTML <%s> is not allowed in the e-book; it is left out", name)
				if tt == html.StartTagToken {
					skip = name
				}
			case name == "img":
				p.diags.Warnf(r.Pos, "image in raw HTML is not packed; use Markdown image syntax (its alt text is shown instead)")
				p.text(attrValue(tok.Attr, "alt"))
			case !isInlineTag(name):
				// dropped, its content kept
			case isVoidTag(name):
				p.startTag(name, tok.Attr, r.Pos)
				p.raw("/>")
			case tt == html.SelfClosingTagToken:
				p.startTag(name, tok.Attr, r.Pos)
				p.raw("></" + name + ">")
			default:
				p.startTag(name, tok.Attr, r.Pos)
				p.raw(">")
				p.open = append(p.open, name)
			}
		case tt == html.EndTagToken:
			for i := len(p.open) - 1; i >= scope; i-- {
				if p.open[i] == tok.Data {
					p.closeRaw(i)
					break
				}
			}
		}
	}
}

// closeRaw closes the raw inline tags opened above depth.
func (p *page) closeRaw(depth int) {
	for len(p.open) > depth {
		p.raw("</" + p.open[len(p.open)-1] + ">")
		p.open = p.open[:len(p.open)-1]
	}
}

// startTag writes "<name" and the allowed attributes, without the closing
// bracket.
func (p *page) startTag(name string, attrs []html.Attribute, pos doc.Pos) {
	p.raw("<" + name)
	for _, a := range attrs {
		if a.Namespace != "" {
			continue
		}
		key, val := a.Key, a.Val
		switch {
		case key == "class" || key == "title" || key == "lang":
			p.attr(key, val)
		case key == "dir" && (val == "ltr" || val == "rtl" || val == "auto"):
			p.attr(key, val)
		case key == "href" && name == "a":
			if href, ok := p.b.resolveLink(p.file, val); ok {
				p.attr(key, href)
			}
		case (key == "colspan" || key == "rowspan") && (name == "td" || name == "th") && numeric.MatchString(val) && val != "0":
			p.attr(key, val)
		case key == "start" && name == "ol" && numeric.MatchString(val):
			p.attr(key, val)
		case key == "datetime" && name == "time":
			p.attr(key, val)
		}
	}
}

// rawLinkOK reports whether a raw <a> has an href the e-book can follow;
// one that has none is replaced by its content, with a warning when it
// has an href (no pass sees the links of raw HTML).
func (p *page) rawLinkOK(attrs []html.Attribute, pos doc.Pos) bool {
	href := attrValue(attrs, "href")
	if href == "" {
		return false
	}
	_, ok := p.b.resolveLink(p.file, href)
	if !ok {
		p.diags.Warnf(pos, "link %q in raw HTML cannot be followed in the e-book; it is left out, its text kept", href)
	}
	return ok
}

func attrValue(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}
