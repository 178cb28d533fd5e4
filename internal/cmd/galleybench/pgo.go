package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// pgoWorkload is one command whose CPU profiles go into the PGO profile,
// run runs times.
type pgoWorkload struct {
	name string
	runs int
	dir  string
	argv []string
}

// pgo writes the profile Go builds galley with (profile-guided
// optimisation: cmd/galley/default.pgo, which `go build` and `go install`
// read by themselves). bin, a galley built without a profile (-pgo=off),
// builds the workloads of make compare with GALLEY_CPUPROFILE set: the
// class set of 40 handouts 10 times, the generated book of each scale 3
// times (once above scale 1), and realBook, when given, 8 times; `go tool
// pprof -proto` merges their profiles into out. The counts weigh the
// real book and the class set about as much as the generated books.
func (m *measurer) pgo(bin string, scales []float64, realBook, out string) error {
	work := filepath.Join(m.dir, "pgo")
	if err := os.RemoveAll(work); err != nil {
		return err
	}
	bin, err := filepath.Abs(bin) // the workloads run in work
	if err != nil {
		return err
	}
	inputs, _, err := writeClassSet(filepath.Join(work, "classset"), 40)
	if err != nil {
		return err
	}
	loads := []pgoWorkload{{"class set of 40 handouts", 10, work, append([]string{bin, "build", "--quiet", "-o", filepath.Join(work, "out-classset")}, inputs...)}}
	for _, sc := range scales {
		name, size, err := m.book(sc)
		if err != nil {
			return err
		}
		runs := 3
		if sc > 1 {
			runs = 1
		}
		loads = append(loads, pgoWorkload{fmt.Sprintf("generated book, %.1f MB", mb(int64(size))), runs, work,
			[]string{bin, "build", "--quiet", "-o", filepath.Join(work, "out-book"), name}})
	}
	if realBook != "" {
		abs, err := filepath.Abs(realBook)
		if err != nil {
			return err
		}
		loads = append(loads, pgoWorkload{"real book " + realBook, 8, work, []string{bin, "build", "--quiet", "-o", filepath.Join(work, "out-real"), abs}})
	}
	var profiles []string
	for i, w := range loads {
		start := time.Now()
		for r := range w.runs {
			p := filepath.Join(work, fmt.Sprintf("cpu-%d-%d.prof", i, r))
			if err := m.profileRun(w, p); err != nil {
				return err
			}
			profiles = append(profiles, p)
		}
		fmt.Fprintf(m.out, "%-40s %2d runs in %v\n", w.name, w.runs, time.Since(start).Round(time.Millisecond))
	}
	goTool := os.Getenv("GO")
	if goTool == "" {
		goTool = "go"
	}
	var merged, stderr bytes.Buffer
	cmd := exec.Command(goTool, append([]string{"tool", "pprof", "-proto"}, profiles...)...)
	cmd.Stdout, cmd.Stderr = &merged, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("merging the profiles: %v: %s", err, lastLine(stderr.String()))
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, merged.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Fprintf(m.out, "wrote %s (%d bytes, %d profiles)\n", out, merged.Len(), len(profiles))
	return nil
}

// profileRun runs w once with its CPU profile written to profile.
func (m *measurer) profileRun(w pgoWorkload, profile string) error {
	if s := m.once(command{w.dir, nil, w.argv}, "GALLEY_CPUPROFILE="+profile); s.err != nil {
		return fmt.Errorf("%s: %w", w.name, s.err)
	}
	if st, err := os.Stat(profile); err != nil || st.Size() == 0 {
		return fmt.Errorf("%s: %s wrote no CPU profile to %s (a galley without GALLEY_CPUPROFILE?)", w.name, w.argv[0], profile)
	}
	return nil
}
