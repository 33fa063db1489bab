package blocking

// ruleKind tells how a rule forms blocks.
type ruleKind uint8

const (
	kindExact  ruleKind = iota + 1 // records with an equal key share a block
	kindSorted                     // sorted neighbourhood over a sort key
)

// Rule is one blocking rule over records of type R: a name, and either a key
// function (records sharing a key are paired) or a sort key with a window
// (sorted neighbourhood). Build one with [Exact] or [SortedNeighbourhood].
// The zero Rule is invalid.
//
// Key functions are called once per record while [Blocker.Dedupe] or
// [Blocker.Link] prepares the records, never per pair. They must be
// deterministic and must not keep dst. The rules of a Blocker are built
// at the same time on several goroutines (from a few thousand records), so
// the functions of different rules may run concurrently; those of one rule
// are called from one goroutine at a time.
type Rule[R any] struct {
	name    string
	kind    ruleKind
	keys    func(r *R, dst []Key) []Key
	split   func(r *R, dst []Key) []Key
	sortKey func(r *R, dst []byte) []byte
	window  int
	maxSize int // the rule's own cap; 0: Options.MaxBlockSize alone
}

// Exact returns a rule that pairs records sharing a key. The key function
// appends the record's keys to dst and returns it: none when the field is
// missing (the record then takes no part in this rule), several when a
// record has several values (an old and a new ward, say); a pair sharing
// several keys is still produced once.
func Exact[R any](name string, keys func(r *R, dst []Key) []Key) Rule[R] {
	return Rule[R]{name: name, kind: kindExact, keys: keys}
}

// SplitBy returns a copy of an exact rule with a secondary key function.
// When [Options.Oversize] is [SplitOversize] (the default), a block of this
// rule larger than the cap ([Options.MaxBlockSize]) is split into
// sub-blocks of records that share both the block key and a secondary key,
// so the pairs that also agree on the secondary key are kept; records
// without a secondary key leave that block, and a record with several
// secondary keys joins several sub-blocks. Sub-blocks still above the cap
// are skipped and reported. The secondary key function is called only for
// the records of oversized blocks, under the same rules as the key
// function.
func (r Rule[R]) SplitBy(secondary func(r *R, dst []Key) []Key) Rule[R] {
	r.split = secondary
	return r
}

// MaxBlockSize returns a copy of the rule with its own, tighter cap on the
// records of a block: the cap in effect for the rule is the smaller of n and
// the Blocker's (see [Options.BlockCap]), and a block above it is split or
// skipped as [Options.Oversize] says, and reported. A rule keyed on a coarse
// value (birth year and ward) is useful for its small blocks; its crowded
// ones are better split by a secondary key than enumerated whole. The cap
// is off, like every cap, when Options.MaxBlockSize is [NoBlockCap]. n must
// be at least 2.
func (r Rule[R]) MaxBlockSize(n int) Rule[R] {
	r.maxSize = n
	return r
}

// SortedNeighbourhood returns a rule that sorts the records by a sort key
// and pairs records whose sort keys are close in that order, so a typo in
// the first letters of one field does not defeat blocking when another
// field leads the sort key (or the other way round).
//
// The window slides over the distinct sort-key values, not over records:
// with the distinct values v_0 < v_1 < ... in byte order, a record with
// value v_i is paired with every record with value v_j, |i-j| < window.
// Window 1 therefore pairs only equal sort keys. Because equal values are
// never split between windows, the pairs do not depend on the input order.
//
// The sort key function appends the record's sort key to dst; an empty sort
// key means the value is missing and the record takes no part in the rule.
func SortedNeighbourhood[R any](name string, window int, sortKey func(r *R, dst []byte) []byte) Rule[R] {
	return Rule[R]{name: name, kind: kindSorted, sortKey: sortKey, window: window}
}

// Name returns the rule's name.
func (r Rule[R]) Name() string { return r.name }
