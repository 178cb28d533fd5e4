package subset

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// CFF returns a CID-keyed CFF font program holding glyph 0 and the glyphs
// gids of the font program cff (an OpenType font's 'CFF ' table, CID-keyed
// or not), for a PDF's CIDFontType0 font: the glyphs are renumbered in
// the order given (glyph 0 first, each glyph once: a PDF drawn page by
// page numbers each glyph as it first meets it) and each new id is its
// CID (an identity charset), so the second result, the new id of each
// glyph asked for, is also the code the PDF's content uses.
//
// Subroutines are inlined into each glyph's charstring: a CJK face keeps a
// megabyte of local subroutines that the few glyphs of a document would
// otherwise carry along. Each glyph keeps its font dictionary, hints and
// all. It never panics on bad input.
func CFF(cff []byte, gids []uint16) ([]byte, map[uint16]uint16, error) {
	src, err := readCFF(cff)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: CFF: %w", err)
	}
	for _, g := range gids {
		if int(g) >= len(src.charstrings) {
			return nil, nil, fmt.Errorf("subset: CFF: glyph %d out of range (%d glyphs)", g, len(src.charstrings))
		}
	}
	keep, newID := inOrder(gids, 0)
	out, err := src.write(keep)
	if err != nil {
		return nil, nil, fmt.Errorf("subset: CFF: %w", err)
	}
	return out, newID, nil
}

// cffFont is the parsed input of CFF.
type cffFont struct {
	name        []byte
	fontMatrix  []byte // the Top DICT's FontMatrix entry as written, or nil
	charstrings [][]byte
	gsubrs      [][]byte
	fds         []cffFD
	fdSelect    []uint8 // font dictionary of each glyph
}

// cffFD is one font dictionary: its FontMatrix entry as written, its
// Private DICT without the Subrs entry, and its local subroutines.
type cffFD struct {
	fontMatrix []byte
	private    []byte
	subrs      [][]byte
}

// The DICT operators CFF reads; two-byte operators are 1200 + the second byte.
const (
	opCharStrings     = 17
	opPrivate         = 18
	opSubrs           = 19
	opCharstringType  = 1206
	opFontMatrix      = 1207
	opROS             = 1230
	opFDArray         = 1236
	opFDSelect        = 1237
	maxSubrDepth      = 10
	maxCharstringSize = 1 << 16
)

// readCFF parses what the subset needs.
func readCFF(b []byte) (*cffFont, error) {
	if len(b) < 4 || b[0] != 1 {
		return nil, errors.New("not a CFF version 1 font program")
	}
	names, off, err := readIndex(b, int(b[2]))
	if err != nil {
		return nil, fmt.Errorf("Name INDEX: %w", err)
	}
	tops, off, err := readIndex(b, off)
	if err != nil {
		return nil, fmt.Errorf("Top DICT INDEX: %w", err)
	}
	if len(names) != 1 || len(tops) != 1 {
		return nil, fmt.Errorf("%d fonts in one CFF, not 1", len(tops))
	}
	_, off, err = readIndex(b, off) // String INDEX: the output writes its own
	if err != nil {
		return nil, fmt.Errorf("String INDEX: %w", err)
	}
	f := &cffFont{name: names[0]}
	if f.gsubrs, _, err = readIndex(b, off); err != nil {
		return nil, fmt.Errorf("Global Subr INDEX: %w", err)
	}
	top, err := readDict(tops[0])
	if err != nil {
		return nil, fmt.Errorf("Top DICT: %w", err)
	}
	if t := top.int(opCharstringType, 2); t != 2 {
		return nil, fmt.Errorf("charstring type %d is not supported", t)
	}
	if f.charstrings, _, err = readIndex(b, top.int(opCharStrings, -1)); err != nil {
		return nil, fmt.Errorf("CharStrings INDEX: %w", err)
	}
	n := len(f.charstrings)
	if n == 0 {
		return nil, errors.New("no glyphs")
	}
	f.fontMatrix = top.raw(opFontMatrix)
	if top.has(opROS) {
		fdDicts, _, err := readIndex(b, top.int(opFDArray, -1))
		if err != nil {
			return nil, fmt.Errorf("FDArray: %w", err)
		}
		if len(fdDicts) == 0 || len(fdDicts) > 255 {
			return nil, fmt.Errorf("FDArray holds %d font dictionaries", len(fdDicts))
		}
		for i, raw := range fdDicts {
			d, err := readDict(raw)
			if err != nil {
				return nil, fmt.Errorf("font dictionary %d: %w", i, err)
			}
			fd, err := readPrivate(b, d)
			if err != nil {
				return nil, fmt.Errorf("font dictionary %d: %w", i, err)
			}
			f.fds = append(f.fds, fd)
		}
		if f.fdSelect, err = readFDSelect(b, top.int(opFDSelect, -1), n, len(f.fds)); err != nil {
			return nil, fmt.Errorf("FDSelect: %w", err)
		}
	} else {
		fd, err := readPrivate(b, top)
		if err != nil {
			return nil, err
		}
		fd.fontMatrix = nil // the Top DICT's, written there
		f.fds = []cffFD{fd}
		f.fdSelect = make([]uint8, n)
	}
	return f, nil
}

