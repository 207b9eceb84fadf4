package main

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"io"
	"os"
)

// goBuildID returns the Go build ID the linker wrote into the executable
// at path ("actionID/.../contentID", the last part a hash of the file's
// own bytes), or false when it has none (built with -ldflags=-buildid=)
// or cannot be read. It is what `go tool buildid` prints, found without
// reading the whole file: in an ELF file the .note.go.buildid note, in
// others (Mach-O, PE) the marked string at the start of the text.
func goBuildID(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	if ef, err := elf.NewFile(f); err == nil {
		s := ef.Section(".note.go.buildid")
		if s == nil {
			return "", false
		}
		note, err := s.Data()
		if err != nil {
			return "", false
		}
		return elfGoNote(note, ef.ByteOrder)
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return markedBuildID(head[:n])
}

// elfGoNote reads an ELF note of name "Go" and type 4, the Go build ID.
func elfGoNote(note []byte, order binary.ByteOrder) (string, bool) {
	if len(note) < 16 {
		return "", false
	}
	nameSize, descSize, typ := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if nameSize != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(descSize) > uint64(len(note)-16) || descSize == 0 {
		return "", false
	}
	return string(note[16 : 16+descSize]), true
}

// markedBuildID finds `\xff Go build ID: "ID"\n \xff` in b.
func markedBuildID(b []byte) (string, bool) {
	const prefix = "\xff Go build ID: \""
	i := bytes.Index(b, []byte(prefix))
	if i < 0 {
		return "", false
	}
	rest := b[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return "", false
	}
	return string(rest[:j]), true
}
