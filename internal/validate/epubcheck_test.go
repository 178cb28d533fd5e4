package validate

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckEPUB: the shared checker tells a broken EPUB from a sound one,
// one file after another in the same virtual machine, each with its own
// messages.
func TestCheckEPUB(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.epub")
	writeZip(t, broken, [][2]string{{"mimetype", "application/epub+zip"}}) // no container, no package
	sound := filepath.Join(dir, "sound.epub")
	writeZip(t, sound, minimalEPUB)
	for i, c := range []struct {
		path  string
		clean bool
	}{{broken, false}, {sound, true}, {broken, false}} {
		r := CheckEPUB(t, c.path, i == 1)
		if r.Clean() != c.clean {
			t.Errorf("%d: %s: clean = %v, want %v (%+v)", i, c.path, r.Clean(), c.clean, r)
		}
		if !c.clean && (len(r.Problems()) == 0 || !strings.Contains(strings.Join(r.Problems(), "\n"), "broken.epub")) {
			t.Errorf("%d: no message names the broken file: %q", i, r.Lines)
		}
		if c.clean && len(r.Problems()) > 0 {
			t.Errorf("%d: problems in a sound file: %q", i, r.Problems())
		}
	}
}

// TestCheckServerStops: a server started and stopped without a check
// leaves no source behind, its virtual machine has ended, and a check
// after the stop fails instead of starting another.
func TestCheckServerStops(t *testing.T) {
	RequireTool(t, "java")
	RequireTool(t, EPUBCheckJar)
	var s checkServer
	s.begin()
	if s.err != nil {
		t.Fatal(s.err)
	}
	src, cmd := s.src, s.cmd
	s.stop()
	if _, err := os.Stat(src); !os.IsNotExist(err) {
		t.Errorf("the server's source %s is left: %v", src, err)
	}
	if cmd.ProcessState == nil || !cmd.ProcessState.Exited() {
		t.Errorf("the virtual machine has not ended: %v", cmd.ProcessState)
	}
	sound := filepath.Join(t.TempDir(), "sound.epub")
	writeZip(t, sound, minimalEPUB)
	if _, err := s.check(sound, false); err == nil {
		t.Error("a check after the stop succeeded")
	}
}

// minimalEPUB is the least EPUB 3 EPUBCheck finds nothing wrong with:
// its files, names and bodies, in order.
var minimalEPUB = [][2]string{
	{"mimetype", "application/epub+zip"},
	{"META-INF/container.xml", `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`},
	{"EPUB/package.opf", `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:9f1c2a4e-5b6d-4c7e-8f90-a1b2c3d4e5f6</dc:identifier>
<dc:title>Minimal</dc:title>
<dc:language>en</dc:language>
<meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
</metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest>
<spine><itemref idref="nav"/></spine>
</package>`},
	{"EPUB/nav.xhtml", `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en">
<head><title>Minimal</title></head>
<body><nav epub:type="toc"><ol><li><a href="nav.xhtml">Minimal</a></li></ol></nav></body>
</html>`},
}

// writeZip writes files, in their order, as a zip at path.
func writeZip(t *testing.T, path string, files [][2]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, file := range files {
		name, body := file[0], file[1]
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
