package export

import (
	"bytes"
	"encoding/base64"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/fonts"

	"github.com/galley-pub/galley/internal/validate"
)

// buildRobust builds testdata/robust/name.md into a temporary directory
// and returns the result, the EPUB's chapter files joined, and the PDF's
// path.
func buildRobust(t *testing.T, name string) (res *Result, chapters []byte, pdfPath, epubPath string) {
	t.Helper()
	dir := t.TempDir()
	res, err := newBuilder(t).Build(filepath.Join("testdata", "robust", name+".md"), testOptions(dir))
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	epubPath = filepath.Join(dir, name+".epub")
	for fname, data := range readZip(t, epubPath) {
		if strings.HasPrefix(fname, "EPUB/chapter-") {
			chapters = append(chapters, data...)
		}
		if strings.HasSuffix(fname, ".xhtml") {
			if err := wellFormed(data); err != nil {
				t.Errorf("%s is not well-formed XML: %v", fname, err)
			}
		}
	}
	return res, chapters, filepath.Join(dir, name+".pdf"), epubPath
}

func diagnosticStrings(res *Result) string {
	var b strings.Builder
	for _, d := range res.Diagnostics {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestCharacters builds a document with a byte-order mark, CRLF line
// ends, NUL, control characters, invalid UTF-8, characters outside the
// BMP, right-to-left text and zero-width characters.
func TestCharacters(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	res, chapters, pdfPath, epubPath := buildRobust(t, "characters")
	if res.Title != "Characters" {
		t.Errorf("title %q: the front matter after the byte-order mark and with CRLF was not read", res.Title)
	}
	diags := diagnosticStrings(res)
	for _, want := range []string{
		"characters.md:7:43: warning: 5 characters replaced with U+FFFD: NUL, control character U+0001, control character U+0007, control character U+001B",
		"characters.md:9:16: warning: 4 characters replaced with U+FFFD: invalid UTF-8",
		"characters.md:17:23: warning: 1 character replaced with U+FFFD: NUL",
		"characters.md:23:9: warning: 1 character replaced with U+FFFD: NUL",
		"characters.md:26:9: warning: 1 character replaced with U+FFFD: control character U+0001",
	} {
		if !strings.Contains(diags, want) {
			t.Errorf("no diagnostic %q in:\n%s", want, diags)
		}
	}
	// Arabic is in no embedded face: drawn from a system font when one has
	// it, else reported.
	arabic := `characters.md:13:16: warning: no font draws 7 Arabic characters`
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	set, _, err := b.fonts.WithFallbacks(fonts.FallbackOptions{System: true}, []rune{'ا'})
	if err != nil {
		t.Fatal(err)
	}
	if covered := set.Covers('ا'); covered == strings.Contains(diags, arabic) {
		t.Errorf("a system font covers Arabic: %v; yet the diagnostics say %q:\n%s", covered, arabic, diags)
	}
	// The e-book keeps every character a reader can show and replaces the
	// rest; no control character reaches the XML.
	for _, want := range []string{"😀", "𝔸", "𠮷", "👨\u200d👩\u200d👧", "العربية", "עברית", "\u200f\u202e reversed\u202c", "\u2067isolate\u2069", "a\u200bb", "e\u0301", "a NUL here: \uFFFD and controls \uFFFD\uFFFD\uFFFD[31m\uFFFD.", "Invalid UTF-8: \uFFFD and a cut sequence \uFFFD."} {
		if !bytes.Contains(chapters, []byte(want)) {
			t.Errorf("the EPUB lacks %q", want)
		}
	}
	if regexp.MustCompile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]").Match(chapters) {
		t.Error("a control character reached the EPUB")
	}
	// The PDF prints what its fonts have, an empty box (with the
	// character kept for copying) for the rest, and passes the checkers.
	r := validate.PDF(t, pdfPath)
	text := normalizeSpace(r.Text)
	if strings.Contains(text, "?") {
		t.Errorf("the PDF prints a character as \"?\":\n%s", text)
	}
	for _, want := range []string{"Outside the BMP: 😀 𝔸 𠮷", "Right to left:", "combining", "CRLF line endings throughout"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q:\n%s", want, text)
		}
	}
	validate.EPUBCheck(t, epubPath)
}

