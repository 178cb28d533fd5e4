package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/options"
)

const watchUsage = `Usage: galley watch [flags] INPUT... [-o OUTDIR]

Builds every INPUT, then rebuilds an input when a file it read changes:
its Markdown, a book's book.yaml, SUMMARY.md and chapters, its images and
cover, and images it looked for and did not find. Diagnostics are printed
after each rebuild. Stop with Ctrl-C (exit status 130).

`

// debounce is how long watch waits after a change for more changes
// (editors often write a file in several steps) before rebuilding.
const debounce = 150 * time.Millisecond

func runWatch(args []string, std stdio) int {
	inputs, opts, code := parseBuildArgs("watch", args, std)
	if code >= 0 {
		return code
	}
	ctx, stop := interruptible()
	defer stop()
	return watch(ctx, inputs, opts, std.out, std.err, nil)
}

// watch builds the inputs, then rebuilds the affected ones on every change
// until ctx is done (exit status 130). After each round of builds it sends
// the outcomes on rounds, when that is not nil.
func watch(ctx context.Context, inputs []string, opts options.Options, stdout, stderr io.Writer, rounds chan<- []export.Outcome) int {
	b, err := export.NewBuilder()
	if err != nil {
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitError
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		fmt.Fprintf(stderr, "galley watch: %v\n", err)
		return exitError
	}
	defer w.Close()
	reads := newReadSets(inputs)
	buildRound := func(todo []string, rebuild bool) {
		rep := newReporter(stdout, stderr, opts.Run, false)
		rep.rebuild = rebuild
		rep.begin(len(todo))
		outs := b.BuildAll(context.Background(), todo, opts, rep.finish)
		rep.end(outs)
		for _, o := range outs {
			reads.update(o)
		}
		for _, dir := range reads.dirs() {
			if err := w.Add(dir); err != nil {
				fmt.Fprintf(stderr, "galley watch: %s: %v\n", dir, err)
			}
		}
		if rounds != nil {
			rounds <- outs
		}
	}
	buildRound(inputs, false)
	fmt.Fprintf(stdout, "watching %s for changes (Ctrl-C to stop)\n", plural(len(inputs), "input"))

	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return exitInterrupted
		case ev, ok := <-w.Events:
			if !ok {
				return exitError
			}
			if !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Rename) && !ev.Has(fsnotify.Remove) {
				continue
			}
			for _, in := range reads.affected(ev.Name) {
				pending[in] = true
			}
			if len(pending) > 0 {
				timer.Reset(debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return exitError
			}
			fmt.Fprintf(stderr, "galley watch: %v\n", err)
		case <-timer.C:
			var todo []string
			for _, in := range inputs { // in the order given
				if pending[in] {
					todo = append(todo, in)
				}
			}
			clear(pending)
			buildRound(todo, true)
		}
	}
}

// readSets holds, for each input, the files its last build read
// (export.Result.Read) as absolute paths: the input itself until a build
// says more.
type readSets map[string][]string

func newReadSets(inputs []string) readSets {
	r := readSets{}
	for _, in := range inputs {
		r[in] = []string{absPath(in)}
	}
	return r
}

// update records what a build of one input read. A build that failed
// before reading anything keeps the input's earlier set.
func (r readSets) update(o export.Outcome) {
	if o.Result == nil || len(o.Result.Read) == 0 {
		return
	}
	files := []string{absPath(o.Input)}
	for _, f := range o.Result.Read {
		files = append(files, absPath(f))
	}
	r[o.Input] = files
}

// affected returns the inputs whose last build read file, in no order.
func (r readSets) affected(file string) []string {
	abs := absPath(file)
	var out []string
	for in, files := range r {
		if slices.Contains(files, abs) {
			out = append(out, in)
		}
	}
	return out
}

// dirs lists the directories holding the files read: the places to watch.
func (r readSets) dirs() []string {
	var dirs []string
	for _, files := range r {
		for _, f := range files {
			dirs = append(dirs, filepath.Dir(f))
		}
	}
	slices.Sort(dirs)
	return slices.Compact(dirs)
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}
