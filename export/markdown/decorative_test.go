package markdown

import (
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TestDecorativeImages: `{.decorative}` after a lone image, and an HTML
// img with an empty alt, mark an image decorative; an image with no alt
// text and no mark is not.
func TestDecorativeImages(t *testing.T) {
	src := "![](a.png){.decorative}\n\n<img src=\"b.png\" alt=\"\">\n\n![](c.png)\n\n<img src=\"d.png\">\n"
	d := Parse("t.md", []byte(src), &diag.List{})
	want := map[string]bool{"a.png": true, "b.png": true, "c.png": false, "d.png": false}
	seen := 0
	doc.Inspect(d, func(n doc.Node) bool {
		if img, ok := n.(*doc.Image); ok {
			seen++
			if img.Decorative() != want[img.URL] {
				t.Errorf("%s: decorative %v, want %v", img.URL, img.Decorative(), want[img.URL])
			}
		}
		return true
	})
	if seen != 4 {
		t.Errorf("%d images, want 4", seen)
	}
}