// readPrivate reads the Private DICT a font dictionary points to, and its
// local subroutines.
func readPrivate(b []byte, d dict) (cffFD, error) {
	fd := cffFD{fontMatrix: d.raw(opFontMatrix)}
	args := d.args(opPrivate)
	if len(args) != 2 {
		return fd, errors.New("no Private DICT")
	}
	size, off := int(args[0]), int(args[1])
	if size < 0 || off < 0 || off+size > len(b) {
		return fd, fmt.Errorf("Private DICT at %d+%d is outside the font program", off, size)
	}
	priv, err := readDict(b[off : off+size])
	if err != nil {
		return fd, fmt.Errorf("Private DICT: %w", err)
	}
	for _, e := range priv {
		if e.op != opSubrs {
			fd.private = append(fd.private, e.raw...)
		}
	}
	if s := priv.args(opSubrs); len(s) == 1 {
		if fd.subrs, _, err = readIndex(b, off+int(s[0])); err != nil {
			return fd, fmt.Errorf("Subrs: %w", err)
		}
	}
	return fd, nil
}

// readFDSelect reads an FDSelect of format 0 or 3.
func readFDSelect(b []byte, off, n, fds int) ([]uint8, error) {
	if off < 0 || off >= len(b) {
		return nil, errors.New("missing")
	}
	sel := make([]uint8, n)
	switch b[off] {
	case 0:
		if off+1+n > len(b) {
			return nil, errors.New("truncated")
		}
		copy(sel, b[off+1:])
	case 3:
		if off+3 > len(b) {
			return nil, errors.New("truncated")
		}
		ranges := int(be.Uint16(b[off+1:]))
		p := off + 3
		if p+3*ranges+2 > len(b) || ranges == 0 {
			return nil, errors.New("truncated")
		}
		for r := range ranges {
			first, fd := int(be.Uint16(b[p+3*r:])), b[p+3*r+2]
			next := int(be.Uint16(b[p+3*r+3:]))
			for g := first; g < next && g < n; g++ {
				sel[g] = fd
			}
		}
	default:
		return nil, fmt.Errorf("format %d is not supported", b[off])
	}
	for g, fd := range sel {
		if int(fd) >= fds {
			return nil, fmt.Errorf("glyph %d: font dictionary %d of %d", g, fd, fds)
		}
	}
	return sel, nil
}

// readIndex reads the INDEX at off and returns its items and the offset
// just past it.
func readIndex(b []byte, off int) ([][]byte, int, error) {
	if off < 0 || off+2 > len(b) {
		return nil, 0, errors.New("outside the font program")
	}
	count := int(be.Uint16(b[off:]))
	if count == 0 {
		return nil, off + 2, nil
	}
	if off+3 > len(b) {
		return nil, 0, errors.New("truncated")
	}
	size := int(b[off+2])
	if size < 1 || size > 4 {
		return nil, 0, fmt.Errorf("offset size %d", size)
	}
	offs := off + 3
	data := offs + (count+1)*size - 1
	if data >= len(b) {
		return nil, 0, errors.New("truncated")
	}
	at := func(i int) int {
		v := 0
		for _, c := range b[offs+i*size : offs+(i+1)*size] {
			v = v<<8 | int(c)
		}
		return data + v
	}
	items := make([][]byte, count)
	prev := at(0)
	for i := range count {
		next := at(i + 1)
		if prev <= data || next < prev || next > len(b) {
			return nil, 0, fmt.Errorf("item %d: bad offsets", i)
		}
		items[i] = b[prev:next:next]
		prev = next
	}
	return items, prev, nil
}

