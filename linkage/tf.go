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

// GroupFrequency is the frequency of a value among the records of one group
// (the records born in one year, say), shrunk toward the value's overall
// frequency RelativeFrequency(count, total), for a term frequency that
// depends on another field. count and total count the value and all values
// over all records, groupCount and groupTotal within the record's group;
// all four include the record itself. With q = (count−1)/(total−1) the
// share of the other records that hold the value:
//
//	expected = q · (groupTotal − 1)
//	lift     = (groupCount − 1 + strength) / (expected + strength)
//	freq     = (1 + (count − 1) · lift) / total
//
// The record counts once, as in RelativeFrequency, and the other holders of
// the value are weighted by lift, the ratio of their observed to their
// expected number in the group, shrunk toward 1 by strength pseudo-holders
// (a gamma–Poisson posterior mean with strength as its shape). Leaving the
// record out of the group's counts keeps a small group from making a rare
// value common by counting its own record: a value held by one record has
// freq = 1/total in any group. strength is measured in expected holders, so
// the group's evidence counts once it outweighs strength of them: in a
// small group a rare value keeps its overall frequency, while a common value
// in a large group takes its frequency in the group. freq is
// RelativeFrequency(count, total) when lift is 1 (no other record in the
// group, or as many holders as expected), and lies in [1/total, 1].
// Arguments that cannot be counts of one record's value (count or
// groupCount 0, groupCount > count, groupTotal > total, strength negative, infinite
// or NaN) give RelativeFrequency(count, total).
func GroupFrequency(count, total, groupCount, groupTotal uint64, strength float64) float64 {
	if count <= 1 || groupCount == 0 || groupCount > count || groupCount > groupTotal ||
		groupTotal > total || count > total || !(strength >= 0) || math.IsInf(strength, 1) {
		return RelativeFrequency(count, total)
	}
	q := float64(count-1) / float64(total-1)
	expected := q * float64(groupTotal-1)
	den := expected + strength
	if den == 0 {
		// strength 0 and no other record in the group: no evidence.
		return RelativeFrequency(count, total)
	}
	lift := (float64(groupCount-1) + strength) / den
	// min: rounding may pass 1 when every record of the group holds the
	// value.
	return min((1+float64(count-1)*lift)/float64(total), 1)
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
