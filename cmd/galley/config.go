package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/galley-pub/galley/export"
)

// buildConfig is every setting of build, check and watch, after the
// flags, the GALLEY_* environment and the defaults have been combined.
type buildConfig struct {
	out          string
	formats      string
	paper        string
	cover        string
	pdfCover     bool
	tocDepth     int
	splitLevel   int
	chapterStart string
	booklet      bool
	nUp          int
	holePunch    bool
	ragged       bool
	qr           bool
	fontDirs     []string
	resources    pathList
	allowRemote  bool
	footnotes    string
	embedFonts   bool
	jobs         int
	quiet        bool
	strict       bool
	diagnostics  string // "text" or "json"
	manifest     string

	set map[string]bool // settings given by a flag or the environment
}

// envSetting is one setting that a GALLEY_* variable can give.
type envSetting struct {
	flag, env string
}

// envSettings lists the variables, by flag name. The precedence is: a flag
// on the command line, then the variable, then book.yaml's output section
// (books only), then the built-in default.
var envSettings = []envSetting{
	{"o", "GALLEY_OUT"},
	{"format", "GALLEY_FORMAT"},
	{"paper", "GALLEY_PAPER"},
	{"toc-depth", "GALLEY_TOC_DEPTH"},
	{"split-level", "GALLEY_SPLIT_LEVEL"},
	{"chapter-start", "GALLEY_CHAPTER_START"},
	{"jobs", "GALLEY_JOBS"},
	{"quiet", "GALLEY_QUIET"},
	{"strict", "GALLEY_STRICT"},
	{"diagnostics", "GALLEY_DIAGNOSTICS"},
	{"manifest", "GALLEY_MANIFEST"},
}

// registerBuildFlags defines the flags of build, check and watch on fs.
// check writes nothing, so it has no -o or --manifest, and is strict by
// default.
func registerBuildFlags(fs *flag.FlagSet, c *buildConfig, writes bool) {
	if writes {
		fs.StringVar(&c.out, "o", ".", "output `directory` [GALLEY_OUT]")
		fs.StringVar(&c.manifest, "manifest", "", "write a JSON manifest of the artifacts to `file` [GALLEY_MANIFEST]")
	}
	fs.StringVar(&c.formats, "format", "pdf,epub", "comma-separated output `formats`: pdf, epub [GALLEY_FORMAT]")
	fs.StringVar(&c.paper, "paper", "", "PDF paper `size`: a4, letter or a5 (default: the book's, else letter for en-US and similar, else a4) [GALLEY_PAPER]")
	fs.StringVar(&c.cover, "cover", "", "cover image `file` (PNG or JPEG), also drawn as the PDF's first page")
	fs.BoolVar(&c.pdfCover, "pdf-cover", false, "put the cover (given or generated) on the PDF's first page")
	fs.IntVar(&c.tocDepth, "toc-depth", 3, "deepest heading `level` in the tables of contents [GALLEY_TOC_DEPTH]")
	fs.IntVar(&c.splitLevel, "split-level", 1, "EPUB: start a new file at headings of this `level` or higher [GALLEY_SPLIT_LEVEL]")
	fs.StringVar(&c.chapterStart, "chapter-start", "", "PDF: level-1 headings start `where`: none, page or right (default: page for books, none for handouts) [GALLEY_CHAPTER_START]")
	fs.BoolVar(&c.booklet, "booklet", false, "PDF: impose as a booklet to fold, two pages a side (A5 pages on A4 unless --paper is given)")
	fs.IntVar(&c.nUp, "n-up", 1, "PDF: `pages` on each side of a sheet, 1 or 2 (2: side by side on a landscape sheet)")
	fs.BoolVar(&c.holePunch, "hole-punch", false, "PDF: a left margin of 30 mm, clear of punched holes")
	fs.BoolVar(&c.ragged, "ragged-right", false, "PDF: set body text flush left, ragged right, instead of justified")
	fs.BoolVar(&c.qr, "qr", false, "PDF: print a QR code beside each further-reading entry with a URL")
	fs.Func("font-dir", "PDF: a `directory` of TrueType fonts for characters the embedded fonts lack, searched before /usr/share/fonts (repeatable)", func(dir string) error {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return fmt.Errorf("%s is not a directory", dir)
		}
		c.fontDirs = append(c.fontDirs, dir)
		return nil
	})
	fs.Var(&c.resources, "resource-path", "more `directories` images may be read from (repeat, or separate with "+string(filepath.ListSeparator)+"); nothing outside the document's directory and these is read")
	fs.BoolVar(&c.allowRemote, "allow-remote", false, "fetch http(s) images (30 s timeout, 16 MiB cap); off: their alt text is shown")
	fs.StringVar(&c.footnotes, "footnotes", "chapter", "EPUB: put the notes at the end of each `chapter`, or of the book")
	fs.BoolVar(&c.embedFonts, "embed-fonts", false, "EPUB: embed the fonts the text is set in (subsets: only the characters the book shows)")
	fs.IntVar(&c.jobs, "jobs", runtime.GOMAXPROCS(0), "build `n` documents at once [GALLEY_JOBS]")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress bar: plain lines (also when not a terminal or CI=true) [GALLEY_QUIET]")
	fs.BoolVar(&c.strict, "strict", !writes, "exit with status 3 when there are warnings [GALLEY_STRICT]")
	fs.StringVar(&c.diagnostics, "diagnostics", "text", "diagnostics `form` on stderr: text (file:line:col: severity: message) or json [GALLEY_DIAGNOSTICS]")
}

