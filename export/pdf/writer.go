package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// writer writes a PDF file's objects and its cross-reference table. An
// object's number is reserved (alloc) before it is written, so objects may
// refer to each other in any order; the file is the same for the same
// calls. The file is kept as a list of chunks, and given as such: a
// single growing buffer copied and cleared itself at every doubling, a
// tenth of a book's drawing time, and the chunks copied into one at the
// end were a second copy of the file at the build's peak of memory.
type writer struct {
	chunks [][]byte // the file before cur
	cur    []byte   // the chunk being filled
	size   int      // the length of chunks
	objs   []objAt  // by object number − 1: where each object is; zero until written
	batch  objBatch // the objects of the object stream being filled
	z      deflater
	keep   *Compressors // where the writer's compressors come from (nil: none)
	// The object streams are compressed on every core while the drawing
	// goes on, and written at the end.
	objStreams []*objStream
	objJobs    chan *objStream
	objDone    sync.WaitGroup
	// The file's ID hashes its chunks as they close, on a goroutine of
	// its own, while the writing goes on (a 30 MB book's MD5 took 40 ms
	// at the end).
	hashed chan []byte   // the chunks to hash, in file order (nil until the first)
	sum    chan [16]byte // their MD5, once hashed is closed
	// out, when set, takes each chunk as it is closed, and the writer
	// keeps none: a book's file is never held whole. outErr is its first
	// error.
	out    io.Writer
	outErr error
	// tooLong: an object starts 4 GB or more into the file.
	tooLong bool
}

// objStream is an object stream, compressed or waiting to be.
type objStream struct {
	ref   ref
	n     int // objects
	first int // the offset of the first object's data
	data  []byte
}

// Every object but the streams is written into object streams (PDF 1.5),
// compressed a batch at a time, and the cross-reference table is a stream
// too: a tagged book's structure tree is a hundred thousand small
// objects, which as plain text doubled the file.

// objAt is where an object is: at an offset in the file (a stream), or
// in an object stream (its number, and the object's index in it). 12
// bytes: a long book has hundreds of thousands of objects, and the
// cross-reference stream gives an offset 4 bytes anyway.
type objAt struct {
	offset, stream, index uint32
}

// objBatch is an object stream being filled.
type objBatch struct {
	nums   []ref
	starts []int // each object's offset in data
	data   []byte
}

// batchObjects and batchBytes bound an object stream.
const (
	batchObjects = 200
	batchBytes   = 64 << 10
)

// chunkSize is the largest capacity of a chunk; data of a quarter of it
// or more (a compressed stream) becomes a chunk of its own, not copied.
// Chunks start at firstChunk and grow with the file, so that a one-page
// handout's 30 KB does not take, and clear, a megabyte (40 of them in a
// class set).
const (
	chunkSize  = 1 << 20
	firstChunk = 64 << 10
)

