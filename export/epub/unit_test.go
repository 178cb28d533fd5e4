package epub

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// renderFiles renders d and returns its text files by base name, after checking
// that each is well-formed XML.
func renderFiles(t *testing.T, d *doc.Document, opts Options) (map[string]string, []string) {
	t.Helper()
	var diags diag.List
	out, err := Render(d, opts, &diags)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	files := map[string]string{}
	for _, f := range unzip(t, out) {
		if !isText(f.Name) {
			continue
		}
		data := readEntry(t, f)
		if ext := path.Ext(f.Name); ext == ".xhtml" || ext == ".opf" || ext == ".ncx" {
			wellFormed(t, f.Name, data)
		}
		files[path.Base(f.Name)] = string(data)
	}
	var msgs []string
	for _, dg := range diags.Items() {
		msgs = append(msgs, dg.String())
	}
	return files, msgs
}

func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v\n%s", name, err, data)
		}
	}
}

func mustContain(t *testing.T, name, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", name, w, text)
		}
	}
}

func TestNCName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"intro":      "intro",
		"2":          "id-2",
		"-x":         "id--x",
		"a b:c":      "a-b-c",
		"café-au-lé": "café-au-lé",
		"":           "id",
		"_under":     "_under",
	} {
		if got := ncName(in); got != want {
			t.Errorf("ncName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ data, want string }{
		{"\x89PNG\r\n\x1a\nrest", "image/png"},
		{"\xff\xd8\xff\xe0", "image/jpeg"},
		{"GIF89a...", "image/gif"},
		{"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"},
		{"\uFEFF<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml"},
		{"<svgx>", ""},
		{"hello", ""},
	} {
		if got := sniff([]byte(c.data)); got != c.want {
			t.Errorf("sniff(%q) = %q, want %q", c.data, got, c.want)
		}
	}
}

func TestEscapeXML(t *testing.T) {
	t.Parallel()
	got := escapeXML("a<b>&\"c\x00\x1f\tok\uFFFE\xff")
	if want := "a&#60;b&#62;&#38;&#34;c\tok"; got != want {
		t.Errorf("escapeXML = %q, want %q", got, want)
	}
}

// TestTOCNesting: a document starting at h2, and a jump from h1 to h3,
// nest validly; TOCDepth cuts deeper levels.
func TestTOCNesting(t *testing.T) {
	t.Parallel()
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
		heading(1, 2, "pre", "Before any chapter"),
		heading(2, 1, "one", "One"),
		heading(3, 3, "deep", "Deep"),
		heading(4, 4, "deeper", "Too deep"),
		heading(5, 2, "two", "Two"),
	}}
	d.Outline = outline(d)
	files, _ := renderFiles(t, d, Options{})
	nav := files["nav.xhtml"]
	mustContain(t, "nav", nav, `<ol>
<li><a href="chapter-1.xhtml#pre">Before any chapter</a></li>
<li><a href="chapter-2.xhtml#one">One</a>
<ol>
<li><a href="chapter-2.xhtml#deep">Deep</a></li>
<li><a href="chapter-2.xhtml#two">Two</a></li>
</ol>
</li>
</ol>`)
	if strings.Contains(nav, "Too deep") {
		t.Errorf("nav lists a level-4 heading with TOCDepth 3:\n%s", nav)
	}
	mustContain(t, "ncx", files["toc.ncx"], `<meta name="dtb:depth" content="2"/>`)
}

