package markdown

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galley-pub/galley/export/doc"
)

// Raw HTML that authors write for images becomes tree nodes, packed and
// drawn like Markdown images in both outputs: a block that is one <img>
// (possibly inside <p> or <div>, as for centring) is a figure, and so is a
// <figure> holding an <img> and an optional <figcaption>; an inline <img>
// tag is an image. Its alt text, title, width and height are kept. Any
// other HTML stays raw.

// htmlFigure returns the figure a raw HTML block is, or nil.
func htmlFigure(src string, pos doc.Pos) *doc.Figure {
	if !hasTagStart(src, "<im") { // no <img> (nor <image>, which HTML reads as one): no figure, and no parse
		return nil
	}
	el := fragmentElement(src, atom.Body)
	for el != nil && (el.DataAtom == atom.P || el.DataAtom == atom.Div || el.DataAtom == atom.Center) {
		el = onlyElement(children(el))
	}
	switch {
	case el == nil:
		return nil
	case el.DataAtom == atom.Img:
		img := htmlImage(el, pos)
		if img == nil {
			return nil
		}
		return &doc.Figure{Pos: pos, Image: img, Caption: caption(img.Title, img.Alt, pos)}
	case el.DataAtom == atom.Figure:
		var img *doc.Image
		var cap string
		for _, c := range children(el) {
			switch {
			case c.Type == html.ElementNode && c.DataAtom == atom.Img && img == nil:
				img = htmlImage(c, pos)
			case c.Type == html.ElementNode && c.DataAtom == atom.Figcaption:
				cap = strings.Join(strings.Fields(textOf(c)), " ")
			case c.Type == html.ElementNode && c.DataAtom == atom.Img,
				c.Type == html.ElementNode && c.DataAtom != atom.Br,
				c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
				return nil // more than an image and its caption: left raw
			}
		}
		if img == nil {
			return nil
		}
		if cap == "" {
			return &doc.Figure{Pos: pos, Image: img, Caption: caption(img.Title, img.Alt, pos)}
		}
		return &doc.Figure{Pos: pos, Attr: attrOf(el), Image: img, Caption: []doc.Inline{&doc.Text{Pos: pos, Value: cap}}}
	}
	return nil
}

// htmlInlineImage returns the image an inline raw HTML tag is, or nil.
func htmlInlineImage(tag string, pos doc.Pos) *doc.Image {
	t := strings.TrimSpace(tag)
	if len(t) < 5 || !strings.EqualFold(t[:4], "<img") {
		return nil
	}
	if el := fragmentElement(t, atom.Body); el != nil && el.DataAtom == atom.Img {
		return htmlImage(el, pos)
	}
	return nil
}

// htmlImage is an <img> element as an image, or nil without a src.
func htmlImage(el *html.Node, pos doc.Pos) *doc.Image {
	img := &doc.Image{Pos: pos, Attr: attrOf(el)}
	for _, a := range el.Attr {
		switch strings.ToLower(a.Key) {
		case "src":
			img.URL = validUTF8(strings.TrimSpace(a.Val))
		case "alt":
			img.Alt = validUTF8(a.Val)
			if strings.TrimSpace(a.Val) == "" { // alt="": the author says it decorates
				img.Attr.Classes = append(img.Attr.Classes, doc.DecorativeClass)
			}
		case "title":
			img.Title = validUTF8(a.Val)
		}
	}
	if img.URL == "" {
		return nil
	}
	return img
}

// attrOf keeps an element's id, classes, width and height.
func attrOf(el *html.Node) doc.Attr {
	var a doc.Attr
	for _, at := range el.Attr {
		switch k := strings.ToLower(at.Key); k {
		case "id":
			a.ID = validUTF8(at.Val)
		case "class":
			a.Classes = strings.Fields(validUTF8(at.Val))
		case "width", "height":
			a.KV = append(a.KV, doc.KV{Key: k, Value: validUTF8(at.Val)})
		}
	}
	return a
}

// caption is a figure's caption from an image's title, else its alt text.
func caption(title, alt string, pos doc.Pos) []doc.Inline {
	text := title
	if text == "" {
		text = alt
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return []doc.Inline{&doc.Text{Pos: pos, Value: text}}
}

// hasTagStart reports whether src holds start, a "<" and the first
// letters of a tag's name in lower case, in any case: whether the HTML
// parser can find that element in it. Every raw HTML block is asked
// whether it is a figure and whether it is a table, and most are neither.
func hasTagStart(src, start string) bool {
	for i := strings.IndexByte(src, '<'); i >= 0 && i+len(start) <= len(src); {
		if strings.EqualFold(src[i:i+len(start)], start) {
			return true
		}
		next := strings.IndexByte(src[i+1:], '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// fragmentElement parses src as HTML inside an element of type context
// and returns its one element (onlyElement), or nil.
func fragmentElement(src string, context atom.Atom) *html.Node {
	nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: context.String(), DataAtom: context})
	if err != nil {
		return nil
	}
	return onlyElement(nodes)
}

// onlyElement returns the one element among nodes when everything else is
// white space or comments, else nil.
func onlyElement(nodes []*html.Node) *html.Node {
	var el *html.Node
	for _, n := range nodes {
		switch {
		case n.Type == html.ElementNode && el == nil:
			el = n
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "", n.Type == html.CommentNode:
		default:
			return nil
		}
	}
	return el
}

func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return validUTF8(b.String())
}
