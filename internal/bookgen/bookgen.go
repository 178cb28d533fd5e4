// Package bookgen generates deterministic Markdown books for galley's
// benchmarks: chapters of prose with headings, nested lists, tables, code
// blocks, footnotes, links, callouts, definition lists and figures, shaped
// like a programming book. The same scale always gives the same bytes, on
// every platform and Go version: the generator uses its own small
// pseudo-random sequence, not math/rand.
package bookgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"github.com/galley-pub/galley/internal/pngenc"
	"github.com/galley-pub/galley/internal/splitmix"
)

// UnitSize is the size of a scale-1 book in bytes: about the 1.3 MB,
// 206k-word programming book of the performance issue.
const UnitSize = 1_300_000

// Images is the number of distinct figure images a book refers to; the
// chapters cycle through them, so larger books share the same files.
const Images = 12

// Book writes a book of about scale × UnitSize bytes (never less) of
// Markdown. Its figures refer to images/fig-NN.png, written by WriteImages.
func Book(scale float64) []byte {
	g := &gen{rnd: rng{splitmix.Source{State: 0x9e3779b97f4a7c15}}}
	target := int(scale * UnitSize)
	g.frontMatter()
	for ch := 1; g.buf.Len() < target; ch++ {
		g.chapter(ch)
	}
	return g.buf.Bytes()
}

// WriteImages writes the figures a book refers to into dir/images.
func WriteImages(dir string) error {
	imgDir := filepath.Join(dir, "images")
	if err := os.MkdirAll(imgDir, 0o755); err != nil {
		return err
	}
	for i := 1; i <= Images; i++ {
		var buf bytes.Buffer
		// pngenc: the same bytes under every Go release, so that a
		// benchmark's books do not change with the toolchain.
		if err := (pngenc.Encoder{Level: 6}).Encode(&buf, Image(i)); err != nil {
			return fmt.Errorf("figure %d: %w", i, err)
		}
		if err := os.WriteFile(filepath.Join(imgDir, imageName(i)), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Write writes a book of the given scale to dir/name and its images to
// dir/images, and returns the Markdown's size in bytes.
func Write(dir, name string, scale float64) (int, error) {
	if err := WriteImages(dir); err != nil {
		return 0, err
	}
	b := Book(scale)
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		return 0, err
	}
	return len(b), nil
}

// Image is figure n: a 480×300 diagram-like picture of bars on a gradient,
// different for each n.
func Image(n int) image.Image {
	const w, h = 480, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rng{splitmix.Source{State: uint64(n) * 0x2545f4914f6cdd1d}}
	base := color.RGBA{uint8(40 + 17*n), uint8(90 + 11*n), uint8(160 - 7*n), 255}
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{base.R + uint8(x/8), base.G + uint8(y/6), base.B, 255})
		}
	}
	bars := 5 + n%4
	for i := range bars {
		top := 40 + r.intn(h-80)
		x0 := 30 + i*(w-60)/bars
		x1 := x0 + (w-60)/bars - 12
		c := color.RGBA{uint8(r.intn(200)), uint8(r.intn(200)), uint8(r.intn(200)), 255}
		for y := top; y < h-20; y++ {
			for x := x0; x < x1; x++ {
				img.Set(x, y, c)
			}
		}
	}
	return img
}

func imageName(n int) string { return fmt.Sprintf("fig-%02d.png", n) }

// rng is a splitmix.Source with the draws this package needs.
type rng struct{ splitmix.Source }

// intn is a number in [0, n).
func (r *rng) intn(n int) int { return int(r.Next() % uint64(n)) }

// between is a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

type gen struct {
	buf      bytes.Buffer
	rnd      rng
	footnote int // footnotes so far, for unique labels
	figure   int // figures so far
	link     int // links so far
}

func (g *gen) printf(format string, args ...any) { fmt.Fprintf(&g.buf, format, args...) }

func (g *gen) frontMatter() {
	g.printf(`---
title: Practical Systems Programming
subtitle: A generated benchmark book for galley
author: galley bookgen
publisher: galley
date: 2026-11-28
lang: en
description: >-
  A deterministic, generated programming book used to measure galley's speed
  and memory: prose, lists, tables, code, footnotes, links and figures.
keywords: [benchmark, programming]
further_reading:
  - title: "The Go Programming Language"
    author: Alan Donovan and Brian Kernighan
    publisher: Addison-Wesley
    year: "2015"
  - title: "Structure and Interpretation of Computer Programs"
    author: Harold Abelson and Gerald Sussman
    publisher: MIT Press
    year: "1996"
---

`)
}

// chapter writes one chapter: about 7,000 words in six to nine sections.
func (g *gen) chapter(n int) {
	r := &g.rnd
	g.printf("# Chapter %d: %s\n\n", n, g.title(3, 6))
	for range r.between(2, 3) {
		g.paragraph()
	}
	sections := r.between(6, 9)
	for s := 1; s <= sections; s++ {
		g.section(n, s)
	}
}

func (g *gen) section(ch, s int) {
	r := &g.rnd
	g.printf("## %d.%d %s\n\n", ch, s, g.title(2, 5))
	var notes []int
	blocks := r.between(8, 13)
	for b := range blocks {
		switch k := r.intn(20); {
		case b == 0 || k < 10:
			notes = append(notes, g.paragraphWithNotes()...)
		case k < 12:
			g.list()
		case k < 14:
			g.code()
		case k == 14:
			g.table()
		case k == 15:
			g.figureBlock()
		case k == 16:
			g.callout()
		case k == 17:
			g.definitions()
		case k == 18:
			g.quote()
		default:
			g.printf("### %s\n\n", g.title(2, 4))
			g.paragraph()
		}
	}
	for _, n := range notes {
		g.printf("[^n%d]: %s\n\n", n, g.sentence(8, 20))
	}
}

