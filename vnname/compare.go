package vnname

import "github.com/vnlink/vnlink/internal/strsim"

// Agreement is the level of agreement between two names, or two parts of
// names: a small integer for a comparison vector. Apart from AgreeMissing
// the levels are ordered from the strongest (AgreeExact) to the weakest
// (AgreeDifferent), and Compare returns the first level that holds.
type Agreement uint8

// The levels of Agreement.
const (
	// AgreeMissing means one name (or part) is missing: the null level,
	// weight 0. It is the zero value.
	AgreeMissing Agreement = iota
	// AgreeExact means the comparison keys are equal.
	AgreeExact
	// AgreeMissingMarks means the folded keys are equal and, in every word
	// that differs, one side carries no diacritic: the only difference is
	// diacritics that were not typed (Nguyen Thi Lan, Nguyễn Thị Lan).
	AgreeMissingMarks
	// AgreePhonetic means every word has the same phonetic key: the strict
	// key where both words carry marks, the loose key otherwise (Trang and
	// Chang, Thủy and Thũy, Lý and Lí).
	AgreePhonetic
	// AgreeVariant means the family names are documented variants of each
	// other (Hoàng and Huỳnh) and the rest agrees at AgreePhonetic or
	// better.
	AgreeVariant
	// AgreeMiddleDiffers means the family and given names agree (at
	// AgreeVariant or better) while the middle words differ or one side
	// has none (Nguyễn Thị Lan, Nguyễn Lan). Whole names only.
	AgreeMiddleDiffers
	// AgreeSwapped means the family name of each is the given name of the
	// other, at AgreePhonetic or better (Nguyễn Lan, Lan Nguyễn). Whole
	// names only.
	AgreeSwapped
	// AgreeMarksDiffer means the folded keys are equal but some word
	// carries different marks on both sides: often a different name
	// (Hùng and Hưng, Vân and Văn).
	AgreeMarksDiffer
	// AgreeSimilar means, for parts of names, that the Jaro–Winkler
	// similarity of the folded keys is at least SimilarThreshold. Whole
	// names agree at AgreeSimilar when the given names are close, their
	// folded keys at most one edit apart (one letter inserted, deleted or
	// replaced, or two adjacent letters swapped: the optimal string
	// alignment distance) or agreeing at AgreePhonetic or better, and the
	// whole folded keys either have that Jaro–Winkler similarity or are at
	// most one edit apart. So a single typo anywhere in a name is similar
	// (Nguyễn Thị Lan and Nguyễn Thị Lanh; Phạm Văn Hoàng and Phm Văn
	// Hoàng, where the typo early in the name keeps the similarity below
	// the threshold), while a shared family name and middle word are not
	// enough (Nguyễn Thị Hằng and Nguyễn Thị Anh): the given name is what
	// tells apart the people of one family.
	AgreeSimilar
	// AgreeDifferent means none of the above.
	AgreeDifferent
)

// SimilarThreshold is the Jaro–Winkler similarity of the folded keys from
// which two names (or parts) agree at AgreeSimilar.
const SimilarThreshold = 0.92

// maxEdits is the largest optimal string alignment distance between the
// folded keys of two whole names, or of their given names, that counts as
// a typo for AgreeSimilar.
const maxEdits = 1

// String returns the level's name without the Agree prefix.
func (a Agreement) String() string {
	switch a {
	case AgreeMissing:
		return "Missing"
	case AgreeExact:
		return "Exact"
	case AgreeMissingMarks:
		return "MissingMarks"
	case AgreePhonetic:
		return "Phonetic"
	case AgreeVariant:
		return "Variant"
	case AgreeMiddleDiffers:
		return "MiddleDiffers"
	case AgreeSwapped:
		return "Swapped"
	case AgreeMarksDiffer:
		return "MarksDiffer"
	case AgreeSimilar:
		return "Similar"
	case AgreeDifferent:
		return "Different"
	}
	return "Agreement(invalid)"
}

// Parts is the agreement of each part of two names, so that a comparison
// can weigh the given name most. Family takes every level but
// AgreeMiddleDiffers and AgreeSwapped; Middle and Given take neither those
// nor AgreeVariant.
type Parts struct {
	Family, Middle, Given Agreement
}

// Compare returns the level of agreement of two prepared names, the first
// of these that holds: AgreeMissing when either is the zero Name, then
// AgreeExact, AgreeMissingMarks, AgreePhonetic, AgreeVariant,
// AgreeMiddleDiffers, AgreeSwapped, AgreeMarksDiffer, AgreeSimilar and
// AgreeDifferent. It is symmetric (Compare(a, b) == Compare(b, a)),
// deterministic, pure, safe for concurrent use, and does not allocate.
//
// The Jaro–Winkler similarity, the costliest step, is computed last, only
// when every other level has failed and the given names are close.
func Compare(a, b *Name) Agreement {
	if a.partWords[partFull] == 0 || b.partWords[partFull] == 0 {
		return AgreeMissing
	}
	// Without the Jaro–Winkler step the whole names agree at a level up to
	// AgreePhonetic, at AgreeMarksDiffer or at AgreeDifferent; the part
	// levels below only matter up to AgreeVariant, so they skip it too.
	whole := compareForms(a.run(partFull), b.run(partFull), false)
	if whole <= AgreePhonetic {
		return whole
	}
	family := compareFamily(a, b, false)
	given := compareForms(a.run(partGiven), b.run(partGiven), false)
	if agrees(family, AgreeVariant) && agrees(given, AgreePhonetic) {
		// The family and given names agree, so the middle words tell.
		middle := compareForms(a.run(partMiddle), b.run(partMiddle), false)
		bothEmpty := a.run(partMiddle).words() == 0 && b.run(partMiddle).words() == 0
		if family == AgreeVariant && (bothEmpty || agrees(middle, AgreePhonetic)) {
			return AgreeVariant
		}
		return AgreeMiddleDiffers
	}
	if agrees(compareForms(a.run(partFamily), b.run(partGiven), false), AgreePhonetic) &&
		agrees(compareForms(a.run(partGiven), b.run(partFamily), false), AgreePhonetic) {
		return AgreeSwapped
	}
	if whole == AgreeDifferent && givenClose(a, b) &&
		(similar(a.Fold(), b.Fold()) || typo(a.Fold(), b.Fold())) {
		return AgreeSimilar
	}
	return whole // AgreeMarksDiffer or AgreeDifferent
}

