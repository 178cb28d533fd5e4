package main

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestQuartiles: the lower quartile, median and upper quartile by nearest
// rank, whatever the order given; zeros for none.
func TestQuartiles(t *testing.T) {
	for i, c := range []struct {
		v    []float64
		want [3]float64
	}{
		{[]float64{5, 1, 3, 2, 4}, [3]float64{2, 3, 4}},
		{[]float64{0.9, 1.1}, [3]float64{0.9, 1.1, 1.1}},
		{[]float64{1.02}, [3]float64{1.02, 1.02, 1.02}},
		{nil, [3]float64{}},
	} {
		if got := quartiles(c.v); got != c.want {
			t.Errorf("%d: %v, want %v", i+1, got, c.want)
		}
	}
}

// TestPairRatios: each pair's b/a, of wall and of CPU times, a run of a
// with no time left out.
func TestPairRatios(t *testing.T) {
	s := func(wall, cpu time.Duration) sample { return sample{wall: wall, cpu: cpu} }
	as := []sample{s(100, 200), s(200, 400), s(100, 0)}
	bs := []sample{s(90, 220), s(220, 400), s(120, 50)}
	wall, cpu := pairRatios(as, bs)
	if wall != [3]float64{1.1, 1.1, 1.2} || cpu != [3]float64{1, 1.1, 1.1} {
		t.Errorf("wall %v, cpu %v", wall, cpu)
	}
}

// TestPairs runs two commands in four pairs and prints both and their
// ratios; without two binaries and arguments it says how it is called.
func TestPairs(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	var out strings.Builder
	if err := run([]string{"pairs", "-a", sh, "-b", sh, "-runs", "4", "-dir", t.TempDir(), "--", "-c", "exit 0"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"4 pairs", "\na  wall ", "\nb  wall ", "b/a wall: median ", "b/a cpu:  median "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%s", want, out.String())
		}
	}
	if err := run([]string{"pairs", "-b", sh, "-dir", t.TempDir(), "--", "-c", "exit 0"}, &out); err == nil || !strings.Contains(err.Error(), "-a OLD -b NEW") {
		t.Errorf("no first binary: %v", err)
	}
	if err := run([]string{"pairs", "-a", sh, "-b", sh, "-runs", "2", "-dir", t.TempDir(), "--", "-c", "exit 3"}, &out); err == nil || !strings.Contains(err.Error(), "pair 1") {
		t.Errorf("a failing run: %v", err)
	}
}
