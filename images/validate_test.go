package images

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidate: every hostile image in editions/testdata/hostile is refused
// for what is wrong with it, and the supported kinds pass.
func TestValidate(t *testing.T) {
	for _, c := range []struct {
		file, want string
		w, h, o    int
	}{
		{"good.jpg", "", 120, 80, 1},
		{"rotated.jpg", "", 120, 80, 6},
		{"sixteen.png", "", 96, 64, 1},
		{"interlaced.png", "", 120, 80, 1},
		{"truncated.jpg", "cut short", 0, 0, 0},
		{"garbled.jpg", "damaged", 0, 0, 0},
		{"corrupt-idat.png", "damaged", 0, 0, 0},
		{"huge.png", "claims 60000 × 60000 pixels", 0, 0, 0},
	} {
		data, err := os.ReadFile("../editions/testdata/hostile/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		info, err := Validate(data)
		if c.want != "" {
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v, want %q", c.file, err, c.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if w, h := info.Upright(); w != c.w || h != c.h || info.Orientation != c.o {
			t.Errorf("%s: %d × %d orientation %d, want %d × %d, %d", c.file, w, h, info.Orientation, c.w, c.h, c.o)
		}
	}
}

// imageSeeds are small images of every kind Validate reads.
func imageSeeds(t testing.TB) [][]byte {
	var out [][]byte
	img := image.NewNRGBA(image.Rect(0, 0, 5, 3))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	out = append(out, bytes.Clone(b.Bytes()))
	b.Reset()
	png.Encode(&b, image.NewGray16(image.Rect(0, 0, 4, 4)))
	out = append(out, bytes.Clone(b.Bytes()))
	b.Reset()
	jpeg.Encode(&b, img, nil)
	out = append(out, bytes.Clone(b.Bytes()))
	b.Reset()
	pal := image.NewPaletted(image.Rect(0, 0, 3, 3), color.Palette{color.Black, color.White})
	png.Encode(&b, pal)
	out = append(out, bytes.Clone(b.Bytes()))
	if data, err := os.ReadFile("../editions/samples/photos/meeting.jpg"); err == nil {
		out = append(out, data[:min(len(data), 4096)]) // a truncated photo
	}
	return out
}

// FuzzValidate: Validate never panics, never accepts an image it
// cannot decode, and never lets more than MaxPixels through.
func FuzzValidate(f *testing.F) {
	for _, s := range imageSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Validate(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("a message over several lines: %q", err)
			}
			return
		}
		if info.Width < 1 || info.Height < 1 || int64(info.Width)*int64(info.Height) > MaxPixels {
			t.Fatalf("accepted %d × %d", info.Width, info.Height)
		}
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			t.Fatalf("accepted an image that does not decode: %v", err)
		}
		if info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("orientation %d", info.Orientation)
		}
	})
}

// TestJPEGScans: the scans of every test JPEG are counted as image/jpeg
// meets them (progressive.jpg has libjpeg's ten), and a JPEG of more than
// MaxScans is refused from its header. image/jpeg goes over the whole
// frame for each scan, so 1,000 empty scans of an 80-million-pixel frame
// (119 KB) took 56 s to validate.
func TestJPEGScans(t *testing.T) {
	files, _ := filepath.Glob("testdata/jpeg/*.jpg")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := jpegScans(data)
		if want := bytes.Count(data, []byte{0xff, 0xda}); n < 1 || n > want {
			t.Errorf("%s: %d scans, %d SOS markers in its bytes", f, n, want)
		}
		if strings.HasPrefix(filepath.Base(f), "progressive") && n != 10 {
			t.Errorf("%s: %d scans, want 10", f, n)
		}
		if _, err := Header(data); err != nil && strings.Contains(err.Error(), "scans") {
			t.Errorf("%s: %v", f, err)
		}
	}
	if len(files) < 5 {
		t.Fatalf("%d test JPEGs", len(files))
	}
	// A progressive gray frame and the scans after it: each one EOB run.
	var b bytes.Buffer
	b.Write([]byte{0xff, 0xd8})
	b.Write([]byte{0xff, 0xc2, 0, 11, 8, 0, 64, 0, 64, 1, 1, 0x11, 0})
	b.Write([]byte{0xff, 0xc4, 0, 20, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00})
	for range MaxScans + 1 {
		b.Write([]byte{0xff, 0xda, 0, 8, 1, 1, 0x00, 1, 63, 0x00, 0x00, 0xff, 0x00, 0x12})
		b.Write([]byte{0x12, 0x34}) // stray bytes before the next marker, which image/jpeg skips
	}
	b.Write([]byte{0xff, 0xd9})
	if n := jpegScans(b.Bytes()); n != MaxScans+1 {
		t.Errorf("%d scans counted, want %d", n, MaxScans+1)
	}
	if _, err := Header(b.Bytes()); err == nil || !strings.Contains(err.Error(), "scans") {
		t.Errorf("a JPEG of %d scans: %v", MaxScans+1, err)
	}
}

// TestJPEGTrailer: bytes a phone or camera appends after a JPEG's
// end-of-image marker (a motion photo's video, a second picture) leave
// the photo whole: Validate and Decode take it, and JPEGEnd finds where
// the picture ends, past an end marker inside an EXIF thumbnail. A file
// cut short before its end marker is still refused. Before, any byte but
// zeros and line ends after the marker made the photo "cut short".
func TestJPEGTrailer(t *testing.T) {
	photo, err := os.ReadFile("../editions/samples/photos/meeting.jpg")
	if err != nil {
		t.Fatal(err)
	}
	// An APP1 segment holding a thumbnail's end marker, after SOI.
	app1 := []byte{0xff, 0xe1, 0, 10, 'E', 'x', 'i', 'f', 0, 0, 0xff, 0xd9}
	withThumb := append(append(append([]byte{}, photo[:2]...), app1...), photo[2:]...)
	trailer := append([]byte{0xff, 0xd8, 0xff, 0xe0}, append(bytes.Repeat([]byte("ftypmp42\xff\xd9"), 1000), "moov"...)...)
	for _, c := range []struct {
		name  string
		data  []byte
		end   int
		error string
	}{
		{"as it is", photo, len(photo), ""},
		{"a motion photo's trailer", append(append([]byte{}, photo...), trailer...), len(photo), ""},
		{"an end marker in a segment", withThumb, len(withThumb), ""},
		{"the same with a trailer", append(append([]byte{}, withThumb...), trailer...), len(withThumb), ""},
		{"cut before its end marker", photo[:len(photo)-2], 0, "cut short"},
		{"cut short, then a trailer of zeros", append(append([]byte{}, photo[:len(photo)-2]...), 0, 0, 0), 0, "cut short"},
	} {
		if end := JPEGEnd(c.data); end != c.end {
			t.Errorf("%s: JPEGEnd %d, want %d", c.name, end, c.end)
		}
		_, err := Validate(c.data)
		_, _, derr := Decode(c.data)
		for _, e := range []error{err, derr} {
			if c.error == "" && e != nil || c.error != "" && (e == nil || !strings.Contains(e.Error(), c.error)) {
				t.Errorf("%s: %v, want %q", c.name, e, c.error)
			}
		}
	}
}
