package synth

// This file holds the generator's own compact tables: names with rough
// weights, birth provinces, phone prefixes, insurance object codes and the
// commune. The weights are rough shares, not official statistics, except
// where a comment names the source of the fact.

// entry is one weighted value of a table.
type entry struct {
	word   string
	weight uint32
}

// table samples one of its words with probability weight/total.
type table struct {
	words []uint16 // indices into vocabulary
	cum   []uint32 // cumulative weights
}

// vocabulary interns every name word of every table, so a Person stores
// small indices instead of strings. Index 0 is the empty word.
var vocabulary = []string{""}

var vocabularyIndex = map[string]uint16{"": 0}

func intern(w string) uint16 {
	if i, ok := vocabularyIndex[w]; ok {
		return i
	}
	i := uint16(len(vocabulary))
	vocabulary = append(vocabulary, w)
	vocabularyIndex[w] = i
	return i
}

func newTable(entries []entry) table {
	t := table{words: make([]uint16, len(entries)), cum: make([]uint32, len(entries))}
	var sum uint32
	for i, e := range entries {
		sum += e.weight
		t.words[i] = intern(e.word)
		t.cum[i] = sum
	}
	return t
}

// pick returns the vocabulary index of a word drawn from the table.
func (t *table) pick(r randSource) uint16 {
	return t.words[pickCum(r, t.cum)]
}

// randSource is the part of *rand.Rand the tables need.
type randSource interface {
	Uint32N(n uint32) uint32
}

// Family names, per mille of the national population. The first fourteen
// follow the commonly cited national shares (Nguyễn about 38%, Trần about
// 11%, Lê about 9.5%, Phạm 7%, Hoàng/Huỳnh about 5%, Phan 4.5%, Vũ/Võ about
// 4%, …); Huỳnh and Võ are rare in the north, where this commune lies, so
// most of their share goes to Hoàng and Vũ. The tail is a rough northern mix.
var familyNames = newTable([]entry{
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 45},
	{"Huỳnh", 5}, {"Phan", 45}, {"Vũ", 35}, {"Võ", 4}, {"Đặng", 21},
	{"Bùi", 20}, {"Đỗ", 14}, {"Hồ", 13}, {"Ngô", 13}, {"Dương", 10},
	{"Lý", 5}, {"Đào", 9}, {"Đinh", 9}, {"Trịnh", 8}, {"Đoàn", 6},
	{"Mai", 6}, {"Hà", 5}, {"Lương", 5}, {"Tạ", 4}, {"Lưu", 4},
	{"Chu", 4}, {"Cao", 4}, {"Vương", 3}, {"Phùng", 3}, {"Triệu", 3},
	{"Tô", 3}, {"Kiều", 3}, {"Lại", 3}, {"Khúc", 2}, {"Nghiêm", 2},
	{"Quách", 2}, {"Doãn", 2}, {"Thái", 2}, {"Lã", 1}, {"Âu", 1},
})

// Middle names by sex and generation: older generations are dominated by
// Văn and Thị, younger ones use them far less.
var (
	middleMaleOld = newTable([]entry{
		{"Văn", 550}, {"Đức", 80}, {"Đình", 60}, {"Hữu", 60}, {"Quang", 50},
		{"Minh", 50}, {"Công", 50}, {"Xuân", 40}, {"Ngọc", 30}, {"Thanh", 30},
	})
	middleMaleYoung = newTable([]entry{
		{"Văn", 150}, {"Minh", 140}, {"Đức", 120}, {"Quang", 80}, {"Gia", 80},
		{"Anh", 60}, {"Tuấn", 50}, {"Bảo", 60}, {"Hoàng", 50}, {"Duy", 50},
		{"Trung", 40}, {"Hải", 40}, {"Thành", 40}, {"Nhật", 40},
	})
	middleFemaleOld = newTable([]entry{
		{"Thị", 750}, {"Ngọc", 50}, {"Thu", 50}, {"Thanh", 40}, {"Kim", 30},
		{"Minh", 20}, {"Hồng", 30}, {"Phương", 30},
	})
	middleFemaleYoung = newTable([]entry{
		{"Thị", 250}, {"Ngọc", 100}, {"Thu", 60}, {"Phương", 80}, {"Khánh", 70},
		{"Bảo", 70}, {"Minh", 80}, {"Thanh", 50}, {"Hà", 50}, {"Mai", 50},
		{"Gia", 40}, {"Diệu", 40}, {"Quỳnh", 60},
	})
)

