package normalize

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Every error returned by a Parse function of this package
// is a *ParseError that wraps exactly one of them, so callers can test the
// kind of failure with errors.Is.
var (
	// ErrEmpty means the value was empty or held only white space and
	// punctuation where a value is required.
	ErrEmpty = errors.New("empty value")
	// ErrSyntax means the value is not written in any accepted format.
	ErrSyntax = errors.New("invalid syntax")
	// ErrRange means the value has an accepted format but is impossible:
	// a 31st of February, a date in the future, a number of the wrong length.
	ErrRange = errors.New("value out of range")
	// ErrUnknownCode means the value uses a code that is not in the
	// official list it must belong to (a province, object or prefix code).
	ErrUnknownCode = errors.New("unknown code")
)

// ParseError records a failed parse. Unlike strconv.NumError it never holds
// the input value: the inputs of this package are personal data, and errors
// end up in logs.
type ParseError struct {
	Func   string // the failing function, e.g. "ParseDate"
	Reason string // what was wrong, in words that never quote the input
	Err    error  // one of the sentinel errors above
}

// Error returns "normalize.Func: sentinel: reason". A Func that already
// names its package (holds a dot, as "vnname.Parse") is used as it is.
func (e *ParseError) Error() string {
	fn := e.Func
	if !strings.Contains(fn, ".") {
		fn = "normalize." + fn
	}
	msg := fn + ": " + e.Err.Error()
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Unwrap returns the sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

// RecordError locates an error in a table of records: the 1-based row
// number and the name of the field (column). Like ParseError it never
// holds the value itself, so it is safe to log.
type RecordError struct {
	Row   int    // 1-based row number in the input, header excluded
	Field string // column or field name, e.g. "birth_date"
	Err   error  // the underlying error, usually a *ParseError
}

// Error returns `row N, field "name": cause`.
func (e *RecordError) Error() string {
	return "row " + strconv.Itoa(e.Row) + ", field " + strconv.Quote(e.Field) + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }

// parseError is a small constructor used by the parsers of this package.
func parseError(fn string, sentinel error, reason string) error {
	return &ParseError{Func: fn, Reason: reason, Err: sentinel}
}
