// Package readonly views embedded data as bytes without copying it.
package readonly

import "unsafe"

// Bytes views s as a byte slice without copying. The bytes of a string
// (an embedded file's, say) live in read-only memory: writing to the slice
// crashes the program instead of corrupting what the next caller reads.
func Bytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
