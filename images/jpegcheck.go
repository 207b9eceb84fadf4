package images

import "encoding/binary"

// checkJPEG walks a baseline JPEG's compressed data as image/jpeg decodes
// it — every Huffman code of every block of every scan, the restart
// markers in order, the end-of-image marker — without computing a pixel:
// the inverse DCT and the colour conversion, most of a decode's time, are
// what a damaged file cannot fail. It answers true only for a file that
// image/jpeg decodes (FuzzCheckJPEG holds it to that); false means "not
// sure", and the caller decodes the file whole to decide and to word the
// error. So it takes only what is common and plain: a baseline (SOF0)
// frame of one component, or of three with the first sampled 1 or 2 each
// way and the others 1; anything else — progressive, arithmetic, 12-bit,
// CMYK, a marker out of place, a byte out of place — is "not sure".
func checkJPEG(data []byte) bool {
	var j jpegWalk
	return j.walk(data)
}

// lutBits is how many bits a check's AC look-up table takes at once:
// nearly every code of a photo's tables is that short, and often two or
// three AC codes with their values are; a step of up to three codes
// rather than two makes a tenth fewer steps in a photo's blocks, each a
// chain of dependent instructions (shift, look-up, shift), and twelve
// bits rather than eleven a few more. (Thirteen, at 16 kB a table, walks
// no faster.) A DC table takes dcBits, enough for the codes (one a
// block), and a smaller table is quicker to build. The optimiser walks
// with the same tables, and its own (jpegOpt's) take the same index: it
// codes each step of up to three codes again as one entry.
const (
	lutBits = 12
	dcBits  = 9
)

// A look-up table entry of a DC table, for the dcBits bits it is indexed
// by, is the bits of its code and the value that follows; 127, more than
// the reader ever holds, for a value of more than 16 bits, which
// image/jpeg refuses; 0 where the code is longer than dcBits.
//
// An AC table's entry is a step of the walk:
//
//	bits 0-5    the bits it consumes: a coefficient's code and value, or
//	            two or three coefficients', the last of which may be an
//	            end of block instead, or an end of block (six bits, though
//	            27 is the most, so that the shift by them needs no mask:
//	            x86 takes a shift's count modulo 64, and the mask would
//	            lengthen the chain of dependent instructions from one step
//	            to the next)
//	bits 6-12   how far it moves the zig-zag index: every coefficient and
//	            end of block takes one place, a run of r zeros r more;
//	            advSlow where there is no such step (a code longer than
//	            the index, a run of 16 zeros or of blocks): that code is
//	            walked alone
//	bit 13      entryEnd: the step ends the block with an end of block
//	            (the walk adds e>>7&64 to the index, past any block)
const (
	entryEnd = 1 << 13
	advSlow  = 127 // more than a block has room for
)

type jpegHuff struct {
	present bool
	maxCode [17]int32 // the largest code of each length, -1 for none
	valPtr  [17]int32 // the index in vals of the first code of each length
	minCode [17]int32
	vals    []byte
	lut     [1 << lutBits]uint16 // entries by the next lutBits bits (DC: dcBits)
}

// build fills the look-up table from the codes, for a DC table (dcBits,
// a code a step) or an AC table (lutBits, up to three codes a step). An
// AC step of several codes is the sum of their entries. Building an AC
// table takes about 14 us: a small file (a logo, an ad of a few kB) is
// mostly this, and a photo's tens of thousands of blocks repay it.
func (h *jpegHuff) build(counts []byte, dc bool) {
	bits := lutBits
	if dc {
		bits = dcBits
	}
	// The entry of each index's first code alone. The codes of l <= bits
	// bits, in order, fill the indices from 0 up, 2^(bits-l) each; past
	// them, the codes are longer.
	var single [1 << lutBits]uint16
	code, k, i := 0, 0, 0
	for l := uint16(1); l <= uint16(bits); l++ {
		for range counts[l-1] {
			sym := uint16(h.vals[k])
			run, size := sym>>4, sym&15
			var e uint16
			switch {
			case dc && sym > 16:
				e = 127
			case dc:
				e = l + sym
			case size != 0: // a coefficient
				e = l + size | (run+1)<<6
			case run == 0: // an end of block
				e = l | 1<<6 | entryEnd
			default: // a run of 16 zeros or of blocks
				e = advSlow << 6
			}
			code++
			k++
			for end := code << (bits - int(l)); i < end; i++ {
				single[i] = e
			}
		}
		code <<= 1
	}
	if dc {
		copy(h.lut[:], single[:1<<dcBits]) // 0 past the short codes
		return
	}
	for ; i < 1<<bits; i++ {
		single[i] = advSlow << 6
	}
	// A coefficient whose code and value leave room in the index for the
	// next code with its value, or for an end of block, steps over both;
	// and a second coefficient so, over a third too. (Written out, not as
	// a loop: a small file's walk is mostly this, and the loop took half
	// as long again.)
	mask, b := 1<<bits-1, uint16(bits)
	for i, e := range single[:1<<bits] {
		if t := e & 63; e>>6&127 != advSlow && e&entryEnd == 0 && t < b {
			if next := single[i<<t&mask]; next>>6&127 != advSlow && next&63 <= b-t {
				e += next
				if t += next & 63; next&entryEnd == 0 && t < b {
					if third := single[i<<t&mask]; third>>6&127 != advSlow && third&63 <= b-t {
						e += third
					}
				}
			}
		}
		h.lut[i] = e
	}
}

