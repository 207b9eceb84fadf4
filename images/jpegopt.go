package images

import "encoding/binary"

// OptimizeJPEG returns a baseline JPEG with optimal Huffman tables — what
// `jpegtran -optimize` does, losslessly: the same DCT coefficients, coded
// in fewer bits. A camera's or image/jpeg's file is coded with the
// example tables of ITU-T T.81 Annex K; tables made for the file's own
// symbols (Annex K.2, at most 16 bits a code) take 5 to 8% off a photo.
//
// It walks the file as checkJPEG does, once, recording each scan's symbols
// (DC size categories and AC run/size pairs, each with its extra bits)
// and counting them per table; at the end of each scan it writes new
// tables for it (one DHT segment before its SOS) and codes the recorded
// symbols with them, with the restart markers where they were. Every
// other segment (APPn: JFIF, EXIF, ICC profile, Adobe; DQT, SOF, DRI, COM)
// is kept byte for byte and in order; the old DHT segments go.
//
// It takes what checkJPEG takes — so only files image/jpeg decodes, to
// the same pixels before and after — and, of those, only files that end at
// their end-of-image marker and code no end-of-band run (which baseline
// does not have). Anything else — progressive, arithmetic, 12-bit, CMYK,
// damaged, truncated, followed by other bytes — comes back as it is, as
// does a file the new tables would not make smaller. The result depends on
// data alone. data is never changed; the result may be data itself.
func OptimizeJPEG(data []byte) []byte {
	var o JPEGOptimizer
	return o.Optimize(data)
}

// A JPEGOptimizer is OptimizeJPEG with buffers kept from one call to the
// next (its record of a scan's symbols: 6 bytes or so per byte of the
// file, kept up to maxKeptRecord). The zero value is ready to use; it is
// not safe for concurrent use.
type JPEGOptimizer struct {
	o *jpegOpt
}

// Optimize is OptimizeJPEG(data). The result does not share memory with
// the optimizer, which can be used again at once.
func (jo *JPEGOptimizer) Optimize(data []byte) []byte {
	out, _ := jo.optimize(data)
	return out
}

