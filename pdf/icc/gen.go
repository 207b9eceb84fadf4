//go:build ignore

// gen writes the zlib-compressed copies of the embedded ICC profiles
// (IFRA26S.icc.zz, sRGB.icc.zz) that the writer puts into every PDF as they
// are, so that no Write compresses them again. Run it from pdf/ with
// `go generate` after changing a profile; a test checks that each .zz
// inflates to its profile.
package main

import (
	"bytes"
	"compress/zlib"
	"log"
	"os"
)

func main() {
	for _, name := range []string{"icc/IFRA26S.icc", "icc/sRGB.icc"} {
		raw, err := os.ReadFile(name)
		if err != nil {
			log.Fatal(err)
		}
		var b bytes.Buffer
		w, err := zlib.NewWriterLevel(&b, zlib.BestCompression)
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write(raw); err != nil {
			log.Fatal(err)
		}
		if err := w.Close(); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(name+".zz", b.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