// decode decodes the code in the next 16 bits at the top of acc, knowing
// that it is not shorter than from bits: its length and symbol; length 0
// for none (the bits do not begin a code of the table). The caller checks
// that the reader holds the bits.
func (h *jpegHuff) decode(acc uint64, from int) (uint, byte) {
	bits := int32(acc >> 48)
	for l := from; l <= 16; l++ {
		if code := bits >> (16 - l); code <= h.maxCode[l] {
			return uint(l), h.vals[h.valPtr[l]+code-h.minCode[l]]
		}
	}
	return 0, 0
}

type jpegComp struct {
	id, h, v int
}

type jpegWalk struct {
	data          []byte
	width, height int
	comps         []jpegComp
	huff          [2][2]jpegHuff // [class: DC, AC][table]
	ri            int            // the restart interval, in MCUs
	frame         bool
	scans         int

	// The entropy-coded data's bit reader, between blocks (see walkBlock).
	pos int
	acc uint64
	n   uint

	// eobRun counts the blocks left whose AC codes an end-of-band run has
	// skipped: image/jpeg reads the run codes (r, 0) for r < 15 as runs
	// in baseline data too, across scans until a restart.
	eobRun int

	// opt, when set, makes the walk record each scan's symbols instead of
	// only checking them, and write the file again with optimal Huffman
	// tables as it goes (see OptimizeJPEG).
	opt *jpegOpt
}

func (j *jpegWalk) walk(data []byte) bool {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return false
	}
	j.data, j.pos = data, 2
	for {
		if j.pos+2 > len(data) || data[j.pos] != 0xff {
			return false
		}
		marker := data[j.pos+1]
		if marker == 0xd9 { // EOI
			return j.scans > 0
		}
		if j.pos+4 > len(data) {
			return false
		}
		size := int(binary.BigEndian.Uint16(data[j.pos+2:]))
		if size < 2 || j.pos+2+size > len(data) {
			return false
		}
		start := j.pos
		seg := data[j.pos+4 : j.pos+2+size]
		j.pos += 2 + size
		if j.opt != nil {
			j.opt.segment(marker, start, j.pos)
		}
		var ok bool
		switch {
		case marker >= 0xe0 && marker <= 0xef, marker == 0xfe: // APPn, COM
			ok = true
		case marker == 0xdb:
			ok = j.dqt(seg)
		case marker == 0xc4:
			ok = j.dht(seg)
		case marker == 0xdd:
			if ok = len(seg) == 2; ok {
				j.ri = int(binary.BigEndian.Uint16(seg))
			}
		case marker == 0xc0:
			ok = !j.frame && j.sof(seg)
		case marker == 0xda:
			ok = j.frame && j.sos(seg)
		}
		if !ok {
			return false
		}
	}
}

// dqt checks a quantisation table segment's structure.
func (j *jpegWalk) dqt(seg []byte) bool {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&15
		n := 1 + 64
		if pq == 1 {
			n = 1 + 128
		}
		if pq > 1 || tq > 3 || len(seg) < n {
			return false
		}
		seg = seg[n:]
	}
	return true
}

