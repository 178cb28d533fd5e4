package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range w {
		img.Set(i, 0, color.NRGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// project makes a project directory with a document, an image inside
// it and a secret outside it, and returns the document's directory.
func project(t *testing.T) (docDir, secret string) {
	t.Helper()
	base := t.TempDir()
	secret = writeFile(t, base, "secret/passwd", "root:x:0:0\n")
	docDir = filepath.Join(base, "project")
	writeFile(t, docDir, "images/ok.png", string(pngBytes(t, 4, 3)))
	return docDir, secret
}

// buildSource writes src as doc.md in dir and builds it into dir/out.
func buildSource(t *testing.T, dir, src string, edits ...func(*options.Options)) (*Result, error) {
	t.Helper()
	in := writeFile(t, dir, "doc.md", src)
	return newBuilder(t).Build(in, testOptions(filepath.Join(dir, "out"), edits...))
}

// requireRefused checks that a build failed with an error diagnostic at
// pos containing want, and wrote nothing.
func requireRefused(t *testing.T, dir string, res *Result, err error, pos, want string) {
	t.Helper()
	var de *diag.Errors
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want diagnostics", err)
	}
	found := false
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error && strings.HasPrefix(d.String(), pos+": error: ") && strings.Contains(d.Message, want) {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at %s containing %q in:\n%v", pos, want, res.Diagnostics)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "out")); len(entries) > 0 {
		t.Errorf("a refused build wrote %d files", len(entries))
	}
}

func TestRefusedPaths(t *testing.T) {
	t.Parallel()
	dir, secret := project(t)
	if err := os.Symlink(secret, filepath.Join(dir, "images/link.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(dir, "images/dirlink")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, url, want string }{
		{"dot dot", "../../etc/passwd", "the path leads outside the project root"},
		{"dot dot to a real file", "../secret/passwd", "the path leads outside the project root"},
		{"dot dot inside the path", "images/../../secret/passwd", "the path leads outside the project root"},
		{"encoded dot dot", "%2E%2E/secret/passwd", "the path leads outside the project root"},
		{"absolute", secret, "absolute paths are refused"},
		{"file URL", "file://" + secret, "file: URLs are refused"},
		{"file URL upper case", "FILE:///etc/passwd", "file: URLs are refused"},
		{"symlink to a file outside", "images/link.png", "a symbolic link leads outside the project root"},
		{"symlink to a directory outside", "images/dirlink/passwd", "a symbolic link leads outside the project root"},
		{"directory", "images", "not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := buildSource(t, dir, "# Doc\n\nText.\n\n![alt]("+tc.url+")\n")
			requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":5:1", tc.want)
		})
	}
}

// TestRefusedCover checks the front matter's cover goes through the same
// resolution as images.
func TestRefusedCover(t *testing.T) {
	t.Parallel()
	dir, secret := project(t)
	if err := os.Symlink(secret, filepath.Join(dir, "cover.png")); err != nil {
		t.Fatal(err)
	}
	res, err := buildSource(t, dir, "---\ntitle: T\ncover: cover.png\n---\n# Doc\n")
	requireRefused(t, dir, res, err, filepath.Join(dir, "doc.md")+":1:1", "a symbolic link leads outside the project root")
}

func TestAllowedPaths(t *testing.T) {
	t.Parallel()
	dir, _ := project(t)
	shared := t.TempDir()
	writeFile(t, shared, "logo.png", string(pngBytes(t, 5, 5)))
	// A symbolic link that stays inside the root is fine.
	if err := os.Symlink("ok.png", filepath.Join(dir, "images/inside.png")); err != nil {
		t.Fatal(err)
	}
	src := "# Doc\n\n![ok](images/ok.png)\n\n![dot](./images/../images/ok.png)\n\n![inside](images/inside.png)\n\n![logo](logo.png)\n"
	res, err := buildSource(t, dir, src, func(o *options.Options) { o.Resources.Paths = []string{shared} })
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "image") {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	// Without the resource path, logo.png is missing: a warning and a
	// placeholder, as before, not a refusal.
	res, err = buildSource(t, dir, src)
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	if !hasDiagnostic(res.Diagnostics, diag.Warning, `doc.md:9:1: warning: image "logo.png"`) {
		t.Errorf("no warning for the missing logo.png: %v", res.Diagnostics)
	}
}

