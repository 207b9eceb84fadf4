package images

import "encoding/binary"

// This file is the JPEG optimiser as it was before it recorded steps of
// the walk (commit b0dd6b4: images/jpegcheck.go and images/jpegopt.go),
// its names prefixed with optRef: the reference that
// TestOptimizeJPEGSameBytes and FuzzOptimizeJPEG hold the optimiser to,
// byte for byte, and the "old" side of BenchmarkRefJPEGOptimizer. Do not
// speed it up or fix it: its output is the specification.

// optRefLutBits is how many bits an AC look-up table takes at once: nearly
// every code of a photo's tables is that short, and often two AC codes
// with their values are. A DC table takes optRefDCBits, enough for the codes
// (one a block), and a smaller table is quicker to build.
const (
	optRefLutBits = 11
	optRefDCBits  = 9
)

// A look-up table entry of a DC table, for the optRefDCBits bits it is indexed
// by, is the bits of its code and the value that follows; 127, more than
// the reader ever holds, for a value of more than 16 bits, which
// image/jpeg refuses; 0 where the code is longer than optRefDCBits.
//
// An AC table's entry is a step of the walk:
//
//	bits 0-4    the bits it consumes: a coefficient's code and value, or
//	            two coefficients', or a coefficient's and an end of block,
//	            or an end of block
//	bits 5-11   how far it moves the zig-zag index: every coefficient and
//	            end of block takes one place, a run of r zeros r more;
//	            optRefAdvSlow where there is no such step (a code longer than
//	            optRefLutBits, a run of 16 zeros or of blocks): that code is
//	            walked alone
//	bit 12      optRefEntryEnd: the step ends the block with an end of block
//	            (the walk adds e>>6&64 to the index, past any block)
const (
	optRefEntryEnd = 1 << 12
	optRefAdvSlow  = 127 // more than a block has room for
)

type optRefHuff struct {
	present bool
	maxCode [17]int32 // the largest code of each length, -1 for none
	valPtr  [17]int32 // the index in vals of the first code of each length
	minCode [17]int32
	vals    []byte
	lut     [1 << optRefLutBits]uint16 // entries by the next optRefLutBits (DC: optRefDCBits) bits
}

// build fills the look-up table from the codes, for a DC table or an AC
// table. An AC step of two codes is the sum of their entries.
func (h *optRefHuff) build(counts []byte, dc bool) {
	bits := optRefLutBits
	if dc {
		bits = optRefDCBits
	}
	// The entry of each index's first code alone. The codes of l <= bits
	// bits, in order, fill the indices from 0 up, 2^(bits-l) each; past
	// them, the codes are longer.
	var single [1 << optRefLutBits]uint16
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
				e = l + size | (run+1)<<5
			case run == 0: // an end of block
				e = l | 1<<5 | optRefEntryEnd
			default: // a run of 16 zeros or of blocks
				e = optRefAdvSlow << 5
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
		copy(h.lut[:], single[:1<<optRefDCBits]) // 0 past the short codes
		return
	}
	for ; i < 1<<optRefLutBits; i++ {
		single[i] = optRefAdvSlow << 5
	}
	// A coefficient whose code and value leave room in the index for the
	// next code with its value, or for an end of block, steps over both.
	const mask = 1<<optRefLutBits - 1
	for i, e := range single {
		if t := e & 31; e>>5&127 != optRefAdvSlow && e&optRefEntryEnd == 0 && t < optRefLutBits {
			if next := single[i<<t&mask]; next>>5&127 != optRefAdvSlow && next&31 <= optRefLutBits-t {
				e += next
			}
		}
		h.lut[i] = e
	}
}