// dht reads Huffman tables.
func (j *jpegWalk) dht(seg []byte) bool {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return false
		}
		tc, th := seg[0]>>4, seg[0]&15
		if tc > 1 || th > 1 {
			return false
		}
		t := &j.huff[tc][th]
		*t = jpegHuff{present: true}
		total := 0
		for l := 1; l <= 16; l++ {
			total += int(seg[l])
		}
		if total == 0 || total > 256 || len(seg) < 17+total {
			return false
		}
		t.vals = seg[17 : 17+total]
		code, k := int32(0), int32(0)
		for l := 1; l <= 16; l++ {
			c := int32(seg[l])
			t.maxCode[l] = -1
			if c > 0 {
				t.minCode[l], t.valPtr[l] = code, k
				code += c
				k += c
				t.maxCode[l] = code - 1
				if code > 1<<l { // more codes than the length holds
					return false
				}
			}
			code <<= 1
		}
		t.build(seg[1:17], tc == 0)
		if j.opt != nil {
			j.opt.symbols(t, uint32(tc)<<1|uint32(th), seg[1:17], t.vals)
		}
		seg = seg[17+total:]
	}
	return true
}

// sof reads a baseline frame header.
func (j *jpegWalk) sof(seg []byte) bool {
	if len(seg) < 6 || seg[0] != 8 {
		return false
	}
	j.height = int(binary.BigEndian.Uint16(seg[1:]))
	j.width = int(binary.BigEndian.Uint16(seg[3:]))
	n := int(seg[5])
	if j.width < 1 || j.height < 1 || (n != 1 && n != 3) || len(seg) != 6+3*n {
		return false
	}
	for i := 0; i < n; i++ {
		c := seg[6+3*i:]
		comp := jpegComp{id: int(c[0]), h: int(c[1] >> 4), v: int(c[1] & 15)}
		if c[2] > 3 || comp.h < 1 || comp.h > 4 || comp.v < 1 || comp.v > 4 || comp.h == 3 || comp.v == 3 {
			return false // image/jpeg refuses these, even for one component
		}
		for _, o := range j.comps {
			if o.id == comp.id {
				return false
			}
		}
		switch {
		case n == 1:
			comp.h, comp.v = 1, 1 // one component is non-interleaved whatever it says
		case i == 0:
			if comp.h < 1 || comp.h > 2 || comp.v < 1 || comp.v > 2 {
				return false
			}
		default:
			if comp.h != 1 || comp.v != 1 {
				return false
			}
		}
		j.comps = append(j.comps, comp)
	}
	j.frame = true
	return true
}

// jpegScanComp is one component of a scan and its tables.
type jpegScanComp struct {
	comp   int
	dc, ac *jpegHuff
	td, ta int // the tables' numbers
}

// sos reads a scan header, then walks the scan's entropy-coded data.
func (j *jpegWalk) sos(seg []byte) bool {
	if len(seg) < 1 {
		return false
	}
	ns := int(seg[0])
	if ns < 1 || ns > len(j.comps) || len(seg) != 4+2*ns {
		return false
	}
	var scan [3]jpegScanComp
	last := -1
	for i := 0; i < ns; i++ {
		id, tables := int(seg[1+2*i]), seg[2+2*i]
		idx := -1
		for k, c := range j.comps {
			if c.id == id {
				idx = k
			}
		}
		td, ta := tables>>4, tables&15
		if idx <= last || td > 1 || ta > 1 || !j.huff[0][td].present || !j.huff[1][ta].present {
			return false // unknown, repeated or out of order; a missing table
		}
		last = idx
		scan[i] = jpegScanComp{idx, &j.huff[0][td], &j.huff[1][ta], int(td), int(ta)}
	}
	if ss, se, a := seg[1+2*ns], seg[2+2*ns], seg[3+2*ns]; ss != 0 || se != 63 || a != 0 {
		return false
	}
	if !j.entropy(scan[:ns]) {
		return false
	}
	// The scan ends on a byte boundary, at a marker.
	j.scans++
	if j.n >= 8 || j.pos+1 >= len(j.data) || j.data[j.pos] != 0xff || j.data[j.pos+1] == 0 {
		return false
	}
	return j.opt == nil || j.optScan(scan[:ns])
}