// optimize is Optimize, and whether the walk took the file whole: then it
// is a file checkJPEG takes too (the walk is checkJPEG's, and record
// takes less than block), which image/jpeg decodes.
func (jo *JPEGOptimizer) optimize(data []byte) (out []byte, walked bool) {
	if jo.o == nil {
		jo.o = &jpegOpt{}
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
		if cap(o.rec) > maxKeptRecord {
			o.rec = nil // a print-size photo's: not kept for the next
		}
	}()
	j := jpegWalk{opt: o}
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

// jpegOpt is what the walk keeps to write the file again (see
// jpegWalk.opt).
type jpegOpt struct {
	// syms are the tables' codes of up to lutBits bits, by the next
	// lutBits bits (see symEntry), 0 for a longer code.
	syms [2][2][1 << lutBits]uint32 // [class][table]
	// freq counts the current scan's symbols by table and symbol: the DC
	// tables 0 and 1, then the AC tables 0 and 1, 256 symbols each.
	freq [4 << 8]uint32
	// enc is the new codes, by table and symbol as freq: code<<5 | length.
	enc [4 << 8]uint32
	// rec is the current scan's symbols, in order: a restart marker
	// (recRestart | its number 0 to 7), or a symbol with its extra bits —
	// bits 0-15 the bits, 16-23 the symbol, 24-25 its table (as freq's),
	// 26-30 how many bits.
	rec []uint32

	out      []byte // the file written so far
	cursor   int    // data is written to out up to here
	skips    []int  // the DHT segments not yet passed: start, end
	sos, scn int    // the last SOS segment: its start, and its data's
}

const recRestart = 1 << 31

// maxKeptRecord is the largest record (in symbols) a JPEGOptimizer keeps
// for its next call: 16 MB, what a 2 MB photo needs.
const maxKeptRecord = 4 << 20

// segment notes a marker segment the walk has read, data[start:end].
func (o *jpegOpt) segment(marker byte, start, end int) {
	switch marker {
	case 0xc4:
		o.skips = append(o.skips, start, end)
	case 0xda:
		o.sos, o.scn = start, end
	}
}

// symbols fills lut with the look-up entries (symEntry) of the codes of
// up to lutBits bits of table t (as freq's) with counts (codes of each
// length 1 to 16) and vals; 0 for longer codes, and for a DC symbol over
// 16, which the walk refuses.
func (o *jpegOpt) symbols(lut *[1 << lutBits]uint32, t uint32, counts, vals []byte) {
	code, k, i := 0, 0, 0
	for l := 1; l <= lutBits; l++ {
		for range counts[l-1] {
			sym := uint32(vals[k])
			var e uint32
			switch {
			case t >= 2:
				e = symEntry(t, uint32(l), sym, sym&15)
			case sym <= 16:
				e = symEntry(t, uint32(l), sym, sym)
			}
			code++
			k++
			for end := code << (lutBits - l); i < end; i++ {
				lut[i] = e
			}
		}
		code <<= 1
	}
	clear(lut[i:])
}

// copyTo writes data from the cursor up to end to out, but for the DHT
// segments.
func (o *jpegOpt) copyTo(data []byte, end int) {
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
func (o *jpegOpt) scan(data []byte, comps []jpegScanComp, end int) bool {
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
		if o.out, ok = optimalTable((*[256]uint32)(o.freq[t<<8:]), &bits, o.out); !ok {
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
func (o *jpegOpt) encode() {
	out, enc := o.out, &o.enc
	var acc uint64 // the low n bits are to be written
	n := uint(0)
	for _, e := range o.rec {
		if e&recRestart != 0 {
			out = flushBits(out, acc, n)
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
				out = appendStuffed(out, w, 4)
			}
		}
	}
	o.out = flushBits(out, acc, n)
}

// flushBits appends the low n bits of acc (n < 32), padded with 1 bits to
// a whole byte, with byte stuffing.
func flushBits(out []byte, acc uint64, n uint) []byte {
	if n == 0 {
		return out
	}
	pad := (8 - n&7) & 7
	acc = acc<<pad | 1<<pad - 1
	n += pad
	return appendStuffed(out, uint32(acc)<<(32-n), int(n/8))
}

// appendStuffed appends the top k bytes of w, each 0xFF followed by 0x00.
func appendStuffed(out []byte, w uint32, k int) []byte {
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
func (j *jpegWalk) record(sc jpegScanComp) bool {
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
		if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
			pos, acc, n = fillBytes(data, pos, acc, n)
		}
	}
	e := o.syms[0][sc.td][acc>>(64-lutBits)]
	if e == 0 {
		l, sym := sc.dc.decode(acc, lutBits+1)
		if l == 0 || sym > 16 {
			return false
		}
		e = symEntry(uint32(sc.td), uint32(l), uint32(sym), uint32(sym))
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
		if pos, acc, n, ok = fill(data, pos, acc, n); !ok && n < 32 {
			pos, acc, n = fillBytes(data, pos, acc, n)
		}
		e := lut[acc>>(64-lutBits)]
		if e == 0 {
			l, sym := sc.ac.decode(acc, lutBits+1)
			if l == 0 {
				return false
			}
			e = symEntry(table, uint32(l), uint32(sym), uint32(sym&15))
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

// symEntry is a look-up table entry for a code of l bits for sym, of
// table (as freq's), followed by size extra bits: as a record's entry
// (see jpegOpt.rec) with, in place of the extra bits, l in bits 5-9 and
// l+size in bits 0-4.
func symEntry(table, l, sym, size uint32) uint32 {
	return size<<26 | table<<24 | sym<<16 | l<<5 | (l + size)
}

// optimalTable makes the optimal Huffman table, of codes of at most 16
// bits, for symbols counted in freq, as ITU-T T.81 Annex K.2 and libjpeg's
// jpeg_gen_optimal_table do (so the file is the size jpegtran -optimize
// makes): a code tree built by joining the two least frequent, with a
// 257th symbol counted once so that no code is all 1 bits, the lengths
// then limited to 16 bits, that symbol's code removed. It sets bits[1:17]
// (the codes of each length) and appends the symbols in code order to
// vals. It answers false when freq counts no symbol.
func optimalTable(freq *[256]uint32, bits *[17]byte, vals []byte) ([]byte, bool) {
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
