package editions

import (
	"image"
	"strconv"
)

// RasterInk is the ink of an image ad as a RIP prints it through a CMYK
// output intent.
type RasterInk struct {
	// RGB is true for an RGB (or palette) image: the PDF gives it an
	// ICC-based colour space, and the RIP converts it through the output
	// profile, so its ink is bounded by the profile's own total ink limit,
	// not by anything in the image (see internal/icc.TotalInk).
	RGB bool
	// Max is the highest total ink of a CMYK or gray image, in percent:
	// C+M+Y+K of its darkest pixel for a CMYK JPEG (placed as DeviceCMYK,
	// printed as it is), the black of its darkest pixel for a gray image
	// (DeviceGray prints on the black plate alone). Zero for RGB.
	Max int
	// At describes the pixel that reaches Max, e.g. "100/70/90/30".
	At string
}

// MeasureRasterInk measures the ink of a decoded JPEG or PNG image (see
// images.Decode). Every pixel is read: the pass is a few additions a
// pixel, cheap beside the decoding.
func MeasureRasterInk(img image.Image) RasterInk {
	switch m := img.(type) {
	case *image.CMYK:
		return cmykInk(m)
	case *image.Gray:
		lo := byte(255)
		b := m.Rect
		for y := 0; y < b.Dy(); y++ {
			for _, v := range m.Pix[y*m.Stride : y*m.Stride+b.Dx()] {
				lo = min(lo, v)
			}
		}
		return grayInk(int(255-lo), 255)
	case *image.Gray16:
		lo := 65535
		b := m.Rect
		for y := 0; y < b.Dy(); y++ {
			row := m.Pix[y*m.Stride : y*m.Stride+2*b.Dx()]
			for i := 0; i+1 < len(row); i += 2 {
				lo = min(lo, int(row[i])<<8|int(row[i+1]))
			}
		}
		return grayInk(65535-lo, 65535)
	}
	return RasterInk{RGB: true}
}

func grayInk(k, full int) RasterInk {
	pct := (k*100 + full/2) / full
	return RasterInk{Max: pct, At: "0/0/0/" + strconv.Itoa(pct)}
}

// cmykInk is the highest C+M+Y+K over the pixels of a CMYK image.
func cmykInk(m *image.CMYK) RasterInk {
	best, at := -1, 0
	b := m.Rect
	for y := 0; y < b.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*b.Dx()]
		for i := 0; i+3 < len(row); i += 4 {
			if s := int(row[i]) + int(row[i+1]) + int(row[i+2]) + int(row[i+3]); s > best {
				best, at = s, y*m.Stride+i
			}
		}
	}
	if best < 0 {
		return RasterInk{}
	}
	pct := func(v byte) int { return (int(v)*100 + 127) / 255 }
	p := m.Pix[at : at+4]
	return RasterInk{
		Max: (best*100 + 127) / 255,
		At:  strconv.Itoa(pct(p[0])) + "/" + strconv.Itoa(pct(p[1])) + "/" + strconv.Itoa(pct(p[2])) + "/" + strconv.Itoa(pct(p[3])),
	}
}