// TestSplitLevel: -1 keeps one file; 2 splits at h1 and h2.
func TestSplitLevel(t *testing.T) {
	t.Parallel()
	build := func() *doc.Document {
		d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
			heading(1, 1, "a", "A"), para(2, txt("x")), heading(3, 2, "b", "B"), para(4, txt("y")),
			heading(5, 1, "c", "C"),
		}}
		d.Outline = outline(d)
		return d
	}
	one, _ := renderFiles(t, build(), Options{Settings: options.EPUB{SplitLevel: -1}})
	two, _ := renderFiles(t, build(), Options{Settings: options.EPUB{SplitLevel: 2}})
	if _, ok := one["chapter-2.xhtml"]; ok {
		t.Errorf("SplitLevel -1 made more than one chapter")
	}
	mustContain(t, "chapter-1", one["chapter-1.xhtml"], `<h1 id="a">`, `<h2 id="b">`, `<h1 id="c">`)
	mustContain(t, "chapter-2", two["chapter-2.xhtml"], `<h2 id="b">B</h2>`)
	mustContain(t, "chapter-3", two["chapter-3.xhtml"], `<h1 id="c">C</h1>`)
}

// TestImageProblems: remote, escaping, missing and alt-less images are
// warnings at their positions, and the alt text is shown instead; a file
// that is not an image says what it is when that can be told.
func TestImageProblems(t *testing.T) {
	t.Parallel()
	img := func(line int, url, alt string) *doc.Image {
		return &doc.Image{Pos: at(line, 3), URL: url, Alt: alt}
	}
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
		para(1, img(1, "https://example.com/x.png", "remote")),
		para(2, img(2, "../secret.png", "outside")),
		para(3, img(3, "/etc/x.png", "absolute")),
		para(4, img(4, "missing.png", "missing")),
		para(5, img(5, "ok.gif", "")),
		para(6, img(6, "notimage.png", "text file")),
		para(7, img(7, "page.png", "web page")),
		para(8, img(8, "odd.png", "binary")),
	}}
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	files, msgs := renderFiles(t, d, Options{Resources: fstest.MapFS{
		"ok.gif": {Data: gif}, "notimage.png": {Data: []byte("hello")},
		"page.png": {Data: []byte("<!DOCTYPE html>\n<html>")}, "odd.png": {Data: []byte{0, 1, 2, 3}}}})
	want := []string{
		`test.md:1:3: warning: image "https://example.com/x.png" is remote; e-books carry their own images, so its alt text is shown instead`,
		`test.md:2:3: warning: image "../secret.png" is outside the document's directory; its alt text is shown instead`,
		`test.md:3:3: warning: image "/etc/x.png" is outside the document's directory; its alt text is shown instead`,
		`test.md:4:3: warning: image "missing.png" cannot be read (open missing.png: file does not exist); its alt text is shown instead`,
		`test.md:6:3: warning: image "notimage.png": the file is a text file, not a PNG, JPEG, GIF, SVG or WebP image; its alt text is shown instead`,
		`test.md:7:3: warning: image "page.png": the file is an HTML page, not a PNG, JPEG, GIF, SVG or WebP image; its alt text is shown instead`,
		`test.md:8:3: warning: image "odd.png" is not a PNG, JPEG, GIF, SVG or WebP image; its alt text is shown instead`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	ch := files["chapter-1.xhtml"]
	mustContain(t, "chapter-1", ch, `<span class="image-missing">remote</span>`,
		`<span class="image-missing">missing</span>`, `<img src="images/img-1.gif" alt=""/>`)
	opf := files["package.opf"]
	mustContain(t, "package.opf", opf, `<item id="img-1" href="images/img-1.gif" media-type="image/gif"/>`,
		`<meta property="schema:accessMode">visual</meta>`)
	if strings.Contains(opf, "alternativeText") {
		t.Errorf("alternativeText claimed with an image lacking alt text")
	}
	if strings.Contains(opf, "conformsTo") || strings.Contains(opf, "certifiedBy") {
		t.Errorf("a WCAG conformance claim with an image lacking alt text:\n%s", opf)
	}
	// Marked decorative, the same image needs no alt text, and the claim
	// stands.
	d.Blocks[4].(*doc.Paragraph).Content[0].(*doc.Image).Attr.Classes = []string{doc.DecorativeClass}
	files, _ = renderFiles(t, d, Options{Resources: fstest.MapFS{
		"ok.gif": {Data: gif}, "notimage.png": {Data: []byte("hello")}}})
	mustContain(t, "package.opf", files["package.opf"], `property="dcterms:conformsTo"`, `<meta property="schema:accessibilityFeature">alternativeText</meta>`)
}

