package vnperson

// CompareCanonical orders two input rows, person a at 0-based row rowA and
// person b at row rowB of one input, the way Dedupe and Link order records
// before blocking, scoring and clustering: by id (a positional "#N" id
// counts as none), then by a 64-bit hash of the fields as written, then by
// Source, then by row (compareCanonical). Dedupe scores each candidate pair
// with the record that comes first in this order as the first argument, and
// clusters links in decreasing weight with ties broken in this order; an
// engine that distributes the same work (a pipeline keyed by blocking key)
// uses it to give the same weights and the same clusters without sorting the
// whole input.
func CompareCanonical(a, b *Person, rowA, rowB int) int {
	return compareCanonical(orderID(a.ID), contentKey(a), a.Source, rowA, orderID(b.ID), contentKey(b), b.Source, rowB)
}
