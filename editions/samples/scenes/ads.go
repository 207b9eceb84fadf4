package scenes

import (
	"bytes"
	"fmt"

	"github.com/signintech/gopdf"
)

// wave approximates a sine of the given amplitude with parabolic arcs;
// phase runs 0..999 per period. Integers only, like the rest of the drawing.
func wave(phase, amp int) int {
	p := phase % 1000
	if p < 0 {
		p += 1000
	}
	if p < 500 {
		return 4 * p * (500 - p) * amp / 250000
	}
	p -= 500
	return -4 * p * (500 - p) * amp / 250000
}

// segments lists the seven-segment bars (a..g) lit for each digit.
func segments(d int) string {
	return [...]string{"abcdef", "bc", "abdeg", "abcdg", "bcfg", "acdfg", "acdefg", "abc", "abcdefg", "abcdfg"}[d]
}

// segmentRects returns the bars of digit d in a w×h cell at (x, y), with
// bars t thick, as x, y, width, height.
func segmentRects(d, x, y, w, h, t int) [][4]int {
	var out [][4]int
	mid := y + h/2 - t/2
	for _, s := range segments(d) {
		switch s {
		case 'a':
			out = append(out, [4]int{x, y, w, t})
		case 'b':
			out = append(out, [4]int{x + w - t, y, t, h/2 + t/2})
		case 'c':
			out = append(out, [4]int{x + w - t, mid, t, h - h/2 + t/2})
		case 'd':
			out = append(out, [4]int{x, y + h - t, w, t})
		case 'e':
			out = append(out, [4]int{x, mid, t, h - h/2 + t/2})
		case 'f':
			out = append(out, [4]int{x, y, t, h/2 + t/2})
		case 'g':
			out = append(out, [4]int{x, mid, w, t})
		}
	}
	return out
}

// seafoodAd draws a raster (PNG) ad for a seafood festival: fish and a
// crab in waves, with the festival dates in seven-segment figures. It is
// 1025×900 pixels: 3 columns by 24 lines (369×324 pt) at 200 ppi.
func seafoodAd() *canvas {
	r := seeded(8)
	c := newCanvas(1025, 900)
	c.vGradient(0, 900, []stop{{0, rgb{250, 236, 200}}, {420, rgb{120, 196, 226}}, {1000, rgb{10, 70, 140}}})
	c.ellipse(820, 150, 90, 90, rgb{240, 120, 40}, 256)
	for k := 0; k < 4; k++ {
		base := 420 + k*110
		p := []pt{}
		for x := 0; x <= 1025; x += 5 {
			p = append(p, pt{x, base + wave(x*1000/300+k*250, 18+k*4)})
		}
		p = append(p, pt{1025, 900}, pt{0, 900})
		c.poly(p, rgb{30 + k*5, 120 - k*20, 190 - k*20}, 120+k*30)
	}
	// fish
	for i, f := range []struct{ x, y, s int }{{260, 560, 70}, {620, 660, 50}, {430, 760, 38}, {820, 540, 40}} {
		col := []rgb{{250, 150, 50}, {240, 90, 80}, {250, 210, 70}, {250, 170, 120}}[i]
		c.ellipse(f.x, f.y, f.s*2, f.s, col, 256)
		c.poly([]pt{{f.x + f.s*3/2, f.y}, {f.x + f.s*3, f.y - f.s}, {f.x + f.s*3, f.y + f.s}}, col, 256)
		c.ellipse(f.x-f.s, f.y-f.s/4, f.s/5, f.s/5, rgb{255, 255, 255}, 256)
		c.ellipse(f.x-f.s, f.y-f.s/4, f.s/10, f.s/10, rgb{20, 20, 30}, 256)
		for k := 0; k < 3; k++ {
			x := f.x - f.s/3 + k*f.s/2
			c.line(x, f.y-f.s*2/3, x+f.s/4, f.y+f.s*2/3, 3, shade(col, 200), 200)
		}
	}
	// a crab on the sand
	crab := rgb{210, 50, 40}
	c.rect(0, 840, 1025, 900, rgb{230, 200, 140}, 256)
	for k := -3; k <= 3; k++ {
		if k == 0 {
			continue
		}
		c.line(150+k*12, 840, 150+k*34, 872, 6, crab, 256)
	}
	c.ellipse(150, 838, 60, 32, crab, 256)
	c.ellipse(80, 790, 22, 18, crab, 256)
	c.ellipse(220, 790, 22, 18, crab, 256)
	// bubbles
	for i := 0; i < 24; i++ {
		x, y, s := r.IntN(1025), 440+r.IntN(380), 5+r.IntN(12)
		c.ellipse(x, y, s, s, rgb{255, 255, 255}, 110)
		c.ellipse(x-s/3, y-s/3, s/3+1, s/3+1, rgb{255, 255, 255}, 200)
	}
	// dates "3.28-4.06" as figures, and blocks for the lines of text
	x := 70
	for _, ch := range "3.28-4.06" {
		switch {
		case ch == '.':
			c.rect(x, 320, x+18, 338, rgb{200, 40, 40}, 256)
			x += 34
		case ch == '-':
			c.rect(x, 248, x+40, 266, rgb{200, 40, 40}, 256)
			x += 58
		default:
			for _, b := range segmentRects(int(ch-'0'), x, 180, 66, 158, 18) {
				c.rect(b[0], b[1], b[0]+b[2], b[1]+b[3], rgb{200, 40, 40}, 256)
			}
			x += 88
		}
	}
	for i, w := range []int{560, 420} {
		c.rect(70, 60+i*50, 70+w, 60+i*50+30, rgb{30, 60, 110}, 220)
	}
	// frame
	c.rect(0, 0, 1025, 12, rgb{10, 70, 140}, 256)
	c.rect(0, 888, 1025, 900, rgb{10, 70, 140}, 256)
	c.rect(0, 0, 12, 900, rgb{10, 70, 140}, 256)
	c.rect(1013, 0, 1025, 900, rgb{10, 70, 140}, 256)
	return c
}

