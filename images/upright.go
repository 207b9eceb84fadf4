package images

import (
	"image"
	imgdraw "image/draw"
)

// Upright returns img turned upright from EXIF orientation o (as in
// Info.Orientation); an image already upright (o of 1, or out of range) is
// returned as it is.
func Upright(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	var dst imgdraw.Image
	if _, gray := img.(*image.Gray); gray {
		dst = image.NewGray(image.Rect(0, 0, ow, oh))
	} else {
		dst = image.NewRGBA(image.Rect(0, 0, ow, oh))
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // turned 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // turned 90° clockwise to view
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // turned 90° anticlockwise to view
				dx, dy = y, w-1-x
			}
			dst.Set(dx, dy, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}
