package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/broadsheet-news/broadsheet/internal/pdfbox"
	"github.com/broadsheet-news/broadsheet/internal/pdftest"
)

// objectRecursive is migrator.object as it was written before it kept its
// own stack: by recursion, one call a level. It is kept as the oracle the
// tests compare the copy with (TestMigratorSameAsRecursive).
func (m *migrator) objectRecursive(o types.Object) (types.Object, error) {
	switch o := o.(type) {
	case types.IndirectRef:
		nr := o.ObjectNumber.Value()
		if r, ok := m.done[nr]; ok {
			return r, nil
		}
		obj, err := m.src.Dereference(o)
		if err != nil {
			return nil, err
		}
		r := ref(m.o.reserve()) // the number first: cycles
		m.done[nr] = r
		c, err := m.objectRecursive(obj)
		if err != nil {
			return nil, err
		}
		if err := m.write(r.ObjectNumber.Value(), c); err != nil {
			return nil, err
		}
		return r, nil
	case types.Dict:
		return m.dictRecursive(o)
	case types.StreamDict:
		d := o.Dict.Clone().(types.Dict)
		delete(d, "Length") // may be a reference; written anew
		d, err := m.dictRecursive(d)
		if err != nil {
			return nil, err
		}
		sd := o
		sd.Dict = d
		return sd, nil
	case types.Array:
		a := make(types.Array, len(o))
		for i, v := range o {
			c, err := m.objectRecursive(v)
			if err != nil {
				return nil, err
			}
			a[i] = c
		}
		return a, nil
	default:
		return o, nil
	}
}

func (m *migrator) dictRecursive(d types.Dict) (types.Dict, error) {
	keys := make([]string, 0, len(d))
	for k := range d {
		if k != "Parent" && k != "P" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := types.Dict{}
	for _, k := range keys {
		c, err := m.objectRecursive(d[k])
		if err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, nil
}

// migrateBoth copies the resources of data's first page with the
// migrator and with objectRecursive, each into an object writer of its
// own, and returns what each wrote, the copied resources' text appended.
// ok is false when data is not an ad either reads.
func migrateBoth(t *testing.T, data []byte) (iterative, recursive []byte, ok bool) {
	t.Helper()
	var outs [2][]byte
	for i := range outs {
		src, err := readPDF(data)
		if err != nil {
			return nil, nil, false
		}
		if src.EnsurePageCount() != nil {
			return nil, nil, false
		}
		_, inh, err := pdfbox.FirstPage(src)
		if err != nil || inh.Resources == nil {
			return nil, nil, false
		}
		var b bytes.Buffer
		m := &migrator{src: src, o: newObjWriter(&b, nil), done: map[int]types.IndirectRef{}}
		var res types.Object
		if i == 0 {
			res, err = m.object(inh.Resources)
		} else {
			res, err = m.objectRecursive(inh.Resources)
		}
		if err == nil {
			err = m.o.w.Flush()
		}
		if err != nil {
			b.WriteString("error: " + err.Error())
		} else {
			b.WriteString(res.PDFString())
		}
		outs[i] = b.Bytes()
	}
	return outs[0], outs[1], true
}

// TestMigratorSameAsRecursive: the migrator, which keeps its own stack,
// copies the resources of every ad the tests hold (the samples', the
// hostile ones) to the same bytes as the recursive copy it replaced; and
// a chain of 20,000 objects is copied whole with the goroutine's stack
// held to 8 MB, which the recursive copy, 20,000 calls deep, would have
// overflowed (fatally: a million-object ad did so within the default
// 1 GB).
func TestMigratorSameAsRecursive(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../editions/samples/ads/*.pdf", "../editions/testdata/hostile/*.pdf"} {
		ps, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, ps...)
	}
	compared := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, b, ok := migrateBoth(t, data)
		if !ok {
			continue
		}
		compared++
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the migrator wrote %d bytes, the recursive copy %d, not the same", p, len(a), len(b))
		}
	}
	if compared < 5 {
		t.Fatalf("compared %d ads, want the samples' and the hostile ones", compared)
	}

	const n = 20000
	var objs []string
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Resources << /ExtGState << /G 4 0 R >> >> >>")
	for i := range n {
		objs = append(objs, fmt.Sprintf("<< /N %d 0 R >>", i+5))
	}
	objs = append(objs, "<< /Type /ExtGState >>")
	src, err := readPDF(pdftest.File(objs...))
	if err != nil {
		t.Fatal(err)
	}
	if err := src.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	_, inh, err := pdfbox.FirstPage(src)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	m := &migrator{src: src, o: newObjWriter(&b, nil), done: map[int]types.IndirectRef{}}
	defer debug.SetMaxStack(debug.SetMaxStack(8 << 20))
	if _, err := m.object(inh.Resources); err != nil {
		t.Fatal(err)
	}
	if len(m.done) != n+1 {
		t.Errorf("copied %d objects of the chain, want %d", len(m.done), n+1)
	}
}