// newWriter returns a writer of a file given to out as it is made, or
// kept (out nil).
func newWriter(keep *Compressors, out io.Writer) *writer {
	w := &writer{z: deflater{keep: keep}, keep: keep, out: out}
	w.writeString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// len is the length of the file so far.
func (w *writer) len() int { return w.size + len(w.cur) }

// offset is the length of the file so far as a cross-reference offset;
// tooLong records that it is past what one holds.
func (w *writer) offset() uint32 {
	n := w.len()
	if n > math.MaxUint32 {
		w.tooLong = true
	}
	return uint32(n)
}

// write appends a copy of b.
func (w *writer) write(b []byte) {
	w.room(len(b))
	w.cur = append(w.cur, b...)
}

func (w *writer) writeString(s string) {
	w.room(len(s))
	w.cur = append(w.cur, s...)
}

// room starts a new chunk when the one being filled cannot take n more
// bytes.
func (w *writer) room(n int) {
	if len(w.cur)+n > cap(w.cur) {
		w.endChunk()
		w.cur = make([]byte, 0, max(min(chunkSize, max(firstChunk, w.size)), n))
	}
}

// writeOwned appends data, which the writer may keep: a large one is not
// copied.
func (w *writer) writeOwned(data []byte) {
	if len(data) < chunkSize/4 {
		w.write(data)
		return
	}
	w.endChunk()
	w.addChunk(data)
}

// endChunk closes the chunk being filled; the next write starts another.
func (w *writer) endChunk() {
	if len(w.cur) > 0 {
		w.addChunk(w.cur)
	}
	w.cur = nil
}

// addChunk appends a closed chunk, which is not written to again, to the
// file, and gives it to the hashing.
func (w *writer) addChunk(c []byte) {
	w.size += len(c)
	if w.out == nil {
		w.chunks = append(w.chunks, c)
	} else if w.outErr == nil {
		_, w.outErr = w.out.Write(c)
	}
	if w.hashed == nil {
		in, out := make(chan []byte, 64), make(chan [16]byte, 1)
		w.hashed, w.sum = in, out
		go func() {
			h := md5.New()
			for c := range in {
				h.Write(c)
			}
			out <- [16]byte(h.Sum(nil))
		}()
	}
	w.hashed <- c
}

// idHash returns the MD5 of the chunks so far and ends the hashing.
func (w *writer) idHash() [16]byte {
	if w.hashed == nil {
		return md5.Sum(nil)
	}
	close(w.hashed)
	w.hashed = nil
	return <-w.sum
}

// ref is an indirect reference to object n.
type ref int

func (r ref) String() string { return string(r.append(nil)) }

// append appends the reference to b.
func (r ref) append(b []byte) []byte { return append(strconv.AppendInt(b, int64(r), 10), " 0 R"...) }

// alloc reserves the next object number.
func (w *writer) alloc() ref {
	w.objs = append(w.objs, objAt{})
	return ref(len(w.objs))
}

// object writes object r with body as its value, into an object stream.
func (w *writer) object(r ref, body []byte) {
	b := &w.batch
	b.nums = append(b.nums, r)
	b.starts = append(b.starts, len(b.data))
	b.data = append(append(b.data, body...), '\n')
	if len(b.nums) >= batchObjects || len(b.data) >= batchBytes {
		w.flushBatch()
	}
}

// flushBatch writes the objects gathered as one object stream.
func (w *writer) flushBatch() {
	b := &w.batch
	if len(b.nums) == 0 {
		return
	}
	stream := w.alloc()
	var head []byte
	for i, r := range b.nums {
		w.objs[r-1].stream, w.objs[r-1].index = uint32(stream), uint32(i)
		head = strconv.AppendInt(head, int64(r), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(b.starts[i]), 10)
		head = append(head, ' ')
	}
	st := &objStream{ref: stream, n: len(b.nums), first: len(head), data: append(head, b.data...)}
	if w.objJobs == nil {
		jobs := make(chan *objStream, runtime.GOMAXPROCS(0))
		w.objJobs = jobs
		for range runtime.GOMAXPROCS(0) {
			w.objDone.Add(1)
			go func() {
				defer w.objDone.Done()
				z := deflater{keep: w.keep}
				defer z.release()
				for st := range jobs {
					st.data = z.deflate(st.data)
				}
			}()
		}
	}
	w.objStreams = append(w.objStreams, st)
	w.objJobs <- st
	b.nums, b.starts, b.data = b.nums[:0], b.starts[:0], b.data[:0]
}

// stop ends the goroutines compressing object streams, once those given
// them are compressed, and the one hashing the chunks: finish stops them,
// and a drawing that ends in an error (a cancelled build) must, or they
// wait for work for ever. It may be called again.
func (w *writer) stop() {
	w.stopCompressing()
	if w.hashed != nil {
		w.idHash()
	}
}

// stopCompressing ends the goroutines compressing object streams, once
// those given them are compressed.
func (w *writer) stopCompressing() {
	if w.objJobs != nil {
		close(w.objJobs)
		w.objJobs = nil
		w.objDone.Wait()
	}
}

// objectf writes object r with a formatted body.
func (w *writer) objectf(r ref, format string, args ...any) {
	w.object(r, fmt.Appendf(nil, format, args...))
}

// stream writes object r as a stream: dict holds the entries besides
// /Length (and /Filter, which compressed adds). The writer keeps data.
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
	w.objs[r-1].offset = w.offset()
	w.writeString(strconv.Itoa(int(r)))
	w.writeString(" 0 obj\n")
	w.write(b)
	w.writeOwned(data)
	w.writeString("\nendstream\nendobj\n")
}

