package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// TestPGO runs the pgo command with a stand-in for galley that writes a
// real CPU profile where GALLEY_CPUPROFILE says and fails without it:
// every workload's runs are profiled (10 class sets, 3 small books, a
// real book 8 times), and the merged profile is one go tool pprof reads,
// with the samples of all 21.
func TestPGO(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool pprof")
	}
	dir := t.TempDir()
	one := busyProfile(t, filepath.Join(dir, "one.prof"))
	fake := filepath.Join(dir, "galley")
	script := "#!/bin/sh\n[ -n \"$GALLEY_CPUPROFILE\" ] || exit 3\necho run >> " + filepath.Join(dir, "runs") + "\ncp " + one + " \"$GALLEY_CPUPROFILE\"\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	realBook := filepath.Join(dir, "realbook")
	if err := os.Mkdir(realBook, 0o755); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	m := &measurer{dir: filepath.Join(dir, "work"), runs: 1, largeRuns: 1, timeout: time.Minute, out: &log}
	out := filepath.Join(dir, "default.pgo")
	if err := m.pgo(fake, []float64{0.01}, realBook, out); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	runs, _ := os.ReadFile(filepath.Join(dir, "runs"))
	if n := strings.Count(string(runs), "run"); n != 21 {
		t.Errorf("%d runs profiled, want 21 (10 + 3 + 8)\n%s", n, log.String())
	}
	top, err := exec.Command("go", "tool", "pprof", "-raw", out).CombinedOutput()
	if err != nil {
		t.Fatalf("go tool pprof cannot read the merged profile: %v\n%s", err, top)
	}
	if !strings.Contains(string(top), "TestPGO") {
		t.Errorf("the merged profile has none of the stand-in's samples:\n%.2000s", top)
	}
	if err := (&measurer{timeout: time.Minute}).profileRun(pgoWorkload{name: "no profile", dir: dir, argv: []string{"/bin/true"}}, filepath.Join(dir, "none.prof")); err == nil || !strings.Contains(err.Error(), "wrote no CPU profile") {
		t.Errorf("a run that writes no profile: %v", err)
	}
}

// busyProfile writes to name a CPU profile of a busy loop in TestPGO, one
// with samples: the loop spins for 60 ms, then twice as long each time
// the profile has none (on a machine busy with other tests, 60 ms of wall
// time can be less than the 10 ms of CPU a sample takes).
func busyProfile(t *testing.T, name string) string {
	t.Helper()
	for spin := 60 * time.Millisecond; ; spin *= 2 {
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		for end := time.Now().Add(spin); time.Now().Before(end); {
		}
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		raw, err := exec.Command("go", "tool", "pprof", "-raw", name).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool pprof cannot read the stand-in's profile: %v\n%s", err, raw)
		}
		if strings.Contains(string(raw), "TestPGO") {
			return name
		}
		if spin > 2*time.Second {
			t.Fatalf("no CPU sample in %v of spinning:\n%.2000s", spin, raw)
		}
	}
}
