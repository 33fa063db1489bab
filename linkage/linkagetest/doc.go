// Package linkagetest checks that comparisons written for package linkage
// keep the contract the engine relies on, in the way testing/fstest.TestFS
// checks a file system: call CheckComparison from your own tests with a
// handful of prepared records that exercise every level (missing values,
// exact agreement, near misses, disagreement).
//
// The contract of a comparison (see linkage.Comparison): its level
// function is symmetric (level(a, b) == level(b, a)), deterministic (the
// same pair always gets the same level) and pure (it does not modify the
// records), it returns a level number in [0, len(Levels)], Classify (the
// fast path, when set) returns what the level predicates would, and its term
// frequency function, when set, is deterministic and returns a value in
// [0, 1]. Failures are reported by record index and level label only,
// never with record values, so test logs hold no personal data.
package linkagetest
