// Package cli is the galley command: its commands, flags, exit codes and
// the process's set-up (memory limit, huge pages, profiles). cmd/galley's
// main only calls Main; the code and its tests live here so that the tests
// are not of a main package, which go test would compile, with all its
// dependencies, once more under the command's PGO profile.
package cli

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

// version is set at link time with
// -ldflags "-X github.com/galley-pub/galley/cmd/galley/internal/cli.version=…".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK       = 0
	exitError    = 1 // an input has errors, or an artifact could not be written
	exitUsage    = 2 // bad flags or arguments
	exitWarnings = 3 // warnings, with --strict (and by default in check)

	exitInterrupted = 130 // SIGINT or SIGTERM: stopped at the next block, page or chapter, no partial file
)

// stdio is a command's standard streams.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// Main runs the galley command line args (without the program's name) in
// this process, whose environment it reads and whose memory it sets up,
// and returns its exit code.
func Main(args []string) int {
	if len(args) > 0 && laysOut(args[0]) {
		adviseHugePages(os.Getenv, thpEnabledFile, overcommitFile, memoryFloor)
	}
	limitMemory(os.Getenv, memoryFloor, memoryLiftAt, memoryGrowth)
	stop := startProfile(os.Stderr)
	code := run(args, stdio{os.Stdin, os.Stdout, os.Stderr})
	stop()
	return code
}

const usage = `galley turns Markdown into a PDF handout and an EPUB 3 e-book.

Usage:
  galley build [flags] INPUT... [-o OUTDIR]   write OUTDIR/NAME.pdf and OUTDIR/NAME.epub
  galley check [flags] INPUT...               report every diagnostic, write nothing
  galley watch [flags] INPUT... [-o OUTDIR]   build, then rebuild what changes
  galley init DIR                             write a starter handout and book into DIR
  galley tree [--to text|json] INPUT          print the document tree after the passes
  galley completion bash|zsh|fish             print a shell completion script
  galley man                                  print the manual page (roff)
  galley version                              print the version
  galley help [COMMAND]                       show help

An INPUT is a Markdown file, a book (a directory with book.yaml or SUMMARY.md),
or - for standard input; -o - with one --format writes the artifact to standard
output. Exit codes: 0 success; 1 errors in an input or while writing; 2 bad
usage; 3 warnings with --strict; 130 interrupted.
Run 'galley build --help' for the build flags, their GALLEY_* variables and
book.yaml keys.
`

// commandNames lists every command, for completion.
var commandNames = []string{"build", "check", "completion", "help", "init", "man", "tree", "version", "watch"}

// command returns the command called name, or nil (help and version are
// run's own).
func command(name string) func(args []string, std stdio) int {
	switch name {
	case "build", "check":
		return func(args []string, std stdio) int { return runBatch(name, args, std) }
	case "watch":
		return runWatch
	case "init":
		return runInit
	case "tree":
		return runTree
	case "completion":
		return runCompletion
	case "man":
		return runMan
	}
	return nil
}

// laysOut reports whether the command named builds documents (build,
// check, watch, tree): the commands whose heap grows with a book, which
// adviseHugePages prepares for. The others (version, help, completion,
// man, init) are spared its 2 to 5 ms.
func laysOut(name string) bool {
	switch name {
	case "build", "check", "watch", "tree":
		return true
	}
	return false
}

func run(args []string, std stdio) int {
	if len(args) == 0 {
		return usageError(std, "galley", errors.New("no command"), "help")
	}
	if cmd := command(args[0]); cmd != nil {
		return cmd(args[1:], std)
	}
	switch args[0] {
	case "version", "--version", "-version":
		fmt.Fprintf(std.out, "galley %s\n", version)
		return exitOK
	case "help", "--help", "-help", "-h":
		if len(args) > 1 {
			if command(args[1]) != nil {
				return run([]string{args[1], "--help"}, std)
			}
			return usageError(std, "galley help", fmt.Errorf("unknown command %q", args[1]), "help")
		}
		fmt.Fprint(std.out, usage)
		return exitOK
	}
	return usageError(std, "galley", fmt.Errorf("unknown command %q", args[0]), "help")
}

// usageError prints a usage error in one line and where help is, and
// returns exitUsage. help is the command whose --help to name, or "help".
func usageError(std stdio, who string, err error, help string) int {
	pointer := "galley " + help + " --help"
	if help == "help" {
		pointer = "galley help"
	}
	fmt.Fprintf(std.err, "%s: %v\nRun '%s' for usage.\n", who, err, pointer)
	return exitUsage
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, as `galley build in.md -o out` expects. A lone
// "-" is a positional argument (standard input).
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

const treeUsage = `Usage: galley tree [--to text|json] INPUT

Prints the document tree after the shared passes.

Flags:
`

func runTree(args []string, std stdio) int {
	fs := flag.NewFlagSet("galley tree", flag.ContinueOnError)
	fs.SetOutput(std.err)
	fs.Usage = func() {}
	to := fs.String("to", "text", "output `form`: text or json")
	inputs, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(std.out)
		fmt.Fprint(std.out, treeUsage)
		fs.PrintDefaults()
		return exitOK
	case err != nil:
		return usageError(std, "galley tree", err, "tree")
	case len(inputs) != 1:
		return usageError(std, "galley tree", fmt.Errorf("want one INPUT, not %d", len(inputs)), "tree")
	case *to != "text" && *to != "json":
		return usageError(std, "galley tree", fmt.Errorf("--to %q: want text or json", *to), "tree")
	}
	b, err := export.NewBuilder()
	if err != nil {
		fmt.Fprintf(std.err, "galley: %v\n", err)
		return exitError
	}
	var diags diag.List
	d, err := b.Read(inputs[0], &diags)
	for _, d := range diags.Items() {
		fmt.Fprintln(std.err, d.String())
	}
	if err != nil {
		fmt.Fprintf(std.err, "galley: %v\n", err)
		return exitError
	}
	if *to == "json" {
		j, err := doc.JSON(d)
		if err != nil {
			fmt.Fprintf(std.err, "galley: %v\n", err)
			return exitError
		}
		std.out.Write(j)
	} else if err := doc.Dump(std.out, d); err != nil {
		fmt.Fprintf(std.err, "galley: %v\n", err)
		return exitError
	}
	if diags.HasErrors() {
		return exitError
	}
	return exitOK
}
