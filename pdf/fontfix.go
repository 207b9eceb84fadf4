package pdf

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// fonts finishes every Type0 font gopdf wrote: a subset tag on the names, a
// CIDToGIDMap, a sorted W array without duplicates, a complete ToUnicode
// CMap (gopdf's cannot express characters outside the BMP) and the font
// program with its outlines (gopdf embedded a stub; see fonts.Face.Subset).
func (f *finisher) fonts() error {
	for _, nr := range f.objNrs() {
		d, ok := f.ctx.Table[nr].Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "Font" || d.Subtype() == nil || *d.Subtype() != "Type0" {
			continue
		}
		if err := f.font(nr, d); err != nil {
			name, _ := d["BaseFont"].(types.Name)
			return fmt.Errorf("font %s: %w", name, err)
		}
	}
	return nil
}

func (f *finisher) font(nr int, d types.Dict) error {
	base, ok := d["BaseFont"].(types.Name)
	if !ok {
		return fmt.Errorf("no BaseFont")
	}
	tuRef, ok := d["ToUnicode"].(types.IndirectRef)
	if !ok {
		return fmt.Errorf("no ToUnicode")
	}
	tu, _, err := f.ctx.DereferenceStreamDict(tuRef)
	if err != nil || tu == nil {
		return fmt.Errorf("ToUnicode: %v", err)
	}
	if err := tu.Decode(); err != nil {
		return fmt.Errorf("ToUnicode: %w", err)
	}
	toUni, err := parseGopdfCMap(tu.Content)
	if err != nil {
		return err
	}
	desc, ok := d["DescendantFonts"].(types.Array)
	if !ok || len(desc) != 1 {
		return fmt.Errorf("want one descendant font")
	}
	cidRef, ok := desc[0].(types.IndirectRef)
	if !ok {
		return fmt.Errorf("descendant font is not indirect")
	}
	cid, err := f.ctx.DereferenceDict(cidRef)
	if err != nil {
		return err
	}
	widths, err := f.widths(cid["W"])
	if err != nil {
		return err
	}
	gids := make([]int, 0, len(widths))
	for g := range widths {
		gids = append(gids, g)
	}
	sort.Ints(gids)
	name := types.Name(subsetTag(string(base), gids) + "+" + string(base))

	d["BaseFont"] = name
	newTU, err := f.deflate(types.Dict{}, toUnicodeCMap(toUni))
	if err != nil {
		return err
	}
	d["ToUnicode"] = newTU
	f.changed[nr] = true

	cid["BaseFont"] = name
	cid["CIDToGIDMap"] = types.Name("Identity")
	cid["W"] = widthArray(gids, widths)
	f.changed[cidRef.ObjectNumber.Value()] = true

	fdRef, ok := cid["FontDescriptor"].(types.IndirectRef)
	if !ok {
		return fmt.Errorf("no font descriptor")
	}
	fd, err := f.ctx.DereferenceDict(fdRef)
	if err != nil {
		return err
	}
	fd["FontName"] = name
	// FontFamily is optional (PDF 1.5), but pdfcpu v0.11's strict validator
	// asks for it, and it names the family for readers that group faces.
	if fam := f.dr.familyNames[string(base)]; fam != "" {
		fd["FontFamily"] = byteString(fam)
	}
	program, ok := f.dr.programs[string(base)]
	if !ok {
		return fmt.Errorf("no font program drawn")
	}
	z, err := f.dr.zprograms[string(base)].bytes()
	if err != nil {
		return fmt.Errorf("compressing the font program: %w", err)
	}
	fd["FontFile2"], err = f.deflated(types.Dict{"Length1": types.Integer(len(program))}, z)
	if err != nil {
		return err
	}
	f.changed[fdRef.ObjectNumber.Value()] = true
	return nil
}

