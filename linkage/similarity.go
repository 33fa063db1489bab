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
// a cheap bound proves the similarity is below floor (sharedBytes, then
// strsim.JaroWinklerAbove); JaroWinklerLevels uses it to skip the exact
// computation for most unrelated pairs.
func jaroWinklerAbove(a, b string, floor float64) (float64, bool) {
	if a != b && len(a) > 0 && len(b) > 0 {
		if shared, ok := sharedBytes(a, b); ok {
			// The Jaro matches pair equal runes one to one, so there are
			// at most shared of them (ASCII: runes are bytes):
			//	jaro ≤ (m/|a| + m/|b| + 1)/3,  jw ≤ jaro + ℓ·0.1·(1 − jaro)
			// with ℓ ≤ 4 the common prefix; the margin keeps rounding
			// from ever turning a similarity at the floor away.
			m := float64(shared)
			j := (m/float64(len(a)) + m/float64(len(b)) + 1) / 3
			if j+float64(asciiPrefix(a, b))*0.1*(1-j) < floor-1e-9 {
				return 0, false
			}
		}
	}
	return strsim.JaroWinklerAbove(a, b, floor)
}

// levenshteinWithin returns the Levenshtein distance of a and b when it is
// at most limit, and some value above limit otherwise; it stops as soon as
// the distance is known to exceed limit, and does not start when
// editLowerBound already exceeds it.
func levenshteinWithin(a, b string, limit int) int {
	if editLowerBound(a, b) > limit {
		return limit + 1
	}
	return strsim.LevenshteinWithin(a, b, limit)
}

// osaWithin is levenshteinWithin for the OSA distance.
func osaWithin(a, b string, limit int) int {
	if editLowerBound(a, b) > limit {
		return limit + 1
	}
	return strsim.OSAWithin(a, b, limit)
}

// editLowerBound returns a lower bound on the Levenshtein and OSA distances
// of a and b, 0 when either is not ASCII: a substitution changes the
// counts of two byte values by one each, an insertion or deletion one
// count, a swap of neighbours none, so with s bytes shared (sharedBytes)
// the distance is at least ⌈(|a| + |b| − 2s)/2⌉. Unrelated identifiers and
// dates of the same length, which share few digits in place of many,
// are settled by it without the dynamic programme.
func editLowerBound(a, b string) int {
	shared, ok := sharedBytes(a, b)
	if !ok {
		return 0
	}
	return (len(a) + len(b) - 2*shared + 1) / 2
}

// sharedBytes returns the size of the multiset intersection of the bytes
// of a and b, counted modulo 64 (which can only raise it, so it stays an
// upper bound on the bytes the two strings have in common), and false
// when either string is not ASCII, whose runes are then not its bytes, or
// a is longer than 255 bytes (the counts are bytes).
func sharedBytes(a, b string) (int, bool) {
	if len(a) > 255 {
		return 0, false
	}
	var count [64]uint8
	var high byte
	for i := 0; i < len(a); i++ {
		c := a[i]
		high |= c
		count[c&63]++
	}
	shared := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		high |= c
		t := min(count[c&63], 1) // without a branch: random pairs defeat a predictor
		count[c&63] -= t
		shared += int(t)
	}
	return shared, high < 0x80
}

// asciiPrefix returns the length of the common byte prefix of a and b, at
// most 4 (the runes of ASCII strings).
func asciiPrefix(a, b string) int {
	n := 0
	for n < 4 && n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
