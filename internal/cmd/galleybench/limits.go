package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"github.com/galley-pub/galley/internal/splitmix"
)

// limits measures the inputs the real-world-books issue names against
// its memory cap, ten times the input plus 200 MB: a single line of
// 5 MB, sixteen PNGs that are small files but large images, and the
// generated book at ten times its size. One run each (peak RSS barely
// varies between runs).
func (m *measurer) limits(bin string) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.out, "galley bench: peak memory against the cap of ten times the input plus 200 MB (issue 13)\nmachine: %s\none run each; RSS is the peak resident set of the process\n\n", machine())
	fmt.Fprintf(m.out, "%-34s %9s %9s %11s %9s  %s\n", "input", "input MB", "wall s", "peak RSS MB", "cap MB", "within")
	cases := []struct {
		label string
		make  func(dir string) (string, int, error)
	}{
		{"one line of 5 MB", writeLongLine},
		{"16 PNGs of 4000x3000 (small files)", writeLargePNGs},
		{"generated book, scale 10", func(string) (string, int, error) { return m.book(10) }},
	}
	for _, c := range cases {
		d := filepath.Join(m.dir, "limits")
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		name, size, err := c.make(d)
		if err != nil {
			return err
		}
		dir := filepath.Dir(name)
		out := filepath.Join(dir, "out")
		s := m.measure(1, dir, nil, bin, "build", "-o", out, name)
		if s.err != nil {
			fmt.Fprintf(m.out, "%-34s %9.2f failed: %v\n", c.label, mb(int64(size)), s.err)
			continue
		}
		peak, limit := float64(s.rssKB)*1024/1e6, 10*mb(int64(size))+200
		within := "yes"
		if peak > limit {
			within = fmt.Sprintf("no (%.1fx the cap)", peak/limit)
		}
		fmt.Fprintf(m.out, "%-34s %9.2f %9.3f %11.1f %9.1f  %s\n", c.label, mb(int64(size)), s.wall.Seconds(), peak, limit, within)
	}
	return nil
}

// writeLongLine writes a heading and one paragraph of 5,000,000 bytes on
// a single line: words drawn from a short list, always the same.
func writeLongLine(dir string) (string, int, error) {
	words := strings.Fields("the a teacher handout reading of and to in administration extraordinary negotiations summit delegates press")
	var b bytes.Buffer
	b.WriteString("# One line\n\n")
	rnd := splitmix.Source{}
	for b.Len() < 5_000_000 {
		b.WriteString(words[rnd.Next()%uint64(len(words))])
		b.WriteByte(' ')
	}
	b.Truncate(5_000_000)
	b.WriteByte('\n')
	name := filepath.Join(dir, "line.md")
	return name, b.Len(), os.WriteFile(name, b.Bytes(), 0o644)
}

// writeLargePNGs writes sixteen PNGs of 4000×3000 pixels of one colour
// (a few dozen KB each) and a document that shows them.
func writeLargePNGs(dir string) (string, int, error) {
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 200, 100, 50, 255
	}
	var pic bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&pic, img); err != nil {
		return "", 0, err
	}
	doc := "# Images\n\n"
	size := 0
	for i := range 16 {
		file := fmt.Sprintf("large-%d.png", i)
		if err := os.WriteFile(filepath.Join(dir, file), pic.Bytes(), 0o644); err != nil {
			return "", 0, err
		}
		size += pic.Len()
		doc += fmt.Sprintf("![large image %d](%s)\n\n", i, file)
	}
	name := filepath.Join(dir, "images.md")
	size += len(doc)
	return name, size, os.WriteFile(name, []byte(doc), 0o644)
}
