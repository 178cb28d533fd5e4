package epub

import (
	"regexp"
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

var epubcheckSummary = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?(?: / (\d+) infos?)?`)

// avoidableUsage are the EPUBCheck usage notes galley's output must not
// cause. The others are informative and cannot all be avoided: the NCX's
// namespace (HTM-010) is required, spine items such as the cover are not in
// the table of contents on purpose (OPF-058/059), the stylesheet has rules
// for content a book may not have (CSS-024), raw HTML keeps its classes
// (CSS-025), and HTM-050, NAV-002 and NCX-005 only report that the book has
// page-break markers and a page list.
var avoidableUsage = map[string]bool{
	"HTM-006": true, // named entity references: we write numeric ones
	"HTM-044": true, // the epub: namespace declared but not used
	"CSS-012": true, // a page linking more than one stylesheet
	"RSC-011": true, // a link to a resource not in the spine
}

// epubcheck runs EPUBCheck, with usage notes on, over the EPUB at path and
// fails the test on any fatal error, error, warning or avoidable usage
// note. Without
// Java or EPUBCheck it skips, except in CI (CI set), where it fails.
func epubcheck(t *testing.T, path string) {
	t.Helper()
	validate.RequireTool(t, "java")
	validate.RequireTool(t, validate.EPUBCheckJar)
	res, _ := validate.Java("-jar", validate.EPUBCheckJar, "--usage", path).CombinedOutput()
	var problems []string
	usage := map[string]int{}
	for _, line := range strings.Split(string(res), "\n") {
		for _, kind := range []string{"FATAL", "ERROR", "WARNING"} {
			if strings.HasPrefix(line, kind+"(") {
				problems = append(problems, line)
			}
		}
		if code, ok := strings.CutPrefix(line, "USAGE("); ok {
			code, _, _ = strings.Cut(code, ")")
			usage[code]++
			if testing.Verbose() {
				t.Log(line)
			}
			if avoidableUsage[code] {
				problems = append(problems, line)
			}
		}
	}
	if len(usage) > 0 {
		t.Logf("EPUBCheck usage notes (informative): %v", usage)
	}
	m := epubcheckSummary.FindSubmatch(res)
	if m == nil && !strings.Contains(string(res), "No errors or warnings detected") {
		t.Fatalf("cannot read EPUBCheck's summary:\n%s", res)
	}
	if m != nil {
		t.Logf("EPUBCheck: %s", m[0])
	}
	if len(problems) > 0 {
		if len(problems) > 40 {
			problems = append(problems[:40], "…")
		}
		t.Errorf("EPUBCheck reports %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}
