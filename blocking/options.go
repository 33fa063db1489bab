package blocking

import (
	"errors"
	"strconv"
)

// MaxRules is the largest number of rules a [Blocker] accepts: a [Pair]
// stores its rule in a byte.
const MaxRules = 255

// OversizePolicy says what happens to a block larger than the cap
// ([Options.MaxBlockSize]).
type OversizePolicy uint8

const (
	// SplitOversize, the default, splits the block by the rule's
	// secondary key (see [Rule.SplitBy]) into sub-blocks of records that
	// share both keys; sub-blocks still above the cap are skipped. A rule
	// without a secondary key skips the block, and sorted neighbourhood
	// windows cannot be split and are skipped. Every oversized block and
	// every skipped sub-block is reported by [Candidates.Oversized].
	SplitOversize OversizePolicy = iota
	// SkipOversize skips the block: it produces no pairs. The block is
	// reported by [Candidates.Oversized].
	SkipOversize
)

// String returns "split" or "skip".
func (p OversizePolicy) String() string {
	switch p {
	case SkipOversize:
		return "skip"
	case SplitOversize:
		return "split"
	}
	return "OversizePolicy(" + strconv.Itoa(int(p)) + ")"
}

// Block caps of [Options.MaxBlockSize].
const (
	// DefaultMaxBlockSize is the cap on the records of a block when
	// Options.MaxBlockSize is 0. It bounds the work of every input: a
	// block of n ≤ C records yields at most n(n-1)/2 ≤ (C-1)/2 · n pairs
	// (n²/4 ≤ C/4 · n in link mode), so a rule yields at most about C/2
	// pairs per key it gives (secondary keys of split blocks included),
	// linear in the number of records, whatever the input. A placeholder
	// number shared by 100,000 rows would otherwise yield 5 billion pairs.
	DefaultMaxBlockSize = 1000
	// NoBlockCap as Options.MaxBlockSize turns the cap off: every block
	// yields all its pairs, and the work can grow with the square of the
	// input.
	NoBlockCap = -1
)

// Options configures a [Blocker]. The zero value is ready to use: blocks
// are capped at [DefaultMaxBlockSize] records and larger ones split by the
// rule's secondary key ([SplitOversize]).
type Options struct {
	// MaxBlockSize caps the number of records in a block (both sources
	// together in link mode; for a sorted-neighbourhood rule, the records
	// of one window). Larger blocks are handled by Oversize and reported.
	// 0 means DefaultMaxBlockSize; NoBlockCap means no cap.
	MaxBlockSize int
	// Oversize says what to do with a block above the cap; the zero value
	// is SplitOversize.
	Oversize OversizePolicy
}

// BlockCap returns the cap in effect: MaxBlockSize, DefaultMaxBlockSize
// when it is 0, and 0 (no cap) for NoBlockCap.
func (o Options) BlockCap() int {
	switch {
	case o.MaxBlockSize == 0:
		return DefaultMaxBlockSize
	case o.MaxBlockSize < 0:
		return 0
	}
	return o.MaxBlockSize
}

// ruleCap returns the cap in effect for a rule with its own cap n (0: none):
// the smaller of n and BlockCap, and 0 (no cap) for NoBlockCap.
func (o Options) ruleCap(n int) int {
	c := o.BlockCap()
	if c == 0 || n <= 0 {
		return c
	}
	return min(c, n)
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
	if opts.MaxBlockSize < NoBlockCap {
		bad(-1, "", "MaxBlockSize below NoBlockCap")
	}
	if opts.Oversize > SkipOversize {
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
		if r.maxSize != 0 && r.maxSize < 2 {
			bad(i, r.name, "rule MaxBlockSize below 2")
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &Blocker[R]{rules: append([]Rule[R](nil), rules...), opts: opts}, nil
}

// itoa is strconv.Itoa, kept short for messages.
func itoa(i int) string { return strconv.Itoa(i) }