// decode decodes the code in the next 16 bits at the top of acc, knowing
// that it is not shorter than from bits: its length and symbol; length 0
// for none (the bits do not begin a code of the table). The caller checks
// that the reader holds the bits.
func (h *optRefHuff) decode(acc uint64, from int) (uint, byte) {
	bits := int32(acc >> 48)
	for l := from; l <= 16; l++ {
		if code := bits >> (16 - l); code <= h.maxCode[l] {
			return uint(l), h.vals[h.valPtr[l]+code-h.minCode[l]]
		}
	}
	return 0, 0
}

type optRefComp struct {
	id, h, v int
}

type optRefWalk struct {
	data          []byte
	width, height int
	comps         []optRefComp
	huff          [2][2]optRefHuff // [class: DC, AC][table]
	ri            int              // the restart interval, in MCUs
	frame         bool
	scans         int

	// The entropy-coded data's bit reader, between blocks (see block).
	pos int
	acc uint64
	n   uint

	// eobRun counts the blocks left whose AC codes an end-of-band run has
	// skipped: image/jpeg reads the run codes (r, 0) for r < 15 as runs
	// in baseline data too, across scans until a restart.
	eobRun int

	// opt, when set, makes the walk record each scan's symbols instead of
	// only checking them, and write the file again with optimal Huffman
	// tables as it goes (see optRefOptimizeJPEG).
	opt *optRefOpt
}

func (j *optRefWalk) walk(data []byte) bool {
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
func (j *optRefWalk) dqt(seg []byte) bool {
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
func (j *optRefWalk) dht(seg []byte) bool {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return false
		}
		tc, th := seg[0]>>4, seg[0]&15
		if tc > 1 || th > 1 {
			return false
		}
		t := &j.huff[tc][th]
		*t = optRefHuff{present: true}
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
			j.opt.symbols(&j.opt.syms[tc][th], uint32(tc)<<1|uint32(th), seg[1:17], t.vals)
		}
		seg = seg[17+total:]
	}
	return true
}

// sof reads a baseline frame header.
func (j *optRefWalk) sof(seg []byte) bool {
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
		comp := optRefComp{id: int(c[0]), h: int(c[1] >> 4), v: int(c[1] & 15)}
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

// optRefScanComp is one component of a scan and its tables.
type optRefScanComp struct {
	comp   int
	dc, ac *optRefHuff
	td, ta int // the tables' numbers
}

// sos reads a scan header, then walks the scan's entropy-coded data.
func (j *optRefWalk) sos(seg []byte) bool {
	if len(seg) < 1 {
		return false
	}
	ns := int(seg[0])
	if ns < 1 || ns > len(j.comps) || len(seg) != 4+2*ns {
		return false
	}
	var scan [3]optRefScanComp
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
		scan[i] = optRefScanComp{idx, &j.huff[0][td], &j.huff[1][ta], int(td), int(ta)}
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
	return j.opt == nil || j.opt.scan(j.data, scan[:ns], j.pos)
}

// entropy walks a scan's entropy-coded data from j.pos: every block of
// every MCU, and the restart markers between intervals. It leaves j.pos
// and j.n where the data ends, for sos to check.
func (j *optRefWalk) entropy(scan []optRefScanComp) bool {
	j.acc, j.n = 0, 0
	h0, v0 := j.comps[0].h, j.comps[0].v
	mxx := (j.width + 8*h0 - 1) / (8 * h0)
	myy := (j.height + 8*v0 - 1) / (8 * v0)
	mcus := mxx * myy
	// A scan of one component has no data for blocks wholly outside the
	// image, counted left to right, top to bottom in blocks of the frame's
	// MCU grid (image/jpeg's blockCount).
	single := len(scan) == 1
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
					} else if !j.block(sc.dc, sc.ac) {
						return false
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
					j.opt.rec = append(j.opt.rec, optRefRestart|uint32(rst))
				}
				untilRestart, rst = j.ri, (rst+1)%8
			}
		}
	}
	return true
}

