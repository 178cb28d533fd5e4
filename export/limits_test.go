package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/testpng"

	"github.com/galley-pub/galley/export/options"
)

// bombPNG is a PNG whose header announces width×height pixels but whose
// only image data is a few bytes: a decompression bomb's header. Decoding
// it would allocate width×height×4 bytes; the limits refuse it from the
// header alone.
func bombPNG(width, height uint32) []byte {
	// 8-bit RGBA, and image data of a few bytes.
	return testpng.File(width, height, 6, []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
}

func TestImageLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		data  []byte
		limit func(*options.Options)
		want  string
	}{
		{"decompression bomb", bombPNG(100000, 100000), nil, "the png image is 100000×100000 pixels, more than the limit of 16384 per side and 40000000 in all"},
		{"too many pixels", bombPNG(10000, 9000), nil, "10000×9000 pixels"},
		{"pixel limit set", pngBytes(t, 30, 20), func(o *options.Options) { o.Limits.MaxImagePixels = 500 }, "30×20 pixels, more than the limit of 16384 per side and 500 in all"},
		{"file size", pngBytes(t, 30, 20), func(o *options.Options) { o.Limits.MaxImageBytes = 40 }, "more than the limit of 40"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "big.png", string(tc.data))
			res, err := buildSource(t, dir, "# Doc\n\nSee:\n\n![big](big.png)\n", tc.limit)
			requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":5:1", tc.want)
		})
	}
	// The same limit guards a cover named in the front matter.
	dir := t.TempDir()
	writeFile(t, dir, "cover.png", string(bombPNG(50000, 50000)))
	res, err := buildSource(t, dir, "---\ntitle: T\ncover: cover.png\n---\n# Doc\n")
	requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":1:1", "50000×50000 pixels")
}

func TestNestingLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Each "> " is a block quote, and a paragraph and its text sit inside
	// the last: 70 quotes are deeper than the default limit of 64.
	src := "# Doc\n\n" + strings.Repeat("> ", 70) + "deep\n\nfine\n\n" + strings.Repeat("- ", 70) + "deep\n"
	res, err := buildSource(t, dir, src)
	requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":3:127", "nested more than 64 levels deep")
	errs := 0
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "nested more than") {
			errs++
		}
	}
	if errs != 1 {
		t.Errorf("%d nesting errors, want one for the document", errs)
	}
	// Under the limit, the same structure builds.
	ok := t.TempDir()
	if res, err := buildSource(t, ok, "# Doc\n\n"+strings.Repeat("> ", 20)+"deep\n"); err != nil {
		t.Fatalf("20 levels: %v %v", err, res.Diagnostics)
	}
}

func TestFootnoteLimit(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("# Doc\n\n")
	for i := range 5 {
		b.WriteString("Note[^n" + string(rune('a'+i)) + "].\n\n")
	}
	for i := range 5 {
		b.WriteString("[^n" + string(rune('a'+i)) + "]: Text.\n\n")
	}
	dir := t.TempDir()
	res, err := buildSource(t, dir, b.String(), func(o *options.Options) { o.Limits.MaxFootnotes = 3 })
	// The fourth definition is on line 19.
	requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":19:1", "the document has 5 footnotes, more than the limit of 3")
	ok := t.TempDir()
	if res, err := buildSource(t, ok, b.String()); err != nil {
		t.Fatalf("default limit: %v %v", err, res.Diagnostics)
	}
}

// TestDocumentSizeLimit checks a source over MaxInputSize is refused
// before it is read (the file is sparse: nothing is written or read).
func TestDocumentSizeLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "huge.md")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxInputSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = newBuilder(t).Build(in, testOptions(dir))
	if err == nil || !strings.Contains(err.Error(), "more than the limit of 67108864") || !strings.HasPrefix(err.Error(), in+": ") {
		t.Fatalf("err = %v, want the size limit named with the file", err)
	}
}

// TestAggregatedErrors checks every problem of a file is reported at once,
// each at its own line and column.
func TestAggregatedErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "# Doc\n\n![a](../a.png) and ![b](/etc/b.png)\n\n> ![c](file:///etc/passwd)\n"
	res, err := buildSource(t, dir, src)
	if err == nil {
		t.Fatal("no error")
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Severity.String() == "error" {
			got = append(got, strings.TrimPrefix(d.Pos.String(), dir+string(filepath.Separator)))
		}
	}
	want := []string{"doc.md:3:1", "doc.md:3:20", "doc.md:5:3"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("errors at %q, want %q\n%v", got, want, res.Diagnostics)
	}
	if msg := err.Error(); strings.Count(msg, "error:") != 3 {
		t.Errorf("the returned error does not carry all three: %q", msg)
	}
}
