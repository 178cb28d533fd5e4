package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/galley-pub/galley/export/book"
	"github.com/galley-pub/galley/export/diag"
	"github.com/galley-pub/galley/export/options"
)

// compare runs the same books through galley and through pandoc (EPUB, and
// PDF via xelatex when it is installed and the book is small enough) and
// prints the times, memory and ratios side by side.
func (m *measurer) compare(bin string, scales []float64, xelatexMax float64, realBook string) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		return fmt.Errorf("pandoc is not installed (apt-get install -y pandoc): %w", err)
	}
	xelatex, _ := exec.LookPath("xelatex")
	m.header("galley vs pandoc: the same generated books", ", galley's and pandoc's runs alternated")
	if v, err := exec.Command(pandoc, "--version").Output(); err == nil {
		fmt.Fprintf(m.out, "pandoc: %s\n", lastLine(firstLine(string(v))))
	}
	if xelatex == "" {
		fmt.Fprintln(m.out, "xelatex: not installed, PDF via pandoc skipped (apt-get install -y texlive-xetex)")
	}
	fmt.Fprintln(m.out)
	fmt.Fprintf(m.out, "%-6s %9s  %-9s %10s %10s %8s %12s %12s %8s %12s %12s %7s\n", "scale", "input MB", "format",
		"galley s", "pandoc s", "wall x", "galley cpu s", "pandoc cpu s", "cpu x", "galley RSS", "pandoc RSS", "RSS x")
	for _, sc := range scales {
		name, size, err := m.book(sc)
		if err != nil {
			return err
		}
		d := filepath.Dir(name)
		gOut, pOut := filepath.Join(d, "out"), filepath.Join(d, "pandoc")
		gPDF, gEPUB := filepath.Join(gOut, "book.pdf"), filepath.Join(gOut, "book.epub")
		pPDF, pEPUB := filepath.Join(pOut, "book.pdf"), filepath.Join(pOut, "book.epub")
		if err := os.MkdirAll(pOut, 0o755); err != nil {
			return err
		}

		galleyEPUB, pandocEPUB := m.measurePair(m.runsFor(sc),
			command{d, []string{gEPUB}, []string{bin, "build", "--format", "epub", "-o", gOut, name}},
			command{d, []string{pEPUB}, []string{pandoc, name, "--resource-path", d, "-o", pEPUB}})
		m.compareRow(sc, size, "epub", galleyEPUB, pandocEPUB)

		galleyBoth := m.measure(m.runsFor(sc), d, []string{gPDF, gEPUB}, bin, "build", "-o", gOut, name)
		if xelatex == "" || sc > xelatexMax {
			why := "xelatex not installed"
			if xelatex != "" {
				why = fmt.Sprintf("skipped above -xelatex-max-scale %g", xelatexMax)
			}
			fmt.Fprintf(m.out, "%-6g %9.2f  %-9s %10.3f %10s   (pandoc PDF %s)\n", sc, mb(int64(size)), "pdf+epub", galleyBoth.wall.Seconds(), "-", why)
			continue
		}
		galleyPDF, pandocPDF := m.measurePair(m.runsFor(sc),
			command{d, []string{gPDF}, []string{bin, "build", "--format", "pdf", "-o", gOut, name}},
			command{d, []string{pPDF}, []string{pandoc, name, "--resource-path", d, "--pdf-engine", xelatex, "-o", pPDF}})
		m.compareRow(sc, size, "pdf", galleyPDF, pandocPDF)
		// One galley command writes both; pandoc needs two runs.
		both := sample{wall: pandocEPUB.wall + pandocPDF.wall, cpu: pandocEPUB.cpu + pandocPDF.cpu, rssKB: max(pandocEPUB.rssKB, pandocPDF.rssKB), err: firstErr(pandocEPUB.err, pandocPDF.err)}
		m.compareRow(sc, size, "pdf+epub", galleyBoth, both)
	}
	if err := m.compareClassSet(bin, pandoc, 40); err != nil {
		return err
	}
	if err := m.compareBook(bin, pandoc, realBook); err != nil {
		return err
	}
	fmt.Fprintln(m.out, "\nwall x, cpu x and RSS x are pandoc / galley: above 1 means galley is faster or smaller.")
	fmt.Fprintln(m.out, "cpu is user+system time including child processes: load on the machine inflates wall times, much less CPU times.")
	fmt.Fprintln(m.out, "pandoc's PDF includes xelatex (RSS: the largest process, pandoc or xelatex, as reported by wait4).")
	fmt.Fprintln(m.out, "galley's pdf+epub is one command; pandoc's is the sum of its two runs.")
	return nil
}

