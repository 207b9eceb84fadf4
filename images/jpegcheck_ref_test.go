package images

import "encoding/binary"

// refCheckJPEG is checkJPEG as it was before the fast bit reader and the
// wide look-up tables (commit 39a47bf), renamed with its types: the
// reference that TestCheckJPEGSameAnswers holds the new walk to, and the
// "old" side of BenchmarkCheckJPEG. Do not speed it up or fix it: its
// answers are the specification.
func refCheckJPEG(data []byte) bool {
	var j refJPEGWalk
	return j.walk(data)
}

type refJPEGHuff struct {
	present bool
	maxCode [17]int32 // the largest code of each length, -1 for none
	valPtr  [17]int32 // the index in vals of the first code of each length
	minCode [17]int32
	vals    []byte
	lut     [256]uint16 // codes of 8 bits or fewer by their next 8 bits: length<<8 | symbol, 0 for none
}

type refJPEGComp struct {
	id, h, v int
}

type refJPEGWalk struct {
	data          []byte
	width, height int
	comps         []refJPEGComp
	huff          [2][2]refJPEGHuff // [class: DC, AC][table]
	ri            int               // the restart interval, in MCUs
	frame         bool
	scans         int

	// The entropy-coded data's bit reader.
	pos int
	acc uint64
	n   uint

	// eobRun counts the blocks left whose AC codes an end-of-band run has
	// skipped: image/jpeg reads the run codes (r, 0) for r < 15 as runs
	// in baseline data too, across scans until a restart.
	eobRun int
}

func (j *refJPEGWalk) walk(data []byte) bool {
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
		seg := data[j.pos+4 : j.pos+2+size]
		j.pos += 2 + size
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
func (j *refJPEGWalk) dqt(seg []byte) bool {
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
func (j *refJPEGWalk) dht(seg []byte) bool {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return false
		}
		tc, th := seg[0]>>4, seg[0]&15
		if tc > 1 || th > 1 {
			return false
		}
		t := &j.huff[tc][th]
		*t = refJPEGHuff{present: true}
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
		// The look-up table: each code of l <= 8 bits fills the 2^(8-l)
		// entries it begins.
		code, k = 0, 0
		for l := 1; l <= 8; l++ {
			for c := 0; c < int(seg[l]); c++ {
				base := int(code) << (8 - l)
				for x := 0; x < 1<<(8-l); x++ {
					t.lut[base+x] = uint16(l)<<8 | uint16(t.vals[k])
				}
				code++
				k++
			}
			code <<= 1
		}
		seg = seg[17+total:]
	}
	return true
}

// sof reads a baseline frame header.
func (j *refJPEGWalk) sof(seg []byte) bool {
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
		comp := refJPEGComp{id: int(c[0]), h: int(c[1] >> 4), v: int(c[1] & 15)}
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

// sos reads a scan header, then walks the scan's entropy-coded data.
func (j *refJPEGWalk) sos(seg []byte) bool {
	if len(seg) < 1 {
		return false
	}
	ns := int(seg[0])
	if ns < 1 || ns > len(j.comps) || len(seg) != 4+2*ns {
		return false
	}
	type scanComp struct {
		comp   int
		dc, ac *refJPEGHuff
	}
	scan := make([]scanComp, ns)
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
		scan[i] = scanComp{idx, &j.huff[0][td], &j.huff[1][ta]}
	}
	if ss, se, a := seg[1+2*ns], seg[2+2*ns], seg[3+2*ns]; ss != 0 || se != 63 || a != 0 {
		return false
	}
	h0, v0 := j.comps[0].h, j.comps[0].v
	mxx := (j.width + 8*h0 - 1) / (8 * h0)
	myy := (j.height + 8*v0 - 1) / (8 * v0)
	j.acc, j.n = 0, 0
	mcu, blockCount := 0, 0
	for my := 0; my < myy; my++ {
		for mx := 0; mx < mxx; mx++ {
			for _, sc := range scan {
				hi, vi := j.comps[sc.comp].h, j.comps[sc.comp].v
				for k := 0; k < hi*vi; k++ {
					if ns == 1 {
						q := mxx * hi
						bx, by := blockCount%q, blockCount/q
						blockCount++
						if bx*8 >= j.width || by*8 >= j.height {
							continue
						}
					}
					if !j.block(sc.dc, sc.ac) {
						return false
					}
				}
			}
			mcu++
			if j.ri > 0 && mcu%j.ri == 0 && mcu < mxx*myy && !j.restart((mcu/j.ri-1)%8) {
				return false
			}
		}
	}
	// The scan ends on a byte boundary, at a marker.
	j.scans++
	return j.n < 8 && j.pos+1 < len(j.data) && j.data[j.pos] == 0xff && j.data[j.pos+1] != 0
}