// TestRawHTML checks the e-book sanitises raw HTML (no script, no event
// attribute, no javascript: URL) and the PDF prints its text or drops it.
func TestRawHTML(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	res, chapters, pdfPath, epubPath := buildRobust(t, "rawhtml")
	for _, bad := range []string{`<script`, `<iframe`, `<form`, `<style`, `<svg`, `href="javascript`, `href=" javascript`, `src="javascript`, "data:text/html"} {
		if bytes.Contains(bytes.ToLower(chapters), []byte(bad)) {
			t.Errorf("the EPUB holds %q", bad)
		}
	}
	if m := regexp.MustCompile(`(?i)\son[a-z]+\s*=`).Find(chapters); m != nil {
		t.Errorf("the EPUB holds an event attribute %q", m)
	}
	// A div of paragraphs is a div node (its event and style attributes
	// gone), a simple HTML table a table node: a header, cells with
	// their markup.
	for _, want := range []string{"<div class=\"box\">\n<p>Inside a div", "<strong>bold</strong>", `<th scope="col">Key</th>`, "<td><kbd>Ctrl</kbd>+<kbd>C</kbd></td>"} { // <b> is read as strong, as pandoc does
		if !bytes.Contains(chapters, []byte(want)) {
			t.Errorf("the EPUB lacks the harmless HTML %q", want)
		}
	}
	diags := diagnosticStrings(res)
	for _, want := range []string{
		"rawhtml.md:6:1: warning: raw HTML <script> is not allowed in the e-book; it is left out",
		`rawhtml.md:26:1: warning: link "javascript:alert(7)" uses the unsupported scheme "javascript"`,
	} {
		if !strings.Contains(diags, want) {
			t.Errorf("no diagnostic %q in:\n%s", want, diags)
		}
	}
	text := normalizeSpace(validate.PDF(t, pdfPath).Text)
	if !strings.Contains(text, "Inside a div with a javascript link and a spaced one") || !strings.Contains(text, "Ctrl+C stops the build") {
		t.Errorf("the PDF lacks the text of the raw HTML:\n%s", text)
	}
	if strings.Contains(text, `alert("block")`) || strings.Contains(text, "<div") {
		t.Errorf("the PDF prints a script or a tag:\n%s", text)
	}
	validate.EPUBCheck(t, epubPath)
}

// TestScriptLinks: a javascript: link is left out of both outputs, its
// text kept, with one warning: no /URI action in the PDF, no href in the
// EPUB; a web link beside it stays a link in both.
func TestScriptLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	res, err := buildSource(t, dir, "# Doc\n\n[click me](javascript:alert(1)) and [the web](https://example.org/page).\n")
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, d := range res.Diagnostics {
		warned = append(warned, d.String())
	}
	if len(warned) != 1 || !strings.Contains(warned[0], `doc.md:3:1: warning: link "javascript:alert(1)" uses the unsupported scheme "javascript"`) {
		t.Errorf("diagnostics %q", warned)
	}
	validate.RequireTool(t, "qpdf")
	pdf := filepath.Join(dir, "out", "doc.pdf")
	raw := []byte(uncompressedPDF(t, pdf))
	if bytes.Contains(bytes.ToLower(raw), []byte("javascript")) || !bytes.Contains(raw, []byte("/URI (https://example.org/page)")) {
		t.Errorf("the PDF's link actions: javascript present %v, web link present %v",
			bytes.Contains(bytes.ToLower(raw), []byte("javascript")), bytes.Contains(raw, []byte("/URI (https://example.org/page)")))
	}
	epubText := epubBodyText(t, filepath.Join(dir, "out", "doc.epub"))
	if !strings.Contains(epubText, "click me") {
		t.Error("the link's text is lost in the EPUB")
	}
	xhtml := epubRaw(t, filepath.Join(dir, "out", "doc.epub"))
	if strings.Contains(xhtml, "javascript") || !strings.Contains(xhtml, `href="https://example.org/page"`) {
		t.Errorf("EPUB links:\n%s", xhtml)
	}
}