// compareClassSet writes n one-page handouts (a teacher's class set) and
// compares one galley command building all of them to PDF and EPUB with
// pandoc making their EPUBs one after another, as a shell loop would.
func (m *measurer) compareClassSet(bin, pandoc string, n int) error {
	d := filepath.Join(m.dir, "classset")
	gOut, pOut := filepath.Join(d, "out"), filepath.Join(d, "pandoc")
	if err := os.MkdirAll(pOut, 0o755); err != nil {
		return err
	}
	inputs, size, err := writeClassSet(d, n)
	if err != nil {
		return err
	}
	var gArts []string
	loop := "set -e"
	for _, name := range inputs {
		base := strings.TrimSuffix(filepath.Base(name), ".md")
		gArts = append(gArts, filepath.Join(gOut, base+".pdf"), filepath.Join(gOut, base+".epub"))
		loop += fmt.Sprintf("; %q %q -o %q", pandoc, name, filepath.Join(pOut, base+".epub"))
	}
	g, p := m.measurePair(m.runs,
		command{d, gArts, append([]string{bin, "build", "--quiet", "-o", gOut}, inputs...)},
		command{d, []string{filepath.Join(pOut, "lesson-01.epub")}, []string{"bash", "-c", loop}})
	fmt.Fprintf(m.out, "\nclass set: %d one-page handouts; galley writes PDF and EPUB of each in one command, pandoc the EPUBs one after another\n", n)
	m.compareRow(0, size, "classset", g, p)
	return nil
}

// writeClassSet writes n one-page handouts, lesson-01.md to lesson-NN.md,
// into dir, and returns their paths and their size in bytes.
func writeClassSet(dir string, n int) ([]string, int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, err
	}
	var inputs []string
	size := 0
	for i := 1; i <= n; i++ {
		name := filepath.Join(dir, fmt.Sprintf("lesson-%02d.md", i))
		src := fmt.Sprintf("---\ntitle: Lesson %d on rivers\nauthor: A. Teacher\nlang: en\n---\n\n# Aims of lesson %d\n\n"+
			"Pupils compare %d leaves and record what differs, then draw the one they found most unusual.[^1]\n\n"+
			"## Steps\n\n1. Collect.\n2. Sort.\n3. Draw [the aims](#aims-of-lesson-%d).\n\n| Leaf | Edge |\n| --- | --- |\n| oak | lobed |\n\n[^1]: Note %d.\n", i, i, i, i, i)
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			return nil, 0, err
		}
		size += len(src)
		inputs = append(inputs, name)
	}
	return inputs, size, nil
}

// compareBook builds a real book, a directory with SUMMARY.md, book.toml
// or book.yaml (COMPARE_BOOK), to PDF and EPUB with galley, and its
// chapter files, in reading order, to an EPUB with pandoc, which reads
// them one after another as one document (it leaves mdBook's includes as
// text). No book is committed with galley: fetch one (e.g. rust-lang/book)
// and name its directory.
func (m *measurer) compareBook(bin, pandoc, dir string) error {
	if dir == "" {
		fmt.Fprintln(m.out, "\nreal book: none given (COMPARE_BOOK=DIR, a directory with SUMMARY.md, book.toml or book.yaml)")
		return nil
	}
	config, ok := book.Locate(dir)
	if !ok {
		return fmt.Errorf("COMPARE_BOOK %s: no SUMMARY.md, book.toml or book.yaml", dir)
	}
	var diags diag.List
	b, err := book.Load(config, options.Defaults(), &diags)
	if err != nil {
		return fmt.Errorf("COMPARE_BOOK %s: %w", dir, err)
	}
	var files []string
	size := 0
	for _, c := range b.Chapters {
		f := filepath.Join(b.Dir, filepath.FromSlash(c.File))
		st, err := os.Stat(f)
		if err != nil {
			continue // galley warns of it
		}
		files = append(files, f)
		size += int(st.Size())
	}
	work := filepath.Join(m.dir, "realbook")
	gOut, pOut := filepath.Join(work, "out"), filepath.Join(work, "pandoc")
	if err := os.MkdirAll(pOut, 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	name := b.Name
	pEPUB := filepath.Join(pOut, name+".epub")
	g, p := m.measurePair(m.runs,
		command{work, []string{filepath.Join(gOut, name+".pdf"), filepath.Join(gOut, name+".epub")}, []string{bin, "build", "--quiet", "-o", gOut, abs}},
		command{b.Dir, []string{pEPUB}, append(append([]string{pandoc}, files...), "--resource-path", b.Dir, "-o", pEPUB)})
	fmt.Fprintf(m.out, "\nreal book: %s, %d chapter files; galley writes PDF and EPUB of the book, pandoc the EPUB of its chapters\n", dir, len(files))
	m.compareRow(0, size, "book", g, p)
	return nil
}

func (m *measurer) compareRow(sc float64, size int, format string, g, p sample) {
	if g.err != nil || p.err != nil {
		fmt.Fprintf(m.out, "%-6g %9.2f  %-9s failed: %v\n", sc, mb(int64(size)), format, firstErr(g.err, p.err))
		return
	}
	fmt.Fprintf(m.out, "%-6g %9.2f  %-9s %10.3f %10.3f %8.1f %12.3f %12.3f %8.1f %10.1fMB %10.1fMB %7.1f\n", sc, mb(int64(size)), format,
		g.wall.Seconds(), p.wall.Seconds(), p.wall.Seconds()/g.wall.Seconds(),
		g.cpu.Seconds(), p.cpu.Seconds(), p.cpu.Seconds()/g.cpu.Seconds(),
		float64(g.rssKB)/1024, float64(p.rssKB)/1024, float64(p.rssKB)/float64(g.rssKB))
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i]
		}
	}
	return s
}
