package images

import (
	"encoding/binary"
	"slices"
)

// OptimizeJPEG returns a baseline JPEG with optimal Huffman tables — what
// `jpegtran -optimize` does, losslessly: the same DCT coefficients, coded
// in fewer bits. A camera's or image/jpeg's file is coded with the
// example tables of ITU-T T.81 Annex K; tables made for the file's own
// symbols (Annex K.2, at most 16 bits a code) take 5 to 8% off a photo.
//
// It walks the file as checkJPEG does, once, recording each scan's walk
// (the check walk's steps of one to three codes with their extra bits,
// each as the look-up index it was taken at; DC size categories and AC
// run/size pairs taken alone, with their extra bits) and counting its
// symbols per table; at the end of each scan it writes new tables for it
// (one DHT segment before its SOS) and codes the recorded walk with them,
// one look-up a step, with the restart markers where they were. Every
// other segment (APPn: JFIF, EXIF, ICC profile, Adobe; DQT, SOF, DRI, COM)
// is kept byte for byte and in order; the old DHT segments go.
//
// It takes what checkJPEG takes — so only files image/jpeg decodes, to
// the same pixels before and after — and, of those, only files that end at
// their end-of-image marker and code no end-of-band run (which baseline
// does not have). Anything else — progressive, arithmetic, 12-bit, CMYK,
// damaged, truncated, followed by other bytes — comes back as it is, as
// does a file the new tables would not make smaller, and one of more than
// maxOptimized bytes. The result depends on data alone. data is never
// changed; the result may be data itself.
func OptimizeJPEG(data []byte) []byte {
	var o JPEGOptimizer
	return o.Optimize(data)
}

// maxOptimized is the largest file OptimizeJPEG codes again. Its record of
// the walk takes 4 to 5 bytes a byte of the file, so a 64 MB JPEG (the
// largest a photo may be) would hold some 300 MB at once, on each core; a
// full-page newspaper photo at 300 ppi (3,900 × 6,000 pixels) is under
// 16 MB at high quality.
const maxOptimized = 16 << 20

// A JPEGOptimizer is OptimizeJPEG with buffers kept from one call to the
// next (its record of a scan's walk: 4 or 5 bytes per byte of the file,
// kept up to maxKeptRecord). The zero value is ready to use; it is not
// safe for concurrent use.
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
	if len(data) > maxOptimized {
		return data, false
	}
	if jo.o == nil {
		jo.o = &jpegOpt{}
	}
	o := jo.o
	o.rec, o.skips, o.cursor = o.rec[:0], o.skips[:0], 0
	o.freq, o.taken = [2048]uint32{}, [2][1 << lutBits]uint32{}
	if cap(o.rec) == 0 {
		o.rec = make([]uint32, 0, len(data)+len(data)/4) // 1.1 a byte in the samples
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
	// triples are, for each AC table and each step of its look-up table
	// (jpegHuff.lut), the symbols the step counts: its first's index in
	// freq, in bits 16-31 its second's, in bits 32-47 its third's, or
	// noSymbol.
	triples [2][1 << lutBits]uint64
	// taken counts the current scan's steps by AC table and look-up
	// index, for the walk to count one number a step, not three: freq
	// gets their symbols' counts at the scan's end (see triples).
	taken [2][1 << lutBits]uint32
	// freq counts the current scan's symbols by table and symbol: the DC
	// tables 0 and 1, then the AC tables 0 and 1, 256 symbols each; then
	// noSymbol, counted for nothing.
	freq [2048]uint32
	// enc is the new codes, by table and symbol as freq: code<<5 | length.
	enc [4 << 8]uint32
	// steps are, by table (as freq's) and the lutBits bits a step of
	// the walk was taken at (table<<lutBits | those bits, the low bits of
	// its recStep entry), what the step writes: bits<<6 | how many, at
	// most 57 (see jpegOpt.outSteps).
	steps [4 << lutBits]uint64
	// rec is the current scan's walk, in order: a restart marker
	// (recRestart | its number 0 to 7); a step of the walk's look-up
	// tables (recStep | table<<lutBits | the lutBits bits it was taken
	// at, which hold its codes and their extra bits); or a symbol taken
	// alone with its extra bits — bits 0-15 the bits, 16-23 the symbol,
	// 24-25 its table (as freq's), 26-30 how many bits.
	rec []uint32

	out      []byte // the file written so far
	cursor   int    // data is written to out up to here
	skips    []int  // the DHT segments not yet passed: start, end
	sos, scn int    // the last SOS segment: its start, and its data's
}

