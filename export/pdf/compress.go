package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/galley-pub/galley/export/internal/parallel"
)

// Page content streams are compressed here, not by fpdf: fpdf makes a new
// zlib writer (about a megabyte of tables to allocate and clear) for every
// page, which cost a third of the time drawing a 500-page book took. fpdf
// writes the pages uncompressed, and compressStreams deflates every stream
// whose dictionary is just its length, on all cores with one reused writer
// each, at fpdf's own level. The file is byte for byte what fpdf's
// compression gives.

// streamLevel is fpdf's compression level.
const streamLevel = zlib.BestSpeed

// pdfObject is one indirect object of the file: its number and its bytes,
// from "N 0 obj" to the end of "endobj\n".
type pdfObject struct {
	num  int
	off  int // where it starts in the file fpdf wrote
	data []byte
	// packed is the object rewritten with its stream compressed; nil when
	// it has no bare stream.
	packed []byte
}

// compressStreams rewrites a PDF written by fpdf: each object that is a
// stream with the dictionary <</Length n>> gets its data deflated and the
// dictionary <</Filter /FlateDecode /Length m>>; the cross-reference table
// is written again with the new offsets.
func compressStreams(pdf []byte) ([]byte, error) {
	head, objs, trailer, err := splitObjects(pdf)
	if err != nil {
		return nil, fmt.Errorf("pdf: compressing page streams: %w", err)
	}
	var jobs []*pdfObject
	for _, o := range objs {
		if bareStream(o.data) != nil {
			jobs = append(jobs, o)
		}
	}
	if err := deflateAll(jobs); err != nil {
		return nil, fmt.Errorf("pdf: compressing page streams: %w", err)
	}

	size := len(head) + len(trailer) + 20*len(objs) + 64
	for _, o := range objs {
		size += len(o.data)
		if o.packed != nil {
			size += len(o.packed) - len(o.data)
		}
	}
	out := bytes.NewBuffer(make([]byte, 0, size))
	out.Write(head)
	offsets := make([]int, len(objs)+1)
	for _, o := range objs {
		offsets[o.num] = out.Len()
		if o.packed != nil {
			out.Write(o.packed)
		} else {
			out.Write(o.data)
		}
	}
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// splitObjects cuts a PDF with one classic cross-reference table into the
// header before the first object, the objects in file order, and the
// trailer dictionary ("trailer" up to "startxref").
func splitObjects(pdf []byte) (head []byte, objs []*pdfObject, trailer []byte, err error) {
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, nil, nil, errors.New("no startxref")
	}
	rest := pdf[sx+len("\nstartxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return nil, nil, nil, errors.New("no cross-reference offset")
	}
	xref, err := strconv.Atoi(string(rest[:end]))
	if err != nil || xref <= 0 || xref >= sx || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		return nil, nil, nil, errors.New("bad cross-reference offset")
	}
	lines := bytes.Split(pdf[xref:sx+1], []byte("\n"))
	count, err := strconv.Atoi(string(bytes.TrimPrefix(lines[1], []byte("0 "))))
	if err != nil || count < 1 || len(lines) < count+3 {
		return nil, nil, nil, errors.New("bad cross-reference table")
	}
	objs = make([]*pdfObject, 0, count-1)
	for i := 1; i < count; i++ {
		line := lines[2+i]
		if len(line) < 18 || line[17] != 'n' {
			return nil, nil, nil, fmt.Errorf("object %d is not in use", i)
		}
		off, err := strconv.Atoi(string(line[:10]))
		if err != nil || off <= 0 || off >= xref {
			return nil, nil, nil, fmt.Errorf("object %d: bad offset", i)
		}
		objs = append(objs, &pdfObject{num: i, off: off}) // data set below
	}
	t := bytes.Index(pdf[xref:sx+1], []byte("trailer\n"))
	if t < 0 {
		return nil, nil, nil, errors.New("no trailer")
	}
	trailer = pdf[xref+t : sx+1]

	slices.SortFunc(objs, func(a, b *pdfObject) int { return a.off - b.off })
	for k, o := range objs {
		to := xref
		if k+1 < len(objs) {
			to = objs[k+1].off
		}
		if to <= o.off {
			return nil, nil, nil, fmt.Errorf("object %d: overlaps the next", o.num)
		}
		o.data = pdf[o.off:to]
		if want := strconv.Itoa(o.num) + " 0 obj\n"; !bytes.HasPrefix(o.data, []byte(want)) || !bytes.HasSuffix(o.data, []byte("endobj\n")) {
			return nil, nil, nil, fmt.Errorf("object %d: not where the cross-reference table says", o.num)
		}
	}
	if len(objs) == 0 {
		return nil, nil, nil, errors.New("no objects")
	}
	head = pdf[:objs[0].off]
	return head, objs, trailer, nil
}

// bareStream returns the data of an object that is a stream whose
// dictionary holds its length only, or nil.
func bareStream(obj []byte) []byte {
	nl := bytes.IndexByte(obj, '\n')
	if nl < 0 {
		return nil
	}
	rest, ok := bytes.CutPrefix(obj[nl+1:], []byte("<</Length "))
	if !ok {
		return nil
	}
	end := bytes.Index(rest, []byte(">>\nstream\n"))
	if end < 0 {
		return nil
	}
	n, err := strconv.Atoi(string(rest[:end]))
	data := rest[end+len(">>\nstream\n"):]
	if err != nil || n < 0 || n > len(data) || !bytes.Equal(data[n:], []byte("\nendstream\nendobj\n")) {
		return nil
	}
	return data[:n]
}

// deflateAll compresses the bare streams of objs, on as many goroutines as
// there are CPUs, each with its own reused zlib writer.
func deflateAll(objs []*pdfObject) error {
	type deflater struct {
		buf bytes.Buffer
		zw  *zlib.Writer
	}
	return parallel.Each(len(objs), func() (*deflater, error) {
		d := &deflater{}
		var err error
		d.zw, err = zlib.NewWriterLevel(&d.buf, streamLevel)
		return d, err
	}, func(d *deflater, i int) error {
		o := objs[i]
		d.buf.Reset()
		d.zw.Reset(&d.buf)
		if _, err := d.zw.Write(bareStream(o.data)); err != nil {
			return err
		}
		if err := d.zw.Close(); err != nil {
			return err
		}
		header := o.data[:bytes.IndexByte(o.data, '\n')+1]
		packed := make([]byte, 0, len(header)+d.buf.Len()+64)
		packed = append(packed, header...)
		packed = fmt.Appendf(packed, "<</Filter /FlateDecode /Length %d>>\nstream\n", d.buf.Len())
		packed = append(packed, d.buf.Bytes()...)
		packed = append(packed, "\nendstream\nendobj\n"...)
		o.packed = packed
		return nil
	})
}
