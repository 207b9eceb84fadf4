package fonts

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/broadsheet-news/broadsheet/internal/fonttest"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
	"github.com/broadsheet-news/broadsheet/units"
)

var builtinPS = map[string]string{
	Serif:     "NotoSerifSC-Regular",
	SerifBold: "NotoSerifSC-Bold",
	SansBold:  "NotoSansSC-Bold",
	SansBlack: "NotoSansSC-Black",
	Kai:       "LXGWWenKai-Regular",
}

func notoNames() []string { return []string{Serif, SerifBold, SansBold, SansBlack} }

func face(t testing.TB, l *Library, name string) *Face {
	t.Helper()
	f, err := l.Face(name)
	if err != nil {
		t.Fatalf("Face(%q): %v", name, err)
	}
	return f
}

func TestNamesSorted(t *testing.T) {
	got := strings.Join(NewLibrary().Names(), ",")
	if want := "kai,sans-black,sans-bold,serif,serif-bold"; got != want {
		t.Fatalf("Names() = %s, want %s", got, want)
	}
}

func TestBuiltinsLoad(t *testing.T) {
	l := NewLibrary()
	for name, ps := range builtinPS {
		f := face(t, l, name)
		if f.Name() != name {
			t.Errorf("%s: Name() = %q", name, f.Name())
		}
		if f.PostScriptName() != ps {
			t.Errorf("%s: PostScriptName() = %q, want %q", name, f.PostScriptName(), ps)
		}
		if f.UnitsPerEm() != 1000 {
			t.Errorf("%s: UnitsPerEm() = %d, want 1000", name, f.UnitsPerEm())
		}
		if !f.Covers('中') || !f.Covers('a') || !f.Covers('。') {
			t.Errorf("%s: does not cover 中, a or 。", name)
		}
		if f.Covers(0x10FFFF) || f.Covers(-1) || f.Covers(0x110000) {
			t.Errorf("%s: covers a rune it cannot", name)
		}
		if len(f.Bytes()) < 1<<20 || string(f.Bytes()[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("%s: Bytes() is not a TrueType file", name)
		}
		if a, d := f.Ascent(units.Pt(10)), f.Descent(units.Pt(10)); a <= 0 || d <= 0 || a+d < units.Pt(10) {
			t.Errorf("%s: ascent %v + descent %v at 10pt", name, a, d)
		}
		if a, d := f.TypoAscent(units.Pt(10)), f.TypoDescent(units.Pt(10)); a+d != units.Pt(10) {
			t.Errorf("%s: typo ascent %v + descent %v is not the 10pt em box", name, a, d)
		}
	}
}

func TestFullWidthAdvance(t *testing.T) {
	l := NewLibrary()
	size := units.Pt(9)
	for _, name := range notoNames() {
		f := face(t, l, name)
		for _, r := range "中国新闻。，、：；！？（）《》　" {
			if got := f.Advance(r, size); got != size {
				t.Errorf("%s: Advance(%q, 9pt) = %v, want 9pt", name, r, got)
			}
		}
		if a := f.Advance('a', size); a <= 0 || a >= size {
			t.Errorf("%s: Advance('a', 9pt) = %v, want in (0, 9pt)", name, a)
		}
	}
	kai := face(t, l, Kai)
	if got := kai.Advance('中', size); got != size {
		t.Errorf("kai: Advance('中', 9pt) = %v, want 9pt", got)
	}
}

func TestAdvanceRounds(t *testing.T) {
	f := face(t, NewLibrary(), Serif)
	units1 := int64(f.AdvanceUnits('a')) // 557 in Noto Serif SC
	for _, size := range []units.Length{1, 7, 999, units.Pt(9), units.Pt(36) + 333} {
		want := units.Length((int64(size)*units1 + 500) / 1000)
		if got := f.Advance('a', size); got != want {
			t.Errorf("Advance('a', %d) = %d, want %d", size, got, want)
		}
	}
}

func TestInkBounds(t *testing.T) {
	l := NewLibrary()
	size := units.Pt(10)
	for _, name := range notoNames() {
		f := face(t, l, name)
		// 。 and ， are set in the left half of the em in simplified Chinese.
		for _, r := range "。，、" {
			left, right := f.InkBounds(r, size)
			if left <= 0 || right <= left || right > size/2 {
				t.Errorf("%s: InkBounds(%q) = %v..%v, want within (0, 5pt]", name, r, left, right)
			}
		}
		// An opening bracket is set in the right half, a closing one in the left.
		if left, _ := f.InkBounds('（', size); left < size/2 {
			t.Errorf("%s: （ ink starts at %v, want in the right half", name, left)
		}
		if _, right := f.InkBounds('）', size); right > size/2 {
			t.Errorf("%s: ） ink ends at %v, want in the left half", name, right)
		}
		left, right := f.InkBounds('中', size)
		if left <= 0 || right >= size || right-left < size/2 {
			t.Errorf("%s: InkBounds('中') = %v..%v", name, left, right)
		}
		for _, r := range " \u3000" {
			if left, right := f.InkBounds(r, size); left != 0 || right != 0 {
				t.Errorf("%s: InkBounds(%q) = %v..%v, want 0..0 for a blank glyph", name, r, left, right)
			}
		}
		if left, right := f.InkBounds(0x10FFFF, size); left != 0 || right != 0 {
			t.Errorf("%s: InkBounds of an uncovered rune = %v..%v", name, left, right)
		}
	}
}

func TestGlyphIndex(t *testing.T) {
	f := face(t, NewLibrary(), Serif)
	g, ok := f.GlyphIndex('中')
	if !ok || g == 0 || int(g) >= f.NumGlyphs() {
		t.Fatalf("GlyphIndex('中') = %d, %v", g, ok)
	}
	if f.GlyphAdvance(g, units.Pt(9)) != f.Advance('中', units.Pt(9)) {
		t.Errorf("GlyphAdvance and Advance disagree")
	}
	if f.GlyphAdvance(uint16(f.NumGlyphs()), units.Pt(9)) != 0 {
		t.Errorf("GlyphAdvance out of range is not 0")
	}
	if _, ok := f.GlyphIndex(0x20000); ok {
		t.Logf("Noto Serif SC covers U+20000") // not expected for the SC subset, but not wrong
	}
}

func TestFaceConcurrentParsesOnce(t *testing.T) {
	l := NewLibrary()
	const n = 32
	faces := make([]*Face, n)
	var wg sync.WaitGroup
	for i := range faces {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := Serif
			if i%2 == 1 {
				name = Kai
			}
			f, err := l.Face(name)
			if err != nil {
				t.Error(err)
			}
			faces[i] = f
		}()
	}
	wg.Wait()
	for i := 2; i < n; i++ {
		if faces[i] != faces[i%2] {
			t.Fatalf("Face call %d returned a different *Face", i)
		}
	}
	if faces[0] == faces[1] {
		t.Fatal("serif and kai are the same face")
	}
	if got := l.parses.Load(); got != 2 {
		t.Fatalf("parsed %d times, want 2 (serif and kai once each)", got)
	}
	if _, err := l.Face(Serif); err != nil || l.parses.Load() != 2 {
		t.Fatalf("a later call parsed again (%d parses, err %v)", l.parses.Load(), err)
	}
	if NewLibrary().parses.Load() != 0 {
		t.Fatal("a new library shares parse state")
	}
}

