package editions

import "testing"

// BenchmarkLoad loads the four-page sample: YAML, validation and the
// headers of its photos and ads (the first stage of every render).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("samples/four-pages.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
