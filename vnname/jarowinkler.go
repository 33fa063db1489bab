package vnname

import "unicode/utf8"

// jwStack is the length in runes up to which JaroWinkler works in stack
// buffers; longer strings cost two allocations.
const jwStack = 64

// JaroWinkler returns the Jaro–Winkler similarity of a and b, from 0 (no
// character in common) to 1 (equal), computed on runes (code points):
//
//	jaro = (m/|a| + m/|b| + (m-t)/m) / 3
//	jw   = jaro + l·p·(1-jaro)    when jaro > 0.7, else jaro
//
// where m is the number of matching runes (equal runes no further apart
// than max(|a|,|b|)/2 - 1), t is half the number of matching runes that
// appear in a different order, l is the length of the common prefix (at
// most 4) and p = 0.1. Two empty strings have similarity 1; an empty and
// a non-empty string 0. It gives the same values as
// matchr.JaroWinkler(a, b, false) with a <= b on strings without digits
// (JaroWinkler puts its arguments in that order so that it is symmetric),
// but does not allocate for strings of up to 64 runes. It is symmetric, pure and
// safe for concurrent use.
func JaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	if a == "" || b == "" {
		return 0
	}
	if a > b {
		a, b = b, a // the greedy matching is not symmetric: fix an order
	}
	var flagA, flagB [jwStack]bool
	if len(a) <= jwStack && len(b) <= jwStack && isASCII(a) && isASCII(b) {
		// Folded keys are ASCII: compare bytes, no decoding.
		var bufA, bufB [jwStack]byte
		ba, bb := bufA[:copy(bufA[:], a)], bufB[:copy(bufB[:], b)]
		return jaroWinkler(ba, bb, flagA[:len(ba)], flagB[:len(bb)])
	}
	var bufA, bufB [jwStack]rune
	ra := appendRunes(bufA[:0], a)
	rb := appendRunes(bufB[:0], b)
	fa, fb := flagA[:], flagB[:]
	if len(ra) > jwStack || len(rb) > jwStack {
		fa, fb = make([]bool, len(ra)), make([]bool, len(rb))
	}
	return jaroWinkler(ra, rb, fa[:len(ra)], fb[:len(rb)])
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendRunes appends the runes of s to dst.
func appendRunes(dst []rune, s string) []rune {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			dst = append(dst, rune(s[i]))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, r)
		i += n
	}
	return dst
}

// jaroWinkler computes the similarity of two non-empty slices of
// characters (bytes of ASCII text, or runes), using fa and fb (all false,
// as long as a and b) to mark the matched characters.
func jaroWinkler[C byte | rune](a, b []C, fa, fb []bool) float64 {
	longest := max(len(a), len(b))
	window := max(longest/2-1, 0)
	matches := 0
	for i, r := range a {
		lo := max(i-window, 0)
		hi := min(i+window, len(b)-1)
		for j := lo; j <= hi; j++ {
			if !fb[j] && b[j] == r {
				fa[i], fb[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	// Count the matched runes that are out of order.
	half, k := 0, 0
	for i := range a {
		if !fa[i] {
			continue
		}
		for !fb[k] {
			k++
		}
		if a[i] != b[k] {
			half++
		}
		k++
	}
	m := float64(matches)
	jaro := (m/float64(len(a)) + m/float64(len(b)) + (m-float64(half/2))/m) / 3
	if jaro <= 0.7 {
		return jaro
	}
	prefix := 0
	for prefix < 4 && prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	return jaro + float64(prefix)*0.1*(1-jaro)
}
