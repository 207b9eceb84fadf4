package main

import (
	"encoding/binary"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestGoBuildIDAsGoTool: the build ID read from this test binary is the
// one `go tool buildid` prints, and programIdentity carries it.
func TestGoBuildIDAsGoTool(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	got, ok := goBuildID(exe)
	if !ok || got != strings.TrimSpace(string(want)) {
		t.Fatalf("goBuildID = %q, %v; go tool buildid says %q", got, ok, want)
	}
	if versionString() == "devel" && programIdentity() != "broadsheet devel "+got {
		t.Errorf("programIdentity = %q, want the build ID %q", programIdentity(), got)
	}
}

// TestBuildIDForms: the ELF note and the marked string of other formats
// are read; anything else is not taken for an ID.
func TestBuildIDForms(t *testing.T) {
	note := func(name string, typ uint32, desc string) []byte {
		b := binary.LittleEndian.AppendUint32(nil, uint32(len(name)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(desc)))
		b = binary.LittleEndian.AppendUint32(b, typ)
		return append(append(b, name...), desc...)
	}
	if id, ok := elfGoNote(note("Go\x00\x00", 4, "a/b/c/d"), binary.LittleEndian); !ok || id != "a/b/c/d" {
		t.Errorf("Go note: %q %v", id, ok)
	}
	for _, bad := range [][]byte{note("GNU\x00", 4, "a/b"), note("Go\x00\x00", 3, "a/b"), note("Go\x00\x00", 4, ""), note("Go\x00\x00", 4, "abc")[:18], nil} {
		if id, ok := elfGoNote(bad, binary.LittleEndian); ok {
			t.Errorf("%q read as %q", bad, id)
		}
	}
	if id, ok := markedBuildID([]byte("xx\xff Go build ID: \"p/q/r\"\n \xffyy")); !ok || id != "p/q/r" {
		t.Errorf("marked: %q %v", id, ok)
	}
	for _, bad := range []string{"", "Go build ID: \"p\"", "\xff Go build ID: \"", "\xff Go build ID: \"\""} {
		if id, ok := markedBuildID([]byte(bad)); ok {
			t.Errorf("%q read as %q", bad, id)
		}
	}
}
