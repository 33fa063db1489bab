package vnperson

import (
	"math/bits"
	"strconv"

	"github.com/vnlink/vnlink/linkage"
	"github.com/vnlink/vnlink/normalize"
	"github.com/vnlink/vnlink/vnname"
)

// Comparison names of the default schema, as they appear in models and
// explanations.
const (
	CompareNationalID = "national_id"
	CompareBHXH       = "bhxh"
	CompareName       = "name"
	CompareBirthDate  = "birth_date"
	CompareSex        = "sex"
	ComparePhone      = "phone"
	CompareAddress    = "address"
	CompareEthnicity  = "ethnicity"
)

// Levels of the national-ID comparison (NationalIDComparison).
const (
	IDNull         = iota // no pair of numbers of the same kind: null, weight 0
	IDCCCDExact           // equal CCCD numbers
	IDCMNDExact           // equal CMND numbers (no CCCD on one side)
	IDOneDigitTypo        // same kind, one digit replaced or two adjacent digits swapped
	IDDifferent           // same kind, different numbers
)

// Levels of the birth-date comparison (BirthDateComparison).
const (
	BirthNull        = iota // a date missing on either side
	BirthExact              // equal full dates
	BirthSwapped            // full dates with day and month swapped
	BirthTypo               // full dates that differ in one digit of ddmmyyyy
	BirthYearMonth          // year and month agree (the day differs or is unknown)
	BirthYearOnly           // years agree and one side knows only the year
	BirthYearWithin1        // years at most one apart
	BirthDifferent          // anything else
)

// Levels of the sex comparison (SexComparison).
const (
	SexNull      = iota // sex unknown on either side
	SexExact            // same sex
	SexNameHint         // different, but one record's name marker (Thị, Văn) agrees with the other's sex
	SexDifferent        // different
)

// Levels of the address comparison (AddressComparison).
const (
	AddressNull         = iota // neither ward nor place on either side, or the same phone on both
	AddressWardAndPlace        // same ward key and same place
	AddressPlace               // same place (hamlet or street), ward differs or is missing
	AddressWard                // same ward, place differs or is missing
	AddressDifferent           // anything else
)

// classified builds a comparison whose level is computed by classify, with
// level predicates that agree with it (level k holds when classify returns
// k, so the first-match semantics of the engine are kept).
func classified(name string, classify func(a, b *Record) int, labels ...string) linkage.Comparison[Record] {
	c := linkage.Comparison[Record]{
		Name:     name,
		Null:     func(a, b *Record) bool { return classify(a, b) == 0 },
		Classify: classify,
	}
	for k, label := range labels {
		if k == len(labels)-1 {
			c.Levels = append(c.Levels, linkage.Level[Record]{Label: label})
			break
		}
		c.Levels = append(c.Levels, linkage.Level[Record]{Label: label, Match: func(a, b *Record) bool { return classify(a, b) == k+1 }})
	}
	return c
}

// NationalIDComparison compares identity numbers of the same kind only: CCCD
// with CCCD first, else CMND with CMND. A CCCD is never compared with a CMND;
// such a pair, like a pair with a number missing, is null (weight 0). Levels:
// cccd_exact, cmnd_exact, one_digit_typo (one digit replaced, or two adjacent
// digits swapped), different. A CCCD that Prepare found borrowed (its
// birth-year digits are those of a person at least 12 years older than the
// record's birth date, as when a child is recorded with a parent's card)
// counts as missing: it is evidence of a relative, not of identity.
//
// Its ExactKey is the CCCD (borrowed ones missing), so EstimateU takes the
// u of cccd_exact from the frequencies of the numbers.
func NationalIDComparison() linkage.Comparison[Record] {
	c := classified(CompareNationalID, nationalIDLevel, "cccd_exact", "cmnd_exact", "one_digit_typo", "different")
	c.ExactKey = func(r *Record) (string, bool) {
		if r.CCCD == 0 || r.borrowedID {
			return "", false
		}
		return strconv.FormatUint(r.CCCD, 10), true
	}
	c.ExactLevel = IDCCCDExact
	return c
}

// numberKey is the ExactKey of a number where 0 is missing.
func numberKey(get func(*Record) uint64) func(*Record) (string, bool) {
	return func(r *Record) (string, bool) {
		v := get(r)
		return strconv.FormatUint(v, 10), v != 0
	}
}

func nationalIDLevel(a, b *Record) int {
	if a.CCCD != 0 && b.CCCD != 0 && !a.borrowedID && !b.borrowedID {
		return idLevel(a.CCCD == b.CCCD, bcdOf(a.bcd.cccd, a.CCCD), bcdOf(b.bcd.cccd, b.CCCD), IDCCCDExact)
	}
	if a.CMND != 0 && b.CMND != 0 {
		return idLevel(a.CMND == b.CMND, bcdOf(a.bcd.cmnd, a.CMND), bcdOf(b.bcd.cmnd, b.CMND), IDCMNDExact)
	}
	return IDNull
}

