package xlsx

import (
	"errors"
	"strings"
)

// The sentinel errors an *Error wraps.
var (
	// ErrFormat reports a file that is not a well-formed workbook: not a
	// zip archive, malformed XML, a bad cell reference, rows out of order.
	ErrFormat = errors.New("not a valid xlsx workbook")
	// ErrTooLarge reports a part, a row, a column or a sheet past a limit.
	ErrTooLarge = errors.New("over the xlsx reader's limits")
	// ErrNotFound reports a sheet or a part that the workbook does not have.
	ErrNotFound = errors.New("not found in the xlsx workbook")
)

// An Error is a problem with a workbook, located as precisely as known. It
// never holds cell content.
type Error struct {
	// Part is the archive member, e.g. "xl/worksheets/sheet1.xml"; empty
	// for the archive as a whole.
	Part string
	// Sheet is the sheet's name, when the part is a sheet.
	Sheet string
	// Cell is the cell in A1 notation ("C12"), or the row ("row 12"); empty
	// when unknown.
	Cell string
	// Reason says what is wrong, in words.
	Reason string
	// Err is ErrFormat, ErrTooLarge or ErrNotFound.
	Err error
}

// Error returns "xlsx: sheet "S" (part), C12: reason".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("xlsx: ")
	sep := ""
	if e.Sheet != "" {
		b.WriteString("sheet \"" + e.Sheet + "\"")
		sep = " "
	}
	if e.Part != "" {
		if sep != "" {
			b.WriteString(" (" + e.Part + ")")
		} else {
			b.WriteString(e.Part)
		}
		sep = " "
	}
	if e.Cell != "" {
		if sep != "" {
			b.WriteString(", ")
		}
		b.WriteString(e.Cell)
		sep = " "
	}
	if sep != "" {
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }
