package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"sync"
	"testing"

	kzlib "github.com/klauspost/compress/zlib"

	"github.com/broadsheet-news/broadsheet/display"
	"github.com/broadsheet-news/broadsheet/fonts"
)

// joined is z's stream in one piece.
func joined(z *zstream) ([]byte, error) {
	parts, err := z.wait()
	return bytes.Join(parts, nil), err
}

// TestStartDeflate checks that the pieces compressed concurrently join into
// one zlib stream that inflates to the input, for sizes around the piece
// boundaries, on repetitive text and on noise; and that the bytes are the
// same whatever the number of workers (and so of reused compressors).
func TestStartDeflate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 3*zlibChunk+77)
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	// Text that repeats: each piece's first matches reach into the piece
	// before.
	repeat := bytes.Repeat([]byte("港区新闻 第5321期 澜江经济开发区重点项目集中开工。"), 3*zlibChunk/60)
	for _, data := range [][]byte{
		nil, {0}, noise[:zlibChunk-1], noise[:zlibChunk], noise[:zlibChunk+1], noise, repeat,
	} {
		var first []byte
		for _, n := range []int{1, 2, 8} {
			z, err := joined(startDeflate(newWorkersN(n, NewCompressors()), data))
			if err != nil {
				t.Fatalf("%d bytes, %d workers: %v", len(data), n, err)
			}
			r, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatalf("%d bytes: %v", len(data), err)
			}
			back, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%d bytes: inflating: %v", len(data), err)
			}
			if !bytes.Equal(back, data) {
				t.Fatalf("%d bytes: inflates to %d different bytes", len(data), len(back))
			}
			if first == nil {
				first = z
			} else if !bytes.Equal(z, first) {
				t.Errorf("%d bytes: %d workers give other bytes than 1", len(data), n)
			}
		}
	}
}

// TestDeflatePiecesCostLittle: a font program compressed in primed pieces
// (startDeflate) is within 400 bytes a piece of one stream of the same
// compressor. On these 2,000 of the body face's glyphs (four pieces) the
// pieces cost 325 bytes each primed with 8 kB, 1,010 unprimed, and under
// 64 primed with 32 kB (which costs a fast matcher a quarter more work).
func TestDeflatePiecesCostLittle(t *testing.T) {
	face, err := sharedLib().Face(fonts.Serif)
	if err != nil {
		t.Fatal(err)
	}
	glyphs := []uint16{0}
	for g := uint16(3000); g < 5000; g++ { // Han characters, in the face's order
		glyphs = append(glyphs, g)
	}
	program, err := face.SubsetGlyphs(glyphs)
	if err != nil {
		t.Fatal(err)
	}
	pieces := (len(program) + zlibChunk - 1) / zlibChunk
	if pieces < 3 {
		t.Fatalf("%d bytes make %d pieces: too few to test", len(program), pieces)
	}
	z, err := joined(startDeflate(newWorkersN(2, NewCompressors()), program))
	if err != nil {
		t.Fatal(err)
	}
	var one bytes.Buffer
	w, _ := kzlib.NewWriterLevel(&one, fontLevel)
	w.Write(program)
	w.Close()
	if len(z) > one.Len()+400*(pieces-1) {
		t.Errorf("%d bytes in %d pieces, %d in one stream", len(z), pieces, one.Len())
	}
}

// Writers that share a Compressors, one after the other and at once, write
// the bytes each writes alone: a compressor lent again keeps nothing of
// the document it compressed before.
func TestSharedCompressors(t *testing.T) {
	docs := []*display.Document{testDoc(t, 2), testDoc(t, 1)}
	opts := []Options{{}, {Marks: true}}
	var alone [][]byte
	for i, doc := range docs {
		alone = append(alone, render(t, doc, opts[i]))
	}
	zs := NewCompressors()
	for round := range 2 {
		got := make([][]byte, len(docs))
		var wg sync.WaitGroup
		for i, doc := range docs {
			opt := opts[i]
			opt.Compressors = zs
			if round == 0 { // one after the other
				got[i] = render(t, doc, opt)
				continue
			}
			wg.Add(1)
			go func() { // at once
				defer wg.Done()
				var b bytes.Buffer
				if err := Write(&b, doc, sharedLib(), opt); err != nil {
					t.Errorf("Write: %v", err)
				}
				got[i] = b.Bytes()
			}()
		}
		wg.Wait()
		for i := range docs {
			if !bytes.Equal(got[i], alone[i]) {
				t.Errorf("round %d: document %d differs with shared compressors", round, i)
			}
		}
	}
	zs.mu.Lock()
	kept := len(zs.fonts) + len(zs.zlibs[contentLevel])
	zs.mu.Unlock()
	if kept == 0 {
		t.Error("the writers gave no compressor back")
	}
}
