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
// gives the null level.
func Exact[R any, K comparable](name string, get func(*R) K) Comparison[R] {
	return Comparison[R]{
		Name:   name,
		Levels: []Level[R]{{Label: ExactLabel}, Else[R]()},
		Classify: func(a, b *R) int {
			var zero K
			va, vb := get(a), get(b)
			switch {
			case va == zero || vb == zero:
				return 0
			case va == vb:
				return 1
			}
			return 2
		},
	}
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// JaroWinklerLevels returns a comparison of strings with levels "exact",
// then "jaro_winkler>=t" for each threshold t (give them in decreasing
// order), then "else". An empty string on either side gives the null level.
// The similarity is computed once per pair with JaroWinkler, and not at all
// when a cheap bound on the letters the two strings share proves it below
// the lowest threshold.
func JaroWinklerLevels[R any](name string, get func(*R) string, thresholds ...float64) Comparison[R] {
	levels := make([]Level[R], 0, len(thresholds)+2)
	levels = append(levels, Level[R]{Label: ExactLabel})
	for _, t := range thresholds {
		levels = append(levels, Level[R]{Label: "jaro_winkler>=" + formatFloat(t)})
	}
	levels = append(levels, Else[R]())
	ts := append([]float64(nil), thresholds...)
	floor := math.Inf(1)
	for _, t := range ts {
		floor = min(floor, t)
	}
	return Comparison[R]{
		Name:   name,
		Levels: levels,
		Classify: func(a, b *R) int {
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
		},
	}
}

// distanceLevels builds "exact", "<metric><=d" for each maximum distance
// (give them in increasing order), "else".
func distanceLevels[R any](name, metric string, dist func(a, b string, limit int) int, get func(*R) string, maxDistances []int) Comparison[R] {
	levels := make([]Level[R], 0, len(maxDistances)+2)
	levels = append(levels, Level[R]{Label: ExactLabel})
	for _, d := range maxDistances {
		levels = append(levels, Level[R]{Label: metric + "<=" + strconv.Itoa(d)})
	}
	levels = append(levels, Else[R]())
	ds := append([]int(nil), maxDistances...)
	limit := 0
	for _, d := range ds {
		limit = max(limit, d)
	}
	return Comparison[R]{
		Name:   name,
		Levels: levels,
		Classify: func(a, b *R) int {
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
		},
	}
}

// LevenshteinLevels returns a comparison of strings with levels "exact",
// then "levenshtein<=d" for each maximum distance d (increasing), then
// "else". An empty string on either side gives the null level.
func LevenshteinLevels[R any](name string, get func(*R) string, maxDistances ...int) Comparison[R] {
	return distanceLevels(name, "levenshtein", levenshteinWithin, get, maxDistances)
}

// OSALevels is LevenshteinLevels with the optimal string alignment
// (restricted Damerau–Levenshtein) distance, which counts a swap of two
// adjacent characters as one edit; labels read "osa<=d".
func OSALevels[R any](name string, get func(*R) string, maxDistances ...int) Comparison[R] {
	return distanceLevels(name, "osa", osaWithin, get, maxDistances)
}

// Number is the set of numeric types DifferenceLevels compares.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~float32 | ~float64
}

// DifferenceLevels returns a comparison of numbers by absolute difference:
// levels "exact", then "diff<=d" for each maximum difference d
// (increasing), then "else". get reports false when the value is missing,
// which gives the null level. For dates, pass a day number (days since an
// epoch) and maximum differences in days.
func DifferenceLevels[R any, N Number](name string, get func(*R) (N, bool), maxDifferences ...N) Comparison[R] {
	levels := make([]Level[R], 0, len(maxDifferences)+2)
	levels = append(levels, Level[R]{Label: ExactLabel})
	for _, d := range maxDifferences {
		levels = append(levels, Level[R]{Label: "diff<=" + formatFloat(float64(d))})
	}
	levels = append(levels, Else[R]())
	ds := append([]N(nil), maxDifferences...)
	return Comparison[R]{
		Name:   name,
		Levels: levels,
		Classify: func(a, b *R) int {
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
			for i, limit := range ds {
				if diff <= limit {
					return i + 2
				}
			}
			return len(ds) + 2
		},
	}
}

// Custom returns a comparison from a null predicate (nil: never missing)
// and labelled predicates tried in order, ending with an else level.
func Custom[R any](name string, null func(a, b *R) bool, levels ...Level[R]) Comparison[R] {
	ls := make([]Level[R], 0, len(levels)+1)
	ls = append(ls, levels...)
	ls = append(ls, Else[R]())
	return Comparison[R]{Name: name, Null: null, Levels: ls}
}
