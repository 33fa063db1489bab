package linkagetest

import (
	"bytes"
	"math"
	"slices"
	"testing"
	"unsafe"

	"github.com/vnlink/vnlink/linkage"
)

// MaxRecords is the number of records CheckComparison uses; it compares
// every ordered pair of them, records beyond are ignored.
const MaxRecords = 200

// maxFailures stops a check after this many reported problems.
const maxFailures = 10

// CheckComparison verifies that c is a well-formed comparison and that, on
// every ordered pair of the given records (self-pairs included), its level
// is symmetric, deterministic, in range, the same from Classify (when set)
// as from the level predicates (Null, then the first Match that holds),
// the exact level (ExactLevel) exactly when both ExactKey keys are
// present and equal (when ExactKey is set), and computed without modifying the records (the memory of each record is compared bit for bit with a copy
// taken before; changes behind pointers, in the arrays of strings or
// slices, are not seen). It reports problems with t.Errorf, at most 10 of
// them, by record index only.
func CheckComparison[R any](t testing.TB, c linkage.Comparison[R], records []R) {
	t.Helper()
	if err := c.Validate(); err != nil {
		t.Errorf("linkagetest: %v", err)
		return
	}
	if len(records) > MaxRecords {
		records = records[:MaxRecords]
	}
	before := slices.Clone(records)
	failures := 0
	fail := func(format string, args ...any) bool {
		t.Helper()
		failures++
		t.Errorf("linkagetest: comparison %q: "+format, append([]any{c.Name}, args...)...)
		return failures >= maxFailures
	}
	n := len(c.Levels)
	exact := c.ExactLevel
	if exact == 0 {
		exact = 1
	}
	for i := range records {
		for j := range records {
			a, b := &records[i], &records[j]
			ab := c.Level(a, b)
			ba := c.Level(b, a)
			again := c.Level(a, b)
			switch {
			case ab < 0 || ab > n:
				if fail("level(%d, %d) = %d, outside [0, %d]", i, j, ab, n) {
					return
				}
			case ab != ba:
				if fail("not symmetric: level(%d, %d) = %q, level(%d, %d) = %q", i, j, c.Label(ab), j, i, c.Label(ba)) {
					return
				}
			case ab != again:
				if fail("not deterministic: level(%d, %d) gave %q, then %q", i, j, c.Label(ab), c.Label(again)) {
					return
				}
			case c.Classify != nil && byPredicates(&c, a, b) != ab:
				if fail("Classify and the level predicates disagree: level(%d, %d) is %q by Classify, %q by the predicates", i, j, c.Label(ab), c.Label(byPredicates(&c, a, b))) {
					return
				}
			case c.ExactKey != nil:
				ka, oka := c.ExactKey(a)
				kb, okb := c.ExactKey(b)
				if same := oka && okb && ka == kb; same != (ab == exact) {
					if fail("ExactKey and level %q disagree: level(%d, %d) is %q, keys present and equal: %v", c.Label(exact), i, j, c.Label(ab), same) {
						return
					}
				}
			}
		}
		if c.TermFrequency != nil {
			f1, f2 := c.TermFrequency(&records[i]), c.TermFrequency(&records[i])
			if math.IsNaN(f1) || f1 < 0 || f1 > 1 {
				if fail("term frequency of record %d is outside [0, 1]", i) {
					return
				}
			} else if f1 != f2 {
				if fail("term frequency of record %d is not deterministic", i) {
					return
				}
			}
		}
	}
	for i := range records {
		if !sameBits(&before[i], &records[i]) {
			if fail("not pure: record %d was modified", i) {
				return
			}
		}
	}
}

// byPredicates returns the level of (a, b) from Null and the Match
// predicates alone, ignoring Classify.
func byPredicates[R any](c *linkage.Comparison[R], a, b *R) int {
	if c.Null != nil && c.Null(a, b) {
		return 0
	}
	for k, l := range c.Levels {
		if l.Match == nil || l.Match(a, b) {
			return k + 1
		}
	}
	return len(c.Levels)
}

// sameBits reports whether two records hold the same bytes: a shallow
// comparison that, unlike reflect.DeepEqual, treats NaN fields and func
// fields of an unchanged record as unchanged.
func sameBits[R any](a, b *R) bool {
	n := unsafe.Sizeof(*a)
	return bytes.Equal(unsafe.Slice((*byte)(unsafe.Pointer(a)), n), unsafe.Slice((*byte)(unsafe.Pointer(b)), n))
}