// TestBookImageSymlinks: an mdBook's chapters are in its src directory,
// and an image there may be a symbolic link to a file elsewhere in the
// book (Comprehensive Rust's cpp/overview.svg, to third_party/): mdBook
// reads it, and so does galley, through the book's directory. A link out
// of the book is refused as before, and a path with ".." still is.
func TestBookImageSymlinks(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	secret := writeFile(t, base, "secret.png", string(pngBytes(t, 2, 2)))
	bk := filepath.Join(base, "book")
	writeFile(t, bk, "book.toml", "[book]\ntitle = \"Links\"\n")
	writeFile(t, bk, "third_party/cxx/overview.png", string(pngBytes(t, 4, 3)))
	src := filepath.Join(bk, "src")
	writeFile(t, src, "SUMMARY.md", "# Summary\n\n- [Cpp](cpp.md)\n")
	chapter := writeFile(t, src, "cpp.md", "# Cpp\n\n![overview](cpp/overview.png)\n")
	if err := os.MkdirAll(filepath.Join(src, "cpp"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../third_party/cxx/overview.png", filepath.Join(src, "cpp", "overview.png")); err != nil {
		t.Skip(err)
	}
	out := t.TempDir()
	res, err := newBuilder(t).Build(bk, testOptions(out))
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %s", d)
	}
	if want := filepath.Join(bk, "src", "cpp", "overview.png"); !slices.Contains(res.Read, want) {
		t.Errorf("read %q, want %s among them", res.Read, want)
	}

	if err := os.Symlink(secret, filepath.Join(src, "cpp", "secret.png")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, src, "cpp.md", "# Cpp\n\n![secret](cpp/secret.png)\n\n![up](../third_party/cxx/overview.png)\n")
	second := filepath.Join(base, "second")
	res, err = newBuilder(t).Build(bk, testOptions(filepath.Join(second, "out")))
	requireRefused(t, second, res, err, chapter+":3:1", "a symbolic link leads outside the project root")
	requireRefused(t, second, res, err, chapter+":5:1", "the path leads outside the project root")
}

// TestSiteRoot checks absolute paths resolve from the site root when one
// is given, and still cannot leave it.
func TestSiteRoot(t *testing.T) {
	t.Parallel()
	dir, _ := project(t)
	src := "# Doc\n\n![ok](/images/ok.png)\n\n![missing](/images/none.png)\n"
	res, err := buildSource(t, dir, src, func(o *options.Options) { o.Resources.SiteRoot = dir })
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "ok.png") {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	if !hasDiagnostic(res.Diagnostics, diag.Warning, `doc.md:5:1: warning: image "/images/none.png"`) {
		t.Errorf("no warning for the missing image: %v", res.Diagnostics)
	}
	packed := false
	for name, data := range readZip(t, filepath.Join(dir, "out", "doc.epub")) {
		packed = packed || strings.HasPrefix(name, "EPUB/images/img-") && bytes.HasPrefix(data, []byte("\x89PNG"))
	}
	if !packed {
		t.Error("the image is not in the EPUB")
	}
	sub := t.TempDir()
	res, err = buildSource(t, sub, "# Doc\n\n![up](/../secret/passwd)\n", func(o *options.Options) { o.Resources.SiteRoot = dir })
	requireRefused(t, sub, res, err, filepath.Join(sub, "doc.md")+":3:1", "outside the project root")
}

