package editions

import (
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder turns a YAML node tree into the raw edition structs, strictly:
// an unknown key, a wrong type or a missing required key is a problem at
// its line and column, and decoding goes on so that every problem in the
// file is reported at once.
//
// Struct fields are matched by their `yaml:"name"` tag; ",required" marks a
// key that must be present. A field named At of type Pos receives the
// position of the mapping it was decoded from. Types that implement
// nodeDecoder decode themselves.
type decoder struct {
	ps      *problems
	article string // id of the article being decoded, for messages
	aliases int    // alias expansions left: guards against alias bombs
	src     []byte // the file, for the columns of block scalars' lines
	// lineStarts is where each line of src starts, found when a block
	// scalar first needs it (blockColumn).
	lineStarts []int
	structs    map[reflect.Type]*structInfo // the raw struct types met so far
}

// nodeDecoder is implemented by raw types that read their own node.
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node)
}

const maxAliasExpansions = 1000

func (d *decoder) add(n *yaml.Node, format string, args ...any) {
	d.ps.add(n.Line, n.Column, d.article, format, args...)
}

// resolve follows aliases, within the expansion budget.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		if d.aliases <= 0 {
			d.add(n, "too many alias expansions (a YAML alias bomb?)")
			return nil
		}
		d.aliases--
		n = n.Alias
	}
	return n
}

// maxQuoted is the most bytes of a value kindName quotes: enough to know
// it by.
const maxQuoted = 64

// kindName names what node n is, for a message: a mapping, a list, or the
// text it holds, quoted (its first maxQuoted bytes).
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(clip(n.Value, maxQuoted))
	}
	return "something else"
}

// decode reads n into v (addressable).
func (d *decoder) decode(n *yaml.Node, v reflect.Value, what string) {
	n = d.resolve(n)
	if n == nil {
		return
	}
	if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
		nd.decodeNode(d, n)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return
		}
		p := reflect.New(v.Type().Elem())
		before := len(d.ps.list)
		d.decode(n, p.Elem(), what)
		if len(d.ps.list) == before || v.Type().Elem().Kind() == reflect.Struct {
			v.Set(p) // a scalar that failed to decode stays unset
		}
	case reflect.Struct:
		d.decodeStruct(n, v, what)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.add(n, "%s should be a list, not %s", what, kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), what+" item")
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.add(n, "%s should be text, not %s", what, kindName(n))
			return
		}
		if n.Tag != "!!null" {
			v.SetString(n.Value)
		}
	case reflect.Int:
		// Numbers are decimal as a person writes them: 05321 is 5321 and
		// 010 is 10 (yaml.v3 would read them as octal), and 0x10 is no number.
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || !decimalRE.MatchString(n.Value) {
			d.add(n, "%s should be a whole number, not %s", what, kindName(n))
			return
		}
		i, err := parseWhole(n.Value)
		if err != nil {
			d.add(n, "%s: %s is too large", what, n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.add(n, "%s should be true or false, not %s", what, kindName(n))
			return
		}
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		v.SetBool(b)
	default:
		d.add(n, "internal: cannot decode %s into %s", what, v.Type())
	}
}

type fieldInfo struct {
	index    int
	required bool
}

// structInfo is what decoding needs to know of a raw struct type: its keys
// by name, the names sorted (for messages), and the index of its At field
// (-1 when it has none).
type structInfo struct {
	fields map[string]fieldInfo
	names  []string
	at     int
}

var posType = reflect.TypeOf(Pos{})

// structFields returns t's structInfo, worked out on the first struct of
// type t that the decoder meets and kept for the rest of the file.
func (d *decoder) structFields(t reflect.Type) *structInfo {
	if si, ok := d.structs[t]; ok {
		return si
	}
	si := &structInfo{fields: map[string]fieldInfo{}, at: -1}
	if f, ok := t.FieldByName("At"); ok && f.Type == posType && len(f.Index) == 1 {
		si.at = f.Index[0]
	}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		si.fields[name] = fieldInfo{index: i, required: opts == "required"}
		si.names = append(si.names, name)
	}
	sort.Strings(si.names)
	if d.structs == nil {
		d.structs = map[reflect.Type]*structInfo{}
	}
	d.structs[t] = si
	return si
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, what string) {
	si := d.structFields(v.Type())
	at := Pos{File: d.ps.file, Line: n.Line, Column: n.Column}
	if si.at >= 0 {
		v.Field(si.at).Set(reflect.ValueOf(at))
	}
	if n.Kind != yaml.MappingNode {
		d.add(n, "%s should be a mapping of keys to values, not %s", what, kindName(n))
		// The checks after decoding name a struct's problems by its At
		// or its fields' places, which a struct that is not a mapping
		// must have too: "pages: [a]" gave "page number should be 1 or
		// more, not 0" at no line at all, "articles: [a]" an article id
		// "" at none. Its fields stand where it does.
		setUnplaced(v, at)
		return
	}
	fields, names := si.fields, si.names
	var seen uint64 // bit i: field i was given (TestRawStructsFitSeenBits: no raw struct has 64 fields)
	pairs := d.mergedPairs(n, what, 0)
	for i := 0; i+1 < len(pairs); i += 2 {
		k, val := pairs[i], pairs[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			d.add(k, "a key in %s should be a plain name", what)
			continue
		}
		f, ok := fields[key]
		if !ok {
			if s := suggest(key, names); s != "" {
				d.add(k, "unknown key %q in %s (did you mean %q?)", key, what, s)
			} else {
				d.add(k, "unknown key %q in %s (known keys: %s)", key, what, strings.Join(names, ", "))
			}
			continue
		}
		if seen&(1<<f.index) != 0 {
			d.add(k, "key %q appears twice in %s", key, what)
			continue
		}
		seen |= 1 << f.index
		if rv := d.resolve(val); f.required && rv != nil && rv.Kind == yaml.ScalarNode && (rv.Tag == "!!null" || strings.TrimSpace(rv.Value) == "") {
			d.add(k, "%s is empty: the %s needs a value here", key, strings.TrimPrefix(what, "the "))
			continue
		}
		d.decode(val, v.Field(f.index), strings.ReplaceAll(key, "-", " "))
	}
	for _, name := range names {
		if f := fields[name]; f.required && seen&(1<<f.index) == 0 {
			d.add(n, "%s is missing the required key %q", what, name)
		}
	}
	// A key not given, or given but not read, stands where its mapping
	// does: the checks after decoding place what they find about it
	// there ("photo: {}" gave a problem of its file at no line at all).
	setUnplaced(v, at)
}

// setUnplaced gives every scalar field of the struct v that has no place
// of its own the place at.
func setUnplaced(v reflect.Value, at Pos) {
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.CanAddr() && f.CanInterface() {
			if s, ok := f.Addr().Interface().(*scalar); ok && s.Pos.Line == 0 {
				s.Pos = at
			}
		}
	}
}
