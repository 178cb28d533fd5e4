package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/galley-pub/galley/export"
)

const buildUsage = `Usage: galley build [flags] INPUT... [-o OUTDIR]

Builds each INPUT into OUTDIR/NAME.pdf and OUTDIR/NAME.epub, several at a
time. An INPUT is a Markdown file, or a book: a directory holding book.yaml
or SUMMARY.md (or that file itself).

Settings come from, in order of precedence: the flags below; the GALLEY_*
environment variable named in brackets; a book's book.yaml "output"
section; the defaults shown. SOURCE_DATE_EPOCH, when set, fixes the dates
written into the outputs (otherwise the sources' modification time).

Exit status: 0 success; 1 an input has errors or an artifact could not be
written; 2 bad usage; 3 warnings with --strict (the artifacts are written).

Flags:
`

const checkUsage = `Usage: galley check [flags] INPUT...

Reads and renders each INPUT (Markdown file or book) in memory, writing
nothing, and prints every diagnostic: broken internal and cross-file links,
missing images, images without alt text, characters the fonts lack,
unknown front-matter keys, and the errors a build would stop on.

Exit status: 0 clean; 1 errors; 2 bad usage; 3 warnings (check is strict
unless --strict=false).

Flags:
`

// runBuild is `galley build`; runCheck is `galley check`.
func runBuild(args []string, stdout, stderr io.Writer) int {
	return runBatch("build", args, stdout, stderr)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	return runBatch("check", args, stdout, stderr)
}

// parseBuildArgs parses the flags of build, check or watch and the
// GALLEY_* environment. It returns the inputs, or an exit code.
func parseBuildArgs(cmd string, args []string, stderr io.Writer, c *buildConfig) ([]string, export.Options, int) {
	fs := flag.NewFlagSet("galley "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	registerBuildFlags(fs, c, cmd != "check")
	fs.Usage = func() {
		switch cmd {
		case "check":
			fmt.Fprint(stderr, checkUsage)
		case "watch":
			fmt.Fprint(stderr, watchUsage)
		default:
			fmt.Fprint(stderr, buildUsage)
		}
		fs.PrintDefaults()
		printEnvInEffect(stderr, fs)
	}
	inputs, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, export.Options{}, exitOK
	}
	if err != nil {
		return nil, export.Options{}, exitUsage
	}
	if err := applyEnv(fs, c); err != nil {
		fmt.Fprintf(stderr, "galley %s: %v\n", cmd, err)
		return nil, export.Options{}, exitUsage
	}
	opts, err := c.options()
	if err != nil {
		fmt.Fprintf(stderr, "galley %s: %v\n", cmd, err)
		return nil, opts, exitUsage
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "galley %s: no input files\n", cmd)
		fs.Usage()
		return nil, opts, exitUsage
	}
	return expandGlobs(inputs), opts, -1
}

// expandGlobs expands patterns the shell left alone (quoted, or on a
// system whose shell does not expand them); other inputs are kept as given.
func expandGlobs(inputs []string) []string {
	var out []string
	for _, in := range inputs {
		if _, err := os.Stat(in); err != nil && strings.ContainsAny(in, "*?[") {
			if m, _ := filepath.Glob(in); len(m) > 0 {
				out = append(out, m...)
				continue
			}
		}
		out = append(out, in)
	}
	return out
}

// runBatch builds (or checks) every input in parallel and reports.
func runBatch(cmd string, args []string, stdout, stderr io.Writer) int {
	var c buildConfig
	inputs, opts, code := parseBuildArgs(cmd, args, stderr, &c)
	if code >= 0 {
		return code
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		fmt.Fprintf(stderr, "galley %s: %v\n", cmd, err)
		return exitUsage
	}
	b, err := export.NewBuilder()
	if err != nil {
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitError
	}
	opts.NoWrite = cmd == "check"
	optsFor := optionsFor(opts, epoch)
	rep := newReporter(stdout, stderr, &c, cmd == "check")
	rep.begin(len(inputs))
	ctx, stop := interruptible()
	defer stop()
	outs := buildAll(ctx, b, inputs, optsFor, c.jobs, rep.finish)
	if ctx.Err() != nil {
		rep.clear()
		fmt.Fprintln(stderr, "galley: interrupted; the remaining inputs were not built")
		return exitInterrupted
	}
	rep.end(outs)
	code = exitCode(outs, c.strict)
	if c.manifest != "" {
		if err := writeManifest(c.manifest, outs); err != nil {
			fmt.Fprintf(stderr, "galley: %v\n", err)
			return exitError
		}
	}
	return code
}

// exitCode is 1 when an input failed, else 3 when strict and there are
// warnings, else 0.
func exitCode(outs []outcome, strict bool) int {
	warned := false
	for _, o := range outs {
		w, e := o.counts()
		if o.err != nil || e > 0 {
			return exitError
		}
		warned = warned || w > 0
	}
	if strict && warned {
		return exitWarnings
	}
	return exitOK
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

// optionsFor returns the options of each input: opts, dated epoch
// (SOURCE_DATE_EPOCH) when set, else the input's modification time.
func optionsFor(opts export.Options, epoch time.Time) func(input string) export.Options {
	return func(in string) export.Options {
		o := opts
		o.Modified = epoch
		if o.Modified.IsZero() {
			o.Modified = modTime(in)
		}
		return o
	}
}

// modTime is the input's modification time, the default date of its
// outputs: rebuilding an unchanged source gives the same bytes. For a book
// it is the newest file in the book's directory.
func modTime(path string) time.Time {
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	if export.IsBook(path) {
		dir := path
		if !st.IsDir() {
			dir = filepath.Dir(path)
		}
		latest := st.ModTime()
		filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if fi, err := d.Info(); err == nil && fi.ModTime().After(latest) {
					latest = fi.ModTime()
				}
			}
			return nil
		})
		return latest.UTC().Truncate(time.Second)
	}
	return st.ModTime().UTC().Truncate(time.Second)
}
