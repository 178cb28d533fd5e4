package fonts

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"

	gofont "github.com/go-text/typesetting/font"
)

// collectionOf makes a font collection (TTC) of whole font files: each
// file's table directory with its offsets moved to where the file lands.
func collectionOf(files ...[]byte) []byte {
	head := 12 + 4*len(files)
	out := make([]byte, head)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(files)))
	for i, f := range files {
		base := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(base))
		out = append(out, f...)
		for k := range int(binary.BigEndian.Uint16(f[4:])) {
			rec := base + 12 + 16*k + 8
			binary.BigEndian.PutUint32(out[rec:], binary.BigEndian.Uint32(out[rec:])+uint32(base))
		}
	}
	return out
}

// serifAndMono reads two embedded faces' files, to make a collection of.
func serifAndMono(t *testing.T) (serif, mono []byte) {
	t.Helper()
	serif, err := os.ReadFile("NotoSerif-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if mono, err = os.ReadFile("NotoSansMono-Bold.ttf"); err != nil {
		t.Fatal(err)
	}
	return serif, mono
}

// TestFaceFile takes each face out of a collection of two embedded
// faces: the same tables, byte for byte, with their checksums, each at a
// four-byte boundary, and a face the shaper and the measurer read. A file
// of one face is itself; a face the collection lacks, or a table outside
// the file, is an error.
func TestFaceFile(t *testing.T) {
	serif, mono := serifAndMono(t)
	ttc := collectionOf(serif, mono)
	for i, want := range [][]byte{serif, mono} {
		got, err := faceFile(ttc, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		n := int(binary.BigEndian.Uint16(want[4:]))
		if int(binary.BigEndian.Uint16(got[4:])) != n {
			t.Fatalf("face %d: %d tables, want %d", i, binary.BigEndian.Uint16(got[4:]), n)
		}
		for k := range n {
			rec := 12 + 16*k
			tag := string(want[rec : rec+4])
			if !bytes.Equal(got[rec:rec+8], want[rec:rec+8]) {
				t.Errorf("face %d: table %d is %q, checksum %x; want %q", i, k, got[rec:rec+4], got[rec+4:rec+8], tag)
			}
			if off := binary.BigEndian.Uint32(got[rec+8:]); off%4 != 0 {
				t.Errorf("face %d: table %q at %d", i, tag, off)
			}
			if !bytes.Equal(faceTable(got, 0, tag), faceTable(want, 0, tag)) {
				t.Errorf("face %d: table %q differs", i, tag)
			}
		}
		if _, err := Parse("face", got); err != nil {
			t.Errorf("face %d: %v", i, err)
		}
		if _, err := parseFont("face", got); err != nil {
			t.Errorf("face %d: %v", i, err)
		}
	}
	if got, err := faceFile(serif, 0); err != nil || &got[0] != &serif[0] {
		t.Errorf("a file of one face: %v, not the file itself", err)
	}
	if _, err := faceFile(ttc, 2); err == nil {
		t.Error("face 2 of a collection of 2: no error")
	}
	broken := bytes.Clone(ttc)
	dir := binary.BigEndian.Uint32(broken[12:])                        // the first face's
	binary.BigEndian.PutUint32(broken[dir+12+8:], uint32(len(broken))) // first table's offset
	if _, err := faceFile(broken, 0); err == nil {
		t.Error("a table outside the file: no error")
	}
}

// TestFallbackFromCollectionForLayout reads the second face of a
// collection as a fallback: go-text has its character map, advances and
// layout tables, and not its outlines, which only the PDF's subset needs
// (read from the file then).
func TestFallbackFromCollectionForLayout(t *testing.T) {
	serif, mono := serifAndMono(t)
	path := t.TempDir() + "/two.ttc"
	if err := os.WriteFile(path, collectionOf(serif, mono), 0o644); err != nil {
		t.Fatal(err)
	}
	fb, err := loadFallback(path, 1)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := gofont.ParseTTF(bytes.NewReader(mono))
	if err != nil {
		t.Fatal(err)
	}
	face := gofont.NewFace(fb.font)
	for _, r := range "AVmw{}" {
		g, ok := face.NominalGlyph(r)
		w, _ := whole.NominalGlyph(r)
		if !ok || g != w || face.HorizontalAdvance(g) != whole.HorizontalAdvance(w) {
			t.Errorf("%q: glyph %d advance %g, want the mono face's %d, %g", r, g, face.HorizontalAdvance(g), w, whole.HorizontalAdvance(w))
		}
		if _, ok := face.GlyphData(g).(gofont.GlyphOutline); ok {
			t.Errorf("%q: the fallback's outline was parsed for the layout", r)
		}
	}
	if len(fb.font.GPOS.Lookups) == 0 && len(whole.GPOS.Lookups) > 0 {
		t.Error("the fallback lost its GPOS")
	}
}

// TestFaceTable: a table of a face is the slice its directory names;
// none for a face a single-face file does not have, a table that runs
// past the end of the data, a tag the face lacks or data too short to be
// a font.
func TestFaceTable(t *testing.T) {
	data, err := Data(Serif, Regular)
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	first := string(data[12:16]) // the directory's first table
	rec := 12 + 16*(n-1)         // the last record
	last := string(data[rec : rec+4])
	off, size := binary.BigEndian.Uint32(data[rec+8:]), binary.BigEndian.Uint32(data[rec+12:])
	if got := faceTable(data, 0, last); len(got) != int(size) || &got[0] != &data[off] {
		t.Errorf("1. %q: %d bytes, want %d at %d", last, len(got), size, off)
	}
	if faceTable(data, 1, last) != nil {
		t.Error("2. face 1 of a single-face file")
	}
	if faceTable(data[:off+size-1], 0, last) != nil {
		t.Error("3. a table running past the end of the data")
	}
	if faceTable(data, 0, "ZZZZ") != nil {
		t.Error("4. a tag the face lacks")
	}
	if faceTable(data[:11], 0, first) != nil {
		t.Error("5. data too short for a font")
	}
}
