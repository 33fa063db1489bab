package normalize

import (
	"strings"
	"sync"
	"unicode"
)

// Ethnicity is one of the 54 ethnic groups of Viet Nam, identified by its
// code in the official list, or the code 55 for foreigners. The zero value
// means missing.
//
// Source: Tổng cục Thống kê, Quyết định 121-TCTK/PPCĐ (02/3/1979),
// "Danh mục các thành phần dân tộc Việt Nam", codes 01 to 54, the list the
// Ministry of Health's XML tables (MA_DANTOC) refer to. Code 55 "Người
// nước ngoài" is not in that decision: it is the code hospital and
// insurance systems add for foreigners, and it is kept apart by
// IsForeigner.
//
// Beware: the later statistical list (Quyết định 1019/QĐ-TCTK, 2008)
// renumbers the groups by population (04 Mường, 05 Khơ-me, 06 Hoa, ...).
// Codes from a source that uses that list must be translated first; this
// package reads every code by the 1979 list.
type Ethnicity uint8

// Named codes that callers test for often.
const (
	Kinh      Ethnicity = 1  // Kinh (Việt), code 01, the majority
	Foreigner Ethnicity = 55 // người nước ngoài, code 55 (not one of the 54 groups)
)

// IsZero reports whether e is the zero (missing) Ethnicity.
func (e Ethnicity) IsZero() bool { return e == 0 }

// IsForeigner reports whether e is the code for foreigners.
func (e Ethnicity) IsForeigner() bool { return e == Foreigner }

// valid reports whether e is a known code.
func (e Ethnicity) valid() bool { return e >= 1 && int(e) < len(ethnicityNames) }

// Code returns the two-digit code ("01" for Kinh), or "" for the zero or an
// unknown Ethnicity.
func (e Ethnicity) Code() string {
	if !e.valid() {
		return ""
	}
	return idTwoDigits[e]
}

// Name returns the official name with its diacritics ("Kinh", "Ê-đê",
// "HMông"), or "" for the zero or an unknown Ethnicity.
func (e Ethnicity) Name() string {
	if !e.valid() {
		return ""
	}
	return ethnicityNames[e]
}

// String returns Name.
func (e Ethnicity) String() string { return e.Name() }

// MarshalText implements encoding.TextMarshaler: the two-digit code.
func (e Ethnicity) MarshalText() ([]byte, error) { return []byte(e.Code()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseEthnicity.
// Empty text gives the zero Ethnicity.
func (e *Ethnicity) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*e = 0
		return nil
	}
	v, err := ParseEthnicity(string(text))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// ParseEthnicity reads an ethnicity field: a code of the 1979 list with or
// without its leading zero ("1", "01", "001" are Kinh), the official name
// or one of the other names people write ("Việt", "Mông", "H'Mông", "Mèo",
// "Khmer", "Hán", "Êđê", ...), in any case, with or without diacritics,
// hyphens, spaces or apostrophes, and with or without a leading "dân tộc"
// or "người". Words for "unknown" ("không rõ", "chưa xác định", "-") give
// ErrEmpty, like an empty field.
//
// Errors are *ParseError wrapping ErrEmpty or ErrUnknownCode (a code or a
// name not in the list); they never contain the input. It does not
// allocate for ASCII input or a name written as listed; other text is
// repaired with RepairLegacy (text typed in the TCVN3 or VNI fonts, or
// mangled UTF-8) and folded with Fold. Text that still holds symbols after
// the repair is rejected rather than guessed.
func ParseEthnicity(s string) (Ethnicity, error) {
	const fn = "ParseEthnicity"
	s = idTrimSpace(s)
	if s == "" {
		return 0, parseError(fn, ErrEmpty, "no characters")
	}
	if len(s) <= 3 && idAllDigits(s) {
		v := 0
		for i := 0; i < len(s); i++ {
			v = v*10 + int(s[i]-'0')
		}
		if e := Ethnicity(v); v > 0 && e.valid() {
			return e, nil
		}
		return 0, parseError(fn, ErrUnknownCode, "code not in the list")
	}
	if !isASCII(s) {
		// Names typed exactly as listed need neither repair nor folding.
		if e, found := ethnicityExact()[s]; found {
			return e, nil
		}
		// Repair legacy encodings first, then refuse what is still not
		// plain text: Fold would turn a leftover symbol into a space and
		// an unrepaired name into another group's ("Br©u" into "bru").
		repaired, _ := RepairLegacy(s)
		if !ethnicityPlainText(repaired) {
			return 0, parseError(fn, ErrUnknownCode, "name not in the list")
		}
		s = Fold(repaired)
	}
	var buf [40]byte
	key, ok := ethnicityKey(s, &buf)
	if !ok {
		return 0, parseError(fn, ErrUnknownCode, "name not in the list")
	}
	if ethnicityUnknownWord(key) {
		return 0, parseError(fn, ErrEmpty, "no ethnicity recorded")
	}
	if e, found := ethnicityByKey()[string(key)]; found {
		return e, nil
	}
	return 0, parseError(fn, ErrUnknownCode, "name not in the list")
}

// ethnicityKey compacts a folded (lower-case ASCII) or plain ASCII name into
// buf: letters lower-cased and digits kept, spaces and punctuation that
// people put in names dropped, and a leading "dantoc" and "nguoi" removed.
// It returns false when the key does not fit or s holds any other
// character. The result aliases buf.
func ethnicityKey(s string, buf *[40]byte) ([]byte, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == ' ' || c == '-' || c == '\'' || c == '.' || c == ',' || c == '(' || c == ')' || c == '_' || c == '?' || c == '\t':
			continue
		default:
			// A symbol left by text that could not be repaired ("Br©u"):
			// dropping it could turn the name into another group's.
			return nil, false
		}
		if n == len(buf) {
			return nil, false
		}
		buf[n] = c
		n++
	}
	k := buf[:n]
	for _, prefix := range [...]string{"dantoc", "nguoi"} {
		if len(k) > len(prefix) && string(k[:len(prefix)]) == prefix {
			k = k[len(prefix):]
		}
	}
	return k, true
}

