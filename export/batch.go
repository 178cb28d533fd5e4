package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/galley-pub/galley/export/book"
	"github.com/galley-pub/galley/export/diag"
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
// modification time (ModTime). It returns the outcomes in the order of
// inputs. Once ctx is cancelled, the inputs not yet begun are not built:
// their outcome's error is the context's, and done is not called for them
// nor for a build the cancellation stopped.
func (b *Builder) BuildAll(ctx context.Context, inputs []string, opts options.Options, done func(Outcome)) []Outcome {
	out := make([]Outcome, len(inputs))
	clash := clashes(inputs, opts)
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
				if o.Run.Modified.IsZero() {
					o.Run.Modified = ModTime(inputs[i])
				}
				start := time.Now()
				res, err := b.BuildContext(ctx, inputs[i], o)
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

// ModTime is the input's modification time, the default date of its
// outputs: rebuilding an unchanged source gives the same bytes. For a book
// it is the newest file in the book's directory, hidden directories
// (.git, .github…) left out: a book kept in a repository is not dated by
// its history, nor does walking that history slow every build.
func ModTime(path string) time.Time {
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	if IsBook(path) {
		dir := path
		if !st.IsDir() {
			dir = filepath.Dir(path)
		}
		latest := st.ModTime()
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
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

// clashes finds the inputs whose artifacts would land on an earlier
// input's (a/notes.md and b/notes.md built into one directory): each gets
// an error naming the earlier one, and is not built. Inputs named only once
// read (standard input, after its title) are not checked.
func clashes(inputs []string, opts options.Options) map[int]error {
	errs := map[int]error{}
	first := map[string]int{}
	for i, in := range inputs {
		name := opts.Output.Name
		switch {
		case name != "":
		case in == options.StdPath:
			continue
		default:
			if config, ok := book.Locate(in); ok {
				name = book.ArtifactName(config)
			} else {
				name = strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
			}
		}
		key := filepath.Join(opts.Output.Dir, name)
		if j, dup := first[key]; dup {
			errs[i] = fmt.Errorf("%s: its artifacts would replace those of %s (both are named %q in %s); build them into separate directories (-o) or rename one", in, inputs[j], name, opts.Output.Dir)
			continue
		}
		first[key] = i
	}
	return errs
}
