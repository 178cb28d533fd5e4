package covers

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testPicture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 0x80, 0xff})
		}
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadAcceptsPNGAndJPEG(t *testing.T) {
	pngData := encodePNG(t, testPicture(120, 190))
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, testPicture(64, 100), nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, name, mediaType string
		data                  []byte
		w, h                  int
	}{
		{"front.png", "front.png", "image/png", pngData, 120, 190},
		{"front.jpeg", "front.jpg", "image/jpeg", jpg.Bytes(), 64, 100},
		{"mislabelled.png", "mislabelled.jpg", "image/jpeg", jpg.Bytes(), 64, 100}, // sniffed, not trusted
		{"noext", "noext.png", "image/png", pngData, 120, 190},
	} {
		img, err := Load(write(t, tc.file, tc.data))
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if img.Name != tc.name || img.MediaType != tc.mediaType || img.Width != tc.w || img.Height != tc.h {
			t.Errorf("%s: got %s %s %d×%d", tc.file, img.Name, img.MediaType, img.Width, img.Height)
		}
		if !bytes.Equal(img.Data, tc.data) {
			t.Errorf("%s: bytes changed", tc.file)
		}
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	pngData := encodePNG(t, testPicture(120, 190))
	for _, tc := range []struct {
		file string
		data []byte
		want string
	}{
		{"notes.png", []byte("just some text, not a picture\n"), "not a JPEG or PNG"},
		{"cut.png", pngData[:len(pngData)/2], "corrupt image/png"},
		{"header.png", pngData[:8], "corrupt image/png"},
		{"empty.jpg", nil, "not a JPEG or PNG"},
		{"wide.png", encodePNG(t, image.NewGray(image.Rect(0, 0, 10001, 1))), "limit is 10000×10000"},
	} {
		path := write(t, tc.file, tc.data)
		_, err := Load(path)
		if err == nil {
			t.Errorf("%s: accepted", tc.file)
			continue
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q should name the path and say %q", tc.file, err, tc.want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.png")); err == nil || !strings.Contains(err.Error(), "missing.png") {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoadRejectsHugeFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxFileBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "limit is 40 MB") {
		t.Errorf("huge file: %v", err)
	}
}

func TestFromBytes(t *testing.T) {
	data := encodePNG(t, testPicture(10, 16))
	img, err := FromBytes("images/Cover Art.PNG", data)
	if err != nil {
		t.Fatal(err)
	}
	if img.Name != "Cover Art.png" || img.Width != 10 || img.Height != 16 {
		t.Errorf("got %s %d×%d", img.Name, img.Width, img.Height)
	}
	if img, err := FromBytes("", data); err != nil || img.Name != "cover.png" {
		t.Errorf("unnamed: %v %v", img, err)
	}
	if _, err := FromBytes("cover.txt", []byte("hello")); err == nil || !strings.Contains(err.Error(), "cover.txt") {
		t.Errorf("text: %v", err)
	}
}
