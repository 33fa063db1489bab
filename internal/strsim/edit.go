package strsim

import "math"

// Levenshtein returns the Levenshtein distance between a and b counted in
// runes: the least number of single-rune insertions, deletions and
// substitutions that turn a into b. It is symmetric and allocates nothing
// for strings of at most MaxStackRunes runes.
func Levenshtein(a, b string) int {
	if a == b {
		return 0
	}
	return LevenshteinWithin(a, b, math.MaxInt32)
}

// LevenshteinWithin returns Levenshtein(a, b) when it is at most limit
// (limit ≥ 0), and some value above limit otherwise; it stops as soon as
// the distance is known to exceed limit, and limit 1 takes a single pass.
// It allocates nothing for strings of at most MaxStackRunes runes.
func LevenshteinWithin(a, b string, limit int) int {
	if a == b {
		return 0
	}
	if isASCII(a) && isASCII(b) {
		return levenshtein(asBytes(a), asBytes(b), limit)
	}
	var ba, bb [MaxStackRunes]rune
	return levenshtein(decodeRunes(&ba, a), decodeRunes(&bb, b), limit)
}

// OSA returns the optimal string alignment distance between a and b in
// runes, the restricted Damerau–Levenshtein distance: like Levenshtein, but
// swapping two adjacent runes also costs 1 (each substring is edited at most
// once, so OSA("ca", "abc") is 3, not 2). It is symmetric and allocates
// nothing for strings of at most MaxStackRunes runes.
func OSA(a, b string) int {
	if a == b {
		return 0
	}
	return OSAWithin(a, b, math.MaxInt32)
}

// OSAWithin is LevenshteinWithin for the OSA distance: OSA(a, b) when it is
// at most limit, some value above limit otherwise.
func OSAWithin(a, b string, limit int) int {
	if a == b {
		return 0
	}
	if isASCII(a) && isASCII(b) {
		return osa(asBytes(a), asBytes(b), limit)
	}
	var ba, bb [MaxStackRunes]rune
	return osa(decodeRunes(&ba, a), decodeRunes(&bb, b), limit)
}

// withinOne returns the distance of two sequences whose lengths differ by
// at most 1 when it is 0 or 1, else 2, in one pass: the common limit "at
// most one edit". With swaps, one transposition of adjacent symbols also
// counts as a single edit (OSA).
func withinOne[T symbol](ra, rb []T, swaps bool) int {
	ra, rb = trimCommon(ra, rb)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch {
	case len(ra) == 0:
		// Different strings can decode to the same runes (invalid UTF-8
		// becomes U+FFFD).
		return 0
	case len(ra) == 1 && len(rb) <= 1:
		// One substitution, insertion or deletion left after trimming.
		return 1
	case swaps && len(ra) == 2 && len(rb) == 2 && ra[0] == rb[1] && ra[1] == rb[0]:
		return 1
	}
	return 2
}

func levenshtein[T symbol](ra, rb []T, limit int) int {
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	if limit == 1 {
		return withinOne(ra, rb, false)
	}
	ra, rb = trimCommon(ra, rb)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	// rb is the shorter: one row of len(rb)+1 cells.
	if len(rb) == 0 {
		return len(ra)
	}
	var rowBuf [MaxStackRunes + 1]int32
	var row []int32
	if len(rb) < len(rowBuf) {
		row = rowBuf[:len(rb)+1]
	} else {
		row = make([]int32, len(rb)+1)
	}
	for j := range row {
		row[j] = int32(j)
	}
	for i, ca := range ra {
		diag := row[0]
		row[0] = int32(i + 1)
		rowMin := row[0]
		for j, cb := range rb {
			up := row[j+1]
			cost := diag
			if ca != cb {
				cost = min(diag, up, row[j]) + 1
			}
			row[j+1] = cost
			rowMin = min(rowMin, cost)
			diag = up
		}
		if int(rowMin) > limit {
			// Distances never decrease down the table.
			return limit + 1
		}
	}
	return int(row[len(rb)])
}

func osa[T symbol](ra, rb []T, limit int) int {
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	if limit == 1 {
		return withinOne(ra, rb, true)
	}
	ra, rb = trimCommon(ra, rb)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(rb) == 0 {
		return len(ra)
	}
	n := len(rb) + 1
	var b0, b1, b2 [MaxStackRunes + 1]int32
	var prev2, prev, cur []int32
	if n <= len(b0) {
		prev2, prev, cur = b0[:n], b1[:n], b2[:n]
	} else {
		prev2, prev, cur = make([]int32, n), make([]int32, n), make([]int32, n)
	}
	for j := range prev {
		prev[j] = int32(j)
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = int32(i)
		rowMin := cur[0]
		for j := 1; j < n; j++ {
			cost := int32(1)
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		// A transposition reaches back two rows, so stop only when both
		// the last two rows exceed the limit.
		if int(rowMin) > limit && int(min(minOf(prev), rowMin)) > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[n-1])
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// minOf returns the smallest value of a non-empty row.
func minOf(row []int32) int32 {
	m := row[0]
	for _, v := range row[1:] {
		m = min(m, v)
	}
	return m
}
