package validate

import (
	"bufio"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// EPUBCheckJar is where Debian's epubcheck package puts EPUBCheck.
const EPUBCheckJar = "/usr/share/java/epubcheck.jar"

// Java returns the command that runs java with args, tuned for a short
// run: the client compiler alone and the serial collector take an
// EPUBCheck run of a small book from 5.5 s (9 s of CPU) to 3.2 s (3.6 s of
// CPU) here.
func Java(args ...string) *exec.Cmd {
	return exec.Command("java", append([]string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"}, args...)...)
}

// EPUBReport is what EPUBCheck said of one EPUB.
type EPUBReport struct {
	Fatals, Errors, Warnings int
	// Lines are its messages, one a line, as its command line gives
	// them: "ERROR(RSC-005): book.epub/EPUB/ch1.xhtml(12,3): …".
	Lines []string
}

// Clean reports whether EPUBCheck found no fatal error, error or warning.
func (r EPUBReport) Clean() bool { return r.Fatals+r.Errors+r.Warnings == 0 }

// Problems returns the lines of the fatal errors, errors and warnings.
func (r EPUBReport) Problems() []string {
	var out []string
	for _, l := range r.Lines {
		if strings.HasPrefix(l, "FATAL") || strings.HasPrefix(l, "ERROR") || strings.HasPrefix(l, "WARNING") {
			out = append(out, l)
		}
	}
	return out
}

// EPUBCheck runs EPUBCheck over the EPUB at path and fails the test unless
// it reports no fatal error, no error and no warning.
func EPUBCheck(t testing.TB, path string) {
	t.Helper()
	if r := CheckEPUB(t, path, false); !r.Clean() {
		t.Errorf("EPUBCheck %s: %d fatal errors, %d errors, %d warnings:\n%s", path, r.Fatals, r.Errors, r.Warnings, strings.Join(r.Lines, "\n"))
	}
}

// CheckEPUB runs EPUBCheck over the EPUB at path, with its usage notes
// when usage is set (its --usage), and returns what it said. Every check
// of a test binary runs in one Java virtual machine (EPUBCheckServer.java),
// started by the first: a check of a small book then takes a tenth of a
// second, not the three of a virtual machine of its own, which made the
// validators most of the test suite's time. Checks wait for each other.
func CheckEPUB(t testing.TB, path string, usage bool) EPUBReport {
	t.Helper()
	RequireTool(t, "java")
	RequireTool(t, EPUBCheckJar)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatalf("EPUBCheck: %v", err)
	}
	r, err := epubChecker.check(abs, usage)
	if err != nil {
		t.Fatalf("EPUBCheck %s: %v", path, err)
	}
	return r
}

//go:embed java/EPUBCheckServer.java
var epubCheckServer string

// checkServer is the test binary's EPUBCheck virtual machine: started on
// the first check, ended with the binary (its input then closes).
type checkServer struct {
	once sync.Once
	mu   sync.Mutex
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	err  error // why it could not start, or why it stopped
	// src is the directory of the server's source, removed once the
	// virtual machine has answered (it compiles the source as it starts).
	src string
}

// epubChecker is the one server of a test binary: a fixture shared by its
// tests, as a TestMain's would be.
var epubChecker checkServer

// start launches the virtual machine on the server's source, written to
// a directory of its own.
func (s *checkServer) start() error {
	dir, err := os.MkdirTemp("", "galley-epubcheck-")
	if err != nil {
		return err
	}
	s.src = dir
	src := filepath.Join(dir, "EPUBCheckServer.java")
	if err := os.WriteFile(src, []byte(epubCheckServer), 0o644); err != nil {
		return err
	}
	cmd := Java("-cp", EPUBCheckJar, src)
	s.cmd = cmd
	if s.in, err = cmd.StdinPipe(); err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = os.Stderr // the virtual machine's own failures
	if err := cmd.Start(); err != nil {
		return err
	}
	s.out = bufio.NewReader(stdout)
	return nil
}

// begin starts the server unless it has been (begun or failed).
func (s *checkServer) begin() {
	s.once.Do(func() {
		if s.err = s.start(); s.err != nil && s.src != "" {
			os.RemoveAll(s.src)
		}
	})
}

// RunWithEPUBCheck runs a package's tests (m.Run) with the test binary's
// EPUBCheck virtual machine started before them and ended after, and
// returns m.Run's code: the whole of the TestMain of a package whose
// tests check EPUBs is os.Exit(validate.RunWithEPUBCheck(m)).
func RunWithEPUBCheck(m *testing.M) int {
	startEPUBCheck()
	defer stopEPUBCheck()
	return m.Run()
}

// startEPUBCheck starts the test binary's EPUBCheck virtual machine now,
// in the background, when java and EPUBCheck are installed: it boots (5 s
// here, about 1 of them compiling its source) while the first tests run,
// instead of in the first test that checks a book, with every test after
// that one waiting. With a -run pattern it does nothing (the server
// starts at the first check, if any): the few tests chosen may check
// none.
func startEPUBCheck() {
	if !flag.Parsed() {
		flag.Parse()
	}
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		return
	}
	if installed("java") && installed(EPUBCheckJar) {
		epubChecker.begin()
	}
}

// stopEPUBCheck ends the test binary's EPUBCheck virtual machine (stop).
func stopEPUBCheck() { epubChecker.stop() }

// stop ends the server, if it started, and waits for it: its source is
// removed even if it never checked a book, and its CPU time is counted
// with the tests'. No check starts it after this.
func (s *checkServer) stop() {
	s.once.Do(func() {}) // none starts after this; s.err says why, below
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil && s.cmd.Process != nil {
		s.in.Close()
		s.cmd.Wait()
	}
	s.cmd = nil
	if s.err == nil {
		s.err = errors.New("the checker was stopped")
	}
	if s.src != "" {
		os.RemoveAll(s.src)
		s.src = ""
	}
}

// resultLine is the server's last line for a file.
var resultLine = regexp.MustCompile(`^RESULT fatals=(\d+) errors=(\d+) warnings=(\d+)$`)

// check sends one file to the server and reads its messages and result.
func (s *checkServer) check(path string, usage bool) (EPUBReport, error) {
	if strings.ContainsAny(path, "\r\n") {
		return EPUBReport{}, fmt.Errorf("a file name with a line break cannot be sent to the checker")
	}
	s.begin()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return EPUBReport{}, s.err
	}
	mode := "check"
	if usage {
		mode = "usage"
	}
	if _, err := fmt.Fprintf(s.in, "%s %s\n", mode, path); err != nil {
		s.err = fmt.Errorf("the checker stopped: %w", err)
		return EPUBReport{}, s.err
	}
	var r EPUBReport
	for {
		line, err := s.out.ReadString('\n')
		if err != nil {
			s.err = fmt.Errorf("the checker stopped before its result: %w", err)
			return EPUBReport{}, s.err
		}
		line = strings.TrimRight(line, "\r\n")
		if m := resultLine.FindStringSubmatch(line); m != nil {
			if s.src != "" {
				os.RemoveAll(s.src)
				s.src = ""
			}
			r.Fatals, _ = strconv.Atoi(m[1])
			r.Errors, _ = strconv.Atoi(m[2])
			r.Warnings, _ = strconv.Atoi(m[3])
			return r, nil
		}
		r.Lines = append(r.Lines, line)
	}
}
