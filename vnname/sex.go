package vnname

import "github.com/vnlink/vnlink/normalize"

// SexHint returns the sex that the name's strong markers suggest, or
// normalize.SexUnknown. Linkage can use it to catch a mistyped sex field.
// The rules:
//
//   - a middle word Thị (or thi typed without diacritics) means Female;
//   - a middle word Văn means Male; van typed without diacritics gives no
//     hint, as it may be Vân, a common female middle name (Nguyễn Vân Anh);
//   - the clan names Tôn Nữ, Công Tôn Nữ, Công Tằng Tôn Nữ and Công Huyền
//     Tôn Nữ mean Female, Tôn Thất means Male;
//   - conflicting markers (Văn and Thị) give SexUnknown.
//
// Given names are not used: most are given to both sexes.
func (n Name) SexHint() normalize.Sex { return n.sex }

// sexHint applies the rules of SexHint to the middle words and the family
// key.
func sexHint(middle []word, familyKey string) normalize.Sex {
	male, female := false, false
	switch familyKey {
	case "tôn thất":
		male = true
	case "tôn nữ", "công tôn nữ", "công tằng tôn nữ", "công huyền tôn nữ":
		female = true
	}
	for i := range middle {
		switch w := &middle[i]; {
		case w.key == "thị" || w.key == "thi" && w.key == w.fold:
			female = true
		case w.key == "văn":
			male = true
		}
	}
	switch {
	case male && !female:
		return normalize.Male
	case female && !male:
		return normalize.Female
	}
	return normalize.SexUnknown
}
