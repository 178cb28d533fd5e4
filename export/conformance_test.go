package export

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/galley-pub/galley/export/internal/corpus"
	"github.com/galley-pub/galley/export/options"
	"github.com/galley-pub/galley/internal/validate"
)

// conformanceEnv turns on the corpus run (`make conformance`, and a step
// of CI), which takes minutes.
const conformanceEnv = "GALLEY_CONFORMANCE"

// conformanceExample is one example of the corpus run.
type conformanceExample struct {
	name string // file name without extension: cm-0001, gfm-01
	what string // for messages: the spec, the number, the section
	src  string
}

func conformanceExamples(t *testing.T) []conformanceExample {
	t.Helper()
	cm, err := corpus.CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	gfm, err := corpus.GFM()
	if err != nil {
		t.Fatal(err)
	}
	var out []conformanceExample
	for _, e := range cm {
		out = append(out, conformanceExample{fmt.Sprintf("cm-%04d", e.Number), fmt.Sprintf("CommonMark example %d (%s, spec line %d)", e.Number, e.Section, e.Line), e.Markdown})
	}
	for _, e := range gfm {
		out = append(out, conformanceExample{fmt.Sprintf("gfm-%02d", e.Number), fmt.Sprintf("GFM example %d (%s)", e.Number, e.Section), e.Markdown})
	}
	return out
}

// TestConformance is the corpus run: every example of the CommonMark
// specification and every GFM example goes through the whole pipeline
// (Read, the passes, both renderers, the atomic write) as its own
// document. No example may panic or fail, and every PDF must pass
// `qpdf --check` without a warning, and every EPUB EPUBCheck without an
// error or a warning (EPUBCheck runs once, over all of them). It runs with
// GALLEY_CONFORMANCE=1; GALLEY_CONFORMANCE_OUT keeps the documents and
// artifacts in that directory.
//
// Absolute image paths (`![foo](/url)`, 16 examples) are refused unless
// a site root is given, so the run gives the examples' directory as the
// site root: the images are then missing, a warning and the alt text.
func TestConformance(t *testing.T) {
	t.Parallel()
	if os.Getenv(conformanceEnv) == "" {
		t.Skipf("the corpus run takes minutes: make conformance, or %s=1 (the fuzz targets' seeds run every example through both renderers in every go test)", conformanceEnv)
	}
	validate.RequireTool(t, "qpdf")
	dir := os.Getenv("GALLEY_CONFORMANCE_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	b := newBuilder(t)
	examples := conformanceExamples(t)
	results := make([]*Result, len(examples))
	errs := make([]error, len(examples))
	parallel(len(examples), func(i int) {
		ex := examples[i]
		p := filepath.Join(in, ex.name+".md")
		if errs[i] = os.WriteFile(p, []byte(ex.src), 0o644); errs[i] != nil {
			return
		}
		// A given cover: generating one per example would triple the
		// run's time and test nothing more than the seed tests do.
		results[i], errs[i] = buildNoPanic(b, p, testOptions(out, func(o *options.Options) { o.Resources.SiteRoot = in; o.Set("cover", "testdata/robust/pixel.png") }))
	})
	var pdfs, epubs []string
	byFile := map[string]conformanceExample{}
	for i, ex := range examples {
		if errs[i] != nil {
			var ds any
			if results[i] != nil {
				ds = results[i].Diagnostics
			}
			t.Errorf("%s: %v\n%q\n%v", ex.what, errs[i], ex.src, ds)
			continue
		}
		for _, a := range results[i].Artifacts {
			byFile[a.Path] = ex
			if a.Format == PDF {
				pdfs = append(pdfs, a.Path)
			} else {
				epubs = append(epubs, a.Path)
			}
		}
	}
	if len(pdfs) != len(examples) || len(epubs) != len(examples) {
		t.Errorf("%d examples gave %d PDFs and %d EPUBs", len(examples), len(pdfs), len(epubs))
	}

	qpdfOut := make([]string, len(pdfs))
	parallel(len(pdfs), func(i int) {
		o, err := exec.Command("qpdf", "--check", pdfs[i]).CombinedOutput()
		if err != nil || strings.Contains(strings.ToLower(string(o)), "warning") || !strings.Contains(string(o), "No syntax or stream encoding errors found") {
			qpdfOut[i] = fmt.Sprintf("%v\n%s", err, o)
		}
	})
	qpdfClean := 0
	for i, p := range pdfs {
		if qpdfOut[i] != "" {
			t.Errorf("%s: qpdf --check %s: %s", byFile[p].what, p, qpdfOut[i])
			continue
		}
		qpdfClean++
	}
	t.Logf("corpus run: %d examples built to PDF and EPUB; qpdf --check clean: %d of %d PDFs", len(pdfs), qpdfClean, len(pdfs))

	clean := 0
	for _, p := range epubs {
		r := validate.CheckEPUB(t, p, false)
		if !r.Clean() {
			t.Errorf("%s: EPUBCheck found problems in %s:\n%s", byFile[p].what, p, strings.Join(r.Problems(), "\n"))
			continue
		}
		clean++
	}
	t.Logf("corpus run: EPUBCheck clean (0 fatals, 0 errors, 0 warnings): %d of %d EPUBs", clean, len(epubs))
}

// buildNoPanic is Build that turns a panic into an error naming it.
func buildNoPanic(b *Builder, path string, opts options.Options) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = &Result{Input: path}, fmt.Errorf("panic: %v", p)
		}
	}()
	return b.Build(path, opts)
}

// parallel calls f(0) … f(n-1) on two goroutines: the builds and the
// checkers are independent, and the Builder is safe for concurrent use.
func parallel(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
