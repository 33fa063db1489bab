package normalize

// Province codes shared by the national ID (CCCD), the BHYT card and the
// landline area table.
//
// Source: Thông tư 07/2016/TT-BCA (Bộ Công an, 01/02/2016), Phụ lục 1
// "Danh mục mã tỉnh, thành phố trực thuộc Trung ương nơi công dân đăng ký
// khai sinh": 63 three-digit codes 001 to 096. They are the two-digit
// province codes of the national list of administrative units
// (Quyết định 124/2004/QĐ-TTg) with a leading zero, and the BHYT card uses
// the same two digits (Quyết định 1351/QĐ-BHXH, 2015). Numbers issued
// under the later circulars (Thông tư 59/2021/TT-BCA) use the same codes.
//
// On 1 July 2025 the 63 provinces were merged into 34 (Nghị quyết
// 202/2025/QH15). Every new province kept the code of one of the provinces
// it was made from, so the new codes are a subset of the old ones; a code
// such as 052 is Bình Định on a card registered before the merger and Gia
// Lai after it. Numbers already issued never change, so every one of the 63
// codes stays valid.
//
// These two tables are the package's list of province names: the address
// parser takes the names it recognises from them (address_provinces.go).

// idProvince is one row of the province table.
type idProvince struct {
	code3 string // "001": the CCCD form
	code2 string // "01": the BHYT and administrative-unit form
	name  string // official name before 1 July 2025, without "Tỉnh"/"Thành phố"
	after uint8  // two-digit code of the province it belongs to since 1 July 2025
}

// idProvinces is indexed by the two-digit code; rows with an empty name are
// codes that are not in the list.
var idProvinces = [100]idProvince{
	1:  {"001", "01", "Hà Nội", 1},
	2:  {"002", "02", "Hà Giang", 8},
	4:  {"004", "04", "Cao Bằng", 4},
	6:  {"006", "06", "Bắc Kạn", 19},
	8:  {"008", "08", "Tuyên Quang", 8},
	10: {"010", "10", "Lào Cai", 15},
	11: {"011", "11", "Điện Biên", 11},
	12: {"012", "12", "Lai Châu", 12},
	14: {"014", "14", "Sơn La", 14},
	15: {"015", "15", "Yên Bái", 15},
	17: {"017", "17", "Hoà Bình", 25},
	19: {"019", "19", "Thái Nguyên", 19},
	20: {"020", "20", "Lạng Sơn", 20},
	22: {"022", "22", "Quảng Ninh", 22},
	24: {"024", "24", "Bắc Giang", 24},
	25: {"025", "25", "Phú Thọ", 25},
	26: {"026", "26", "Vĩnh Phúc", 25},
	27: {"027", "27", "Bắc Ninh", 24},
	30: {"030", "30", "Hải Dương", 31},
	31: {"031", "31", "Hải Phòng", 31},
	33: {"033", "33", "Hưng Yên", 33},
	34: {"034", "34", "Thái Bình", 33},
	35: {"035", "35", "Hà Nam", 37},
	36: {"036", "36", "Nam Định", 37},
	37: {"037", "37", "Ninh Bình", 37},
	38: {"038", "38", "Thanh Hoá", 38},
	40: {"040", "40", "Nghệ An", 40},
	42: {"042", "42", "Hà Tĩnh", 42},
	44: {"044", "44", "Quảng Bình", 44},
	45: {"045", "45", "Quảng Trị", 44},
	46: {"046", "46", "Thừa Thiên Huế", 46},
	48: {"048", "48", "Đà Nẵng", 48},
	49: {"049", "49", "Quảng Nam", 48},
	51: {"051", "51", "Quảng Ngãi", 51},
	52: {"052", "52", "Bình Định", 52},
	54: {"054", "54", "Phú Yên", 66},
	56: {"056", "56", "Khánh Hoà", 56},
	58: {"058", "58", "Ninh Thuận", 56},
	60: {"060", "60", "Bình Thuận", 68},
	62: {"062", "62", "Kon Tum", 51},
	64: {"064", "64", "Gia Lai", 52},
	66: {"066", "66", "Đắk Lắk", 66},
	67: {"067", "67", "Đắk Nông", 68},
	68: {"068", "68", "Lâm Đồng", 68},
	70: {"070", "70", "Bình Phước", 75},
	72: {"072", "72", "Tây Ninh", 80},
	74: {"074", "74", "Bình Dương", 79},
	75: {"075", "75", "Đồng Nai", 75},
	77: {"077", "77", "Bà Rịa - Vũng Tàu", 79},
	79: {"079", "79", "Hồ Chí Minh", 79},
	80: {"080", "80", "Long An", 80},
	82: {"082", "82", "Tiền Giang", 82},
	83: {"083", "83", "Bến Tre", 86},
	84: {"084", "84", "Trà Vinh", 86},
	86: {"086", "86", "Vĩnh Long", 86},
	87: {"087", "87", "Đồng Tháp", 82},
	89: {"089", "89", "An Giang", 91},
	91: {"091", "91", "Kiên Giang", 91},
	92: {"092", "92", "Cần Thơ", 92},
	93: {"093", "93", "Hậu Giang", 92},
	94: {"094", "94", "Sóc Trăng", 92},
	95: {"095", "95", "Bạc Liêu", 96},
	96: {"096", "96", "Cà Mau", 96},
}

// idProvinceNames2025 are the names of the 34 provinces formed on 1 July 2025
// (Nghị quyết 202/2025/QH15), indexed by their two-digit code.
var idProvinceNames2025 = [100]string{
	1:  "Hà Nội",
	4:  "Cao Bằng",
	8:  "Tuyên Quang",
	11: "Điện Biên",
	12: "Lai Châu",
	14: "Sơn La",
	15: "Lào Cai",
	19: "Thái Nguyên",
	20: "Lạng Sơn",
	22: "Quảng Ninh",
	24: "Bắc Ninh",
	25: "Phú Thọ",
	31: "Hải Phòng",
	33: "Hưng Yên",
	37: "Ninh Bình",
	38: "Thanh Hoá",
	40: "Nghệ An",
	42: "Hà Tĩnh",
	44: "Quảng Trị",
	46: "Huế",
	48: "Đà Nẵng",
	51: "Quảng Ngãi",
	52: "Gia Lai",
	56: "Khánh Hoà",
	66: "Đắk Lắk",
	68: "Lâm Đồng",
	75: "Đồng Nai",
	79: "Hồ Chí Minh",
	80: "Tây Ninh",
	82: "Đồng Tháp",
	86: "Vĩnh Long",
	91: "An Giang",
	92: "Cần Thơ",
	96: "Cà Mau",
}

// idValidProvince reports whether the two-digit code c is in the list.
func idValidProvince(c int) bool {
	return c >= 0 && c < len(idProvinces) && idProvinces[c].name != ""
}

// idTwoDigits holds "00" to "99", so that accessors return codes without
// allocating.
var idTwoDigits = func() (t [100]string) {
	for i := range t {
		t[i] = string([]byte{'0' + byte(i/10), '0' + byte(i%10)})
	}
	return t
}()
