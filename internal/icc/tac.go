// Package icc reads what Broadsheet needs from a CMYK output (press)
// profile: the highest total ink its colour conversion can produce. A RIP
// converts an RGB image to the press's CMYK through the PDF's output
// intent, that is through the profile's BToA tables (PCS → CMYK), so no RGB
// pixel can print with more ink than the most those tables hold.
//
// The profile is untrusted input: every offset and count is checked, and a
// table that cannot be read is an error, never a panic.
package icc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// TotalInk returns the highest total ink (C+M+Y+K, in percent, rounded up)
// that a CMYK output profile's BToA tables (B2A0, B2A1, B2A2: perceptual,
// colorimetric and saturation) produce at any of their grid points, after
// their output curves. A CMM interpolates between grid points, so what a
// RIP prints from any colour stays within this figure (up to rounding).
//
// Supported tables are lut8 (mft1), lut16 (mft2) and lutBToA (mBA, with
// curv or para output curves), which covers the profiles ArgyllCMS, Adobe
// and the ICC publish. A profile without a BToA table cannot convert a
// colour to CMYK, and is an error.
func TotalInk(p []byte) (int, error) {
	if len(p) < 132 || string(p[36:40]) != "acsp" {
		return 0, errors.New("not an ICC profile")
	}
	if string(p[16:20]) != "CMYK" {
		return 0, fmt.Errorf("a %q profile, not CMYK", string(p[16:20]))
	}
	n := int(binary.BigEndian.Uint32(p[128:132]))
	if n > (len(p)-132)/12 {
		return 0, errors.New("a damaged tag table")
	}
	most, found := 0.0, false
	for i := 0; i < n; i++ {
		e := p[132+12*i:]
		sig := string(e[:4])
		if sig != "B2A0" && sig != "B2A1" && sig != "B2A2" {
			continue
		}
		off, size := int(binary.BigEndian.Uint32(e[4:8])), int(binary.BigEndian.Uint32(e[8:12]))
		if off < 0 || size < 0 || off > len(p) || size > len(p)-off {
			return 0, fmt.Errorf("tag %s lies outside the profile", sig)
		}
		ink, err := tableInk(p[off : off+size])
		if err != nil {
			return 0, fmt.Errorf("tag %s: %w", sig, err)
		}
		most, found = math.Max(most, ink), true
	}
	if !found {
		return 0, errors.New("no BToA table (it cannot convert colours to CMYK)")
	}
	return int(math.Ceil(most*100 - 1e-6)), nil
}

// tableInk is the highest sum of the four outputs (each 0..1) over the
// grid points of one BToA table.
func tableInk(t []byte) (float64, error) {
	if len(t) < 12 {
		return 0, errors.New("too short")
	}
	switch string(t[:4]) {
	case "mft1":
		return lutInk(t, 1)
	case "mft2":
		return lutInk(t, 2)
	case "mBA ":
		return mbaInk(t)
	}
	return 0, fmt.Errorf("a table of type %q, which Broadsheet cannot read", string(t[:4]))
}

// lutInk reads a lut8Type (width 1) or lut16Type (width 2) table.
func lutInk(t []byte, width int) (float64, error) {
	if len(t) < 52 {
		return 0, errors.New("too short")
	}
	in, out, grid := int(t[8]), int(t[9]), int(t[10])
	if out != 4 || in < 1 || in > 15 || grid < 2 {
		return 0, fmt.Errorf("%d inputs, %d outputs, %d grid points: not a table to CMYK", in, out, grid)
	}
	inEntries, outEntries, pos := 256, 256, 48
	if width == 2 {
		inEntries, outEntries = int(binary.BigEndian.Uint16(t[48:50])), int(binary.BigEndian.Uint16(t[50:52]))
		pos = 52
		if inEntries < 2 || outEntries < 2 || inEntries > 4096 || outEntries > 4096 {
			return 0, errors.New("damaged curve sizes")
		}
	}
	points := 1
	for i := 0; i < in; i++ {
		points *= grid
		if points > 1<<24 {
			return 0, errors.New("a grid too large")
		}
	}
	pos += in * inEntries * width
	clut := pos
	pos += points * out * width
	curves := pos
	pos += out * outEntries * width
	if pos > len(t) {
		return 0, errors.New("cut short")
	}
	maxv := float64(int(1)<<(8*width) - 1)
	val := func(at int) float64 {
		if width == 1 {
			return float64(t[at]) / maxv
		}
		return float64(binary.BigEndian.Uint16(t[at:])) / maxv
	}
	curve := func(ch int, x float64) float64 {
		base := curves + ch*outEntries*width
		f := x * float64(outEntries-1)
		i := int(f)
		if i >= outEntries-1 {
			return val(base + (outEntries-1)*width)
		}
		a, b := val(base+i*width), val(base+(i+1)*width)
		return a + (b-a)*(f-float64(i))
	}
	most := 0.0
	for g := 0; g < points; g++ {
		sum := 0.0
		for ch := 0; ch < 4; ch++ {
			sum += curve(ch, val(clut+(g*4+ch)*width))
		}
		most = math.Max(most, sum)
	}
	return most, nil
}

