package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/options"
)

// commandUsage is the text above the flags in each command's help.
var commandUsage = map[string]string{
	"build": `Usage: galley build [flags] INPUT... [-o OUTDIR]

Builds each INPUT into OUTDIR/NAME.pdf and OUTDIR/NAME.epub, several at a
time. An INPUT is a Markdown file, or a book: a directory holding book.yaml
or SUMMARY.md (or that file itself).

Settings come from, in order of precedence: the flags below; the GALLEY_*
environment variable named in brackets; a book's book.yaml "output"
section (the key named in brackets); the defaults shown. SOURCE_DATE_EPOCH,
when set, fixes the dates written into the outputs (otherwise the sources'
modification time).

Exit status: 0 success; 1 an input has errors or an artifact could not be
written; 2 bad usage; 3 warnings with --strict (the artifacts are written);
130 interrupted.
`,
	"check": `Usage: galley check [flags] INPUT...

Reads and renders each INPUT (Markdown file or book) in memory, writing
nothing, and prints every diagnostic: broken internal and cross-file links,
missing images, images without alt text, characters the fonts lack,
unknown front-matter keys, and the errors a build would stop on.

Exit status: 0 clean; 1 errors; 2 bad usage; 3 warnings (check is strict
unless --strict=false).
`,
	"watch": watchUsage,
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

// runBatch builds (or checks) every input in parallel and reports. With
// -o - the one artifact is the only thing written to stdout; the reports
// go to stderr.
func runBatch(cmd string, args []string, std stdio) int {
	inputs, opts, code := parseBuildArgs(cmd, args, std)
	if code >= 0 {
		return code
	}
	stdout, stderr := std.out, std.err
	b, err := export.NewBuilder()
	if err != nil {
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitError
	}
	toStdout := opts.Output.Dir == options.StdPath
	if toStdout {
		stdout = stderr
	}
	rep := newReporter(stdout, stderr, opts.Run, cmd == "check")
	rep.begin(len(inputs))
	ctx, stop := interruptible()
	defer stop()
	outs := b.BuildAll(ctx, inputs, opts, rep.finish)
	if ctx.Err() != nil {
		rep.clear()
		fmt.Fprintln(stderr, "galley: interrupted; the remaining inputs were not built")
		return exitInterrupted
	}
	rep.end(outs)
	code = exitCode(outs, opts.Run.Strict)
	if toStdout && code != exitError && outs[0].Result != nil {
		if _, err := std.out.Write(outs[0].Result.Stdout); err != nil {
			fmt.Fprintf(stderr, "galley: writing to standard output: %v\n", err)
			return exitError
		}
	}
	if opts.Run.Manifest != "" {
		if err := export.NewManifest(outs, "galley "+version).Write(opts.Run.Manifest); err != nil {
			fmt.Fprintf(stderr, "galley: %v\n", err)
			return exitError
		}
	}
	return code
}

// exitCode is 1 when an input failed, else 3 when strict and there are
// warnings, else 0.
func exitCode(outs []export.Outcome, strict bool) int {
	warned := false
	for _, o := range outs {
		w, e := o.Counts()
		if o.Err != nil || e > 0 {
			return exitError
		}
		warned = warned || w > 0
	}
	if strict && warned {
		return exitWarnings
	}
	return exitOK
}
