// Package options is galley's one options model: every setting of a build,
// grouped as Output, PDF, EPUB, Resources, Limits and Run, with typed
// values, its defaults and its validation written once.
//
// Each setting is a row of one table (Settings, table.go). The command
// line's flags, the GALLEY_* environment variables, the keys of a book's
// book.yaml `output:` section, the help text and the README's table are
// all made from that table, so that a setting cannot have one form without
// the others.
//
// Precedence, highest first: a flag; its GALLEY_* variable; book.yaml
// (books only); the default. Options.Given records which settings the
// command line or the environment fixed, so that a book's file sets only
// the others.
package options

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
)

// Format is an output format.
type Format string

// The formats.
const (
	FormatPDF  Format = "pdf"
	FormatEPUB Format = "epub"
)

// Paper names a paper size; PaperAuto picks one from the document's
// language (see layout.PaperFor).
type Paper string

// The paper sizes.
const (
	PaperAuto   Paper = ""
	PaperA4     Paper = "a4"
	PaperLetter Paper = "letter"
	PaperA5     Paper = "a5"
)

// ChapterStart is where a PDF chapter (a level-1 heading) starts.
type ChapterStart string

// The chapter starts.
const (
	StartNone  ChapterStart = "none"  // where it falls (handouts)
	StartPage  ChapterStart = "page"  // a new page (books)
	StartRight ChapterStart = "right" // a new right-hand (odd) page
)

// Imposition is how the PDF's pages are put on the printed sheets.
type Imposition string

// The impositions.
const (
	OnePerSheet Imposition = ""        // each page on a sheet of its own
	TwoUp       Imposition = "n-up-2"  // two pages side by side on a landscape sheet
	Booklet     Imposition = "booklet" // two pages a side in the order that folds
)

// Footnotes is where the EPUB puts the notes.
type Footnotes string

// The footnote placements.
const (
	NotesPerChapter Footnotes = "chapter" // at the end of the chapter that first cites each
	NotesPerBook    Footnotes = "book"    // together in a Notes file after the last chapter
)

// Appendix is what the further-reading appendix lists.
type Appendix string

// The appendix's contents.
const (
	AppendixAll        Appendix = "all"        // the front matter's references, then every link cited (3,850 in the Cargo book)
	AppendixReferences Appendix = "references" // the front matter's references alone
	AppendixNone       Appendix = "none"       // no appendix
)

// DiagnosticsForm is how diagnostics are printed on stderr.
type DiagnosticsForm string

// The diagnostics forms.
const (
	DiagnosticsText DiagnosticsForm = "text" // file:line:col: severity: message
	DiagnosticsJSON DiagnosticsForm = "json" // one JSON array at the end
)

// Options is every setting of a build.
type Options struct {
	Output    Output
	PDF       PDF
	EPUB      EPUB
	Resources Resources
	Limits    Limits
	Run       Run

	// Given names the settings fixed by the command line or the
	// environment: a book's book.yaml does not change them.
	Given map[string]bool
}

// Output is what is written, and where.
type Output struct {
	Dir            string   // the output directory
	Name           string   // base name of the artifacts; empty: the input's
	Formats        []Format // in the order written
	TOCDepth       int      // deepest heading level in both tables of contents
	NumberChapters bool     // books: number the chapters
	NumberSections bool     // books: number the sections of numbered chapters
	// LinkBase is the URL the input is published at (http or https, its
	// path ending with "/"): a relative link to a page that is neither in
	// the book nor in the e-book is resolved against it. Empty: such a
	// link is left out.
	LinkBase string
	Appendix Appendix // what the further-reading appendix lists
	// Metadata are -M key=value pairs, in order: they replace the front
	// matter's and book.yaml's values of those keys.
	Metadata []Metadata
	// Omit are the classes (lower case) of the fenced divs both outputs
	// leave out: a student edition without "solution" boxes.
	Omit []string
}

// Metadata is one metadata key set on the command line.
type Metadata struct{ Key, Value string }

