package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // image.DecodeConfig knows GIF, JPEG, PNG and WebP
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "golang.org/x/image/webp"

	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/internal/notimage"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/export/svgclean"
)

// remoteDir and siteDir are the directories of the resource file system
// under which fetched remote images and images given as absolute paths
// from the site root are served to the renderers.
const (
	remoteDir = ".galley-remote"
	siteDir   = ".galley-site"
)

// ErrOutsideRoot is wrapped by the errors of resource paths that lead out of
// the project root: "..", absolute paths, file: URLs and symbolic links
// that point outside.
var ErrOutsideRoot = errors.New("outside the project root")

// resolver is the file system the renderers read images from. It serves
// files only from inside its roots (the input's directory, then each
// --resource-path directory) through os.Root, which refuses "..",
// absolute paths and symbolic links that leave the root. A book's
// chapters' directory (mdBook's src) is read through the book's
// directory, its first root, so that a symbolic link in src to a file
// elsewhere in the book (Comprehensive Rust's overview.svg, to
// third_party/) is read as mdBook reads it, while one out of the book is
// still refused; it caps file
// sizes and image dimensions; and it serves the remote images fetched
// before rendering. It is read-only once rendering starts.
type resolver struct {
	roots  []*os.Root
	prefix string   // the input's directory in the first root (a book's src), slash-separated; "" for the root itself
	site   *os.Root // Resources.SiteRoot, or nil: absolute paths are refused
	limits options.Limits
	remote map[string][]byte // under remoteDir
	// cleaned holds the SVG images, by name, as svgclean left them: the
	// renderers read these instead of the files.
	cleaned map[string][]byte

	mu   sync.Mutex
	read map[string]bool // the local files asked for, found or not (Result.Read)
}

// newResolver opens the document's directory dir (through root, the
// book's directory it is in, if not "") and the extra resource
// directories. Close releases them.
func newResolver(dir, root string, opts options.Options) (*resolver, error) {
	r := &resolver{limits: opts.Limits, remote: map[string][]byte{}}
	if rel, err := filepath.Rel(root, dir); root != "" && err == nil && rel != "." && filepath.IsLocal(rel) {
		dir, r.prefix = root, filepath.ToSlash(rel)
	}
	dirs := append([]string{dir}, opts.Resources.Paths...)
	for _, dir := range dirs {
		root, err := os.OpenRoot(dir)
		if err != nil {
			r.Close()
			return nil, fmt.Errorf("resource directory: %w", err)
		}
		r.roots = append(r.roots, root)
	}
	if opts.Resources.SiteRoot != "" {
		root, err := os.OpenRoot(opts.Resources.SiteRoot)
		if err != nil {
			r.Close()
			return nil, fmt.Errorf("site root: %w", err)
		}
		r.site = root
	}
	return r, nil
}

// Close closes the roots.
func (r *resolver) Close() {
	for _, root := range r.roots {
		root.Close()
	}
	if r.site != nil {
		r.site.Close()
	}
}

// Open opens a file for reading from the first root that has it.
func (r *resolver) Open(name string) (fs.File, error) {
	data, err := r.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &memFile{name: path.Base(name), Reader: bytes.NewReader(data)}, nil
}

// ReadFile reads a file from the first root that has it, refusing paths
// out of the roots and files over the size limit, and, for images, images
// over the dimension limits.
func (r *resolver) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrOutsideRoot}
	}
	if data, ok := r.cleaned[name]; ok {
		return data, nil
	}
	if data, ok := r.remote[name]; ok {
		return data, nil
	}
	for i, root := range r.roots {
		data, err := r.readFrom(root, r.under(i, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		r.record(filepath.Join(root.Name(), filepath.FromSlash(r.under(i, name))))
		return data, err
	}
	if len(r.roots) > 0 { // where the author would put it
		r.record(filepath.Join(r.roots[0].Name(), filepath.FromSlash(r.under(0, name))))
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// under is the path in the i-th root of name, a path relative to the
// input's directory.
func (r *resolver) under(i int, name string) string {
	if i == 0 && r.prefix != "" {
		return path.Join(r.prefix, name)
	}
	return name
}

// record notes a local file the build asked for; the renderers read
// concurrently.
func (r *resolver) record(file string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.read == nil {
		r.read = map[string]bool{}
	}
	r.read[file] = true
}

// files lists the local files asked for, sorted.
func (r *resolver) files() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Sorted(maps.Keys(r.read))
}

func (r *resolver) readFrom(root *os.Root, name string) ([]byte, error) {
	// Stat first: opening a named pipe or a device could block forever.
	st, err := root.Stat(filepath.FromSlash(name))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && strings.Contains(err.Error(), "escapes") {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("a symbolic link leads %w", ErrOutsideRoot)}
		}
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file")}
	}
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file")}
	}
	if st.Size() > r.limits.MaxImageBytes {
		return nil, &fs.PathError{Op: "open", Path: name, Err: tooLarge(st.Size(), r.limits.MaxImageBytes)}
	}
	data, err := readUpTo(f, st.Size(), r.limits.MaxImageBytes)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > r.limits.MaxImageBytes {
		return nil, &fs.PathError{Op: "open", Path: name, Err: tooLarge(int64(len(data)), r.limits.MaxImageBytes)}
	}
	if err := checkImage(r.limits, data); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return data, nil
}

