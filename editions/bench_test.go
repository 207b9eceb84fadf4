package editions

import "testing"

// BenchmarkLoad loads the four-page sample: YAML, validation, and every
// photo and ad checked whole (a plain load waits for the check; render
// lets it run beside composing).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("samples/four-pages.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
