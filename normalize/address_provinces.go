package normalize

import "sync"

// The names of the provinces, so that an address can be parsed without the
// administrative-unit data: a bare last part such as "Hà Nội" or "HN" is
// recognised as the province, and its name is written in one canonical
// form. The list holds the 63 provinces in force until 30 June 2025
// (Quyết định 124/2004/QĐ-TTg and its amendments) and the names the 34
// provinces formed on 1 July 2025 (Nghị quyết 202/2025/QH15) took, which
// are all among them except Huế (Thừa Thiên Huế until January 2025).
var addrProvinceNames = []string{
	"Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai",
	"Điện Biên", "Lai Châu", "Sơn La", "Yên Bái", "Hoà Bình", "Thái Nguyên",
	"Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh",
	"Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định",
	"Ninh Bình", "Thanh Hoá", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị",
	"Thừa Thiên Huế", "Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định",
	"Phú Yên", "Khánh Hoà", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai",
	"Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương",
	"Đồng Nai", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang",
	"Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang",
	"Cần Thơ", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
}

// addrProvinceAliases maps folded abbreviations and other common spellings
// to a name of addrProvinceNames.
var addrProvinceAliases = map[string]string{
	"hn":             "Hà Nội",
	"tp hn":          "Hà Nội",
	"tphn":           "Hà Nội",
	"hcm":            "Hồ Chí Minh",
	"tp hcm":         "Hồ Chí Minh",
	"tphcm":          "Hồ Chí Minh",
	"sg":             "Hồ Chí Minh",
	"sai gon":        "Hồ Chí Minh",
	"saigon":         "Hồ Chí Minh",
	"tp ho chi minh": "Hồ Chí Minh",
	"brvt":           "Bà Rịa - Vũng Tàu",
	"br vt":          "Bà Rịa - Vũng Tàu",
	"tt hue":         "Thừa Thiên Huế",
	"dac lac":        "Đắk Lắk",
	"dak nong":       "Đắk Nông",
	"dac nong":       "Đắk Nông",
	"bac can":        "Bắc Kạn",
	"kontum":         "Kon Tum",
}

// addrProvinces returns the map from the folded key of every province name
// and alias to its canonical display form. It is built on first use, once
// the text tables of the package are ready.
var addrProvinces = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(addrProvinceNames)+len(addrProvinceAliases))
	for _, n := range addrProvinceNames {
		m[addrFold(n)] = Text(n)
	}
	for k, n := range addrProvinceAliases {
		m[k] = Text(n)
	}
	return m
})

// addrKnownProvince returns the canonical name of the province whose folded
// key is fold, and whether there is one.
func addrKnownProvince(fold string) (string, bool) {
	n, ok := addrProvinces()[fold]
	return n, ok
}