// TestRawHTML: scripts, event handlers and unsafe URLs go; entities are
// resolved; inline tags stay balanced whatever the source does; a list
// holds only items.
func TestRawHTML(t *testing.T) {
	t.Parallel()
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
		&doc.RawHTML{Pos: at(1, 1), HTML: `<p onmouseover="x()">a&nbsp;b <iframe src="https://evil"></iframe><img src="x.png" alt="pic"><custom>kept text</custom></p><table><tr><td colspan="2" style="x">c</td></tr></table>`},
		para(3, &doc.Emphasis{Content: []doc.Inline{txt("e"), &doc.RawInline{HTML: "<sup>"}, txt("1")}},
			txt("after"), &doc.RawInline{HTML: "</sup>"}, &doc.RawInline{HTML: "<b><i>x</b>"}, txt("y")),
		&doc.Heading{Pos: at(5, 1), Level: 2, Content: []doc.Inline{&doc.RawInline{HTML: "<br>"}, txt("h")}},
		// What a list holds beside its items goes in an item of its own.
		&doc.RawHTML{Pos: at(7, 1), HTML: `<ul><p>first</p><li>a</li><ul><li>b</li></ul> <li>c</li></ul>`},
	}}
	files, msgs := renderFiles(t, d, Options{})
	ch := files["chapter-1.xhtml"]
	mustContain(t, "chapter-1", ch,
		"<p>a\u00a0b pickept text</p><table><tbody><tr><td colspan=\"2\">c</td></tr></tbody></table>",
		"<p><em>e<sup>1</sup></em>after<b><i>x</i></b>y</p>",
		"<h2><br/>h</h2>",
		"<ul><li><p>first</p></li><li>a</li><li><ul><li>b</li></ul> </li><li>c</li></ul>")
	for _, bad := range []string{"onmouseover", "iframe", "evil", "style=", "<img"} {
		if strings.Contains(ch, bad) {
			t.Errorf("chapter keeps %q:\n%s", bad, ch)
		}
	}
	if len(msgs) != 2 {
		t.Errorf("want warnings for the iframe and the raw image, got:\n%s", strings.Join(msgs, "\n"))
	}
}

// TestLinks: a link to a missing target or to a local file keeps its text
// and loses the link, without a warning of the e-book's own (the passes
// report both, once for both outputs); a footnote referenced from inside
// another footnote is placed with it.
func TestLinks(t *testing.T) {
	t.Parallel()
	inner := &doc.FootnoteDef{Label: "b", Number: 2, Blocks: []doc.Block{para(9, txt("inner"))}}
	outer := &doc.FootnoteDef{Label: "a", Number: 1, Blocks: []doc.Block{
		para(8, txt("outer"), &doc.FootnoteRef{Label: "b", Number: 2})}}
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Footnotes: []*doc.FootnoteDef{outer, inner}, Blocks: []doc.Block{
		para(1, &doc.Link{Pos: at(1, 1), URL: "#nowhere", Content: []doc.Inline{txt("lost")}},
			&doc.Link{Pos: at(1, 9), URL: "other.md", Content: []doc.Inline{txt("file")}},
			&doc.FootnoteRef{Pos: at(1, 20), Label: "a", Number: 1}),
	}}
	files, msgs := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"],
		`<p>lostfile<sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a></sup></p>`,
		`<p><a class="footnote-back" role="doc-backlink" href="#fnref-1">1.</a> outer<sup><a epub:type="noteref" role="doc-noteref" href="#fn-2" id="fnref-2">2</a></sup></p>`,
		`id="fn-2"`)
	if len(msgs) > 0 {
		t.Errorf("diagnostics (the passes report both links, once for both outputs):\n%s", strings.Join(msgs, "\n"))
	}
}