// block walks one 8×8 block's codes, as image/jpeg reads a baseline block.
//
// The bit reader works in local variables here, for speed: acc holds n
// bits, the next one at the top; the bits below them are zero or the
// start of data[pos]. fill tops it up to 56 bits or more, and stops at a
// marker or the end of the data, so a code or a value that needs more
// bits than n after a fill runs past the scan's data. That is the
// byte-at-a-time reader's answer too: only the bits the walk consumes and
// where the data stops decide it.
func (j *optRefWalk) block(dc, ac *optRefHuff) bool {
	data, pos, acc, n := j.data, j.pos, j.acc, j.n
	// The DC code and its value's bits, at most 16 + 16.
	if n < 32 {
		var ok bool
		if pos, acc, n, ok = optRefFill(data, pos, acc, n); !ok {
			pos, acc, n = optRefFillBytes(data, pos, acc, n)
		}
	}
	e := dc.lut[acc>>(64-optRefDCBits)]
	total := uint(e)
	if e == 0 {
		l, t := dc.decode(acc, optRefDCBits+1)
		if l == 0 || t > 16 {
			return false
		}
		total = l + uint(t)
	}
	if total > n {
		return false
	}
	acc <<= total & 63
	n -= total
	if j.eobRun > 0 {
		j.eobRun--
		j.pos, j.acc, j.n = pos, acc, n
		return true
	}
	// The AC codes, each with its value's bits (at most 16 + 15), one or
	// two codes a step (see optRefLutBits): zig is the zig-zag index of the
	// next. A fill leaves 56 bits or more, enough for two steps of at most
	// 26 bits, and a third often fits too, so the walk fills once for up
	// to three steps rather than asking before each whether it must.
codes:
	for zig := 1; zig < 64; {
		var ok bool
		if pos, acc, n, ok = optRefFill(data, pos, acc, n); !ok {
			pos, acc, n = optRefFillBytes(data, pos, acc, n)
		}
		e := ac.lut[acc>>(64-optRefLutBits)]
		next, total := zig+int(e>>5&127), uint(e&31)
		for step := 1; next <= 64 && total <= n; step++ {
			acc <<= total & 63
			n -= total
			if zig = next + int(e>>6&64); zig >= 64 || step == 3 {
				continue codes // past the block at an end of block
			}
			e = ac.lut[acc>>(64-optRefLutBits)]
			next, total = zig+int(e>>5&127), uint(e&31)
		}
		// One code at a time: a code longer than optRefLutBits, a run of zeros
		// or of blocks, a step past the block's end, or the data ending.
		if n < 32 {
			if pos, acc, n, ok = optRefFill(data, pos, acc, n); !ok {
				pos, acc, n = optRefFillBytes(data, pos, acc, n)
			}
		}
		l, sym := ac.decode(acc, 1)
		if l == 0 || l > n {
			return false
		}
		run, size := int(sym>>4), uint(sym&15)
		if size != 0 {
			if zig += run; zig > 63 { // image/jpeg stops here, before the value
				acc <<= l & 63
				n -= l
				break
			}
			if l+size > n {
				return false
			}
			acc <<= (l + size) & 63
			n -= l + size
			zig++
			continue
		}
		acc <<= l & 63
		n -= l
		if run != 15 { // end of block, and of 2^run + (run bits) - 1 more
			j.eobRun = 1 << run
			if run > 0 {
				if uint(run) > n {
					return false
				}
				j.eobRun |= int(acc >> (64 - run))
				acc <<= run
				n -= uint(run)
			}
			j.eobRun--
			break
		}
		zig += 16
	}
	j.pos, j.acc, j.n = pos, acc, n
	return true
}

