package main

import (
	"io"
	"testing"
)

func BenchmarkZZRender(b *testing.B) {
	for b.Loop() {
		if rc := run([]string{"render", "../../editions/samples/local-news.yaml", "-o", "/tmp/zz.pdf"}, io.Discard, io.Discard); rc != 0 {
			b.Fatal(rc)
		}
	}
}
