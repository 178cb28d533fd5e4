package validate

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseFonts(t *testing.T) {
	out := `name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
utf8notosans                         CID TrueType      Identity-H       yes no  yes      9  0
Helvetica                            Type 1            WinAnsi          no  no  no      12  0
`
	want := []Font{
		{Name: "utf8notosans", Type: "CID TrueType", Embedded: true, Unicode: true},
		{Name: "Helvetica", Type: "Type 1"},
	}
	if got := parseFonts(out); !reflect.DeepEqual(got, want) {
		t.Errorf("parseFonts = %+v, want %+v", got, want)
	}
}

func TestParseInfo(t *testing.T) {
	out := "Title:           A: B\nPages:          3\nCreationDate:   2024-03-01T12:30:45Z\n"
	got := parseInfo(out)
	want := map[string]string{"Title": "A: B", "Pages": "3", "CreationDate": "2024-03-01T12:30:45Z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseInfo = %q, want %q", got, want)
	}
}

func TestPageText(t *testing.T) {
	r := Report{Text: "one\n\ftwo\n\f"}
	if r.PageText(1) != "one\n" || r.PageText(2) != "two\n" || r.PageText(4) != "" {
		t.Errorf("PageText: %q %q %q", r.PageText(1), r.PageText(2), r.PageText(4))
	}
}

func TestParseAce(t *testing.T) {
	report := `{"earl:result":{"earl:outcome":"fail"},"assertions":[
	 {"earl:testSubject":{"url":"EPUB/package.opf"},"assertions":[
	  {"earl:test":{"dct:title":"epub-pagesource","earl:impact":"serious"},"earl:result":{"earl:outcome":"fail","dct:description":"Publications with page breaks must declare the 'dc:source' metadata"}}]},
	 {"earl:testSubject":{"url":"EPUB/chapter-1.xhtml"},"assertions":[
	  {"earl:test":{"dct:title":"color-contrast","earl:impact":"serious"},"earl:result":{"earl:outcome":"fail","dct:description":"low contrast"}},
	  {"earl:test":{"dct:title":"region","earl:impact":"moderate"},"earl:result":{"earl:outcome":"pass","dct:description":""}}]}]}`
	got, err := parseAce([]byte(report))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"EPUB/package.opf: epub-pagesource (serious): Publications with page breaks must declare the 'dc:source' metadata",
		"EPUB/chapter-1.xhtml: color-contrast (serious): low contrast",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d violations %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("violation %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// recorder is a testing.TB that records Fatalf and Skipf instead of
// stopping.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }
func (r *recorder) Skipf(format string, args ...any)  { r.skip = fmt.Sprintf(format, args...) }

// TestMissing: a missing tool fails the test, saying how to install it or
// skip; GALLEY_SKIP_VALIDATORS=1 skips, except in CI.
func TestMissing(t *testing.T) {
	for i, tc := range []struct {
		skipEnv, ci string
		wantSkip    bool
	}{
		{"", "", false},
		{"1", "", true},
		{"true", "true", false},
		{"0", "", false},
	} {
		t.Setenv(SkipEnv, tc.skipEnv)
		t.Setenv("CI", tc.ci)
		r := &recorder{TB: t}
		Missing(r, "qpdf", "apt-get install qpdf")
		if tc.wantSkip != (r.skip != "") || tc.wantSkip == (r.fatal != "") {
			t.Errorf("%d: skip %q, fatal %q", i+1, r.skip, r.fatal)
		}
		if r.fatal != "" && (!strings.Contains(r.fatal, "apt-get install qpdf") || !strings.Contains(r.fatal, SkipEnv+"=1")) {
			t.Errorf("%d: message %q", i+1, r.fatal)
		}
	}
}
