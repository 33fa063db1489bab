package normalize

// InsuranceID is a health-insurance (BHYT) card number, or the bare social
// insurance (BHXH) number that identifies the same person. The zero value
// means missing. It is a small comparable value.
//
// The card number printed since 2015 (Quyết định 1351/QĐ-BHXH) has 15
// characters:
//
//	OO L PP NNNNNNNNNN
//
// OO the object code (mã đối tượng, two letters: DN, HT, TE, GD, ...), L the
// benefit level (mức hưởng, 1-5), PP the two-digit code of the province
// that issued the card (the province codes of the national list; 97 and 98
// for the social insurance of the army and of the police), and NNNNNNNNNN
// the 10-digit BHXH number (mã số BHXH). The BHXH number is given once for
// life; the object code, level and province change when a card is
// reissued, so linkage compares cards on BHXHNumber. Cards printed since
// April 2021 show only the BHXH number, which is why a bare 10-digit number
// is accepted too (HasCard reports false for it).
type InsuranceID struct {
	bhxh   uint64  // the 10-digit BHXH number; 0 only in the zero value
	object [2]byte // object code letters; zero when only the BHXH number is known
	level  uint8   // benefit level 1-5; 0 when only the BHXH number is known
	prov   uint8   // province code 1-98; 0 when only the BHXH number is known
}

// IsZero reports whether x is the zero (missing) InsuranceID.
func (x InsuranceID) IsZero() bool { return x.bhxh == 0 && x.object == [2]byte{} }

// HasCard reports whether x holds a full 15-character card number rather
// than only a BHXH number.
func (x InsuranceID) HasCard() bool { return x.object[0] != 0 }

// BHXHNumber returns the 10-digit BHXH number as an integer (its leading
// zeros dropped), or 0 for the zero InsuranceID. Two InsuranceIDs belong to
// the same insured person when their BHXHNumbers are equal and not 0,
// whatever their object codes: this is the cheap comparison for linkage.
func (x InsuranceID) BHXHNumber() uint64 { return x.bhxh }

// BHXH returns the 10-digit BHXH number with its leading zeros, or "" for
// the zero InsuranceID.
func (x InsuranceID) BHXH() string {
	if x.IsZero() {
		return ""
	}
	var buf [10]byte
	return string(idAppendPadded(buf[:0], x.bhxh, 10))
}

// SameBHXH reports whether x and y are both present and carry the same
// BHXH number. It does not allocate.
func (x InsuranceID) SameBHXH(y InsuranceID) bool { return x.bhxh != 0 && x.bhxh == y.bhxh }

// ObjectCode returns the two-letter object code ("DN"), or "" when only the
// BHXH number is known.
func (x InsuranceID) ObjectCode() string {
	if !x.HasCard() {
		return ""
	}
	return bhytObjectCodes[bhytObjectIndex(x.object[0], x.object[1])]
}

// BenefitLevel returns the benefit level 1-5, or 0 when only the BHXH
// number is known.
func (x InsuranceID) BenefitLevel() int { return int(x.level) }

// ProvinceCode returns the two-digit code of the province that issued the
// card ("01" for Hà Nội, "97" for the army), or "" when only the BHXH
// number is known.
func (x InsuranceID) ProvinceCode() string {
	if !x.HasCard() {
		return ""
	}
	return idTwoDigits[x.prov]
}

// String returns the canonical form: the 15-character card number in
// upper case ("DN4010123456789"), the 10-digit BHXH number when that is all
// that is known, or "" for the zero InsuranceID.
func (x InsuranceID) String() string {
	var buf [15]byte
	return string(x.AppendTo(buf[:0]))
}

// AppendTo appends the canonical form of x (see String) to dst.
func (x InsuranceID) AppendTo(dst []byte) []byte {
	if x.IsZero() {
		return dst
	}
	if x.HasCard() {
		dst = append(dst, x.object[0], x.object[1], '0'+x.level)
		dst = append(dst, idTwoDigits[x.prov]...)
	}
	return idAppendPadded(dst, x.bhxh, 10)
}

// MarshalText implements encoding.TextMarshaler: the canonical form.
func (x InsuranceID) MarshalText() ([]byte, error) { return x.AppendTo(nil), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseInsuranceID.
// Empty text gives the zero InsuranceID.
func (x *InsuranceID) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*x = InsuranceID{}
		return nil
	}
	v, err := ParseInsuranceID(string(text))
	if err != nil {
		return err
	}
	*x = v
	return nil
}