// widths reads a W array as gopdf writes it (gid [w] pairs).
func (f *finisher) widths(o types.Object) (map[int]int, error) {
	a, err := f.ctx.DereferenceArray(o)
	if err != nil {
		return nil, err
	}
	out := map[int]int{}
	for i := 0; i+1 < len(a); i += 2 {
		g, ok := a[i].(types.Integer)
		ws, ok2 := a[i+1].(types.Array)
		if !ok || !ok2 {
			return nil, fmt.Errorf("unexpected W array")
		}
		for k, w := range ws {
			switch w := w.(type) {
			case types.Integer:
				out[int(g)+k] = int(w)
			case types.Float:
				out[int(g)+k] = int(w)
			}
		}
	}
	return out, nil
}

// widthArray writes widths as runs of consecutive glyph ids.
func widthArray(gids []int, widths map[int]int) types.Array {
	var a types.Array
	for i := 0; i < len(gids); {
		j := i + 1
		for j < len(gids) && gids[j] == gids[j-1]+1 {
			j++
		}
		ws := make(types.Array, 0, j-i)
		for k := i; k < j; k++ {
			ws = append(ws, types.Integer(widths[gids[k]]))
		}
		a = append(a, types.Integer(gids[i]), ws)
		i = j
	}
	return a
}

// subsetTag derives the six-letter subset tag from the font name and the
// glyph set, so the same subset always gets the same tag.
func subsetTag(name string, gids []int) string {
	h := sha256.New()
	h.Write([]byte(name))
	var b [4]byte
	for _, g := range gids {
		binary.BigEndian.PutUint32(b[:], uint32(g))
		h.Write(b[:])
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// parseGopdfCMap reads the bfrange lines gopdf writes, "<gid><gid><cp>",
// where cp is the code point in hex (not UTF-16). A glyph reached from
// several characters keeps the first.
func parseGopdfCMap(b []byte) (map[int]rune, error) {
	out := map[int]rune{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	in := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasSuffix(line, "beginbfrange"):
			in = true
			continue
		case line == "endbfrange":
			in = false
			continue
		}
		if !in {
			continue
		}
		parts := strings.FieldsFunc(line, func(r rune) bool { return r == '<' || r == '>' || r == ' ' })
		if len(parts) != 3 {
			return nil, fmt.Errorf("ToUnicode: unexpected line %q", line)
		}
		lo, err1 := strconv.ParseUint(parts[0], 16, 32)
		hi, err2 := strconv.ParseUint(parts[1], 16, 32)
		cp, err3 := strconv.ParseUint(parts[2], 16, 32)
		if err1 != nil || err2 != nil || err3 != nil || lo != hi {
			return nil, fmt.Errorf("ToUnicode: unexpected line %q", line)
		}
		if _, dup := out[int(lo)]; !dup {
			out[int(lo)] = rune(cp)
		}
	}
	return out, sc.Err()
}

// toUnicodeCMap writes a ToUnicode CMap with one bfchar entry per glyph,
// in glyph order, in UTF-16BE (surrogate pairs beyond the BMP).
func toUnicodeCMap(m map[int]rune) []byte {
	gids := make([]int, 0, len(m))
	for g := range m {
		gids = append(gids, g)
	}
	sort.Ints(gids)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	b.Grow(len(gids)*16 + 256)
	var line []byte
	var u16 []uint16
	for i := 0; i < len(gids); i += 100 {
		j := min(i+100, len(gids))
		b.WriteString(strconv.Itoa(j-i) + " beginbfchar\n")
		for _, g := range gids[i:j] {
			line = append(line[:0], '<')
			line = appendHex4(line, uint16(g))
			line = append(line, "> <"...)
			u16 = utf16.AppendRune(u16[:0], m[g])
			for _, u := range u16 {
				line = appendHex4(line, u)
			}
			line = append(line, ">\n"...)
			b.Write(line)
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// appendHex4 appends v as four upper-case hexadecimal digits (as %04X).
func appendHex4(b []byte, v uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}

// byteString writes s as a literal string when it is plain printable ASCII
// with nothing to escape, and as a UTF-16BE text string otherwise.
func byteString(s string) types.Object {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '(' || c == ')' || c == '\\' {
			return text(s)
		}
	}
	return types.StringLiteral(s)
}
