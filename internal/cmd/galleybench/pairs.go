package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"time"
)

// pairs runs binA and binB with the same arguments runs times each, in
// pairs whose order alternates (a b, b a, a b…), and prints the median
// wall and CPU time and peak memory of each, then the median and
// quartiles of the pairs' ratios b/a. On a machine whose speed drifts by
// a third within the hour, a ratio taken within each pair is what tells
// two builds of galley apart: the README's "20 pairs alternated".
func (m *measurer) pairs(binA, binB string, runs int, args []string) error {
	if binA == "" || binB == "" || len(args) == 0 {
		return fmt.Errorf("pairs: two binaries and their arguments, as galleybench pairs -a OLD -b NEW -- build -o DIR BOOK")
	}
	a, b := command{argv: append([]string{binA}, args...)}, command{argv: append([]string{binB}, args...)}
	var as, bs []sample
	for i := range runs {
		first, second := a, b
		if i%2 == 1 {
			first, second = b, a
		}
		x, y := m.once(first), m.once(second)
		if i%2 == 1 {
			x, y = y, x
		}
		if x.err != nil || y.err != nil {
			return fmt.Errorf("pair %d: %v", i+1, firstErr(x.err, y.err))
		}
		as, bs = append(as, x), append(bs, y)
	}
	m.header(fmt.Sprintf("galley pairs: %s (a) against %s (b), %d pairs", filepath.Base(binA), filepath.Base(binB), runs), ", in pairs whose order alternates")
	for _, row := range []struct {
		name    string
		samples []sample
	}{{"a", as}, {"b", bs}} {
		s := median(row.samples, nil)
		cpus := make([]time.Duration, len(row.samples))
		for i, r := range row.samples {
			cpus[i] = r.cpu
		}
		slices.Sort(cpus)
		fmt.Fprintf(m.out, "%s  wall %.3f s  cpu %.3f s (median of its own)  peak RSS %.1f MB\n", row.name, s.wall.Seconds(), cpus[(len(cpus)-1)/2].Seconds(), float64(s.rssKB)/1024)
	}
	walls, cpus := pairRatios(as, bs)
	fmt.Fprintf(m.out, "b/a wall: median %.3f, quartiles %.3f to %.3f\n", walls[1], walls[0], walls[2])
	fmt.Fprintf(m.out, "b/a cpu:  median %.3f, quartiles %.3f to %.3f\n", cpus[1], cpus[0], cpus[2])
	return nil
}

// pairRatios returns the lower quartile, the median and the upper
// quartile of the ratios b/a of each pair's wall times, then of its CPU
// times (nearest rank).
func pairRatios(as, bs []sample) (wall, cpu [3]float64) {
	var w, c []float64
	for i := range min(len(as), len(bs)) {
		if as[i].wall > 0 {
			w = append(w, bs[i].wall.Seconds()/as[i].wall.Seconds())
		}
		if as[i].cpu > 0 {
			c = append(c, bs[i].cpu.Seconds()/as[i].cpu.Seconds())
		}
	}
	return quartiles(w), quartiles(c)
}

// quartiles are the lower quartile, median and upper quartile of v by
// nearest rank; zeros for none.
func quartiles(v []float64) [3]float64 {
	if len(v) == 0 {
		return [3]float64{}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	at := func(p float64) float64 { return s[int(p*float64(len(s)-1)+0.5)] }
	return [3]float64{at(0.25), at(0.5), at(0.75)}
}