// ParseInsuranceID parses a BHYT card number or a bare BHXH number as typed
// into a record.
//
// Case does not matter, and spaces, dots, dashes and underscores between
// the characters are ignored ("dn 4 01 012 345 6789"), as are a leading
// apostrophe and a ".0" suffix (spreadsheet artefacts). Then:
//
//   - 15 characters, two letters and 13 digits: a card number. The object
//     code must be in the list of Quyết định 1351/QĐ-BHXH, the benefit
//     level 1-5 and the province code in the national list or 97/98.
//   - 10 digits: a BHXH number alone.
//   - 9 digits: a BHXH number whose leading zero a spreadsheet dropped
//     (numbers issued in Hà Nội start with 01); the zero is restored.
//
// A BHXH number made of one repeated digit is a placeholder (ErrRange).
// Errors are *ParseError wrapping ErrEmpty, ErrSyntax, ErrRange or
// ErrUnknownCode and never contain the input. It does not allocate on
// success.
func ParseInsuranceID(s string) (InsuranceID, error) {
	const fn = "ParseInsuranceID"
	var buf [maxIDChars]byte
	n, sentinel, reason := idChars(s, &buf)
	if sentinel != nil {
		return InsuranceID{}, parseError(fn, sentinel, reason)
	}
	if n > maxIDChars {
		return InsuranceID{}, parseError(fn, ErrRange, "too many characters: want 15 or 10")
	}
	d := buf[:n]
	if idAllDigits(d) {
		switch n {
		case 9:
			copy(buf[1:10], d)
			buf[0] = '0'
			d = buf[:10]
			fallthrough
		case 10:
			if idSameDigit(d) {
				return InsuranceID{}, parseError(fn, ErrRange, "placeholder number (one digit repeated)")
			}
			return InsuranceID{bhxh: idDigitsValue(d)}, nil
		}
		return InsuranceID{}, parseError(fn, ErrRange, "wrong number of digits: want 10, or a 15-character card")
	}
	if !idIsLetter(d[0]) || n < 2 || !idIsLetter(d[1]) || !idAllDigits(d[2:]) {
		return InsuranceID{}, parseError(fn, ErrSyntax, "want two letters then digits")
	}
	if n != 15 {
		return InsuranceID{}, parseError(fn, ErrRange, "wrong number of characters: want 15")
	}
	if bhytObjectCodes[bhytObjectIndex(d[0], d[1])] == "" {
		return InsuranceID{}, parseError(fn, ErrUnknownCode, "unknown object code")
	}
	level := d[2] - '0'
	if level < 1 || level > 5 {
		return InsuranceID{}, parseError(fn, ErrRange, "benefit level not 1 to 5")
	}
	prov := (d[3]-'0')*10 + d[4] - '0'
	if !idValidProvince(int(prov)) && prov != 97 && prov != 98 {
		return InsuranceID{}, parseError(fn, ErrUnknownCode, "unknown province code")
	}
	b := d[5:15]
	if idSameDigit(b) {
		return InsuranceID{}, parseError(fn, ErrRange, "placeholder number (one digit repeated)")
	}
	return InsuranceID{bhxh: idDigitsValue(b), object: [2]byte{d[0], d[1]}, level: level, prov: prov}, nil
}

func idIsLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

// bhytObjectIndex maps two upper-case letters to an index of bhytObjectCodes.
func bhytObjectIndex(a, b byte) int { return int(a-'A')*26 + int(b-'A') }

// bhytObjectCodes is indexed by bhytObjectIndex and holds each valid object code
// (mã đối tượng) once; other entries are "".
//
// Source: Quyết định 1351/QĐ-BHXH (16/11/2015) on the numbering of BHYT
// cards, the list of object codes by group:
//   - paid by employee and employer: DN, HX, CH, NN, TK, HC, XK;
//   - paid by the social insurance fund: HT, TB, NO, CT, XB, TN, CS;
//   - paid by the state budget: QN, CA, CY, XN, MS, CC, CK, CB, KC, HD, TE,
//     BT, HN, DT, DK, XD, TS, TC, TQ, TA, TY, HG, LS, PV;
//   - supported by the state budget: CN, HS, SV, GB;
//   - households: GD.
var bhytObjectCodes = func() (t [26 * 26]string) {
	for _, c := range [...]string{
		"DN", "HX", "CH", "NN", "TK", "HC", "XK",
		"HT", "TB", "NO", "CT", "XB", "TN", "CS",
		"QN", "CA", "CY", "XN", "MS", "CC", "CK", "CB", "KC", "HD", "TE",
		"BT", "HN", "DT", "DK", "XD", "TS", "TC", "TQ", "TA", "TY", "HG", "LS", "PV",
		"CN", "HS", "SV", "GB",
		"GD",
	} {
		t[bhytObjectIndex(c[0], c[1])] = c
	}
	return t
}()
