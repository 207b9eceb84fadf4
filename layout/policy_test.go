package layout

import (
	"testing"

	"github.com/broadsheet-news/broadsheet/fonts"
)

// TestPolicyVaries: the policy in Options is the one the composer uses. A
// policy that asks for more resolution than any sample photo has reports
// every photo; the default reports none of them.
func TestPolicyVaries(t *testing.T) {
	lib := fonts.NewLibrary()
	ed := loadSample(t, sampleEditions()[1])
	count := func(opt Options) int {
		doc, err := Compose(ed, lib, opt)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range doc.Diagnostics {
			if d.Code == "low-ppi" {
				n++
			}
		}
		return n
	}
	if n := count(Options{}); n != 0 {
		t.Fatalf("default policy: %d low-ppi warnings on the sample", n)
	}
	pol := DefaultPolicy()
	pol.MinPPI = 100000
	if n := count(Options{Policy: &pol}); n == 0 {
		t.Error("a policy asking for 100000 ppi reports no photo")
	}
}
