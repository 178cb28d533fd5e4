package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// compare runs the same books through galley and through pandoc (EPUB, and
// PDF via xelatex when it is installed and the book is small enough) and
// prints the times, memory and ratios side by side.
func (m *measurer) compare(bin string, scales []float64, xelatexMax float64) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		return fmt.Errorf("pandoc is not installed (apt-get install -y pandoc): %w", err)
	}
	xelatex, _ := exec.LookPath("xelatex")
	m.header("galley vs pandoc: the same generated books")
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

		galleyEPUB := m.measure(m.runsFor(sc), d, []string{gEPUB}, bin, "build", "--format", "epub", "-o", gOut, name)
		pandocEPUB := m.measure(m.runsFor(sc), d, []string{pEPUB}, pandoc, name, "--resource-path", d, "-o", pEPUB)
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
		galleyPDF := m.measure(m.runsFor(sc), d, []string{gPDF}, bin, "build", "--format", "pdf", "-o", gOut, name)
		pandocPDF := m.measure(m.runsFor(sc), d, []string{pPDF}, pandoc, name, "--resource-path", d, "--pdf-engine", xelatex, "-o", pPDF)
		m.compareRow(sc, size, "pdf", galleyPDF, pandocPDF)
		// One galley command writes both; pandoc needs two runs.
		both := sample{wall: pandocEPUB.wall + pandocPDF.wall, cpu: pandocEPUB.cpu + pandocPDF.cpu, rssKB: max(pandocEPUB.rssKB, pandocPDF.rssKB), err: firstErr(pandocEPUB.err, pandocPDF.err)}
		m.compareRow(sc, size, "pdf+epub", galleyBoth, both)
	}
	fmt.Fprintln(m.out, "\nwall x, cpu x and RSS x are pandoc / galley: above 1 means galley is faster or smaller.")
	fmt.Fprintln(m.out, "cpu is user+system time including child processes: load on the machine inflates wall times, much less CPU times.")
	fmt.Fprintln(m.out, "pandoc's PDF includes xelatex (RSS: the largest process, pandoc or xelatex, as reported by wait4).")
	fmt.Fprintln(m.out, "galley's pdf+epub is one command; pandoc's is the sum of its two runs.")
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
