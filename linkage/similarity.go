package linkage

import (
	"math"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// MaxStackRunes is the longest string, in runes (Unicode code points), that
// JaroWinkler, Jaro, Levenshtein and OSA handle without allocating: shorter
// strings are decoded into fixed buffers on the stack (ASCII strings are
// not decoded at all: they are compared byte by byte). Longer strings are
// still handled correctly, with a few heap allocations per call.
const MaxStackRunes = 64

// decodeRunes decodes s into buf when it fits, else into a new slice.
// Invalid UTF-8 bytes decode to utf8.RuneError, as in a range loop.
func decodeRunes(buf *[MaxStackRunes]rune, s string) []rune {
	var r []rune
	if len(s) <= MaxStackRunes || utf8.RuneCountInString(s) <= MaxStackRunes {
		r = buf[:0]
	} else {
		r = make([]rune, 0, utf8.RuneCountInString(s))
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			r = append(r, rune(c))
			i++
			continue
		}
		d, size := utf8.DecodeRuneInString(s[i:])
		r = append(r, d)
		i += size
	}
	return r
}

// symbol is the element type the similarity algorithms run on: bytes for
// ASCII strings (no decoding needed), runes otherwise.
type symbol interface{ ~byte | ~rune }

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	var or byte
	for i := 0; i < len(s); i++ {
		or |= s[i]
	}
	return or < utf8.RuneSelf
}

// asBytes views s as a byte slice without copying; the slice must never be
// written.
func asBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// orderArgs returns a and b in a fixed order (the lexicographically smaller
// first), so that similarity functions whose algorithm reads its arguments
// asymmetrically still give f(a, b) == f(b, a) exactly.
func orderArgs(a, b string) (string, string) {
	if b < a {
		return b, a
	}
	return a, b
}

// Jaro returns the Jaro similarity of a and b, in [0, 1], computed on runes:
//
//	jaro = (c/|a| + c/|b| + (c − t)/c) / 3
//
// where c is the number of matching runes (equal runes at most
// max(|a|,|b|)/2 − 1 positions apart, each rune matched at most once) and t
// is half the number of matched runes that appear in a different order. Two
// empty strings have similarity 1; one empty string gives 0. The arguments
// are put in a fixed order first, so Jaro(a, b) == Jaro(b, a) bit for bit.
// It allocates nothing for strings of at most MaxStackRunes runes.
func Jaro(a, b string) float64 {
	if a == b {
		return 1
	}
	a, b = orderArgs(a, b)
	if isASCII(a) && isASCII(b) {
		return jaro(asBytes(a), asBytes(b))
	}
	var ba, bb [MaxStackRunes]rune
	return jaro(decodeRunes(&ba, a), decodeRunes(&bb, b))
}

func jaro[T symbol](ra, rb []T) float64 {
	la, lb := len(ra), len(rb)
	if la == 0 && lb == 0 {
		return 1
	}
	if la == 0 || lb == 0 {
		return 0
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	if la <= 64 && lb <= 64 {
		return jaroBits(ra, rb, window)
	}
	var fa, fb [MaxStackRunes]bool
	var flagA, flagB []bool
	if la <= MaxStackRunes {
		flagA = fa[:la]
	} else {
		flagA = make([]bool, la)
	}
	if lb <= MaxStackRunes {
		flagB = fb[:lb]
	} else {
		flagB = make([]bool, lb)
	}
	common := 0
	for i, c := range ra {
		lo := max(0, i-window)
		hi := min(lb-1, i+window)
		for j := lo; j <= hi; j++ {
			if !flagB[j] && rb[j] == c {
				flagA[i], flagB[j] = true, true
				common++
				break
			}
		}
	}
	if common == 0 {
		return 0
	}
	half, k := 0, 0
	for i, c := range ra {
		if !flagA[i] {
			continue
		}
		for !flagB[k] {
			k++
		}
		if rb[k] != c {
			half++
		}
		k++
	}
	m := float64(common)
	t := float64(half / 2)
	return (m/float64(la) + m/float64(lb) + (m-t)/m) / 3
}

// jaroBits is jaro for strings of at most 64 symbols, with the matched
// flags held in two machine words.
func jaroBits[T symbol](ra, rb []T, window int) float64 {
	la, lb := len(ra), len(rb)
	var fa, fb uint64
	common := 0
	for i, c := range ra {
		lo := max(0, i-window)
		hi := min(lb-1, i+window)
		if lo > hi {
			continue
		}
		for jj, d := range rb[lo : hi+1] {
			j := uint(lo+jj) & 63
			if d == c && fb&(1<<j) == 0 {
				fa |= 1 << (uint(i) & 63)
				fb |= 1 << j
				common++
				break
			}
		}
	}
	if common == 0 {
		return 0
	}
	half := 0
	for fa != 0 {
		if ra[bits.TrailingZeros64(fa)] != rb[bits.TrailingZeros64(fb)] {
			half++
		}
		fa &= fa - 1
		fb &= fb - 1
	}
	m := float64(common)
	t := float64(half / 2)
	return (m/float64(la) + m/float64(lb) + (m-t)/m) / 3
}

// JaroWinkler returns the Jaro–Winkler similarity of a and b, in [0, 1]:
//
//	jw = jaro + ℓ·0.1·(1 − jaro)   when jaro > 0.7, else jaro
//
// where ℓ ≤ 4 is the length of the common prefix in runes (Winkler's
// standard prefix scale 0.1 and boost threshold 0.7). It is symmetric bit
// for bit and allocates nothing for strings of at most MaxStackRunes runes.
func JaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	a, b = orderArgs(a, b)
	if isASCII(a) && isASCII(b) {
		return winkler(asBytes(a), asBytes(b))
	}
	var ba, bb [MaxStackRunes]rune
	return winkler(decodeRunes(&ba, a), decodeRunes(&bb, b))
}