const (
	recRestart = 1 << 31
	recStep    = 3 << 30
)

// maxKeptRecord is the largest record (in entries) a JPEGOptimizer keeps
// for its next call: 16 MB, what a 3.5 MB photo needs.
const maxKeptRecord = 4 << 20

// noSymbol is the place in jpegOpt.freq that counts no symbol.
const noSymbol = 4 << 8

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
// 16, which the walk refuses. For an AC table it fills triples too, from
// h's look-up table.
func (o *jpegOpt) symbols(h *jpegHuff, t uint32, counts, vals []byte) {
	lut := &o.syms[t>>1][t&1]
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
	if t < 2 {
		return
	}
	const mask = 1<<lutBits - 1
	triples := &o.triples[t&1]
	for i, e := range h.lut[:1<<lutBits] {
		s := lut[i]
		if e>>6&127 == advSlow || s == 0 {
			triples[i] = noSymbol | noSymbol<<16 | noSymbol<<32 // a slow step counts its own
			continue
		}
		// The step's codes follow one another in i: each one's entry is
		// at i shifted by the bits taken before it.
		syms := uint64(s >> 16 & 1023)
		took := s & 31
		for k := 1; k < 3; k++ {
			sym := uint64(noSymbol)
			if uint32(e&63) > took {
				next := lut[i<<took&mask]
				sym = uint64(next >> 16 & 1023)
				took += next & 31
			}
			syms |= sym << (16 * k)
		}
		triples[i] = syms
	}
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

// tables writes what comes before the scan just walked, new tables for
// the tables its components use, and its SOS segment; it makes the
// steps' codes again (outSteps). It answers false for a scan it
// cannot write (a table with no symbols).
func (o *jpegOpt) tables(data []byte, comps []jpegScanComp) bool {
	var used [4]bool
	for _, c := range comps {
		used[c.td], used[2+c.ta] = true, true
	}
	for ta := range o.taken {
		for i, c := range o.taken[ta] {
			if c != 0 {
				p := o.triples[ta][i]
				o.freq[p&2047] += c
				o.freq[p>>16&2047] += c
				o.freq[p>>32&2047] += c
			}
		}
		o.taken[ta] = [1 << lutBits]uint32{}
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
	var hs [4]*jpegHuff
	for _, c := range comps {
		hs[c.td], hs[2+c.ta] = c.dc, c.ac
	}
	for t, h := range hs {
		if h != nil {
			o.outSteps(t, h)
		}
	}
	binary.BigEndian.PutUint16(o.out[at+2:], uint16(len(o.out)-at-2))
	o.out = append(o.out, data[o.sos:o.scn]...)
	o.freq = [2048]uint32{}
	return true
}

// flushBits appends the low n bits of acc (n < 32), padded with 1 bits to
// a whole byte, with byte stuffing.
func flushBits(out []byte, acc uint64, n uint) []byte {
	if n == 0 {
		return out
	}
	pad := (8 - n&7) & 7
	acc = acc<<pad | (1<<pad - 1)
	n += pad
	return appendStuffed64(out, acc<<(64-n), int(n/8))
}

// symEntry is a look-up table entry for a code of l bits for sym, of
// table (as freq's), followed by size extra bits: bits 0-4 l+size, 5-9 l,
// 16-23 sym, 24-25 table, 26-30 size.
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

// optScan writes the scan just walked, whose data ends at j.pos: what
// comes before its SOS segment, new tables for the tables its components
// use, the SOS segment, and the recorded walk coded with the new tables.
// It answers false for a scan it cannot write (a table with no symbols).
func (j *jpegWalk) optScan(scan []jpegScanComp) bool {
	o := j.opt
	if !o.tables(j.data, scan) {
		return false
	}
	o.encode()
	o.cursor = j.pos
	o.rec = o.rec[:0]
	return true
}

// outSteps fills steps[t] for the look-up table of table t (as freq's),
// h's, with the new codes (enc): for each lutBits bits the walk takes a
// step at (record), the step's codes made new, each followed by its extra
// bits, which lie within those bits. A step the walk does not take there
// is left as it was: the record never names it.
func (o *jpegOpt) outSteps(t int, h *jpegHuff) {
	const mask = 1<<lutBits - 1
	syms, steps := &o.syms[t>>1][t&1], (*[1 << lutBits]uint64)(o.steps[t<<lutBits:])
	// one is the code of the symbol at the top of i made new, with its
	// extra bits, and the bits it took.
	one := func(i uint32) (bits uint64, n, took uint32) {
		s := syms[i]
		took, size := s&31, s>>26&31
		c := o.enc[s>>16&1023]
		if s == 0 || took > lutBits || c == 0 {
			return 0, 0, lutBits + 1
		}
		return uint64(c>>5)<<size | uint64(i>>(lutBits-took)&(1<<size-1)), c&31 + size, took
	}
	for i := range uint32(1 << lutBits) {
		bits, n, took := one(i)
		if t >= 2 && took <= lutBits {
			// The step's second and third codes, where it has them.
			if e := h.lut[i]; e>>6&127 != advSlow {
				for uint32(e&63) > took {
					b, nb, tk := one(i << took & mask)
					bits, n, took = bits<<nb|b, n+nb, took+tk
				}
			}
		}
		steps[i] = bits<<6 | uint64(n)
	}
}

// encode appends the recorded walk to out, coded with enc (steps), with
// byte stuffing, each restart interval and the scan padded with 1 bits.
//
// A step is one look-up, by the entry's low bits; a symbol taken alone
// (about one entry in 25 in the sample photos) is a branch of its own,
// which costs less than reading every entry both ways and keeping one.
// acc takes entries until the next would not fit in its 64 bits (an
// entry is at most 57: three new codes of 16 bits and the 9 bits of
// values the look-up index left), then its whole bytes go out as one
// 8-byte word (putBytes): a flush every seven entries or so, rather than
// every four as 32 bits at a time.
func (o *jpegOpt) encode() {
	enc, steps := &o.enc, &o.steps
	buf, p := o.out[:cap(o.out)], len(o.out)
	var acc uint64 // the low n bits are to be written
	n := uint(0)
	for _, r := range o.rec {
		var bits uint64
		var l uint
		switch {
		case r >= recStep:
			e := steps[r&(4<<lutBits-1)]
			bits, l = e>>6, uint(e&63)
		case r < recRestart:
			c := enc[r>>16&1023]
			nb := uint(r >> 26 & 31)
			bits, l = uint64(c>>5)<<nb|uint64(r&0xffff), uint(c&31)+nb
		default:
			buf, p, n = putBytes(buf, p, acc, n)
			out := flushBits(buf[:p], acc, n)
			out = append(out, 0xff, 0xd0+byte(r&7))
			buf, p = out[:cap(out)], len(out)
			acc, n = 0, 0
			continue
		}
		if n+l > 64 {
			buf, p, n = putBytes(buf, p, acc, n)
		}
		acc = acc<<l | bits
		n += l
	}
	buf, p, n = putBytes(buf, p, acc, n)
	o.out = flushBits(buf[:p], acc, n)
}

// putBytes writes the whole bytes of the low n bits of acc (n <= 64) at
// buf[p:], with byte stuffing, and answers buf, grown if it must be, where
// they end, and how many bits are left (fewer than 8). Without a 0xFF
// byte among them, they go as one 8-byte word (the bytes past them are
// written over later).
func putBytes(buf []byte, p int, acc uint64, n uint) ([]byte, int, uint) {
	if len(buf)-p < 16 { // room for 8 bytes, each stuffed
		buf = slices.Grow(buf[:p], 16+p/4)
		buf = buf[:cap(buf)]
	}
	w := acc << ((64 - n) & 63)                            // the n bits at the top, zeros below
	if (^w-0x0101010101010101)&w&0x8080808080808080 != 0 { // a 0xFF byte
		p += len(appendStuffed64(buf[p:p], w, int(n>>3)))
	} else {
		binary.BigEndian.PutUint64(buf[p:], w)
		p += int(n >> 3)
	}
	return buf, p, n & 7
}

// appendStuffed64 appends the top k bytes of w, each 0xFF followed by
// 0x00.
func appendStuffed64(out []byte, w uint64, k int) []byte {
	for range k {
		b := byte(w >> 56)
		out = append(out, b)
		if b == 0xff {
			out = append(out, 0)
		}
		w <<= 8
	}
	return out
}

// recTables are the tables a block of a scan's component is recorded with
// (see recordBlock), and where its steps are counted.
type recTables struct {
	dc, ac         *jpegHuff
	dcSyms, acSyms *[1 << lutBits]uint32 // jpegOpt.syms
	taken          *[1 << lutBits]uint32 // jpegOpt.taken
	td, table      uint32                // the DC table's number, and the AC table's as freq's
}

// recTables answers the tables a block of sc is recorded with.
func (o *jpegOpt) recTables(sc jpegScanComp) recTables {
	return recTables{
		dc: sc.dc, ac: sc.ac,
		dcSyms: &o.syms[0][sc.td], acSyms: &o.syms[1][sc.ta],
		taken: &o.taken[sc.ta],
		td:    uint32(sc.td), table: uint32(2 + sc.ta),
	}
}

// record is recordBlock for one block of sc at the walk's reader, in
// opt.rec, for a scan recordMCUs does not take.
func (j *jpegWalk) record(sc jpegScanComp) bool {
	o := j.opt
	k := len(o.rec)
	if cap(o.rec)-k < 64 {
		o.rec = append(o.rec[:cap(o.rec)], make([]uint32, cap(o.rec)/2+64)...)[:k]
	}
	t := o.recTables(sc)
	pos, acc, n, m, ok := recordBlock(&t, &o.freq, j.data, j.pos, j.acc, j.n, (*[64]uint32)(o.rec[k:k+64]))
	if !ok {
		return false
	}
	o.rec = o.rec[:k+m]
	j.pos, j.acc, j.n = pos, acc, n
	return true
}

// recordMCUs is entropy for an optimising walk of a scan whose MCUs are
// all the same blocks in the same order (see walkMCUs): the bit reader
// and the record's end stay in local variables from block to block.
func (j *jpegWalk) recordMCUs(scan []jpegScanComp, mcus int) bool {
	o := j.opt
	var blocks [6]recTables // 2×2 + 1 + 1 at most (see sof)
	nb := 0
	for _, sc := range scan {
		c := j.comps[sc.comp]
		for range c.h * c.v {
			blocks[nb] = o.recTables(sc)
			nb++
		}
	}
	data, pos, acc, n := j.data, j.pos, uint64(0), uint(0)
	freq := &o.freq
	rec, m := o.rec[:cap(o.rec)], len(o.rec)
	untilRestart, rst := j.ri, 0
	for mcu := 1; mcu <= mcus; mcu++ {
		// An MCU has 6 blocks of 64 entries at most, and a restart.
		if len(rec)-m < len(blocks)*64+1 {
			rec = append(rec[:m], make([]uint32, len(rec)/2+len(blocks)*64+1)...)
			rec = rec[:cap(rec)]
		}
		for b := range blocks[:nb] {
			var k int
			var ok bool
			if pos, acc, n, k, ok = recordBlock(&blocks[b], freq, data, pos, acc, n, (*[64]uint32)(rec[m:m+64])); !ok {
				return false
			}
			m += k
		}
		if untilRestart--; untilRestart == 0 && mcu < mcus {
			// Restart marker rst (0 to 7) right after the padding.
			if n >= 8 || pos+2 > len(data) || data[pos] != 0xff || data[pos+1] != 0xd0+byte(rst) {
				return false
			}
			pos += 2
			acc, n = 0, 0
			rec[m] = recRestart | uint32(rst)
			m++
			untilRestart, rst = j.ri, (rst+1)%8
		}
	}
	o.rec = rec[:m]
	j.pos, j.acc, j.n = pos, acc, n
	return true
}

// recordBlock walks one block's codes as walkBlock does, recording each
// step in rec (see jpegOpt.rec), and counting its symbols in freq and its
// steps in t.taken; it answers the reader's state and how many entries it
// recorded. It refuses an end-of-band run (r, 0) with 0 < r < 15, which
// baseline does not have and which image/jpeg and libjpeg read
// differently, and a coefficient past the block's end.
func recordBlock(t *recTables, freq *[2048]uint32, data []byte, pos int, acc uint64, n uint, rec *[64]uint32) (int, uint64, uint, int, bool) {
	var ok bool
	if n < 32 {
		if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
			pos, acc, n = fillBytes(data, pos, acc, n)
		}
	}
	i := uint32(acc >> (64 - lutBits))
	e := t.dcSyms[i]
	if e == 0 {
		l, sym := t.dc.decode(acc, lutBits+1)
		if l == 0 || sym > 16 {
			return pos, acc, n, 0, false
		}
		e = symEntry(t.td, uint32(l), uint32(sym), uint32(sym))
	}
	took := uint(e & 31)
	if took > n {
		return pos, acc, n, 0, false
	}
	freq[e>>16&1023]++
	// A step when its code and bits lie within the look-up's bits.
	r := e&^0xffff | uint32(acc<<(e>>5&31)>>1>>(63-(e>>26&31)))
	if took <= lutBits {
		r = recStep | t.td<<lutBits | i
	}
	rec[0] = r
	acc <<= took
	n -= took
	ac, taken, syms, table := t.ac, t.taken, t.acSyms, t.table
	step := recStep | table<<lutBits
	m := 1
	// One to three codes a step, up to three steps a fill, as walkBlock.
codes:
	for zig := 1; zig < 64; {
		if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
			pos, acc, n = fillBytes(data, pos, acc, n)
		}
		i := uint32(acc >> (64 - lutBits))
		e := ac.lut[i]
		next, total := zig+int(e>>6&127), uint(e&63)
		for k := 1; next <= 64 && total <= n; k++ {
			taken[i&(1<<lutBits-1)]++ // i is that already: no bounds check
			// A step whose bits lie within the look-up's is recorded as
			// where it was taken; a code with its extra bits past them
			// (alone in its step), as a symbol with its bits.
			r := step | i
			if total > lutBits {
				s := syms[i]
				r = s&^0xffff | uint32(acc<<(s>>5&31)>>1>>(63-(s>>26&31)))
			}
			rec[m&63] = r
			m++
			acc <<= total & 63
			n -= total
			if zig = next + int(e>>7&64); zig >= 64 || k == 3 {
				continue codes
			}
			i = uint32(acc >> (64 - lutBits))
			e = ac.lut[i]
			next, total = zig+int(e>>6&127), uint(e&63)
		}
		// One code at a time: a code longer than lutBits, a run of zeros
		// or of blocks, a step past the block's end, or the data ending.
		if n < 32 {
			if pos, acc, n, ok = fill(data, pos, acc, n); !ok {
				pos, acc, n = fillBytes(data, pos, acc, n)
			}
		}
		s := syms[acc>>(64-lutBits)]
		if s == 0 {
			l, sym := ac.decode(acc, lutBits+1)
			if l == 0 {
				return pos, acc, n, 0, false
			}
			s = symEntry(table, uint32(l), uint32(sym), uint32(sym&15))
		}
		took, sym, size := uint(s&31), byte(s>>16), s>>26
		if took > n {
			return pos, acc, n, 0, false
		}
		freq[s>>16&1023]++
		rec[m&63] = s&^0xffff | uint32(acc<<(s>>5&31)>>1>>(63-size))
		m++
		acc <<= took & 63
		n -= took
		switch {
		case size != 0:
			if zig += int(sym>>4) + 1; zig > 64 {
				return pos, acc, n, 0, false
			}
		case sym == 0xf0: // sixteen zeros
			zig += 16
		case sym != 0: // an end-of-band run
			return pos, acc, n, 0, false
		default: // end of block
			zig = 64
		}
	}
	return pos, acc, n, m, true
}
