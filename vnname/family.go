package vnname

// compoundFamilies lists the known family names of more than one word, as
// comparison keys. Sources: the Wikipedia articles "Vietnamese name"
// (natural compound family names such as Hoàng Phủ; the royal Nguyễn
// Phúc clan, whose branches are Tôn Thất for men and Tôn Nữ, Công Tằng
// Tôn Nữ, Công Huyền Tôn Nữ for women) and "Chinese compound surname"
// (the Sino-Vietnamese readings Âu Dương, Tư Mã, Gia Cát, Thượng Quan,
// Đông Phương, Tư Đồ, Lệnh Hồ).
//
// Nguyễn Phúc (and its southern spelling Nguyễn Phước) is ambiguous:
// "Nguyễn Phúc An" may also be family Nguyễn, middle Phúc. It is read as
// the compound, consistently for every record, so that two records of the
// same person are split the same way.
var compoundFamilies = [][]string{
	{"công", "tằng", "tôn", "nữ"},
	{"công", "huyền", "tôn", "nữ"},
	{"công", "tôn", "nữ"},
	{"tôn", "thất"},
	{"tôn", "nữ"},
	{"nguyễn", "phúc"},
	{"nguyễn", "phước"},
	{"hoàng", "phủ"},
	{"âu", "dương"},
	{"tư", "mã"},
	{"gia", "cát"},
	{"thượng", "quan"},
	{"đông", "phương"},
	{"tư", "đồ"},
	{"lệnh", "hồ"},
}

// knownFamilies lists common single-word family names, as comparison keys:
// the fourteen of [FamilyShare] and the next most frequent ones. It is used
// to judge the word order of a name, not to reject unknown family names.
var knownFamilies = []string{
	"nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ",
	"đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý", "đinh", "đoàn",
	"trịnh", "trương", "lâm", "mai", "đào", "cao", "hà", "lương", "lưu",
	"tạ", "thái", "tô", "chu", "châu", "kiều", "vương", "phùng", "quách",
	"triệu", "lại", "mạc", "nghiêm", "kim", "thân", "tống", "tôn", "từ",
	"hứa", "ninh", "khúc", "diệp", "giang", "la", "đàm", "nông", "lò",
	"hầu", "doãn", "quan", "lục", "vi", "mã", "tăng", "thạch", "khổng",
	"lã", "ông", "phí", "âu", "hàn", "khương", "văn", "đồng", "lạc",
	"bạch", "đường", "an", "đậu", "chung", "khuất", "cù", "lỗ",
}

// familyOnly lists family names that are rarely a given name (none or
// almost none of the given names in the duyet/vietnamese-namedb lists), so
// finding one as the last word of a name is strong evidence that the
// family name was written last. Hoàng, Vũ, Dương, Lâm, Mai, Hà, Kim and
// Giang are left out: they are common given names.
var familyOnly = []string{
	"nguyễn", "trần", "lê", "phạm", "huỳnh", "phan", "võ", "đặng", "bùi",
	"đỗ", "ngô", "đinh", "đoàn", "trịnh", "trương", "tô", "phùng",
	"quách", "lại", "tống", "hứa", "lưu", "đàm", "nông", "doãn", "tạ",
	"thân",
}

// Lookup sets built once from the lists above: by comparison key, and by
// folded key for words typed without diacritics.
var (
	knownFamilyKeys, knownFamilyFolds = keySets(knownFamilies)
	familyOnlyKeys, familyOnlyFolds   = keySets(familyOnly)
)

// keySets returns the set of keys and the set of their folded forms.
func keySets(keys []string) (byKey, byFold map[string]bool) {
	byKey = make(map[string]bool, len(keys))
	byFold = make(map[string]bool, len(keys))
	for _, k := range keys {
		byKey[k] = true
		byFold[newWord(k).fold] = true
	}
	return byKey, byFold
}

// inSet reports whether w is in a set: by its key, or by its folded key
// when w carries no marks (typed without diacritics).
func inSet(w *word, byKey, byFold map[string]bool) bool {
	if byKey[w.key] {
		return true
	}
	return w.key == w.fold && byFold[w.fold]
}

// sameWord reports whether w reads as the list word k: equal keys, or equal
// folded keys when w carries no marks.
func sameWord(w, k *word) bool {
	if w.key == k.key {
		return true
	}
	return w.key == w.fold && w.fold == k.fold
}

// compounds holds compoundFamilies as prepared words.
var compounds = prepareLists(compoundFamilies)

// prepareLists prepares each list of keys as words.
func prepareLists(lists [][]string) [][]word {
	out := make([][]word, len(lists))
	for i, l := range lists {
		for _, k := range l {
			out[i] = append(out[i], newWord(k))
		}
	}
	return out
}

// hasPrefixWords reports whether ws starts with the words of c.
func hasPrefixWords(ws, c []word) bool {
	if len(c) > len(ws) {
		return false
	}
	for i := range c {
		if !sameWord(&ws[i], &c[i]) {
			return false
		}
	}
	return true
}

// familyWords returns the number of words of ws that make the family name:
// the longest known compound family name that leaves at least one word for
// the given name, otherwise 1.
func familyWords(ws []word) int {
	best := 1
	if len(ws) < 3 {
		return best // every compound family name has two words or more
	}
	first := ws[0].fold
	for _, c := range compounds {
		// Words that read the same have the same folded key, so a
		// compound whose first word folds otherwise is skipped cheaply.
		if f := c[0].fold; len(f) != len(first) || f[0] != first[0] {
			continue
		}
		if len(c) > best && len(c) < len(ws) && hasPrefixWords(ws, c) {
			best = len(c)
		}
	}
	return best
}

// IsCompoundFamily reports whether family (any text Parse accepts) is a
// known family name of more than one word, such as Tôn Thất or Âu Dương.
func IsCompoundFamily(family string) bool {
	n, err := Parse(family)
	if err != nil || n.partWords[partFull] < 2 {
		return false
	}
	ws := n.splitWords()
	for _, c := range compounds {
		if len(c) == len(ws) && hasPrefixWords(ws, c) {
			return true
		}
	}
	return false
}