func winkler[T symbol](ra, rb []T) float64 {
	j := jaro(ra, rb)
	if j <= 0.7 {
		return j
	}
	prefix := 0
	for prefix < 4 && prefix < len(ra) && prefix < len(rb) && ra[prefix] == rb[prefix] {
		prefix++
	}
	return j + float64(prefix)*0.1*(1-j)
}

// withinOne returns the distance of two sequences whose lengths differ by
// at most 1 when it is 0 or 1, else 2, in one pass: the common limit "at
// most one edit" of LevenshteinLevels and OSALevels. With swaps, one
// transposition of adjacent symbols also counts as a single edit (OSA).
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

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func minOf(row []int32) int32 {
	m := row[0]
	for _, v := range row[1:] {
		m = min(m, v)
	}
	return m
}

// jaroWinklerAbove returns JaroWinkler(a, b) and true, or 0 and false
// when a cheap bound proves the similarity is below floor (then the exact
// value is not computed). The bound: at most m_ub runes can match, where
// m_ub counts the runes of each string whose hash (rune mod 64) occurs in
// the other, so
//
//	jaro ≤ (m_ub/|a| + m_ub/|b| + 1)/3,  jw ≤ jaro_ub + ℓ·0.1·(1 − jaro_ub)
//
// with ℓ the common prefix (≤ 4). Most pairs of unrelated names share few
// letters and are settled by the bound. A margin of 1e-9 keeps rounding
// from ever changing a result.
func jaroWinklerAbove(a, b string, floor float64) (float64, bool) {
	if a == b {
		return 1, true
	}
	a, b = orderArgs(a, b)
	if isASCII(a) && isASCII(b) {
		ra, rb := asBytes(a), asBytes(b)
		if winklerBound(ra, rb) < floor-1e-9 {
			return 0, false
		}
		return winkler(ra, rb), true
	}
	var ba, bb [MaxStackRunes]rune
	ra, rb := decodeRunes(&ba, a), decodeRunes(&bb, b)
	if winklerBound(ra, rb) < floor-1e-9 {
		return 0, false
	}
	return winkler(ra, rb), true
}

// winklerBound is the upper bound of jaroWinklerAbove.
func winklerBound[T symbol](ra, rb []T) float64 {
	la, lb := len(ra), len(rb)
	if la == 0 || lb == 0 {
		return 1 // let the exact computation decide
	}
	var seta, setb uint64
	for _, c := range ra {
		seta |= 1 << (uint(c) & 63)
	}
	for _, c := range rb {
		setb |= 1 << (uint(c) & 63)
	}
	na, nb := 0, 0
	for _, c := range ra {
		if setb&(1<<(uint(c)&63)) != 0 {
			na++
		}
	}
	for _, c := range rb {
		if seta&(1<<(uint(c)&63)) != 0 {
			nb++
		}
	}
	m := float64(min(na, nb))
	j := (m/float64(la) + m/float64(lb) + 1) / 3
	prefix := 0
	for prefix < 4 && prefix < la && prefix < lb && ra[prefix] == rb[prefix] {
		prefix++
	}
	return j + float64(prefix)*0.1*(1-j)
}

// trimCommon removes the common prefix and suffix of two rune slices, which
// does not change an edit distance.
func trimCommon[T symbol](ra, rb []T) ([]T, []T) {
	for len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0] {
		ra, rb = ra[1:], rb[1:]
	}
	for len(ra) > 0 && len(rb) > 0 && ra[len(ra)-1] == rb[len(rb)-1] {
		ra, rb = ra[:len(ra)-1], rb[:len(rb)-1]
	}
	return ra, rb
}

// Levenshtein returns the Levenshtein distance between a and b counted in
// runes: the least number of single-rune insertions, deletions and
// substitutions that turn a into b. It allocates nothing for strings of at
// most MaxStackRunes runes.
func Levenshtein(a, b string) int {
	if a == b {
		return 0
	}
	return levenshteinWithin(a, b, math.MaxInt32)
}

// levenshteinWithin returns the Levenshtein distance of a and b when it is
// at most limit, and some value above limit otherwise; it stops as soon as
// the distance is known to exceed limit.
func levenshteinWithin(a, b string, limit int) int {
	if a == b {
		return 0
	}
	if isASCII(a) && isASCII(b) {
		return levenshtein(asBytes(a), asBytes(b), limit)
	}
	var ba, bb [MaxStackRunes]rune
	return levenshtein(decodeRunes(&ba, a), decodeRunes(&bb, b), limit)
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

// OSA returns the optimal string alignment distance between a and b in
// runes, the restricted Damerau–Levenshtein distance: like Levenshtein, but
// swapping two adjacent runes also costs 1 (each substring is edited at most
// once, so OSA("ca", "abc") is 3, not 2). It allocates nothing for strings
// of at most MaxStackRunes runes.
func OSA(a, b string) int {
	if a == b {
		return 0
	}
	return osaWithin(a, b, math.MaxInt32)
}

// osaWithin is levenshteinWithin for the OSA distance.
func osaWithin(a, b string, limit int) int {
	if a == b {
		return 0
	}
	if isASCII(a) && isASCII(b) {
		return osa(asBytes(a), asBytes(b), limit)
	}
	var ba, bb [MaxStackRunes]rune
	return osa(decodeRunes(&ba, a), decodeRunes(&bb, b), limit)
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
