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