func idLevel(equal bool, x, y uint64, exact int) int {
	switch {
	case equal:
		return exact
	case bcdOneApart(x, y):
		return IDOneDigitTypo
	}
	return IDDifferent
}

// OneDigitApart reports whether the decimal numbers x and y, written with
// the same number of digits (leading zeros included), differ by one replaced
// digit or by two adjacent digits swapped. Equal numbers are not apart.
// It does not allocate.
func OneDigitApart(x, y uint64) bool {
	return bcdOneApart(toBCD(x), toBCD(y))
}

// toBCD writes v in binary-coded decimal, one digit per 4 bits, the units
// in the lowest bits. Numbers of up to 16 digits fit.
func toBCD(v uint64) uint64 {
	var out uint64
	for shift := 0; v != 0 && shift < 64; shift += 4 {
		out |= (v % 10) << shift
		v /= 10
	}
	return out
}

// bcdOf returns the binary-coded decimal precomputed by Prepare, or computes
// it from the decimal value for a Record built by hand.
func bcdOf(precomputed, decimal uint64) uint64 {
	if precomputed == 0 {
		return toBCD(decimal)
	}
	return precomputed
}

const nibbleLow = 0x1111111111111111

// bcdOneApart is OneDigitApart on numbers in binary-coded decimal: it marks
// the differing digits with one bit each, counts them, and for two checks
// that they are adjacent and swapped.
func bcdOneApart(x, y uint64) bool {
	d := x ^ y
	marks := (d | d>>1 | d>>2 | d>>3) & nibbleLow
	switch bits.OnesCount64(marks) {
	case 1:
		return true
	case 2:
		lo := bits.TrailingZeros64(marks)
		hi := 63 - bits.LeadingZeros64(marks)
		if hi-lo != 4 {
			return false
		}
		return (x>>lo)&0xf == (y>>hi)&0xf && (x>>hi)&0xf == (y>>lo)&0xf
	}
	return false
}

// BHXHComparison compares the 10-digit social-insurance numbers, which
// survive the reissue of a BHYT card. Levels: exact, else. Its ExactKey is
// the number.
func BHXHComparison() linkage.Comparison[Record] {
	get := func(r *Record) uint64 { return r.BHXH }
	c := linkage.Exact(CompareBHXH, get)
	c.ExactKey = numberKey(get)
	return c
}

// NameComparison compares full names with vnname.Compare; its levels are the
// vnname.Agreement levels in order (exact, missing_marks, phonetic, variant,
// middle_differs, swapped, marks_differ, similar, different). Its term
// frequency is Record.NameFrequency (the name's frequency in the record's
// birth year), used on the levels the model marks
// (DefaultModel marks exact). Its ExactKey is the name's comparison key
// (vnname.Name.Key), equal exactly when the names agree at exact.
func NameComparison() linkage.Comparison[Record] {
	labels := make([]string, 0, int(vnname.AgreeDifferent))
	for a := vnname.AgreeExact; a <= vnname.AgreeDifferent; a++ {
		labels = append(labels, snake(a.String()))
	}
	c := classified(CompareName, nameLevel, labels...)
	c.TermFrequency = func(r *Record) float64 { return r.NameFrequency }
	c.ExactKey = func(r *Record) (string, bool) {
		k := r.Name.Key()
		return k, k != ""
	}
	return c
}

// snake turns "MissingMarks" into "missing_marks".
func snake(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b = append(b, '_')
			}
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// BirthDateComparison compares dates of birth, keeping their precision.
// Levels, first match wins: exact (equal full dates), day_month_swapped,
// one_digit_typo (full dates differing in one digit of ddmmyyyy),
// year_month (year and month agree), year_only (years agree and one side
// knows only the year), year_within_1, different. Its ExactKey is the full
// date with the parser's flags (dates known to the day only), which is what
// exact compares.
func BirthDateComparison() linkage.Comparison[Record] {
	c := classified(CompareBirthDate, birthLevel, "exact", "day_month_swapped", "one_digit_typo", "year_month", "year_only", "year_within_1", "different")
	c.ExactKey = func(r *Record) (string, bool) {
		if r.Birth.Precision() != normalize.PrecisionDay {
			return "", false
		}
		return strconv.FormatUint(dateDigits(r.Birth)<<8|uint64(r.Birth.Flags()), 10), true
	}
	c.ExactLevel = BirthExact
	return c
}

