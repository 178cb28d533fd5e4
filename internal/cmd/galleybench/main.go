// Command galleybench is the driver behind `make bench` and `make compare`.
// It writes generated books (package bookgen) of several scales, runs the
// galley binary (and, for compare, pandoc) on them as separate processes,
// and prints wall time, peak resident memory and throughput as a table.
//
//	galleybench gen [-scale 1] [-dir DIR]
//	galleybench bench [-bin bin/galley] [-scales 1,10] [-runs 3] [-dir DIR]
//	galleybench compare [-bin bin/galley] [-scales 1] [-runs 1] [-dir DIR] [-book BOOKDIR]
//	galleybench limits [-bin bin/galley] [-dir DIR]
//	galleybench pgo [-bin bin/galley-nopgo] [-scales 1,10] [-dir DIR] [-book BOOKDIR] [-o cmd/galley/default.pgo]
//	galleybench pairs -a OLD -b NEW [-runs 20] -- build --quiet -o DIR BOOK
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/galley-pub/galley/internal/bookgen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "galleybench: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: galleybench gen|bench|compare|limits|pgo|pairs [flags]")
	}
	fs := flag.NewFlagSet("galleybench "+args[0], flag.ContinueOnError)
	bin := fs.String("bin", "bin/galley", "the galley `binary` to measure")
	dir := fs.String("dir", filepath.Join(os.TempDir(), "galleybench"), "work `directory` for the books and outputs")
	scales := fs.String("scales", "1,10", "comma-separated book `scales` (1 = 1.3 MB)")
	scale := fs.Float64("scale", 1, "gen: the book's `scale`")
	runs := fs.Int("runs", 3, "runs per measurement; the best wall time is reported")
	largeRuns := fs.Int("large-runs", 1, "runs per measurement for books above scale 1")
	timeout := fs.Duration("timeout", 15*time.Minute, "longest a single run may take")
	xelatexMax := fs.Float64("xelatex-max-scale", 1, "compare: largest scale sent through pandoc+xelatex")
	realBook := fs.String("book", "", "compare, pgo: a real book's `directory` (SUMMARY.md, book.toml or book.yaml) to compare or profile too")
	pgoOut := fs.String("o", filepath.Join("cmd", "galley", "default.pgo"), "pgo: the `profile` to write")
	binA := fs.String("a", "", "pairs: the first `binary` (the one before a change)")
	binB := fs.String("b", "bin/galley", "pairs: the second `binary`")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	m := &measurer{dir: *dir, runs: max(*runs, 1), largeRuns: max(*largeRuns, 1), timeout: *timeout, out: stdout}
	switch args[0] {
	case "gen":
		name, size, err := m.book(*scale)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", name, size)
		return nil
	case "bench":
		ss, err := parseScales(*scales)
		if err != nil {
			return err
		}
		return m.bench(*bin, ss)
	case "compare":
		ss, err := parseScales(*scales)
		if err != nil {
			return err
		}
		return m.compare(*bin, ss, *xelatexMax, *realBook)
	case "limits":
		return m.limits(*bin)
	case "pgo":
		ss, err := parseScales(*scales)
		if err != nil {
			return err
		}
		return m.pgo(*bin, ss, *realBook, *pgoOut)
	case "pairs":
		return m.pairs(*binA, *binB, max(*runs, 1), fs.Args())
	}
	return fmt.Errorf("unknown command %q (want gen, bench, compare, limits, pgo or pairs)", args[0])
}

func parseScales(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("bad scale %q", f)
		}
		out = append(out, v)
	}
	return out, nil
}

// measurer runs commands and keeps the median of several runs.
type measurer struct {
	dir       string
	runs      int // per measurement, for books up to scale 1
	largeRuns int // per measurement, for larger books
	timeout   time.Duration
	out       io.Writer
}

// runsFor is how many times a book of scale sc is measured.
func (m *measurer) runsFor(sc float64) int {
	if sc > 1 {
		return m.largeRuns
	}
	return m.runs
}

// sample is one measured command.
type sample struct {
	wall    time.Duration // the median run's
	cpu     time.Duration // user + system time of the median run
	rssKB   int64         // largest peak RSS over the runs
	outSize int64         // bytes of the artifacts
	err     error
}

// book writes the book of the given scale (once) and returns its path and size.
func (m *measurer) book(scale float64) (string, int, error) {
	d := filepath.Join(m.dir, "x"+strconv.FormatFloat(scale, 'f', -1, 64))
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", 0, err
	}
	name := filepath.Join(d, "book.md")
	if st, err := os.Stat(name); err == nil {
		// Reuse only a book that is exactly what the generator makes.
		if want := bookgen.Book(scale); int64(len(want)) == st.Size() {
			return name, len(want), nil
		}
	}
	size, err := bookgen.Write(d, "book.md", scale)
	return name, size, err
}

// command is one command to measure: argv run in dir, outputs the files
// whose sizes are summed into its sample.
type command struct {
	dir     string
	outputs []string
	argv    []string
}

// measure runs argv in dir runs times and returns the median run;
// outputs are the files whose sizes are summed into the sample.
func (m *measurer) measure(runs int, dir string, outputs []string, argv ...string) sample {
	s, _ := m.measurePair(runs, command{dir, outputs, argv}, command{})
	return s
}

