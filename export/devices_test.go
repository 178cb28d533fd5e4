package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// calibreTrouble matches the lines of an ebook-convert log that report a
// problem.
var calibreTrouble = regexp.MustCompile(`(?i)\b(error|warning|traceback|failed|could not|cannot|invalid)\b`)

// TestCalibreConvert converts the EPUBs of the seed and of the test book
// with calibre's ebook-convert to AZW3 (Kindle's KF8) and to PDF, as a
// stand-in for what Kindle and Kobo do on ingestion, and wants a clean log.
// CI installs calibre; elsewhere the test skips without it (apt-get
// install calibre, then make check-devices). Stock calibre has no KEPUB
// output (that takes a third-party plugin), so Kobo is stood in for by the
// PDF conversion, which lays every page out.
func TestCalibreConvert(t *testing.T) {
	t.Parallel() // a validator run: overlaps the package's other work
	validate.RequireTool(t, "ebook-convert")
	convert, err := exec.LookPath("ebook-convert")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		src        string
		embedFonts bool // calibre parses and subsets again the embedded subset faces
	}{{seed, false}, {testBook, false}, {testBook, true}} {
		src := c.src
		name := filepath.Base(src)
		if c.embedFonts {
			name += "+fonts"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if _, err := newBuilder(t).Build(src, testOptions(dir, func(o *options.Options) { o.Output.Formats, o.EPUB.EmbedFonts = []Format{EPUB}, c.embedFonts })); err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), ".md")+".epub")
			for _, ext := range []string{".azw3", ".pdf"} {
				out := filepath.Join(dir, "calibre"+ext)
				args := []string{in, out}
				if c.embedFonts {
					args = append(args, "--subset-embedded-fonts") // calibre parses every face
				}
				cmd := exec.Command(convert, args...)
				// calibre's PDF output runs Chromium (Qt WebEngine), which as root needs --no-sandbox.
				cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen", "QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox")
				log, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("ebook-convert %s %s: %v\n%s", in, ext, err, log)
				}
				for _, line := range strings.Split(string(log), "\n") {
					if calibreTrouble.MatchString(line) {
						t.Errorf("ebook-convert to %s: %s", ext, line)
					}
				}
				if st, err := os.Stat(out); err != nil || st.Size() < 1000 {
					t.Errorf("ebook-convert wrote no %s: %v", ext, err)
				}
			}
			// Kindle's book keeps the cover: the generated cover's raster
			// cover image (an SVG one is lost in AZW3).
			coverOut := filepath.Join(dir, "cover-from-azw3.jpg")
			validate.RequireTool(t, "ebook-meta")
			if log, err := exec.Command("ebook-meta", filepath.Join(dir, "calibre.azw3"), "--get-cover="+coverOut).CombinedOutput(); err != nil || !strings.Contains(string(log), "Cover saved") {
				t.Errorf("the AZW3 has no cover: %v\n%s", err, log)
			}
		})
	}
}
