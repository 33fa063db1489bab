package linkage

import (
	"math"
	"strconv"
)

// ElseLabel is the label templates give their last, catch-all level.
const ElseLabel = "else"

// ExactLabel is the label templates give their exact-agreement level.
const ExactLabel = "exact"

// Else returns the catch-all level that ends a comparison.
func Else[R any]() Level[R] { return Level[R]{Label: ElseLabel} }

// Exact returns a comparison with two levels, "exact" and "else". A zero
// value of K (an empty string, the number 0) on either side is missing and
// gives the null level. When K is string, ExactKey is set to get (other key
// types can set it by hand). Like every template it is built with Classified:
// the level predicates are derived from its Classify.
func Exact[R any, K comparable](name string, get func(*R) K) Comparison[R] {
	if get == nil {
		return invalidTemplate[R]("Exact", name, "nil accessor", ExactLabel, ElseLabel)
	}
	c := Classified(name, func(a, b *R) int {
		var zero K
		va, vb := get(a), get(b)
		switch {
		case va == zero || vb == zero:
			return 0
		case va == vb:
			return 1
		}
		return 2
	}, ExactLabel, ElseLabel)
	if s, ok := any(get).(func(*R) string); ok {
		c.ExactKey = stringKey(s)
	}
	return c
}

// stringKey is the ExactKey of a string accessor: an empty string is
// missing.
func stringKey[R any](get func(*R) string) func(*R) (string, bool) {
	return func(r *R) (string, bool) {
		s := get(r)
		return s, s != ""
	}
}

// invalidTemplate returns a comparison that Validate rejects with reason.
func invalidTemplate[R any](op, name, reason string, labels ...string) Comparison[R] {
	c := Comparison[R]{Name: name, Levels: make([]Level[R], len(labels))}
	for k, l := range labels {
		c.Levels[k].Label = l
	}
	c.err = newError(op, ErrInvalid, "comparison "+strconv.Quote(name)+": "+reason)
	return c
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// JaroWinklerLevels returns a comparison of strings with levels "exact",
// then "jaro_winkler>=t" for each threshold t, then "else". An empty string
// on either side gives the null level. The thresholds must lie strictly
// between 0 and 1 and decrease strictly (so that every level can be
// returned); Validate, and so NewModel, reject others. The similarity is
// computed once per pair with JaroWinkler, and not at all when a cheap
// bound on the letters the two strings share proves it below the lowest
// threshold. ExactKey is get (an empty string is missing).
func JaroWinklerLevels[R any](name string, get func(*R) string, thresholds ...float64) Comparison[R] {
	const op = "JaroWinklerLevels"
	labels := make([]string, 0, len(thresholds)+2)
	labels = append(labels, ExactLabel)
	for _, t := range thresholds {
		labels = append(labels, "jaro_winkler>="+formatFloat(t))
	}
	labels = append(labels, ElseLabel)
	if get == nil {
		return invalidTemplate[R](op, name, "nil accessor", labels...)
	}
	for i, t := range thresholds {
		if !(t > 0 && t < 1) {
			return invalidTemplate[R](op, name, "threshold "+strconv.Itoa(i+1)+" is not strictly between 0 and 1", labels...)
		}
		if i > 0 && !(t < thresholds[i-1]) {
			return invalidTemplate[R](op, name, "threshold "+strconv.Itoa(i+1)+" ("+formatFloat(t)+") is not below the one before ("+formatFloat(thresholds[i-1])+"): thresholds must decrease strictly", labels...)
		}
	}
	ts := append([]float64(nil), thresholds...)
	floor := math.Inf(1)
	if len(ts) > 0 {
		floor = ts[len(ts)-1]
	}
	c := Classified(name, func(a, b *R) int {
		va, vb := get(a), get(b)
		if va == "" || vb == "" {
			return 0
		}
		if va == vb {
			return 1
		}
		s, ok := jaroWinklerAbove(va, vb, floor)
		if !ok {
			return len(ts) + 2
		}
		for i, t := range ts {
			if s >= t {
				return i + 2
			}
		}
		return len(ts) + 2
	}, labels...)
	c.ExactKey = stringKey(get)
	return c
}

// distanceLevels builds "exact", "<metric><=d" for each maximum distance
// (at least 1, strictly increasing), "else".
func distanceLevels[R any](op, name, metric string, dist func(a, b string, limit int) int, get func(*R) string, maxDistances []int) Comparison[R] {
	labels := make([]string, 0, len(maxDistances)+2)
	labels = append(labels, ExactLabel)
	for _, d := range maxDistances {
		labels = append(labels, metric+"<="+strconv.Itoa(d))
	}
	labels = append(labels, ElseLabel)
	if get == nil {
		return invalidTemplate[R](op, name, "nil accessor", labels...)
	}
	for i, d := range maxDistances {
		if d < 1 {
			return invalidTemplate[R](op, name, "maximum distance "+strconv.Itoa(i+1)+" is below 1", labels...)
		}
		if i > 0 && d <= maxDistances[i-1] {
			return invalidTemplate[R](op, name, "maximum distance "+strconv.Itoa(i+1)+" ("+strconv.Itoa(d)+") is not above the one before ("+strconv.Itoa(maxDistances[i-1])+"): distances must increase strictly", labels...)
		}
	}
	ds := append([]int(nil), maxDistances...)
	limit := 0
	if len(ds) > 0 {
		limit = ds[len(ds)-1]
	}
	c := Classified(name, func(a, b *R) int {
		va, vb := get(a), get(b)
		if va == "" || vb == "" {
			return 0
		}
		if va == vb {
			return 1
		}
		d := dist(va, vb, limit)
		for i, limit := range ds {
			if d <= limit {
				return i + 2
			}
		}
		return len(ds) + 2
	}, labels...)
	c.ExactKey = stringKey(get)
	return c
}

// LevenshteinLevels returns a comparison of strings with levels "exact",
// then "levenshtein<=d" for each maximum distance d, then "else". An empty
// string on either side gives the null level. The distances must be at
// least 1 and increase strictly; Validate rejects others. ExactKey is get
// (an empty string is missing).
func LevenshteinLevels[R any](name string, get func(*R) string, maxDistances ...int) Comparison[R] {
	return distanceLevels("LevenshteinLevels", name, "levenshtein", levenshteinWithin, get, maxDistances)
}

// OSALevels is LevenshteinLevels with the optimal string alignment
// (restricted Damerau–Levenshtein) distance, which counts a swap of two
// adjacent characters as one edit; labels read "osa<=d".
func OSALevels[R any](name string, get func(*R) string, maxDistances ...int) Comparison[R] {
	return distanceLevels("OSALevels", name, "osa", osaWithin, get, maxDistances)
}

// Number is the set of numeric types DifferenceLevels compares.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~float32 | ~float64
}