// TestEmptyDocument still makes a valid package: one chapter, a TOC entry.
func TestEmptyDocument(t *testing.T) {
	t.Parallel()
	files, _ := renderFiles(t, &doc.Document{}, Options{})
	mustContain(t, "nav", files["nav.xhtml"], `<li><a href="chapter-1.xhtml">Untitled</a></li>`)
	mustContain(t, "package.opf", files["package.opf"], `<dc:title id="title">Untitled</dc:title>`, `<dc:language>en</dc:language>`)
}

// TestWebPBecomesPNG: WebP is not a core media type of EPUB 3.0, so a WebP
// image is packed as PNG.
func TestWebPBecomesPNG(t *testing.T) {
	t.Parallel()
	// A 1×1 lossless WebP.
	webp, err := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
		&doc.Figure{Image: &doc.Image{URL: "dot.webp", Alt: "a dot"}},
	}}
	files, msgs := renderFiles(t, d, Options{Resources: fstest.MapFS{"dot.webp": {Data: webp}}})
	if len(msgs) != 0 {
		t.Errorf("unexpected diagnostics: %v", msgs)
	}
	mustContain(t, "package.opf", files["package.opf"], `<item id="img-1" href="images/img-1.png" media-type="image/png"/>`)
	mustContain(t, "chapter-1", files["chapter-1.xhtml"], `<img src="images/img-1.png" alt="a dot"/>`)
}

// TestCalloutTitles: an empty title gives the kind's default title.
func TestCalloutTitles(t *testing.T) {
	t.Parallel()
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
		&doc.Callout{Kind: "warning", Blocks: []doc.Block{para(1, txt("w"))}},
		&doc.Callout{Kind: "", Blocks: []doc.Block{para(2, txt("n"))}},
		&doc.Callout{Kind: "Odd kind", Title: []doc.Inline{&doc.Strong{Content: []doc.Inline{txt("Mine")}}}},
	}}
	files, _ := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"],
		"<aside role=\"note\" class=\"callout callout-warning\">\n<p class=\"callout-title\">Warning</p>\n<p>w</p>\n</aside>",
		"<aside role=\"note\" class=\"callout callout-note\">\n<p class=\"callout-title\">Note</p>",
		"<aside role=\"note\" class=\"callout callout-odd-kind\">\n<p class=\"callout-title\"><strong>Mine</strong></p>\n</aside>")
}

// TestEmbeddedFaces checks that the test book embeds exactly the faces its
// text is set in: serif regular (body), bold (definition term), italic
// (quotation, caption, cite), sans bold (headings, table header), mono
// (code) and mono bold (the code's keywords); no bold italic or sans
// regular.
func TestEmbeddedFaces(t *testing.T) {
	t.Parallel()
	d, opts := testBook(t)
	opts.Settings.EmbedFonts = true
	out, _ := render(t, d, opts)
	var got []string
	for _, f := range unzip(t, out) {
		if strings.HasPrefix(f.Name, "EPUB/fonts/") {
			got = append(got, strings.TrimPrefix(f.Name, "EPUB/fonts/"))
		}
	}
	want := "NotoSerif-Regular.ttf NotoSerif-Bold.ttf NotoSerif-Italic.ttf NotoSans-Bold.ttf NotoSansMono-Regular.ttf NotoSansMono-Bold.ttf"
	if strings.Join(got, " ") != want {
		t.Errorf("embedded fonts %v, want %s", got, want)
	}
}