// MetadataValue returns the value the command line's metadata sets key
// to (the last, when it sets it more than once), and whether it does.
func (o Output) MetadataValue(key string) (string, bool) {
	value, found := "", false
	for _, m := range o.Metadata {
		if m.Key == key {
			value, found = m.Value, true
		}
	}
	return value, found
}

// PDF is the printed handout's settings.
type PDF struct {
	Paper        Paper
	Cover        bool // the cover (given or generated) on the first page
	ChapterStart ChapterStart
	Booklet      bool // impose as a booklet (A5 pages on A4 unless Paper is set)
	NUp          int  // pages a side of a sheet: 1 or 2
	Columns      int  // columns of text on a page: 1 or 2
	HolePunch    bool // a left margin clear of punched holes
	RaggedRight  bool // body text ragged right instead of justified
	QR           bool // a QR code beside each further-reading entry with a URL
	FontDirs     []string
}

// Imposition is the imposition the settings ask for.
func (p PDF) Imposition() Imposition {
	switch {
	case p.Booklet:
		return Booklet
	case p.NUp == 2:
		return TwoUp
	}
	return OnePerSheet
}

// EPUB is the e-book's settings.
type EPUB struct {
	SplitLevel int // a new XHTML file at headings of this level or higher
	Footnotes  Footnotes
	EmbedFonts bool // pack subsets of the fonts the text is set in
}

// Resources is what a build may read besides its sources.
type Resources struct {
	Cover       string   // a cover image file; overrides the front matter's
	Paths       []string // more directories images and mdBook includes may be read from
	SiteRoot    string   // absolute image paths ("/img/a.png") resolve here; empty: refused
	AllowRemote bool     // fetch http(s) images, within Limits
}

// Limits bound what one build reads and holds, so that a hostile document
// gets a clear error instead of exhausting memory or time.
type Limits struct {
	MaxImageBytes  int64         // one image file
	MaxImageSide   int           // pixels per side
	MaxImagePixels int64         // width × height, what decoding allocates
	MaxDepth       int           // nesting of the tree's nodes
	MaxFootnotes   int           // footnote definitions
	MaxRemoteBytes int64         // one remote image
	RemoteTimeout  time.Duration // one remote fetch
}

// Run is how a command runs its batch of inputs.
type Run struct {
	Jobs        int // inputs built at once
	Quiet       bool
	Strict      bool // warnings make the exit status 3
	Diagnostics DiagnosticsForm
	Manifest    string // a JSON manifest of the artifacts is written here

	// Modified dates the outputs (SOURCE_DATE_EPOCH, else the input's
	// modification time); zero: 1980-01-01.
	Modified time.Time
	// NoWrite renders every artifact and reports its diagnostics but
	// writes nothing (galley check).
	NoWrite bool
	// Stdin is what the input "-" reads.
	Stdin io.Reader
}

// StdPath is the input that reads Run.Stdin and the output directory that
// puts the one artifact on standard output (Result.Stdout).
const StdPath = "-"

// Defaults returns every setting at its default, as the table gives it.
func Defaults() Options {
	var o Options
	for _, s := range Settings {
		if s.Default == "" || s.Default == "false" {
			continue
		}
		if err := s.apply(&o, s.Default); err != nil {
			panic(fmt.Sprintf("options: default of %s: %v", s.Name, err)) // the table is wrong
		}
	}
	o.Given = map[string]bool{}
	return o
}

