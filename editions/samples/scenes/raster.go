package scenes

import (
	"image"
	"image/color"
	"math/rand/v2"
	"slices"
)

// The drawing here is integer-only on purpose: the committed images must be
// byte-identical on every machine, and floating-point arithmetic may be fused
// differently on different CPUs. Shapes are antialiased by 4×4 supersampling;
// sample positions are in eighths of a pixel, so the sample centres of pixel
// (x, y) are 8x+1, 8x+3, 8x+5, 8x+7 (and the same for y).

// sub is the number of samples per pixel in each direction.
const sub = 4

// rgb is an opaque colour.
type rgb struct{ r, g, b int }

// pt is a point in pixels.
type pt struct{ x, y int }

// canvas is an RGB picture being drawn.
type canvas struct {
	img  *image.RGBA
	w, h int
}

func newCanvas(w, h int) *canvas {
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), w: w, h: h}
	for i := 3; i < len(c.img.Pix); i += 4 {
		c.img.Pix[i] = 0xff
	}
	return c
}

// blend mixes col into pixel (x, y) with opacity a/256.
func (c *canvas) blend(x, y int, col rgb, a int) {
	if x < 0 || y < 0 || x >= c.w || y >= c.h || a <= 0 {
		return
	}
	if a > 256 {
		a = 256
	}
	i := c.img.PixOffset(x, y)
	p := c.img.Pix[i : i+3 : i+3]
	p[0] = uint8((int(p[0])*(256-a) + clamp8(col.r)*a) >> 8)
	p[1] = uint8((int(p[1])*(256-a) + clamp8(col.g)*a) >> 8)
	p[2] = uint8((int(p[2])*(256-a) + clamp8(col.b)*a) >> 8)
}

func clamp8(v int) int {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return v
}

// stop is one colour of a gradient at position at (0..1000).
type stop struct {
	at  int
	col rgb
}

// mix interpolates the stops at position p (0..1000).
func mix(stops []stop, p int) rgb {
	if p <= stops[0].at {
		return stops[0].col
	}
	for i := 1; i < len(stops); i++ {
		a, b := stops[i-1], stops[i]
		if p <= b.at {
			d := b.at - a.at
			if d == 0 {
				return b.col
			}
			t := p - a.at
			return rgb{
				a.col.r + (b.col.r-a.col.r)*t/d,
				a.col.g + (b.col.g-a.col.g)*t/d,
				a.col.b + (b.col.b-a.col.b)*t/d,
			}
		}
	}
	return stops[len(stops)-1].col
}

// vGradient paints rows y0..y1-1 across the whole width with the stops
// spread from y0 (0) to y1 (1000).
func (c *canvas) vGradient(y0, y1 int, stops []stop) {
	for y := max(y0, 0); y < min(y1, c.h); y++ {
		col := mix(stops, (y-y0)*1000/max(y1-y0, 1))
		for x := 0; x < c.w; x++ {
			c.blend(x, y, col, 256)
		}
	}
}

// rect fills the pixels x0..x1-1, y0..y1-1 with opacity a/256.
func (c *canvas) rect(x0, y0, x1, y1 int, col rgb, a int) {
	for y := max(y0, 0); y < min(y1, c.h); y++ {
		for x := max(x0, 0); x < min(x1, c.w); x++ {
			c.blend(x, y, col, a)
		}
	}
}

// ellipse fills an antialiased ellipse centred on (cx, cy) with radii rx, ry.
func (c *canvas) ellipse(cx, cy, rx, ry int, col rgb, a int) {
	if rx <= 0 || ry <= 0 {
		return
	}
	RX, RY := int64(8*rx), int64(8*ry)
	lim := RX * RX * RY * RY
	for y := max(cy-ry-1, 0); y <= min(cy+ry+1, c.h-1); y++ {
		for x := max(cx-rx-1, 0); x <= min(cx+rx+1, c.w-1); x++ {
			n := 0
			for j := 0; j < sub; j++ {
				dy := int64(8*(y-cy) + 2*j + 1 - 4)
				for i := 0; i < sub; i++ {
					dx := int64(8*(x-cx) + 2*i + 1 - 4)
					if dx*dx*RY*RY+dy*dy*RX*RX <= lim {
						n++
					}
				}
			}
			if n > 0 {
				c.blend(x, y, col, a*n/(sub*sub))
			}
		}
	}
}