// Bank ad geometry: 4 columns by 30 lines of the duikai grid (4×117 pt +
// 3×9 pt gutters wide, 30×13.5 pt high). All coordinates are whole points,
// so the floats gopdf formats are exact and need no rounding.
const bankW, bankH = 495, 405

type cmyk struct{ c, m, y, k uint8 }

// circle returns a polygon approximating a circle with integer vertices.
func circle(cx, cy, rad int) []gopdf.Point {
	var p []gopdf.Point
	for x := -rad; x <= rad; x++ {
		p = append(p, gopdf.Point{X: float64(cx + x), Y: float64(cy - isqrt(rad*rad-x*x))})
	}
	for x := rad - 1; x > -rad; x-- {
		p = append(p, gopdf.Point{X: float64(cx + x), Y: float64(cy + isqrt(rad*rad-x*x))})
	}
	return p
}

// bankAd draws a one-page vector PDF ad for a bank: a coin logo, a
// lighthouse over waves and a rate in seven-segment figures. It has no text
// (the embedded fonts are not reachable from here); grey bars stand for it.
func bankAd() ([]byte, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: bankW, H: bankH}})
	pdf.AddPage()
	fill := func(c cmyk) { pdf.SetFillColorCMYK(c.c, c.m, c.y, c.k) }
	rect := func(x, y, w, h int, c cmyk) {
		fill(c)
		pdf.RectFromUpperLeftWithStyle(float64(x), float64(y), float64(w), float64(h), "F")
	}
	poly := func(c cmyk, p ...int) {
		fill(c)
		var q []gopdf.Point
		for i := 0; i+1 < len(p); i += 2 {
			q = append(q, gopdf.Point{X: float64(p[i]), Y: float64(p[i+1])})
		}
		pdf.Polygon(q, "F")
	}
	navy, gold, white, red := cmyk{100, 70, 0, 30}, cmyk{0, 25, 90, 5}, cmyk{0, 0, 0, 0}, cmyk{0, 90, 80, 5}
	// background in bands of rising tint
	for i := 0; i < 9; i++ {
		rect(0, i*30, bankW, 30, cmyk{100, uint8(70 - 4*i), 0, uint8(40 - 3*i)})
	}
	rect(0, 270, bankW, bankH-270, cmyk{10, 0, 0, 0})
	// the light beams, the lighthouse and its lantern
	poly(cmyk{0, 5, 60, 0}, 130, 96, 495, 40, 495, 130)
	poly(cmyk{0, 5, 60, 0}, 114, 96, 0, 60, 0, 120)
	poly(white, 108, 250, 114, 110, 130, 110, 136, 250)
	for _, y := range []int{140, 190} {
		poly(red, 112, y, 132, y, 133, y+22, 111, y+22)
	}
	rect(110, 92, 24, 18, gold)
	poly(red, 106, 92, 122, 76, 138, 92)
	// waves: three bands, each a polygon under a parabolic wave
	for k := 0; k < 3; k++ {
		base := 244 + k*18
		var p []int
		for x := 0; x <= bankW; x += 5 {
			p = append(p, x, base+wave(x*1000/120+k*300, 6))
		}
		p = append(p, bankW, 290, 0, 290)
		poly(cmyk{uint8(100 - 20*k), uint8(40 - 10*k), 0, uint8(10 * k)}, p...)
	}
	// the coin logo: a round coin with a square hole
	fill(gold)
	pdf.Polygon(circle(56, 46, 30), "F")
	rect(46, 36, 20, 20, navy)
	// the rate "3.5%" in seven-segment figures
	for _, b := range segmentRects(3, 250, 130, 64, 110, 14) {
		rect(b[0], b[1], b[2], b[3], gold)
	}
	rect(324, 226, 14, 14, gold)
	for _, b := range segmentRects(5, 348, 130, 64, 110, 14) {
		rect(b[0], b[1], b[2], b[3], gold)
	}
	fill(gold)
	pdf.Polygon(circle(436, 146, 11), "F")
	pdf.Polygon(circle(474, 224, 11), "F")
	poly(gold, 466, 130, 480, 130, 444, 240, 430, 240)
	// bars for the lines of text, and a rule above the footer
	rect(250, 40, 200, 16, white)
	rect(250, 66, 150, 10, white)
	rect(24, 300, bankW-48, 2, navy)
	for i, w := range []int{300, 350, 240} {
		rect(24, 316+i*24, w, 10, cmyk{0, 0, 0, 55})
	}
	rect(400, 316, 70, 70, navy) // a QR code's place
	for i := 0; i < 5; i++ {
		for j := 0; j < 5; j++ {
			if (i*7+j*3)%4 != 0 {
				rect(404+i*13, 320+j*13, 10, 10, white)
			}
		}
	}
	var b bytes.Buffer
	if _, err := pdf.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("bank ad: %w", err)
	}
	return b.Bytes(), nil
}
