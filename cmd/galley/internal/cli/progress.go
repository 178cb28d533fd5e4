package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/galley-pub/galley/export"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/doc"
	"github.com/galley-pub/galley/export/options"
)

// reporter prints what a batch does: on a terminal, a progress bar on
// stderr redrawn in place, with every other line printed above it;
// otherwise plain lines. Diagnostics go to stderr as they arrive (text) or
// all at the end (json); the per-document lines and the summary go to
// stdout. Only the goroutine that runs the batch calls it.
type reporter struct {
	stdout, stderr io.Writer
	bar            bool   // draw a progress bar on stderr
	json           bool   // diagnostics as one JSON array at the end
	check          bool   // nothing is written: say "checked"
	rebuild        bool   // watch's rebuilds: one line for the round, no line per artifact
	verb           string // "building" or "checking"
	total, done    int
	start          time.Time
	barShown       bool
	all            []diag.Diagnostic
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// newReporter picks the bar on a terminal, unless quiet, CI=true or
// TERM=dumb ask for plain lines.
func newReporter(stdout, stderr io.Writer, run options.Run, check bool) *reporter {
	r := &reporter{stdout: stdout, stderr: stderr, json: run.Diagnostics == options.DiagnosticsJSON, check: check, verb: "building"}
	if check {
		r.verb = "checking"
	}
	r.bar = !run.Quiet && !envTrue("CI") && os.Getenv("TERM") != "dumb" && isTerminal(stderr)
	return r
}

func (r *reporter) begin(total int) {
	r.total, r.done, r.start = total, 0, time.Now()
	r.draw("")
}

// clear removes the bar before other output.
func (r *reporter) clear() {
	if r.barShown {
		fmt.Fprint(r.stderr, "\r\x1b[K")
		r.barShown = false
	}
}

// barWidth is the number of cells of the bar itself.
const barWidth = 30

// draw shows the bar: cells, count, percentage, elapsed time, last input.
func (r *reporter) draw(last string) {
	if !r.bar {
		return
	}
	filled := 0
	if r.total > 0 {
		filled = r.done * barWidth / r.total
	}
	line := fmt.Sprintf("%s [%s%s] %d/%d %3d%% %5.1fs", r.verb, strings.Repeat("█", filled), strings.Repeat("░", barWidth-filled),
		r.done, r.total, r.done*100/max(r.total, 1), time.Since(r.start).Seconds())
	// The line must not wrap, or "\r" would no longer return to its start.
	if room := termColumns() - 1 - len([]rune(line)) - 2; last != "" && room >= 8 {
		if rs := []rune(last); len(rs) > room {
			last = "…" + string(rs[len(rs)-room+1:])
		}
		line += "  " + last
	}
	fmt.Fprint(r.stderr, "\r\x1b[K"+line)
	r.barShown = true
}

// termColumns is the terminal's width from $COLUMNS, else 80.
func termColumns() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 20 {
		return n
	}
	return 80
}

// finish reports one finished input.
func (r *reporter) finish(o export.Outcome) {
	r.done++
	r.clear()
	for _, d := range o.Diagnostics() {
		if r.json {
			r.all = append(r.all, d)
		} else {
			fmt.Fprintln(r.stderr, d.String())
		}
	}
	if err := o.Failure(); err != nil {
		if r.json {
			r.all = append(r.all, diag.Diagnostic{Pos: doc.Pos{File: o.Input}, Severity: diag.Error, Message: err.Error()})
		} else {
			fmt.Fprintf(r.stderr, "galley: %v\n", err)
		}
	}
	prefix := fmt.Sprintf("[%*d/%d] ", len(fmt.Sprint(r.total)), r.done, r.total)
	w, e := o.Counts()
	switch {
	case o.Err != nil:
		fmt.Fprintf(r.stdout, "%s%s: failed (%s)\n", prefix, o.Input, plural(e, "error"))
	case r.rebuild:
	case r.check:
		fmt.Fprintf(r.stdout, "%s%s: %s\n", prefix, o.Input, plural(w, "warning"))
	default:
		for _, a := range o.Result.Artifacts {
			extra := ""
			if a.Pages > 0 {
				extra = ", " + plural(a.Pages, "page")
			}
			if a.Chapters > 0 {
				extra = ", " + plural(a.Chapters, "chapter")
			}
			fmt.Fprintf(r.stdout, "%s%s: wrote %s (%d bytes%s)\n", prefix, o.Input, a.Path, a.Bytes, extra)
		}
	}
	r.draw(o.Input)
}

// end clears the bar, prints the JSON diagnostics and the summary line.
func (r *reporter) end(outs []export.Outcome) {
	r.clear()
	if r.json {
		fmt.Fprintf(r.stderr, "%s\n", diag.JSON(r.all))
	}
	var docs, failed, artifacts, pages, warnings, errs int
	for _, o := range outs {
		docs++
		w, e := o.Counts()
		warnings += w
		errs += e
		if o.Err != nil {
			failed++
			continue
		}
		for _, a := range o.Result.Artifacts {
			artifacts++
			pages += a.Pages
		}
	}
	elapsed := time.Since(r.start).Seconds()
	if r.rebuild {
		var names []string
		for _, o := range outs {
			names = append(names, o.Input)
		}
		fmt.Fprintf(r.stdout, "rebuilt %s: %s, %s, %s in %.1fs\n", strings.Join(names, ", "), plural(artifacts, "artifact"),
			plural(warnings, "warning"), plural(errs, "error"), elapsed)
		return
	}
	if r.check {
		fmt.Fprintf(r.stdout, "checked %s: %s, %s in %.1fs\n", plural(docs, "document"), plural(warnings, "warning"), plural(errs, "error"), elapsed)
		return
	}
	fail := ""
	if failed > 0 {
		fail = fmt.Sprintf(" (%d failed)", failed)
	}
	fmt.Fprintf(r.stdout, "built %s%s: %s, %s, %s, %s in %.1fs\n", plural(docs, "document"), fail, plural(artifacts, "artifact"),
		plural(pages, "PDF page"), plural(warnings, "warning"), plural(errs, "error"), elapsed)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
