package strsim

import "math/bits"

// Jaro returns the Jaro similarity of a and b, in [0, 1], computed on runes:
//
//	jaro = (c/|a| + c/|b| + (c − t)/c) / 3
//
// where c is the number of matching runes (equal runes at most
// max(|a|,|b|)/2 − 1 positions apart, each rune matched at most once) and t
// is half the number of matched runes that appear in a different order. Two
// empty strings have similarity 1; one empty string gives 0. The arguments
// are put in a fixed order first (the smaller string first), so
// Jaro(a, b) == Jaro(b, a) bit for bit. It allocates nothing for strings of
// at most MaxStackRunes runes.
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

// JaroWinkler returns the Jaro–Winkler similarity of a and b, in [0, 1],
// from 0 (no rune in common) to 1 (equal):
//
//	jw = jaro + ℓ·0.1·(1 − jaro)   when jaro > 0.7, else jaro
//
// where jaro is Jaro(a, b) and ℓ ≤ 4 is the length of the common prefix in
// runes (Winkler's standard prefix scale 0.1 and boost threshold 0.7). Two
// empty strings have similarity 1; an empty and a non-empty string 0. It
// gives the same values as matchr.JaroWinkler(a, b, false) called with
// a <= b on strings without digits (matchr leaves digits out of the
// prefix). It is symmetric bit for bit and allocates nothing for strings of
// at most MaxStackRunes runes.
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

// JaroWinklerAbove returns JaroWinkler(a, b) and true, or 0 and false when
// a cheap bound proves the similarity is below floor (then the exact value
// is not computed). The bound: at most m_ub runes can match, where m_ub
// counts the runes of each string whose hash (rune mod 64) occurs in the
// other, so
//
//	jaro ≤ (m_ub/|a| + m_ub/|b| + 1)/3,  jw ≤ jaro_ub + ℓ·0.1·(1 − jaro_ub)
//
// with ℓ the common prefix (≤ 4). Most pairs of unrelated names share few
// letters and are settled by the bound. A margin of 1e-9 keeps rounding
// from ever changing a result: when the result is false, JaroWinkler(a, b)
// is below floor; when it is true, the value is exactly JaroWinkler(a, b).
// It allocates nothing for strings of at most MaxStackRunes runes.
func JaroWinklerAbove(a, b string, floor float64) (float64, bool) {
	if a == b {
		return 1, true
	}
	a, b = orderArgs(a, b)
	if isASCII(a) && isASCII(b) {
		return winklerAbove(asBytes(a), asBytes(b), floor)
	}
	var ba, bb [MaxStackRunes]rune
	return winklerAbove(decodeRunes(&ba, a), decodeRunes(&bb, b), floor)
}

func winklerAbove[T symbol](ra, rb []T, floor float64) (float64, bool) {
	if winklerBound(ra, rb) < floor-1e-9 {
		return 0, false
	}
	return winkler(ra, rb), true
}

// jaro is Jaro on decoded (or ASCII) sequences.
func jaro[T symbol](ra, rb []T) float64 {
	la, lb := len(ra), len(rb)
	if la == 0 && lb == 0 {
		return 1
	}
	if la == 0 || lb == 0 {
		return 0
	}
	window := max(max(la, lb)/2-1, 0)
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
	return jaroFormula(common, half, la, lb)
}

// jaroBits is jaro for sequences of at most 64 symbols, with the matched
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
	// The k-th matched symbol of ra pairs with the k-th of rb.
	half := 0
	for fa != 0 {
		if ra[bits.TrailingZeros64(fa)] != rb[bits.TrailingZeros64(fb)] {
			half++
		}
		fa &= fa - 1
		fb &= fb - 1
	}
	return jaroFormula(common, half, la, lb)
}

// jaroFormula returns (c/la + c/lb + (c − t)/c)/3 with t = half/2.
func jaroFormula(common, half, la, lb int) float64 {
	m := float64(common)
	t := float64(half / 2)
	return (m/float64(la) + m/float64(lb) + (m-t)/m) / 3
}

// winkler is JaroWinkler on decoded (or ASCII) sequences.
func winkler[T symbol](ra, rb []T) float64 {
	j := jaro(ra, rb)
	if j <= 0.7 {
		return j
	}
	return j + float64(commonPrefix(ra, rb))*0.1*(1-j)
}

// commonPrefix returns the length of the common prefix of ra and rb, at
// most 4.
func commonPrefix[T symbol](ra, rb []T) int {
	prefix := 0
	for prefix < 4 && prefix < len(ra) && prefix < len(rb) && ra[prefix] == rb[prefix] {
		prefix++
	}
	return prefix
}

// winklerBound is the upper bound of JaroWinklerAbove.
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
	return j + float64(commonPrefix(ra, rb))*0.1*(1-j)
}
