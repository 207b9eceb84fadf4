package pdf

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"hash"
	"io"
	"slices"
	"strconv"

	"github.com/klauspost/compress/zlib"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// header starts the file: PDF 1.6 (PDF/X-4 asks for at most 1.6) and a
// comment of bytes above 127, so that transfer programs treat the file as
// binary (PDF/A asks for it).
const header = "%PDF-1.6\n%\xe2\xe3\xcf\xd3\n"

// objWriter writes numbered objects to a file as they come, in any order
// of their numbers, remembering each one's offset for the cross-reference
// section, and hashes everything it writes for the trailer's /ID. A number
// is reserved first (reserve) when something must refer to an object
// written later. The first write error is kept and returned by every later
// call.
type objWriter struct {
	w       *bufio.Writer
	sum     hash.Hash
	n       int64   // bytes written
	offsets []int64 // by object number; -1 reserved and not yet written
	err     error
	num     []byte               // scratch for numbers
	zs      *Compressors         // where deflate's compressors come from
	zws     map[int]*zlib.Writer // by level, reused by deflate
	zbuf    []byte               // reused by deflate
}

func newObjWriter(w io.Writer, zs *Compressors) *objWriter {
	o := &objWriter{w: bufio.NewWriterSize(w, 64<<10), sum: sha256.New(), offsets: []int64{0}, zs: zs}
	o.write([]byte(header))
	return o
}

func (o *objWriter) write(b []byte) {
	if o.err != nil {
		return
	}
	if _, err := o.w.Write(b); err != nil {
		o.err = err
		return
	}
	o.sum.Write(b)
	o.n += int64(len(b))
}

func (o *objWriter) writeString(s string) {
	if o.err != nil {
		return
	}
	if _, err := o.w.WriteString(s); err != nil {
		o.err = err
		return
	}
	io.WriteString(o.sum, s)
	o.n += int64(len(s))
}

// reserve returns a new object number, to be written later.
func (o *objWriter) reserve() int {
	o.offsets = append(o.offsets, -1)
	return len(o.offsets) - 1
}

// begin starts object nr (reserving a new number when nr is 0) and returns
// its number.
func (o *objWriter) begin(nr int) int {
	if nr == 0 {
		nr = o.reserve()
	}
	if o.offsets[nr] >= 0 && o.err == nil {
		o.err = errors.New("pdf: object " + strconv.Itoa(nr) + " written twice")
	}
	o.offsets[nr] = o.n
	o.num = strconv.AppendInt(o.num[:0], int64(nr), 10)
	o.num = append(o.num, " 0 obj\n"...)
	o.write(o.num)
	return nr
}

// object writes object nr (0: a new number) whose body is s, and returns
// its number.
func (o *objWriter) object(nr int, s string) int {
	nr = o.begin(nr)
	o.writeString(s)
	o.writeString("\nendobj\n")
	return nr
}

// dict writes a dictionary as object nr (0: a new number); keys are
// written in sorted order.
func (o *objWriter) dict(nr int, d types.Dict) int {
	return o.object(nr, d.PDFString())
}

// stream writes a stream object nr (0: a new number) with the dictionary
// entries d (Length is added) and data as it is to be stored.
func (o *objWriter) stream(nr int, d types.Dict, data []byte) int {
	if d == nil {
		d = types.Dict{}
	}
	d["Length"] = types.Integer(len(data))
	return o.rawStream(nr, d.PDFString(), data)
}

// rawStream writes a stream object whose dictionary, Length included, is
// dict.
func (o *objWriter) rawStream(nr int, dict string, data []byte) int {
	nr = o.begin(nr)
	o.writeString(dict)
	o.writeString("\nstream\n")
	o.write(data)
	o.writeString("\nendstream\nendobj\n")
	return nr
}

// streamParts writes a stream object nr (0: a new number) with the
// dictionary entries d (Length is added) and the data stored, given in
// pieces, as stream would write them joined.
func (o *objWriter) streamParts(nr int, d types.Dict, parts [][]byte) int {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	d["Length"] = types.Integer(n)
	nr = o.begin(nr)
	o.writeString(d.PDFString())
	o.writeString("\nstream\n")
	for _, p := range parts {
		o.write(p)
	}
	o.writeString("\nendstream\nendobj\n")
	return nr
}

// deflate compresses data at level with a compressor the writer keeps; the
// result is valid until the next call.
func (o *objWriter) deflate(data []byte, level int) ([]byte, error) {
	b := &sliceWriter{b: o.zbuf[:0]}
	zw := o.zws[level]
	if zw == nil {
		var err error
		if zw, err = o.zs.zlib(level, b); err != nil {
			return nil, err
		}
		if o.zws == nil {
			o.zws = map[int]*zlib.Writer{}
		}
		o.zws[level] = zw
	} else {
		zw.Reset(b)
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	o.zbuf = b.b
	return b.b, nil
}

// flateStream writes data compressed at level as a stream object.
func (o *objWriter) flateStream(nr int, d types.Dict, data []byte, level int) (int, error) {
	z, err := o.deflate(data, level)
	if err != nil {
		return 0, err
	}
	if d == nil {
		d = types.Dict{}
	}
	d["Filter"] = types.Name("FlateDecode")
	return o.stream(nr, d, z), nil
}

// finish writes the cross-reference section and the trailer (root, info
// and size, and an /ID hashed from every byte before it) and flushes.
func (o *objWriter) finish(root, info int) error {
	for nr := 1; nr < len(o.offsets); nr++ {
		if o.offsets[nr] < 0 && o.err == nil {
			o.err = errors.New("pdf: object " + strconv.Itoa(nr) + " reserved and never written")
		}
	}
	xref := o.n
	size := len(o.offsets)
	b := make([]byte, 0, 32+20*size)
	b = append(b, "xref\n0 "...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, "\n0000000000 65535 f\r\n"...)
	for nr := 1; nr < size; nr++ {
		s := strconv.AppendInt(o.num[:0], o.offsets[nr], 10)
		for range 10 - len(s) {
			b = append(b, '0')
		}
		b = append(b, s...)
		b = append(b, " 00000 n\r\n"...)
	}
	o.write(b)
	// The /ID is a hash of everything written before the trailer, so the
	// same Document and Options always give the same ID.
	id := types.NewHexLiteral(o.sum.Sum(nil)[:16])
	trailer := types.Dict{
		"Size": types.Integer(size),
		"Root": *types.NewIndirectRef(root, 0),
		"ID":   types.Array{id, id},
	}
	if info > 0 {
		trailer["Info"] = *types.NewIndirectRef(info, 0)
	}
	o.writeString("trailer\n" + trailer.PDFString() + "\nstartxref\n" + strconv.FormatInt(xref, 10) + "\n%%EOF\n")
	if o.err != nil {
		return o.err
	}
	// Every stream is written: the compressors go back for the next
	// document, in the order of their levels.
	levels := make([]int, 0, len(o.zws))
	for l := range o.zws {
		levels = append(levels, l)
	}
	slices.Sort(levels)
	for _, l := range levels {
		o.zs.putZlib(l, o.zws[l])
	}
	o.zws = nil
	return o.w.Flush()
}

// ref is a reference to object nr.
func ref(nr int) types.IndirectRef { return *types.NewIndirectRef(nr, 0) }

// sliceWriter appends what is written to b.
type sliceWriter struct{ b []byte }

func (s *sliceWriter) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}