func TestUnknownFace(t *testing.T) {
	_, err := NewLibrary().Face("comic")
	if err == nil || !strings.Contains(err.Error(), `"comic"`) || !strings.Contains(err.Error(), "serif") {
		t.Fatalf("Face(comic) error = %v, want it to name the font and the known ones", err)
	}
}

func TestAddFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "kai.ttf")
	if err := os.WriteFile(good, []byte(lxgwWenKaiRegular), 0o644); err != nil {
		t.Fatal(err)
	}
	l := NewLibrary()
	if err := l.AddFile("mine", good); err != nil {
		t.Fatal(err)
	}
	f := face(t, l, "mine")
	if f.PostScriptName() != "LXGWWenKai-Regular" || f.Source() != good || f.Name() != "mine" {
		t.Errorf("user face: %q from %q named %q", f.PostScriptName(), f.Source(), f.Name())
	}
	if err := l.AddFile("mine", good); err == nil {
		t.Error("AddFile with a taken name succeeded")
	}
	if err := l.AddFile(Serif, good); err == nil {
		t.Error("AddFile over a built-in name succeeded")
	}
	if got := strings.Join(l.Names(), ","); got != "kai,mine,sans-black,sans-bold,serif,serif-bold" {
		t.Errorf("Names() = %s", got)
	}
}

func TestAddFileErrorsNamePath(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.ttf")
	text := filepath.Join(dir, "notes.ttf")
	otf := filepath.Join(dir, "cff.otf")
	short := filepath.Join(dir, "short.ttf")
	os.WriteFile(text, []byte("this is not a font at all"), 0o644)
	os.WriteFile(otf, []byte("OTTO\x00\x0a\x00\x80"), 0o644)
	os.WriteFile(short, []byte("\x00\x01"), 0o644)
	for _, path := range []string{missing, text, otf, short, dir} {
		err := NewLibrary().AddFile("x", path)
		if err == nil {
			t.Errorf("AddFile(%s) succeeded", path)
			continue
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("AddFile(%s) error %q does not name the path", path, err)
		}
	}
	if err := NewLibrary().AddFile("x", missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error %v is not fs.ErrNotExist", err)
	}
}

