package blocking

import (
	"errors"
	"strconv"
)

// MaxRules is the largest number of rules a [Blocker] accepts: a [Pair]
// stores its rule in a byte.
const MaxRules = 255

// OversizePolicy says what happens to a block larger than
// [Options.MaxBlockSize].
type OversizePolicy uint8

const (
	// SkipOversize skips the block: it produces no pairs. The block is
	// reported by [Candidates.Oversized].
	SkipOversize OversizePolicy = iota
	// SplitOversize splits the block by the rule's secondary key (see
	// [Rule.SplitBy]); a rule without one skips the block. Sorted
	// neighbourhood windows cannot be split and are skipped.
	SplitOversize
)

// String returns "skip" or "split".
func (p OversizePolicy) String() string {
	switch p {
	case SkipOversize:
		return "skip"
	case SplitOversize:
		return "split"
	}
	return "OversizePolicy(" + strconv.Itoa(int(p)) + ")"
}

// Options configures a [Blocker]. The zero value is ready to use: no cap on
// block size.
type Options struct {
	// MaxBlockSize caps the number of records in a block (both sources
	// together in link mode; for a sorted-neighbourhood rule, the records
	// of one window). Larger blocks are handled by Oversize and reported.
	// 0 means no cap.
	MaxBlockSize int
	// Oversize says what to do with a block above MaxBlockSize.
	Oversize OversizePolicy
}

// Errors returned by this package. Messages never contain record values.
var (
	// ErrInvalidRule means a rule or option is unusable (no name, no
	// key function, a window below 1, a duplicate name, too many rules).
	ErrInvalidRule = errors.New("invalid blocking rule")
	// ErrTooLarge means the input has more records or keys than the
	// 32-bit record indexes can address.
	ErrTooLarge = errors.New("input too large")
	// ErrLabels means truth labels do not match the records.
	ErrLabels = errors.New("invalid truth labels")
)

// RuleError reports a problem with one rule or option. It names the rule by
// index and name; it never holds record values.
type RuleError struct {
	Index  int    // 0-based index of the rule in the list, -1 for options
	Name   string // the rule's name
	Reason string // what is wrong
	Err    error  // the sentinel error, ErrInvalidRule
}

// Error returns "blocking: rule I (name): sentinel: reason".
func (e *RuleError) Error() string {
	where := "options"
	if e.Index >= 0 {
		where = "rule " + strconv.Itoa(e.Index) + " (" + strconv.Quote(e.Name) + ")"
	}
	return "blocking: " + where + ": " + e.Err.Error() + ": " + e.Reason
}

// Unwrap returns the sentinel error.
func (e *RuleError) Unwrap() error { return e.Err }

// Blocker holds an ordered list of rules and the options. It is immutable
// and safe for concurrent use.
type Blocker[R any] struct {
	rules []Rule[R]
	opts  Options
}

// New checks the rules and options and returns a Blocker. Every problem is
// reported at once, joined with errors.Join, each as a *[RuleError].
func New[R any](opts Options, rules ...Rule[R]) (*Blocker[R], error) {
	var errs []error
	bad := func(i int, name, reason string) {
		errs = append(errs, &RuleError{Index: i, Name: name, Reason: reason, Err: ErrInvalidRule})
	}
	if len(rules) == 0 {
		bad(-1, "", "no rules")
	}
	if len(rules) > MaxRules {
		bad(-1, "", "more than "+strconv.Itoa(MaxRules)+" rules")
	}
	if opts.MaxBlockSize < 0 {
		bad(-1, "", "negative MaxBlockSize")
	}
	if opts.Oversize > SplitOversize {
		bad(-1, "", "unknown oversize policy")
	}
	seen := make(map[string]bool, len(rules))
	for i, r := range rules {
		if r.name == "" {
			bad(i, r.name, "empty name")
		} else if seen[r.name] {
			bad(i, r.name, "duplicate name")
		}
		seen[r.name] = true
		switch r.kind {
		case kindExact:
			if r.keys == nil {
				bad(i, r.name, "nil key function")
			}
		case kindSorted:
			if r.sortKey == nil {
				bad(i, r.name, "nil sort key function")
			}
			if r.window < 1 {
				bad(i, r.name, "window below 1")
			}
		default:
			bad(i, r.name, "zero Rule; use Exact or SortedNeighbourhood")
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &Blocker[R]{rules: append([]Rule[R](nil), rules...), opts: opts}, nil
}

// itoa is strconv.Itoa, kept short for messages.
func itoa(i int) string { return strconv.Itoa(i) }
