package exif

import (
	"encoding/binary"
	"testing"
)

// jpegWith is the start of a JPEG whose EXIF segment holds orientation o,
// in byte order bo.
func jpegWith(bo binary.ByteOrder, mark string, o uint16) []byte {
	tiff := []byte(mark + "\x00\x2a\x00\x00\x00\x08")
	bo.PutUint16(tiff[2:], 42)
	bo.PutUint32(tiff[4:], 8)
	ifd := make([]byte, 2+12+4)
	bo.PutUint16(ifd, 1)
	bo.PutUint16(ifd[2:], 0x0112)
	bo.PutUint16(ifd[4:], 3)
	bo.PutUint32(ifd[6:], 1)
	bo.PutUint16(ifd[10:], o)
	seg := append([]byte("Exif\x00\x00"), append(tiff, ifd...)...)
	b := []byte{0xff, 0xd8, 0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(b[4:], uint16(len(seg)+2))
	return append(append(b, seg...), 0xff, 0xd9)
}

func TestOrientation(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want int
	}{
		{"big-endian rotate 90", jpegWith(binary.BigEndian, "MM", 6), 6},
		{"little-endian upside down", jpegWith(binary.LittleEndian, "II", 3), 3},
		{"out of range", jpegWith(binary.BigEndian, "MM", 9), 1},
		{"no EXIF", []byte{0xff, 0xd8, 0xff, 0xd9}, 1},
		{"not a JPEG", []byte("\x89PNG\r\n"), 1},
		{"truncated segment", jpegWith(binary.BigEndian, "MM", 6)[:20], 1},
	} {
		if got := Orientation(c.data); got != c.want {
			t.Errorf("%s: orientation %d, want %d", c.name, got, c.want)
		}
	}
}
