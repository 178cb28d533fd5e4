package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/validate"
)

// modified is the fixed date of every test document.
var modified = time.Date(2024, 3, 1, 12, 30, 45, 0, time.UTC)

func layoutRef(fam fonts.Family, st fonts.Style) layout.FontRef {
	return layout.FontRef{Family: fam, Style: st}
}

func text(x, y float64, fam fonts.Family, st fonts.Style, s string) *layout.Text {
	return &layout.Text{X: x, Y: y, Font: layoutRef(fam, st), Size: 11, Text: s}
}

// pngImage encodes a w×h gradient; alpha adds a transparent corner, which
// the writer stores as a soft mask.
func pngImage(t *testing.T, w, h int, alpha bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			a := uint8(255)
			if alpha && x < w/2 && y < h/2 {
				a = 0
			}
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 128, A: a})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sample is a three-page document exercising every item kind, several
// faces and scripts, both kinds of link and bookmarks on pages 1 and 3.
func sample(t *testing.T) (*layout.Document, doc.Meta) {
	grey := layout.RGB{R: 230, G: 230, B: 230}
	red := layout.RGB{R: 200}
	p1 := &layout.Page{Number: 1, Label: "1", Width: 420, Height: 595,
		Items: []layout.Item{
			&layout.Rect{X: 40, Y: 40, W: 340, H: 40, Fill: &grey},
			&layout.Text{X: 50, Y: 66, Font: layoutRef(fonts.Sans, fonts.Bold), Size: 18, Color: layout.RGB{B: 90}, Text: "Galley Handout"},
			&layout.Line{X1: 40, Y1: 90, X2: 380, Y2: 90, Width: 0.5, Color: layout.RGB{R: 80, G: 80, B: 80}},
			text(40, 120, fonts.Serif, fonts.Regular, "Hello, world (and \\ friends)."),
			text(40, 140, fonts.Serif, fonts.Italic, "Tiếng Việt có dấu: đường phố."),
			text(40, 160, fonts.Serif, fonts.Bold, "Καλημέρα κόσμε"),
			text(40, 180, fonts.Sans, fonts.Regular, "Привет, мир"),
			text(40, 200, fonts.Serif, fonts.Regular, "See the last page."),
			text(40, 220, fonts.Serif, fonts.Regular, "Visit example.org."),
			&layout.Rect{X: 300, Y: 300, W: 50, H: 30, Stroke: &red, LineWidth: 1},
			&layout.Rect{X: 300, Y: 340, W: 50, H: 30, Fill: &grey, Stroke: &red, LineWidth: 2},
		},
		Links: []layout.LinkArea{
			{X: 40, Y: 190, W: 100, H: 12, Dest: "last"},
			{X: 40, Y: 210, W: 100, H: 12, URL: "https://example.org/ä?q=(1)"},
		},
		Anchors: []layout.Anchor{{ID: "intro", Y: 40}},
	}
	p2 := &layout.Page{Number: 2, Label: "2", Width: 420, Height: 595,
		Items: []layout.Item{
			&layout.ImageItem{X: 40, Y: 40, W: 160, H: 80, Key: "gradient"},
			&layout.ImageItem{X: 220, Y: 40, W: 160, H: 80, Key: "masked"},
			&layout.ImageItem{X: 40, Y: 140, W: 80, H: 80, Key: "gradient"},
			text(40, 260, fonts.Mono, fonts.Regular, "func main() {}"),
			text(40, 280, fonts.Mono, fonts.Italic, "x := 1"),
		},
	}
	p3 := &layout.Page{Number: 3, Label: "3", Width: 420, Height: 595,
		Items: []layout.Item{
			&layout.Text{X: 40, Y: 60, Font: layoutRef(fonts.Sans, fonts.Bold), Size: 14, Text: "The End"},
			text(40, 90, fonts.Serif, fonts.Regular, "Back to the start."),
		},
		Links:   []layout.LinkArea{{X: 40, Y: 80, W: 100, H: 12, Dest: "intro"}},
		Anchors: []layout.Anchor{{ID: "last", Y: 40}},
	}
	ld := &layout.Document{
		Pages: []*layout.Page{p1, p2, p3},
		Bookmarks: []layout.Bookmark{
			{Title: "Introduction", Level: 0, Page: 1, Y: 40},
			{Title: "Ελληνικά", Level: 2, Page: 1, Y: 150}, // clamped to 1
			{Title: "The End", Level: 0, Page: 3, Y: 40},
		},
		Images: []*layout.ImageData{
			{Key: "gradient", Type: "png", Data: pngImage(t, 40, 20, false), Width: 40, Height: 20},
			{Key: "masked", Type: "png", Data: pngImage(t, 40, 20, true), Width: 40, Height: 20},
		},
	}
	meta := doc.Meta{
		Title:       "Galley Handout — Ελληνικά",
		Authors:     []string{"Ada Lovelace", "Nguyễn Văn A"},
		Description: "A test of the PDF adapter",
		Keywords:    []string{"pdf", "fonts", "test"},
		Lang:        "vi",
	}
	if err := layout.Shape(ld, meta.Lang); err != nil {
		t.Fatal(err)
	}
	return ld, meta
}

