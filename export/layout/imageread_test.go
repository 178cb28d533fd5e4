package layout

import (
	"bytes"
	"image"
	"image/jpeg"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// TestImageRead: the layout tells Options.ImageRead of each image file it
// reads, once, with the file's bytes: a figure's read ahead, an inline
// one as met; of an SVG image once, with its drawing; not of a file that
// is no image. The images the layout keeps share the data or drawing it
// told of, by which the PDF finds what it prepared.
func TestImageRead(t *testing.T) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 5, 2)), nil); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"b.png":      {Data: testPNG(4, 3)},
		"d.jpg":      {Data: jpg.Bytes()},
		"e.png":      {Data: testPNG(2, 2)},
		"a.svg":      {Data: []byte(testSVG)},
		"broken.png": {Data: []byte("not a PNG")},
	}
	tr := newTree("Read", "")
	for _, u := range []string{"b.png", "a.svg", "d.jpg", "b.png", "broken.png"} {
		tr.add(&doc.Figure{Image: &doc.Image{URL: u, Alt: u}})
	}
	tr.add(&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "An icon "}, &doc.Image{URL: "e.png", Alt: "icon"}}})
	var (
		mu       sync.Mutex
		told     = map[string]*byte{} // the file each call's data is, and the data
		drawings = map[*Vector]int{}  // the drawings told of, and how often
	)
	read := func(img *ImageData) {
		mu.Lock()
		defer mu.Unlock()
		if img.Type == "vector" && img.Vector != nil {
			drawings[img.Vector]++
			return
		}
		for name, f := range fsys {
			if bytes.Equal(f.Data, img.Data) {
				if told[name] != nil {
					t.Errorf("%s: told of twice", name)
				}
				told[name] = &img.Data[0]
				return
			}
		}
		t.Errorf("told of %d bytes that are no file's", len(img.Data))
	}
	var diags diag.List
	out, err := Layout(tr.d, Options{Paper: A4(), Fonts: loadFonts(t), Resources: fsys, ImageRead: read}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.Len() != 1 || !strings.Contains(diags.Items()[0].String(), `image "broken.png"`) {
		t.Errorf("diagnostics %v, want one for broken.png", diags.Items())
	}
	var names []string
	for name := range told {
		names = append(names, name)
	}
	slices.Sort(names)
	if strings.Join(names, " ") != "b.png d.jpg e.png" {
		t.Errorf("told of %v, want b.png d.jpg e.png", names)
	}
	if len(drawings) != 1 {
		t.Fatalf("told of %d drawings, want 1 (a.svg)", len(drawings))
	}
	kept := 0
	for _, img := range out.Images {
		if img.Type == "vector" {
			if drawings[img.Vector] != 1 {
				t.Errorf("image %s: its drawing told of %d times, want once", img.Key, drawings[img.Vector])
			}
			continue
		}
		kept++
		shared := false
		for _, p := range told {
			shared = shared || p == &img.Data[0]
		}
		if !shared {
			t.Errorf("image %s (%s) does not share the data told of", img.Key, img.Type)
		}
	}
	if kept != 3 {
		t.Errorf("%d file images kept, want 3", kept)
	}
}
