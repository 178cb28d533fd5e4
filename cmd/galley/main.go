// Command galley turns Markdown into a printable PDF handout and an EPUB 3
// e-book.
//
//	galley build [flags] INPUT... -o OUTDIR
//	galley check [flags] INPUT...
//	galley watch [flags] INPUT... -o OUTDIR
//	galley init DIR
//	galley tree [--to text|json] INPUT
//	galley version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
)

// version is set at link time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK       = 0
	exitError    = 1 // an input has errors, or an artifact could not be written
	exitUsage    = 2 // bad flags or arguments
	exitWarnings = 3 // warnings, with --strict (and by default in check)

	exitInterrupted = 130 // SIGINT or SIGTERM: stopped between artifacts
)

func main() {
	stop := startProfile(os.Stderr)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `galley turns Markdown into a PDF handout and an EPUB 3 e-book.

Usage:
  galley build [flags] INPUT... [-o OUTDIR]   write OUTDIR/NAME.pdf and OUTDIR/NAME.epub
  galley check [flags] INPUT...               report every diagnostic, write nothing
  galley watch [flags] INPUT... [-o OUTDIR]   build, then rebuild what changes
  galley init DIR                             write a starter handout and book into DIR
  galley tree [--to text|json] INPUT          print the document tree after the passes
  galley version                              print the version
  galley help [COMMAND]                       show help

An INPUT is a Markdown file or a book (a directory with book.yaml or SUMMARY.md).
Exit codes: 0 success; 1 errors in an input or while writing; 2 bad usage;
3 warnings with --strict.
Run 'galley build --help' for the build flags and their GALLEY_* variables.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "watch":
		return runWatch(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
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

func printDiagnostics(w io.Writer, ds []diag.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
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