// Given names by sex, with rough relative weights.
var (
	givenMale = newTable([]entry{
		{"Minh", 35}, {"Anh", 30}, {"Hùng", 30}, {"Tuấn", 30}, {"Dũng", 28},
		{"Nam", 25}, {"Hải", 22}, {"Sơn", 22}, {"Long", 20}, {"Huy", 20},
		{"Thắng", 18}, {"Cường", 18}, {"Trung", 18}, {"Đức", 18}, {"Thành", 18},
		{"Hiếu", 15}, {"Quân", 15}, {"Tùng", 14}, {"Đạt", 14}, {"Hoàng", 12},
		{"Phong", 12}, {"Bình", 12}, {"Hưng", 12}, {"Khánh", 12}, {"Kiên", 10},
		{"Việt", 10}, {"Duy", 10}, {"Phúc", 10}, {"Quang", 10}, {"Tiến", 10},
		{"Hòa", 8}, {"Lâm", 8}, {"Toàn", 8}, {"Vinh", 8}, {"Khoa", 8},
		{"Bảo", 8}, {"Nghĩa", 8}, {"Mạnh", 8}, {"Tài", 6}, {"Thịnh", 6},
		{"Vũ", 6}, {"Đông", 6}, {"Lộc", 6}, {"Tâm", 6}, {"Chiến", 6},
		{"Dương", 6}, {"Trường", 6}, {"Hậu", 5}, {"Thuận", 5}, {"Hiệp", 5},
		{"Phú", 5}, {"Quý", 5}, {"Thái", 5}, {"Tú", 5}, {"Khải", 4},
		{"Lợi", 4}, {"Công", 4}, {"Huấn", 3}, {"Sang", 3}, {"Thủy", 2},
		{"Uy", 2},
	})
	givenFemale = newTable([]entry{
		{"Hương", 30}, {"Linh", 30}, {"Trang", 30}, {"Thảo", 25}, {"Lan", 25},
		{"Anh", 25}, {"Hằng", 22}, {"Hà", 22}, {"Hoa", 20}, {"Nga", 20},
		{"Huyền", 20}, {"Thủy", 20}, {"Mai", 18}, {"Hạnh", 15}, {"Ngọc", 15},
		{"Phương", 15}, {"Dung", 15}, {"Hiền", 15}, {"Hồng", 15}, {"Yến", 14},
		{"Thúy", 14}, {"Vân", 14}, {"Nhung", 12}, {"Quỳnh", 12}, {"Giang", 12},
		{"Thu", 10}, {"Loan", 10}, {"Oanh", 10}, {"Chi", 10}, {"Liên", 10},
		{"Ly", 8}, {"My", 8}, {"Nhàn", 8}, {"Tuyết", 8}, {"Vy", 8},
		{"Thoa", 8}, {"Nhi", 8}, {"Ngân", 8}, {"Duyên", 8}, {"Huệ", 8},
		{"Trinh", 6}, {"Hòa", 6}, {"Uyên", 6}, {"Xuân", 6}, {"Hoài", 5},
		{"Tâm", 5}, {"Lệ", 4}, {"Diệp", 3}, {"Quý", 2}, {"Khuê", 2},
	})
)

// province is a place of birth registration with its three-digit code as
// used in digits 1-3 of a CCCD number (Circular 59/2021/TT-BCA; the old
// 63-province codes, since CCCD numbers issued before the 2025 reform keep
// them). weight is the rough share of people of this commune born there.
type province struct {
	code   uint16
	weight uint32
}

var provinces = []province{
	{1, 760}, // Hà Nội
	{35, 30}, // Hà Nam
	{36, 30}, // Nam Định
	{34, 30}, // Thái Bình
	{38, 25}, // Thanh Hóa
	{33, 20}, // Hưng Yên
	{40, 20}, // Nghệ An
	{30, 15}, // Hải Dương
	{25, 10}, // Phú Thọ
	{27, 10}, // Bắc Ninh
	{37, 10}, // Ninh Bình
	{26, 8},  // Vĩnh Phúc
	{31, 8},  // Hải Phòng
	{42, 8},  // Hà Tĩnh
	{24, 8},  // Bắc Giang
	{19, 5},  // Thái Nguyên
	{17, 5},  // Hòa Bình
	{22, 5},  // Quảng Ninh
	{79, 3},  // Thành phố Hồ Chí Minh
}

var provinceCum = func() []uint32 {
	c := make([]uint32, len(provinces))
	var s uint32
	for i, p := range provinces {
		s += p.weight
		c[i] = s
	}
	return c
}()

// phonePrefix is a current three-digit mobile prefix ("0" plus two digits)
// and, for prefixes created by the 2018 switch from 11 to 10 digits, the
// old four-digit prefix it replaced (e.g. Viettel 0168 became 038).
type phonePrefix struct {
	now    string
	old    string // "" when the prefix existed before 2018
	weight uint32
}