// ethnicityPlainText reports whether s has only letters, combining marks,
// digits, white space and the punctuation people put in names.
func ethnicityPlainText(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsMark(r), unicode.IsDigit(r), unicode.IsSpace(r):
		case r == '-' || r == '\'' || r == '\u2019' || r == '.' || r == ',' || r == '(' || r == ')' || r == '_' || r == '?':
		case r == '\u200b' || r == '\ufeff':
		default:
			return false
		}
	}
	return true
}

// ethnicityUnknownWord reports whether the key k says the value is unknown or
// absent: "-", "?", "không", "không rõ", "chưa xác định", ...
func ethnicityUnknownWord(k []byte) bool {
	switch string(k) {
	case "", "khong", "khongro", "chuaro", "khongxacdinh", "chuaxacdinh", "khongbiet", "kxd":
		return true
	}
	return false
}

// ethnicityNames are the official names, indexed by code.
var ethnicityNames = [...]string{
	1: "Kinh", 2: "Tày", 3: "Thái", 4: "Hoa", 5: "Khơ-me",
	6: "Mường", 7: "Nùng", 8: "HMông", 9: "Dao", 10: "Gia-rai",
	11: "Ngái", 12: "Ê-đê", 13: "Ba-na", 14: "Xơ-đăng", 15: "Sán Chay",
	16: "Cơ-ho", 17: "Chăm", 18: "Sán Dìu", 19: "Hrê", 20: "Mnông",
	21: "Ra-glai", 22: "Xtiêng", 23: "Bru-Vân Kiều", 24: "Thổ", 25: "Giáy",
	26: "Cơ-tu", 27: "Gié-Triêng", 28: "Mạ", 29: "Khơ-mú", 30: "Co",
	31: "Tà-ôi", 32: "Chơ-ro", 33: "Kháng", 34: "Xinh-mun", 35: "Hà Nhì",
	36: "Chu-ru", 37: "Lào", 38: "La Chí", 39: "La Ha", 40: "Phù Lá",
	41: "La Hủ", 42: "Lự", 43: "Lô Lô", 44: "Chứt", 45: "Mảng",
	46: "Pà Thẻn", 47: "Co Lao", 48: "Cống", 49: "Bố Y", 50: "Si La",
	51: "Pu Péo", 52: "Brâu", 53: "Ơ-đu", 54: "Rơ-măm",
	55: "Người nước ngoài",
}

