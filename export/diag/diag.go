// Package diag carries galley's diagnostics: errors and warnings tied to a
// source position, printed as `file:line:col: severity: message`.
package diag

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/galley-pub/galley/export/doc"
)

// Severity tells a warning from an error, and both from a note.
type Severity int

// The severities. A note says what an option gives up, and is neither a
// problem with the input nor counted as a warning (--strict passes it).
const (
	Warning Severity = iota
	Error
	Note
)

// String names the severity as printed.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Note:
		return "note"
	}
	return "warning"
}

// Diagnostic is one problem found in a source document.
type Diagnostic struct {
	Pos      doc.Pos
	Severity Severity
	Message  string
}

// String formats the diagnostic as `file:line:col: severity: message`.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
}

// List is an ordered collection of diagnostics. The zero List is ready to
// use. It is not safe for concurrent use; give each goroutine its own and
// Merge them.
type List struct {
	items []Diagnostic
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos doc.Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Notef records a note at pos.
func (l *List) Notef(pos doc.Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Note, Message: fmt.Sprintf(format, args...)})
}

// Errorf records an error at pos.
func (l *List) Errorf(pos doc.Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics.
func (l *List) Add(ds ...Diagnostic) { l.items = append(l.items, ds...) }

// Merge appends all diagnostics of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Items returns the diagnostics sorted by file, line and column (stable for
// equal positions).
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

// Len returns the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns nil when there are no errors, else an error listing every
// error-severity diagnostic, one per line.
func (l *List) Err() error {
	var errs []Diagnostic
	for _, d := range l.Items() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &Errors{List: errs}
}

// Errors is an error made of one or more error diagnostics.
type Errors struct {
	List []Diagnostic
}

// Error prints each diagnostic on its own line.
func (e *Errors) Error() string {
	lines := make([]string, len(e.List))
	for i, d := range e.List {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// MarshalJSON writes the diagnostic as one object of the JSON form
// (--diagnostics json): file, line and col (left out when 0), severity and
// message.
func (d Diagnostic) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		File     string `json:"file"`
		Line     int    `json:"line,omitempty"`
		Col      int    `json:"col,omitempty"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Message})
}

// JSON writes diagnostics as an indented JSON array ("[]" for none).
func JSON(ds []Diagnostic) []byte {
	if ds == nil {
		ds = []Diagnostic{}
	}
	j, err := json.MarshalIndent(ds, "", "  ")
	if err != nil { // strings and ints only: cannot happen
		panic(err)
	}
	return j
}
