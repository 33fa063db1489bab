package linkage

import "errors"

// Sentinel errors. Every error returned by this package is an *Error that
// wraps exactly one of them, so callers can test the kind of failure with
// errors.Is.
var (
	// ErrInvalid means a comparison, a model parameter or an option is
	// malformed: an empty name, no levels, a probability outside [0, 1].
	ErrInvalid = errors.New("invalid definition")
	// ErrMismatch means saved model parameters do not fit the comparisons
	// defined in Go: a different name, order or number of levels.
	ErrMismatch = errors.New("model does not match comparisons")
	// ErrNoData means an estimation had nothing to learn from: no records,
	// no pairs, no labelled matches.
	ErrNoData = errors.New("no data")
)

// Error describes a failure of this package. Like the errors of the
// normalize package it never holds a record value (a name, a date, an ID):
// only comparison names, level labels and counts, so it is safe to log.
type Error struct {
	Op     string // the failing function, e.g. "LoadModel"
	Reason string // what was wrong, in words that never quote record values
	Err    error  // one of the sentinel errors above
}

// Error returns "linkage.Op: sentinel: reason".
func (e *Error) Error() string {
	msg := "linkage." + e.Op + ": " + e.Err.Error()
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

func newError(op string, sentinel error, reason string) error {
	return &Error{Op: op, Reason: reason, Err: sentinel}
}