// measurePair runs a and b (when b has a command) runs times each,
// alternately (a, b, a, b…), so that a machine whose speed drifts slows
// both alike, and returns the median run of each: the issue's "median of
// 3, side by side in one run".
func (m *measurer) measurePair(runs int, a, b command) (sample, sample) {
	var as, bs []sample
	for range runs {
		as = append(as, m.once(a))
		if len(b.argv) > 0 {
			bs = append(bs, m.once(b))
		}
	}
	return median(as, a.outputs), median(bs, b.outputs)
}

// once runs c, with env added to its environment, and measures it; its
// outputs are removed first.
func (m *measurer) once(c command, env ...string) sample {
	for _, o := range c.outputs {
		os.Remove(o)
	}
	ctx, cancel := context.WithTimeout(context.Background(), m.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.argv[0], c.argv[1:]...)
	cmd.Dir = c.dir
	cmd.Env = append(append(os.Environ(), "SOURCE_DATE_EPOCH=1764288000"), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if err != nil {
		s.err = fmt.Errorf("%s: %v: %s", strings.Join(c.argv, " "), err, lastLine(stderr.String()))
		return s
	}
	s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rssKB = int64(ru.Maxrss) // kilobytes on Linux
	}
	return s
}

// median is the run of runs with the median wall time (the lower of the
// middle two of an even number), with that run's CPU time, the largest
// peak RSS of all and the sizes of outputs; the first error if any run
// failed.
func median(runs []sample, outputs []string) sample {
	if len(runs) == 0 {
		return sample{wall: -1}
	}
	for _, r := range runs {
		if r.err != nil {
			return r
		}
	}
	sorted := slices.Clone(runs)
	slices.SortStableFunc(sorted, func(a, b sample) int { return cmp.Compare(a.wall, b.wall) })
	s := sorted[(len(sorted)-1)/2]
	for _, r := range runs {
		s.rssKB = max(s.rssKB, r.rssKB)
	}
	for _, o := range outputs {
		if st, err := os.Stat(o); err == nil {
			s.outSize += st.Size()
		}
	}
	return s
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// machine describes where the numbers were taken.
func machine() string {
	load := "?"
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	model := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(l, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s/%s, %d CPUs (%s), load average %s, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), model, load, time.Now().UTC().Format(time.RFC3339))
}

func mb(n int64) float64 { return float64(n) / 1e6 }

// header prints a table's title and how it was measured; runsNote says
// more of the runs (how they were ordered), or is empty.
func (m *measurer) header(title, runsNote string) {
	fmt.Fprintf(m.out, "%s\nmachine: %s\nmedian of %d run(s) per row (%d above scale 1)%s; cpu is user+system time of that run; RSS is the largest peak resident set of the runs\n\n", title, machine(), m.runs, m.largeRuns, runsNote)
}

func (m *measurer) bench(bin string, scales []float64) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	m.header("galley bench: generated books (internal/bookgen), one process per row", "")
	fmt.Fprintf(m.out, "%-6s %9s %9s  %-9s %9s %9s %11s %9s %10s\n", "scale", "input MB", "words", "format", "wall s", "cpu s", "peak RSS MB", "MB/s", "output MB")
	walls, cpus := map[float64]time.Duration{}, map[float64]time.Duration{}
	for _, sc := range scales {
		name, size, err := m.book(sc)
		if err != nil {
			return err
		}
		words := countWords(name)
		d := filepath.Dir(name)
		out := filepath.Join(d, "out")
		pdf, epub := filepath.Join(out, "book.pdf"), filepath.Join(out, "book.epub")
		for _, row := range []struct {
			label   string
			formats string
			outputs []string
		}{
			{"pdf+epub", "pdf,epub", []string{pdf, epub}},
			{"pdf", "pdf", []string{pdf}},
			{"epub", "epub", []string{epub}},
		} {
			s := m.measure(m.runsFor(sc), d, row.outputs, bin, "build", "--format", row.formats, "-o", out, name)
			if s.err != nil {
				fmt.Fprintf(m.out, "%-6g %9.2f %9d  %-9s failed: %v\n", sc, mb(int64(size)), words, row.label, s.err)
				continue
			}
			if row.label == "pdf+epub" {
				walls[sc], cpus[sc] = s.wall, s.cpu
			}
			fmt.Fprintf(m.out, "%-6g %9.2f %9d  %-9s %9.3f %9.3f %11.1f %9.2f %10.2f\n", sc, mb(int64(size)), words, row.label,
				s.wall.Seconds(), s.cpu.Seconds(), float64(s.rssKB)/1024, mb(int64(size))/s.wall.Seconds(), mb(s.outSize))
		}
	}
	if base, ok := walls[scales[0]]; ok && len(scales) > 1 {
		fmt.Fprintln(m.out)
		for _, sc := range scales[1:] {
			if w, ok := walls[sc]; ok {
				fmt.Fprintf(m.out, "linearity (pdf+epub): %gx the input took %.2fx the wall time of scale %g (%.2fx its CPU time)\n",
					sc/scales[0], w.Seconds()/base.Seconds(), scales[0], cpus[sc].Seconds()/cpus[scales[0]].Seconds())
			}
		}
	}
	return nil
}

func countWords(name string) int {
	b, err := os.ReadFile(name)
	if err != nil {
		return 0
	}
	return len(strings.Fields(string(b)))
}