// epubRaw is every XHTML file of an EPUB, as written, in name order.
func epubRaw(t *testing.T, path string) string {
	t.Helper()
	files := readZip(t, path)
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasSuffix(name, ".xhtml") {
			b.Write(files[name])
		}
	}
	return b.String()
}

// hostileSVG has what an SVG image must not bring into a book: a DOCTYPE
// (37 EPUBCheck errors on a real book), a script, an onload handler, a
// javascript: link and an external image.
const hostileSVG = `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50" viewBox="0 0 100 50" onload="alert(1)">
<script>alert(2)</script>
<a xlink:href="javascript:alert(3)"><rect width="100" height="50" fill="#2a6"/></a>
<image xlink:href="https://tracker.example/pixel.png" width="1" height="1"/>
<text x="5" y="20">Label</text>
<text x="5" y="40" transform="skewX(30)">Skewed</text>
<text><textPath href="#curve">Curved</textPath></text>
</svg>
`

// TestSVGRelativeSizeAndRasters: an SVG image sized "100%" by "100%" with
// a view box (the Embedded Rust book's rust_layers.svg, from a drawing
// program) is drawn at its view box's size, not refused as sizeless. Its
// <image> elements are drawn in the PDF as images of their own, one in
// its definitions where a <use> names it; a turned one, which the PDF
// does not draw, is a warning at the image, and the EPUB keeps them all.
func TestSVGRelativeSizeAndRasters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pixel := base64.StdEncoding.EncodeToString(pngBytes(t, 2, 2))
	wide := base64.StdEncoding.EncodeToString(pngBytes(t, 3, 1))
	writeFile(t, dir, "layers.svg", `<?xml version="1.0" encoding="UTF-8" standalone="no"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">`+
		`<svg width="100%" height="100%" viewBox="0 0 400 200" version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`+
		`<use xlink:href="#shadow" x="10" y="10"/><rect x="20" y="20" width="300" height="100" fill="#2a6"/>`+
		`<image transform="rotate(20)" width="30" height="10" xlink:href="data:image/png;base64,`+wide+`"/>`+
		`<defs><image id="shadow" width="300" height="100" xlink:href="data:image/png;base64,`+pixel+`"/></defs></svg>`)
	res, err := buildSource(t, dir, "# Doc\n\n![Layers](layers.svg)\n")
	if err != nil {
		t.Fatalf("%v\n%s", err, diagnosticStrings(res))
	}
	want := `doc.md:3:1: warning: image "layers.svg": the PDF leaves out 1 of the raster images (<image> elements) inside this SVG image (turned or skewed, cropped, not a PNG, JPEG or GIF in a data: URL, or over the image limits); the EPUB has them`
	if got := diagnosticStrings(res); !strings.Contains(got, want) || strings.Contains(got, "placeholder") {
		t.Errorf("diagnostics (the image drawn, not a placeholder):\n%s\nwant %s", got, want)
	}
	// The drawing is a form; the 2×2 picture an image, the turned 3×1 none.
	list := command(t, "pdfimages", "-list", filepath.Join(dir, "out", "doc.pdf"))
	if !regexp.MustCompile(`(?m)^\s*1\s+\d+\s+image\s+2\s+2\s`).MatchString(list) || strings.Contains(list, " 3     1 ") {
		t.Errorf("the PDF's images should be the 2×2 picture alone:\n%s", list)
	}
	validate.EPUBCheck(t, filepath.Join(dir, "out", "doc.epub"))
}