// givenClose reports whether the given names of a and b, both present, are
// at most maxEdits apart in their folded keys or agree phonetically.
func givenClose(a, b *Name) bool {
	x, y := a.run(partGiven), b.run(partGiven)
	return typo(x.fold(), y.fold()) || (x.words() == y.words() && samePhonetic(x, y, x.words(), x.marked(), y.marked()))
}

// typo reports whether two folded keys are at most maxEdits apart.
func typo(a, b string) bool {
	return strsim.OSAWithin(a, b, maxEdits) <= maxEdits
}

// similar reports whether the Jaro–Winkler similarity of two folded keys
// reaches SimilarThreshold; a cheap upper bound settles most pairs of
// unrelated names without computing it.
func similar(a, b string) bool {
	jw, ok := strsim.JaroWinklerAbove(a, b, SimilarThreshold)
	return ok && jw >= SimilarThreshold
}

// agrees reports whether l is a level of agreement no weaker than weakest
// (and not AgreeMissing).
func agrees(l, weakest Agreement) bool {
	return l != AgreeMissing && l <= weakest
}

// CompareParts returns the agreement of the family names, the middle words
// and the given names of a and b, each compared like Compare compares
// whole names (without the whole-name levels AgreeMiddleDiffers and
// AgreeSwapped). A part missing on either side is AgreeMissing. It is
// symmetric, pure, safe for concurrent use, and does not allocate.
func CompareParts(a, b *Name) Parts {
	return Parts{
		Family: compareFamily(a, b, true),
		Middle: compareForms(a.run(partMiddle), b.run(partMiddle), true),
		Given:  compareForms(a.run(partGiven), b.run(partGiven), true),
	}
}

// compareFamily compares the family names, with the variant level.
func compareFamily(a, b *Name, jw bool) Agreement {
	lvl := compareForms(a.run(partFamily), b.run(partFamily), jw)
	if lvl > AgreePhonetic && a.familyGroup != 0 && a.familyGroup == b.familyGroup {
		return AgreeVariant
	}
	return lvl
}

// compareForms compares two runs of words at the levels AgreeMissing,
// AgreeExact, AgreeMissingMarks, AgreePhonetic, AgreeMarksDiffer,
// AgreeSimilar and AgreeDifferent. Without jw it never computes the
// Jaro–Winkler similarity and returns AgreeDifferent instead of
// AgreeSimilar.
func compareForms(a, b forms, jw bool) Agreement {
	words := a.words()
	switch {
	case words == 0 || b.words() == 0:
		return AgreeMissing
	case a.key() == b.key():
		return AgreeExact
	}
	fa, fb := a.fold(), b.fold()
	if words == b.words() {
		ma, mb := a.marked(), b.marked()
		if fa == fb && !marksConflict(a, b, words, ma&mb) {
			return AgreeMissingMarks
		}
		if samePhonetic(a, b, words, ma, mb) {
			return AgreePhonetic
		}
		if fa == fb {
			return AgreeMarksDiffer
		}
	}
	if jw && similar(fa, fb) {
		return AgreeSimilar
	}
	return AgreeDifferent
}

// marksConflict reports whether some word differs between a and b while
// carrying marks on both sides (bit i of both is set when word i does).
// a and b have the same number of words.
func marksConflict(a, b forms, words int, both uint32) bool {
	if both == 0 {
		return false
	}
	ka, kb := a.key(), b.key()
	for i := range words {
		var wa, wb string
		wa, ka = nextWord(ka)
		wb, kb = nextWord(kb)
		if both&(1<<i) != 0 && wa != wb {
			return true
		}
	}
	return false
}

// samePhonetic reports whether every word of a has the phonetic key of the
// same word of b: the strict keys where both words carry marks, the loose
// keys otherwise. a and b have the same number of words, and their marks
// are ma and mb.
func samePhonetic(a, b forms, words int, ma, mb uint32) bool {
	both := ma & mb
	switch both {
	case 0: // no word is marked on both sides
		return a.loose() == b.loose()
	case ma | mb: // the unmarked words have strict == loose
		return a.strict() == b.strict()
	}
	sa, sb, la, lb := a.strict(), b.strict(), a.loose(), b.loose()
	for i := range words {
		var ws1, ws2, wl1, wl2 string
		ws1, sa = nextWord(sa)
		ws2, sb = nextWord(sb)
		wl1, la = nextWord(la)
		wl2, lb = nextWord(lb)
		if both&(1<<i) != 0 {
			if ws1 != ws2 {
				return false
			}
		} else if wl1 != wl2 {
			return false
		}
	}
	return true
}

// SamePhonetic reports whether a and b have the same number of words and
// every word has the same phonetic key: the strict key ([Name.Phonetic])
// where both words carry diacritics, the loose key ([Name.FoldedPhonetic])
// where either word has none. It does not allocate.
func SamePhonetic(a, b *Name) bool {
	return a.partWords[partFull] == b.partWords[partFull] &&
		samePhonetic(a.run(partFull), b.run(partFull), int(a.partWords[partFull]), a.marked, b.marked)
}