func TestRemoteImages(t *testing.T) {
	t.Parallel()
	img := pngBytes(t, 6, 4)
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.png", func(w http.ResponseWriter, r *http.Request) { w.Write(img) })
	mux.HandleFunc("/big.png", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 4096)) })
	mux.HandleFunc("/missing.png", http.NotFound)
	mux.HandleFunc("/slow.png", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var hits atomic.Int32
	counting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1); mux.ServeHTTP(w, r) })
	srv.Config.Handler = counting

	dir := t.TempDir()
	t.Run("not fetched without AllowRemote", func(t *testing.T) {
		res, err := buildSource(t, dir, "# Doc\n\n![remote]("+srv.URL+"/ok.png)\n")
		if err != nil {
			t.Fatalf("%v\n%v", err, res.Diagnostics)
		}
		if hits.Load() != 0 {
			t.Errorf("the server was asked %d times", hits.Load())
		}
		if !hasDiagnostic(res.Diagnostics, diag.Warning, "remote") {
			t.Errorf("no warning about the remote image: %v", res.Diagnostics)
		}
	})
	t.Run("fetched with AllowRemote", func(t *testing.T) {
		res, err := buildSource(t, dir, "# Doc\n\n![remote]("+srv.URL+"/ok.png)\n\n![again]("+srv.URL+"/ok.png)\n", func(o *options.Options) { o.Resources.AllowRemote = true })
		if err != nil {
			t.Fatalf("%v\n%v", err, res.Diagnostics)
		}
		if hits.Load() != 1 {
			t.Errorf("the server was asked %d times, want once", hits.Load())
		}
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "image") {
				t.Errorf("unexpected diagnostic: %s", d)
			}
		}
		files := readZip(t, filepath.Join(dir, "out", "doc.epub"))
		packed := false
		for name, data := range files {
			if strings.Contains(name, "images/") && bytes.Equal(data, img) {
				packed = true
			}
		}
		if !packed {
			t.Error("the fetched image is not in the EPUB")
		}
	})
	for _, tc := range []struct {
		name, path string
		limit      func(*options.Options)
		want       string
	}{
		{"over the size cap", "/big.png", func(o *options.Options) { o.Limits.MaxRemoteBytes = 1024 }, "more than the limit of 1024"},
		{"not found", "/missing.png", nil, "404"},
		{"timeout", "/slow.png", func(o *options.Options) { o.Limits.RemoteTimeout = 50 * time.Millisecond }, "Timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := t.TempDir()
			res, err := buildSource(t, sub, "# Doc\n\n![remote]("+srv.URL+tc.path+")\n", func(o *options.Options) { o.Resources.AllowRemote = true }, tc.limit)
			requireRefused(t, sub, res, err, filepath.Join(sub, "doc.md")+":3:1", tc.want)
		})
	}
}

// TestInterruptedBeforeWriting checks a cancelled build writes nothing
// and leaves the previous artifacts as they were.
func TestInterruptedBeforeWriting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := writeFile(t, dir, "doc.md", "# Doc\n\nText.\n")
	old := map[string]string{"doc.pdf": "old pdf", "doc.epub": "old epub"}
	for name, content := range old {
		writeFile(t, dir, name, content)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newBuilder(t).BuildContext(ctx, in, testOptions(dir))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	requireOnly(t, dir, old)
}

// requireOnly checks that dir holds doc.md and exactly the files of want,
// with their contents: no temporary file is left.
func requireOnly(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "doc.md" {
			continue
		}
		w, ok := want[e.Name()]
		if !ok {
			t.Errorf("unexpected file %s", e.Name())
			continue
		}
		got, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if string(got) != w {
			t.Errorf("%s was changed", e.Name())
		}
	}
	if len(entries) != len(want)+1 {
		t.Errorf("%d files in %s, want %d", len(entries), dir, len(want)+1)
	}
}

