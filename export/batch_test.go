package export

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildAllMatchesBuild builds copies of the seed article concurrently,
// one of them broken, and checks each result against a sequential build.
func TestBuildAllMatchesBuild(t *testing.T) {
	src, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []string
	for _, name := range []string{"a.md", "b.md", "broken.md", "c.md"} {
		data := src
		if name == "broken.md" {
			data = []byte("---\ntitle: [unclosed\n---\n# x\n")
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	batchOut, seqOut := filepath.Join(dir, "batch"), filepath.Join(dir, "seq")
	results, errs := b.BuildAll(inputs, func(string) Options { return Options{OutDir: batchOut, Modified: epoch} }, 3)
	if len(results) != len(inputs) || len(errs) != len(inputs) {
		t.Fatalf("%d results, %d errors for %d inputs", len(results), len(errs), len(inputs))
	}
	for i, in := range inputs {
		want, wantErr := b.Build(in, Options{OutDir: seqOut, Modified: epoch})
		if (errs[i] == nil) != (wantErr == nil) {
			t.Fatalf("%s: batch error %v, sequential error %v", in, errs[i], wantErr)
		}
		if results[i].Input != in || len(results[i].Artifacts) != len(want.Artifacts) {
			t.Fatalf("%s: result %+v, want %+v", in, results[i], want)
		}
		for j, a := range results[i].Artifacts {
			got, err1 := os.ReadFile(a.Path)
			exp, err2 := os.ReadFile(want.Artifacts[j].Path)
			if err1 != nil || err2 != nil || !bytes.Equal(got, exp) {
				t.Errorf("%s: %s differs from the sequential build (%v, %v)", in, a.Path, err1, err2)
			}
		}
	}
	if errs[2] == nil {
		t.Error("the broken input built without an error")
	}
	for _, i := range []int{0, 1, 3} {
		if errs[i] != nil || len(results[i].Artifacts) != 2 {
			t.Errorf("%s: %v, %d artifacts", inputs[i], errs[i], len(results[i].Artifacts))
		}
	}
}
