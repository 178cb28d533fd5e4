// Command galley turns Markdown into a printable PDF handout and an EPUB 3
// e-book.
//
//	galley build [flags] INPUT.md... -o OUTDIR
//	galley tree [--to text|json] INPUT.md
//	galley version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// version is set at link time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the input has errors, or an artifact could not be written
	exitUsage = 2 // bad flags or arguments
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `galley turns Markdown into a PDF handout and an EPUB 3 e-book.

Usage:
  galley build [flags] INPUT.md... [-o OUTDIR]   write OUTDIR/NAME.pdf and OUTDIR/NAME.epub
  galley tree [--to text|json] INPUT.md          print the document tree after the passes
  galley version                                 print the version
  galley help [COMMAND]                          show help

Exit codes: 0 success, 1 errors in the input or while writing, 2 bad usage.
Run 'galley build --help' for the build flags.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "tree":
		return runTree(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "galley %s\n", version)
		return exitOK
	case "help", "--help", "-help", "-h":
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "galley: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, as `galley build in.md -o out` expects.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("galley build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", ".", "output `directory`")
	formats := fs.String("format", "pdf,epub", "comma-separated output `formats`: pdf, epub")
	paper := fs.String("paper", "", "PDF paper `size`: a4, letter or a5 (default: letter for en-US and similar, else a4)")
	cover := fs.String("cover", "", "cover image `file` (PNG or JPEG), also drawn as the PDF's first page")
	pdfCover := fs.Bool("pdf-cover", false, "put the cover (given or generated) on the PDF's first page")
	tocDepth := fs.Int("toc-depth", 3, "deepest heading `level` in the tables of contents")
	split := fs.Int("split-level", 1, "EPUB: start a new file at headings of this `level` or higher")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: galley build [flags] INPUT.md... [-o OUTDIR]\n\nBuilds each INPUT.md into OUTDIR/NAME.pdf and OUTDIR/NAME.epub.\nSOURCE_DATE_EPOCH, when set, fixes the dates written into the outputs.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	inputs, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "galley build: no input files")
		fs.Usage()
		return exitUsage
	}
	opts := export.Options{OutDir: *out, Paper: strings.ToLower(*paper), CoverPath: *cover,
		PDFCover: *pdfCover || *cover != "", TOCDepth: *tocDepth, SplitLevel: *split}
	for _, f := range strings.Split(*formats, ",") {
		switch f := export.Format(strings.TrimSpace(strings.ToLower(f))); f {
		case export.PDF, export.EPUB:
			opts.Formats = append(opts.Formats, f)
		default:
			fmt.Fprintf(stderr, "galley build: unknown format %q (want pdf or epub)\n", f)
			return exitUsage
		}
	}
	if _, err := export.PaperFor(opts.Paper, ""); err != nil {
		fmt.Fprintf(stderr, "galley build: %v\n", err)
		return exitUsage
	}
	if *tocDepth < 1 || *tocDepth > 6 {
		fmt.Fprintln(stderr, "galley build: --toc-depth must be between 1 and 6")
		return exitUsage
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		fmt.Fprintf(stderr, "galley build: %v\n", err)
		return exitUsage
	}

	b, err := export.NewBuilder()
	if err != nil {
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitError
	}
	code := exitOK
	// Inputs are built on every core at once; reports come in input order.
	results, errs := b.BuildAll(inputs, func(in string) export.Options {
		o := opts
		o.Modified = epoch
		if o.Modified.IsZero() {
			o.Modified = modTime(in)
		}
		return o
	}, 0)
	for i, in := range inputs {
		res, err := results[i], errs[i]
		printDiagnostics(stderr, res.Diagnostics)
		if err != nil {
			var de *diag.Errors
			if !errors.As(err, &de) { // diagnostics are printed already
				fmt.Fprintf(stderr, "galley: %v\n", err)
			}
			code = exitError
			continue
		}
		for _, a := range res.Artifacts {
			fmt.Fprintf(stdout, "%s: wrote %s (%d bytes)\n", in, a.Path, a.Bytes)
		}
	}
	return code
}

func printDiagnostics(w io.Writer, ds []diag.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): the
// zero time when it is unset.
func sourceDateEpoch() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a non-negative integer", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// modTime is the input's modification time, the default date of its
// outputs: rebuilding an unchanged file gives the same bytes.
func modTime(path string) time.Time {
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	return st.ModTime().UTC().Truncate(time.Second)
}

func runTree(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("galley tree", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", "text", "output `form`: text or json")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: galley tree [--to text|json] INPUT.md\n\nPrints the document tree after the shared passes.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	inputs, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	if len(inputs) != 1 || (*to != "text" && *to != "json") {
		fs.Usage()
		return exitUsage
	}
	b, err := export.NewBuilder()
	if err != nil {
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitError
	}
	var diags diag.List
	d, err := b.Read(inputs[0], &diags)
	printDiagnostics(stderr, diags.Items())
	if err != nil {
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitError
	}
	if *to == "json" {
		j, err := doc.JSON(d)
		if err != nil {
			fmt.Fprintf(stderr, "galley: %v\n", err)
			return exitError
		}
		stdout.Write(j)
	} else if err := doc.Dump(stdout, d); err != nil {
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitError
	}
	if diags.HasErrors() {
		return exitError
	}
	return exitOK
}
