package subset

import (
	"errors"
	"fmt"
)

// write assembles the CID-keyed subset of the glyphs keep (old ids, glyph
// 0 first; the new id of keep[i] is i). The layout is: header, Name INDEX, Top DICT INDEX,
// String INDEX, an empty Global Subr INDEX, charset, FDSelect,
// CharStrings INDEX, FDArray INDEX, then the Private DICTs.
func (f *cffFont) write(keep []uint16) ([]byte, error) {
	// The font dictionaries the kept glyphs use, renumbered in order.
	fdNew := map[uint8]uint8{}
	var fdOld []uint8
	charstrings := make([][]byte, len(keep))
	sel := make([]byte, len(keep))
	for i, g := range keep {
		old := f.fdSelect[g]
		n, ok := fdNew[old]
		if !ok {
			n = uint8(len(fdOld))
			fdNew[old] = n
			fdOld = append(fdOld, old)
		}
		sel[i] = n
		fl := flattener{gsubrs: f.gsubrs, lsubrs: f.fds[old].subrs}
		if err := fl.run(f.charstrings[g], 0); err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		charstrings[i] = fl.out
	}

	const sidAdobe, sidIdentity = 391, 392 // the first two custom strings
	strs := writeIndex([][]byte{[]byte("Adobe"), []byte("Identity")})
	names := writeIndex([][]byte{f.name})
	gsubrs := writeIndex(nil)
	var charset []byte
	if n := len(keep); n > 1 {
		charset = []byte{2, 0, 1, byte((n - 2) >> 8), byte(n - 2)} // CIDs 1…n-1 for glyphs 1…n-1
	} else {
		charset = []byte{0}
	}
	fdSelect := append([]byte{0}, sel...)
	cs := writeIndex(charstrings)

	// The Top DICT's offsets are written as five-byte integers, so its
	// size does not depend on them.
	top := func(charsetOff, fdSelectOff, csOff, fdArrayOff int) []byte {
		var d []byte
		d = dictInt(d, sidAdobe)
		d = dictInt(d, sidIdentity)
		d = dictInt(d, 0)
		d = append(d, 12, 30) // ROS
		d = append(d, f.fontMatrix...)
		d = dictInt(d, len(keep))
		d = append(d, 12, 34) // CIDCount
		d = dictInt(d, charsetOff)
		d = append(d, 15)
		d = dictInt(d, fdSelectOff)
		d = append(d, 12, 37)
		d = dictInt(d, csOff)
		d = append(d, 17)
		d = dictInt(d, fdArrayOff)
		return append(d, 12, 36)
	}
	header := []byte{1, 0, 4, 4}
	topLen := len(writeIndex([][]byte{top(0, 0, 0, 0)}))
	charsetOff := len(header) + len(names) + topLen + len(strs) + len(gsubrs)
	fdSelectOff := charsetOff + len(charset)
	csOff := fdSelectOff + len(fdSelect)
	fdArrayOff := csOff + len(cs)

	fdDict := func(fd cffFD, size, off int) []byte {
		d := append([]byte(nil), fd.fontMatrix...)
		d = dictInt(d, size)
		d = dictInt(d, off)
		return append(d, 18) // Private
	}
	fdDicts := make([][]byte, len(fdOld))
	for i, old := range fdOld {
		fdDicts[i] = fdDict(f.fds[old], 0, 0)
	}
	privOff := fdArrayOff + len(writeIndex(fdDicts))
	var privs []byte
	for i, old := range fdOld {
		fd := f.fds[old]
		fdDicts[i] = fdDict(fd, len(fd.private), privOff+len(privs))
		privs = append(privs, fd.private...)
	}

	out := append([]byte(nil), header...)
	out = append(out, names...)
	out = append(out, writeIndex([][]byte{top(charsetOff, fdSelectOff, csOff, fdArrayOff)})...)
	out = append(out, strs...)
	out = append(out, gsubrs...)
	out = append(out, charset...)
	out = append(out, fdSelect...)
	out = append(out, cs...)
	out = append(out, writeIndex(fdDicts)...)
	return append(out, privs...), nil
}