// restart expects restart marker k (0 to 7) right after the padding.
func (j *refJPEGWalk) restart(k int) bool {
	if j.n >= 8 || j.pos+2 > len(j.data) || j.data[j.pos] != 0xff || int(j.data[j.pos+1]) != 0xd0+k {
		return false
	}
	j.pos += 2
	j.acc, j.n, j.eobRun = 0, 0, 0
	return true
}

// block walks one 8×8 block's codes, as image/jpeg reads a baseline block.
func (j *refJPEGWalk) block(dc, ac *refJPEGHuff) bool {
	t, ok := j.decode(dc)
	if !ok || t > 16 || !j.skip(uint(t)) {
		return false
	}
	if j.eobRun > 0 {
		j.eobRun--
		return true
	}
	for zig := 1; zig <= 63; zig++ {
		v, ok := j.decode(ac)
		if !ok {
			return false
		}
		run, size := int(v>>4), uint(v&15)
		if size != 0 {
			zig += run
			if zig > 63 {
				break
			}
			if !j.skip(size) {
				return false
			}
			continue
		}
		if run != 15 { // end of block, and of 2^run + (run bits) - 1 more
			j.eobRun = 1 << run
			if run > 0 {
				extra, ok := j.bits(uint(run))
				if !ok {
					return false
				}
				j.eobRun |= int(extra)
			}
			j.eobRun--
			break
		}
		zig += 15
	}
	return true
}

// fill reads entropy-coded bytes until the reader holds at least need
// bits; false at a marker or the end of the data.
func (j *refJPEGWalk) fill(need uint) bool {
	for j.n < need {
		if j.pos >= len(j.data) {
			return false
		}
		b := j.data[j.pos]
		if b == 0xff {
			if j.pos+1 >= len(j.data) || j.data[j.pos+1] != 0 {
				return false // a marker: the scan's data ends here
			}
			j.pos++
		}
		j.pos++
		j.acc = j.acc<<8 | uint64(b)
		j.n += 8
	}
	return true
}

// skip consumes n bits (a coefficient's value).
func (j *refJPEGWalk) skip(n uint) bool {
	_, ok := j.bits(n)
	return ok
}

// bits reads n bits (n <= 16) as a number.
func (j *refJPEGWalk) bits(n uint) (uint64, bool) {
	if n == 0 {
		return 0, true
	}
	if !j.fill(n) {
		return 0, false
	}
	j.n -= n
	v := j.acc >> j.n
	j.acc &= 1<<j.n - 1
	return v, true
}

// decode reads one Huffman-coded symbol: by the look-up table when eight
// bits are at hand and the code is that short, else a bit at a time.
func (j *refJPEGWalk) decode(h *refJPEGHuff) (byte, bool) {
	if j.n >= 8 || j.fill(8) {
		if e := h.lut[j.acc>>(j.n-8)&0xff]; e != 0 {
			j.n -= uint(e >> 8)
			j.acc &= 1<<j.n - 1
			return byte(e), true
		}
	}
	code := int32(0)
	for l := 1; l <= 16; l++ {
		if !j.fill(1) {
			return 0, false
		}
		j.n--
		code = code<<1 | int32(j.acc>>j.n&1)
		j.acc &= 1<<j.n - 1
		if h.maxCode[l] >= 0 && code <= h.maxCode[l] {
			return h.vals[h.valPtr[l]+code-h.minCode[l]], true
		}
	}
	return 0, false
}
