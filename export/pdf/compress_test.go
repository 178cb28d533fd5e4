package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// uncompressedPDF writes a few pages with fpdf, page streams uncompressed.
func uncompressedPDF(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 12)
	for p := range 3 {
		f.AddPage()
		for l := range 40 {
			f.Text(50, float64(60+15*l), "page "+strconv.Itoa(p+1)+" line "+strconv.Itoa(l+1)+" of some text to compress")
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCompressStreams(t *testing.T) {
	in := uncompressedPDF(t)
	out, err := compressStreams(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes → %d", len(in), len(out))
	if len(out) >= len(in) {
		t.Errorf("not smaller: %d → %d bytes", len(in), len(out))
	}
	_, before, _, err := splitObjects(in)
	if err != nil {
		t.Fatal(err)
	}
	_, after, trailer, err := splitObjects(out) // the new cross-reference table points at every object
	if err != nil {
		t.Fatalf("the output's objects: %v", err)
	}
	if len(after) != len(before) || !strings.Contains(string(trailer), "/Root") {
		t.Fatalf("%d objects became %d; trailer %q", len(before), len(after), trailer)
	}
	packed := 0
	for i, o := range before {
		a := after[i]
		data := bareStream(o.data)
		if data == nil {
			if !bytes.Equal(o.data, a.data) {
				t.Errorf("object %d changed:\n%s\n→\n%s", o.num, o.data, a.data)
			}
			continue
		}
		packed++
		_, rest, ok := bytes.Cut(a.data, []byte("<</Filter /FlateDecode /Length "))
		if !ok {
			t.Errorf("object %d: not deflated: %.60q", o.num, a.data)
			continue
		}
		n, _ := strconv.Atoi(string(rest[:bytes.IndexByte(rest, '>')]))
		_, stream, _ := bytes.Cut(rest, []byte(">>\nstream\n"))
		if n <= 0 || n > len(stream) || string(stream[n:]) != "\nendstream\nendobj\n" {
			t.Errorf("object %d: length %d does not end at endstream", o.num, n)
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(stream[:n]))
		if err != nil {
			t.Errorf("object %d: %v", o.num, err)
			continue
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("object %d: inflates to %d bytes (%v), want the %d of the original", o.num, len(got), err, len(data))
		}
	}
	if packed < 3 {
		t.Errorf("%d streams deflated, want at least the 3 pages'", packed)
	}
	again, err := compressStreams(in)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("a second run gave other bytes (%v)", err)
	}
}

// TestCompressStreamsBadInput cuts and corrupts a PDF: an error each time,
// never a panic.
func TestCompressStreamsBadInput(t *testing.T) {
	in := uncompressedPDF(t)
	for cut := 0; cut < len(in)-1; cut += 97 {
		if _, err := compressStreams(in[:cut]); err == nil {
			t.Errorf("cut at %d of %d bytes: no error", cut, len(in))
		}
	}
	for _, c := range []struct{ old, new string }{
		{"xref\n0 ", "xref\n9 "},
		{" 00000 n ", " 00000 f "},
		{"\n3 0 obj\n", "\n3 1 obj\n"},
	} {
		bad := strings.Replace(string(in), c.old, c.new, 1)
		if bad == string(in) {
			t.Fatalf("%q is not in the file", c.old)
		}
		if _, err := compressStreams([]byte(bad)); err == nil {
			t.Errorf("%q → %q: no error", c.old, c.new)
		}
	}
}
