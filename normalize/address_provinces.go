package normalize

import (
	"slices"
	"sync"
)

// The names of the provinces, so that an address can be parsed without the
// administrative-unit data: a bare last part such as "Hà Nội" or "HN" is
// recognised as the province, and its name is written in one canonical
// form. The names come from the province table of province.go.

// addrProvinceNames holds the names of the 63 provinces in force until 30
// June 2025 (idProvinces) and those of the 34 provinces formed on 1 July
// 2025 (idProvinceNames2025) that are not among them: only Huế, which was
// Thừa Thiên Huế until January 2025.
var addrProvinceNames = func() []string {
	var names []string
	for _, p := range idProvinces {
		if p.name != "" {
			names = append(names, p.name)
		}
	}
	for _, n := range idProvinceNames2025 {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}()

// addrProvinceAliases maps folded abbreviations and other common spellings
// to the two-digit code of a province of idProvinces: the alias stands for
// its name before 1 July 2025.
var addrProvinceAliases = map[string]uint8{
	"hn":             1, // Hà Nội
	"tp hn":          1,
	"tphn":           1,
	"hcm":            79, // Hồ Chí Minh
	"tp hcm":         79,
	"tphcm":          79,
	"sg":             79,
	"sai gon":        79,
	"saigon":         79,
	"tp ho chi minh": 79,
	"brvt":           77, // Bà Rịa - Vũng Tàu
	"br vt":          77,
	"tt hue":         46, // Thừa Thiên Huế
	"dac lac":        66, // Đắk Lắk
	"dak nong":       67, // Đắk Nông
	"dac nong":       67,
	"bac can":        6,  // Bắc Kạn
	"kontum":         62, // Kon Tum
}

// addrProvinces returns the map from the folded key of every province name
// and alias to its canonical display form. It is built on first use, once
// the text tables of the package are ready.
var addrProvinces = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(addrProvinceNames)+len(addrProvinceAliases))
	for _, n := range addrProvinceNames {
		m[addrFold(n)] = Text(n)
	}
	for k, code := range addrProvinceAliases {
		m[k] = Text(idProvinces[code].name)
	}
	return m
})

// addrKnownProvince returns the canonical name of the province whose folded
// key is fold, and whether there is one.
func addrKnownProvince(fold string) (string, bool) {
	n, ok := addrProvinces()[fold]
	return n, ok
}
