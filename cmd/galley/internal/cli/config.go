package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/options"
)

// parseBuildArgs parses the flags of build, check or watch (made from the
// options table) and the GALLEY_* environment, and dates the outputs from
// SOURCE_DATE_EPOCH. It returns the inputs and the options, or an exit
// code (≥ 0).
//
// --help (or -h) prints the help on stdout, exit status 0; a usage error
// is one line and a pointer to --help on stderr, exit status 2.
func parseBuildArgs(cmd string, args []string, std stdio) ([]string, options.Options, int) {
	stdout := std.out
	fs := flag.NewFlagSet("galley "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the errors are printed below, in one line
	fs.Usage = func() {}
	cl := options.NewCommandLine(fs, cmd != "check")
	fail := func(err error) ([]string, options.Options, int) {
		return nil, options.Options{}, usageError(std, "galley "+cmd, err, cmd)
	}
	inputs, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, commandUsage[cmd])
		options.PrintFlags(stdout, fs)
		return nil, options.Options{}, exitOK
	}
	if err != nil {
		return fail(err)
	}
	base := options.Defaults()
	base.Run.Strict = cmd == "check" // check is strict unless --strict=false
	base.Run.NoWrite = cmd == "check"
	base.Run.Stdin = std.in
	opts, err := cl.Options(base, os.LookupEnv)
	if err != nil {
		return fail(err)
	}
	if opts.Run.Modified, err = export.SourceDateEpoch(os.Getenv); err != nil {
		return fail(err)
	}
	if len(inputs) == 0 {
		return fail(errors.New("no input files"))
	}
	inputs = expandGlobs(inputs)
	if opts.Output.Name != "" && len(inputs) > 1 {
		return fail(fmt.Errorf("--name names the artifacts of one input; %d were given", len(inputs)))
	}
	if opts.Output.Dir == options.StdPath && len(inputs) > 1 {
		return fail(fmt.Errorf("-o - writes one artifact to standard output; %d inputs were given", len(inputs)))
	}
	if n := countStdin(inputs); n > 1 || cmd == "watch" && n > 0 {
		return fail(errors.New("standard input (-) can be read once, and not watched"))
	}
	return inputs, opts, -1
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

// countStdin counts the inputs that are standard input.
func countStdin(inputs []string) int {
	n := 0
	for _, in := range inputs {
		if in == options.StdPath {
			n++
		}
	}
	return n
}