// dict is a parsed DICT: its entries in order.
type dict []dictEntry

// dictEntry is one operator with its operands, and the bytes it was read from.
type dictEntry struct {
	op   int
	args []float64
	raw  []byte
}

func (d dict) args(op int) []float64 {
	for _, e := range d {
		if e.op == op {
			return e.args
		}
	}
	return nil
}

func (d dict) has(op int) bool { return d.args(op) != nil }

func (d dict) raw(op int) []byte {
	for _, e := range d {
		if e.op == op {
			return e.raw
		}
	}
	return nil
}

// int returns the single integer operand of op, or def.
func (d dict) int(op, def int) int {
	if a := d.args(op); len(a) > 0 && a[0] >= math.MinInt32 && a[0] <= math.MaxInt32 {
		return int(a[0])
	}
	return def
}

// readDict parses a DICT's operands and operators.
func readDict(b []byte) (dict, error) {
	var d dict
	var args []float64
	start := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c <= 21:
			op := int(c)
			i++
			if c == 12 {
				if i >= len(b) {
					return nil, errors.New("truncated operator")
				}
				op = 1200 + int(b[i])
				i++
			}
			d = append(d, dictEntry{op: op, args: args, raw: b[start:i:i]})
			args, start = nil, i
		case c == 30:
			v, n, err := readReal(b[i+1:])
			if err != nil {
				return nil, err
			}
			args = append(args, v)
			i += 1 + n
		default:
			v, n, err := readNumber(b[i:])
			if err != nil {
				return nil, err
			}
			args = append(args, v)
			i += n
		}
	}
	return d, nil
}

// readNumber decodes an integer operand (DICT or charstring encoding; 255
// is the charstrings' 16.16 fixed) and returns its length in bytes.
func readNumber(b []byte) (float64, int, error) {
	c := b[0]
	need := 1
	switch {
	case c == 28:
		need = 3
	case c == 29 || c == 255:
		need = 5
	case c >= 247 && c <= 254:
		need = 2
	case c < 32:
		return 0, 0, fmt.Errorf("byte %d is not an operand", c)
	}
	if len(b) < need {
		return 0, 0, errors.New("truncated operand")
	}
	switch {
	case c == 28:
		return float64(int16(be.Uint16(b[1:]))), 3, nil
	case c == 29:
		return float64(int32(be.Uint32(b[1:]))), 5, nil
	case c == 255:
		return float64(int32(be.Uint32(b[1:]))) / 65536, 5, nil
	case c <= 246:
		return float64(int(c) - 139), 1, nil
	case c <= 250:
		return float64((int(c)-247)*256 + int(b[1]) + 108), 2, nil
	default:
		return float64(-(int(c)-251)*256 - int(b[1]) - 108), 2, nil
	}
}

// readReal decodes a DICT real number's nibbles, which follow its 30 byte.
func readReal(b []byte) (float64, int, error) {
	var s strings.Builder
	for i, c := range b {
		for _, nib := range [2]byte{c >> 4, c & 15} {
			switch {
			case nib <= 9:
				s.WriteByte('0' + nib)
			case nib == 0xa:
				s.WriteByte('.')
			case nib == 0xb:
				s.WriteString("E")
			case nib == 0xc:
				s.WriteString("E-")
			case nib == 0xe:
				s.WriteByte('-')
			case nib == 0xf:
				v, err := strconv.ParseFloat(s.String(), 64)
				if err != nil {
					return 0, 0, fmt.Errorf("real number %q", s.String())
				}
				return v, i + 1, nil
			default:
				return 0, 0, errors.New("bad real number")
			}
		}
	}
	return 0, 0, errors.New("truncated real number")
}
