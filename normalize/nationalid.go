package normalize

// NationalIDKind says which kind of national identity number a NationalID
// holds. The zero value means no number.
type NationalIDKind uint8

// Kinds of national identity number.
const (
	// CCCD is the 12-digit personal identification number (số định danh cá
	// nhân) printed on the citizen identity card (căn cước công dân, since
	// 2016) and the identity card (căn cước, since 2024). The 12-digit CMND
	// issued between 2012 and 2016 has the same layout and is this kind too.
	CCCD NationalIDKind = 1 + iota
	// CMND is the old 9-digit identity card number (chứng minh nhân dân).
	// It carries no birth data and is never equal to a CCCD.
	CMND
)

// String returns "CCCD", "CMND" or "" for the zero kind.
func (k NationalIDKind) String() string {
	switch k {
	case CCCD:
		return "CCCD"
	case CMND:
		return "CMND"
	}
	return ""
}

// NationalID is a national identity number: a 12-digit CCCD or a 9-digit
// CMND. The zero value means missing. It is a small comparable value: two
// NationalIDs are the same number exactly when they are ==, and a CCCD is
// never == a CMND, whatever the digits.
//
// The layout of a CCCD (Thông tư 07/2016/TT-BCA, Điều 7) is
//
//	PPP S YY RRRRRR
//
// PPP the province (or country) where the birth was registered, S the sex
// and century (0/1 male/female born 1900-1999, 2/3 born 2000-2099, 4/5 in
// 2100-2199, 6/7 in 2200-2299, 8/9 in 2300-2399), YY the last two digits of
// the birth year, RRRRRR a random number.
type NationalID struct {
	v uint64 // kind<<idKindShift | the number
}

const idKindShift = 56

// Kind returns CCCD, CMND, or 0 for the zero NationalID.
func (id NationalID) Kind() NationalIDKind { return NationalIDKind(id.v >> idKindShift) }

// IsZero reports whether id is the zero (missing) NationalID.
func (id NationalID) IsZero() bool { return id.v == 0 }

// Uint64 returns an integer that identifies id among all NationalIDs, its
// kind included (a CCCD and a CMND with the same digits give different
// integers), or 0 for the zero NationalID. It is meant for hashing and
// blocking keys; it does not allocate.
func (id NationalID) Uint64() uint64 { return id.v }

func (id NationalID) number() uint64 { return id.v & (1<<idKindShift - 1) }

// width returns the number of digits of id's kind.
func (id NationalID) width() int {
	switch id.Kind() {
	case CCCD:
		return 12
	case CMND:
		return 9
	}
	return 0
}

// String returns the digits of id, with their leading zeros ("001090012345"),
// or "" for the zero NationalID.
func (id NationalID) String() string {
	if id.v == 0 {
		return ""
	}
	var buf [12]byte
	return string(id.AppendTo(buf[:0]))
}

// AppendTo appends the digits of id (nothing for the zero NationalID) to
// dst and returns the extended buffer.
func (id NationalID) AppendTo(dst []byte) []byte {
	if id.v == 0 {
		return dst
	}
	return idAppendPadded(dst, id.number(), id.width())
}

// MarshalText implements encoding.TextMarshaler: the digits, as String.
func (id NationalID) MarshalText() ([]byte, error) { return id.AppendTo(nil), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseNationalID.
// Empty text gives the zero NationalID.
func (id *NationalID) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*id = NationalID{}
		return nil
	}
	v, err := ParseNationalID(string(text))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// provinceIndex returns the two-digit province code of a CCCD, or -1.
func (id NationalID) provinceIndex() int {
	if id.Kind() != CCCD {
		return -1
	}
	return int(id.number() / 1e9)
}

// ProvinceCode returns the three-digit code of the province where the birth
// of a CCCD holder was registered ("001" for Hà Nội), or "" for a CMND or
// the zero NationalID.
func (id NationalID) ProvinceCode() string {
	if p := id.provinceIndex(); p >= 0 {
		return idProvinces[p].code3
	}
	return ""
}