// dictInt appends v as a five-byte DICT integer.
func dictInt(d []byte, v int) []byte {
	return append(d, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

// writeIndex encodes items as a CFF INDEX with the smallest offset size.
func writeIndex(items [][]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	size := 1
	for total >= 1<<(8*size) {
		size++
	}
	out := []byte{byte(len(items) >> 8), byte(len(items)), byte(size)}
	put := func(v int) {
		for s := size - 1; s >= 0; s-- {
			out = append(out, byte(v>>(8*s)))
		}
	}
	off := 1
	put(off)
	for _, it := range items {
		off += len(it)
		put(off)
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// flattener copies a Type 2 charstring with its subroutine calls replaced
// by the subroutines' bodies. It follows the operand stack only as far as
// it must: the subroutine numbers, and the stem count that gives the
// length of each hintmask.
type flattener struct {
	gsubrs, lsubrs [][]byte
	out            []byte
	nums           []numAt // the operands on the stack, and where each begins in out
	stems          int
	ended          bool
	steps          int // operators and operands read, bounded by maxSteps
}

// maxSteps bounds the work of flattening one glyph: subroutines that call
// each other many times over could otherwise take exponential time
// without writing a byte.
const maxSteps = 1 << 20

// numAt is an operand's value and the offset of its bytes in the output.
type numAt struct {
	v   float64
	pos int
}

// bias is the subroutine number bias for an INDEX of n subroutines.
func bias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// run copies cs, calling subroutines depth levels deep.
func (fl *flattener) run(cs []byte, depth int) error {
	if depth > maxSubrDepth {
		return errors.New("subroutines nest too deep")
	}
	for i := 0; i < len(cs) && !fl.ended; {
		if fl.steps++; fl.steps > maxSteps {
			return errors.New("charstring takes too long to flatten")
		}
		c := cs[i]
		if c == 28 || c >= 32 {
			v, n, err := readNumber(cs[i:])
			if err != nil {
				return err
			}
			fl.nums = append(fl.nums, numAt{v, len(fl.out)})
			fl.out = append(fl.out, cs[i:i+n]...)
			i += n
			continue
		}
		i++
		switch c {
		case 10, 29: // callsubr, callgsubr
			if len(fl.nums) == 0 {
				return errors.New("subroutine call with no number")
			}
			top := fl.nums[len(fl.nums)-1]
			fl.nums = fl.nums[:len(fl.nums)-1]
			fl.out = fl.out[:top.pos]
			subrs := fl.lsubrs
			if c == 29 {
				subrs = fl.gsubrs
			}
			k := int(top.v) + bias(len(subrs))
			if k < 0 || k >= len(subrs) {
				return fmt.Errorf("subroutine %d of %d", k, len(subrs))
			}
			if err := fl.run(subrs[k], depth+1); err != nil {
				return err
			}
		case 11: // return
			return nil
		case 14: // endchar
			fl.out = append(fl.out, c)
			fl.ended = true
		case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
			fl.stems += len(fl.nums) / 2
			fl.op(c)
		case 19, 20: // hintmask, cntrmask: an implied vstem, then the mask
			fl.stems += len(fl.nums) / 2
			fl.op(c)
			n := (fl.stems + 7) / 8
			if i+n > len(cs) {
				return errors.New("truncated hintmask")
			}
			fl.out = append(fl.out, cs[i:i+n]...)
			i += n
		case 12:
			if i >= len(cs) {
				return errors.New("truncated operator")
			}
			fl.op(c, cs[i])
			i++
		default:
			fl.op(c)
		}
		if len(fl.out) > maxCharstringSize {
			return errors.New("charstring too long once flattened")
		}
	}
	return nil
}

// op copies an operator and clears the stack.
func (fl *flattener) op(b ...byte) {
	fl.out = append(fl.out, b...)
	fl.nums = fl.nums[:0]
}
