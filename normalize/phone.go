package normalize

import (
	"unicode"
	"unicode/utf8"
)

// PhoneKind says whether a Phone is a mobile or a landline number. The zero
// value means no number.
type PhoneKind uint8

// Kinds of phone number.
const (
	PhoneMobile   PhoneKind = 1 + iota // 10 digits, prefix 03, 05, 07, 08 or 09
	PhoneLandline                      // 11 digits, prefix 02 and an area code
)

// String returns "mobile", "landline" or "" for the zero kind.
func (k PhoneKind) String() string {
	switch k {
	case PhoneMobile:
		return "mobile"
	case PhoneLandline:
		return "landline"
	}
	return ""
}

// Phone is a Vietnamese phone number in its current national form. The
// zero value means missing. It is a small comparable value: two Phones are
// the same number exactly when they are ==.
//
// Mobile numbers have 10 digits since the 2018 change of mobile prefixes;
// landline numbers have 11 (area code 024 or 028 and 8 digits, or a
// four-digit area code 02XX and 7 digits) since the 2017 change of area
// codes.
type Phone struct {
	v uint64 // kind<<phoneKindShift | the national number without its leading 0
}

const phoneKindShift = 56

// Kind returns PhoneMobile, PhoneLandline, or 0 for the zero Phone.
func (p Phone) Kind() PhoneKind { return PhoneKind(p.v >> phoneKindShift) }

// IsMobile reports whether p is a mobile number.
func (p Phone) IsMobile() bool { return p.Kind() == PhoneMobile }

// IsZero reports whether p is the zero (missing) Phone.
func (p Phone) IsZero() bool { return p.v == 0 }

// Uint64 returns an integer that identifies p among all Phones, or 0 for
// the zero Phone. It is meant for hashing and blocking keys; it does not
// allocate.
func (p Phone) Uint64() uint64 { return p.v }

func (p Phone) nsn() uint64 { return p.v & (1<<phoneKindShift - 1) }

func (p Phone) width() int {
	if p.Kind() == PhoneLandline {
		return 10
	}
	return 9
}

// String returns the national form: "0912345678" for a mobile,
// "02438234567" for a landline, "" for the zero Phone.
func (p Phone) String() string {
	var buf [11]byte
	return string(p.AppendTo(buf[:0]))
}

// AppendTo appends the national form of p (see String) to dst.
func (p Phone) AppendTo(dst []byte) []byte {
	if p.v == 0 {
		return dst
	}
	return idAppendPadded(append(dst, '0'), p.nsn(), p.width())
}

// International returns the E.164 form "+84912345678", or "" for the zero
// Phone.
func (p Phone) International() string {
	if p.v == 0 {
		return ""
	}
	var buf [13]byte
	return string(idAppendPadded(append(buf[:0], "+84"...), p.nsn(), p.width()))
}

