package export

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/fonts"
	"github.com/galley-pub/galley/internal/bookgen"
	"github.com/galley-pub/galley/internal/validate"
)

// The words of a PDF as pdftotext -bbox-layout reports them.
type (
	bboxDoc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	bboxPage struct {
		Width  float64    `xml:"width,attr"`
		Height float64    `xml:"height,attr"`
		Lines  []bboxLine `xml:"flow>block>line"`
	}
	bboxLine struct {
		bboxRect
		Words []bboxWord `xml:"word"`
	}
	bboxWord struct {
		bboxRect
		Text string `xml:",chardata"`
	}
	bboxRect struct {
		XMin float64 `xml:"xMin,attr"`
		YMin float64 `xml:"yMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		YMax float64 `xml:"yMax,attr"`
	}
)

// text is the line's words joined by spaces.
func (l bboxLine) text() string {
	w := make([]string, len(l.Words))
	for i, x := range l.Words {
		w[i] = x.Text
	}
	return strings.Join(w, " ")
}

// readBBox runs pdftotext -bbox-layout on a PDF.
func readBBox(t *testing.T, path string) bboxDoc {
	t.Helper()
	validate.RequireTool(t, "pdftotext")
	out := command(t, "pdftotext", "-bbox-layout", path, "-")
	var d bboxDoc
	if err := xml.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("pdftotext -bbox-layout %s: %v", path, err)
	}
	if len(d.Pages) == 0 {
		t.Fatalf("%s: no pages", path)
	}
	return d
}

// Slack for word boxes. pdftotext draws them from the font's ascent to its
// descent (1.36 em for Noto), a little taller than a heading's line, so a
// box may pass the text block's edge by a part of its height.
const (
	edgeSlack = 0.5  // points, horizontally
	boxSlack  = 0.12 // of a word box's height, vertically
	paperEdge = 14   // points: nothing printed closer to the paper's edge (5 mm)
)

// pageProblems lists the words of a page outside the text block or its
// header and footer bands, and the lines that overlap.
func pageProblems(n int, pg bboxPage, p layout.Paper) []string {
	left, top, right, bottom := p.TextBlock()
	var out []string
	for _, l := range pg.Lines {
		for _, w := range l.Words {
			slack := boxSlack * (w.YMax - w.YMin)
			body := w.YMin >= top-slack && w.YMax <= bottom+slack
			head := w.YMax <= top+slack && w.YMin >= paperEdge
			foot := w.YMin >= bottom && w.YMax <= pg.Height-paperEdge
			if w.XMin < left-edgeSlack || w.XMax > right+edgeSlack || !body && !head && !foot {
				out = append(out, fmt.Sprintf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f lies outside the text block and its margins", n, w.Text, w.XMin, w.XMax, w.YMin, w.YMax))
			}
		}
	}
	for i, a := range pg.Lines {
		for _, b := range pg.Lines[i+1:] {
			dx := min(a.XMax, b.XMax) - max(a.XMin, b.XMin)
			dy := min(a.YMax, b.YMax) - max(a.YMin, b.YMin)
			if dx > edgeSlack && dy > 0.25*min(a.YMax-a.YMin, b.YMax-b.YMin) {
				out = append(out, fmt.Sprintf("page %d: lines overlap: %q and %q", n, a.text(), b.text()))
			}
		}
	}
	return out
}

// baselines regroups a page's words into lines by where their boxes end,
// left to right: pdftotext may split one printed line (a contents entry's
// title, its leader and its number) into several.
func baselines(pg bboxPage) []bboxLine {
	byY := map[float64]*bboxLine{}
	var order []float64
	for _, l := range pg.Lines {
		for _, w := range l.Words {
			y := math.Round(w.YMax*2) / 2
			r := byY[y]
			if r == nil {
				r = &bboxLine{bboxRect: w.bboxRect}
				byY[y] = r
				order = append(order, y)
			}
			r.XMin, r.XMax = min(r.XMin, w.XMin), max(r.XMax, w.XMax)
			r.YMin, r.YMax = min(r.YMin, w.YMin), max(r.YMax, w.YMax)
			r.Words = append(r.Words, w)
		}
	}
	slices.Sort(order)
	out := make([]bboxLine, len(order))
	for i, y := range order {
		out[i] = *byY[y]
		slices.SortFunc(out[i].Words, func(a, b bboxWord) int { return cmp.Compare(a.XMin, b.XMin) })
	}
	return out
}

// pageLabel returns the page number printed in the footer band ("Page 9
// of 325" gives "9"), or "".
func pageLabel(lines []bboxLine, p layout.Paper) string {
	_, _, _, bottom := p.TextBlock()
	for _, l := range lines {
		if m := footer.FindStringSubmatch(l.text()); l.YMin >= bottom && m != nil {
			return m[1]
		}
	}
	return ""
}

var (
	number = regexp.MustCompile(`^[0-9]+$`)
	footer = regexp.MustCompile(`^(?:Page )?([0-9]+)(?: of [0-9]+)?$`)
)

// tocProblems compares the printed contents with the pages where the
// headings are: each entry (title, dotted leader, number) must give the
// printed number of the first page after the contents with a line that
// reads as the title. It returns the problems and the number of entries.
func tocProblems(d bboxDoc, p layout.Paper) ([]string, int) {
	_, top, _, bottom := p.TextBlock()
	type entry struct{ title, page string }
	var entries []entry
	pages := make([][]bboxLine, len(d.Pages))
	for i, pg := range d.Pages {
		pages[i] = baselines(pg)
	}
	lastTOC := -1
	for i, lines := range pages {
		found := false
		var prev *bboxLine // the line before, which may hold the start of a title set on two lines
		for k := range lines {
			l := &lines[k]
			n := len(l.Words)
			lead := strings.Index(l.text(), " . . ")
			if n < 3 || lead < 0 || !number.MatchString(l.Words[n-1].Text) {
				prev = l
				continue
			}
			title := l.text()[:lead]
			if prev != nil && l.YMin-prev.YMax < 0.5*(l.YMax-l.YMin) && prev.text() != "Contents" {
				title = prev.text() + " " + title // the line above is this entry's
			}
			prev = nil
			entries = append(entries, entry{title: title, page: l.Words[n-1].Text})
			found = true
		}
		if found {
			lastTOC = i
		} else if lastTOC >= 0 {
			break
		}
	}
	var out []string
	for _, e := range entries {
		where := ""
		for _, lines := range pages[max(lastTOC, 0):] {
			for j, l := range lines {
				text := l.text()
				if j+1 < len(lines) && len(text) < len(e.title) {
					text += " " + lines[j+1].text() // a heading set on two lines
				}
				if l.YMin >= top-boxSlack*(l.YMax-l.YMin) && l.YMax <= bottom && text == e.title {
					where = pageLabel(lines, p)
					break
				}
			}
			if where != "" {
				break
			}
		}
		if where != e.page {
			out = append(out, fmt.Sprintf("contents: %q listed on page %s, found on page %q", e.title, e.page, where))
		}
	}
	return out, len(entries)
}

// buildPDF builds one Markdown file to a PDF in a temporary directory.
func buildPDF(t *testing.T, path string, edits ...func(*options.Options)) string {
	t.Helper()
	opts := testOptions(t.TempDir(), edits...)
	opts.Output.Formats = []Format{PDF}
	res, err := newBuilder(t).Build(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res.Artifacts[0].Path
}

// TestPDFWordsInsideTheBlock checks the drawn words of the seed and of every
// Markdown file under testdata on each paper: inside the text block or its
// header and footer bands, no two lines overlapping.
func TestPDFWordsInsideTheBlock(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("*/testdata/*.md")
	files = append(files, seed)
	for _, path := range files {
		for _, paper := range []string{"a4", "letter", "a5"} {
			t.Run(filepath.Base(path)+"/"+paper, func(t *testing.T) {
				opts := testOptions(t.TempDir(), func(o *options.Options) { o.PDF.Paper, o.Output.Formats = options.Paper(paper), []Format{PDF} })
				res, err := newBuilder(t).Build(path, opts)
				if err != nil {
					t.Skipf("the file does not build (some test inputs are meant not to): %v", err)
				}
				p, err := layout.PaperFor(opts.PDF, "")
				if err != nil {
					t.Fatal(err)
				}
				for i, pg := range readBBox(t, res.Artifacts[0].Path).Pages {
					for _, msg := range pageProblems(i+1, pg, p) {
						t.Error(msg)
					}
				}
			})
		}
	}
}

// TestGeneratedBookPDF builds a generated book of about 300 A4 pages and
// checks every page's words, and that the printed contents give the pages
// where pdftotext finds the headings.
func TestGeneratedBookPDF(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "book.md")
	if _, err := bookgen.Write(dir, "book.md", 0.6); err != nil {
		t.Fatal(err)
	}
	pdfPath := buildPDF(t, path, func(o *options.Options) { o.PDF.Paper = options.PaperA4 })
	d := readBBox(t, pdfPath)
	if len(d.Pages) < 300 {
		t.Errorf("the book has %d pages, want at least 300", len(d.Pages))
	}
	if info, err := exec.Command("pdfinfo", pdfPath).Output(); err != nil || !bytes.Contains(info, []byte("Tagged:          yes")) {
		t.Errorf("the book is not tagged (%v):\n%s", err, info)
	}
	problems := 0
	for i, pg := range d.Pages {
		for _, msg := range pageProblems(i+1, pg, layout.A4()) {
			if problems++; problems <= 20 {
				t.Error(msg)
			}
		}
	}
	toc, entries := tocProblems(d, layout.A4())
	for i, msg := range toc {
		if i < 20 {
			t.Error(msg)
		}
	}
	tree, err := newBuilder(t).Read(path, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	if tree.Appendix != nil {
		want++ // the further-reading appendix has an entry of its own
	}
	for _, e := range tree.Outline {
		if e.Level <= options.Defaults().Output.TOCDepth {
			want++
		}
	}
	if entries != want || want < 150 {
		t.Errorf("found %d contents entries, want the book's %d headings (150 or more)", entries, want)
	}
	t.Logf("%d pages; %d contents entries checked; %d misplaced words or overlapping lines; %d wrong contents entries", len(d.Pages), entries, problems, len(toc))
}

// TestPDFChecksCatchProblems shows that the word checks and the contents
// check fail on a page that breaks them.
func TestPDFChecksCatchProblems(t *testing.T) {
	t.Parallel()
	p := layout.A4()
	left, top, right, bottom := p.TextBlock()
	word := func(text string, x, y float64) bboxWord {
		return bboxWord{bboxRect: bboxRect{XMin: x, YMin: y - 10, XMax: x + 30, YMax: y}, Text: text}
	}
	line := func(ws ...bboxWord) bboxLine {
		l := bboxLine{bboxRect: ws[0].bboxRect, Words: ws}
		l.XMax = ws[len(ws)-1].XMax
		return l
	}
	foot := func(n string) bboxLine { return line(word("Page", left, bottom+30), word(n, left+40, bottom+30)) }
	toc := bboxPage{Width: p.Width, Height: p.Height, Lines: []bboxLine{
		line(word("Intro", left, top+20), word(".", left+40, top+20), word(".", left+50, top+20), word("2", right-30, top+20)),
		foot("1"),
	}}
	body := bboxPage{Width: p.Width, Height: p.Height, Lines: []bboxLine{
		line(word("Overlap", left, top+40)),
		line(word("me", left+10, top+45)),
		line(word("Outside", right-10, top+80)),
		foot("2"),
	}}
	problems := pageProblems(2, body, p)
	if len(problems) != 2 || !strings.Contains(problems[0], "Outside") || !strings.Contains(problems[1], "overlap") {
		t.Errorf("page problems = %q, want the word outside and the overlap", problems)
	}
	if got, n := tocProblems(bboxDoc{Pages: []bboxPage{toc, body}}, p); n != 1 || len(got) != 1 || !strings.Contains(got[0], `"Intro" listed on page 2`) {
		t.Errorf("contents problems = %q (%d entries), want Intro not found", got, n)
	}
	body.Lines = append(body.Lines, line(word("Intro", left, top+120)))
	if got, _ := tocProblems(bboxDoc{Pages: []bboxPage{toc, body}}, p); len(got) != 0 {
		t.Errorf("contents problems = %q, want none once the heading is on page 2", got)
	}
}

// TestImposedPDFs builds the seed as an A5 booklet and two-up with hole-punch
// margins: valid PDFs of landscape A4 sheets that keep all the text.
func TestImposedPDFs(t *testing.T) {
	t.Parallel()
	plain := validate.PDF(t, buildPDF(t, seed, func(o *options.Options) { o.PDF.Paper = options.PaperA5 }))
	for _, c := range []struct {
		name   string
		opts   func(*options.Options)
		sheets int
	}{
		{"booklet", func(o *options.Options) { o.PDF.Booklet = true }, (plain.Pages + 3) / 4 * 2},
		{"n-up-2", func(o *options.Options) { o.PDF.NUp, o.PDF.Paper, o.PDF.HolePunch = 2, options.PaperA5, true }, (plain.Pages + 1) / 2},
	} {
		r := validate.PDF(t, buildPDF(t, seed, c.opts))
		if r.Pages != c.sheets {
			t.Errorf("%s: %d sheets, want %d for %d A5 pages", c.name, r.Pages, c.sheets, plain.Pages)
		}
		if size := r.Info["Page size"]; !strings.HasPrefix(size, "841.89 x 595.28") {
			t.Errorf("%s: sheet size %q, want landscape A4", c.name, size)
		}
		for _, h := range seedHeadings(t) {
			if !strings.Contains(normalizeSpace(r.Text), normalizeSpace(h)) {
				t.Errorf("%s: heading %q is missing", c.name, h)
			}
		}
	}
}

// systemFontFor returns a directory holding a TrueType font (on this
// machine) that draws r, or "".
func systemFontFor(t *testing.T, r rune) string {
	t.Helper()
	set := newBuilder(t).fonts
	if set.Covers(r) {
		t.Fatalf("the embedded fonts already draw %c", r)
	}
	fb, taken, err := set.WithFallbacks(fonts.FallbackOptions{System: true}, []rune{r})
	if err != nil || len(taken) == 0 || !fb.Covers(r) {
		return ""
	}
	path, _, _ := strings.Cut(taken[0], "#") // a face in a collection
	return filepath.Dir(path)
}

// TestFontFallbackKorean builds a document with Korean through a system
// font (fonts-nanum in CI): the PDF embeds the fallback face and its text
// has the Korean, and no character is reported missing.
func TestFontFallbackKorean(t *testing.T) {
	t.Parallel()
	dir := systemFontFor(t, '김')
	if dir == "" {
		validate.Missing(t, "a system font that draws Korean", "apt-get install fonts-nanum")
	}
	src := filepath.Join(t.TempDir(), "ko.md")
	text := "---\ntitle: 김정은 and Greek\nlang: en\n---\n\n# 한국어\n\nKim Jong-un (김정은) met Trump in Hanoi; Ελληνικά, Кириллица, Tiếng Việt.\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := newBuilder(t).Build(src, testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats, o.PDF.FontDirs = []Format{PDF}, []string{dir} }))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	r := validate.PDF(t, res.Artifacts[0].Path)
	for _, want := range []string{"김정은", "한국어", "Ελληνικά", "Кириллица", "Tiếng Việt"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, r.Text)
		}
	}
	embedded := regexp.MustCompile(`\+NotoS(erif|ans|ansMono)-(Regular|Bold|Italic|BoldItalic)$`)
	if !slices.ContainsFunc(r.Fonts, func(f validate.Font) bool { return !embedded.MatchString(f.Name) }) {
		t.Errorf("no fallback font embedded: %+v", r.Fonts)
	}
}

// TestQRCodes builds a handout with --qr and reads its QR codes back from a
// rendered page with zbarimg: one per further-reading URL, none for the
// links cited in the text.
func TestQRCodes(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdftoppm")
	validate.RequireTool(t, "zbarimg")
	dir := t.TempDir()
	src := filepath.Join(dir, "qr.md")
	text := "---\ntitle: QR codes\nlang: en\nfurther_reading:\n  - title: The Impossible State\n    author: Victor Cha\n    url: https://example.org/books/impossible-state\n  - title: A short one\n    url: https://example.org/x\n---\n\n# Intro\n\nText with [a cited link](https://example.org/cited).\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	path := buildPDF(t, src, func(o *options.Options) { o.PDF.QR = true })
	validate.PDF(t, path)
	command(t, "pdftoppm", "-png", "-r", "200", path, filepath.Join(dir, "page"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pngs) == 0 {
		t.Fatal("pdftoppm wrote no page")
	}
	out, _ := exec.Command("zbarimg", append([]string{"-q", "--raw"}, pngs...)...).Output()
	got := strings.Fields(string(out))
	slices.Sort(got)
	want := []string{"https://example.org/books/impossible-state", "https://example.org/x"}
	if !slices.Equal(got, want) {
		t.Errorf("QR codes read %q, want %q", got, want)
	}
}

// TestFallbackBoldWhenSetBold: a fallback family's bold face (Noto Naskh
// Arabic Bold, from fonts-noto-core) draws its characters in bold text,
// and is not embedded, nor read (fonts' TestWithFallbacks), in a document
// that sets them only in roman.
func TestFallbackBoldWhenSetBold(t *testing.T) {
	t.Parallel()
	if systemFontFor(t, 'ب') == "" {
		validate.Missing(t, "a system font that draws Arabic", "apt-get install fonts-noto-core")
	}
	for _, c := range []struct {
		body     string
		wantBold bool
	}{
		{"Plain السلام عليكم in roman.", false},
		{"Plain السلام and **bold عليكم**.", true},
	} {
		src := filepath.Join(t.TempDir(), "ar.md")
		if err := os.WriteFile(src, []byte("# Greeting\n\n"+c.body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := newBuilder(t).Build(src, testOptions(t.TempDir(), func(o *options.Options) { o.Output.Formats = []Format{PDF} }))
		if err != nil {
			t.Fatal(err)
		}
		r := validate.PDF(t, res.Artifacts[0].Path)
		var regular, bold bool
		for _, f := range r.Fonts {
			regular = regular || strings.HasSuffix(f.Name, "+NotoNaskhArabic-Regular")
			bold = bold || strings.HasSuffix(f.Name, "+NotoNaskhArabic-Bold")
		}
		if !regular || bold != c.wantBold {
			t.Errorf("%q: Naskh regular %v, bold %v; want true, %v (%+v)", c.body, regular, bold, c.wantBold, r.Fonts)
		}
	}
}