// finish writes the last object stream and the cross-reference stream,
// whose dictionary is the trailer, and returns the file, its chunks in
// order. The file's ID is a hash of everything before the
// cross-reference stream, so equal files have equal IDs.
func (w *writer) finish(root, info ref) ([][]byte, error) {
	w.flushBatch()
	w.stopCompressing()
	for _, st := range w.objStreams {
		w.stream(st.ref, fmt.Sprintf("/Type/ObjStm/N %d/First %d", st.n, st.first), st.data, true)
	}
	xref := w.alloc()
	for i, o := range w.objs {
		if o.offset == 0 && o.stream == 0 && ref(i+1) != xref {
			return nil, fmt.Errorf("pdf: object %d was reserved but never written", i+1)
		}
	}
	w.endChunk()
	sum := w.idHash()
	id := hex.EncodeToString(sum[:])
	at := w.len()
	w.objs[xref-1].offset = w.offset()
	if w.tooLong {
		return nil, errors.New("pdf: the file is 4 GB or more, more than a cross-reference stream's offsets reach")
	}
	// Each entry: its type (0 free, 1 at an offset, 2 in an object
	// stream), then 4 bytes of offset or stream number, then 2 of
	// generation or index.
	entries := make([]byte, 0, 7*(len(w.objs)+1))
	entries = append(entries, 0, 0, 0, 0, 0, 0xff, 0xff)
	for _, o := range w.objs {
		if p := o.stream; p != 0 {
			entries = append(entries, 2, byte(p>>24), byte(p>>16), byte(p>>8), byte(p), byte(o.index>>8), byte(o.index))
		} else {
			off := o.offset
			entries = append(entries, 1, byte(off>>24), byte(off>>16), byte(off>>8), byte(off), 0, 0)
		}
	}
	data := w.z.deflate(entries)
	w.z.release()
	tail := fmt.Appendf(nil, "%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %s/Info %s/ID[<%s><%s>]/Filter/FlateDecode/Length %d>>\nstream\n",
		xref, len(w.objs)+1, root, info, id, id, len(data))
	tail = append(tail, data...)
	tail = fmt.Appendf(tail, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
	if w.out != nil {
		if w.outErr == nil {
			_, w.outErr = w.out.Write(tail)
		}
		return nil, w.outErr
	}
	return append(w.chunks, tail), nil
}

// deflater compresses streams for FlateDecode at the fastest level of
// klauspost/compress's zlib: a page's content, a font or an image is
// compressed once, and the default level took four times as long. The
// standard library's fastest level took half the drawing's CPU; this one
// drew the bench book in 125–145 ms against 180–196, in files of the same
// size within 1.5%. One deflater serves one goroutine, and
// reuses its compressor (whose tables cost more to make than a page's
// content does to compress).
type deflater struct {
	keep *Compressors // where its compressor comes from and goes back to (nil: none)
	zw   *zlib.Writer
}

// deflate compresses data.
func (d *deflater) deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	if d.zw == nil && d.keep != nil {
		d.zw, _ = d.keep.pool.Get().(*zlib.Writer)
	}
	if d.zw == nil {
		d.zw, _ = zlib.NewWriterLevel(&b, zlib.BestSpeed)
	} else {
		d.zw.Reset(&b)
	}
	d.zw.Write(data)
	d.zw.Close()
	return b.Bytes()
}

// release gives the deflater's compressor back for the next document;
// the deflater makes or takes another if it is used again.
func (d *deflater) release() {
	if d.zw != nil && d.keep != nil {
		d.keep.pool.Put(d.zw)
	}
	d.zw = nil
}

// Compressors keeps the zlib compressors of the PDFs a batch draws for
// the next PDF: each is about half a megabyte of tables and history,
// allocated and zeroed by the page drawers, the image makers and the
// writer of every PDF (a one-page handout's three or four were a
// twentieth of a class set's CPU with the garbage they left). Its zero
// value is ready to use, and it is safe for concurrent use.
type Compressors struct {
	pool sync.Pool
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
func textString(s string) string { return string(appendTextString(nil, s)) }

// appendTextString appends s as textString writes it.
func appendTextString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return appendUTF16Hex(b, s)
		}
	}
	return appendLiteral(b, s)
}

// utf16Hex is s as a hex string of UTF-16BE with a byte order mark.
func utf16Hex(s string) string { return string(appendUTF16Hex(nil, s)) }

func appendUTF16Hex(b []byte, s string) []byte {
	const digits = "0123456789ABCDEF"
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, digits[u>>12], digits[u>>8&15], digits[u>>4&15], digits[u&15])
	}
	return append(b, '>')
}

// appendLiteral appends s as a literal string.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		b = appendLiteralByte(b, s[i])
	}
	return append(b, ')')
}

// appendLiteralByte appends a byte as it goes in a literal string: the
// string's delimiters and backslash escaped, and the line ends too (an
// unescaped carriage return would read as a line feed).
func appendLiteralByte(b []byte, c byte) []byte {
	if e := literalEscape(c); e != 0 {
		return append(b, '\\', e)
	}
	return append(b, c)
}

// literalEscape returns what follows the backslash of c's escape in a
// literal string, or 0 for a byte that goes in as it is.
func literalEscape(c byte) byte {
	switch c {
	case '(', ')', '\\':
		return c
	case '\r':
		return 'r'
	case '\n':
		return 'n'
	}
	return 0
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
