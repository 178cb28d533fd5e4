package options

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Setting is one row of the options table: one setting with every name it
// has.
type Setting struct {
	Name  string // the flag, without dashes: "paper"
	Env   string // its GALLEY_* variable
	Key   string // its book.yaml `output:` key; empty for settings of a whole batch
	Group string // Output, PDF, EPUB, Resources, Limits or Run
	Arg   string // what the value is, in the help: "size"; empty for a switch
	Usage string
	// Default is the value when nothing sets it, as it would be written;
	// BookDefault, when set, replaces it for books.
	Default, BookDefault string
	// Shown is how the help and the README describe the default, when the
	// value alone would not say it.
	Shown string
	// Repeat: each occurrence adds to a list (a variable's value is a list
	// separated like PATH).
	Repeat bool
	// Writes: only commands that write artifacts (build, watch) have it.
	Writes bool
	apply  func(o *Options, v string) error
}

// IsBool reports whether the setting is a switch (a flag with no value).
func (s *Setting) IsBool() bool { return s.Arg == "" }

// Lookup returns the setting whose flag is name, or nil.
func Lookup(name string) *Setting {
	for i := range Settings {
		if Settings[i].Name == name {
			return &Settings[i]
		}
	}
	return nil
}

// Settings is the table: every setting, in the order the help lists them.
var Settings = []Setting{
	// Output
	{Name: "o", Env: "GALLEY_OUT", Group: "Output", Arg: "directory", Default: ".", Writes: true,
		Usage: "output directory", apply: text(func(o *Options) *string { return &o.Output.Dir })},
	{Name: "name", Env: "GALLEY_NAME", Key: "name", Group: "Output", Arg: "name", Shown: "the input's name",
		Usage: "base name of the artifacts (one input only)", apply: func(o *Options, v string) error {
			if strings.ContainsAny(v, `/\`) || v == "." || v == ".." {
				return fmt.Errorf("%q must be a plain file name", v)
			}
			o.Output.Name = v
			return nil
		}},
	{Name: "format", Env: "GALLEY_FORMAT", Key: "formats", Group: "Output", Arg: "formats", Default: "pdf,epub",
		Usage: "comma-separated output formats: pdf, epub", apply: func(o *Options, v string) error {
			f, err := ParseFormats(v)
			o.Output.Formats = f
			return err
		}},
	{Name: "toc-depth", Env: "GALLEY_TOC_DEPTH", Key: "toc_depth", Group: "Output", Arg: "level", Default: "3",
		Usage: "deepest heading level in the tables of contents", apply: integer(func(o *Options) *int { return &o.Output.TOCDepth }, 1, 6)},
	{Name: "number-chapters", Env: "GALLEY_NUMBER_CHAPTERS", Key: "number_chapters", Group: "Output",
		Usage: "books: number the chapters", apply: boolean(func(o *Options) *bool { return &o.Output.NumberChapters })},
	{Name: "number-sections", Env: "GALLEY_NUMBER_SECTIONS", Key: "number_sections", Group: "Output",
		Usage: "books: number the sections of numbered chapters", apply: boolean(func(o *Options) *bool { return &o.Output.NumberSections })},
	{Name: "link-base", Env: "GALLEY_LINK_BASE", Key: "link_base", Group: "Output", Arg: "url", Shown: "none: such links are left out",
		Usage: "the http(s) URL the input is published at: relative links to pages outside it (../std/index.html) resolve against it",
		apply: func(o *Options, v string) error {
			base, err := ParseLinkBase(v)
			o.Output.LinkBase = base
			return err
		}},
	{Name: "omit", Env: "GALLEY_OMIT", Key: "omit", Group: "Output", Arg: "classes", Repeat: true,
		Usage: "leave out the fenced divs of these classes, comma-separated (::: solution, {.instructor}): a student edition",
		apply: func(o *Options, v string) error {
			for _, c := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == os.PathListSeparator }) {
				o.Output.Omit = append(o.Output.Omit, strings.ToLower(c))
			}
			return nil
		}},
	{Name: "appendix", Env: "GALLEY_APPENDIX", Key: "appendix", Group: "Output", Arg: "what", Default: string(AppendixAll),
		Usage: "the further-reading appendix: all (the front matter's references, then every link cited), references (those alone) or none",
		apply: choice(func(o *Options) *Appendix { return &o.Output.Appendix }, AppendixAll, AppendixReferences, AppendixNone)},

	// PDF
	{Name: "paper", Env: "GALLEY_PAPER", Key: "paper", Group: "PDF", Arg: "size", Shown: "letter for en-US and similar, else a4; a5 with --booklet",
		Usage: "PDF paper size: a4, letter or a5", apply: choice(func(o *Options) *Paper { return &o.PDF.Paper }, PaperA4, PaperLetter, PaperA5)},
	{Name: "pdf-cover", Env: "GALLEY_PDF_COVER", Key: "pdf_cover", Group: "PDF",
		Usage: "PDF: put the cover (given or generated) on the first page", apply: boolean(func(o *Options) *bool { return &o.PDF.Cover })},
	{Name: "chapter-start", Env: "GALLEY_CHAPTER_START", Key: "chapter_start", Group: "PDF", Arg: "where", Default: "none", BookDefault: "page",
		Shown: "page for books, none for handouts",
		Usage: "PDF: level-1 headings start none (where they fall), page or right (an odd page)",
		apply: choice(func(o *Options) *ChapterStart { return &o.PDF.ChapterStart }, StartNone, StartPage, StartRight)},
	{Name: "booklet", Env: "GALLEY_BOOKLET", Key: "booklet", Group: "PDF",
		Usage: "PDF: impose as a booklet to fold, two pages a side", apply: boolean(func(o *Options) *bool { return &o.PDF.Booklet })},
	{Name: "n-up", Env: "GALLEY_N_UP", Key: "n_up", Group: "PDF", Arg: "pages", Default: "1",
		Usage: "PDF: pages on each side of a sheet, 1 or 2 (side by side on a landscape sheet)", apply: integer(func(o *Options) *int { return &o.PDF.NUp }, 1, 2)},
	{Name: "columns", Env: "GALLEY_COLUMNS", Key: "columns", Group: "PDF", Arg: "n", Default: "1",
		Usage: "PDF: columns of text on a page, 1 or 2 (two for dense handouts)", apply: integer(func(o *Options) *int { return &o.PDF.Columns }, 1, 2)},
	{Name: "hole-punch", Env: "GALLEY_HOLE_PUNCH", Key: "hole_punch", Group: "PDF",
		Usage: "PDF: a left margin of 30 mm, clear of punched holes", apply: boolean(func(o *Options) *bool { return &o.PDF.HolePunch })},
	{Name: "ragged-right", Env: "GALLEY_RAGGED_RIGHT", Key: "ragged_right", Group: "PDF",
		Usage: "PDF: body text flush left, ragged right, instead of justified", apply: boolean(func(o *Options) *bool { return &o.PDF.RaggedRight })},
	{Name: "qr", Env: "GALLEY_QR", Key: "qr", Group: "PDF",
		Usage: "PDF: a QR code beside each further-reading entry with a URL", apply: boolean(func(o *Options) *bool { return &o.PDF.QR })},
	{Name: "font-dir", Env: "GALLEY_FONT_DIR", Key: "font_dirs", Group: "PDF", Arg: "directory", Repeat: true,
		Usage: "PDF: fonts for characters the embedded fonts lack, searched before the system's",
		apply: directories(func(o *Options) *[]string { return &o.PDF.FontDirs })},

	// EPUB
	{Name: "split-level", Env: "GALLEY_SPLIT_LEVEL", Key: "split_level", Group: "EPUB", Arg: "level", Default: "1",
		Usage: "EPUB: start a new file at headings of this level or higher", apply: integer(func(o *Options) *int { return &o.EPUB.SplitLevel }, 1, 6)},
	{Name: "footnotes", Env: "GALLEY_FOOTNOTES", Key: "footnotes", Group: "EPUB", Arg: "where", Default: "chapter",
		Usage: "EPUB: notes at the end of each chapter, or of the book", apply: choice(func(o *Options) *Footnotes { return &o.EPUB.Footnotes }, NotesPerChapter, NotesPerBook)},
	{Name: "embed-fonts", Env: "GALLEY_EMBED_FONTS", Key: "embed_fonts", Group: "EPUB",
		Usage: "EPUB: embed subsets of the fonts the text is set in", apply: boolean(func(o *Options) *bool { return &o.EPUB.EmbedFonts })},

	// Resources
	{Name: "cover", Env: "GALLEY_COVER", Key: "cover", Group: "Resources", Arg: "file", Shown: "front matter's, else generated",
		Usage: "cover image (PNG or JPEG), also the PDF's first page", apply: func(o *Options, v string) error {
			o.Resources.Cover = v
			o.PDF.Cover = o.PDF.Cover || v != ""
			return nil
		}},
	{Name: "resource-path", Env: "GALLEY_RESOURCE_PATH", Key: "resource_paths", Group: "Resources", Arg: "directory", Repeat: true,
		Usage: "more directories images and mdBook {{#include}}s may be read from; nothing outside the input's directory and these is read",
		apply: paths(func(o *Options) *[]string { return &o.Resources.Paths })},
	{Name: "site-root", Env: "GALLEY_SITE_ROOT", Key: "site_root", Group: "Resources", Arg: "directory", Shown: "refused",
		Usage: "absolute image paths (/img/a.png) are read from here", apply: text(func(o *Options) *string { return &o.Resources.SiteRoot })},
	{Name: "allow-remote", Env: "GALLEY_ALLOW_REMOTE", Key: "allow_remote", Group: "Resources",
		Usage: "fetch http(s) images (within the remote limits); off: their alt text is shown", apply: boolean(func(o *Options) *bool { return &o.Resources.AllowRemote })},

	// Limits
	{Name: "max-image-bytes", Env: "GALLEY_MAX_IMAGE_BYTES", Key: "max_image_bytes", Group: "Limits", Arg: "size", Default: "32MiB",
		Usage: "largest image file", apply: size(func(o *Options) *int64 { return &o.Limits.MaxImageBytes })},
	{Name: "max-image-side", Env: "GALLEY_MAX_IMAGE_SIDE", Key: "max_image_side", Group: "Limits", Arg: "pixels", Default: "16384",
		Usage: "widest or tallest image", apply: integer(func(o *Options) *int { return &o.Limits.MaxImageSide }, 1, 1<<20)},
	{Name: "max-image-pixels", Env: "GALLEY_MAX_IMAGE_PIXELS", Key: "max_image_pixels", Group: "Limits", Arg: "pixels", Default: "40000000",
		Usage: "largest image area, what decoding allocates", apply: size(func(o *Options) *int64 { return &o.Limits.MaxImagePixels })},
	{Name: "max-depth", Env: "GALLEY_MAX_DEPTH", Key: "max_depth", Group: "Limits", Arg: "n", Default: "64",
		Usage: "deepest nesting of lists, quotes and emphasis", apply: integer(func(o *Options) *int { return &o.Limits.MaxDepth }, 1, 10000)},
	{Name: "max-footnotes", Env: "GALLEY_MAX_FOOTNOTES", Key: "max_footnotes", Group: "Limits", Arg: "n", Default: "50000",
		Usage: "most footnote definitions", apply: integer(func(o *Options) *int { return &o.Limits.MaxFootnotes }, 1, 1<<30)},
	{Name: "max-remote-bytes", Env: "GALLEY_MAX_REMOTE_BYTES", Key: "max_remote_bytes", Group: "Limits", Arg: "size", Default: "16MiB",
		Usage: "largest remote image", apply: size(func(o *Options) *int64 { return &o.Limits.MaxRemoteBytes })},
	{Name: "remote-timeout", Env: "GALLEY_REMOTE_TIMEOUT", Key: "remote_timeout", Group: "Limits", Arg: "duration", Default: "30s",
		Usage: "longest fetch of one remote image", apply: duration(func(o *Options) *time.Duration { return &o.Limits.RemoteTimeout })},

	// Run: settings of a whole batch, not of one document.
	{Name: "jobs", Env: "GALLEY_JOBS", Group: "Run", Arg: "n", Default: strconv.Itoa(runtime.GOMAXPROCS(0)), Shown: "number of CPUs",
		Usage: "build n documents at once", apply: integer(func(o *Options) *int { return &o.Run.Jobs }, 1, 1024)},
	{Name: "quiet", Env: "GALLEY_QUIET", Group: "Run",
		Usage: "no progress bar: plain lines (also when not a terminal, or CI=true)", apply: boolean(func(o *Options) *bool { return &o.Run.Quiet })},
	{Name: "strict", Env: "GALLEY_STRICT", Group: "Run", Shown: "off; on in check",
		Usage: "exit with status 3 when there are warnings", apply: boolean(func(o *Options) *bool { return &o.Run.Strict })},
	{Name: "diagnostics", Env: "GALLEY_DIAGNOSTICS", Group: "Run", Arg: "form", Default: "text",
		Usage: "diagnostics on stderr: text (file:line:col: severity: message) or json",
		apply: choice(func(o *Options) *DiagnosticsForm { return &o.Run.Diagnostics }, DiagnosticsText, DiagnosticsJSON)},
	{Name: "manifest", Env: "GALLEY_MANIFEST", Group: "Run", Arg: "file", Writes: true,
		Usage: "write a JSON manifest of the artifacts", apply: text(func(o *Options) *string { return &o.Run.Manifest })},
}

func text(field func(*Options) *string) func(*Options, string) error {
	return func(o *Options, v string) error {
		*field(o) = v
		return nil
	}
}

func boolean(field func(*Options) *bool) func(*Options, string) error {
	return func(o *Options, v string) error {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		*field(o) = b
		return nil
	}
}

func integer(field func(*Options) *int, lo, hi int) func(*Options, string) error {
	return func(o *Options, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("%q is not a whole number from %d to %d", v, lo, hi)
		}
		*field(o) = n
		return nil
	}
}

// choice sets a typed value that must be one of values (in any case).
func choice[T ~string](field func(*Options) *T, values ...T) func(*Options, string) error {
	return func(o *Options, v string) error {
		t := T(strings.ToLower(strings.TrimSpace(v)))
		if !slices.Contains(values, t) {
			want := make([]string, len(values))
			for i, w := range values {
				want[i] = string(w)
			}
			return fmt.Errorf("%q: want %s", v, strings.Join(want, ", "))
		}
		*field(o) = t
		return nil
	}
}

// paths adds a list of paths separated like PATH.
func paths(field func(*Options) *[]string) func(*Options, string) error {
	return func(o *Options, v string) error {
		for _, p := range filepath.SplitList(v) {
			if p != "" {
				*field(o) = append(*field(o), p)
			}
		}
		return nil
	}
}

// directories adds a list of paths separated like PATH, each of which
// must be a directory.
func directories(field func(*Options) *[]string) func(*Options, string) error {
	add := paths(field)
	return func(o *Options, v string) error {
		for _, p := range filepath.SplitList(v) {
			if st, err := os.Stat(p); p != "" && (err != nil || !st.IsDir()) {
				return fmt.Errorf("%s is not a directory", p)
			}
		}
		return add(o, v)
	}
}

// size reads a count of bytes (or pixels), with an optional binary suffix:
// 512, 64KiB, 32MiB, 1GiB.
func size(field func(*Options) *int64) func(*Options, string) error {
	return func(o *Options, v string) error {
		s, mult := strings.TrimSpace(v), int64(1)
		for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
			if strings.HasSuffix(s, suffix) {
				s, mult = strings.TrimSuffix(s, suffix), m
			}
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 || n > (1<<62)/mult {
			return fmt.Errorf("%q is not a positive size (e.g. 512, 64KiB, 32MiB)", v)
		}
		*field(o) = n * mult
		return nil
	}
}

func duration(field func(*Options) *time.Duration) func(*Options, string) error {
	return func(o *Options, v string) error {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration (e.g. 30s, 2m)", v)
		}
		*field(o) = d
		return nil
	}
}