// applyEnv sets every flag not given on the command line from its GALLEY_*
// variable, and records which settings were given either way.
func applyEnv(fs *flag.FlagSet, c *buildConfig) error {
	c.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.set[f.Name] = true })
	for _, s := range envSettings {
		v, ok := os.LookupEnv(s.env)
		if !ok || c.set[s.flag] || fs.Lookup(s.flag) == nil {
			continue
		}
		if err := fs.Set(s.flag, v); err != nil {
			return fmt.Errorf("%s=%q: %v", s.env, v, err)
		}
		c.set[s.flag] = true
	}
	return nil
}

// printEnvInEffect lists the GALLEY_* variables that are set, which
// override the defaults printed above them.
func printEnvInEffect(w io.Writer, fs *flag.FlagSet) {
	first := true
	for _, s := range envSettings {
		v, ok := os.LookupEnv(s.env)
		if !ok || fs.Lookup(s.flag) == nil {
			continue
		}
		if first {
			fmt.Fprintln(w, "\nSet in the environment (overriding the defaults above):")
			first = false
		}
		fmt.Fprintf(w, "  %s=%q\n", s.env, v)
	}
}

// options turns the settings into build options. Settings that were not
// given stay zero, so that a book's output section can supply them.
func (c *buildConfig) options() (export.Options, error) {
	opts := export.Options{OutDir: c.out, Paper: strings.ToLower(c.paper), CoverPath: c.cover,
		PDFCover: c.pdfCover || c.cover != "", HolePunch: c.holePunch, FontDirs: c.fontDirs, Ragged: c.ragged, QR: c.qr,
		ResourcePaths: c.resources, AllowRemote: c.allowRemote, Footnotes: c.footnotes, EmbedFonts: c.embedFonts}
	if c.footnotes != "chapter" && c.footnotes != "book" {
		return opts, fmt.Errorf("unknown --footnotes %q (want chapter or book)", c.footnotes)
	}
	switch {
	case c.nUp != 1 && c.nUp != 2:
		return opts, fmt.Errorf("--n-up must be 1 or 2")
	case c.booklet && c.nUp == 2:
		return opts, fmt.Errorf("--booklet and --n-up 2 exclude each other")
	case c.booklet:
		opts.Impose = "booklet"
	case c.nUp == 2:
		opts.Impose = "n-up-2"
	}
	if c.set["format"] {
		for _, f := range strings.Split(c.formats, ",") {
			switch f := export.Format(strings.TrimSpace(strings.ToLower(f))); f {
			case export.PDF, export.EPUB:
				opts.Formats = append(opts.Formats, f)
			default:
				return opts, fmt.Errorf("unknown format %q (want pdf or epub)", f)
			}
		}
	}
	if opts.Paper != "" {
		if _, err := export.PaperFor(opts.Paper, ""); err != nil {
			return opts, err
		}
	}
	if c.tocDepth < 1 || c.tocDepth > 6 {
		return opts, fmt.Errorf("--toc-depth must be between 1 and 6")
	}
	if c.set["toc-depth"] {
		opts.TOCDepth = c.tocDepth
	}
	if c.set["split-level"] {
		opts.SplitLevel = c.splitLevel
	}
	switch c.chapterStart {
	case "", "none", "page", "right":
		opts.ChapterStart = c.chapterStart
	default:
		return opts, fmt.Errorf("--chapter-start %q: want none, page or right", c.chapterStart)
	}
	if c.jobs < 1 {
		return opts, fmt.Errorf("--jobs must be at least 1")
	}
	if c.diagnostics != "text" && c.diagnostics != "json" {
		return opts, fmt.Errorf("--diagnostics %q: want text or json", c.diagnostics)
	}
	return opts, nil
}

// envTrue reports whether a variable such as CI is set to a true value.
func envTrue(name string) bool {
	v := os.Getenv(name)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	return err != nil || b // CI=yes counts as set
}
