package blocking

// This file exposes what a rule does to one record, so that an engine other
// than Blocker (a distributed pipeline grouping records by key) can form
// the same blocks: the record's keys, its secondary keys and the cap that
// decides when a block is split.

// IsExact reports whether the rule is an exact rule (built with [Exact]),
// whose blocks are the records sharing a key; false for a sorted
// neighbourhood.
func (r Rule[R]) IsExact() bool { return r.kind == kindExact }

// Keys appends the keys the rule gives record rec to dst and returns it, as
// [Blocker] computes them (duplicates included: a Blocker pairs two records
// once however many keys they share). It appends nothing for a sorted
// neighbourhood rule.
func (r Rule[R]) Keys(rec *R, dst []Key) []Key {
	if r.kind != kindExact || r.keys == nil {
		return dst
	}
	return r.keys(rec, dst)
}

// HasSplit reports whether the rule has a secondary key ([Rule.SplitBy]) to
// split its oversized blocks by.
func (r Rule[R]) HasSplit() bool { return r.split != nil }

// SplitKeys appends the secondary keys of record rec to dst and returns it:
// the sub-blocks of an oversized block it joins, nothing when the rule has
// no secondary key.
func (r Rule[R]) SplitKeys(rec *R, dst []Key) []Key {
	if r.split == nil {
		return dst
	}
	return r.split(rec, dst)
}

// Cap returns the cap in effect for the rule's blocks under opts: the
// smaller of the rule's own cap ([Rule.MaxBlockSize]) and opts.BlockCap, and
// 0 for no cap. A block of more records than the cap is split (when
// opts.Oversize is SplitOversize and the rule has a secondary key, into
// sub-blocks of the records sharing a secondary key, those still above the
// cap skipped) or skipped; a block or sub-block yielding no pair is ignored.
func (r Rule[R]) Cap(opts Options) int { return opts.ruleCap(r.maxSize) }