// TestUnavailableImagesOnce: an image neither output can show (a missing
// file, a remote one not fetched, a web page saved under an image's name,
// in a figure or in a line) is one warning for both outputs, at the
// image, saying what the file is; a PDF-only build warns too (an inline
// image was silent there). Both outputs show the alt text.
func TestUnavailableImagesOnce(t *testing.T) {
	t.Parallel()
	validate.RequireTool(t, "pdftotext")
	dir := t.TempDir()
	writeFile(t, dir, "page.png", "<!DOCTYPE html>\n<html><body>Not found</body></html>")
	writeFile(t, dir, "lfs.png", "version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 9\n")
	src := "# Doc\n\n![Missing figure](none.png)\n\nText ![inline gone](gone.png) here.\n\n" +
		"![Remote figure](https://example.org/r.png)\n\n![Saved page](page.png)\n\n![Pointer](lfs.png)\n"
	want := []string{
		`doc.md:3:1: warning: image "none.png": no such file; its alt text is shown instead`,
		`doc.md:5:6: warning: image "gone.png": no such file; its alt text is shown instead`,
		`doc.md:7:1: warning: image "https://example.org/r.png": remote images are not fetched (--allow-remote fetches them); its alt text is shown instead`,
		`doc.md:9:1: warning: image "page.png": the file is an HTML page, not an image; its alt text is shown instead`,
		`doc.md:11:1: warning: image "lfs.png": the file is a Git LFS pointer (git lfs pull fetches the file), not an image; its alt text is shown instead`,
	}
	for _, formats := range [][]options.Format{{PDF, EPUB}, {PDF}, {EPUB}} {
		res, err := buildSource(t, dir, src, func(o *options.Options) { o.Output.Formats = formats })
		if err != nil {
			t.Fatalf("%v: %v\n%v", formats, err, res.Diagnostics)
		}
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, strings.TrimPrefix(d.String(), dir+string(filepath.Separator)))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%v: diagnostics:\n%s\nwant:\n%s", formats, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	res, err := buildSource(t, dir, src)
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	text := normalizeSpace(command(t, "pdftotext", "-enc", "UTF-8", filepath.Join(dir, "out", "doc.pdf"), "-"))
	var chapter string
	for name, data := range readZip(t, filepath.Join(dir, "out", "doc.epub")) {
		if strings.HasPrefix(name, "EPUB/chapter-") {
			chapter += string(data)
		}
		if strings.HasPrefix(name, "EPUB/images/img-") {
			t.Errorf("the e-book packs %s", name)
		}
	}
	for _, alt := range []string{"Missing figure", "inline gone", "Remote figure", "Saved page", "Pointer"} {
		if !strings.Contains(text, alt) {
			t.Errorf("the PDF does not show %q:\n%s", alt, text)
		}
		// A figure's alt text is a paragraph of its own, an inline image's a span.
		if !strings.Contains(chapter, `<p class="image-missing">`+alt+`</p>`) && !strings.Contains(chapter, `<span class="image-missing">`+alt+`</span>`) {
			t.Errorf("the e-book does not show %q", alt)
		}
	}
}

// TestQuartoDocumentShortcodes: a Quarto document (.qmd) built on its own
// has its shortcodes read, its includes from its own directory; one
// that leads out of it is refused, as an image there is.
func TestQuartoDocumentShortcodes(t *testing.T) {
	t.Parallel()
	dir, _ := project(t)
	writeFile(t, dir, "_header.qmd", "Class rules: be kind.\n")
	in := writeFile(t, dir, "handout.qmd", "# Week 1\n\n{{< include _header.qmd >}}\n\n{{< pagebreak >}}\n\nPress {{< kbd Ctrl-C >}}.\n")
	var diags diag.List
	d, err := newBuilder(t).Read(in, &diags)
	if err != nil || diags.Len() != 0 {
		t.Fatalf("%v %v", err, diags.Items())
	}
	got := doc.DumpString(d)
	for _, want := range []string{`value="Class rules: be kind."`, `attr={.page-break}`, `attr={.kbd}`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	res, err := newBuilder(t).Build(in, testOptions(filepath.Join(dir, "out")))
	if err != nil || !slices.Contains(res.Read, filepath.Join(dir, "_header.qmd")) {
		t.Errorf("%v: read %q, want the included file too (for galley watch)", err, res.Read)
	}
	out := writeFile(t, dir, "out.qmd", "{{< include ../secret/passwd >}}\n")
	diags = diag.List{}
	d, _ = newBuilder(t).Read(out, &diags)
	if !strings.Contains(fmt.Sprint(diags.Items()), "error: {{#include ../secret/passwd}}") || strings.Contains(doc.DumpString(d), "root:x") {
		t.Errorf("an include out of the document's directory: %v", diags.Items())
	}
}
