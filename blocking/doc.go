// Package blocking decides which pairs of records are worth comparing.
//
// Comparing every pair of n records costs n(n-1)/2 comparisons: 1.25
// billion for a commune of 50,000, 38 trillion for Hanoi's 8.7 million.
// Blocking keeps only the pairs that agree on something cheap (a birth
// year and a ward, a name key) and its recall caps the recall of the whole
// linkage: a true pair that no rule produces is lost for good. The package
// is generic over the record type and imports only the standard library.
//
// # Rules
//
// A [Rule] is a named key function. [Exact] rules append the record's
// [Key]s to a slice: none when the field is missing, several when a record
// has several values (an old and a new ward). Records sharing a key form a
// block and every pair within a block is a candidate. [SortedNeighbourhood]
// rules sort the records by a sort key and pair records whose sort keys are
// fewer than w distinct values apart, so that a typo in the first letters
// of a name does not defeat blocking.
//
// Keys are 64-bit hashes built without allocation by [Hasher], [KeyOf] and
// [KeyOfInts]. Parts are length-prefixed and tagged, so ("ab","c") and
// ("a","bc") differ. Equal values always give equal keys; two different
// values collide with probability about 2^-64, and a collision only merges
// two blocks: it adds candidate pairs, it never loses one.
//
// # Modes
//
// [Blocker.Dedupe] pairs the records of one source (Pair.A < Pair.B, never
// a record with itself, never both (a,b) and (b,a)). [Blocker.Link] pairs a
// left record (Pair.A) with a right one (Pair.B), never two records of one
// source. Records are referenced by int32 index.
//
// # Multi-pass blocking without a set of pairs
//
// The rules form an ordered list; the candidates are the union of their
// pairs, each produced once and tagged with the first rule that produces
// it (Splink's match_key). No set of pairs is kept. Every record's keys are
// computed once per rule; a pair met in a block of rule k is emitted only if
//
//	for every rule j < k:  rule j does not pair the two records, and
//	within rule k:         the block's key is the smallest key they share.
//
// For an exact rule j, "pairs" means the two records share a key of rule j
// (after oversize handling); for a sorted-neighbourhood rule, that their
// ranks r_a, r_b among the distinct sort values satisfy |r_a - r_b| < w and
// the window anchored at min(r_a, r_b) was not skipped. Within a block the
// per-record data of the earlier rules is first gathered into small
// contiguous arrays, so the test costs a few loads per pair; records with a
// single key compare one word. [Candidates.FirstRule] exposes the same test
// for any pair, and [PairedEarlier] states it over the records' block keys
// for an engine that forms the same blocks itself (a distributed pipeline),
// so that it too meets each pair once.
//
// # Streaming
//
// Pairs are generated, never stored: [Candidates.Pairs] yields them one by
// one; [Candidates.Batches] runs a pool of workers and yields batches in
// the same deterministic order; [Candidates.ForEachBatch] hands batches to
// callbacks on the workers, unordered, for the highest throughput. The work
// is cut into tasks of about 32,768 pairs (a huge block is cut by rows), so
// memory is bounded by the blocks and a few batches, not by the number of
// pairs. The order is: rules in order, blocks in key order, records in
// block order. For the same records in another row order
// the set of pairs, and the rule of each, is the same.
//
// # Oversized blocks
//
// No default does quadratic work. [Options.MaxBlockSize] caps the records
// in a block (for a sorted neighbourhood, in the window w groups wide that
// starts at a sort value), by default at [DefaultMaxBlockSize]; only
// [NoBlockCap] turns the cap off. By default ([SplitOversize]) a larger
// block is split by the rule's secondary key ([Rule.SplitBy]) into
// sub-blocks of records sharing both keys, and skipped when the rule has
// none or a sub-block is still too large; [SkipOversize] skips it. With a
// cap C a block of n records yields fewer than C/2 pairs per record, so a
// rule yields at most about C/2 pairs per key, secondary keys included:
// linear in the input, even when a placeholder number is shared by 100,000
// rows. Every oversized block and every skipped sub-block is
// listed by [Candidates.Oversized] with its rule, key, size and the pairs it
// would have produced, never with the values behind the key. Nothing is
// dropped silently.
//
// # Diagnostics
//
// [Candidates.Counts] gives each rule's pairs from block sizes alone, in one
// pass over the blocks (like Splink's count_comparisons_from_blocking_rules):
//
//	dedupe: Σ_blocks n_b(n_b-1)/2      link: Σ_blocks left_b · right_b
//
// [Candidates.Diagnose] adds the exact number of pairs each rule adds after
// the earlier ones, the cumulative counts, the largest blocks and
//
//	reduction ratio     RR = 1 - candidates / all pairs
//
// and, given truth labels (a cluster id per record), for each rule and
// overall
//
//	pairs completeness  PC = true pairs among candidates / all true pairs
//	pairs quality       PQ = true pairs among candidates / candidates
//
// Completeness is computed from the true pairs (one test per true pair and
// rule), not by scanning the candidates.
//
// # Concurrency
//
// A [Blocker] and a [Candidates] are immutable and safe for concurrent use.
// Key functions are called once per record from the goroutine that calls
// Dedupe or Link.
package blocking
