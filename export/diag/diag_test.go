package diag

import (
	"errors"
	"testing"

	"github.com/galley-pub/galley/export/doc"
)

func TestListSortsAndReportsErrors(t *testing.T) {
	var l List
	if l.Err() != nil || l.HasErrors() || l.Len() != 0 {
		t.Fatal("the zero List is not empty")
	}
	l.Warnf(doc.Pos{File: "b.md", Line: 1, Col: 1}, "late file")
	l.Errorf(doc.Pos{File: "a.md", Line: 9, Col: 2}, "bad %s", "thing")
	l.Warnf(doc.Pos{File: "a.md", Line: 9, Col: 1}, "first column")
	var other List
	other.Errorf(doc.Pos{File: "a.md", Line: 2, Col: 5}, "early")
	l.Merge(&other)
	l.Merge(nil)

	var got []string
	for _, d := range l.Items() {
		got = append(got, d.String())
	}
	want := []string{
		"a.md:2:5: error: early",
		"a.md:9:1: warning: first column",
		"a.md:9:2: error: bad thing",
		"b.md:1:1: warning: late file",
	}
	if len(got) != len(want) {
		t.Fatalf("Items = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %q, want %q", i, got[i], want[i])
		}
	}
	err := l.Err()
	var es *Errors
	if !errors.As(err, &es) || len(es.List) != 2 {
		t.Fatalf("Err = %v", err)
	}
	if err.Error() != "a.md:2:5: error: early\na.md:9:2: error: bad thing" {
		t.Errorf("Err().Error() = %q", err.Error())
	}
}

func TestWarningsAreNotErrors(t *testing.T) {
	var l List
	l.Add(Diagnostic{Pos: doc.Pos{File: "x.md", Line: 3}, Severity: Warning, Message: "w"})
	if l.HasErrors() || l.Err() != nil || l.Len() != 1 {
		t.Errorf("a warning counts as an error: %v", l.Err())
	}
	if s := l.Items()[0].String(); s != "x.md:3: warning: w" {
		t.Errorf("String = %q", s)
	}
}
