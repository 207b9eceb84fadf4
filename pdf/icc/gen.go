//go:build ignore

// gen writes the compressed streams of the embedded ICC profiles
// (IFRA26S.icc.zz, sRGB.icc.zz) that the writer puts into every PDF as they
// are, so that no Write compresses them again. Run it from pdf/ with
// `go generate` after changing a profile; it needs zopfli (Debian package
// zopfli). A test checks that each .zz decodes to its profile.
//
// A profile is mostly tables of 16-bit numbers that change little from
// one entry to the next: curves, and the grid of a CMYK profile's
// look-up tables, 4 outputs an entry. So the stream carries it as one row
// of samples of that many 16-bit components, each byte less the byte one
// sample before (the PNG Sub predictor, which every PDF reader undoes:
// FlateDecode's DecodeParms, see packedProfile in ../icc.go), and zopfli
// finds a shorter deflate stream than zlib's best. IFRA26S: 89,573 bytes
// with zlib alone, 68,601 so. sRGB: 2,458 and 1,098.
package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
)

func main() {
	for _, p := range []struct {
		name   string
		colors int // as packedProfile's colors in ../icc.go
	}{{"icc/IFRA26S.icc", 4}, {"icc/sRGB.icc", 1}} {
		raw, err := os.ReadFile(p.name)
		if err != nil {
			log.Fatal(err)
		}
		sample := 2 * p.colors
		if len(raw)%sample != 0 {
			log.Fatalf("%s: %d bytes, not whole samples of %d bytes: pad it (see strip.go)", p.name, len(raw), sample)
		}
		row := make([]byte, 1+len(raw))
		row[0] = 1 // PNG filter type Sub
		for i, b := range raw {
			if i >= sample {
				b -= raw[i-sample]
			}
			row[1+i] = b
		}
		tmp, err := os.CreateTemp("", "icc-row-*")
		if err != nil {
			log.Fatal(err)
		}
		defer os.Remove(tmp.Name())
		if _, err := tmp.Write(row); err != nil {
			log.Fatal(err)
		}
		if err := tmp.Close(); err != nil {
			log.Fatal(err)
		}
		z, err := exec.Command("zopfli", "--zlib", "--i1000", "-c", tmp.Name()).Output()
		if err != nil {
			log.Fatalf("zopfli (apt-get install zopfli): %v", err)
		}
		if err := os.WriteFile(p.name+".zz", z, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s.zz: %d bytes\n", p.name, len(z))
	}
}