// fill loads whole bytes of entropy-coded data into acc, which holds n
// bits, until it holds 56 or more: eight bytes at a time when no 0xFF is
// among them. Where one is, or the data is near its end, it loads nothing
// and answers false, for optRefFillBytes to go on.
func optRefFill(data []byte, pos int, acc uint64, n uint) (int, uint64, uint, bool) {
	if pos+8 > len(data) {
		return pos, acc, n, false
	}
	w := binary.BigEndian.Uint64(data[pos:])
	if (^w-0x0101010101010101)&w&0x8080808080808080 != 0 { // a 0xFF byte
		return pos, acc, n, false
	}
	// Whole bytes up to 56 to 63 bits; the bits below them are the start
	// of the next byte, which a later fill loads again.
	return pos + int((63-n)>>3), acc | w>>n, n | 56, true
}

// optRefFillBytes loads bytes into acc as fill does, a byte at a time, taking
// 0xFF 0x00 as 0xFF, until acc holds 56 bits or more or the data stops:
// at a marker, or at its end. Like fill, it leaves n below 64, which
// fill's arithmetic needs.
//
//go:noinline
func optRefFillBytes(data []byte, pos int, acc uint64, n uint) (int, uint64, uint) {
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

// A optRefOptimizer is optRefOptimizeJPEG with buffers kept from one call to the
// next (its record of a scan's symbols: 6 bytes or so per byte of the
// file, kept up to optRefMaxKept). The zero value is ready to use; it is
// not safe for concurrent use.
type optRefOptimizer struct {
	o *optRefOpt
}

// optimize is Optimize, and whether the walk took the file whole: then it
// is a file optRefCheckJPEG takes too (the walk is optRefCheckJPEG's, and record
// takes less than block), which image/jpeg decodes.
func (jo *optRefOptimizer) optimize(data []byte) (out []byte, walked bool) {
	if jo.o == nil {
		jo.o = &optRefOpt{}
	}
	o := jo.o
	o.rec, o.skips, o.cursor = o.rec[:0], o.skips[:0], 0
	o.freq = [4 << 8]uint32{}
	if cap(o.rec) == 0 {
		o.rec = make([]uint32, 0, len(data)*2)
	}
	// The output is smaller than data or not used: it never grows.
	o.out = make([]byte, 0, len(data))
	defer func() {
		o.out = nil
		if cap(o.rec) > optRefMaxKept {
			o.rec = nil // a print-size photo's: not kept for the next
		}
	}()
	j := optRefWalk{opt: o}
	if !j.walk(data) {
		return data, false
	}
	if j.pos+2 != len(data) {
		return data, true // bytes after the end: kept as they are
	}
	o.copyTo(data, len(data))
	if len(o.out) >= len(data) {
		return data, true
	}
	return o.out, true
}

// optRefOpt is what the walk keeps to write the file again (see
// optRefWalk.opt).
type optRefOpt struct {
	// syms are the tables' codes of up to optRefLutBits bits, by the next
	// optRefLutBits bits (see optRefSymEntry), 0 for a longer code.
	syms [2][2][1 << optRefLutBits]uint32 // [class][table]
	// freq counts the current scan's symbols by table and symbol: the DC
	// tables 0 and 1, then the AC tables 0 and 1, 256 symbols each.
	freq [4 << 8]uint32
	// enc is the new codes, by table and symbol as freq: code<<5 | length.
	enc [4 << 8]uint32
	// rec is the current scan's symbols, in order: a restart marker
	// (optRefRestart | its number 0 to 7), or a symbol with its extra bits —
	// bits 0-15 the bits, 16-23 the symbol, 24-25 its table (as freq's),
	// 26-30 how many bits.
	rec []uint32

	out      []byte // the file written so far
	cursor   int    // data is written to out up to here
	skips    []int  // the DHT segments not yet passed: start, end
	sos, scn int    // the last SOS segment: its start, and its data's
}

const optRefRestart = 1 << 31

// optRefMaxKept is the largest record (in symbols) a optRefOptimizer keeps
// for its next call: 16 MB, what a 2 MB photo needs.
const optRefMaxKept = 4 << 20

// segment notes a marker segment the walk has read, data[start:end].
func (o *optRefOpt) segment(marker byte, start, end int) {
	switch marker {
	case 0xc4:
		o.skips = append(o.skips, start, end)
	case 0xda:
		o.sos, o.scn = start, end
	}
}

// symbols fills lut with the look-up entries (optRefSymEntry) of the codes of
// up to optRefLutBits bits of table t (as freq's) with counts (codes of each
// length 1 to 16) and vals; 0 for longer codes, and for a DC symbol over
// 16, which the walk refuses.
func (o *optRefOpt) symbols(lut *[1 << optRefLutBits]uint32, t uint32, counts, vals []byte) {
	code, k, i := 0, 0, 0
	for l := 1; l <= optRefLutBits; l++ {
		for range counts[l-1] {
			sym := uint32(vals[k])
			var e uint32
			switch {
			case t >= 2:
				e = optRefSymEntry(t, uint32(l), sym, sym&15)
			case sym <= 16:
				e = optRefSymEntry(t, uint32(l), sym, sym)
			}
			code++
			k++
			for end := code << (optRefLutBits - l); i < end; i++ {
				lut[i] = e
			}
		}
		code <<= 1
	}
	clear(lut[i:])
}

// copyTo writes data from the cursor up to end to out, but for the DHT
// segments.
func (o *optRefOpt) copyTo(data []byte, end int) {
	from := o.cursor
	for len(o.skips) > 0 && o.skips[0] < end {
		o.out = append(o.out, data[from:o.skips[0]]...)
		from = o.skips[1]
		o.skips = o.skips[2:]
	}
	o.out = append(o.out, data[from:end]...)
	o.cursor = end
}

// scan writes the scan just walked, whose data ends at end: what comes
// before its SOS segment, new tables for the tables its components use,
// the SOS segment, and the recorded symbols coded with the new tables. It
// answers false for a scan it cannot write (a table with no symbols).
func (o *optRefOpt) scan(data []byte, comps []optRefScanComp, end int) bool {
	var used [4]bool
	for _, c := range comps {
		used[c.td], used[2+c.ta] = true, true
	}
	o.copyTo(data, o.sos)
	// One DHT segment for all the tables, its length filled in after.
	at := len(o.out)
	o.out = append(o.out, 0xff, 0xc4, 0, 0)
	for t, u := range used {
		if !u {
			continue
		}
		var bits [17]byte
		var ok bool
		o.out = append(o.out, byte(t>>1)<<4|byte(t&1))
		head := len(o.out)
		o.out = append(o.out, bits[1:]...)
		if o.out, ok = optRefOptimalTable((*[256]uint32)(o.freq[t<<8:]), &bits, o.out); !ok {
			return false
		}
		copy(o.out[head:], bits[1:])
		vals := o.out[head+16:]
		code, k := uint32(0), 0
		for l := uint32(1); l <= 16; l++ {
			for range bits[l] {
				o.enc[t<<8|int(vals[k])] = code<<5 | l
				code++
				k++
			}
			code <<= 1
		}
	}
	binary.BigEndian.PutUint16(o.out[at+2:], uint16(len(o.out)-at-2))
	o.out = append(o.out, data[o.sos:o.scn]...)
	o.encode()
	o.cursor = end
	o.rec = o.rec[:0]
	o.freq = [4 << 8]uint32{}
	return true
}

// encode appends the recorded symbols to out, coded with enc, with byte
// stuffing, each restart interval and the scan padded with 1 bits.
func (o *optRefOpt) encode() {
	out, enc := o.out, &o.enc
	var acc uint64 // the low n bits are to be written
	n := uint(0)
	for _, e := range o.rec {
		if e&optRefRestart != 0 {
			out = optRefFlushBits(out, acc, n)
			out = append(out, 0xff, 0xd0+byte(e&7))
			acc, n = 0, 0
			continue
		}
		c := enc[e>>16&1023]
		nb := uint(e >> 26 & 31)
		l := uint(c&31) + nb
		acc = acc<<l | uint64(c>>5)<<nb | uint64(e&0xffff)
		n += l
		if n >= 32 {
			n -= 32
			w := uint32(acc >> n)
			if (^w-0x01010101)&w&0x80808080 == 0 { // no 0xFF byte
				out = binary.BigEndian.AppendUint32(out, w)
			} else {
				out = optRefAppendStuffed(out, w, 4)
			}
		}
	}
	o.out = optRefFlushBits(out, acc, n)
}

// optRefFlushBits appends the low n bits of acc (n < 32), padded with 1 bits to
// a whole byte, with byte stuffing.
func optRefFlushBits(out []byte, acc uint64, n uint) []byte {
	if n == 0 {
		return out
	}
	pad := (8 - n&7) & 7
	acc = acc<<pad | (1<<pad - 1)
	n += pad
	return optRefAppendStuffed(out, uint32(acc)<<(32-n), int(n/8))
}

// optRefAppendStuffed appends the top k bytes of w, each 0xFF followed by 0x00.
func optRefAppendStuffed(out []byte, w uint32, k int) []byte {
	for range k {
		b := byte(w >> 24)
		out = append(out, b)
		if b == 0xff {
			out = append(out, 0)
		}
		w <<= 8
	}
	return out
}

// record walks one block's codes, as block does, recording each symbol
// with its extra bits in opt.rec and counting it in opt.freq. It refuses
// an end-of-band run (r, 0) with 0 < r < 15, which baseline does not
// have and which image/jpeg and libjpeg read differently, and a run past
// the block's end.
func (j *optRefWalk) record(sc optRefScanComp) bool {
	o := j.opt
	data, pos, acc, n := j.data, j.pos, j.acc, j.n
	freq := &o.freq
	// A block has 64 symbols at most: each moves the zig-zag index on.
	k := len(o.rec)
	if cap(o.rec)-k < 64 {
		o.rec = append(o.rec[:cap(o.rec)], make([]uint32, cap(o.rec)/2+64)...)[:k]
	}
	rec := o.rec[k : k+64 : k+64]
	var ok bool
	if n < 32 {
		if pos, acc, n, ok = optRefFill(data, pos, acc, n); !ok {
			pos, acc, n = optRefFillBytes(data, pos, acc, n)
		}
	}
	e := o.syms[0][sc.td][acc>>(64-optRefLutBits)]
	if e == 0 {
		l, sym := sc.dc.decode(acc, optRefLutBits+1)
		if l == 0 || sym > 16 {
			return false
		}
		e = optRefSymEntry(uint32(sc.td), uint32(l), uint32(sym), uint32(sym))
	}
	t := uint(e & 31)
	if t > n {
		return false
	}
	freq[e>>16&1023]++
	rec[0] = e&^0xffff | uint32(acc<<(e>>5&31)>>1>>(63-(e>>26&31)))
	acc <<= t
	n -= t
	lut, table := &o.syms[1][sc.ta], uint32(2+sc.ta)
	i := 1
	for zig := 1; zig < 64; i++ {
		// A fill for every symbol, whether it needs one or not: a branch
		// on n would be taken one time in four or so, at random, and
		// mispredicted.
		if pos, acc, n, ok = optRefFill(data, pos, acc, n); !ok && n < 32 {
			pos, acc, n = optRefFillBytes(data, pos, acc, n)
		}
		e := lut[acc>>(64-optRefLutBits)]
		if e == 0 {
			l, sym := sc.ac.decode(acc, optRefLutBits+1)
			if l == 0 {
				return false
			}
			e = optRefSymEntry(table, uint32(l), uint32(sym), uint32(sym&15))
		}
		t := uint(e & 31)
		if t > n {
			return false
		}
		freq[e>>16&1023]++
		rec[i&63] = e&^0xffff | uint32(acc<<(e>>5&31)>>1>>(63-(e>>26&31)))
		acc <<= t
		n -= t
		switch sym := byte(e >> 16); {
		case sym&15 != 0:
			if zig += int(sym>>4) + 1; zig > 64 {
				return false
			}
		case sym == 0xf0: // sixteen zeros
			zig += 16
		case sym != 0: // an end-of-band run
			return false
		default: // end of block
			zig = 64
		}
	}
	o.rec = o.rec[:k+i]
	j.pos, j.acc, j.n = pos, acc, n
	return true
}

// optRefSymEntry is a look-up table entry for a code of l bits for sym, of
// table (as freq's), followed by size extra bits: as a record's entry
// (see optRefOpt.rec) with, in place of the extra bits, l in bits 5-9 and
// l+size in bits 0-4.
func optRefSymEntry(table, l, sym, size uint32) uint32 {
	return size<<26 | table<<24 | sym<<16 | l<<5 | (l + size)
}

// optRefOptimalTable makes the optimal Huffman table, of codes of at most 16
// bits, for symbols counted in freq, as ITU-T T.81 Annex K.2 and libjpeg's
// jpeg_gen_optimal_table do (so the file is the size jpegtran -optimize
// makes): a code tree built by joining the two least frequent, with a
// 257th symbol counted once so that no code is all 1 bits, the lengths
// then limited to 16 bits, that symbol's code removed. It sets bits[1:17]
// (the codes of each length) and appends the symbols in code order to
// vals. It answers false when freq counts no symbol.
func optRefOptimalTable(freq *[256]uint32, bits *[17]byte, vals []byte) ([]byte, bool) {
	var f [257]uint64
	var others [257]int16
	var size [257]uint16
	var active [257]uint16 // the symbols still counted, in order
	na := 0
	for i, c := range freq {
		others[i] = -1
		if c != 0 {
			f[i] = uint64(c)
			active[na] = uint16(i)
			na++
		}
	}
	if na == 0 {
		return vals, false
	}
	f[256], others[256], active[na] = 1, -1, 256
	na++
	for {
		// The least frequent c1, then the next c2 (ties: the higher
		// symbol, as libjpeg's scan with <=).
		c1, c2 := -1, -1
		v := ^uint64(0)
		for k, i := range active[:na] {
			if f[i] <= v {
				v, c1 = f[i], k
			}
		}
		v = ^uint64(0)
		for k, i := range active[:na] {
			if k != c1 && f[i] <= v {
				v, c2 = f[i], k
			}
		}
		if c2 < 0 {
			break
		}
		a, b := int(active[c1]), int(active[c2])
		f[a] += f[b]
		copy(active[c2:na], active[c2+1:na])
		na--
		size[a]++
		for others[a] >= 0 {
			a = int(others[a])
			size[a]++
		}
		others[a] = int16(b)
		size[b]++
		for others[b] >= 0 {
			b = int(others[b])
			size[b]++
		}
	}
	var count [258]int
	longest := 0
	for _, s := range size {
		if s > 0 {
			count[s]++
			longest = max(longest, int(s))
		}
	}
	// Limit the lengths to 16 bits: two codes of the longest length go,
	// their prefix taking one's place, the other hung under a shorter
	// code, which grows a bit (Figure K.3).
	for i := longest; i > 16; i-- {
		for count[i] > 0 {
			k := i - 2
			for count[k] == 0 {
				k--
			}
			count[i] -= 2
			count[i-1]++
			count[k+1] += 2
			count[k]--
		}
	}
	i := min(longest, 16)
	for count[i] == 0 {
		i--
	}
	count[i]-- // the reserved code, the longest, goes
	for l := 1; l <= 16; l++ {
		bits[l] = byte(count[l])
	}
	for l := uint16(1); l <= uint16(longest); l++ {
		for s := range 256 {
			if size[s] == l {
				vals = append(vals, byte(s))
			}
		}
	}
	return vals, true
}
