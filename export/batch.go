package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/galley-pub/galley/export/book"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/layout"
	"github.com/galley-pub/galley/export/options"
)

// Outcome is the result of building one input of a batch.
type Outcome struct {
	Input    string
	Result   *Result // nil when the input was not built (the batch was interrupted)
	Err      error   // nil, a *diag.Errors (already in the diagnostics) or another failure
	Duration time.Duration
}

// Diagnostics returns the outcome's diagnostics without exact duplicates
// (the PDF and the EPUB can report the same problem).
func (o Outcome) Diagnostics() []diag.Diagnostic {
	if o.Result == nil {
		return nil
	}
	seen := map[diag.Diagnostic]bool{}
	var out []diag.Diagnostic
	for _, d := range o.Result.Diagnostics {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// Failure is the outcome's error when it is not one of its diagnostics
// (an unreadable input, a failed write), else nil.
func (o Outcome) Failure() error {
	var de *diag.Errors
	if o.Err != nil && !errors.As(o.Err, &de) {
		return o.Err
	}
	return nil
}

// Counts returns the number of warnings and errors, a failure that is not
// a diagnostic counting as an error.
func (o Outcome) Counts() (warnings, errs int) {
	for _, d := range o.Diagnostics() {
		switch d.Severity {
		case diag.Error:
			errs++
		case diag.Warning:
			warnings++
		}
	}
	if o.Failure() != nil {
		errs++
	}
	return warnings, errs
}

// BuildAll builds every input with at most opts.Run.Jobs builds at once
// and calls done, from the calling goroutine, as each finishes. Each input
// is dated by opts.Run.Modified when set (SOURCE_DATE_EPOCH), else by its
// sources' modification time (ModTime). It returns the outcomes in the
// order of inputs. Once ctx is cancelled, the inputs not yet begun are
// not built: their outcome's error is the context's, and done is not
// called for them nor for a build the cancellation stopped. The words a
// batch of several inputs shapes in the embedded faces are kept for its
// later inputs.
func (b *Builder) BuildAll(ctx context.Context, inputs []string, opts options.Options, done func(Outcome)) []Outcome {
	out := make([]Outcome, len(inputs))
	dirs, clash := outputDirs(inputs, opts)
	if len(inputs) > 1 && b.shaped == nil {
		// A batch keeps the words its documents shape for the documents
		// after them (a class set's handouts share most of theirs); one
		// document would only pay for keeping them.
		batch := *b
		batch.shaped = &layout.ShapedRuns{}
		b = &batch
	}
	work := make(chan int)
	finished := make(chan int)
	var wg sync.WaitGroup
	for range min(max(opts.Run.Jobs, 1), len(inputs)) {
		wg.Go(func() {
			for i := range work {
				if err := ctx.Err(); err != nil {
					out[i] = Outcome{Input: inputs[i], Err: err}
					finished <- i
					continue
				}
				if err := clash[i]; err != nil {
					out[i] = Outcome{Input: inputs[i], Result: &Result{Input: inputs[i]}, Err: err}
					finished <- i
					continue
				}
				o := opts.Clone()
				o.Output.Dir = dirs[i]
				start := time.Now()
				res, err := b.buildContext(ctx, inputs[i], o, o.Run.Modified.IsZero())
				out[i] = Outcome{Input: inputs[i], Result: res, Err: err, Duration: time.Since(start)}
				finished <- i
			}
		})
	}
	go func() {
		for i := range inputs {
			work <- i
		}
		close(work)
		wg.Wait()
		close(finished)
	}()
	for i := range finished {
		if done != nil && !errors.Is(out[i].Err, context.Canceled) {
			done(out[i])
		}
	}
	return out
}

// SourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org) from
// getenv: the zero time when it is unset.
func SourceDateEpoch(getenv func(string) string) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a non-negative integer", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// ModTime is the default date of an input's outputs: the newest
// modification time of path (a file, or a book's directory) and of
// files, the files its build read (a book's configuration, chapters and
// the files they include, the images). Rebuilding unchanged sources gives
// the same bytes, whatever else changes beside them: a book kept in a
// repository is not dated by its history, its last compile or its
// README, and no directory is walked to date it (the Rust book's 2,600
// files took 22 ms of every build). A file that cannot be read is left
// out.
func ModTime(path string, files []string) time.Time {
	var latest time.Time
	for _, f := range append([]string{path}, files...) {
		if st, err := os.Stat(f); err == nil && st.ModTime().After(latest) {
			latest = st.ModTime()
		}
	}
	return latest.UTC().Truncate(time.Second)
}

// outputDirs returns the directory each input's artifacts are written
// to: the output directory, or, when two inputs' artifacts would share a
// name there (a/notes.md and b/notes.md, a repository's READMEs), each
// input's own directory mirrored under it, relative to the directory all
// the inputs are in (out/a/notes.pdf, out/b/notes.pdf), as the manifest
// then lists them. An input whose artifacts would still land on an
// earlier input's (one given twice) gets an error naming it, and is not
// built. Inputs named only once read (standard input, after its title)
// are not checked.
func outputDirs(inputs []string, opts options.Options) ([]string, map[int]error) {
	names := make([]string, len(inputs))
	dirs := make([]string, len(inputs))
	for i, in := range inputs {
		names[i], dirs[i] = artifactName(in, opts), opts.Output.Dir
	}
	if len(clashes(names, dirs)) > 0 && opts.Output.Dir != options.StdPath {
		mirrored(inputs, names, dirs, opts.Output.Dir)
	}
	errs := map[int]error{}
	for i, j := range clashes(names, dirs) {
		errs[i] = fmt.Errorf("%s: its artifacts would replace those of %s (both are named %q in %s); build them into separate directories (-o) or rename one", inputs[i], inputs[j], names[i], dirs[i])
	}
	return dirs, errs
}

// artifactName is the name an input's artifacts take ("" for standard
// input, named after its title once read).
func artifactName(in string, opts options.Options) string {
	switch {
	case opts.Output.Name != "":
		return opts.Output.Name
	case in == options.StdPath:
		return ""
	}
	if config, ok := book.Locate(in); ok {
		return book.ArtifactName(config)
	}
	return strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
}

// clashes maps each input whose artifacts (names[i] in dirs[i]) land on
// an earlier input's to that input.
func clashes(names, dirs []string) map[int]int {
	out := map[int]int{}
	first := map[string]int{}
	for i, name := range names {
		if name == "" {
			continue
		}
		key := filepath.Join(dirs[i], name)
		if j, dup := first[key]; dup {
			out[i] = j
			continue
		}
		first[key] = i
	}
	return out
}

// mirrored sets dirs to each input's directory (a directory input, a
// book, its own) relative to the one all the inputs are in, under out.
func mirrored(inputs, names, dirs []string, out string) {
	src := make([]string, len(inputs))
	root := ""
	for i, in := range inputs {
		if names[i] == "" {
			continue
		}
		d := in
		if st, err := os.Stat(in); err != nil || !st.IsDir() {
			d = filepath.Dir(in)
		}
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		src[i] = abs
		root = commonDir(root, abs)
	}
	for i, d := range src {
		if d == "" {
			continue
		}
		if rel, err := filepath.Rel(root, d); err == nil && filepath.IsLocal(rel) {
			dirs[i] = filepath.Join(out, rel)
		}
	}
}

// commonDir is the deepest directory holding both a and b (absolute, or
// a alone when b is "").
func commonDir(a, b string) string {
	if a == "" {
		return b
	}
	for a != b {
		if len(a) > len(b) {
			a = filepath.Dir(a)
		} else {
			b = filepath.Dir(b)
		}
	}
	return a
}