// Province returns the name of the province of ProvinceCode as listed in
// Thông tư 07/2016/TT-BCA, before the 2025 merger ("Hà Nội", "Hà Giang"),
// or "" for a CMND or the zero NationalID. For a number issued to a child
// registered after 1 July 2025 the code names a merged province instead;
// see Province2025.
func (id NationalID) Province() string {
	if p := id.provinceIndex(); p >= 0 {
		return idProvinces[p].name
	}
	return ""
}

// Province2025 returns the name of the province that, since the merger of
// 1 July 2025, covers the province of ProvinceCode ("Tuyên Quang" for a
// number with code 002, Hà Giang), or "" for a CMND or the zero NationalID.
func (id NationalID) Province2025() string {
	if p := id.provinceIndex(); p >= 0 {
		return idProvinceNames2025[idProvinces[p].after]
	}
	return ""
}

// sexDigit returns the fourth digit of a CCCD, or -1.
func (id NationalID) sexDigit() int {
	if id.Kind() != CCCD {
		return -1
	}
	return int(id.number() / 1e8 % 10)
}

// Sex returns the sex a CCCD encodes in its fourth digit (even: Male, odd:
// Female), or SexUnknown for a CMND or the zero NationalID.
func (id NationalID) Sex() Sex {
	switch d := id.sexDigit(); {
	case d < 0:
		return SexUnknown
	case d%2 == 1:
		return Female
	}
	return Male
}

// BirthYear returns the birth year a CCCD encodes (century from the fourth
// digit, year from the fifth and sixth), or 0 for a CMND or the zero
// NationalID.
func (id NationalID) BirthYear() int {
	s := id.sexDigit()
	if s < 0 {
		return 0
	}
	return 1900 + 100*(s/2) + int(id.number()/1e6%100)
}

// IDMismatch is a set of the fields of a record that disagree with what a
// CCCD encodes. The zero value means no disagreement (or nothing to check).
type IDMismatch uint8

// Fields a CCCD can disagree with.
const (
	IDMismatchSex       IDMismatch = 1 << iota // the record's sex is not the one in digit 4
	IDMismatchBirthYear                        // the record's birth year is not the one in digits 4-6
)

// String lists the disagreeing fields, e.g. "sex,birth year", or "" for none.
// It names fields only, never values.
func (m IDMismatch) String() string {
	switch m {
	case 0:
		return ""
	case IDMismatchSex:
		return "sex"
	case IDMismatchBirthYear:
		return "birth year"
	case IDMismatchSex | IDMismatchBirthYear:
		return "sex,birth year"
	}
	return "unknown"
}

// CheckAgainst compares what a CCCD encodes with a record's sex and birth
// date and returns the fields that disagree. A SexUnknown sex or a zero
// birth date is not checked; a birth date known to the year only is
// checked on its year. A CMND or the zero NationalID has nothing to check
// and gives 0. It does not allocate.
func (id NationalID) CheckAgainst(sex Sex, birth Date) IDMismatch {
	y := 0
	if !birth.IsZero() {
		y = birth.Year()
	}
	return id.CheckYear(sex, y)
}

// CheckYear is CheckAgainst with a birth year instead of a date; a year of
// 0 is not checked.
func (id NationalID) CheckYear(sex Sex, birthYear int) IDMismatch {
	if id.Kind() != CCCD {
		return 0
	}
	var m IDMismatch
	if (sex == Male || sex == Female) && id.Sex() != sex {
		m |= IDMismatchSex
	}
	if birthYear != 0 && id.BirthYear() != birthYear {
		m |= IDMismatchBirthYear
	}
	return m
}

