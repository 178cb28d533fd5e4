// Command spacing measures the inter-word spaces of justified lines in PDF
// files, to compare galley's paragraphs with another typesetter's (xelatex)
// on the same text: `make compare-typesetting` runs it.
//
//	spacing [-size 10.5] [-space 0.26] FILE.pdf...
//
// For each file it reads the words with `pdftotext -bbox`, keeps the body
// text (lines of words as tall as the most common word), takes the lines that
// are justified (flush with the text block on the right, not the last line
// of a paragraph) and converts each gap between two words into the stretch
// ratio of TeX and galley: (gap − space) / stretch with stretch = space/2,
// or / shrink with shrink = space/3 when the gap is narrower than the space.
// It prints, per file, the count of lines and the minimum, median and
// maximum ratio of the lines' mean gaps, the median and 90th percentile of
// |ratio| (how far spaces are from their natural width either way), the
// share of lines looser than ratio 1, and the median spread of the gaps
// inside one line. With -v it lists the lines looser than ratio 2.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/xml"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"slices"
	"strings"
)

type word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type page struct {
	Words []word `xml:"word"`
}

type bboxDoc struct {
	Pages []page `xml:"body>doc>page"`
}

// stats is what one file measured.
type stats struct {
	lines   int
	ratios  []float64 // each line's mean gap as a ratio
	spreads []float64 // each line's largest minus smallest gap, in points
}

func main() {
	size := flag.Float64("size", 10.5, "body font size in points")
	space := flag.Float64("space", 0.26, "the body font's space width in em (Noto Serif: 0.26)")
	verbose := flag.Bool("v", false, "list the lines looser than ratio 2")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: spacing [-size PT] [-space EM] FILE.pdf...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	sp := *size * *space
	fmt.Printf("%-44s %6s %8s %8s %8s %8s %8s %8s %10s\n", "file", "lines", "min", "median", "max", "med|r|", "p90|r|", "r>1", "spread pt")
	for _, path := range flag.Args() {
		st, err := measure(path, sp, *verbose)
		if err != nil {
			fmt.Fprintf(os.Stderr, "spacing: %s: %v\n", path, err)
			os.Exit(1)
		}
		if st.lines == 0 {
			fmt.Printf("%-44s %6d (no justified lines found)\n", shortName(path), 0)
			continue
		}
		r := slices.Clone(st.ratios)
		slices.Sort(r)
		abs := make([]float64, len(r))
		loose := 0
		for i, x := range r {
			abs[i] = math.Abs(x)
			if x > 1 {
				loose++
			}
		}
		slices.Sort(abs)
		s := slices.Clone(st.spreads)
		slices.Sort(s)
		fmt.Printf("%-44s %6d %8.3f %8.3f %8.3f %8.3f %8.3f %7.1f%% %10.2f\n", shortName(path), st.lines,
			r[0], r[len(r)/2], r[len(r)-1], abs[len(abs)/2], abs[len(abs)*9/10], 100*float64(loose)/float64(len(r)), s[len(s)/2])
	}
}

// shortName keeps the last two elements of a path.
func shortName(p string) string {
	parts := strings.Split(p, "/")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, "/")
}

// measure reads one PDF and measures its justified body lines, given the
// natural width of a space.
func measure(path string, sp float64, verbose bool) (stats, error) {
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		return stats{}, fmt.Errorf("pdftotext: %w", err)
	}
	var d bboxDoc
	dec := xml.NewDecoder(bufio.NewReader(bytes.NewReader(out)))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&d); err != nil {
		return stats{}, err
	}
	height := modalHeight(d)
	pages := make([][][]word, len(d.Pages))
	rights := map[float64]int{}
	for i, pg := range d.Pages {
		pages[i] = bodyLines(pg, height)
		for _, l := range pages[i] {
			rights[math.Round(l[len(l)-1].XMax*2)/2]++
		}
	}
	// The text block's right edge is where most lines end; xelatex's
	// microtype lets a hyphen or a stop hang a little past it.
	right, most := 0.0, 0
	for x, n := range rights {
		if n > most || n == most && x < right {
			right, most = x, n
		}
	}
	var st stats
	for _, lines := range pages {
		for i, l := range lines {
			if len(l) < 4 || l[len(l)-1].XMax < right-0.75 {
				continue // ragged: the last line of a paragraph, a short line
			}
			if i+1 < len(lines) && lines[i+1][0].YMin-l[0].YMax > height {
				continue // the next line is after a gap: a paragraph's end
			}
			var gaps []float64
			for j := 1; j < len(l); j++ {
				g := l[j].XMin - l[j-1].XMax
				if g > sp*0.3 { // no gap: a style change inside a word
					gaps = append(gaps, g)
				}
			}
			if len(gaps) < 3 || slices.Max(gaps)-slices.Min(gaps) > 0.5 {
				continue // not one paragraph's justified line: table cells, columns
			}
			mean := 0.0
			for _, g := range gaps {
				mean += g
			}
			mean /= float64(len(gaps))
			st.lines++
			st.ratios = append(st.ratios, ratio(mean, sp))
			if verbose && ratio(mean, sp) > 2 {
				var b strings.Builder
				for _, w := range l {
					b.WriteString(w.Text + " ")
				}
				fmt.Fprintf(os.Stderr, "%s: ratio %.2f: %s\n", shortName(path), ratio(mean, sp), b.String())
			}
			st.spreads = append(st.spreads, slices.Max(gaps)-slices.Min(gaps))
		}
	}
	return st, nil
}

// ratio is a gap's adjustment ratio: how much of the space's stretch
// (space/2) or shrink (space/3) it uses.
func ratio(gap, sp float64) float64 {
	if gap >= sp {
		return (gap - sp) / (sp / 2)
	}
	return (gap - sp) / (sp / 3)
}

// modalHeight is the word height of the most letters: the body text's
// (dotted leaders do not count).
func modalHeight(d bboxDoc) float64 {
	count := map[float64]int{}
	for _, pg := range d.Pages {
		for _, w := range pg.Words {
			count[math.Round((w.YMax-w.YMin)*10)/10] += len(strings.Trim(w.Text, ".… "))
		}
	}
	best, n := 0.0, 0
	for h, c := range count {
		if c > n || c == n && h < best {
			best, n = h, c
		}
	}
	return best
}

// bodyLines groups the words of a page into the lines of body text, top to
// bottom, each left to right: lines of body-size words, with the other
// words (inline code, a footnote marker) whose middle lies within them.
func bodyLines(pg page, height float64) [][]word {
	byY := map[float64][]word{}
	var others []word
	for _, w := range pg.Words {
		if math.Abs((w.YMax-w.YMin)-height) > 0.15 {
			others = append(others, w)
			continue
		}
		y := math.Round(w.YMax*2) / 2
		byY[y] = append(byY[y], w)
	}
	ys := make([]float64, 0, len(byY))
	for y := range byY {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	out := make([][]word, 0, len(ys))
	for _, y := range ys {
		l := byY[y]
		top, bottom := y-height, y
		for _, w := range others {
			if mid := (w.YMin + w.YMax) / 2; mid > top && mid < bottom && w.YMax-w.YMin < height*1.5 {
				l = append(l, w)
			}
		}
		slices.SortFunc(l, func(a, b word) int { return cmp.Compare(a.XMin, b.XMin) })
		out = append(out, l)
	}
	return out
}
