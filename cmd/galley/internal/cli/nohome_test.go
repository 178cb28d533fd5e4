package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// commandArgsEnv, set in a child process of the test binary, holds the
// arguments of the galley command it runs (one a line) instead of the
// tests: the system's font index is read once a process, so a build with
// another home needs a process of its own.
const commandArgsEnv = "TEST_GALLEY_COMMAND_ARGS"

// TestBuildWithoutHome builds a page in Chinese in processes whose home
// (where galley keeps its index of the system's fonts) cannot be
// written, as in a sandboxed package build or a read-only container:
//  1. it finds the system's CJK face as a build with a home does, and
//     warns of nothing;
//  2. so it does with no directory at all to write to (no temporary
//     directory either): the index is made for the build alone.
func TestBuildWithoutHome(t *testing.T) {
	if args := os.Getenv(commandArgsEnv); args != "" {
		os.Exit(run(strings.Split(args, "\n"), stdio{os.Stdin, os.Stdout, os.Stderr}))
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "page.md")
	if err := os.WriteFile(page, []byte("# 你好\n\n中文的一段话。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(dir, "not-a-directory")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(env ...string) string {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestBuildWithoutHome$")
		args := strings.Join([]string{"build", "--quiet", "-o", t.TempDir(), page}, "\n")
		cmd.Env = append(os.Environ(), append(env, commandArgsEnv+"="+args)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("galley build (%s): %v\n%s", env, err, out)
		}
		return string(out)
	}
	if out := build(); strings.Contains(out, "no font draws") {
		t.Skipf("no system font draws Chinese here:\n%s", out)
	}
	noHome := []string{"HOME=" + notDir, "XDG_CACHE_HOME=" + filepath.Join(notDir, "cache")}
	if out := build(noHome...); strings.Contains(out, ": warning:") {
		t.Errorf("1. without a home, the build warned:\n%s", out)
	}
	if out := build(append(noHome, "TMPDIR="+filepath.Join(notDir, "tmp"))...); strings.Contains(out, ": warning:") {
		t.Errorf("2. with nowhere to write, the build warned:\n%s", out)
	}
}
