package linkage

import (
	"iter"
	"math"
)

// TFTable counts how often each value of a field occurs, to give the
// relative frequencies used by term-frequency adjustment. Build it from the
// data being linked (Add each record's value) or load a population table.
// The zero value is an empty table ready to use. A TFTable is not safe for
// concurrent modification; Frequency may be called concurrently once the
// table is complete.
type TFTable struct {
	// Counts maps a value (as prepared for the comparison, e.g. the
	// comparison key of a full name) to its number of occurrences.
	Counts map[string]uint64 `json:"counts"`
	// Total is the number of values counted, the denominator of Frequency.
	Total uint64 `json:"total"`
}

// NewTFTable counts the non-empty values of seq.
func NewTFTable(seq iter.Seq[string]) *TFTable {
	t := &TFTable{}
	for v := range seq {
		t.Add(v)
	}
	return t
}

// Add counts one occurrence of v; empty values are not counted. Like an
// assignment to a nil map, Add on a nil *TFTable panics, since the count
// would be lost; use NewTFTable or a zero TFTable.
func (t *TFTable) Add(v string) {
	if t == nil {
		panic("linkage: TFTable.Add on a nil *TFTable")
	}
	if v == "" {
		return
	}
	if t.Counts == nil {
		t.Counts = make(map[string]uint64)
	}
	t.Counts[v]++
	t.Total++
}

// check returns why the table cannot give frequencies in [0, 1], or "".
func (t *TFTable) check() string {
	if t == nil {
		return "missing (null)"
	}
	var sum uint64
	for _, n := range t.Counts {
		if sum+n < sum {
			return "counts overflow"
		}
		sum += n
	}
	if sum > t.Total {
		return "counts add up to more than the total"
	}
	return ""
}

// Frequency returns the relative frequency of v, Counts[v]/Total, or 0 when
// v is empty or was never counted (scoring then leaves the level's u
// unadjusted). Call it when preparing records, not per pair.
func (t *TFTable) Frequency(v string) float64 {
	if t == nil || v == "" {
		return 0
	}
	return RelativeFrequency(t.Counts[v], t.Total)
}

// RelativeFrequency is count/total, 0 for a total of 0: the frequency
// TFTable.Frequency gives a value counted count times, for an engine that
// counts values its own way (a distributed pipeline) and must give the same
// weights.
func RelativeFrequency(count, total uint64) float64 {
	if total == 0 {
		return 0
	}
	return float64(count) / float64(total)
}

// tfAdjustment returns the term-frequency adjustment of a level's weight:
//
//	adjustment = tfWeight · log2(u / max(tf, tfMin))
//
// so that with tfWeight 1 the level's weight log2(m/u) + adjustment is
// log2(m/tf). tf is the larger frequency of the two values (0 = unknown:
// no adjustment).
func tfAdjustment(u, tf, tfWeight, tfMin float64) float64 {
	if tf <= 0 || tfWeight == 0 {
		return 0
	}
	return tfWeight * math.Log2(u/max(tf, tfMin))
}
