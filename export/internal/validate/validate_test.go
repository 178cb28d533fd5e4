package validate

import (
	"reflect"
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