// TestWordsInTheBooksLanguage: the e-book's own words (the contents'
// title, the landmarks, the notes, a callout's title) are in the
// document's language.
func TestWordsInTheBooksLanguage(t *testing.T) {
	t.Parallel()
	d := &doc.Document{Meta: doc.Meta{Title: "Cahier", Lang: "fr-FR"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Attr: doc.Attr{ID: "un"}, Content: []doc.Inline{txt("Un")}},
		&doc.Callout{Kind: "warning", Blocks: []doc.Block{para(1, txt("w"), &doc.FootnoteRef{Label: "n", Number: 1})}},
	}, Footnotes: []*doc.FootnoteDef{{Label: "n", Number: 1, Blocks: []doc.Block{para(2, txt("note"))}}}}
	files, _ := renderFiles(t, d, Options{Settings: options.EPUB{Footnotes: options.NotesPerBook}})
	mustContain(t, "nav", files["nav.xhtml"], "<title>Table des matières</title>", "Table des matières</h1>",
		`<li><a epub:type="toc" href="nav.xhtml#toc">Table des matières</a></li>`, ">Notes</a>")
	mustContain(t, "chapter-1", files["chapter-1.xhtml"], `<p class="callout-title">Avertissement</p>`)
}

// TestEmptyHeaderCell: a table's empty header cell (its corner, as the
// Cargo book writes one) is a td, not an empty th that Ace reports
// (empty-table-header); the other header cells stay th.
func TestEmptyHeaderCell(t *testing.T) {
	t.Parallel()
	cell := func(s string) *doc.TableCell {
		if s == "" {
			return &doc.TableCell{}
		}
		return &doc.TableCell{Content: []doc.Inline{txt(s)}}
	}
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{&doc.Table{
		Header: &doc.TableRow{Cells: []*doc.TableCell{cell(""), cell("Linux")}},
		Rows:   []*doc.TableRow{{Cells: []*doc.TableCell{cell("x86"), cell("")}}},
	}}}
	files, _ := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"],
		"<thead>\n<tr><td></td><th scope=\"col\">Linux</th></tr>\n</thead>",
		"<tbody>\n<tr><td>x86</td><td></td></tr>\n</tbody>")
}

// TestLargeChapterSplit: a chapter with more than maxChapterText of text
// (the Cargo book's reference, 811 KB of XHTML in one file) is cut at its
// level-2 headings, and a part still too large at its level-3 ones; links
// into the parts follow them. A large chapter with no heading to cut at,
// and a book asked for one file, stay whole.
func TestLargeChapterSplit(t *testing.T) {
	t.Parallel()
	words := strings.Repeat("word ", maxChapterText/5/2) // half the limit
	build := func() *doc.Document {
		d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
			heading(1, 1, "ref", "Reference"), para(2, &doc.Link{URL: "#deep", Content: []doc.Inline{txt("deep")}}),
			heading(3, 2, "a", "A"), para(4, txt(words)),
			heading(5, 2, "b", "B"), para(6, txt(words)), para(7, txt(words)),
			heading(8, 3, "deep", "Deep"), para(9, txt(words)),
			heading(10, 1, "long", "Long"), para(11, txt(words+words+words)),
		}}
		d.Outline = outline(d)
		return d
	}
	files, _ := renderFiles(t, build(), Options{})
	var names []string
	for name := range files {
		if strings.HasPrefix(name, "chapter-") {
			names = append(names, name)
		}
	}
	if len(names) != 5 {
		t.Errorf("%d chapter files, want 5 (Reference, A, B, Deep, Long): %v", len(names), names)
	}
	mustContain(t, "chapter-1", files["chapter-1.xhtml"], `<h1 id="ref">Reference</h1>`, `href="chapter-4.xhtml#deep"`)
	mustContain(t, "chapter-2", files["chapter-2.xhtml"], `<h2 id="a">A</h2>`)
	mustContain(t, "chapter-3", files["chapter-3.xhtml"], `<h2 id="b">B</h2>`)
	mustContain(t, "chapter-4", files["chapter-4.xhtml"], `<h3 id="deep">Deep</h3>`)
	mustContain(t, "chapter-5", files["chapter-5.xhtml"], `<h1 id="long">Long</h1>`)
	one, _ := renderFiles(t, build(), Options{Settings: options.EPUB{SplitLevel: -1}})
	if _, ok := one["chapter-2.xhtml"]; ok {
		t.Errorf("SplitLevel -1 made more than one chapter")
	}
}

