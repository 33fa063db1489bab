package blocking

import "cmp"

// This file states, for an engine other than Blocker that forms the same
// blocks (a distributed pipeline grouping records by block key), in which
// block a Blocker produces a pair, so that the engine too meets each pair
// once: the test of the package doc, "for every rule j < k, rule j does not
// pair the two records, and within rule k, the block's key is the smallest
// key they share", over the records' block keys.

// SubBlockKey returns the key of the sub-block that a Blocker forms, when
// it splits the oversized block with key block by the rule's secondary key
// ([Rule.SplitBy]), of the records whose secondary keys include secondary.
// A sub-block is a block of the same rule: its key is ordered among the
// rule's other block keys by value, as every key is.
func SubBlockKey(block, secondary Key) Key { return derive(block, secondary) }

// PairedEarlier reports whether a [Blocker] produces the pair of two
// records elsewhere than in the block with key key of exact rule k, which
// both are in: whether
//
//	for some rule j < k:  a[j] and b[j] share a key, or
//	in rule k:            a[k] and b[k] share a key smaller than key.
//
// When it is false the pair is the Blocker's pair of that block, tagged
// with rule k; when it is true the Blocker produces it in an earlier block
// and an engine forming the same blocks skips it there.
//
// a[j] (b[j]) holds the keys of the blocks the record is in under exact
// rule j once oversized blocks are dealt with, in ascending order without
// repeats: each key the rule gives it ([Rule.Keys]) whose block holds at
// most the rule's cap of records ([Rule.Cap]; both sources count in link
// mode); for a key whose block is above the cap and which the rule splits
// ([Rule.HasSplit], under [SplitOversize]), SubBlockKey(key, s) for each
// secondary key s of the record ([Rule.SplitKeys]) whose sub-block holds at
// most the cap; nothing for a block or sub-block that is skipped. A key
// whose block yields no pair may be listed or not: two records sharing it
// are in a block that does. Rules past the end of a or b count as giving
// no key.
//
// Sorted-neighbourhood rules are not covered: whether one pairs two records
// depends on the ranks of their sort values among all the input's values
// and on the window of the lower rank being kept, not on keys that each
// record carries. A Blocker tests them as [Candidates.FirstRule] does.
func PairedEarlier(a, b [][]Key, k int, key Key) bool {
	for j := 0; j < k && j < len(a) && j < len(b); j++ {
		if _, ok := smallestShared(a[j], b[j]); ok {
			return true
		}
	}
	if k >= len(a) || k >= len(b) {
		return false
	}
	first, ok := smallestShared(a[k], b[k])
	return ok && first < key
}

// smallestShared returns the smallest value in both x and y, ascending
// slices, and whether there is one: for a Blocker's rule, the first block
// (in key order) that two records share.
func smallestShared[T cmp.Ordered](x, y []T) (T, bool) {
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0] == y[0]:
			return x[0], true
		case x[0] < y[0]:
			x = x[1:]
		default:
			y = y[1:]
		}
	}
	var zero T
	return zero, false
}
