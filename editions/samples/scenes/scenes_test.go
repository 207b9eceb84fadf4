package scenes

import (
	"bytes"
	"regexp"
	"testing"

	"pgregory.net/rapid"
)

// TestBankAdIsOnePagePDF checks the PDF ad's page count and size (4 columns
// × 30 lines of the duikai grid).
func TestBankAdIsOnePagePDF(t *testing.T) {
	b, err := bankAd()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) || !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		t.Fatalf("not a complete PDF")
	}
	if n := len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(b, -1)); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
	if !bytes.Contains(b, []byte("/MediaBox [ 0 0 495.00 405.00 ]")) {
		t.Errorf("media box is not 495×405 pt")
	}
	if bytes.Contains(b, []byte("/Font <<\n\t/F")) {
		t.Errorf("the ad embeds a font; it should be shapes only")
	}
}

// TestPolyCoversLikeRect: a polygon with whole-pixel corners covers exactly
// the pixels of the same rectangle, fully, and nothing around it.
func TestPolyCoversLikeRect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x0 := rapid.IntRange(-5, 30).Draw(t, "x0")
		y0 := rapid.IntRange(-5, 30).Draw(t, "y0")
		x1 := x0 + rapid.IntRange(1, 20).Draw(t, "w")
		y1 := y0 + rapid.IntRange(1, 20).Draw(t, "h")
		white := rgb{255, 255, 255}
		a, b := newCanvas(40, 40), newCanvas(40, 40)
		a.poly([]pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, white, 256)
		b.rect(x0, y0, x1, y1, white, 256)
		if !bytes.Equal(a.img.Pix, b.img.Pix) {
			t.Fatalf("poly and rect differ for (%d,%d)-(%d,%d)", x0, y0, x1, y1)
		}
	})
}

// TestEllipseIsSymmetric: a circle's coverage is the same in all four
// quadrants and along both diagonals.
func TestEllipseIsSymmetric(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rad := rapid.IntRange(1, 14).Draw(t, "r")
		c := newCanvas(31, 31)
		c.ellipse(15, 15, rad, rad, rgb{255, 255, 255}, 256)
		at := func(x, y int) uint8 { return c.img.RGBAAt(x, y).R }
		for y := 0; y < 31; y++ {
			for x := 0; x < 31; x++ {
				v := at(x, y)
				if v != at(30-x, y) || v != at(x, 30-y) || v != at(y, x) {
					t.Fatalf("r=%d: coverage at (%d,%d) is not symmetric", rad, x, y)
				}
			}
		}
		if at(15, 15) != 255 || at(15+rad+1, 15) != 0 {
			t.Fatalf("r=%d: centre not filled or outside filled", rad)
		}
	})
}

func TestIsqrt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 1<<40).Draw(t, "n")
		r := isqrt(n)
		if r*r > n || (r+1)*(r+1) <= n {
			t.Fatalf("isqrt(%d) = %d", n, r)
		}
	})
}

func TestWaveStaysWithinAmplitude(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.IntRange(-5000, 5000).Draw(t, "phase")
		amp := rapid.IntRange(0, 100).Draw(t, "amp")
		if w := wave(p, amp); w > amp || w < -amp {
			t.Fatalf("wave(%d, %d) = %d", p, amp, w)
		}
		if wave(p, amp) != -wave(p+500, amp) {
			t.Fatalf("wave is not antisymmetric over half a period at %d", p)
		}
	})
}

// TestEnlargeKeepsFlatColourAndSize: enlarging a flat picture gives the
// same flat colour at num/den times the size.
func TestEnlargeKeepsFlatColourAndSize(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := rapid.IntRange(2, 40).Draw(t, "w")
		h := rapid.IntRange(2, 40).Draw(t, "h")
		col := rgb{rapid.IntRange(0, 255).Draw(t, "r"), rapid.IntRange(0, 255).Draw(t, "g"), rapid.IntRange(0, 255).Draw(t, "b")}
		c := newCanvas(w, h)
		c.rect(0, 0, w, h, col, 256)
		d := c.enlarge(3, 2)
		if d.w != w*3/2 || d.h != h*3/2 {
			t.Fatalf("size %d×%d, want %d×%d", d.w, d.h, w*3/2, h*3/2)
		}
		for i := 0; i < len(d.img.Pix); i += 4 {
			if int(d.img.Pix[i]) != col.r || int(d.img.Pix[i+1]) != col.g || int(d.img.Pix[i+2]) != col.b {
				t.Fatalf("pixel %d is %v, want %v", i/4, d.img.Pix[i:i+3], col)
			}
		}
	})
}
