package readonly

import "testing"

func TestBytes(t *testing.T) {
	for _, s := range []string{"", "a", "港区新闻"} {
		if got := string(Bytes(s)); got != s {
			t.Errorf("Bytes(%q) = %q", s, got)
		}
	}
}