// TestHostileSVG: the SVG reaches both outputs cleaned, with one warning
// at the image naming what was left out; the PDF sets its text as text,
// skewed text too, but not its text on a path that is not there, which is a warning; the EPUB passes
// EPUBCheck. A malformed SVG is an error at its image, and nothing is
// written.
func TestHostileSVG(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "chart.svg", hostileSVG)
	res, err := buildSource(t, dir, "# Doc\n\n![A green box](chart.svg)\n")
	if err != nil {
		t.Fatal(err)
	}
	want := `doc.md:3:1: warning: image "chart.svg": left out of the SVG image: event handler attribute, script, javascript: link, external reference`
	// The PDF sets the text, skewed too, but not on a path it cannot find.
	textWarning := `doc.md:3:1: warning: image "chart.svg": the PDF leaves out 1 of this SVG image's text elements (on a path it cannot read, after a text path, or flattened by a transform); the EPUB has them`
	if got := diagnosticStrings(res); !strings.Contains(got, want) || !strings.Contains(got, textWarning) {
		t.Errorf("diagnostics:\n%s\nwant %s\nand %s", got, want, textWarning)
	}
	if text := command(t, "pdftotext", filepath.Join(dir, "out", "doc.pdf"), "-"); !strings.Contains(text, "Label") || !strings.Contains(text, "Skewed") || strings.Contains(text, "Curved") {
		t.Errorf("the PDF's text should hold the SVG's Label and its skewed text, not its text on a path:\n%s", text)
	}
	epubPath := filepath.Join(dir, "out", "doc.epub")
	for name, data := range readZip(t, epubPath) {
		if !strings.HasPrefix(name, "EPUB/images/img-") {
			continue // the cover's art
		}
		for _, bad := range []string{"DOCTYPE", "alert", "onload", "javascript", "tracker.example"} {
			if strings.Contains(string(data), bad) {
				t.Errorf("the EPUB's %s still has %q:\n%s", name, bad, data)
			}
		}
		if !strings.Contains(string(data), `fill="#2a6"`) {
			t.Errorf("the EPUB's %s lost the drawing:\n%s", name, data)
		}
	}
	validate.EPUBCheck(t, epubPath)

	bad := t.TempDir()
	writeFile(t, bad, "chart.svg", `<svg xmlns="http://www.w3.org/2000/svg"><g></svg>`)
	res, err = buildSource(t, bad, "# Doc\n\n![A box](chart.svg)\n")
	requireRefused(t, bad, res, err, filepath.Join(bad, "doc.md")+":3:1", "not a well-formed SVG image")
}

// TestMath builds formulas where they can be (headings, links, table
// cells, list items, quotes, callouts, notes) and formulas a reader may
// get wrong (unbalanced braces, empty parts, deep nesting, a matrix
// wider than the page, unknown colours): both outputs pass their
// validators, each formula is in the e-book as MathML, and what cannot
// be set is warned of at its formula.
func TestMath(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	res, chapters, pdfPath, epubPath := buildRobust(t, "math")
	validate.PDF(t, pdfPath)
	validate.EPUBCheck(t, epubPath)
	if n := strings.Count(string(chapters), "<math "); n < 20 {
		t.Errorf("%d formulas in the e-book's chapters as MathML, want every one", n)
	}
	// The unknown colours are warned of at their formula; nothing else is,
	// but on a system with no face for some symbol (fonts-noto-core has
	// Noto Sans Math), that symbol.
	want := `testdata/robust/math.md:19:3: warning: TeX math: galley does not know colour "", colour "nope", colour "#12"; a command is printed as written, a colour not applied`
	found := false
	for _, d := range res.Diagnostics {
		switch s := d.String(); {
		case strings.HasSuffix(s, want):
			found = true
		case !strings.Contains(s, "no font draws"):
			t.Errorf("diagnostic %s", s)
		}
	}
	if !found {
		t.Errorf("no warning %s", want)
	}
}
