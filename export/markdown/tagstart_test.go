package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestHasTagStart: the test before a raw HTML block is parsed as a
// figure or a table finds the tags in any case, <image> among them, and
// nothing in blocks that have none.
func TestHasTagStart(t *testing.T) {
	for i, tc := range []struct {
		src, start string
		want       bool
	}{
		{`<p align="center"><img src="a.png"></p>`, "<im", true},
		{`<IMG SRC="a.png">`, "<im", true},
		{`<figure><image src="a.png"></figure>`, "<im", true},
		{`<div class="x">an image</div>`, "<im", false},
		{`<span>imagine</span> <i>m</i>`, "<im", false},
		{`<Table><tr><td>1</td></tr></Table>`, "<table", true},
		{`<Listing number="1-1" file-name="src/main.rs">`, "<table", false},
		{`<tab`, "<table", false},
		{``, "<im", false},
	} {
		if got := hasTagStart(tc.src, tc.start); got != tc.want {
			t.Errorf("%d: hasTagStart(%q, %q) = %v, want %v", i, tc.src, tc.start, got, tc.want)
		}
	}
}

// FuzzHasTagStart: whenever the HTML parser finds an <img> or a <table>
// in a block, hasTagStart says it may be there, so that no figure or
// table is passed over unparsed.
func FuzzHasTagStart(f *testing.F) {
	for _, s := range []string{`<p><img src=a.png></p>`, `<image src=x>`, `<TABLE><tr><td>1`, `<div>text</div>`, `<<imG/>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil {
			return
		}
		var img, table bool
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			img = img || n.Type == html.ElementNode && n.DataAtom == atom.Img
			table = table || n.Type == html.ElementNode && n.DataAtom == atom.Table
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		for _, n := range nodes {
			walk(n)
		}
		if img && !hasTagStart(src, "<im") {
			t.Errorf("the parser finds an <img> in %q, hasTagStart(<im) none", src)
		}
		if table && !hasTagStart(src, "<table") {
			t.Errorf("the parser finds a <table> in %q, hasTagStart(<table) none", src)
		}
	})
}