// poly fills an antialiased polygon (even-odd rule) given in pixels.
func (c *canvas) poly(p []pt, col rgb, a int) {
	q := make([]pt, len(p))
	for i, v := range p {
		q[i] = pt{8 * v.x, 8 * v.y}
	}
	c.polyRaw(q, col, a)
}

// ceilDiv is ⌈a/b⌉ for b > 0.
func ceilDiv(a, b int) int {
	if a >= 0 {
		return (a + b - 1) / b
	}
	return -((-a) / b)
}

// line draws a straight stroke of width w from (x0, y0) to (x1, y1).
func (c *canvas) line(x0, y0, x1, y1, w int, col rgb, a int) {
	dx, dy := x1-x0, y1-y0
	l := isqrt(dx*dx + dy*dy)
	if l == 0 {
		return
	}
	// perpendicular offset of half the width, in eighths of a pixel
	ox, oy := -dy*4*w/l, dx*4*w/l
	p := []pt{{8*x0 + ox, 8*y0 + oy}, {8*x1 + ox, 8*y1 + oy}, {8*x1 - ox, 8*y1 - oy}, {8*x0 - ox, 8*y0 - oy}}
	c.polyRaw(p, col, a)
}

// polyRaw fills a polygon whose points are already in eighths of a pixel.
func (c *canvas) polyRaw(q []pt, col rgb, a int) {
	minY, maxY := q[0].y, q[0].y
	minX, maxX := q[0].x, q[0].x
	for _, v := range q {
		minY, maxY = min(minY, v.y), max(maxY, v.y)
		minX, maxX = min(minX, v.x), max(maxX, v.x)
	}
	if len(q) < 3 {
		return
	}
	x0, x1 := max(floorDiv(minX, 8), 0), min(floorDiv(maxX, 8), c.w-1)
	y0, y1 := max(floorDiv(minY, 8), 0), min(floorDiv(maxY, 8), c.h-1)
	if x0 > x1 || y0 > y1 {
		return
	}
	cov := make([]int, x1-x0+1)
	var xs []int
	for y := y0; y <= y1; y++ {
		clear(cov)
		for j := 0; j < sub; j++ {
			sy := 8*y + 2*j + 1
			xs = xs[:0]
			for i := range q {
				a, b := q[i], q[(i+1)%len(q)]
				if a.y == b.y {
					continue
				}
				if a.y > b.y {
					a, b = b, a
				}
				if sy < a.y || sy >= b.y {
					continue
				}
				xs = append(xs, a.x+(sy-a.y)*(b.x-a.x)/(b.y-a.y))
			}
			slices.Sort(xs)
			for k := 0; k+1 < len(xs); k += 2 {
				lo := max(ceilDiv(xs[k]-1, 2), 4*x0)
				hi := min(ceilDiv(xs[k+1]-1, 2), 4*x1+4)
				for s := lo; s < hi; s++ {
					cov[s/sub-x0]++
				}
			}
		}
		for x := x0; x <= x1; x++ {
			if n := cov[x-x0]; n > 0 {
				c.blend(x, y, col, a*n/(sub*sub))
			}
		}
	}
}

func floorDiv(a, b int) int {
	if a >= 0 {
		return a / b
	}
	return -((-a + b - 1) / b)
}

// isqrt is ⌊√n⌋ for n ≥ 0.
func isqrt(n int) int {
	if n < 2 {
		return max(n, 0)
	}
	x := n
	y := (x + 1) / 2
	for y < x {
		x = y
		y = (x + n/x) / 2
	}
	return x
}