// Validate reports settings out of their range and settings that exclude
// each other. Options made other than from Defaults() fail here: a zero
// limit or level is not a default.
func (o Options) Validate() error {
	var bad []string
	check := func(ok bool, what string) {
		if !ok {
			bad = append(bad, what)
		}
	}
	check(len(o.Output.Formats) > 0, "no output format")
	check(o.Output.Dir != StdPath || len(o.Output.Formats) == 1, "-o - writes one artifact to standard output: give --format pdf or --format epub")
	check(o.Output.TOCDepth >= 1 && o.Output.TOCDepth <= 6, "toc-depth must be 1 to 6")
	check(o.EPUB.SplitLevel >= 1 && o.EPUB.SplitLevel <= 6, "split-level must be 1 to 6")
	check(o.PDF.NUp == 1 || o.PDF.NUp == 2, "n-up must be 1 or 2")
	check(o.PDF.Columns == 1 || o.PDF.Columns == 2, "columns must be 1 or 2")
	check(!(o.PDF.Booklet && o.PDF.NUp == 2), "booklet and n-up 2 exclude each other")
	check(o.EPUB.Footnotes == NotesPerChapter || o.EPUB.Footnotes == NotesPerBook, "footnotes must be chapter or book")
	check(o.Output.Appendix == AppendixAll || o.Output.Appendix == AppendixReferences || o.Output.Appendix == AppendixNone,
		"appendix must be all, references or none")
	check(o.PDF.ChapterStart == StartNone || o.PDF.ChapterStart == StartPage || o.PDF.ChapterStart == StartRight,
		"chapter-start must be none, page or right")
	l := o.Limits
	check(l.MaxImageBytes > 0 && l.MaxImageSide > 0 && l.MaxImagePixels > 0 && l.MaxDepth > 0 && l.MaxFootnotes > 0 &&
		l.MaxRemoteBytes > 0 && l.RemoteTimeout > 0, "every limit must be positive")
	if len(bad) > 0 {
		return fmt.Errorf("options: %s", strings.Join(bad, "; "))
	}
	return nil
}

// Set applies one setting by name, as the command line or the environment
// gives it, and records it as given.
func (o *Options) Set(name, value string) error {
	s := Lookup(name)
	if s == nil {
		return fmt.Errorf("unknown setting %q", name)
	}
	if err := s.apply(o, value); err != nil {
		return err
	}
	if o.Given == nil {
		o.Given = map[string]bool{}
	}
	o.Given[s.Name] = true
	return nil
}

// Clone returns a copy that shares no slice or map with o.
func (o Options) Clone() Options {
	c := o
	c.Output.Formats = append([]Format(nil), o.Output.Formats...)
	c.PDF.FontDirs = append([]string(nil), o.PDF.FontDirs...)
	c.Resources.Paths = append([]string(nil), o.Resources.Paths...)
	c.Output.Metadata = append([]Metadata(nil), o.Output.Metadata...)
	c.Output.Omit = append([]string(nil), o.Output.Omit...)
	c.Given = make(map[string]bool, len(o.Given))
	for k, v := range o.Given {
		c.Given[k] = v
	}
	return c
}

// ForBook returns the options of a book: the books' own defaults (chapters
// start on a new page), then its book.yaml `output:` settings, for every
// setting the command line and the environment left alone.
func (o Options) ForBook(file []Assignment) (Options, error) {
	b := o.Clone()
	for _, s := range Settings {
		if s.BookDefault != "" && !b.Given[s.Name] {
			if err := s.apply(&b, s.BookDefault); err != nil {
				return o, err
			}
		}
	}
	for _, a := range file {
		if b.Given[a.Setting.Name] {
			continue
		}
		if err := a.Setting.apply(&b, a.Value); err != nil {
			return o, fmt.Errorf("%s: %s: %w", a.Pos, a.Setting.Key, err)
		}
	}
	if err := b.Validate(); err != nil {
		return o, err
	}
	return b, nil
}

// ParseFormats reads a comma-separated list of formats.
func ParseFormats(v string) ([]Format, error) {
	var out []Format
	for _, f := range strings.Split(v, ",") {
		switch f := Format(strings.ToLower(strings.TrimSpace(f))); f {
		case FormatPDF, FormatEPUB:
			out = append(out, f)
		default:
			return nil, fmt.Errorf("unknown format %q (want pdf or epub)", f)
		}
	}
	return out, nil
}

// ParseLinkBase checks a link base: an absolute http or https URL with a
// host, returned with its path ending in "/" (a book's URL names its
// directory) and without query or fragment. Empty is no base.
func ParseLinkBase(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("link-base %q is not an http or https URL with a host", v)
	}
	u.RawQuery, u.Fragment = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}