func draw(t *testing.T) []byte {
	t.Helper()
	ld, meta := sample(t)
	out, err := Draw(ld, &doc.Document{Meta: meta}, modified)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// lines splits page text into its non-empty trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestDrawValidates(t *testing.T) {
	r := validate.PDF(t, writeTemp(t, draw(t)))

	if r.Pages != 3 {
		t.Errorf("pages = %d, want 3", r.Pages)
	}
	wantInfo := map[string]string{
		"Title":        "Galley Handout — Ελληνικά",
		"Author":       "Ada Lovelace, Nguyễn Văn A",
		"Subject":      "A test of the PDF adapter",
		"Keywords":     "pdf, fonts, test",
		"Creator":      "galley",
		"Producer":     "galley",
		"CreationDate": "2024-03-01T12:30:45Z",
		"ModDate":      "2024-03-01T12:30:45Z",
		"Page size":    "420 x 595 pts (A5)",
	}
	for k, want := range wantInfo {
		if got := r.Info[k]; got != want {
			t.Errorf("pdfinfo %s = %q, want %q", k, got, want)
		}
	}

	var names []string
	for _, f := range r.Fonts {
		_, base, _ := strings.Cut(f.Name, "+")
		names = append(names, base)
		if f.Type != "CID TrueType" || !f.Unicode {
			t.Errorf("font %s: type %q, unicode %v", f.Name, f.Type, f.Unicode)
		}
	}
	slices.Sort(names)
	wantFonts := []string{"NotoSans-Bold", "NotoSans-Regular", "NotoSansMono-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-Regular"}
	if !slices.Equal(names, wantFonts) {
		t.Errorf("fonts = %q, want %q", names, wantFonts)
	}

	wantText := [][]string{
		{"Galley Handout", "Hello, world (and \\ friends).", "Tiếng Việt có dấu: đường phố.", "Καλημέρα κόσμε", "Привет, мир", "See the last page.", "Visit example.org."},
		{"func main() {}", "x := 1"},
		{"The End", "Back to the start."},
	}
	for i, want := range wantText {
		if got := lines(r.PageText(i + 1)); !slices.Equal(got, want) {
			t.Errorf("page %d text = %q, want %q", i+1, got, want)
		}
	}
}

// qpdfJSON is the part of `qpdf --json` output the structure test reads;
// objectJSON is one object of it.
type qpdfJSON struct {
	Pages []struct {
		Object string `json:"object"`
	} `json:"pages"`
	Outlines []outlineJSON     `json:"outlines"`
	QPDF     []json.RawMessage `json:"qpdf"` // a header, then the objects
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Dest  []any         `json:"dest"`
	Kids  []outlineJSON `json:"kids"`
}

// objectJSON is one object in qpdf's JSON.
type objectJSON struct {
	Value map[string]any `json:"value"`
}

// readStructure parses qpdf's JSON description of a PDF file.
func readStructure(t *testing.T, path string) (qpdfJSON, map[string]objectJSON) {
	t.Helper()
	validate.RequireTool(t, "qpdf")
	out, err := exec.Command("qpdf", "--json", "--json-key=pages", "--json-key=outlines", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j qpdfJSON
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatal(err)
	}
	if len(j.QPDF) != 2 {
		t.Fatalf("qpdf JSON has %d parts under qpdf, want 2", len(j.QPDF))
	}
	objs := map[string]objectJSON{}
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	return j, objs
}

