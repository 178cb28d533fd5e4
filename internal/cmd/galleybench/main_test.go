package main

import (
	"errors"
	"testing"
	"time"
)

// TestMedian: a row's sample is its median run (the lower middle of an
// even number), with that run's CPU time and the largest peak RSS of
// all; a failed run fails the row.
func TestMedian(t *testing.T) {
	run := func(wall, cpu time.Duration, rss int64) sample { return sample{wall: wall, cpu: cpu, rssKB: rss} }
	for i, c := range []struct {
		runs          []sample
		wall, cpu     time.Duration
		rss           int64
		wantErr, none bool
	}{
		{runs: []sample{run(3, 30, 1), run(1, 10, 5), run(2, 20, 2)}, wall: 2, cpu: 20, rss: 5},
		{runs: []sample{run(4, 40, 1), run(1, 10, 1), run(3, 30, 9), run(2, 20, 1)}, wall: 2, cpu: 20, rss: 9},
		{runs: []sample{run(7, 70, 3)}, wall: 7, cpu: 70, rss: 3},
		{runs: []sample{run(1, 10, 1), {wall: 2, err: errors.New("failed")}, run(3, 30, 1)}, wantErr: true},
		{none: true},
	} {
		got := median(c.runs, nil)
		switch {
		case c.none:
			if got.wall != -1 {
				t.Errorf("%d: no runs gave %+v", i, got)
			}
		case c.wantErr:
			if got.err == nil {
				t.Errorf("%d: a failed run was not reported", i)
			}
		case got.wall != c.wall || got.cpu != c.cpu || got.rssKB != c.rss:
			t.Errorf("%d: %+v, want wall %d cpu %d rss %d", i, got, c.wall, c.cpu, c.rss)
		}
	}
}
