package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"unicode/utf16"
)

// writer writes a PDF file's objects and its cross-reference table. An
// object's number is reserved (alloc) before it is written, so objects may
// refer to each other in any order; the file is the same for the same
// calls.
type writer struct {
	buf     bytes.Buffer
	offsets []int // by object number − 1; 0 until written
	z       deflater
}

func newWriter() *writer {
	w := &writer{}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// ref is an indirect reference to object n.
type ref int

func (r ref) String() string { return strconv.Itoa(int(r)) + " 0 R" }

// alloc reserves the next object number.
func (w *writer) alloc() ref {
	w.offsets = append(w.offsets, 0)
	return ref(len(w.offsets))
}

// object writes object r with body as its value.
func (w *writer) object(r ref, body []byte) {
	w.offsets[r-1] = w.buf.Len()
	w.buf.WriteString(strconv.Itoa(int(r)))
	w.buf.WriteString(" 0 obj\n")
	w.buf.Write(body)
	w.buf.WriteString("\nendobj\n")
}

// objectf writes object r with a formatted body.
func (w *writer) objectf(r ref, format string, args ...any) {
	w.object(r, fmt.Appendf(nil, format, args...))
}

// stream writes object r as a stream: dict holds the entries besides
// /Length (and /Filter, which compressed adds).
func (w *writer) stream(r ref, dict string, data []byte, compressed bool) {
	var b []byte
	b = append(b, "<<"...)
	b = append(b, dict...)
	if compressed {
		b = append(b, "/Filter/FlateDecode"...)
	}
	b = append(b, "/Length "...)
	b = strconv.AppendInt(b, int64(len(data)), 10)
	b = append(b, ">>\nstream\n"...)
	w.offsets[r-1] = w.buf.Len()
	w.buf.WriteString(strconv.Itoa(int(r)))
	w.buf.WriteString(" 0 obj\n")
	w.buf.Write(b)
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer. The file's ID
// is a hash of everything before it, so equal files have equal IDs.
func (w *writer) finish(root, info ref) ([]byte, error) {
	for i, off := range w.offsets {
		if off == 0 {
			return nil, fmt.Errorf("pdf: object %d was reserved but never written", i+1)
		}
	}
	sum := md5.Sum(w.buf.Bytes())
	id := hex.EncodeToString(sum[:])
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	entry := []byte("0000000000 00000 n \n")
	for _, off := range w.offsets {
		for i := 9; i >= 0; i-- {
			entry[i] = byte('0' + off%10)
			off /= 10
		}
		w.buf.Write(entry)
	}
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d/Root %s/Info %s/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, root, info, id, id, xref)
	return w.buf.Bytes(), nil
}

// deflater compresses streams for FlateDecode at zlib's fastest level: a
// page's content, a font or an image is compressed once, and the default
// level took four times as long. One deflater serves one goroutine, and
// reuses its compressor (whose tables cost more to make than a page's
// content does to compress).
type deflater struct {
	zw *zlib.Writer
}

// deflate compresses data.
func (d *deflater) deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	if d.zw == nil {
		d.zw, _ = zlib.NewWriterLevel(&b, zlib.BestSpeed)
	} else {
		d.zw.Reset(&b)
	}
	d.zw.Write(data)
	d.zw.Close()
	return b.Bytes()
}

// num appends a number with at most 3 decimals and no trailing zeros.
func num(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
		v = 0
	}
	n := int64(math.Round(v * 1000))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1000, 10)
	if f := n % 1000; f != 0 {
		d := [4]byte{'.', byte('0' + f/100), byte('0' + f/10%10), byte('0' + f%10)}
		end := 4
		for d[end-1] == '0' {
			end--
		}
		b = append(b, d[:end]...)
	}
	return b
}

// textString is a PDF text string: literal for printable ASCII, else
// UTF-16BE with a byte order mark, in hex.
func textString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		return literal(s)
	}
	return utf16Hex(s)
}

// utf16Hex is s as a hex string of UTF-16BE with a byte order mark.
func utf16Hex(s string) string {
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return string(append(b, '>'))
}

// literal is s as a literal string, with ( ) and \ escaped.
func literal(s string) string {
	b := []byte{'('}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return string(append(b, ')'))
}

// name is s as a PDF name, with bytes outside the regular characters
// written as #xx.
func name(s string) string {
	b := []byte{'/'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || bytes.IndexByte([]byte("#()<>[]{}/%"), c) >= 0 {
			b = fmt.Appendf(b, "#%02X", c)
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