// ethnicityAliases are other names in use, from the "tên gọi khác" column of
// the 1979 list and common spellings. A name that the list gives to two
// groups (Thổ for Tày and Khơ-me, Mán for Dao and Sán Dìu, Xá Lá Vàng) is
// left out.
var ethnicityAliases = map[Ethnicity][]string{
	Kinh:      {"Việt", "Kinh (Việt)"},
	3:         {"Thái Đen", "Thái Trắng", "Tày Đăm", "Tày Khao"},
	4:         {"Hán", "Hoa (Hán)", "Hoa kiều", "Triều Châu", "Phúc Kiến", "Quảng Đông", "Hải Nam"},
	5:         {"Khmer", "Khơ me", "Khmer Krom", "Khơ-me Krôm", "Việt gốc Miên"},
	6:         {"Mol", "Mual"},
	8:         {"Mông", "H'Mông", "Hmong", "Mèo", "Mẹo", "HMông (Mèo)"},
	9:         {"Dao Đỏ", "Dao Tiền", "Dao Quần Chẹt", "Dao Thanh Y", "Dao Lô Gang"},
	10:        {"Jrai", "Jarai", "Giơ-rai", "Chơ-rai"},
	12:        {"Ra-đê", "Rhade", "Ê Đê"},
	13:        {"Bahnar", "Ba Na"},
	14:        {"Sedang", "Xê-đăng", "Xơ-teng"},
	15:        {"Cao Lan", "Sán Chỉ", "Cao Lan-Sán Chỉ", "Sán Chay (Cao Lan-Sán Chỉ)"},
	16:        {"Koho", "K'Ho"},
	17:        {"Chàm", "Chăm (Chàm)", "Chăm Hroi"},
	18:        {"Sán Dẻo"},
	19:        {"H'rê"},
	20:        {"M'Nông", "Mơ Nông"},
	21:        {"Raglai", "Ra-clây"},
	22:        {"X'Tiêng", "Stiêng", "Xa-điêng"},
	23:        {"Vân Kiều", "Bru"},
	25:        {"Nhắng", "Dẩng"},
	26:        {"Katu", "Ca-tu"},
	27:        {"Giẻ-Triêng", "Triêng", "Ta-riêng"},
	29:        {"Khmu", "Kh'mú", "Xá Cẩu"},
	30:        {"Cor", "Col"},
	31:        {"Pa-cô", "Pa-hy", "Ta Oi"},
	32:        {"Châu-ro", "Dơ-ro"},
	35:        {"U Ni", "Xá U Ni"},
	37:        {"Lào Bốc", "Lào Nọi"},
	38:        {"Cù Tê", "La Quả"},
	40:        {"Xá Phó"},
	44:        {"Rục", "Sách", "Mày", "Arem"},
	46:        {"Pà Hưng"},
	47:        {"Cờ Lao"},
	48:        {"Xắm Khống"},
	50:        {"Cù Dề Xừ"},
	51:        {"Ka Pèo"},
	52:        {"Brao"},
	53:        {"Tày Hạt"},
	Foreigner: {"Nước ngoài", "Ngoại quốc"},
}

// ethnicityExact returns the map from every official name and alias, as
// written in the tables, in lower case and in upper case, to its code: a
// lookup that needs no folding for well-typed fields.
var ethnicityExact = sync.OnceValue(func() map[string]Ethnicity {
	m := make(map[string]Ethnicity, 600)
	add := func(name string, e Ethnicity) {
		for _, form := range []string{name, strings.ToLower(name), strings.ToUpper(name)} {
			m[form] = e
		}
	}
	for code, name := range ethnicityNames {
		if name != "" {
			add(name, Ethnicity(code))
		}
	}
	for e, names := range ethnicityAliases {
		for _, name := range names {
			add(name, e)
		}
	}
	return m
})

// ethnicityByKey returns the map from the key of every official name and
// alias to its code. It is built on first use, not at package
// initialisation, because it calls Fold, whose tables may be set up by an
// init function that runs after package variables are initialised.
var ethnicityByKey = sync.OnceValue(func() map[string]Ethnicity {
	m := make(map[string]Ethnicity, 200)
	add := func(name string, e Ethnicity) {
		var buf [40]byte
		key, ok := ethnicityKey(Fold(name), &buf)
		if !ok || len(key) == 0 {
			panic("normalize: ethnicity name does not fit a key: " + name)
		}
		if old, dup := m[string(key)]; dup && old != e {
			panic("normalize: ethnicity key shared by two codes: " + name)
		}
		m[string(key)] = e
	}
	for code, name := range ethnicityNames {
		if name != "" {
			add(name, Ethnicity(code))
		}
	}
	for e, names := range ethnicityAliases {
		for _, name := range names {
			add(name, e)
		}
	}
	return m
})