func TestDrawStructure(t *testing.T) {
	j, objs := readStructure(t, writeTemp(t, draw(t)))
	if len(j.Pages) != 3 {
		t.Fatalf("%d pages", len(j.Pages))
	}
	page1, page3 := j.Pages[0].Object, j.Pages[2].Object

	// Outline: the level-2 entry was clamped under "Introduction".
	got, _ := json.Marshal(j.Outlines)
	want := fmt.Sprintf(`[{"title":"Introduction","destpageposfrom1":1,"dest":["%[1]s","/XYZ",0,555,null],`+
		`"kids":[{"title":"Ελληνικά","destpageposfrom1":1,"dest":["%[1]s","/XYZ",0,445,null],"kids":[]}]},`+
		`{"title":"The End","destpageposfrom1":3,"dest":["%[2]s","/XYZ",0,555,null],"kids":[]}]`, page1, page3)
	if string(got) != want {
		t.Errorf("outline\n got %s\nwant %s", got, want)
	}

	// Catalog: language, and the outline panel open.
	trailer := objs["trailer"].Value
	root := objs["obj:"+trailer["/Root"].(string)].Value
	if root["/Lang"] != "u:vi" || root["/PageMode"] != "/UseOutlines" {
		t.Errorf("catalog /Lang %v, /PageMode %v", root["/Lang"], root["/PageMode"])
	}

	// Links: page 1 to page 3's anchor and to a URL (percent-encoded),
	// page 3 back to page 1; top-left y 190, height 12 → PDF y 405…393.
	annots := func(page string) string { return annotations(objs, page) }
	want1 := `[{"/Border":[0,0,0],"/Contents":"u:Go to last","/Dest":"u:last","/Rect":[40,393,140,405],"/StructParent":3,"/Subtype":"/Link","/Type":"/Annot"},` +
		`{"/A":{"/S":"/URI","/URI":"u:https://example.org/%C3%A4?q=(1)"},"/Border":[0,0,0],"/Contents":"u:https://example.org/ä?q=(1)","/Rect":[40,373,140,385],"/StructParent":4,"/Subtype":"/Link","/Type":"/Annot"}]`
	if got := annots(page1); got != want1 {
		t.Errorf("page 1 links\n got %s\nwant %s", got, want1)
	}
	if got := annots(j.Pages[1].Object); got != "null" {
		t.Errorf("page 2 links %s, want none", got)
	}
	if got := annots(page3); !strings.Contains(got, `"/Dest":"u:intro"`) {
		t.Errorf("page 3 links %s, want one to page 1", got)
	}
	// The named destinations: each anchor's page and height.
	names := objs["obj:"+root["/Names"].(map[string]any)["/Dests"].(string)].Value["/Names"]
	got, _ = json.Marshal(names)
	wantNames := fmt.Sprintf(`["u:intro",["%s","/XYZ",0,555,null],"u:last",["%s","/XYZ",0,555,null]]`, page1, page3)
	if string(got) != wantNames {
		t.Errorf("named destinations\n got %s\nwant %s", got, wantNames)
	}
}

// annotations returns a page's annotations, each object in full.
func annotations(objs map[string]objectJSON, page string) string {
	refs, _ := objs["obj:"+page].Value["/Annots"].([]any)
	if refs == nil {
		return "null"
	}
	var list []any
	for _, r := range refs {
		list = append(list, objs["obj:"+r.(string)].Value)
	}
	b, _ := json.Marshal(list)
	return string(b)
}

func TestDrawIsReproducible(t *testing.T) {
	first := draw(t)
	for range 5 {
		if !bytes.Equal(first, draw(t)) {
			t.Fatal("two draws of the same document differ")
		}
	}
	if !bytes.Contains(validate.Objects(t, first), []byte("/CreationDate(D:20240301123045Z)")) {
		t.Error("CreationDate is not the given modification time")
	}
}