// MarshalText implements encoding.TextMarshaler: the national form.
func (p Phone) MarshalText() ([]byte, error) { return p.AppendTo(nil), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParsePhone. Empty
// text gives the zero Phone.
func (p *Phone) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*p = Phone{}
		return nil
	}
	v, err := ParsePhone(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// ParsePhone parses the first phone number of a record's phone field.
//
// A cell often holds several numbers ("0912345678 / 0987654321",
// "0912 345 678 - 0987 654 321 (mẹ)"): ParsePhone returns the first and
// ignores the rest; ParsePhones returns them all. How a number may be
// written, and the errors, are described at ParsePhones. It does not
// allocate on success.
func ParsePhone(s string) (Phone, error) {
	var one [1]Phone
	out, err := parsePhones(one[:0], s, 1, "ParsePhone")
	if err != nil {
		return Phone{}, err
	}
	return out[0], nil
}

// ParsePhones appends to dst every phone number of a record's phone field
// and returns the extended slice.
//
// A number is a run of digits, possibly broken by spaces, dots, dashes and
// parentheses. Any other character (a letter, '/', ',', ';', ...) ends a
// run; so does a space where the digits before it already make a complete
// number ("0912 345 678 0987 654 321" is two numbers). Runs of fewer than
// 8 digits (extensions, house numbers, labels) are ignored, and so are
// fewer than 8 digits left in a run after a number. Each number may be
// written
//
//   - in national form: 0912345678, 024 3823 4567;
//   - with the country code: +84 912 345 678, 84912345678, 0084 912345678,
//     +84 (0) 912 345 678;
//   - without its leading zero, as spreadsheets store it: 912345678;
//   - with a mobile prefix retired in 2018 (0162 → 032, 0120 → 070, ...):
//     it is converted with the official table;
//   - with the old Hà Nội area code 04 (04 3823 4567 → 024 3823 4567). The
//     other pre-2017 area codes are not converted: several are ambiguous
//     with current mobile prefixes. 08 was Hồ Chí Minh City and 08X is
//     mobile now, so "08 3823 4567" reads as the mobile 083 823 4567;
//     the others give ErrRange or ErrUnknownCode.
//
// Mobile numbers are checked only for their first digit after the zero
// (3, 5, 7, 8 or 9, the ranges the numbering plan gives to mobile), not for
// the operator prefixes allocated inside them, which keep changing.
// Landline area codes are checked against the 2017 table.
//
// A field with no number gives a *ParseError wrapping ErrEmpty (nothing in
// it) or ErrSyntax (text but no digits) or ErrRange (only short runs of
// digits). A run that is not a valid number gives ErrRange (wrong number of
// digits) or ErrUnknownCode (an unassigned prefix, a foreign country code);
// the numbers before it are returned with the error. Errors never contain
// the input.
func ParsePhones(dst []Phone, s string) ([]Phone, error) {
	return parsePhones(dst, s, -1, "ParsePhones")
}

// phoneMaxRunDigits bounds the digits of one run; a longer run is an error.
const phoneMaxRunDigits = 48

// phoneRun is one run of digits of a phone field.
type phoneRun struct {
	d        [phoneMaxRunDigits]byte
	n        int
	boundary uint64 // bit i: a space, dot, dash or parenthesis came before digit i
	plus     uint64 // bit i: a '+' came before digit i
	overflow bool
}

// parsePhones appends up to max numbers of s to dst (max < 0: all); fn
// names the exported function in errors.
func parsePhones(dst []Phone, s string, max int, fn string) ([]Phone, error) {
	var run phoneRun
	found, sawDigit, sawText := 0, false, false
	flush := func() error {
		defer func() { run = phoneRun{} }()
		if run.overflow {
			return parseError(fn, ErrRange, "too many digits in one number")
		}
		if run.n < 8 {
			return nil
		}
		for pos := 0; pos < run.n && (max < 0 || found < max); {
			if run.n-pos < 8 && pos > 0 {
				return nil // a short tail after a number: an extension
			}
			p, used, sentinel, reason := run.parseAt(pos)
			if sentinel != nil {
				return parseError(fn, sentinel, reason)
			}
			dst = append(dst, p)
			found++
			pos += used
		}
		return nil
	}
	pendingPlus := false
	for i := 0; i < len(s) && (max < 0 || found < max); {
		c := s[i]
		size := 1
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if run.n >= phoneMaxRunDigits {
				run.overflow = true
			} else {
				if pendingPlus {
					run.plus |= 1 << run.n
					pendingPlus = false
				}
				run.d[run.n] = c
				run.n++
			}
		case c == ' ' || c == '\t' || c == '.' || c == '-' || c == '(' || c == ')':
			if run.n < phoneMaxRunDigits {
				run.boundary |= 1 << run.n
			}
		case c == '+':
			pendingPlus = true
			if run.n < phoneMaxRunDigits {
				run.boundary |= 1 << run.n
			}
		default:
			r, sz := utf8.DecodeRuneInString(s[i:])
			size = sz
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
				if run.n < phoneMaxRunDigits {
					run.boundary |= 1 << run.n
				}
				break
			}
			if r != '\'' && r != '\u2019' && r != '\u2018' {
				sawText = true
			}
			pendingPlus = false
			if err := flush(); err != nil {
				return dst, err
			}
		}
		i += size
	}
	if max < 0 || found < max {
		if err := flush(); err != nil {
			return dst, err
		}
	}
	if found == 0 {
		switch {
		case sawDigit:
			return dst, parseError(fn, ErrRange, "too few digits for a phone number")
		case sawText:
			return dst, parseError(fn, ErrSyntax, "no digits")
		}
		return dst, parseError(fn, ErrEmpty, "no characters")
	}
	return dst, nil
}