// TestBlockDirections: a list, a quote, a callout, a paragraph and a
// details block's summary whose text starts in the other direction than
// where they are get dir, as the PDF sets them (GitHub writes them with
// dir="auto"); a list's items take its direction, a tight one's text too
// (a Hebrew name in an English list stays by its marker); what is
// already in its direction gets none, and the attribute is relative to
// the container (an English paragraph in an Arabic list of an English
// book is dir="ltr" again).
func TestBlockDirections(t *testing.T) {
	t.Parallel()
	item := func(bs ...doc.Block) *doc.ListItem { return &doc.ListItem{Blocks: bs} }
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{
		&doc.List{Kind: doc.BulletList, Tight: true, Items: []*doc.ListItem{item(para(1, txt("الـ Even More Knowledge"))), item(para(2, txt("Plain")))}},
		&doc.List{Kind: doc.BulletList, Items: []*doc.ListItem{item(para(3, txt("عنصر")), para(4, txt("An English paragraph")))}},
		&doc.List{Kind: doc.BulletList, Tight: true, Items: []*doc.ListItem{item(para(5, txt("English"))), item(para(6, txt("עברית")))}},
		&doc.BlockQuote{Blocks: []doc.Block{para(7, txt("اقتباس"))}},
		&doc.Callout{Kind: "note", Blocks: []doc.Block{para(8, txt("ملاحظة"))}},
		para(9, txt("فقرة")),
		&doc.Div{Title: []doc.Inline{txt("الترجمات:")}, Blocks: []doc.Block{para(10, txt("x"))}},
	}}
	files, _ := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"],
		"<ul dir=\"rtl\">\n<li>الـ Even More Knowledge</li>\n<li>Plain</li>\n</ul>",
		"<ul dir=\"rtl\">\n<li><p lang=\"ar\" xml:lang=\"ar\">عنصر</p>\n<p dir=\"ltr\">An English paragraph</p>",
		"<ul>\n<li>English</li>\n<li>עברית</li>\n</ul>",
		"<blockquote dir=\"rtl\">\n<p lang=\"ar\" xml:lang=\"ar\">اقتباس</p>",
		"<aside role=\"note\" class=\"callout callout-note\" dir=\"rtl\">",
		"<p lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">فقرة</p>",
		"<p class=\"summary\" lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"><strong>الترجمات:</strong></p>")
}

// TestDivDirection: a div's dir attribute is written, and what it holds
// inherits it, as the PDF sets it: its paragraphs and lists get no dir of
// their own whatever their text's direction, and after it the auto
// directions are back.
func TestDivDirection(t *testing.T) {
	t.Parallel()
	rtl := doc.Attr{KV: []doc.KV{{Key: "dir", Value: "rtl"}}}
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{
		&doc.Div{Attr: rtl, Blocks: []doc.Block{
			para(1, txt("English first, then عربي")),
			&doc.List{Kind: doc.BulletList, Items: []*doc.ListItem{{Blocks: []doc.Block{para(2, txt("An English item"))}}}},
		}},
		&doc.Div{Attr: doc.Attr{KV: []doc.KV{{Key: "dir", Value: "auto"}}}, Blocks: []doc.Block{para(3, txt("فقرة"))}},
	}}
	files, _ := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"],
		"<div dir=\"rtl\">\n<p>English first, then عربي</p>\n<ul>\n<li><p>An English item</p>",
		"<div>\n<p lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">فقرة</p>")
}