// mbaInk reads a lutBToAType table: its CLUT and its A (output) curves.
func mbaInk(t []byte) (float64, error) {
	if len(t) < 32 {
		return 0, errors.New("too short")
	}
	in, out := int(t[8]), int(t[9])
	if out != 4 || in < 1 || in > 15 {
		return 0, fmt.Errorf("%d inputs, %d outputs: not a table to CMYK", in, out)
	}
	u32 := func(at int) int { return int(binary.BigEndian.Uint32(t[at:])) }
	clutOff, aOff := u32(24), u32(28)
	// The A curves: one per output channel, each a curv or para element.
	var curves [4]func(float64) float64
	for ch := range curves {
		curves[ch] = func(x float64) float64 { return x }
	}
	if aOff != 0 {
		pos := aOff
		for ch := 0; ch < 4; ch++ {
			f, n, err := readCurve(t, pos)
			if err != nil {
				return 0, fmt.Errorf("output curve %d: %w", ch+1, err)
			}
			curves[ch] = f
			pos += (n + 3) &^ 3 // elements are padded to four bytes
		}
	}
	if clutOff == 0 {
		// No CLUT: the outputs are the curves of (matrix-mapped) inputs,
		// each at most its curve's highest value.
		sum := 0.0
		for _, f := range curves {
			most := 0.0
			for i := 0; i <= 256; i++ {
				most = math.Max(most, f(float64(i)/256))
			}
			sum += most
		}
		return sum, nil
	}
	if clutOff < 0 || clutOff > len(t)-20 {
		return 0, errors.New("its colour table lies outside it")
	}
	points := 1
	for i := 0; i < in; i++ {
		g := int(t[clutOff+i])
		if g < 2 {
			return 0, errors.New("a colour table with fewer than 2 grid points")
		}
		points *= g
		if points > 1<<24 {
			return 0, errors.New("a grid too large")
		}
	}
	width := int(t[clutOff+16])
	if width != 1 && width != 2 {
		return 0, fmt.Errorf("a colour table of precision %d", width)
	}
	data := clutOff + 20
	if points*out*width > len(t)-data {
		return 0, errors.New("cut short")
	}
	maxv := float64(int(1)<<(8*width) - 1)
	most := 0.0
	for g := 0; g < points; g++ {
		sum := 0.0
		for ch := 0; ch < 4; ch++ {
			at := data + (g*4+ch)*width
			v := float64(t[at])
			if width == 2 {
				v = float64(binary.BigEndian.Uint16(t[at:]))
			}
			sum += curves[ch](v / maxv)
		}
		most = math.Max(most, sum)
	}
	return most, nil
}

// readCurve reads a curv or para element at pos, returning the curve and
// the element's size in bytes.
func readCurve(t []byte, pos int) (func(float64) float64, int, error) {
	if pos < 0 || pos > len(t)-12 {
		return nil, 0, errors.New("lies outside the table")
	}
	switch string(t[pos : pos+4]) {
	case "curv":
		n := int(binary.BigEndian.Uint32(t[pos+8:]))
		if n > (len(t)-pos-12)/2 {
			return nil, 0, errors.New("cut short")
		}
		size := 12 + 2*n
		switch n {
		case 0:
			return func(x float64) float64 { return x }, size, nil
		case 1:
			g := float64(binary.BigEndian.Uint16(t[pos+12:])) / 256
			return func(x float64) float64 { return math.Pow(x, g) }, size, nil
		}
		tab := make([]float64, n)
		for i := range tab {
			tab[i] = float64(binary.BigEndian.Uint16(t[pos+12+2*i:])) / 65535
		}
		return func(x float64) float64 {
			f := math.Max(0, math.Min(1, x)) * float64(n-1)
			i := int(f)
			if i >= n-1 {
				return tab[n-1]
			}
			return tab[i] + (tab[i+1]-tab[i])*(f-float64(i))
		}, size, nil
	case "para":
		kind := int(binary.BigEndian.Uint16(t[pos+8:]))
		counts := [...]int{1, 3, 4, 5, 7}
		if kind >= len(counts) {
			return nil, 0, fmt.Errorf("a parametric curve of kind %d", kind)
		}
		k := counts[kind]
		size := 12 + 4*k
		if size > len(t)-pos {
			return nil, 0, errors.New("cut short")
		}
		var c [7]float64
		for i := 0; i < k; i++ {
			c[i] = float64(int32(binary.BigEndian.Uint32(t[pos+12+4*i:]))) / 65536
		}
		g, a, b, cc, d, e, f := c[0], c[1], c[2], c[3], c[4], c[5], c[6]
		pw := func(x float64) float64 { return math.Pow(math.Max(0, x), g) }
		var fn func(float64) float64
		switch kind {
		case 0:
			fn = func(x float64) float64 { return pw(x) }
		case 1:
			fn = func(x float64) float64 {
				if a != 0 && x >= -b/a {
					return pw(a*x + b)
				}
				return 0
			}
		case 2:
			fn = func(x float64) float64 {
				if a != 0 && x >= -b/a {
					return pw(a*x+b) + cc
				}
				return cc
			}
		case 3:
			fn = func(x float64) float64 {
				if x >= d {
					return pw(a*x + b)
				}
				return cc * x
			}
		case 4:
			fn = func(x float64) float64 {
				if x >= d {
					return pw(a*x+b) + e
				}
				return cc*x + f
			}
		}
		return func(x float64) float64 { return math.Max(0, math.Min(1, fn(x))) }, size, nil
	}
	return nil, 0, fmt.Errorf("a curve of type %q", string(t[pos:pos+4]))
}