// ends reports whether a number may end before digit i of the run.
func (r *phoneRun) ends(i int) bool { return i == r.n || (i < r.n && r.boundary&(1<<i) != 0) }

// parseAt parses one number starting at digit pos and returns it with the
// number of digits it used.
func (r *phoneRun) parseAt(pos int) (p Phone, used int, sentinel error, reason string) {
	d := r.d[pos:r.n]
	has := func(prefix string) bool { return len(d) >= len(prefix) && string(d[:len(prefix)]) == prefix }
	plus := r.plus&(1<<pos) != 0
	switch {
	case has("0084"):
		return r.national(pos, 4, true)
	case plus && has("84"):
		return r.national(pos, 2, true)
	case plus:
		return Phone{}, 0, ErrUnknownCode, "foreign country code"
	case has("84"):
		// 84 is the country code when the rest has the right length;
		// otherwise a mobile number starting 084 lost its zero.
		if p, used, sentinel, _ := r.national(pos, 2, true); sentinel == nil {
			return p, used, nil, ""
		}
		return r.national(pos, 0, false)
	case has("0"):
		return r.national(pos, 1, false)
	}
	return r.national(pos, 0, false)
}

// national parses the national significant number (the digits after the
// trunk 0) that starts skip digits after pos. After a country code, one
// trunk 0 written by mistake ("+84 0912...") is skipped.
func (r *phoneRun) national(pos, skip int, intl bool) (Phone, int, error, string) {
	i := pos + skip
	if intl && i < r.n && r.d[i] == '0' {
		i++
	}
	if i >= r.n {
		return Phone{}, 0, ErrRange, "too few digits for a phone number"
	}
	var width int
	switch f := r.d[i]; f {
	case '3', '5', '7', '8', '9':
		width = 9
	case '1', '2':
		width = 10
	case '4':
		width = 9 // old Hà Nội landline 04 + 8 digits
	default:
		return Phone{}, 0, ErrUnknownCode, "prefix not assigned to any phone service"
	}
	end := i + width
	if end > r.n || !r.ends(end) {
		return Phone{}, 0, ErrRange, "wrong number of digits for a phone number"
	}
	nsn := r.d[i:end]
	v := idDigitsValue(nsn)
	switch nsn[0] {
	case '3', '5', '7', '8', '9':
		return Phone{v: uint64(PhoneMobile)<<phoneKindShift | v}, end - pos, nil, ""
	case '4':
		return Phone{v: uint64(PhoneLandline)<<phoneKindShift | 24e8 + v%1e8}, end - pos, nil, ""
	case '1':
		old := int(nsn[1]-'0')*10 + int(nsn[2]-'0')
		to := phoneMobilePrefix2018[old]
		if to == 0 {
			return Phone{}, 0, ErrUnknownCode, "retired mobile prefix not in the 2018 conversion table"
		}
		return Phone{v: uint64(PhoneMobile)<<phoneKindShift | uint64(to)*1e7 + v%1e7}, end - pos, nil, ""
	}
	// Landline: 2 then the rest of the area code.
	if nsn[1] != '4' && nsn[1] != '8' && phoneAreaCodes2017[int(nsn[1]-'0')*10+int(nsn[2]-'0')] == "" {
		return Phone{}, 0, ErrUnknownCode, "unknown landline area code"
	}
	return Phone{v: uint64(PhoneLandline)<<phoneKindShift | v}, end - pos, nil, ""
}