// ParseNationalID parses a CCCD or CMND number as typed into a record.
//
// It accepts digits with spaces, dots, dashes or underscores between them,
// a leading apostrophe (Excel's text marker) and a ".0" suffix (a number
// Excel stored as a float). Then, by the number of digits:
//
//   - 12: a CCCD. The province code (digits 1-3) must be in the list of
//     Thông tư 07/2016/TT-BCA and the century digit (digit 4) must be 0-3,
//     that is a birth year from 1900 to 2099.
//   - 11: a CCCD whose leading zero was lost (every province code starts
//     with 0). The zero is restored only when the restored number passes
//     the 12-digit checks; otherwise ErrRange.
//   - 10: a CCCD of a province coded 001 to 009 (Hà Nội is 001) that lost
//     both leading zeros. Restored under the same condition; a value that
//     starts with 0 cannot have lost them and gives ErrRange.
//   - 9: a CMND.
//   - 8: a CMND whose leading zero was lost (CMND numbers of Hà Nội, Hồ Chí
//     Minh City, Hải Phòng and the northern provinces start with 01 to 09).
//     The zero is restored when the value does not itself start with 0.
//
// A citizen whose birth was registered abroad has a country code in place
// of the province code; the country codes are not in this package's table,
// so such numbers give ErrUnknownCode.
//
// A number made of one repeated digit (000000000, 999999999999) is a
// placeholder and gives ErrRange. Errors are *ParseError wrapping ErrEmpty,
// ErrSyntax (a character that is not a digit or a separator, or a number
// in scientific notation), ErrRange (the wrong number of digits) or
// ErrUnknownCode (a province not in the list); they never contain the
// input. It does not allocate on success.
func ParseNationalID(s string) (NationalID, error) {
	const fn = "ParseNationalID"
	var buf [maxIDChars]byte
	n, sentinel, reason := idChars(s, &buf)
	if sentinel != nil {
		return NationalID{}, parseError(fn, sentinel, reason)
	}
	if n > maxIDChars {
		return NationalID{}, parseError(fn, ErrRange, "too many digits: want 9 or 12")
	}
	d := buf[:n]
	if !idAllDigits(d) {
		return NationalID{}, parseError(fn, ErrSyntax, "letters in a number")
	}
	switch n {
	case 10:
		// Restore the two leading zeros lost by a spreadsheet: the
		// provinces coded 001 to 009 (Hà Nội is 001).
		if d[0] == '0' {
			return NationalID{}, parseError(fn, ErrRange, "10 digits starting with 0: want 9 or 12")
		}
		copy(buf[2:12], d)
		buf[0], buf[1] = '0', '0'
		d = buf[:12]
		if sentinel, _ := checkCCCD(d); sentinel != nil {
			return NationalID{}, parseError(fn, ErrRange, "10 digits that are not a CCCD with its two leading zeros lost")
		}
		return NationalID{v: uint64(CCCD)<<idKindShift | idDigitsValue(d)}, nil
	case 11:
		// Restore the leading zero lost by a spreadsheet.
		copy(buf[1:12], d)
		buf[0] = '0'
		d = buf[:12]
		if sentinel, _ := checkCCCD(d); sentinel != nil {
			return NationalID{}, parseError(fn, ErrRange, "11 digits that are not a CCCD with its leading zero lost")
		}
		return NationalID{v: uint64(CCCD)<<idKindShift | idDigitsValue(d)}, nil
	case 12:
		if sentinel, reason := checkCCCD(d); sentinel != nil {
			return NationalID{}, parseError(fn, sentinel, reason)
		}
		return NationalID{v: uint64(CCCD)<<idKindShift | idDigitsValue(d)}, nil
	case 8:
		if d[0] == '0' {
			return NationalID{}, parseError(fn, ErrRange, "8 digits starting with 0: want 9 or 12")
		}
		copy(buf[1:9], d)
		buf[0] = '0'
		d = buf[:9]
		fallthrough
	case 9:
		if idSameDigit(d) {
			return NationalID{}, parseError(fn, ErrRange, "placeholder number (one digit repeated)")
		}
		return NationalID{v: uint64(CMND)<<idKindShift | idDigitsValue(d)}, nil
	}
	return NationalID{}, parseError(fn, ErrRange, "wrong number of digits: want 9 or 12")
}

// checkCCCD checks the 12 digits d of a CCCD.
func checkCCCD(d []byte) (sentinel error, reason string) {
	if idSameDigit(d) {
		return ErrRange, "placeholder number (one digit repeated)"
	}
	if d[0] != '0' || !idValidProvince(int(d[1]-'0')*10+int(d[2]-'0')) {
		return ErrUnknownCode, "unknown province code"
	}
	if d[3] > '3' {
		return ErrRange, "century digit for a birth year after 2099"
	}
	return nil, ""
}
