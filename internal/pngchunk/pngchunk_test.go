package pngchunk

import (
	"bytes"
	"image"
	"image/png"
	"slices"
	"testing"
)

// Each case splits a file: its chunks' types, the bytes after the last
// whole chunk, and whether it is a PNG whose chunks fit.
func TestSplit(t *testing.T) {
	var real bytes.Buffer
	if err := png.Encode(&real, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	made := Append(Append([]byte(Signature), Chunk{"IHDR", make([]byte, 13)}), Chunk{"IEND", nil})
	cases := []struct {
		name  string
		data  []byte
		types []string
		rest  int
		ok    bool
	}{
		{"1 image/png's file", real.Bytes(), []string{"IHDR", "IDAT", "IEND"}, 0, true},
		{"2 made by Append", made, []string{"IHDR", "IEND"}, 0, true},
		{"3 a few bytes after the last chunk", append(made[:len(made):len(made)], 1, 2, 3), []string{"IHDR", "IEND"}, 3, true},
		{"4 the last chunk cut short", made[:len(made)-1], []string{"IHDR"}, 11, true},
		{"5 a chunk longer than the file", append([]byte(Signature), 0, 0, 0, 9, 'I', 'D', 'A', 'T', 0, 0, 0, 0), nil, 0, false},
		{"6 no signature", []byte("GIF89a"), nil, 0, false},
		{"7 the signature alone", []byte(Signature), nil, 0, true},
	}
	for _, c := range cases {
		chunks, rest, ok := Split(c.data)
		var types []string
		for _, ch := range chunks {
			types = append(types, ch.Type)
		}
		if ok != c.ok || rest != c.rest || (ok && !slices.Equal(types, c.types)) {
			t.Errorf("%s: %v, rest %d, ok %v; want %v, %d, %v", c.name, types, rest, ok, c.types, c.rest, c.ok)
		}
	}
}

// A chunk appended reads back with image/png: the CRC is right.
func TestAppendReadByImagePNG(t *testing.T) {
	var real bytes.Buffer
	if err := png.Encode(&real, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	chunks, _, _ := Split(real.Bytes())
	b := []byte(Signature)
	for _, c := range chunks {
		b = Append(b, c)
	}
	if !bytes.Equal(b, real.Bytes()) {
		t.Fatal("the chunks written again differ from image/png's")
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
}