// DifferenceLevels returns a comparison of numbers by absolute difference:
// levels "exact", then "diff<=d" for each maximum difference d, then
// "else". get reports false when the value is missing, which gives the
// null level. The maximum differences must be finite, above 0 and
// increase strictly; Validate rejects others. For dates, pass a day number
// (days since an epoch) and maximum differences in days.
func DifferenceLevels[R any, N Number](name string, get func(*R) (N, bool), maxDifferences ...N) Comparison[R] {
	const op = "DifferenceLevels"
	labels := make([]string, 0, len(maxDifferences)+2)
	labels = append(labels, ExactLabel)
	for _, d := range maxDifferences {
		labels = append(labels, "diff<="+formatFloat(float64(d)))
	}
	labels = append(labels, ElseLabel)
	if get == nil {
		return invalidTemplate[R](op, name, "nil accessor", labels...)
	}
	for i, d := range maxDifferences {
		if f := float64(d); !(f > 0) || math.IsInf(f, 0) {
			return invalidTemplate[R](op, name, "maximum difference "+strconv.Itoa(i+1)+" is not a finite number above 0", labels...)
		}
		if i > 0 && d <= maxDifferences[i-1] {
			return invalidTemplate[R](op, name, "maximum difference "+strconv.Itoa(i+1)+" ("+formatFloat(float64(d))+") is not above the one before ("+formatFloat(float64(maxDifferences[i-1]))+"): differences must increase strictly", labels...)
		}
	}
	ds := append([]N(nil), maxDifferences...)
	return Classified(name, func(a, b *R) int {
		va, oka := get(a)
		vb, okb := get(b)
		if !oka || !okb {
			return 0
		}
		if va == vb {
			return 1
		}
		diff := va - vb
		if vb > va {
			diff = vb - va
		}
		if diff < 0 {
			// The larger minus the smaller overflowed a signed type: the
			// difference is beyond every limit.
			return len(ds) + 2
		}
		for i, limit := range ds {
			if diff <= limit {
				return i + 2
			}
		}
		return len(ds) + 2
	}, labels...)
}

// Custom returns a comparison from a null predicate (nil: never missing)
// and labelled predicates tried in order, ending with an else level that
// Custom adds. Every level given must have a Match (Validate rejects a
// nil one, which would hide the levels after it).
func Custom[R any](name string, null func(a, b *R) bool, levels ...Level[R]) Comparison[R] {
	ls := make([]Level[R], 0, len(levels)+1)
	ls = append(ls, levels...)
	ls = append(ls, Else[R]())
	return Comparison[R]{Name: name, Null: null, Levels: ls}
}