// TestAddFileRefusesHugeOrNotAFile: a font file past fsafe.MaxFont (a
// sparse file of 3 GB was read whole, 3 GB of memory) and a FIFO (whose
// open blocked) are refused by AddFile, naming the path; a file that grew
// past the cap after AddFile is refused on first use.
func TestAddFileRefusesHugeOrNotAFile(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.ttf")
	if err := os.WriteFile(huge, []byte("\x00\x01\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, fsafe.MaxFont+1); err != nil {
		t.Skip(err)
	}
	fifo := filepath.Join(dir, "pipe.ttf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{huge: "more than", fifo: "named pipe"} {
		if err := NewLibrary().AddFile("x", path); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) {
			t.Errorf("AddFile(%s) = %v, want an error naming the path and %q", path, err, want)
		}
	}
	grown := filepath.Join(dir, "grown.ttf")
	if err := os.WriteFile(grown, []byte("\x00\x01\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := NewLibrary()
	if err := l.AddFile("grown", grown); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(grown, fsafe.MaxFont+1); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Face("grown"); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("Face of a font grown past the cap: %v", err)
	}
}

func TestAddFileBrokenFontErrorsOnFirstUse(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "truncated.ttf")
	os.WriteFile(path, []byte(notoSerifSCRegular[:5000]), 0o644)
	l := NewLibrary()
	if err := l.AddFile("broken", path); err != nil {
		t.Fatalf("header is fine, AddFile should accept it: %v", err)
	}
	for range 2 { // the error is remembered, not re-parsed
		_, err := l.Face("broken")
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), `"broken"`) {
			t.Fatalf("Face(broken) error = %v, want one naming the font and %s", err, path)
		}
	}
	if l.parses.Load() != 1 {
		t.Fatalf("parsed %d times", l.parses.Load())
	}
	// The file vanishing between AddFile and first use is reported too.
	gone := filepath.Join(dir, "gone.ttf")
	os.WriteFile(gone, []byte(lxgwWenKaiRegular[:64]), 0o644)
	if err := l.AddFile("gone", gone); err != nil {
		t.Fatal(err)
	}
	os.Remove(gone)
	if _, err := l.Face("gone"); err == nil || !strings.Contains(err.Error(), gone) {
		t.Fatalf("Face(gone) error = %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	for _, c := range []struct {
		name, data, want string
	}{
		{"empty", "", "not a font"},
		{"cff", "OTTO\x00\x00\x00\x00\x00\x00\x00\x00", "CFF"},
		{"ttc", "ttcf\x00\x01\x00\x00\x00\x00\x00\x00", "collection"},
		{"woff", "wOFF\x00\x01\x00\x00\x00\x00\x00\x00", "WOFF"},
		{"dir", "\x00\x01\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00", "table directory"},
		{"past end", "\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00head\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x01\x00", "past the end"},
		{"no head", "\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "no head table"},
	} {
		_, err := Parse("x", []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Parse error = %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// FuzzParse checks that no input makes Parse panic, and that a face it
// accepts answers every lookup without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00head\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x10"))
	f.Add(fonttest.Tiny())
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := Parse("fuzz", data)
		if err != nil {
			return
		}
		for _, r := range []rune{0, 'a', '中', 0xFFFF, 0x10000, 0x20000, 0x10FFFF, -1} {
			face.Covers(r)
			face.Advance(r, units.Pt(9))
			face.InkBounds(r, units.Pt(9))
		}
		face.Ascent(units.Pt(9))
		face.Descent(units.Pt(9))
	})
}

func TestUnknownFontError(t *testing.T) {
	_, err := NewLibrary().Face("fangsong")
	var u *UnknownFontError
	if !errors.As(err, &u) || u.Name != "fangsong" || len(u.Known) != 5 {
		t.Fatalf("error %v is not an UnknownFontError for fangsong", err)
	}
}

// TestInkBox: the em dash's ink is a bar above the baseline inside its
// horizontal bounds, and a space has none.
func TestInkBox(t *testing.T) {
	f, err := NewLibrary().Face(Serif)
	if err != nil {
		t.Fatal(err)
	}
	size := units.Pt(10)
	x0, y0, x1, y1 := f.InkBox('—', size)
	l, r := f.InkBounds('—', size)
	if x0 != l || x1 != r || !(0 < y0 && y0 < y1 && y1 < size) {
		t.Errorf("em dash ink box %v %v %v %v (bounds %v %v)", x0, y0, x1, y1, l, r)
	}
	if a, b, c, d := f.InkBox(' ', size); a != 0 || b != 0 || c != 0 || d != 0 {
		t.Errorf("space ink box %v %v %v %v", a, b, c, d)
	}
}

// TestBuiltinNames: Builtin lists exactly the embedded faces, sorted, and
// each loads.
func TestBuiltinNames(t *testing.T) {
	var want []string
	for _, b := range builtins() {
		want = append(want, b.name)
	}
	sort.Strings(want)
	if got := Builtin(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Builtin() = %v, want %v", got, want)
	}
	l := NewLibrary()
	for _, n := range Builtin() {
		if _, err := l.Face(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}
