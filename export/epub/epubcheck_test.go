package epub

import (
	"strings"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

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
// note. Without Java or EPUBCheck it fails, unless validate.SkipEnv is set
// outside CI.
func epubcheck(t *testing.T, path string) {
	t.Helper()
	r := validate.CheckEPUB(t, path, true)
	problems := r.Problems()
	usage := map[string]int{}
	for _, line := range r.Lines {
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
	t.Logf("EPUBCheck: %d fatals / %d errors / %d warnings", r.Fatals, r.Errors, r.Warnings)
	if !r.Clean() && len(problems) == 0 {
		t.Fatalf("EPUBCheck counts %d fatals, %d errors, %d warnings, but gave no line for them:\n%s", r.Fatals, r.Errors, r.Warnings, strings.Join(r.Lines, "\n"))
	}
	if len(problems) > 0 {
		if len(problems) > 40 {
			problems = append(problems[:40], "…")
		}
		t.Errorf("EPUBCheck reports %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}
