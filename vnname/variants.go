package vnname

import "strings"

// variantGroups lists the family names that one family writes in more than
// one way, as display forms; each inner list is one group. Spelling
// mistakes are not variants (Đòan for Đoàn is an old tone placement that
// normalize.Text repairs; Nguyen for Nguyễn is a missing diacritic that
// the folded key catches). The groups:
//
//   - Hoàng and Huỳnh (黃): in the south the name was read Huỳnh to avoid
//     the name of lord Nguyễn Hoàng (naming taboo, kỵ húy; Ngô Đức Thọ,
//     Nghiên cứu chữ húy Việt Nam qua các triều đại, 1997, p. 120).
//   - Vũ and Võ (武): read Võ in the south for the taboo on the name of
//     lord Vũ vương Nguyễn Phúc Khoát.
//   - Chu and Châu (周): the northern and southern readings of one
//     character (Wikipedia, "Chu (họ)").
//   - Nguyễn Phúc and Nguyễn Phước: the royal clan, Phúc read Phước in the
//     south for the same kind of taboo.
//   - Tôn Thất and Tôn Nữ: one clan, Tôn Thất for men and Tôn Nữ for women.
var variantGroups = [][]string{
	{"Hoàng", "Huỳnh"},
	{"Vũ", "Võ"},
	{"Chu", "Châu"},
	{"Nguyễn Phúc", "Nguyễn Phước"},
	{"Tôn Thất", "Tôn Nữ"},
}

// variantByKey and variantByFold map a family name's comparison key, and
// its folded key, to its group number (1-based).
var variantByKey, variantByFold = buildVariants()

func buildVariants() (byKey, byFold map[string]uint8) {
	byKey = make(map[string]uint8)
	byFold = make(map[string]uint8)
	for i, g := range variantGroups {
		for _, name := range g {
			var key, fold []string
			for w := range strings.FieldsSeq(name) {
				nw := newWord(w)
				key, fold = append(key, nw.key), append(fold, nw.fold)
			}
			byKey[strings.Join(key, " ")] = uint8(i + 1)
			byFold[strings.Join(fold, " ")] = uint8(i + 1)
		}
	}
	return byKey, byFold
}

// variantGroup returns the variant group of a family name, 0 when it is
// in none. A family name typed without any diacritic is looked up by its
// folded key.
func variantGroup(f forms) uint8 {
	if f.words() == 0 {
		return 0
	}
	if g := variantByKey[f.key()]; g != 0 {
		return g
	}
	if f.marked() == 0 {
		return variantByFold[f.fold()]
	}
	return 0
}

// IsFamilyVariant reports whether the family names a and b (any text Parse
// accepts, each read as a whole family name) are two different ways one
// family writes its name, such as Hoàng and Huỳnh or Vũ and Võ. A name is
// not a variant of itself, nor of itself typed without diacritics (Hoàng
// and Hoang are not variants: their folded keys are equal). A family name
// typed without diacritics (Hoang) is looked up by its folded key.
func IsFamilyVariant(a, b string) bool {
	ga, fa := familyGroupOf(a)
	gb, fb := familyGroupOf(b)
	return ga != 0 && ga == gb && fa != fb
}

// familyGroupOf parses s as a whole family name and returns its variant
// group and folded key.
func familyGroupOf(s string) (uint8, string) {
	n, err := Parse(s)
	if err != nil {
		return 0, ""
	}
	return variantGroup(n.run(partFull)), n.Fold()
}

// variantFold returns the folded key of a display form of variantGroups.
func variantFold(v string) string {
	n, _ := Parse(v)
	return n.Fold()
}

// FamilyVariants returns the other ways of writing the family name family
// (any text Parse accepts), in display form, or nil when it has none:
// FamilyVariants("Hoàng") is ["Huỳnh"].
func FamilyVariants(family string) []string {
	g, fold := familyGroupOf(family)
	if g == 0 {
		return nil
	}
	var out []string
	for _, v := range variantGroups[g-1] {
		if variantFold(v) != fold {
			out = append(out, v)
		}
	}
	return out
}
