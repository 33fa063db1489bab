package vnname

import "github.com/vnlink/vnlink/internal/strsim"

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
// but does not allocate for strings of up to 64 runes. It is symmetric, pure
// and safe for concurrent use.
//
// The implementation is shared with linkage.JaroWinkler, which gives the
// same values.
func JaroWinkler(a, b string) float64 { return strsim.JaroWinkler(a, b) }
