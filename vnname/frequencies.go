package vnname

// familyShares is the share of the population of Vietnam that bears each of
// the fourteen most common family names, which together account for about
// 90% of the people. Source: the Wikipedia article "Vietnamese name"
// (section Family name), which takes the figures from Lê Trung Hoa, Họ và
// tên người Việt Nam (Nhà xuất bản Khoa học Xã hội, 2005). The source gives
// one figure for each pair of variants (Hoàng/Huỳnh, Vũ/Võ): FamilyShare
// returns the pair's figure for either spelling.
var familyShares = []struct {
	keys  []string
	share float64
}{
	{[]string{"nguyễn"}, 0.38},
	{[]string{"trần"}, 0.11},
	{[]string{"lê"}, 0.095},
	{[]string{"phạm"}, 0.071},
	{[]string{"hoàng", "huỳnh"}, 0.051},
	{[]string{"phan"}, 0.045},
	{[]string{"vũ", "võ"}, 0.039},
	{[]string{"đặng"}, 0.021},
	{[]string{"bùi"}, 0.02},
	{[]string{"đỗ"}, 0.014},
	{[]string{"hồ"}, 0.013},
	{[]string{"ngô"}, 0.013},
	{[]string{"dương"}, 0.01},
	{[]string{"lý"}, 0.005},
}

// shareByKey maps a family-name key to its national share.
var shareByKey = func() map[string]float64 {
	m := make(map[string]float64, 16)
	for _, s := range familyShares {
		for _, k := range s.keys {
			m[newWord(k).key] = s.share
		}
	}
	return m
}()

// FamilyShare returns the share (0 to 1) of the population of Vietnam that
// bears the family name family (any text Parse accepts, read as a whole
// family name), or 0 when it is not one of the fourteen most common names
// of the embedded table (see the package documentation for its source).
// For Hoàng/Huỳnh and Vũ/Võ it returns the share of the pair. A family name
// typed without diacritics is not looked up (Le may be Lê or Lệ): pass the
// marked form.
func FamilyShare(family string) float64 {
	n, err := Parse(family)
	if err != nil {
		return 0
	}
	return shareByKey[n.Key()]
}

// Frequencies counts full names, given names and family names in a data
// set, so that the linkage engine can down-weight agreement on common
// names (term-frequency adjustment). Names are counted by comparison key
// ([Name.Key], [Name.GivenKey], [Name.FamilyKey]): case and tone placement
// do not split a count, while a name typed without diacritics is counted
// apart from its marked form.
//
// The shares depend only on the multiset of names added, not on their
// order. The zero value is ready to use. Add must not be called
// concurrently with any other method; the other methods are safe for
// concurrent use once adding is done, and do not allocate.
type Frequencies struct {
	total, withFamily    int
	full, given, familyN map[string]int
}

// Add counts one name. The zero (missing) Name is not counted.
func (f *Frequencies) Add(n Name) {
	if n.IsZero() {
		return
	}
	if f.full == nil {
		f.full = make(map[string]int)
		f.given = make(map[string]int)
		f.familyN = make(map[string]int)
	}
	f.total++
	f.full[n.Key()]++
	f.given[n.GivenKey()]++
	if n.partWords[partFamily] != 0 {
		f.withFamily++
		f.familyN[n.FamilyKey()]++
	}
}

// Total returns the number of names counted.
func (f *Frequencies) Total() int { return f.total }

// FullName returns the share of counted names whose comparison key is key:
// count(key) / Total, or 0 when nothing was counted.
func (f *Frequencies) FullName(key string) float64 {
	return share(f.full[key], f.total)
}

// Given returns the share of counted names whose given name has the
// comparison key key: count(key) / Total, or 0 when nothing was counted.
func (f *Frequencies) Given(key string) float64 {
	return share(f.given[key], f.total)
}

// Family returns the share of counted names with a family name whose
// family name has the comparison key key: count(key) / (names with a
// family name), or 0 when none was counted. One-word names have no family
// name and are left out of the denominator.
func (f *Frequencies) Family(key string) float64 {
	return share(f.familyN[key], f.withFamily)
}

// share returns n/total, 0 when total is 0.
func share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}
