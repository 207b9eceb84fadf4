package editions

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to the edition loader: it must never
// panic, and every problem it reports must carry a position in the file.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"samples/local-news.yaml", "samples/four-pages.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		minimal,
		"paper: x\n---\npaper: y\n",
		"issue: 05321\n",
		"a: &a {file: x.jpg}\nb: {<<: *a}\n",
		"paper: !include x\n",
		"paper: \x00\n",
		"paper: [\n",
		"pages: [{number: 1, articles: [{id: x, photo: {file: a.png}}]}]",
		"a: &a [*a]\n",
		"page: {margins: {top: -5mm, bottom: 999999999cm}}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ed, err := Parse("fuzz.yaml", data)
		if err != nil {
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("Parse returned %T, not Problems: %v", err, err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, p := range ps {
				if p.Pos.File != "fuzz.yaml" || p.Msg == "" {
					t.Fatalf("a problem without a position or message: %#v", p)
				}
				if p.Pos.Line < 1 || p.Pos.Line > lines || p.Pos.Column < 0 {
					t.Fatalf("a problem at line %d, column %d of a file of %d lines: %v", p.Pos.Line, p.Pos.Column, lines, p)
				}
			}
			return
		}
		if ed == nil || len(ed.Pages) == 0 {
			t.Fatal("Parse accepted an edition without pages")
		}
	})
}

// FuzzInspectPDF: inspecting an ad never panics or hangs; what it accepts
// has a page size and is accepted again with the same answer. (That the
// writer places what it accepts is pdf's FuzzAdImport.)
func FuzzInspectPDF(f *testing.F) {
	for _, name := range []string{"samples/ads/bank.pdf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range adSeeds() {
		f.Add(s)
	}
	f.Add(inlineAd("/W 2 /H 1 /CS [/I /CMYK 1 <00000000 FFFFFFFF>] /BPC 8 /F /AHx", []byte("0001>"), ""))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := InspectPDF(data)
		if err != nil {
			return
		}
		// Four process plates and the spot colorants of a DeviceN space
		// (maxColorants), each 100% at most.
		if info.Width <= 0 || info.Height <= 0 || info.MaxInk < 0 || info.MaxInk > 100*(4+maxColorants) {
			t.Fatalf("accepted an ad with %v × %v, ink %d", info.Width, info.Height, info.MaxInk)
		}
		if again, err := InspectPDF(data); err != nil || again != info {
			t.Fatalf("inspected again: %+v, %v; first %+v", again, err, info)
		}
	})
}

// FuzzContentScan: the content lexer never panics or loops; an operator
// is a word of regular characters with at most maxOperands operands; and
// an array or dictionary operand's
// bytes are one operand on their own, read again to the same bytes (a
// hex string's '>' once ended a dictionary early). An inline image comes
// with its dictionary's and its data's bytes, from the stream.
func FuzzContentScan(f *testing.F) {
	for _, s := range []string{"1 0 0 0.5 k 0 0 10 10 re f", "BI /W 1 /H 1 ID \x00\xff EI Q", "(a(b)\\)c) Tj [<00ff> 3] TJ", "<< /A [1 2] >> BDC",
		"/Span <</MCID 0 /Alt <FEFF>>> BDC EMC", "[(a) % ] comment\n 5] TJ", "/Device#52GB cs /Im#31 Do", "BI /CS [/I /RGB 1 <00>] ID \x00 EI"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = scanContent(data, func(op string, args []token) error {
			if op == inlineImage {
				if len(args) != 2 || !bytes.Contains(data, args[0].raw) || !bytes.Contains(data, args[1].raw) {
					t.Fatalf("an inline image with %d operands not from the stream", len(args))
				}
				return nil
			}
			if op == "" || len(args) > maxOperands || strings.IndexFunc(op, func(r rune) bool { return r < 0x80 && (isSpace(byte(r)) || isDelim(byte(r))) }) >= 0 {
				t.Fatalf("operator %q with %d operands", op, len(args))
			}
			for _, a := range args {
				if a.raw == nil {
					continue
				}
				n, one := 0, token{}
				err := scanContent(append(bytes.Clone(a.raw), " x"...), func(_ string, args []token) error {
					n++
					if len(args) == 1 {
						one = args[0]
					}
					return nil
				})
				if err != nil || n != 1 || !bytes.Equal(one.raw, a.raw) {
					t.Fatalf("the operand %q, read alone: %v, %d operators, %q", a.raw, err, n, one.raw)
				}
			}
			return nil
		})
	})
}

// adSeeds are the hand-made ads in testdata/hostile: one fine, the others
// each breaking one rule.
func adSeeds() [][]byte {
	var out [][]byte
	files, _ := filepath.Glob("testdata/hostile/*.pdf")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// FuzzYAMLText: the one-pass check of a file's characters accepts exactly
// the files that utf8.Valid and checkCharacters both accept.
func FuzzYAMLText(f *testing.F) {
	for _, name := range []string{"samples/local-news.yaml", "samples/hard-cases.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"", "a", "\t\r\n", "\x00", "\x7f", "\u0085", "\u0080", "\u009f", "\u00a0", "\ufeffa: 1", "a\ufeff",
		"\ufffe", "\uffff", "\ufffd", "\ud7ff", "\ue000", "\U00010000", "\U0010ffff", "中文",
		"\xc2", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\xe4\xb8", "\xf0\x9f\x98", "\xef\xbb\xbf\xef\xbb\xbf", "a\r\nb", "a\u2028b", "a\u2029b", "a\u2027b\u202ac",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := utf8.Valid(data) && checkCharacters(data, &problems{file: "fuzz.yaml"})
		got, lfOnly := yamlText(data)
		if got != want {
			t.Fatalf("yamlText(%q) = %v, utf8.Valid and checkCharacters say %v", data, got, want)
		}
		if want := !bytes.ContainsAny(data, "\r\u0085\u2028\u2029"); got && lfOnly != want {
			t.Fatalf("yamlText(%q): lfOnly %v, want %v", data, lfOnly, want)
		}
	})
}

// FuzzBadControl: badControl finds the first control character as
// ranging over the runes with unicode.IsControl would.
func FuzzBadControl(f *testing.F) {
	for _, s := range []string{"", "a\tb\r\n", "\x01", "x\x7fy", "\u0085", "\u009f\u0080", "\xc2", "\xc2\x85", "\x85\xc2\x9f", "中\u00a0文\x1b", "\xff\x01",
		"港区新闻港区新闻\x01", "1234567\xc2\x9f", "1234567\xc2", "abcdefgh\nabcdefgh\x7f", "ABCDEFGHIJKLMNOPQRSTUVWXYZ\u0080"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want rune
		wantOK := false
		for _, r := range s {
			if r != '\n' && r != '\t' && r != '\r' && unicode.IsControl(r) {
				want, wantOK = r, true
				break
			}
		}
		if got, ok := badControl(s); got != want || ok != wantOK {
			t.Fatalf("badControl(%q) = %U, %v; want %U, %v", s, got, ok, want, wantOK)
		}
	})
}
