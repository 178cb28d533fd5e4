package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"runtime"
	"strconv"
	"testing"
	"time"
)

func TestNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {1.5, "1.5"}, {-1.5, "-1.5"}, {12.3456, "12.346"}, {0.1, "0.1"},
		{-0.0004, "0"}, {-0.0006, "-0.001"}, {841.89, "841.89"}, {999.9996, "1000"}, {1e13, "0"},
	} {
		if got := string(num(nil, c.v)); got != c.want {
			t.Errorf("num(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestStrings(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{textString(`Hanoi (2019) \\ x`), `(Hanoi \(2019\) \\\\ x)`},
		{textString("Hà Nội"), "<FEFF004800E00020004E1ED90069>"},
		{textString("😀"), "<FEFFD83DDE00>"},
		{name("Noto Serif#1"), "/Noto#20Serif#231"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

// TestGlyphCodesInLiteralStrings checks that every glyph id reads back
// from the literal string it is written in, by the rules of ISO 32000-1
// 7.3.4.2: escapes, and an unescaped end of line read as a line feed.
func TestGlyphCodesInLiteralStrings(t *testing.T) {
	var b []byte
	for id := range 1 << 16 {
		b = appendCodeBytes(b, uint16(id))
	}
	var got []byte
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\':
			i++
			switch b[i] {
			case 'r':
				got = append(got, '\r')
			case 'n':
				got = append(got, '\n')
			case '(', ')', '\\':
				got = append(got, b[i])
			default:
				t.Fatalf("byte %d: escape \\%c", i, b[i])
			}
		case c == '(' || c == ')':
			t.Fatalf("byte %d: unescaped %q", i, c)
		case c == '\r':
			t.Fatalf("byte %d: unescaped carriage return", i)
		default:
			got = append(got, c)
		}
	}
	if len(got) != 2<<16 {
		t.Fatalf("%d bytes read back, want %d", len(got), 2<<16)
	}
	for id := range 1 << 16 {
		if back := uint16(got[2*id])<<8 | uint16(got[2*id+1]); back != uint16(id) {
			t.Fatalf("glyph %d reads back as %d", id, back)
		}
	}
}

// TestWriterChunks: the writer's chunks start small and grow with the
// file up to chunkSize (a one-page handout takes tens of kilobytes, not
// a megabyte), a large owned piece of data is a chunk of its own, and
// the chunks hold what was written, in order.
func TestWriterChunks(t *testing.T) {
	w := &writer{}
	var want []byte
	line := []byte("0123456789 abcdefghijklmnopqrstuvwxyz 0123456789 abcdefghijklmnopqrstuvwxyz\n")
	for w.len() < 5*chunkSize {
		w.write(line)
		want = append(want, line...)
		if w.len() == len(line)*1000 {
			big := bytes.Repeat([]byte{'x'}, chunkSize/4)
			w.writeOwned(big)
			want = append(want, big...)
		}
	}
	w.endChunk()
	if c := cap(w.chunks[0]); c != firstChunk {
		t.Errorf("the first chunk holds %d bytes, want %d", c, firstChunk)
	}
	var got []byte
	before := 0
	for i, c := range w.chunks {
		if len(c) > chunkSize || len(c) > max(firstChunk, before) && len(c) != chunkSize/4 {
			t.Errorf("chunk %d holds %d bytes after %d: more than the file so far, or than %d", i, len(c), before, chunkSize)
		}
		got = append(got, c...)
		before += len(c)
	}
	if !bytes.Equal(got, want) || w.size != len(want) {
		t.Errorf("the chunks hold %d bytes (size %d), %d were written, or not in order", len(got), w.size, len(want))
	}
	if n := len(w.chunks); n > 12 {
		t.Errorf("%d chunks for %d bytes: they do not grow", n, len(want))
	}
}

// TestWriterStopEndsWorkers: a writer left unfinished (a drawing that
// ended in an error) ends its object streams' goroutines and its hashing
// when stopped, and stopping twice, or after finish, is harmless; the
// file's ID is the MD5 of everything before its cross-reference stream.
func TestWriterStopEndsWorkers(t *testing.T) {
	before := runtime.NumGoroutine()
	w := newWriter(nil, nil)
	for range 3 * batchObjects {
		w.object(w.alloc(), []byte("<</Type/Test>>"))
	}
	if runtime.NumGoroutine() <= before {
		t.Fatalf("%d goroutines, %d before: no object streams compressed on goroutines of their own", runtime.NumGoroutine(), before)
	}
	w.stop()
	w.stop()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after stop, %d before", n, before)
	}
	w2 := newWriter(nil, nil)
	for range 3 * batchObjects {
		w2.object(w2.alloc(), []byte("<</Type/Test>>"))
	}
	w2.writeOwned(bytes.Repeat([]byte("owned stream "), chunkSize/8)) // a chunk of its own
	catalog := w2.alloc()
	w2.object(catalog, []byte("<</Type/Catalog>>"))
	file, err := joined(w2.finish(catalog, catalog))
	if err != nil {
		t.Fatal(err)
	}
	w2.stop()
	at := bytes.LastIndex(file, []byte("startxref\n"))
	xref, err := strconv.Atoi(string(bytes.Fields(file[at+len("startxref\n"):])[0]))
	if err != nil {
		t.Fatal(err)
	}
	sum := md5.Sum(file[:xref])
	if want := "/ID[<" + hex.EncodeToString(sum[:]) + ">"; !bytes.Contains(file[xref:], []byte(want)) {
		t.Errorf("the trailer lacks %s: %q", want, file[xref:min(len(file), xref+300)])
	}
}