// entropy walks a scan's entropy-coded data from j.pos: every block of
// every MCU, and the restart markers between intervals. It leaves j.pos
// and j.n where the data ends, for sos to check.
func (j *jpegWalk) entropy(scan []jpegScanComp) bool {
	j.acc, j.n = 0, 0
	h0, v0 := j.comps[0].h, j.comps[0].v
	mxx := (j.width + 8*h0 - 1) / (8 * h0)
	myy := (j.height + 8*v0 - 1) / (8 * v0)
	single := len(scan) == 1
	if c := j.comps[scan[0].comp]; !single || c.h*c.v == 1 {
		if j.opt != nil {
			return j.recordMCUs(scan, mxx*myy)
		}
		return j.walkMCUs(scan, mxx*myy)
	}
	mcus := mxx * myy
	// A scan of one component has no data for blocks wholly outside the
	// image, counted left to right, top to bottom in blocks of the frame's
	// MCU grid (image/jpeg's blockCount).
	bx, by, q := 0, 0, mxx*j.comps[scan[0].comp].h
	mcu, untilRestart, rst := 0, j.ri, 0
	for range myy {
		for range mxx {
			for _, sc := range scan {
				c := j.comps[sc.comp]
				for range c.h * c.v {
					if single {
						x, y := bx, by
						if bx++; bx == q {
							bx, by = 0, by+1
						}
						if x*8 >= j.width || y*8 >= j.height {
							continue
						}
					}
					if j.opt != nil {
						if !j.record(sc) {
							return false
						}
					} else {
						var ok bool
						if j.pos, j.acc, j.n, j.eobRun, ok = walkBlock(j.data, j.pos, j.acc, j.n, j.eobRun, sc.dc, sc.ac); !ok {
							return false
						}
					}
				}
			}
			mcu++
			if untilRestart--; untilRestart == 0 && mcu < mcus {
				// Restart marker rst (0 to 7) right after the padding.
				if j.n >= 8 || j.pos+2 > len(j.data) || j.data[j.pos] != 0xff || j.data[j.pos+1] != 0xd0+byte(rst) {
					return false
				}
				j.pos += 2
				j.acc, j.n, j.eobRun = 0, 0, 0
				if j.opt != nil {
					j.opt.rec = append(j.opt.rec, recRestart|uint32(rst))
				}
				untilRestart, rst = j.ri, (rst+1)%8
			}
		}
	}
	return true
}

// walkMCUs is entropy for a check of a scan whose MCUs are all the same
// blocks in the same order: an interleaved scan, or one of a component
// of one block an MCU (which has no blocks outside the image). The bit
// reader stays in local variables from block to block.
func (j *jpegWalk) walkMCUs(scan []jpegScanComp, mcus int) bool {
	type tables struct{ dc, ac *jpegHuff }
	var blocks [6]tables // 2×2 + 1 + 1 at most (see sof)
	nb := 0
	for _, sc := range scan {
		c := j.comps[sc.comp]
		for range c.h * c.v {
			blocks[nb] = tables{sc.dc, sc.ac}
			nb++
		}
	}
	data, pos, acc, n, eobRun := j.data, j.pos, uint64(0), uint(0), j.eobRun
	untilRestart, rst := j.ri, 0
	for mcu := 1; mcu <= mcus; mcu++ {
		for _, b := range blocks[:nb] {
			var ok bool
			if pos, acc, n, eobRun, ok = walkBlock(data, pos, acc, n, eobRun, b.dc, b.ac); !ok {
				return false
			}
		}
		if untilRestart--; untilRestart == 0 && mcu < mcus {
			// Restart marker rst (0 to 7) right after the padding.
			if n >= 8 || pos+2 > len(data) || data[pos] != 0xff || data[pos+1] != 0xd0+byte(rst) {
				return false
			}
			pos += 2
			acc, n, eobRun = 0, 0, 0
			untilRestart, rst = j.ri, (rst+1)%8
		}
	}
	j.pos, j.acc, j.n, j.eobRun = pos, acc, n, eobRun
	return true
}

