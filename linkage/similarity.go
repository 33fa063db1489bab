package linkage

import "github.com/vnlink/vnlink/internal/strsim"

// The similarity functions are implemented once, in internal/strsim, and
// shared with vnname; the functions here only delegate to it.

// MaxStackRunes is the longest string, in runes (Unicode code points), that
// JaroWinkler, Jaro, Levenshtein and OSA handle without allocating: shorter
// strings are decoded into fixed buffers on the stack (ASCII strings are
// not decoded at all: they are compared byte by byte). Longer strings are
// still handled correctly, with a few heap allocations per call.
const MaxStackRunes = strsim.MaxStackRunes

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
func Jaro(a, b string) float64 { return strsim.Jaro(a, b) }

// JaroWinkler returns the Jaro–Winkler similarity of a and b, in [0, 1]:
//
//	jw = jaro + ℓ·0.1·(1 − jaro)   when jaro > 0.7, else jaro
//
// where jaro is Jaro(a, b) and ℓ ≤ 4 is the length of the common prefix in
// runes (Winkler's standard prefix scale 0.1 and boost threshold 0.7). It is
// symmetric bit for bit and allocates nothing for strings of at most
// MaxStackRunes runes.
func JaroWinkler(a, b string) float64 { return strsim.JaroWinkler(a, b) }

// Levenshtein returns the Levenshtein distance between a and b counted in
// runes: the least number of single-rune insertions, deletions and
// substitutions that turn a into b. It allocates nothing for strings of at
// most MaxStackRunes runes.
func Levenshtein(a, b string) int { return strsim.Levenshtein(a, b) }

// OSA returns the optimal string alignment distance between a and b in
// runes, the restricted Damerau–Levenshtein distance: like Levenshtein, but
// swapping two adjacent runes also costs 1 (each substring is edited at most
// once, so OSA("ca", "abc") is 3, not 2). It allocates nothing for strings
// of at most MaxStackRunes runes.
func OSA(a, b string) int { return strsim.OSA(a, b) }

// jaroWinklerAbove returns JaroWinkler(a, b) and true, or 0 and false when
// a cheap bound proves the similarity is below floor (see
// strsim.JaroWinklerAbove); JaroWinklerLevels uses it to skip the exact
// computation for most unrelated pairs.
func jaroWinklerAbove(a, b string, floor float64) (float64, bool) {
	return strsim.JaroWinklerAbove(a, b, floor)
}

// levenshteinWithin returns the Levenshtein distance of a and b when it is
// at most limit, and some value above limit otherwise; it stops as soon as
// the distance is known to exceed limit.
func levenshteinWithin(a, b string, limit int) int { return strsim.LevenshteinWithin(a, b, limit) }

// osaWithin is levenshteinWithin for the OSA distance.
func osaWithin(a, b string, limit int) int { return strsim.OSAWithin(a, b, limit) }