func tooLarge(n, limit int64) error {
	return fmt.Errorf("the file is %d bytes, more than the limit of %d", n, limit)
}

// memFile is a file served from memory.
type memFile struct {
	name string
	*bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.Size()}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// checkResources looks at every image of the document before rendering:
// paths out of the project root, file: URLs, unreadable files and images
// over the limits are errors at the image; remote images are fetched when
// opts.Resources.AllowRemote is set (and their URLs pointed at the copy), else left
// to the renderers, which show their alt text.
func (r *resolver) checkResources(ctx context.Context, d *doc.Document, opts options.Options, diags *diag.List) {
	var client *http.Client
	fetched := map[string]string{}
	type read struct {
		data []byte
		err  error
	}
	local := map[string]read{}
	doc.Inspect(d, func(n doc.Node) bool {
		img, ok := n.(*doc.Image)
		if !ok || img.URL == "" {
			return true
		}
		u, err := url.Parse(img.URL)
		if err != nil {
			return true // the renderers warn
		}
		switch scheme := strings.ToLower(u.Scheme); {
		case scheme == "file":
			diags.Errorf(img.Pos, "image %q: file: URLs are refused; give a path relative to the document", img.URL)
		case scheme == "http" || scheme == "https":
			if !opts.Resources.AllowRemote {
				unavailable(img, diags, "remote images are not fetched (--allow-remote fetches them)")
				return true
			}
			name, ok := fetched[img.URL]
			if !ok {
				if client == nil {
					client = &http.Client{Timeout: r.limits.RemoteTimeout}
				}
				data, err := fetch(ctx, client, img.URL, r.limits)
				if err != nil {
					diags.Errorf(img.Pos, "image %q: %v", img.URL, err)
					return true
				}
				name = remoteDir + "/" + strconv.Itoa(len(fetched)+1) + remoteExt(img.URL)
				r.remote[name] = data
				fetched[img.URL] = name
				r.cleanSVG(img, name, data, diags)
			}
			checkIsImage(img, name, r.remote[name], diags)
			img.URL = name
		case scheme != "" || u.Host != "":
			// data:, mailto: and the like: the renderers warn.
		case strings.HasPrefix(u.Path, "/") && r.site != nil:
			// Absolute from the site root, as on a web site.
			clean := path.Clean(strings.TrimLeft(u.Path, "/"))
			data, err := r.readFrom(r.site, clean)
			switch {
			case errors.Is(err, fs.ErrNotExist) || clean == ".":
				unavailable(img, diags, "no such file under the site root")
			case err != nil:
				diags.Errorf(img.Pos, "image %q: %v", img.URL, unwrapPath(err))
			default:
				name := siteDir + "/" + clean
				r.remote[name] = data
				r.cleanSVG(img, name, data, diags)
				checkIsImage(img, name, data, diags)
				img.URL = name
			}
		default:
			// A file named by many images (an icon in each chapter) is
			// read once.
			got, ok := local[u.Path]
			if !ok {
				got.data, got.err = r.resolveLocal(u.Path)
				local[u.Path] = got
			}
			data, err := got.data, got.err
			switch {
			case errors.Is(err, fs.ErrNotExist):
				unavailable(img, diags, "no such file")
			case err != nil:
				diags.Errorf(img.Pos, "image %q: %v", img.URL, err)
			default:
				r.cleanSVG(img, path.Clean(u.Path), data, diags)
				checkIsImage(img, u.Path, data, diags)
			}
		}
		return true
	})
}