// walkBlock walks one 8×8 block's codes, as image/jpeg reads a baseline block.
//
// The bit reader works in local variables here, for speed: acc holds n
// bits, the next one at the top; the bits below them are zero or the
// start of data[pos]. fill tops it up to 56 bits or more, and stops at a
// marker or the end of the data, so a code or a value that needs more
// bits than n after a fill runs past the scan's data. That is the
// byte-at-a-time reader's answer too: only the bits the walk consumes and
// where the data stops decide it.
func walkBlock(data []byte, pos int, acc uint64, n uint, eobRun int, dc, ac *jpegHuff) (int, uint64, uint, int, bool) {
	// The DC code and its value's bits, at most 16 + 16.
	if n < 32 {
		var ok bool
		if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
			pos, acc, n = fillBytes(data, pos, acc, n)
		}
	}
	e := dc.lut[acc>>(64-dcBits)]
	total := uint(e)
	if e == 0 {
		l, t := dc.decode(acc, dcBits+1)
		if l == 0 || t > 16 {
			return pos, acc, n, eobRun, false
		}
		total = l + uint(t)
	}
	if total > n {
		return pos, acc, n, eobRun, false
	}
	acc <<= total & 63
	n -= total
	if eobRun > 0 {
		return pos, acc, n, eobRun - 1, true
	}
	// The AC codes, each with its value's bits (at most 16 + 15), up to
	// three codes a step (see lutBits): zig is the zig-zag index of the
	// next. A fill leaves 56 bits or more, enough for two steps of at most
	// 27 bits, and a third often fits too, so the walk fills once for up
	// to three steps rather than asking before each whether it must.
codes:
	for zig := 1; zig < 64; {
		var ok bool
		if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
			pos, acc, n = fillBytes(data, pos, acc, n)
		}
		e := ac.lut[acc>>(64-lutBits)]
		next, total := zig+int(e>>6&127), uint(e&63)
		for step := 1; next <= 64 && total <= n; step++ {
			acc <<= uint(e) & 63 // total, with no instruction to mask it
			n -= total
			if zig = next + int(e>>7&64); zig >= 64 || step == 3 {
				continue codes // past the block at an end of block
			}
			e = ac.lut[acc>>(64-lutBits)]
			next, total = zig+int(e>>6&127), uint(e&63)
		}
		// One code at a time: a code longer than lutBits, a run of zeros
		// or of blocks, a step past the block's end, or the data ending.
		if n < 32 {
			if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
				pos, acc, n = fillBytes(data, pos, acc, n)
			}
		}
		l, sym := ac.decode(acc, 1)
		if l == 0 || l > n {
			return pos, acc, n, eobRun, false
		}
		run, size := int(sym>>4), uint(sym&15)
		if size != 0 {
			if zig += run; zig > 63 { // image/jpeg stops here, before the value
				acc <<= l & 63
				n -= l
				break
			}
			if l+size > n {
				return pos, acc, n, eobRun, false
			}
			acc <<= (l + size) & 63
			n -= l + size
			zig++
			continue
		}
		acc <<= l & 63
		n -= l
		if run != 15 { // end of block, and of 2^run + (run bits) - 1 more
			eobRun = 1 << run
			if run > 0 {
				if uint(run) > n {
					return pos, acc, n, eobRun, false
				}
				eobRun |= int(acc >> (64 - run))
				acc <<= run
				n -= uint(run)
			}
			eobRun--
			break
		}
		zig += 16
	}
	return pos, acc, n, eobRun, true
}

// fill loads whole bytes of entropy-coded data into acc, which holds n
// bits, until it holds 56 or more: eight bytes at a time when no 0xFF is
// among them. Where one is, or the data is near its end, it loads nothing
// and answers false, for fillBytes to go on.
func fill(data []byte, pos int, acc uint64, n uint) (int, uint64, uint, bool) {
	if pos+8 > len(data) {
		return pos, acc, n, false
	}
	w := binary.BigEndian.Uint64(data[pos:])
	if (^w-0x0101010101010101)&w&0x8080808080808080 != 0 { // a 0xFF byte
		return pos, acc, n, false
	}
	// Whole bytes up to 56 to 63 bits; the bits below them are the start
	// of the next byte, which a later fill loads again.
	return pos + int((63-n)>>3), acc | w>>(n&63), n | 56, true
}

// fillBytes loads bytes into acc as fill does, a byte at a time, taking
// 0xFF 0x00 as 0xFF, until acc holds 56 bits or more or the data stops:
// at a marker, or at its end. Like fill, it leaves n below 64, which
// fill's arithmetic needs.
//
//go:noinline
func fillBytes(data []byte, pos int, acc uint64, n uint) (int, uint64, uint) {
	for n < 56 && pos < len(data) {
		b := data[pos]
		if b == 0xff {
			if pos+1 >= len(data) || data[pos+1] != 0 {
				break // a marker: the scan's data ends here
			}
			pos++
		}
		pos++
		acc |= uint64(b) << (56 - n)
		n += 8
	}
	return pos, acc, n
}