// title is a capitalised phrase of lo to hi words.
func (g *gen) title(lo, hi int) string {
	words := make([]string, g.rnd.between(lo, hi))
	for i := range words {
		words[i] = pick(&g.rnd, vocabulary)
	}
	t := strings.Join(words, " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

// sentence is a sentence of lo to hi words with occasional inline markup.
func (g *gen) sentence(lo, hi int) string {
	r := &g.rnd
	n := r.between(lo, hi)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			if r.intn(14) == 0 {
				b.WriteString(", ")
			} else {
				b.WriteByte(' ')
			}
		}
		w := pick(r, vocabulary)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		switch r.intn(40) {
		case 0:
			fmt.Fprintf(&b, "*%s*", w)
		case 1:
			fmt.Fprintf(&b, "**%s**", w)
		case 2:
			fmt.Fprintf(&b, "`%s()`", pick(r, identifiers))
		case 3:
			g.link++
			fmt.Fprintf(&b, "[%s](https://example.org/%s/%d)", w, pick(r, vocabulary), g.link%400)
		case 4:
			fmt.Fprintf(&b, "\"%s\"", w)
		default:
			b.WriteString(w)
		}
	}
	b.WriteString(pick(r, []string{".", ".", ".", ".", "?", "!", "; it works.", " -- as expected."}))
	return b.String()
}

func (g *gen) paragraph() {
	g.paragraphWithNotes()
}

// paragraphWithNotes writes a paragraph of three to eight sentences and
// returns the footnotes it refers to.
func (g *gen) paragraphWithNotes() []int {
	r := &g.rnd
	var notes []int
	n := r.between(3, 8)
	for i := range n {
		if i > 0 {
			g.buf.WriteByte(' ')
		}
		g.buf.WriteString(g.sentence(6, 24))
		if r.intn(12) == 0 {
			g.footnote++
			notes = append(notes, g.footnote)
			g.printf("[^n%d]", g.footnote)
		}
	}
	g.buf.WriteString("\n\n")
	return notes
}

func (g *gen) list() {
	r := &g.rnd
	ordered := r.intn(3) == 0
	items := r.between(3, 7)
	for i := 1; i <= items; i++ {
		marker := "-"
		if ordered {
			marker = fmt.Sprintf("%d.", i)
		}
		g.printf("%s %s\n", marker, g.sentence(4, 16))
		if r.intn(5) == 0 {
			for range r.between(2, 3) {
				g.printf("   - %s\n", g.sentence(3, 10))
			}
		}
	}
	g.buf.WriteByte('\n')
}

func (g *gen) code() {
	r := &g.rnd
	fn := pick(r, identifiers)
	g.printf("```go\nfunc %s(%s %s) (%s, error) {\n", fn, pick(r, vocabulary), pick(r, types), pick(r, types))
	for range r.between(4, 16) {
		switch r.intn(4) {
		case 0:
			g.printf("\tif err := %s(%s); err != nil {\n\t\treturn nil, fmt.Errorf(\"%s: %%w\", err)\n\t}\n", pick(r, identifiers), pick(r, vocabulary), pick(r, vocabulary))
		case 1:
			g.printf("\tfor i := range %s {\n\t\t%s[i] = %s(%s[i])\n\t}\n", pick(r, vocabulary), pick(r, vocabulary), pick(r, identifiers), pick(r, vocabulary))
		case 2:
			g.printf("\t// %s\n", strings.TrimSuffix(g.sentence(4, 10), "."))
		default:
			g.printf("\t%s := %s(%s, %d)\n", pick(r, vocabulary), pick(r, identifiers), pick(r, vocabulary), r.intn(1000))
		}
	}
	g.printf("\treturn %s, nil\n}\n```\n\n", pick(r, vocabulary))
}

func (g *gen) table() {
	r := &g.rnd
	cols := r.between(3, 5)
	row := func(cell func(int) string) {
		for c := range cols {
			g.printf("| %s ", cell(c))
		}
		g.buf.WriteString("|\n")
	}
	row(func(int) string { return g.title(1, 2) })
	row(func(c int) string {
		if c > 0 {
			return "---:"
		}
		return "---"
	})
	for range r.between(3, 8) {
		row(func(c int) string {
			if c == 0 {
				return "`" + pick(r, identifiers) + "`"
			}
			return fmt.Sprintf("%d.%d", r.intn(1000), r.intn(10))
		})
	}
	g.buf.WriteByte('\n')
}

func (g *gen) figureBlock() {
	g.figure++
	n := (g.figure-1)%Images + 1
	g.printf("![Figure %d: %s](images/%s)\n\n", g.figure, g.sentence(4, 9), imageName(n))
}

func (g *gen) callout() {
	kind := pick(&g.rnd, []string{"NOTE", "TIP", "WARNING", "IMPORTANT"})
	g.printf("> [!%s] %s\n>\n> %s %s\n\n", kind, g.title(1, 3), g.sentence(8, 20), g.sentence(8, 20))
}

func (g *gen) definitions() {
	for range g.rnd.between(2, 4) {
		g.printf("%s\n:   %s\n\n", pick(&g.rnd, identifiers), g.sentence(6, 18))
	}
}

func (g *gen) quote() {
	g.printf("> %s %s\n\n", g.sentence(8, 20), g.sentence(8, 20))
}