// phoneMobilePrefix2018 maps the two digits after "01" of a retired 11-digit
// mobile prefix to the two digits after "0" of its 10-digit replacement
// (0162 → 032 is entry 62 = 32). The last seven digits are kept.
//
// Source: Bộ Thông tin và Truyền thông, Quyết định 798/QĐ-BTTTT (25/5/2018)
// on converting 11-digit mobile numbers to 10 digits, in force from
// 15/9/2018: MobiFone 0120→070, 0121→079, 0122→077, 0126→076, 0128→078;
// VinaPhone 0123→083, 0124→084, 0125→085, 0127→081, 0129→082; Viettel
// 0162-0169→032-039; Vietnamobile 0186→056, 0188→058; Gmobile 0199→059.
var phoneMobilePrefix2018 = [100]uint8{
	20: 70, 21: 79, 22: 77, 26: 76, 28: 78,
	23: 83, 24: 84, 25: 85, 27: 81, 29: 82,
	62: 32, 63: 33, 64: 34, 65: 35, 66: 36, 67: 37, 68: 38, 69: 39,
	86: 56, 88: 58,
	99: 59,
}

// phoneAreaCodes2017 holds the landline area codes 02XY (indexed by XY) that
// have four digits, with their province; Hà Nội (024) and Hồ Chí Minh City
// (028) have three and are handled apart.
//
// Source: Bộ Thông tin và Truyền thông, Quyết định 2036/QĐ-BTTTT
// (2016) on the change of landline area codes, in force in three phases
// from 11/2/2017 to 17/6/2017. Vĩnh Phúc (0211), Phú Thọ (0210), Hoà Bình
// (0218) and Hà Giang (0219) kept their codes.
var phoneAreaCodes2017 = [100]string{
	3: "Quảng Ninh", 4: "Bắc Giang", 5: "Lạng Sơn", 6: "Cao Bằng",
	7: "Tuyên Quang", 8: "Thái Nguyên", 9: "Bắc Kạn", 10: "Phú Thọ",
	11: "Vĩnh Phúc", 12: "Sơn La", 13: "Lai Châu", 14: "Lào Cai",
	15: "Điện Biên", 16: "Yên Bái", 18: "Hoà Bình", 19: "Hà Giang",
	20: "Hải Dương", 21: "Hưng Yên", 22: "Bắc Ninh", 25: "Hải Phòng",
	26: "Hà Nam", 27: "Thái Bình", 28: "Nam Định", 29: "Ninh Bình",
	32: "Quảng Bình", 33: "Quảng Trị", 34: "Thừa Thiên Huế", 35: "Quảng Nam",
	36: "Đà Nẵng", 37: "Thanh Hoá", 38: "Nghệ An", 39: "Hà Tĩnh",
	51: "Đồng Nai", 52: "Bình Thuận", 54: "Bà Rịa - Vũng Tàu", 55: "Quảng Ngãi",
	56: "Bình Định", 57: "Phú Yên", 58: "Khánh Hoà", 59: "Ninh Thuận",
	60: "Kon Tum", 61: "Đắk Nông", 62: "Đắk Lắk", 63: "Lâm Đồng",
	69: "Gia Lai", 70: "Vĩnh Long", 71: "Bình Phước", 72: "Long An",
	73: "Tiền Giang", 74: "Bình Dương", 75: "Bến Tre", 76: "Tây Ninh",
	77: "Đồng Tháp", 90: "Cà Mau", 91: "Bạc Liêu", 92: "Cần Thơ",
	93: "Hậu Giang", 94: "Trà Vinh", 96: "An Giang", 97: "Kiên Giang",
	99: "Sóc Trăng",
}