func birthLevel(a, b *Record) int {
	x, y := a.Birth, b.Birth
	if x.IsZero() || y.IsZero() {
		return BirthNull
	}
	px, py := x.Precision(), y.Precision()
	if px == normalize.PrecisionDay && py == normalize.PrecisionDay {
		switch {
		case x == y:
			return BirthExact
		case x.Year() == y.Year() && x.Day() == y.Month() && x.Month() == y.Day():
			return BirthSwapped
		case bcdOneApart(bcdOf(a.bcd.birth, dateDigits(x)), bcdOf(b.bcd.birth, dateDigits(y))):
			return BirthTypo
		}
	}
	yx, yy := x.Year(), y.Year()
	switch {
	case yx == yy && px >= normalize.PrecisionMonth && py >= normalize.PrecisionMonth && x.Month() == y.Month():
		return BirthYearMonth
	case yx == yy && (px == normalize.PrecisionYear || py == normalize.PrecisionYear):
		return BirthYearOnly
	case yx-yy <= 1 && yy-yx <= 1:
		return BirthYearWithin1
	}
	return BirthDifferent
}

// dateDigits writes a full date as the decimal number ddmmyyyy with a
// leading 1, so that every date has nine digits and OneDigitApart compares
// them position by position.
func dateDigits(d normalize.Date) uint64 {
	return 100_000_000 + uint64(d.Day())*1_000_000 + uint64(d.Month())*10_000 + uint64(d.Year())
}

// SexComparison compares the recorded sex, using the sex markers of the
// names (vnname.Name.SexHint) to recognise a mistyped sex field. Levels:
// exact; name_hint_agrees (the sexes differ, but one record's name marker,
// Thị or Văn, agrees with the other record's sex); different.
func SexComparison() linkage.Comparison[Record] {
	return classified(CompareSex, sexLevel, "exact", "name_hint_agrees", "different")
}

func sexLevel(a, b *Record) int {
	switch {
	case a.Sex == normalize.SexUnknown || b.Sex == normalize.SexUnknown:
		return SexNull
	case a.Sex == b.Sex:
		return SexExact
	case (a.NameSex != normalize.SexUnknown && a.NameSex == b.Sex) || (b.NameSex != normalize.SexUnknown && b.NameSex == a.Sex):
		return SexNameHint
	}
	return SexDifferent
}

// PhoneComparison compares phone numbers in their current national form
// (pre-2018 mobile numbers are translated by normalize). Levels: exact,
// else. Its ExactKey is the number.
func PhoneComparison() linkage.Comparison[Record] {
	get := func(r *Record) uint64 { return r.Phone }
	c := linkage.Exact(ComparePhone, get)
	c.ExactKey = numberKey(get)
	return c
}

// AddressComparison compares the ward key and the smallest named place
// (hamlet, else street) of the addresses. Levels: ward_and_place, place (the
// ward differs or is missing, as when one record has the commune's name
// from before the 2025 reform), ward, different. Two records with the same
// phone number get the null level (no evidence): a phone belongs to a
// household, whose members share the address whether they are one person
// or two (twins, a parent and a child), so counting the address after the
// phone would count one fact twice (at 1,000,000 people it merged
// household members; benchmarks/README.md).
func AddressComparison() linkage.Comparison[Record] {
	return classified(CompareAddress, addressLevel, "ward_and_place", "place", "ward", "different")
}

func addressLevel(a, b *Record) int {
	if (a.Ward == 0 && a.Place == 0) || (b.Ward == 0 && b.Place == 0) {
		return AddressNull
	}
	if a.Phone != 0 && a.Phone == b.Phone {
		return AddressNull // one household (see AddressComparison)
	}
	sameWard := a.Ward != 0 && a.Ward == b.Ward
	samePlace := a.Place != 0 && a.Place == b.Place
	switch {
	case sameWard && samePlace:
		return AddressWardAndPlace
	case samePlace:
		return AddressPlace
	case sameWard:
		return AddressWard
	}
	return AddressDifferent
}

// EthnicityComparison compares ethnic groups. Levels: exact, else.
func EthnicityComparison() linkage.Comparison[Record] {
	return linkage.Exact(CompareEthnicity, func(r *Record) normalize.Ethnicity { return r.Ethnicity })
}

// DefaultComparisons returns the comparisons of the default schema, in model
// order: national ID, BHXH number, name, birth date, sex, phone, address,
// ethnicity.
func DefaultComparisons() []linkage.Comparison[Record] {
	return []linkage.Comparison[Record]{
		NationalIDComparison(),
		BHXHComparison(),
		NameComparison(),
		BirthDateComparison(),
		SexComparison(),
		PhoneComparison(),
		AddressComparison(),
		EthnicityComparison(),
	}
}

// CannotLink reports whether two records hold two different valid CCCD
// numbers that are not one typo apart (the different level of
// NationalIDComparison): such records are not the same person, whatever
// their names say. It does not allocate.
func CannotLink(a, b *Record) bool {
	return a.CCCD != 0 && b.CCCD != 0 && nationalIDLevel(a, b) == IDDifferent
}
