package doc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Dump writes an indented, line-per-node text form of the tree rooted at n,
// for golden tests and `galley tree`. Each line is the node kind, its
// position (line:col) and its non-empty scalar fields; child nodes follow,
// indented, under the name of the field that holds them when that is not
// the node's main content.
func Dump(w io.Writer, n Node) error {
	var b bytes.Buffer
	dumpValue(&b, reflect.ValueOf(n), 0)
	_, err := w.Write(b.Bytes())
	return err
}

// DumpString is Dump into a string.
func DumpString(n Node) string {
	var b strings.Builder
	_ = Dump(&b, n)
	return b.String()
}

// isMainField reports whether a field is printed without a label: it is
// the node's content.
func isMainField(name string) bool {
	switch name {
	case "Content", "Blocks", "Items", "Cells", "Entries", "Groups":
		return true
	}
	return false
}

func dumpValue(b *bytes.Buffer, v reflect.Value, depth int) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	t := v.Type()
	indent := strings.Repeat("  ", depth)
	b.WriteString(indent)
	b.WriteString(t.Name())
	if p, ok := v.Addr().Interface().(Node); ok {
		pos := p.Position()
		if pos.IsValid() {
			fmt.Fprintf(b, " %d:%d", pos.Line, pos.Col)
		}
	}
	var children []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := v.Field(i)
		if f.Name == "Pos" || isZero(fv) {
			continue
		}
		if isNodeField(f.Type) {
			children = append(children, f)
			continue
		}
		b.WriteByte(' ')
		b.WriteString(strings.ToLower(f.Name))
		b.WriteByte('=')
		writeScalar(b, fv)
	}
	b.WriteByte('\n')
	for _, f := range children {
		fv := v.FieldByIndex(f.Index)
		d := depth + 1
		if !isMainField(f.Name) {
			b.WriteString(indent + "  " + f.Name + ":\n")
			d++
		}
		if fv.Kind() == reflect.Slice {
			for j := 0; j < fv.Len(); j++ {
				dumpValue(b, fv.Index(j), d)
			}
		} else {
			dumpValue(b, fv, d)
		}
	}
}

// isNodeField reports whether a field holds nodes (or a Meta, which is
// printed like one) rather than scalars. Outline entries are derived and
// point back at their headings, so they are printed as scalars-only lines
// by not descending into Heading.
func isNodeField(t reflect.Type) bool {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
		if t.Kind() == reflect.Slice { // [][]Block and the like
			t = t.Elem()
		}
	}
	if t == reflect.TypeOf(Meta{}) {
		return true
	}
	if t.Kind() == reflect.Pointer && t.Elem() == reflect.TypeOf(Heading{}) {
		return false
	}
	return t.Implements(reflect.TypeFor[Node]())
}

func isZero(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

func writeScalar(b *bytes.Buffer, v reflect.Value) {
	switch x := v.Interface().(type) {
	case string:
		b.WriteString(strconv.Quote(x))
	case Attr:
		b.WriteString(x.String())
	case []CodeToken:
		for i, tok := range x {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tok.Class.String())
			b.WriteString(strconv.Quote(tok.Text))
		}
	case []string:
		for i, s := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(s))
		}
	case []Pos:
		for i, p := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(b, "%d:%d", p.Line, p.Col)
		}
	case []Alignment:
		for i, a := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(a.String())
		}
	case *Heading:
		fmt.Fprintf(b, "%d:%d", x.Line, x.Col)
	case fmt.Stringer:
		b.WriteString(x.String())
	default:
		fmt.Fprint(b, x)
	}
}

// String formats the attributes as in the source: {#id .class key="val"}.
func (a Attr) String() string {
	var parts []string
	if a.ID != "" {
		parts = append(parts, "#"+a.ID)
	}
	for _, c := range a.Classes {
		parts = append(parts, "."+c)
	}
	for _, kv := range a.KV {
		parts = append(parts, kv.Key+"="+strconv.Quote(kv.Value))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// String names the list kind.
func (k ListKind) String() string {
	return [...]string{"bullet", "ordered", "task"}[k]
}

// String names the task state.
func (s TaskState) String() string {
	return [...]string{"none", "open", "done"}[s]
}

// String names the alignment.
func (a Alignment) String() string {
	return [...]string{"default", "left", "center", "right"}[a]
}

// JSON returns the tree rooted at n as indented JSON: each node an object
// with "type" and "pos" members followed by its non-empty fields, children
// nested. Field order is stable.
func JSON(n Node) ([]byte, error) {
	var b bytes.Buffer
	if err := jsonValue(&b, reflect.ValueOf(n)); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func jsonValue(b *bytes.Buffer, v reflect.Value) error {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		v = v.Elem()
	}
	t := v.Type()
	b.WriteString(`{"type":`)
	b.WriteString(strconv.Quote(t.Name()))
	if p, ok := v.Addr().Interface().(Node); ok && p.Position().IsValid() {
		pos := p.Position()
		fmt.Fprintf(b, `,"pos":"%d:%d"`, pos.Line, pos.Col)
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := v.Field(i)
		if f.Name == "Pos" || isZero(fv) {
			continue
		}
		b.WriteString(",")
		b.WriteString(strconv.Quote(jsonName(f.Name)))
		b.WriteString(":")
		if err := jsonField(b, f.Type, fv); err != nil {
			return err
		}
	}
	b.WriteString("}")
	return nil
}

func jsonField(b *bytes.Buffer, t reflect.Type, v reflect.Value) error {
	switch {
	case isNodeField(t) && v.Kind() == reflect.Slice:
		b.WriteString("[")
		for j := 0; j < v.Len(); j++ {
			if j > 0 {
				b.WriteString(",")
			}
			if err := jsonField(b, t.Elem(), v.Index(j)); err != nil {
				return err
			}
		}
		b.WriteString("]")
		return nil
	case isNodeField(t):
		return jsonValue(b, v)
	}
	var x any
	switch s := v.Interface().(type) {
	case ListKind, TaskState, Alignment:
		x = s.(fmt.Stringer).String()
	case []Alignment:
		names := make([]string, len(s))
		for i, a := range s {
			names[i] = a.String()
		}
		x = names
	case []Pos:
		ps := make([]string, len(s))
		for i, p := range s {
			ps[i] = fmt.Sprintf("%d:%d", p.Line, p.Col)
		}
		x = ps
	case *Heading:
		x = fmt.Sprintf("%d:%d", s.Line, s.Col)
	default:
		x = s
	}
	enc, err := json.Marshal(x)
	if err != nil {
		return err
	}
	b.Write(enc)
	return nil
}

// jsonName turns a Go field name into a JSON member name: "URL" becomes
// "url", "FurtherReading" becomes "furtherReading".
func jsonName(s string) string {
	if strings.ToUpper(s) == s {
		return strings.ToLower(s)
	}
	return strings.ToLower(s[:1]) + s[1:]
}