// grain adds monochrome noise of ±amp to every pixel.
func (c *canvas) grain(r *rand.Rand, amp int) {
	p := c.img.Pix
	for i := 0; i < len(p); i += 4 {
		d := r.IntN(2*amp+1) - amp
		p[i] = uint8(clamp8(int(p[i]) + d))
		p[i+1] = uint8(clamp8(int(p[i+1]) + d))
		p[i+2] = uint8(clamp8(int(p[i+2]) + d))
	}
}

// vignette darkens the corners by up to strength/256.
func (c *canvas) vignette(strength int) {
	cx, cy := c.w/2, c.h/2
	r2 := cx*cx + cy*cy
	for y := 0; y < c.h; y++ {
		for x := 0; x < c.w; x++ {
			d := (x-cx)*(x-cx) + (y-cy)*(y-cy)
			k := 256 - strength*d/r2*d/r2
			i := c.img.PixOffset(x, y)
			for ch := 0; ch < 3; ch++ {
				c.img.Pix[i+ch] = uint8(int(c.img.Pix[i+ch]) * k >> 8)
			}
		}
	}
}

// gray returns the picture as 8-bit luminance (the same integer weights as
// color.GrayModel).
func (c *canvas) gray() *image.Gray {
	g := image.NewGray(c.img.Rect)
	for y := 0; y < c.h; y++ {
		for x := 0; x < c.w; x++ {
			g.SetGray(x, y, color.GrayModel.Convert(c.img.RGBAAt(x, y)).(color.Gray))
		}
	}
	return g
}

// shrink returns the picture reduced by an integer factor with a box filter.
func (c *canvas) shrink(f int) *canvas {
	d := newCanvas(c.w/f, c.h/f)
	for y := 0; y < d.h; y++ {
		for x := 0; x < d.w; x++ {
			var s [3]int
			for j := 0; j < f; j++ {
				for i := 0; i < f; i++ {
					o := c.img.PixOffset(x*f+i, y*f+j)
					s[0] += int(c.img.Pix[o])
					s[1] += int(c.img.Pix[o+1])
					s[2] += int(c.img.Pix[o+2])
				}
			}
			o := d.img.PixOffset(x, y)
			for ch := 0; ch < 3; ch++ {
				d.img.Pix[o+ch] = uint8(s[ch] / (f * f))
			}
		}
	}
	return d
}

// enlarge returns the picture scaled up by num/den (> 1) with bilinear
// interpolation in 8-bit fixed point.
func (c *canvas) enlarge(num, den int) *canvas {
	d := newCanvas(c.w*num/den, c.h*num/den)
	for y := 0; y < d.h; y++ {
		sy := (2*y+1)*den*128/num - 128 // source row in 1/256 px, centre-aligned
		sy = max(sy, 0)
		y0, fy := sy>>8, sy&0xff
		y1 := min(y0+1, c.h-1)
		for x := 0; x < d.w; x++ {
			sx := max((2*x+1)*den*128/num-128, 0)
			x0, fx := sx>>8, sx&0xff
			x1 := min(x0+1, c.w-1)
			o00, o10 := c.img.PixOffset(x0, y0), c.img.PixOffset(x1, y0)
			o01, o11 := c.img.PixOffset(x0, y1), c.img.PixOffset(x1, y1)
			o := d.img.PixOffset(x, y)
			for ch := 0; ch < 3; ch++ {
				top := int(c.img.Pix[o00+ch])*(256-fx) + int(c.img.Pix[o10+ch])*fx
				bot := int(c.img.Pix[o01+ch])*(256-fx) + int(c.img.Pix[o11+ch])*fx
				d.img.Pix[o+ch] = uint8((top*(256-fy) + bot*fy + 1<<15) >> 16)
			}
		}
	}
	return d
}
