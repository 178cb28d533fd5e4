package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/galley-pub/galley/export"
)

const watchUsage = `Usage: galley watch [flags] INPUT... [-o OUTDIR]

Builds every INPUT, then watches the inputs' directories and rebuilds only
the inputs a change touches: an edited Markdown file rebuilds itself; a
file inside a book's directory rebuilds the book; an image or YAML file
rebuilds the handouts of its directory. Diagnostics are printed after each
rebuild. Stop with Ctrl-C.

Flags:
`

// debounce is how long watch waits after a change for more changes
// (editors often write a file in several steps) before rebuilding.
const debounce = 150 * time.Millisecond

// watchedExt lists the kinds of file whose change causes a rebuild: the
// sources, book configuration and images. Artifacts (.pdf, .epub) and the
// builder's own temporary files never do.
var watchedExt = []string{".md", ".markdown", ".yaml", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}

func runWatch(args []string, stdout, stderr io.Writer) int {
	var c buildConfig
	inputs, opts, code := parseBuildArgs("watch", args, stderr, &c)
	if code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return watch(ctx, inputs, opts, &c, stdout, stderr, nil)
}

// watch builds the inputs, then rebuilds the affected ones on every change
// until ctx is done. After each round of builds it sends the outcomes on
// rounds, when that is not nil.
func watch(ctx context.Context, inputs []string, opts export.Options, c *buildConfig, stdout, stderr io.Writer, rounds chan<- []outcome) int {
	epoch, err := sourceDateEpoch()
	if err != nil {
		fmt.Fprintf(stderr, "galley watch: %v\n", err)
		return exitUsage
	}
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
	for _, dir := range watchDirs(inputs, opts.OutDir) {
		if err := w.Add(dir); err != nil {
			fmt.Fprintf(stderr, "galley watch: %s: %v\n", dir, err)
			return exitError
		}
	}
	optsFor := optionsFor(opts, epoch)
	buildRound := func(todo []string) {
		rep := newReporter(stdout, stderr, c, false)
		rep.begin(len(todo))
		outs := buildAll(context.Background(), b, todo, optsFor, c.jobs, rep.finish)
		rep.end(outs)
		if rounds != nil {
			rounds <- outs
		}
	}
	buildRound(inputs)
	fmt.Fprintf(stdout, "watching %s for changes (Ctrl-C to stop)\n", plural(len(inputs), "input"))

	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return exitOK
		case ev, ok := <-w.Events:
			if !ok {
				return exitOK
			}
			if !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Rename) && !ev.Has(fsnotify.Remove) {
				continue
			}
			for _, in := range affected(ev.Name, inputs) {
				pending[in] = true
			}
			if len(pending) > 0 {
				timer.Reset(debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return exitOK
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
			fmt.Fprintf(stdout, "change: rebuilding %s\n", strings.Join(todo, ", "))
			buildRound(todo)
		}
	}
}

// bookDir returns the directory of a book input, or "".
func bookDir(in string) string {
	if !export.IsBook(in) {
		return ""
	}
	if st, err := os.Stat(in); err == nil && st.IsDir() {
		return in
	}
	return filepath.Dir(in)
}

// watchDirs lists the directories to watch: each handout's directory, and
// each book's directory with its subdirectories (not hidden ones, not the
// output directory).
func watchDirs(inputs []string, outDir string) []string {
	outAbs, _ := filepath.Abs(outDir)
	var dirs []string
	add := func(d string) {
		if abs, err := filepath.Abs(d); err == nil && !slices.Contains(dirs, abs) {
			dirs = append(dirs, abs)
		}
	}
	for _, in := range inputs {
		root := bookDir(in)
		if root == "" {
			add(filepath.Dir(in))
			continue
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			abs, _ := filepath.Abs(p)
			if p != root && (strings.HasPrefix(d.Name(), ".") || abs == outAbs) {
				return filepath.SkipDir
			}
			add(p)
			return nil
		})
	}
	return dirs
}

// affected returns the inputs that a change to file touches.
func affected(file string, inputs []string) []string {
	if !slices.Contains(watchedExt, strings.ToLower(filepath.Ext(file))) || strings.HasPrefix(filepath.Base(file), ".") {
		return nil
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil
	}
	var out []string
	for _, in := range inputs {
		if root := bookDir(in); root != "" {
			if r, err := filepath.Abs(root); err == nil && within(abs, r) {
				out = append(out, in)
			}
		}
	}
	if len(out) > 0 {
		return out // a file of a book belongs to the book alone
	}
	for _, in := range inputs {
		if bookDir(in) != "" {
			continue
		}
		inAbs, err := filepath.Abs(in)
		if err != nil {
			continue
		}
		if abs == inAbs {
			out = append(out, in)
		} else if ext := strings.ToLower(filepath.Ext(abs)); ext != ".md" && ext != ".markdown" && within(abs, filepath.Dir(inAbs)) {
			out = append(out, in) // an image or other resource next to the handout
		}
	}
	return out
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