var phonePrefixes = []phonePrefix{
	// Viettel
	{"096", "", 30}, {"097", "", 30}, {"098", "", 30}, {"086", "", 10},
	{"032", "0162", 12}, {"033", "0163", 12}, {"034", "0164", 12}, {"035", "0165", 12},
	{"036", "0166", 12}, {"037", "0167", 12}, {"038", "0168", 12}, {"039", "0169", 12},
	// VinaPhone
	{"091", "", 25}, {"094", "", 20}, {"088", "", 8},
	{"083", "0123", 6}, {"084", "0124", 6}, {"085", "0125", 6}, {"081", "0127", 6}, {"082", "0129", 6},
	// MobiFone
	{"090", "", 20}, {"093", "", 15}, {"089", "", 6},
	{"070", "0120", 5}, {"079", "0121", 5}, {"077", "0122", 5}, {"076", "0126", 5}, {"078", "0128", 5},
	// Vietnamobile and Gmobile
	{"092", "", 4}, {"056", "0186", 2}, {"058", "0188", 2}, {"099", "", 1}, {"059", "0199", 1},
}

var phoneCum = func() []uint32 {
	c := make([]uint32, len(phonePrefixes))
	var s uint32
	for i, p := range phonePrefixes {
		s += p.weight
		c[i] = s
	}
	return c
}()

// insuranceObject is a BHYT object code with its benefit level (the digit
// after the two letters of a card number).
type insuranceObject struct {
	code  string
	level byte
}

var insuranceObjects = []insuranceObject{
	{"TE", '1'}, // children under six
	{"HS", '4'}, // pupils
	{"SV", '4'}, // students
	{"DN", '4'}, // employees of enterprises
	{"HC", '4'}, // civil servants
	{"GD", '4'}, // household-based participants
	{"HN", '2'}, // poor households
	{"HT", '3'}, // pensioners
	{"BT", '2'}, // social-protection beneficiaries
	{"CC", '1'}, // people with meritorious service
	{"KC", '2'}, // resistance participants
	{"CN", '4'}, // near-poor households
}

const (
	objTE = iota
	objHS
	objSV
	objDN
	objHC
	objGD
	objHN
	objHT
	objBT
	objCC
	objKC
	objCN
)

// previousObject is the object code a card most plausibly had before its
// latest reissue: a pupil's card was a child's card, a pensioner's was an
// employee's, and so on.
var previousObject = [...]uint8{
	objTE: objGD, objHS: objTE, objSV: objHS, objDN: objGD, objHC: objDN,
	objGD: objDN, objHN: objGD, objHT: objDN, objBT: objGD, objCC: objHT,
	objKC: objHT, objCN: objGD,
}

// ethnicity is a name with its code in the official list of the 54 ethnic
// groups (Kinh 01, Tày 02, Thái 03, Hoa 04, Mường 06, Nùng 07, Dao 09).
type ethnicity struct {
	name   string
	code   string
	weight uint32
}

var ethnicities = []ethnicity{
	{"Kinh", "01", 985}, {"Mường", "06", 5}, {"Tày", "02", 4}, {"Thái", "03", 2},
	{"Nùng", "07", 2}, {"Hoa", "04", 1}, {"Dao", "09", 1},
}

var ethnicCum = func() []uint32 {
	c := make([]uint32, len(ethnicities))
	var s uint32
	for i, e := range ethnicities {
		s += e.weight
		c[i] = s
	}
	return c
}()

// pickCum draws an index from cumulative weights.
func pickCum(r randSource, cum []uint32) int {
	x := r.Uint32N(cum[len(cum)-1])
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// The commune. Facts from Resolution 1656/NQ-UBTVQH15 (16 June 2025): from
// 1 July 2025 xã Ngọc Hồi, Hà Nội, is formed from all of the old xã Ngọc
// Hồi and parts of xã Đại Áng and xã Liên Ninh (huyện Thanh Trì) and of xã
// Duyên Thái and xã Khánh Hà (huyện Thường Tín). Districts were abolished
// by the same reform, so a new address has no district.
const (
	communeNew  = "Ngọc Hồi"
	codeNgocHoi = "00679" // its code in the list from 1 July 2025
	provinceNew = "Hà Nội"
)

// oldCommune is a pre-reform commune with its district.
type oldCommune struct {
	name, district string
}

var oldCommunes = []oldCommune{
	{"Ngọc Hồi", "Thanh Trì"},
	{"Đại Áng", "Thanh Trì"},
	{"Liên Ninh", "Thanh Trì"},
	{"Duyên Thái", "Thường Tín"},
	{"Khánh Hà", "Thường Tín"},
}

// hamletNames are generic village names (Đông, Đoài, Thượng, …), not the
// real list of hamlets of these communes. When a large population needs
// more hamlets than names, later hamlets get a number ("Thôn Đông 2").
var hamletNames = []string{
	"Đông", "Đoài", "Thượng", "Trung", "Hạ", "Nam", "Bắc", "Tiền", "Hậu",
	"Cầu", "Chùa", "Đình", "Giữa", "Mới", "Văn", "Tân", "Phú", "An",
	"Yên", "Vĩnh",
}
