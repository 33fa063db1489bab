package normalize

import (
	"strconv"
	"strings"
)

// Sex is the sex recorded for a person. The zero value is [SexUnknown]:
// not recorded, or recorded as undetermined.
type Sex uint8

// Sexes. Male and Female have the values of the XML1 GIOI_TINH codes.
const (
	SexUnknown Sex = 0 // missing, or GIOI_TINH 3 "chưa xác định"
	Male       Sex = 1 // nam, GIOI_TINH 1
	Female     Sex = 2 // nữ, GIOI_TINH 2
)

// String returns the Vietnamese display form: "Nam", "Nữ", or "" for
// SexUnknown. [ParseSex] reads it back.
func (s Sex) String() string {
	switch s {
	case Male:
		return "Nam"
	case Female:
		return "Nữ"
	case SexUnknown:
		return ""
	}
	return "Sex(" + strconv.Itoa(int(s)) + ")"
}

// Code returns the GIOI_TINH code of the XML1 table of QĐ 130/QĐ-BYT as
// amended by QĐ 4750/QĐ-BYT and QĐ 3176/QĐ-BYT: 1 for Male, 2 for Female
// and 3 ("chưa xác định", undetermined) for SexUnknown.
func (s Sex) Code() int {
	switch s {
	case Male:
		return 1
	case Female:
		return 2
	}
	return 3
}

// MarshalText returns the text of [Sex.String]. It implements
// encoding.TextMarshaler.
func (s Sex) MarshalText() ([]byte, error) {
	return []byte(s.String()), nil
}

// UnmarshalText sets s from any value [ParseSex] accepts. It implements
// encoding.TextUnmarshaler. On error it leaves s unchanged.
func (s *Sex) UnmarshalText(text []byte) error {
	v, err := ParseSex(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSex parses the sex field of a record. Case, diacritics, Unicode
// normalisation (NFC or NFD) and the legacy encodings that [Fold] repairs
// do not matter, nor do white space around and between words.
//
// Accepted values, by their ASCII-folded form:
//
//	Male         nam, nam giới, m, male, trai, con trai, bé trai, 1
//	Female       nữ, nữ giới, f, female, gái, con gái, bé gái, 2
//	SexUnknown   "" (empty, blank, or only punctuation or symbols: "-"), 3,
//	             chưa xác định, không xác định, không rõ, kxđ, u, unknown
//
// The digits are the GIOI_TINH codes of the XML1 table (QĐ 130/QĐ-BYT,
// QĐ 4750/QĐ-BYT, QĐ 3176/QĐ-BYT): 1 nam, 2 nữ, 3 chưa xác định. Because
// marks are ignored, any tone or vowel mark typed on nam or nữ is accepted
// ("Nũ", "Nu", "NỮ"): in a sex field there is nothing else they could
// mean. "trai" and "gái" (boy, girl) appear in records of children.
//
// Rejected on purpose:
//   - other numbers, including 0: some exports code 0 as female (with 1
//     male), others as unknown; guessing would silently flip people.
//     ParseSex returns a *ParseError wrapping [ErrUnknownCode]; map such a
//     column yourself before calling ParseSex.
//   - "Ông" and "Bà": forms of address, not sex values ("bà" is also a
//     grandmother, and "Ông/Bà" is the blank form's template).
//   - two values at once such as "Nam/Nữ", and anything else: a
//     *ParseError wrapping [ErrSyntax].
//
// Empty is not an error: it returns SexUnknown and a nil error. Errors
// never include the input. ParseSex does not allocate for ASCII input or
// for the NFC spellings "Nữ", "nữ" and "NỮ".
func ParseSex(s string) (Sex, error) {
	t := strings.TrimSpace(s)
	if dateOnlyPunct(t) {
		return SexUnknown, nil
	}
	switch t {
	case "Nữ", "nữ", "NỮ":
		return Female, nil
	}
	if isASCII(t) {
		if v, ok := sexWord(t); ok {
			return v, nil
		}
		if dateAllDigits(t) {
			return SexUnknown, parseError("ParseSex", ErrUnknownCode, "not a GIOI_TINH code (1 nam, 2 nữ, 3 chưa xác định)")
		}
		if !sexHasInnerSpace(t) {
			return SexUnknown, parseError("ParseSex", ErrSyntax, "not a recognised sex value")
		}
	}
	// Non-ASCII or spaced-out text: fold it and look again. Fold drops
	// symbols and punctuation, so text made only of them folds to "".
	folded := Fold(t)
	if folded == "" {
		return SexUnknown, nil
	}
	if v, ok := sexWord(folded); ok {
		return v, nil
	}
	return SexUnknown, parseError("ParseSex", ErrSyntax, "not a recognised sex value")
}

// sexWord looks up an ASCII value, ignoring case.
func sexWord(w string) (Sex, bool) {
	if len(w) > len("khong xac dinh") {
		return SexUnknown, false
	}
	var buf [len("khong xac dinh")]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(w)]) {
	case "nam", "nam gioi", "m", "male", "trai", "con trai", "be trai", "1":
		return Male, true
	case "nu", "nu gioi", "f", "female", "gai", "con gai", "be gai", "2":
		return Female, true
	case "3", "chua xac dinh", "khong xac dinh", "khong ro", "kxd", "u", "unknown":
		return SexUnknown, true
	}
	return SexUnknown, false
}

// sexHasInnerSpace reports whether s has white space that Fold would
// collapse.
func sexHasInnerSpace(s string) bool {
	return strings.ContainsAny(s, " \t\n\r\v\f")
}