// checkIsImage reports, once for both outputs, a file named as an image
// (name, its data) that neither output can show: not a PNG, JPEG, GIF,
// WebP or SVG image (a web page saved under the image's name, a Git LFS
// pointer), or one whose header cannot be read.
func checkIsImage(img *doc.Image, name string, data []byte, diags *diag.List) {
	if svgclean.Sniff(data) || strings.EqualFold(path.Ext(name), ".svg") {
		return // cleanSVG reported what it could not clean
	}
	_, _, err := imageConfig(data)
	switch kind := notimage.Describe(data); {
	case err == nil:
	case kind != "":
		unavailable(img, diags, "the file is %s, not an image", kind)
	case errors.Is(err, image.ErrFormat):
		unavailable(img, diags, "the file is not a PNG, JPEG, GIF, SVG or WebP image")
	default:
		unavailable(img, diags, "the image cannot be read (%v)", err)
	}
}

// unavailable reports an image neither output can show, once for both,
// and marks it (doc.Image.Unavailable) for the renderers to show its alt
// text (the PDF's figure in a framed box) without a warning of their own.
func unavailable(img *doc.Image, diags *diag.List, format string, args ...any) {
	img.Unavailable = true
	diags.Warnf(img.Pos, "image %q: %s; its alt text is shown instead", img.URL, fmt.Sprintf(format, args...))
}

// cleanSVG has the renderers read an SVG image, whose file is name, as
// svgclean cleans it: with no script, handler or external reference, and
// no DOCTYPE. What was taken out is a warning at the image; an image that
// cannot be cleaned (not well-formed, too large to draw) an error.
func (r *resolver) cleanSVG(img *doc.Image, name string, data []byte, diags *diag.List) {
	if _, done := r.cleaned[name]; done || !svgclean.Sniff(data) && !strings.EqualFold(path.Ext(name), ".svg") {
		return
	}
	clean, removed, err := svgclean.Clean(data)
	if err != nil {
		diags.Errorf(img.Pos, "image %q: %v", img.URL, err)
		return
	}
	if len(removed) > 0 {
		diags.Warnf(img.Pos, "image %q: left out of the SVG image: %s", img.URL, strings.Join(removed, ", "))
	}
	if r.cleaned == nil {
		r.cleaned = map[string][]byte{}
	}
	r.cleaned[name] = clean
}

// resolveLocal reads the file a relative image path names. Absolute paths
// are refused: without a site root they have no meaning in a project.
func (r *resolver) resolveLocal(p string) ([]byte, error) {
	if strings.HasPrefix(p, "/") || filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return nil, fmt.Errorf("absolute paths are refused (%w); give a path relative to the document, or --site-root DIR (site_root), the directory a site serves %s from", ErrOutsideRoot, p)
	}
	clean := path.Clean(p)
	if !fs.ValidPath(clean) {
		return nil, fmt.Errorf("the path leads %w; images must be inside the document's directory or a --resource-path", ErrOutsideRoot)
	}
	data, err := r.ReadFile(clean)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, unwrapPath(err)
	}
	return data, err
}

// unwrapPath drops the path from a *fs.PathError: diagnostics quote the
// image's URL already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fetch downloads one remote image within the time and size limits.
func fetch(ctx context.Context, client *http.Client, rawURL string, l options.Limits) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cannot fetch: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cannot fetch: %s", resp.Status)
	}
	if resp.ContentLength > l.MaxRemoteBytes {
		return nil, fmt.Errorf("the remote file is %d bytes, more than the limit of %d", resp.ContentLength, l.MaxRemoteBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, l.MaxRemoteBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot fetch: %w", err)
	}
	if int64(len(data)) > l.MaxRemoteBytes {
		return nil, fmt.Errorf("the remote file is more than the limit of %d bytes", l.MaxRemoteBytes)
	}
	if err := checkImage(l, data); err != nil {
		return nil, err
	}
	return data, nil
}

// remoteExt keeps a fetched image's extension, which the renderers do not
// need (they sniff) but which makes diagnostics readable.
func remoteExt(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	ext := strings.ToLower(path.Ext(u.Path))
	switch ext {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
		return ext
	}
	return ""
}

// imageConfig is image.DecodeConfig for bytes.
func imageConfig(data []byte) (image.Config, string, error) {
	return image.DecodeConfig(bytes.NewReader(data))
}
