//go:build ignore

// strip removes the characterization data from an ICC v2 profile: the
// 'targ' tag (and 'DevD' and 'CIED', which share its data), the
// measurements the profile was built from, kept as text. No colour
// management system reads them to convert colours, and each PDF that
// embeds the profile would carry them (46.6 kB of IFRA26S.icc's 166.8 kB,
// 19 kB compressed). Every other tag is kept byte for byte, its data
// shared as before and 4-byte aligned, the whole padded to 8 bytes; the
// header's size is updated (a v2 profile has no profile ID to recompute).
//
//	go run icc/strip.go icc/IFRA26S.icc   # from pdf/, then go generate
package main

import (
	"encoding/binary"
	"log"
	"os"
)

func main() {
	name := os.Args[1]
	p, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	be := binary.BigEndian
	n := int(be.Uint32(p[128:]))
	type tag struct {
		sig       string
		off, size uint32
	}
	var keep []tag
	for i := range n {
		e := p[132+12*i:]
		t := tag{string(e[:4]), be.Uint32(e[4:]), be.Uint32(e[8:])}
		switch t.sig {
		case "targ", "DevD", "CIED":
			continue
		}
		keep = append(keep, t)
	}
	out := append([]byte(nil), p[:128]...)
	out = be.AppendUint32(out, uint32(len(keep)))
	table := len(out)
	out = append(out, make([]byte, 12*len(keep))...)
	placed := map[[2]uint32]uint32{} // shared data is written once
	for i, t := range keep {
		at, ok := placed[[2]uint32{t.off, t.size}]
		if !ok {
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
			at = uint32(len(out))
			out = append(out, p[t.off:t.off+t.size]...)
			placed[[2]uint32{t.off, t.size}] = at
		}
		e := out[table+12*i:]
		copy(e, t.sig)
		be.PutUint32(e[4:], at)
		be.PutUint32(e[8:], t.size)
	}
	// The end is padded to 8 bytes, not only 4: gen.go predicts the
	// profile's stream as one row of 4 × 16-bit samples (PNG Sub), which
	// needs whole 8-byte samples.
	for len(out)%8 != 0 {
		out = append(out, 0)
	}
	be.PutUint32(out, uint32(len(out)))
	if err := os.WriteFile(name, out, 0o644); err != nil {
		log.Fatal(err)
	}
}
