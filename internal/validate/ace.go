package validate

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// AceViolation is one violation DAISY Ace reports.
type AceViolation struct {
	File   string // the content document, e.g. "EPUB/chapter-1.xhtml"
	Rule   string // e.g. "epub-pagesource", "color-contrast"
	Impact string // "minor", "moderate", "serious" or "critical"
	Detail string
}

func (v AceViolation) String() string {
	return fmt.Sprintf("%s: %s (%s): %s", v.File, v.Rule, v.Impact, v.Detail)
}

// Chromium returns the path of the Chromium that Ace's puppeteer runner
// drives: $PUPPETEER_EXECUTABLE_PATH, else Debian's chromium.
func Chromium() string {
	if p := os.Getenv("PUPPETEER_EXECUTABLE_PATH"); p != "" {
		return p
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return "/usr/bin/chromium"
}

// Ace runs DAISY Ace (npm @daisy/ace, its puppeteer runner ace-puppeteer,
// with Debian's chromium) over the EPUB at path and returns its
// violations. Without Ace or Chromium the test fails (or skips: see
// Missing); Ace failing to run fails the test.
func Ace(t testing.TB, path string) []AceViolation {
	t.Helper()
	RequireTool(t, "ace-puppeteer")
	chromium := Chromium()
	if _, err := os.Stat(chromium); err != nil {
		Missing(t, "chromium", "apt-get install chromium")
	}
	out := filepath.Join(t.TempDir(), "ace")
	cmd := exec.Command("ace-puppeteer", "--force", "--silent", "--outdir", out, path)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ace %s: %v\n%s", path, err, msg)
	}
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatalf("ace wrote no report: %v", err)
	}
	v, err := parseAce(data)
	if err != nil {
		t.Fatalf("ace report: %v", err)
	}
	return v
}

// aceReport is the part of Ace's EARL report read here.
type aceReport struct {
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Title  string `json:"dct:title"`
				Impact string `json:"earl:impact"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
}

func parseAce(data []byte) ([]AceViolation, error) {
	var r aceReport
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	var out []AceViolation
	for _, a := range r.Assertions {
		for _, x := range a.Assertions {
			if x.Result.Outcome != "fail" {
				continue
			}
			out = append(out, AceViolation{File: a.Subject.URL, Rule: x.Test.Title, Impact: x.Test.Impact, Detail: x.Result.Description})
		}
	}
	return out, nil
}
