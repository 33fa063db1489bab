package vnperson

import (
	"strings"

	"github.com/vnlink/vnlink/vnname"
)

// nameFeatures let the name comparison skip vnname.Compare, and its
// Jaro–Winkler similarity, on pairs that can only be AgreeSimilar or
// AgreeDifferent and are provably not similar: most pairs of a blocking
// plan.
//
// The keys are held as hashes (keyHash): the fast path only tests keys for
// equality, and a collision only makes it call vnname.Compare on a pair it
// could have skipped, which returns the same level; equal keys always have
// equal hashes, so no pair that needs vnname.Compare skips it.
type nameFeatures struct {
	// given and family hash the loose phonetic keys of the given and of
	// the family name; group hashes the smallest folded spelling among the
	// family name and its documented variants (vnname.FamilyVariants). Each
	// is 0 when the key is "" (no family name, no variants).
	given, family, group uint64
	// hist counts the bytes of the folded key, one byte lane per value
	// (a–z, then every other byte), four lanes words of eight.
	hist [4]uint64
	// length is the length of the folded key in bytes.
	length uint8
	// ascii reports whether the folded key is ASCII (so that its byte
	// length is its rune length) and short enough for the counts; the
	// bound is not used otherwise.
	ascii bool
}

// newNameFeatures computes the features of n; groups caches the variant
// group of each family key (nil: no cache).
func newNameFeatures(n *vnname.Name, groups map[string]string) nameFeatures {
	f := nameFeatures{given: keyHash(n.GivenFoldedPhonetic()), ascii: true}
	if fam := n.Family(); fam != "" {
		words := strings.Count(fam, " ") + 1
		ph := n.FoldedPhonetic()
		end := 0
		for w := 0; w < words && end < len(ph); w++ {
			if i := strings.IndexByte(ph[end:], ' '); i >= 0 {
				end += i + 1
			} else {
				end = len(ph) + 1
			}
		}
		f.family = keyHash(ph[:end-1])
		g, ok := groups[n.FamilyKey()]
		if !ok {
			g = variantGroup(n)
			if groups != nil {
				groups[n.FamilyKey()] = g
			}
		}
		f.group = keyHash(g)
	}
	fold := n.Fold()
	if len(fold) > 127 { // lanes must stay below 128 for lanesMin
		f.ascii = false
		return f
	}
	f.length = uint8(len(fold))
	for i := 0; i < len(fold); i++ {
		c := fold[i]
		lane := 26
		switch {
		case c >= 0x80:
			f.ascii = false
		case c >= 'a' && c <= 'z':
			lane = int(c - 'a')
		}
		f.hist[lane/8] += 1 << (8 * (lane % 8))
	}
	return f
}

// keyHash returns the 64-bit FNV-1a hash of s, 0 only for "".
func keyHash(s string) uint64 {
	if s == "" {
		return 0
	}
	return max(fnvAdd(fnvOffset, s), 1)
}

// fnvOffset starts a 64-bit FNV-1a hash; fnvAdd adds the bytes of s to h.
const fnvOffset uint64 = 14695981039346656037

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// variantGroup returns the smallest folded spelling among the family name of
// n and its documented variants, or "" when it has none.
func variantGroup(n *vnname.Name) string {
	vs := vnname.FamilyVariants(n.Family())
	if len(vs) == 0 {
		return ""
	}
	g := n.FamilyFold()
	for _, v := range vs {
		if k := foldOf(v); k < g {
			g = k
		}
	}
	return g
}

// foldOf returns the folded key of a family name given in display form.
func foldOf(family string) string {
	n, err := vnname.Parse(family)
	if err != nil {
		return family
	}
	return n.Fold()
}

// nameLevel returns vnname.Compare(&a.Name, &b.Name), computed without
// vnname.Compare when cheap tests prove the answer is AgreeDifferent:
//
//   - the levels AgreeExact to AgreeMiddleDiffers and AgreeMarksDiffer need
//     the given names to agree phonetically (equal loose phonetic keys) and
//     the family names to agree phonetically or be documented variants;
//     AgreeSwapped needs the family name of each to agree with the given
//     name of the other (tested on the keys' hashes: equal keys have equal
//     hashes, and a collision only calls vnname.Compare);
//   - otherwise the level is AgreeSimilar or AgreeDifferent, and it can be
//     AgreeSimilar only when the Jaro–Winkler similarity of the folded keys
//     reaches vnname.SimilarThreshold or the folded keys are one edit apart:
//     vnname.Compare, which also checks the given names, is called only
//     when a bound allows either. With C = Σ_bytes min(count_a, count_b),
//     the c ≤ C matching characters bound jaro ≤ (C/|a| + C/|b| + 1)/3 and
//     jw ≤ jaro + 4·0.1·(1 − jaro); one edit (a substitution, insertion,
//     deletion or adjacent swap) leaves C ≥ max(|a|, |b|) − 1.
//
// TestNameLevelMatchesCompare checks the equivalence on many pairs.
func nameLevel(a, b *Record) int {
	x, y := &a.name, &b.name
	if x.length == 0 || y.length == 0 || !x.ascii || !y.ascii {
		return int(vnname.Compare(&a.Name, &b.Name))
	}
	if x.given == y.given && (x.family == y.family || (x.group != 0 && x.group == y.group)) {
		return int(vnname.Compare(&a.Name, &b.Name))
	}
	if x.family != 0 && x.family == y.given && y.family == x.given {
		return int(vnname.Compare(&a.Name, &b.Name))
	}
	common := lanesMin(x.hist[0], y.hist[0]) + lanesMin(x.hist[1], y.hist[1]) +
		lanesMin(x.hist[2], y.hist[2]) + lanesMin(x.hist[3], y.hist[3])
	c := float64(common)
	jaro := (c/float64(x.length) + c/float64(y.length) + 1) / 3
	if jaro+0.4*(1-jaro) < vnname.SimilarThreshold-1e-9 && common+1 < int(max(x.length, y.length)) {
		return int(vnname.AgreeDifferent)
	}
	return int(vnname.Compare(&a.Name, &b.Name))
}

const (
	laneLow  = 0x0101010101010101
	laneHigh = 0x8080808080808080
)

// lanesMin returns Σ_i min(a_i, b_i) over the eight byte lanes of a and b,
// each below 128, with a handful of word operations: (a|H) − b keeps the
// high bit of a lane exactly when a_i ≥ b_i (no borrow crosses lanes because
// every lane of a|H is at least 128 and every b_i is below it).
func lanesMin(a, b uint64) int {
	ge := ((a | laneHigh) - b) & laneHigh // high bit set where a_i >= b_i
	mask := (ge >> 7) * 0xff              // 0xff where a_i >= b_i
	m := (b & mask) | (a &^ mask)
	return int((m * laneLow) >> 56) // the sum fits a byte: it is at most 127
}