func TestZeroModifiedIs1980(t *testing.T) {
	ld, meta := sample(t)
	out, err := Draw(ld, &doc.Document{Meta: meta}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(validate.Objects(t, out), []byte("/ModDate(D:19800101000000Z)")) {
		t.Error("zero time does not give 1980-01-01")
	}
}

func TestDrawErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*layout.Document)
		want   string
	}{
		{"unknown font", func(ld *layout.Document) {
			ld.Pages[0].Items = append(ld.Pages[0].Items, &layout.Text{Font: layoutRef(fonts.Mono+9, 0), Size: 9, Text: "x",
				Glyphs: []layout.Glyph{{ID: 3, Advance: 500}}})
		}, "unknown font family"},
		{"unknown dest", func(ld *layout.Document) {
			ld.Pages[1].Links = append(ld.Pages[1].Links, layout.LinkArea{X: 1, Y: 1, W: 5, H: 5, Dest: "nowhere"})
		}, `page 2: link to unknown anchor "nowhere"`},
		{"unknown image", func(ld *layout.Document) {
			ld.Pages[1].Items = append(ld.Pages[1].Items, &layout.ImageItem{X: 1, Y: 1, W: 5, H: 5, Key: "missing"})
		}, `image "missing" is not in the document's images`},
		{"bad image data", func(ld *layout.Document) {
			ld.Images[0].Data = []byte("not a png")
		}, `image "gradient"`},
		{"bookmark page", func(ld *layout.Document) {
			ld.Bookmarks = append(ld.Bookmarks, layout.Bookmark{Title: "x", Page: 4})
		}, "page 4 is not in the document"},
		{"no pages", func(ld *layout.Document) { ld.Pages = nil }, "no pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ld, meta := sample(t)
			tt.change(ld)
			out, err := Draw(ld, &doc.Document{Meta: meta}, modified)
			if err == nil {
				t.Fatalf("no error; %d bytes of output", len(out))
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "pdf: ") {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestMixedPageSizes checks that bookmarks and links land at the right
// height on a page whose size differs from the others (a cover, say).
func TestMixedPageSizes(t *testing.T) {
	ld, meta := sample(t)
	ld.Pages[0].Width, ld.Pages[0].Height = 500, 700
	out, err := Draw(ld, &doc.Document{Meta: meta}, modified)
	if err != nil {
		t.Fatal(err)
	}
	j, objs := readStructure(t, writeTemp(t, out))
	// Bookmark at y 40 on the 700 pt page 1 → 660; on the 595 pt page 3 → 555.
	if got := j.Outlines[0].Dest[3]; got != 660.0 {
		t.Errorf("page 1 bookmark y = %v, want 660", got)
	}
	if got := j.Outlines[1].Dest[3]; got != 555.0 {
		t.Errorf("page 3 bookmark y = %v, want 555", got)
	}
	// The link on page 3 goes to the anchor at y 40 on page 1.
	root := objs["obj:"+objs["trailer"].Value["/Root"].(string)].Value
	names, _ := json.Marshal(objs["obj:"+root["/Names"].(map[string]any)["/Dests"].(string)].Value["/Names"])
	if want := fmt.Sprintf(`"u:intro",["%s","/XYZ",0,660,null]`, j.Pages[0].Object); !strings.Contains(string(names), want) {
		t.Errorf("named destinations %s, want %s", names, want)
	}
	// Each page has its own box.
	if box, _ := json.Marshal(objs["obj:"+j.Pages[0].Object].Value["/MediaBox"]); string(box) != "[0,0,500,700]" {
		t.Errorf("page tree MediaBox %s", box)
	}
	if box, _ := json.Marshal(objs["obj:"+j.Pages[2].Object].Value["/MediaBox"]); string(box) != "[0,0,420,595]" {
		t.Errorf("page 3 MediaBox %s", box)
	}
}

// TestAwkwardMetadata checks that awkward metadata (characters outside the
// BMP, invalid UTF-8, a malformed language tag) is kept or replaced, never
// fatal, and that bookmarks on a document without text keep their Unicode
// titles.
func TestAwkwardMetadata(t *testing.T) {
	grey := layout.RGB{R: 200, G: 200, B: 200}
	ld := &layout.Document{
		Pages: []*layout.Page{{Number: 1, Width: 300, Height: 300,
			Items: []layout.Item{&layout.Rect{X: 10, Y: 10, W: 100, H: 100, Fill: &grey}}}},
		Bookmarks: []layout.Bookmark{{Title: "Über 😀", Level: 3, Page: 1, Y: 10}},
	}
	meta := doc.Meta{Title: "Smile 😀", Authors: []string{"bad \xff byte"}, Lang: "en) /Evil (x"}
	out, err := Draw(ld, &doc.Document{Meta: meta}, modified)
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, out)
	r := validate.PDF(t, path)
	if r.Info["Title"] != "Smile 😀" || r.Info["Author"] != "bad \uFFFD byte" {
		t.Errorf("pdfinfo Title %q, Author %q", r.Info["Title"], r.Info["Author"])
	}
	j, objs := readStructure(t, path)
	if len(j.Outlines) != 1 || j.Outlines[0].Title != "Über 😀" {
		t.Errorf("outline %+v", j.Outlines)
	}
	root := objs["obj:"+objs["trailer"].Value["/Root"].(string)].Value
	if root["/Lang"] != "u:en" {
		t.Errorf("catalog /Lang %v, want en", root["/Lang"])
	}
}

// TestImposedPagesAreForms imposes the sample two-up: each of its three
// pages becomes one form, drawn on the sheets, with its text, fonts and
// links kept.
func TestImposedPagesAreForms(t *testing.T) {
	ld, meta := sample(t)
	ld.Paper = layout.A5()
	sheets, err := layout.Impose(ld, layout.TwoUp, layout.A4())
	if err != nil {
		t.Fatal(err)
	}
	out, err := Draw(sheets, &doc.Document{Meta: meta}, modified)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("/Type/XObject/Subtype/Form")); n != 3 {
		t.Errorf("%d forms, want one for each of the 3 pages", n)
	}
	r := validate.PDF(t, writeTemp(t, out))
	if r.Pages != 2 {
		t.Errorf("%d sheets, want 2", r.Pages)
	}
	for _, want := range []string{"Galley Handout", "Привет, мир", "func main() {}", "Back to the start."} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("the sheets' text lacks %q:\n%s", want, r.Text)
		}
	}
	j, objs := readStructure(t, writeTemp(t, out))
	if got := annotations(objs, j.Pages[0].Object); !strings.Contains(got, `"/Dest":"u:last"`) || !strings.Contains(got, "example.org") {
		t.Errorf("sheet 1 links %s", got)
	}
}

