package cli

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInterruptBatch builds a batch of inputs with the real binary, sends
// SIGINT once the first input is written, and checks that the program
// stops with exit code 130, leaves no temporary file, leaves every
// artifact either as it was before the run or complete, and built the
// first input. The binary is built without its PGO profile, which changes
// its speed, not what it does: with it, every dependency would be
// compiled once more.
func TestInterruptBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "galley")
	if out, err := exec.Command("go", "build", "-pgo=off", "-o", bin, "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src, err := os.ReadFile("../../../../content/hanoi-summit.md")
	if err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	for _, d := range []string{in, out} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	const n = 12
	old := map[string][]byte{}
	var inputs []string
	for i := range n {
		name := fmt.Sprintf("doc%02d", i)
		p := filepath.Join(in, name+".md")
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
		for _, ext := range []string{".pdf", ".epub"} {
			old[name+ext] = []byte("previous " + name + ext)
			if err := os.WriteFile(filepath.Join(out, name+ext), old[name+ext], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	cmd := exec.Command(bin, append([]string{"build", "-o", out}, inputs...)...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	var lines []string
	signalled := false
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if !signalled && strings.Contains(sc.Text(), "doc00.epub") {
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			signalled = true
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want code %d\nstdout:\n%s\nstderr:\n%s", err, exitInterrupted, strings.Join(lines, "\n"), stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say it was interrupted:\n%s", stderr.String())
	}

	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2*n {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%d files in the output directory, want %d: %q", len(entries), 2*n, names)
	}
	rebuilt, untouched := 0, 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case bytes.Equal(data, old[e.Name()]):
			untouched++
		case strings.HasSuffix(e.Name(), ".pdf"):
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[len(data)-16:], []byte("%%EOF")) {
				t.Errorf("%s is neither the previous file nor a complete PDF", e.Name())
			}
			rebuilt++
		case strings.HasSuffix(e.Name(), ".epub"):
			if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
				t.Errorf("%s is neither the previous file nor a complete EPUB: %v", e.Name(), err)
			}
			rebuilt++
		default:
			t.Errorf("unexpected file %s", e.Name())
		}
	}
	for _, name := range []string{"doc00.pdf", "doc00.epub"} {
		if data, _ := os.ReadFile(filepath.Join(out, name)); bytes.Equal(data, old[name]) {
			t.Errorf("%s, written before the signal, is the previous file", name)
		}
	}
	if untouched == 0 {
		t.Errorf("all %d artifacts were rebuilt: the signal did not stop the batch", rebuilt)
	}
}