// TestAlignedDiv: a div's or a heading's align is a class of the
// stylesheet's, beside a div's own classes, as tables' column alignments
// are.
func TestAlignedDiv(t *testing.T) {
	t.Parallel()
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{
		&doc.Div{Attr: doc.Attr{Classes: []string{"header"}, KV: []doc.KV{{Key: "align", Value: "center"}}}, Blocks: []doc.Block{para(1, txt("Middle"))}},
		&doc.Div{Attr: doc.Attr{KV: []doc.KV{{Key: "align", Value: "right"}}}, Blocks: []doc.Block{para(2, txt("Right"))}},
		&doc.Heading{Level: 2, Attr: doc.Attr{ID: "t", KV: []doc.KV{{Key: "align", Value: "center"}}}, Content: []doc.Inline{txt("Title")}},
	}}
	files, _ := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"],
		"<div class=\"header align-center\">\n<p>Middle</p>",
		"<div class=\"align-right\">\n<p>Right</p>",
		"class=\"align-center\">")
}

// TestDCDate: the front matter's date is the package's dc:date: W3CDTF as
// written, a YAML or Jekyll timestamp ("2020-01-16 10:58:00") as its day,
// anything else a warning and no dc:date.
func TestDCDate(t *testing.T) {
	t.Parallel()
	for i, c := range []struct{ date, want string }{
		{"2024", "2024"},
		{"2024-05", "2024-05"},
		{"2024-05-06", "2024-05-06"},
		{"2024-05-06T10:00:00Z", "2024-05-06T10:00:00Z"},
		{"2024-05-06T10:00+02:00", "2024-05-06T10:00+02:00"},
		{"2020-01-16 10:58:00", "2020-01-16"},
		{"2001-12-14 21:59:43.10 -5", "2001-12-14"},
		{"2001-12-14t21:59:43.10-05:00", "2001-12-14"},
		{"2020-01-16T10:58:00", "2020-01-16"},
		{"May 2024", ""},
		{"2020-01-16 noon", ""},
	} {
		d := &doc.Document{Meta: doc.Meta{Title: "T", Date: c.date}, Blocks: []doc.Block{heading(1, 1, "a", "A")}}
		d.Outline = outline(d)
		files, warnings := renderFiles(t, d, Options{})
		got := ""
		if _, rest, ok := strings.Cut(files["package.opf"], "<dc:date>"); ok {
			got, _, _ = strings.Cut(rest, "</dc:date>")
		}
		if got != c.want {
			t.Errorf("case %d, %q: dc:date %q, want %q", i+1, c.date, got, c.want)
		}
		warned := strings.Contains(strings.Join(warnings, "\n"), "is not YYYY")
		if warned != (c.want == "") {
			t.Errorf("case %d, %q: warnings %q", i+1, c.date, warnings)
		}
	}
}

// TestRuby: a ruby span is HTML's <ruby>, each annotation an <rt> between
// <rp> parentheses for a reading system that shows no ruby.
func TestRuby(t *testing.T) {
	t.Parallel()
	ruby := &doc.Span{Attr: doc.Attr{Classes: []string{doc.RubyClass}}, Content: []doc.Inline{
		txt("東"), &doc.Span{Attr: doc.Attr{Classes: []string{doc.RubyTextClass}}, Content: []doc.Inline{txt("とう")}},
		txt("京"), &doc.Span{Attr: doc.Attr{Classes: []string{doc.RubyTextClass}}, Content: []doc.Inline{txt("きょう")}},
	}}
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "ja"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{ruby, txt("へ")}}}}
	files, _ := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"],
		"<p><ruby>東<rp>(</rp><rt>とう</rt><rp>)</rp>京<rp>(</rp><rt>きょう</rt><rp>)</rp></ruby>へ</p>")
}

// TestRubyTextOutsideRuby: a span of class rt outside ruby (pandoc's
// [x]{.rt}) stays a span: an <rt> there is not XHTML.
func TestRubyTextOutsideRuby(t *testing.T) {
	t.Parallel()
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Span{Attr: doc.Attr{Classes: []string{doc.RubyTextClass}}, Content: []doc.Inline{txt("x")}}}}}}
	files, _ := renderFiles(t, d, Options{})
	mustContain(t, "chapter-1", files["chapter-1.xhtml"], `<p><span class="rt">x</span></p>`)
}