// TestPNGPassthrough draws opaque 8-bit PNGs (RGB, gray, palette) whose
// data goes into the PDF as it is, and reads them back with pdfimages:
// the pixels are the same.
func TestPNGPassthrough(t *testing.T) {
	validate.RequireTool(t, "pdfimages")
	rgb := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	gray := image.NewGray(image.Rect(0, 0, 30, 20))
	var colors color.Palette // more than 16 colours: 8 bits a pixel
	for i := range 20 {
		colors = append(colors, color.RGBA{uint8(i * 12), 10, uint8(250 - i*12), 255})
	}
	pal := image.NewPaletted(image.Rect(0, 0, 30, 20), colors)
	for y := range 20 {
		for x := range 30 {
			rgb.SetNRGBA(x, y, color.NRGBA{uint8(x * 8), uint8(y * 12), 90, 255})
			gray.SetGray(x, y, color.Gray{uint8(x*4 + y*3)})
			pal.SetColorIndex(x, y, uint8((x+y)%20))
		}
	}
	images := []image.Image{rgb, gray, pal}
	ld := &layout.Document{Pages: []*layout.Page{{Number: 1, Width: 300, Height: 300}}}
	for i, img := range images {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		key := fmt.Sprintf("img%d", i)
		ld.Images = append(ld.Images, &layout.ImageData{Key: key, Type: "png", Data: buf.Bytes(), Width: 30, Height: 20})
		ld.Pages[0].Items = append(ld.Pages[0].Items, &layout.ImageItem{X: 10, Y: float64(10 + 40*i), W: 60, H: 40, Key: key})
	}
	out, err := Draw(ld, &doc.Document{}, modified)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("/Predictor 15")); n != 3 {
		t.Errorf("%d images passed through, want 3", n)
	}
	dir := t.TempDir()
	path := writeTemp(t, out)
	if msg, err := exec.Command("pdfimages", "-png", path, filepath.Join(dir, "x")).CombinedOutput(); err != nil {
		t.Fatalf("pdfimages: %v\n%s", err, msg)
	}
	for i, want := range images {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("x-%03d.png", i)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for y := range 20 {
			for x := range 30 {
				r1, g1, b1, _ := got.At(x, y).RGBA()
				r2, g2, b2, _ := want.At(x, y).RGBA()
				if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 {
					t.Fatalf("image %d, pixel %d,%d: %d,%d,%d, want %d,%d,%d", i, x, y, r1>>8, g1>>8, b1>>8, r2>>8, g2>>8, b2>>8)
				}
			}
		}
	}
}

// TestDrawCancelled: the drawing stops at its next page once cancelled.
func TestDrawCancelled(t *testing.T) {
	ld, meta := sample(t)
	closed := make(chan struct{})
	close(closed)
	if _, err := drawUntil(ld, &doc.Document{Meta: meta}, drawing{cancel: closed, tagged: true}); !errors.Is(err, context.Canceled) {
		t.Errorf("draw: %v, want context.Canceled", err)
	}
}
